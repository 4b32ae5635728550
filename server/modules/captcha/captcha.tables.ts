/**
 * Tables of the captcha module (owned here; other modules call `index.ts`).
 * A captcha answer lives a few minutes, keyed by a random id carried in a hidden form field.
 */
export type CaptchaKind = 'image' | 'text';

export interface CaptchasTable {
  id: string;
  /** Which form issued it ('apply', 'mailbox' …): a captcha from one form does not pass another. */
  purpose: string;
  /** 'image' (SVG characters) or 'text' (a Chinese arithmetic question readable by screen readers). */
  kind: CaptchaKind;
  answer_hash: string;
  expires_at: string;
  used_at: string | null;
}

export interface CaptchaTables {
  captchas: CaptchasTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = ['captchas'] as const satisfies readonly (keyof CaptchaTables)[];
