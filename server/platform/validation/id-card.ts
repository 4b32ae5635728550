/**
 * 居民身份证号码 (18-digit citizen identity number) per GB 11643-1999:
 * 6-digit 地址码 (GB/T 2260) · 8-digit 出生日期码 YYYYMMDD · 3-digit 顺序码 (odd = male)
 * · 1 check char by ISO 7064 MOD 11-2 ('X' stands for 10).
 *
 * Also the masking rules used wherever personal data is shown in published text or logs.
 */
import { DomainError } from '../errors.js';
import { daysInMonth } from '../calendar/iso-date.js';

// ISO 7064 MOD 11-2 weights: 2^(17−i) mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/**
 * First two digits (省级地址码) that GB/T 2260 assigns, plus 71 台湾 and 81/82/83 used by
 * 港澳台居民居住证 numbers (which follow the same check-digit scheme).
 */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export type IdCardFailure = 'length' | 'charset' | 'region' | 'birth_date' | 'check_char';

export type IdCardResult =
  | { ok: true; normalized: string; region: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: IdCardFailure; messageZh: string };

export interface IdCardOptions {
  /** Today as 'YYYY-MM-DD'; when given, a birth date after it is rejected (no clock is read here). */
  today?: string;
}

const MESSAGES: Record<IdCardFailure, string> = {
  length: '居民身份证号码应为18位',
  charset: '居民身份证号码只能由数字和末位X组成',
  region: '居民身份证号码的地址码不存在',
  birth_date: '居民身份证号码中的出生日期无效',
  check_char: '居民身份证号码校验位错误',
};

/** Computes the ISO 7064 MOD 11-2 check char for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11);
}

/** True when y-m-d is a real Gregorian calendar date. */
function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** Validates an 18-digit 居民身份证号码 (region, real birth date, check char). */
export function validateIdCard(value: string, options: IdCardOptions = {}): IdCardResult {
  const normalized = value.replace(/[\s\u3000]/g, '').toUpperCase();
  const fail = (reason: IdCardFailure): IdCardResult => ({ ok: false, reason, messageZh: MESSAGES[reason] });
  if (normalized.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail('charset');
  if (!PROVINCE_CODES.has(normalized.slice(0, 2))) return fail('region');
  const y = Number(normalized.slice(6, 10));
  const m = Number(normalized.slice(10, 12));
  const d = Number(normalized.slice(12, 14));
  // 1900 is a generous floor: second-generation cards began in 2004, holders born after 1890 at most.
  if (y < 1900 || !isRealDate(y, m, d)) return fail('birth_date');
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (options.today !== undefined && birthDate > options.today) return fail('birth_date');
  if (idCardCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) return fail('check_char');
  const sex = (normalized.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, region: normalized.slice(0, 6), birthDate, sex };
}

/** Returns the normalized number or throws DomainError `invalid_id_number` naming the field. */
export function assertIdCard(value: string, field: string, options: IdCardOptions = {}): string {
  const r = validateIdCard(value, options);
  if (r.ok) return r.normalized;
  throw new DomainError('invalid_id_number', r.messageZh, { field, reason: r.reason });
}

/**
 * Masks an ID number keeping the first 3 and last 4 characters: '110101199003074514' →
 * '110***********4514'. Why 3, not the common 6: the 6-digit 地址码 names the county, which
 * together with a published name narrows a person down too far; 3 digits keep only the
 * province/city for a reviewer to recognise the number. Length is preserved so offsets stay valid.
 */
export function maskIdCard(value: string): string {
  return maskMiddle(value, 3, 4);
}

/**
 * Masks a personal name keeping the first character: '张三丰' → '张**', '张三' → '张*', '张' → '*'.
 * Separators such as '·' in names like '买买提·艾力' are kept so the shape stays readable.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  return (
    chars[0] +
    chars
      .slice(1)
      .map((c) => (c === '·' || c === '•' ? c : '*'))
      .join('')
  );
}

/**
 * Masks a phone number keeping the first 3 and last 4 digits of a mobile ('13812345678' →
 * '138****5678') and, for a landline with an area code, the area code and last 4 digits
 * ('0591-87654321' → '0591-****4321'). Separators are preserved.
 */
export function maskPhone(value: string): string {
  const landline = /^(\(?0\d{2,3}\)?[-\s]?)(\d{7,8})((?:[-转#]\d{1,6})?)$/.exec(value.trim());
  if (landline) {
    const [, area = '', local = '', ext = ''] = landline;
    return area + '*'.repeat(local.length - 4) + local.slice(-4) + ext;
  }
  return maskDigits(value, 3, 4);
}

/** Replaces all characters except the first `keepStart` and last `keepEnd` with '*'. */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}

/** Masks digits other than the first `keepStart` and last `keepEnd` digits, keeping separators. */
export function maskDigits(value: string, keepStart: number, keepEnd: number): string {
  let total = 0;
  for (const c of value) if (c >= '0' && c <= '9') total++;
  if (total <= keepStart + keepEnd) return value.replace(/\d/g, '*');
  let seen = 0;
  let out = '';
  for (const c of value) {
    if (c >= '0' && c <= '9') {
      out += seen < keepStart || seen >= total - keepEnd ? c : '*';
      seen++;
    } else out += c;
  }
  return out;
}
