import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { routeSchema } from '../../../contract/common.js';
import { captchaScript, newCaptcha } from '../../../contract/captcha.js';
import { issueCaptcha } from './captcha.service.js';
import { CAPTCHA_SCRIPT } from './captcha.script.js';

/** The captcha's two public endpoints: the enhancement script and "换一张" for it. */
export async function captchaRoutes(app: App, c: Container): Promise<void> {
  app.get(
    '/captcha/captcha.js',
    { config: { access: PUBLIC }, schema: routeSchema(captchaScript) },
    async (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(CAPTCHA_SCRIPT),
  );
  app.get(
    '/captcha/new',
    {
      config: { access: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: routeSchema(newCaptcha),
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return issueCaptcha(c.ctx, req.query.purpose, req.query.kind ?? 'image');
    },
  );
}
