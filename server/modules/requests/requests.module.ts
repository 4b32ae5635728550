import type { GongkaiModule } from '../module.js';
import { onCalendarChanged } from '../calendar/calendar.service.js';
import { requestsRoutes } from './requests.routes.js';
import { seedRequestsDemo } from './requests.demo.js';
import { REQUEST_NOTIFY_TEMPLATES } from './notices.js';
import { recordCalendarRecompute } from './reminders.js';
import { renderPendingLetters } from './letter-renders.js';

/** Requests module (依申请公开): API, portal pages (/apply, /track), reminders, demo cases. */
export const requestsModule: GongkaiModule = {
  name: 'requests',
  wire(c) {
    // A changed holiday schedule moves the deadlines of open cases, inside the change's transaction.
    onCalendarChanged(c.events, 'requests', async (trxCtx, change) => {
      const moved = await recordCalendarRecompute(
        trxCtx,
        change.previousCalendar,
        change.calendar,
        change.actor,
      );
      return {
        module: 'requests',
        summary: `依申请公开：${moved} 件在办申请的答复期限因${change.year}年放假安排变更而调整`,
        affected: moved,
      };
    });
  },
  routes: requestsRoutes,
  // Letters issued without their file (受理回执 at intake) are rendered here, after the commit.
  worker: (c) => renderPendingLetters(c.ctx),
  demo: seedRequestsDemo,
  notifyTemplates: REQUEST_NOTIFY_TEMPLATES,
};
