import type { GongkaiModule } from '../module.js';
import { systemActor } from '../../platform/actor.js';
import { supervisionRoutes } from './supervision.routes.js';
import { supervisionDemo } from './supervision.demo.js';
import { notifyOverdue } from './tasks.js';

/** Supervision (监督): read-only boards over the agencies below a supervisor, and 督办 tasks. */
export const supervisionModule: GongkaiModule = {
  name: 'supervision',
  routes: async (app, c) => {
    await supervisionRoutes(app, c);
  },
  demo: (ctx, agency) => supervisionDemo(ctx, agency),
  // Overdue 督办: tell the receiver and the issuer once (the sweep is one indexed query when idle).
  worker: (c) => notifyOverdue(c.ctx, systemActor('督办逾期提醒')),
};
