/**
 * Public surface of the captcha module. Portal forms:
 *   1. GET: `issueCaptcha(ctx, '<purpose>')` and render `<CaptchaField captcha={…} />` inside the <form>;
 *   2. POST: if `captchaRefreshRequested(body)` returns a kind, re-render the form with the body's values
 *      and `issueCaptcha(ctx, purpose, kind)` (no errors, nothing saved); otherwise
 *      `checkCaptcha(ctx, body.captchaId, body.captcha, purpose)` → Chinese error or null, then save.
 *   On a re-render after an error, issue a new captcha of `captchaKindOf(body)`.
 */
export {
  issueCaptcha,
  checkCaptcha,
  consumeCaptcha,
  captchaRefreshRequested,
  captchaKindOf,
  captchaFactory,
  CAPTCHA_FIELDS,
  CAPTCHA_TTL_MS,
  type CaptchaCtx,
  type IssuedCaptcha,
} from './captcha.service.js';
export type { CaptchaKind } from './captcha.tables.js';
export { CaptchaField, CAPTCHA_STYLE } from './CaptchaField.js';
export { captchaModule } from './captcha.module.js';
