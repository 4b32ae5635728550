import type { GongkaiModule } from '../module.js';
import { statisticsRoutes } from './statistics.routes.js';
import { statisticsPortal } from './statistics.portal.js';

/** Statistics (统计, issue 19 item 6): console figures per agency and rolled up, and 政务公开数据 on the portal. */
export const statisticsModule: GongkaiModule = {
  name: 'statistics',
  routes: async (app, c, portal) => {
    await statisticsRoutes(app, c);
    await statisticsPortal(app, c, portal);
  },
};
