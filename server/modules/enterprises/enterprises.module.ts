import type { GongkaiModule } from '../module.js';
import { enterprisesRoutes } from './enterprises.routes.js';
import { enterprisesDemo } from './enterprises.demo.js';
import { registerEnterpriseCommands } from './enterprises.cli.js';

/** 智慧安监: enterprise registry, enterprise accounts and area, 双随机一公开, safety credit, portal pages. */
export const enterprisesModule: GongkaiModule = {
  name: 'enterprises',
  routes: enterprisesRoutes,
  demo: (ctx, agency) => enterprisesDemo(ctx, agency),
  cli: registerEnterpriseCommands,
};
