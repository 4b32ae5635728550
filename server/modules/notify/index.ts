/**
 * The notify module's public surface for other modules (see README.md in this folder):
 *
 * - `enqueueNotification(trx, clock, req)` — one e-mail or SMS through the durable sending queue,
 *   rendered from a template, sent only if `trx` commits, idempotent by key.
 * - `notifyStaff(trx, clock, n)` — the console notification centre, plus e-mail/SMS per user preference.
 * - `validateMobile` / `validateEmail` — the Chinese reason an address is unusable, or null.
 * - `notifyPrefsOf(db, userIds)` — those users' notification preferences (mobile, e-mail), for a module that
 *   addresses staff itself (warnings).
 * - Default templates: a module lists them in `GongkaiModule.notifyTemplates`.
 */
export {
  enqueueNotification,
  enqueueMany,
  notifyStaff,
  checkAddress,
  type NotifyRequest,
} from './notify.service.js';
export { prefsOf as notifyPrefsOf } from './notify.repository.js';
export {
  validateMobile,
  validateEmail,
  normaliseMobile,
  type NotifyChannel,
  type RecipientKind,
  type NotifyTemplateDefault,
} from './notify.rules.js';
