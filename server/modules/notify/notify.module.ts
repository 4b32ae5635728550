import type { GongkaiModule } from '../module.js';
import { notifyRoutes } from './notify.routes.js';

/** Notify module: the sending queue and its worker, templates, the staff notification centre. */
export const notifyModule: GongkaiModule = {
  name: 'notify',
  async routes(app, c) {
    await notifyRoutes(app, c);
  },
};
