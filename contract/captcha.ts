/** Contract of the shared portal captcha (server/modules/captcha). */
import { Type } from 'typebox';
import { PUBLIC_ERRORS, type RouteContract } from './common.js';

export const CaptchaPurpose = Type.String({
  pattern: '^[a-z][a-z0-9_-]{0,39}$',
  maxLength: 40,
  description: '表单用途（apply、mailbox …）',
});
export const CaptchaKind = Type.Union([Type.Literal('image'), Type.Literal('text')], {
  description: 'image 图片；text 文字算术题',
});

export const IssuedCaptchaSchema = Type.Object({
  id: Type.String({ maxLength: 64 }),
  purpose: CaptchaPurpose,
  kind: CaptchaKind,
  svg: Type.Optional(Type.String({ maxLength: 100000 })),
  question: Type.Optional(Type.String({ maxLength: 100 })),
});

export const newCaptcha = {
  operationId: 'captcha.newCaptcha',
  summary: '换一张验证码（门户表单脚本使用）',
  description: '签发一个新的一次性验证码：图片（SVG）或中文算术题（适合读屏软件）。有效期10分钟。',
  tags: ['验证码'],
  querystring: Type.Object({ purpose: CaptchaPurpose, kind: Type.Optional(CaptchaKind) }),
  response: { 200: IssuedCaptchaSchema },
  errors: PUBLIC_ERRORS,
} satisfies RouteContract;

export const captchaScript = {
  operationId: 'captcha.getScript',
  summary: '验证码换图脚本',
  tags: ['验证码'],
  response: { 200: Type.String({ description: 'JavaScript' }) },
  produces: ['text/javascript'],
  errors: [],
  hide: true,
} satisfies RouteContract;
