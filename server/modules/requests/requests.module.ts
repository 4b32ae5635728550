import type { GongkaiModule } from '../module.js';
import { requestsRoutes } from './requests.routes.js';
import { seedRequestsDemo } from './requests.demo.js';
import { REQUEST_NOTIFY_TEMPLATES } from './notices.js';

/** Requests module (依申请公开): API, portal pages (/apply, /track), reminders, demo cases. */
export const requestsModule: GongkaiModule = {
  name: 'requests',
  routes: requestsRoutes,
  demo: seedRequestsDemo,
  notifyTemplates: REQUEST_NOTIFY_TEMPLATES,
};
