import type { GongkaiModule } from '../module.js';
import { eventsRoutes } from './events.routes.js';
import { eventsPortal } from './events.portal.js';
import { eventsDemo } from './events.demo.js';

/** Events (发布会、听证会、论坛 …) and 建议提案办理, with public pages and the annual-report feed. */
export const eventsModule: GongkaiModule = {
  name: 'events',
  routes: async (app, c, portal) => {
    await eventsRoutes(app, c);
    await eventsPortal(app, c, portal);
  },
  demo: (ctx, agency) => eventsDemo(ctx, agency),
};
