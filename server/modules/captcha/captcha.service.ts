/**
 * The portal captcha shared by every public form (依申请公开 /apply, the mailbox, consultations …).
 * Two kinds, chosen by the person: an SVG image of characters, or a Chinese arithmetic question in
 * plain text (readable by screen readers — WCAG 1.1.1 asks for a non-visual alternative). An answer
 * is used once: consuming is one atomic UPDATE (captcha.repository.consume).
 */
import { createHash, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type svgCaptcha from 'svg-captcha';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { nowIso } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import * as repo from './captcha.repository.js';
import { arithmeticQuestion, normaliseAnswer } from './captcha.rules.js';
import type { CaptchaKind } from './captcha.tables.js';

/** What the captcha needs: a database handle (a transaction works too) and the clock. */
export interface CaptchaCtx {
  db: Kysely<DB>;
  clock: Clock;
}

export interface IssuedCaptcha {
  id: string;
  purpose: string;
  kind: CaptchaKind;
  /** image: the SVG markup (no script; from svg-captcha). */
  svg?: string;
  /** text: the question to show as text. */
  question?: string;
}

export const CAPTCHA_TTL_MS = 10 * 60_000;

// svg-captcha (~10 MB resident with its font) loads with the first image captcha, not at server start.
const require = createRequire(import.meta.url);
let captchaLib: typeof svgCaptcha | undefined;
const captchas = (): typeof svgCaptcha => (captchaLib ??= require('svg-captcha') as typeof svgCaptcha);

/** How captchas are made (tests replace these to know the answers). */
export const captchaFactory = {
  create: (): { text: string; data: string } =>
    captchas().create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: false, background: '#ffffff' }),
  question: (): { question: string; answer: string } =>
    arithmeticQuestion(randomInt(1000) / 1000, randomInt(1000) / 1000, randomInt(1000) / 1000),
};

/** The stored hash binds the answer to the captcha id, so equal answers do not share hashes. */
const hashAnswer = (id: string, text: string) =>
  createHash('sha256')
    .update(`${id}:${normaliseAnswer(text)}`)
    .digest('hex');

/** Issues a captcha for a form (`purpose`), image by default, text when the person chose it. */
export async function issueCaptcha(
  ctx: CaptchaCtx,
  purpose: string,
  kind: CaptchaKind = 'image',
): Promise<IssuedCaptcha> {
  const id = newId();
  const now = nowIso(ctx.clock);
  let answer: string;
  let shown: { svg?: string; question?: string };
  if (kind === 'text') {
    const q = captchaFactory.question();
    answer = q.answer;
    shown = { question: q.question };
  } else {
    const cap = captchaFactory.create();
    answer = cap.text;
    shown = { svg: cap.data };
  }
  await repo.insertCaptcha(ctx.db, {
    id,
    purpose,
    kind,
    answer_hash: hashAnswer(id, answer),
    expires_at: new Date(ctx.clock.now().getTime() + CAPTCHA_TTL_MS).toISOString(),
    used_at: null,
  });
  await repo.sweepExpired(ctx.db, now);
  return { id, purpose, kind, ...shown };
}

/**
 * Checks and consumes a captcha (one use, even when the answer is wrong). Returns a Chinese message
 * for the form, or null when it passed.
 */
export async function checkCaptcha(
  ctx: CaptchaCtx,
  id: string,
  answer: string,
  purpose?: string,
): Promise<string | null> {
  if (!id || !answer.trim()) return '请输入验证码';
  const row = await repo.consume(ctx.db, id.slice(0, 64), nowIso(ctx.clock));
  if (!row || (purpose !== undefined && row.purpose !== purpose)) return '验证码已过期，请重新输入';
  return row.answer_hash === hashAnswer(id, answer) ? null : '验证码不正确';
}

/** Consumes a captcha; true only for the one caller that used it first with the right answer. */
export async function consumeCaptcha(
  ctx: CaptchaCtx,
  id: string,
  answer: string,
  purpose?: string,
): Promise<boolean> {
  return (await checkCaptcha(ctx, id, answer, purpose)) === null;
}

/** Form field names the captcha uses (hidden id, answer, kind, the refresh button). */
export const CAPTCHA_FIELDS = {
  id: 'captchaId',
  answer: 'captcha',
  kind: 'captchaKind',
  refresh: 'captchaRefresh',
} as const;

/**
 * When the person pressed "换一张" or switched to the text question (a submit button, so it works
 * without JavaScript), the kind of the new captcha; otherwise null (a real submission).
 */
export function captchaRefreshRequested(body: Record<string, unknown>): CaptchaKind | null {
  const v = body[CAPTCHA_FIELDS.refresh];
  if (v === 'image' || v === 'text') return v;
  return null;
}

/** The captcha kind a form last showed (kept across re-renders). */
export function captchaKindOf(body: Record<string, unknown>): CaptchaKind {
  return body[CAPTCHA_FIELDS.kind] === 'text' ? 'text' : 'image';
}
