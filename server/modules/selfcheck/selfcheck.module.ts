import type { GongkaiModule } from '../module.js';
import { selfcheckRoutes } from './selfcheck.routes.js';
import { selfcheckCli } from './selfcheck.cli.js';
import { selfcheckDemo } from './selfcheck.demo.js';
import { rememberApp, scheduledCheck } from './selfcheck.schedule.js';

/** 检查指标自查: daily crawl of each agency portal, dated reports with findings, trend, CSV. */
export const selfcheckModule: GongkaiModule = {
  name: 'selfcheck',
  routes: async (app, c) => {
    rememberApp(c, app);
    await selfcheckRoutes(app, c);
  },
  demo: (ctx, agency) => selfcheckDemo(ctx, agency),
  cli: selfcheckCli,
  worker: scheduledCheck,
};
