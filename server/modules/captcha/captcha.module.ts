import type { GongkaiModule } from '../module.js';
import { captchaRoutes } from './captcha.routes.js';

/** Captcha module: one-use portal captchas (image or a Chinese text question) shared by public forms. */
export const captchaModule: GongkaiModule = {
  name: 'captcha',
  routes: async (app, c) => captchaRoutes(app, c),
};
