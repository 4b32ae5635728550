/**
 * Pure rules of the notify module: address validation, templates and their placeholders, quiet hours,
 * retry backoff, splitting Chinese SMS into UCS-2 concatenated parts, and SMPP delivery receipts.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';

export type NotifyChannel = 'email' | 'sms';
export type RecipientKind = 'applicant' | 'correspondent' | 'staff' | 'public' | 'enterprise' | 'unit';
export const RECIPIENT_KINDS: readonly RecipientKind[] = [
  'applicant',
  'correspondent',
  'staff',
  'public',
  'enterprise',
  'unit',
];
export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  applicant: '申请人',
  correspondent: '来信人',
  staff: '工作人员',
  public: '公众订阅者',
  enterprise: '企业',
  unit: '下属单位',
};

/** A module's default message for one template key and channel (GongkaiModule.notifyTemplates). */
export interface NotifyTemplateDefault {
  /** `<module>.<what>`, e.g. 'requests.receipt' */
  key: string;
  channel: NotifyChannel;
  /** What it is, for the office's template editor (Chinese). */
  name: string;
  /** E-mail subject (may hold placeholders); ignored for SMS. */
  subject?: string;
  body: string;
  /** Placeholder name → what it holds (Chinese). Only these may appear as {{name}}. */
  placeholders: Record<string, string>;
}

// ── addresses ──

