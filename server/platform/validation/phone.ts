/**
 * Mainland China telephone numbers: mobile (1[3-9]xxxxxxxxx), landline with 区号, and the
 * service numbers (400/800, 12xxx 政务热线 such as 12345) an agency may publish as contact.
 */
import { DomainError } from '../errors.js';

export type PhoneKind = 'mobile' | 'landline' | 'service';

export type PhoneResult =
  { ok: true; kind: PhoneKind; normalized: string } | { ok: false; reason: 'format'; messageZh: string };

/** The mobile pattern the scanner and validators share: 11 digits, second digit 3–9. */
export const MOBILE_RE = /^1[3-9]\d{9}$/;
// 3-digit 区号 exist only for 010 (北京) and 020–029; all other area codes have 4 digits.
const LANDLINE_RE = /^(010|02\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|#)(\d{1,6}))?$/i;
const SERVICE_RE = /^(?:[48]00\d{7}|12\d{3})$/;

/** Drops a +86/0086 prefix before a mobile number and every separator between digits. */
function digitsOnly(value: string): string {
  return value
    .trim()
    .replace(/^(?:\+|00)?86[\s-]?(?=1[3-9])/, '')
    .replace(/(?<=\d)[\s.\-\u3000]+(?=\d)/g, '');
}

/** Normalizes a landline to `区号-号码[-分机]` shape: brackets dropped, spaces become hyphens. */
function landlineForm(value: string): string {
  return value
    .trim()
    .replace(/^[（(]\s*(0\d{2,3})\s*[)）]\s*/, '$1-')
    .replace(/\s*(转|ext\.?|#)\s*/gi, '$1')
    .replace(/[\s\u3000]+/g, '-');
}

/** Validates a phone number and returns its kind and normalized form ('0591-87654321-8001', '13812345678'). */
export function validatePhone(value: string): PhoneResult {
  const c = digitsOnly(value);
  if (MOBILE_RE.test(c)) return { ok: true, kind: 'mobile', normalized: c };
  if (SERVICE_RE.test(c)) return { ok: true, kind: 'service', normalized: c };
  const m = LANDLINE_RE.exec(landlineForm(value));
  if (m) {
    const [, area = '', local = '', ext] = m;
    return { ok: true, kind: 'landline', normalized: `${area}-${local}${ext ? `-${ext}` : ''}` };
  }
  return { ok: false, reason: 'format', messageZh: '电话号码格式不正确（手机号码为11位，固定电话需含区号）' };
}

/** True for an 11-digit mainland mobile number (separators and +86 allowed). */
export function isMobile(value: string): boolean {
  const r = validatePhone(value);
  return r.ok && r.kind === 'mobile';
}

/** True for a landline number with area code. */
export function isLandline(value: string): boolean {
  const r = validatePhone(value);
  return r.ok && r.kind === 'landline';
}

/** Returns the normalized number or throws DomainError `invalid_phone` naming the field. */
export function assertPhone(
  value: string,
  field: string,
  allowed: readonly PhoneKind[] = ['mobile', 'landline', 'service'],
): string {
  const r = validatePhone(value);
  if (r.ok && allowed.includes(r.kind)) return r.normalized;
  const messageZh = r.ok ? '不接受此类电话号码' : r.messageZh;
  throw new DomainError('invalid_phone', messageZh, { field });
}
