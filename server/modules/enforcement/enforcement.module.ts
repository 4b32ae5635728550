import type { GongkaiModule } from '../module.js';
import { registerReindexProvider } from '../search/search.service.js';
import { enforcementRoutes } from './enforcement.routes.js';
import { enforcementDemo } from './enforcement.demo.js';
import { registerEnforcementCommands } from './enforcement.cli.js';
import { enforcementReindexProviders } from './enforcement.search.js';

for (const provider of enforcementReindexProviders) registerReindexProvider(provider);

/** Enforcement module (双公示): decisions, 事项, accident reports, hazards, bulk import, portal pages. */
export const enforcementModule: GongkaiModule = {
  name: 'enforcement',
  routes: enforcementRoutes,
  demo: (ctx, agency) => enforcementDemo(ctx, agency),
  cli: registerEnforcementCommands,
};
