import type { GongkaiModule } from '../module.js';
import { scorecardsRoutes } from './scorecards.routes.js';
import { scorecardsDemo } from './scorecards.demo.js';

/** 考核 scorecards (issue 19 item 4): indicator sets per period, computed cards, ranking, contests, exports. */
export const scorecardsModule: GongkaiModule = {
  name: 'scorecards',
  routes: async (app, c) => {
    await scorecardsRoutes(app, c);
  },
  demo: (ctx, agency, government) => scorecardsDemo(ctx, agency, government),
};