/** Normalises a mainland China mobile number (strips spaces, hyphens, +86/0086). */
export function normaliseMobile(s: string): string {
  return s.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

/** null when `s` is a mainland China mobile number, else the reason (Chinese). */
export function validateMobile(s: string): string | null {
  const m = normaliseMobile(s ?? '');
  if (m === '') return '请填写手机号码';
  if (!/^\d+$/.test(m)) return '手机号码只能包含数字';
  if (m.length !== 11) return `手机号码应为11位数字（当前${m.length}位）`;
  if (!/^1[3-9]/.test(m)) return '手机号码应以13至19开头';
  return null;
}

/** null when `s` is a usable e-mail address, else the reason (Chinese). */
export function validateEmail(s: string): string | null {
  const e = (s ?? '').trim();
  if (e === '') return '请填写电子邮箱';
  if (e.length > 254) return '电子邮箱过长（最多254个字符）';
  if (/\s/.test(e)) return '电子邮箱不能包含空格';
  const at = e.lastIndexOf('@');
  if (at <= 0 || at !== e.indexOf('@')) return '电子邮箱格式不正确：应为“用户名@域名”，且只含一个@';
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  if (local.length > 64) return '电子邮箱@前的部分过长（最多64个字符）';
  if (
    !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  )
    return '电子邮箱@前的部分含有不允许的字符';
  if (!/^[A-Za-z0-9\u00a0-\uffff-]+(\.[A-Za-z0-9\u00a0-\uffff-]+)+$/.test(domain))
    return '电子邮箱@后的域名格式不正确（例如 example.com）';
  if (domain.split('.').some((l) => l.startsWith('-') || l.endsWith('-') || l.length > 63))
    return '电子邮箱@后的域名格式不正确（例如 example.com）';
  return null;
}

// ── templates ──

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The placeholder names used in a template text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/**
 * Problems of a template text (Chinese), empty when it may be saved: every {{name}} must be one of
 * the known placeholders, and braces must be balanced.
 */
export function templateProblems(text: string, known: readonly string[]): string[] {
  const problems: string[] = [];
  const unknown = placeholdersIn(text).filter((p) => !known.includes(p));
  if (unknown.length > 0)
    problems.push(
      `模板含有未知的占位符：${unknown.map((u) => `{{${u}}}`).join('、')}；可用的占位符：${
        known.length ? known.map((k) => `{{${k}}}`).join('、') : '（无）'
      }`,
    );
  const stripped = text.replace(PLACEHOLDER, '');
  if (stripped.includes('{{') || stripped.includes('}}')) problems.push('模板中的“{{”与“}}”不成对');
  return problems;
}

/** Fills {{name}} with data[name]; names without a value are reported in `missing`. */
export function renderTemplate(
  text: string,
  data: Record<string, string>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (_all, name: string) => {
    const v = data[name];
    if (v === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return v;
  });
  return { text: out, missing };
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The HTML body of an e-mail: the text, escaped, paragraphs and line breaks kept, links clickable. */
export function textToHtml(text: string): string {
  const paras = text.split(/\n{2,}/).map((p) =>
    escapeHtml(p)
      .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
      .replace(/\n/g, '<br>'),
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>${paras
    .map((p) => `<p>${p}</p>`)
    .join('')}</body></html>`;
}

// ── quiet hours (防打扰) ──

export interface QuietHours {
  /** HH:MM China time */
  start: string;
  end: string;
}

/** Default quiet hours per recipient kind: people outside the agency are not disturbed at night. */
export const DEFAULT_QUIET_HOURS: Record<RecipientKind, QuietHours | null> = {
  applicant: { start: '21:00', end: '08:00' },
  correspondent: { start: '21:00', end: '08:00' },
  public: { start: '21:00', end: '08:00' },
  enterprise: { start: '21:00', end: '07:30' },
  staff: null,
  unit: null,
};

export function isClockTime(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message may be sent at `now` under quiet hours: null when now is outside them, else the
 * instant they end (China time; a window may span midnight, e.g. 21:00–08:00).
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const minute = china.getUTCHours() * 60 + china.getUTCMinutes();
  const s = minutesOf(quiet.start);
  const e = minutesOf(quiet.end);
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return null;
  const dayStart =
    Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()) - CHINA_OFFSET_MS;
  let end = dayStart + e * 60_000;
  if (end <= now.getTime()) end += 24 * 3600_000;
  return new Date(end);
}

// ── retries ──

export const MAX_ATTEMPTS = 6;

/** Backoff before the next attempt after `attempts` failed ones: 30 s, 1, 2, 4, 8 min; null = give up. */
export function retryDelayMs(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}

// ── SMS ──

/** UCS-2 (data_coding 8): 70 characters in one SMS, 67 per part when concatenated (6-byte UDH). */
export const UCS2_SINGLE = 70;
export const UCS2_PART = 67;

/** Splits a message into UCS-2 code units per part, never cutting a surrogate pair. */
export function splitUcs2(text: string): string[] {
  if (text.length <= UCS2_SINGLE) return [text];
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + UCS2_PART, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts;
}

/** UTF-16BE bytes of a string (UCS-2 as SMSCs expect it). */
export function ucs2(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

/**
 * The short_message payloads of an SMS: one UCS-2 buffer, or for a long text one per part each with
 * a concatenation UDH (IEI 0x00, 8-bit reference, total, sequence from 1).
 */
export function smsPayloads(text: string, reference: number): { udh: boolean; payload: Buffer }[] {
  const parts = splitUcs2(text);
  if (parts.length === 1) return [{ udh: false, payload: ucs2(parts[0]!) }];
  if (parts.length > 255) throw new Error('短信过长');
  return parts.map((p, i) => ({
    udh: true,
    payload: Buffer.concat([Buffer.from([0x05, 0x00, 0x03, reference & 0xff, parts.length, i + 1]), ucs2(p)]),
  }));
}

/** A parsed SMPP delivery receipt ("id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:…"). */
export interface DeliveryReceipt {
  id: string;
  stat: string;
  delivered: boolean;
  final: boolean;
  err: string | null;
}

export function parseReceipt(text: string): DeliveryReceipt | null {
  const id = /\bid:(\S+)/i.exec(text)?.[1];
  const stat = /\bstat:(\S+)/i.exec(text)?.[1]?.toUpperCase();
  if (!id || !stat) return null;
  const err = /\berr:(\S+)/i.exec(text)?.[1] ?? null;
  return {
    id,
    stat,
    delivered: stat === 'DELIVRD',
    final: ['DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD', 'UNKNOWN'].includes(stat),
    err,
  };
}

/** What the console and reports show for a status. */
export const STATUS_LABELS: Record<string, string> = {
  pending: '排队中',
  sending: '发送中',
  sent: '已发出（待回执）',
  delivered: '已送达',
  failed: '发送失败',
  recorded: '未发送（仅记录）',
  cancelled: '已取消',
};

// ── signed subscription links ──

/**
 * The signature of a subscription link (`confirm` or `unsubscribe`) for one subscription id: an HMAC
 * with the server's secret (SESSION_SECRET or DATA_DIR's persisted key, never in the database), so a
 * link for another subscription, or for the other purpose, cannot be made up.
 */
export function subscriptionSignature(
  secret: string,
  purpose: 'confirm' | 'unsubscribe',
  id: string,
): string {
  return createHmac('sha256', secret)
    .update(`notify-subscription:${purpose}:${id}`)
    .digest('base64url')
    .slice(0, 32);
}

export function verifySubscriptionSignature(
  secret: string,
  purpose: 'confirm' | 'unsubscribe',
  id: string,
  sig: string,
): boolean {
  const want = Buffer.from(subscriptionSignature(secret, purpose, id));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Problems of saved-search words for a subscription (Chinese), or null. */
export function searchWordsProblem(words: string): string | null {
  const w = words.trim();
  if (w === '') return '请填写要订阅的检索词';
  if (w.length > 50) return '检索词过长（最多50个字）';
  if (!/[\p{L}\p{N}]/u.test(w)) return '检索词须包含文字或数字';
  return null;
}

// ── RSS 2.0 feeds ──

export interface FeedItem {
  title: string;
  link: string;
  description: string;
  /** ISO time */
  pubDate: string;
}

const xmlEscape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
// characters XML 1.0 does not allow (control characters other than tab, newline, carriage return)
const xmlText = (s: string) =>
  xmlEscape(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

/** An RSS 2.0 document (RFC 822 dates, permalink guids, Atom self link). */
export function rssFeed(feed: {
  title: string;
  link: string;
  selfLink: string;
  description: string;
  items: FeedItem[];
  now: string;
}): string {
  const date = (iso: string) => new Date(iso).toUTCString();
  const newest =
    feed.items
      .map((i) => i.pubDate)
      .sort()
      .at(-1) ?? feed.now;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>\n' +
    `<title>${xmlText(feed.title)}</title>\n<link>${xmlText(feed.link)}</link>\n` +
    `<atom:link href="${xmlText(feed.selfLink)}" rel="self" type="application/rss+xml"/>\n` +
    `<description>${xmlText(feed.description)}</description>\n<language>zh-cn</language>\n` +
    `<lastBuildDate>${date(newest)}</lastBuildDate>\n` +
    feed.items
      .map(
        (i) =>
          `<item><title>${xmlText(i.title)}</title><link>${xmlText(i.link)}</link>` +
          `<guid isPermaLink="true">${xmlText(i.link)}</guid><pubDate>${date(i.pubDate)}</pubDate>` +
          `<description>${xmlText(i.description)}</description></item>\n`,
      )
      .join('') +
    '</channel></rss>\n'
  );
}
