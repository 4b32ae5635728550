import type { GongkaiModule } from '../module.js';
import { runQueueNow } from '../notify/notify.module.js';
import { warningsDemo } from './warnings.demo.js';
import { warningsPortal } from './warnings.portal.js';
import { warningsRoutes } from './warnings.routes.js';
import { ackBySms, runWarningJobs } from './warnings.service.js';
import { WARNING_TEMPLATES } from './warnings.templates.js';

/** Risk warnings (预警信息发布): record, fast approval, banner, CAP feed, push, 签收, escalation, 解除. */
export const warningsModule: GongkaiModule = {
  name: 'warnings',
  wire(c) {
    c.providers.provide('warnings.env', {
      secret: c.config.sessionSecret,
      baseUrl: c.config.publicBaseUrl,
    });
  },
  async routes(app, c, portal) {
    await warningsRoutes(app, c, () => runQueueNow(c));
    warningsPortal(app, c, portal);
  },
  demo: warningsDemo,
  notifyTemplates: WARNING_TEMPLATES,
  onSmsReply: (ctx, from, text) => ackBySms(ctx, from, text),
  worker: async (c) => {
    const r = await runWarningJobs(c.ctx, {
      secret: c.config.sessionSecret,
      baseUrl: c.config.publicBaseUrl,
    });
    return r.escalated + r.expired;
  },
};
