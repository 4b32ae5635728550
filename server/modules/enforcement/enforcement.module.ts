import type { GongkaiModule } from '../module.js';
import { registerReindexProvider } from '../search/search.service.js';
import { enforcementRoutes } from './enforcement.routes.js';
import { enforcementDemo } from './enforcement.demo.js';
import { registerEnforcementCommands } from './enforcement.cli.js';
import { enforcementReindexProviders } from './enforcement.search.js';

/** Enforcement module (双公示): decisions, 事项, accident reports, hazards, bulk import, portal pages. */
export const enforcementModule: GongkaiModule = {
  name: 'enforcement',
  wire(c) {
    // Decisions, accident reports and hazards are rebuilt by `gongkai search reindex`.
    for (const provider of enforcementReindexProviders) registerReindexProvider(c, provider);
  },
  routes: enforcementRoutes,
  demo: (ctx, agency) => enforcementDemo(ctx, agency),
  cli: registerEnforcementCommands,
};
