/**
 * 发文字号 (文号) such as 国办公开办函〔2021〕30号. GB/T 9704-2012 §7.2.4: 机关代字 + 年份 + 发文顺序号;
 * the year is written in full inside 六角括号 〔〕 (U+3014/U+3015); the serial has no “第” and
 * no leading zeros (“不编虚位”), followed by “号”.
 */
import { DomainError } from '../errors.js';

export type WenhaoFailure = 'empty' | 'shape' | 'agency_code' | 'year' | 'serial';

export type WenhaoResult =
  | { ok: true; normalized: string; agencyCode: string; year: number; serial: number }
  | { ok: false; reason: WenhaoFailure; messageZh: string };

const MESSAGES: Record<WenhaoFailure, string> = {
  empty: '文号不能为空',
  shape: '文号格式应为“机关代字〔年份〕序号号”，如“国办发〔2017〕47号”',
  agency_code: '文号的机关代字只能由汉字或字母组成（可含括注，如“民委（政）字”）',
  year: '文号中的年份无效',
  serial: '文号的发文顺序号应为不带“第”字、不编虚位的阿拉伯数字（如“1号”而非“第01号”）',
};

// Brackets people type around the year instead of 〔〕: ASCII [] (), 【】, full-width （）［］,
// small ﹝﹞, 〖〗, {} — and 〔〕 themselves so mixed pairs like “(2021〕” also come out right.
const YEAR_IN_BRACKETS = /[[【(（［﹝〖〔{]\s*(\d{4})\s*[\]】)）］﹞〗〕}]/g;

/** Normalizes a 文号: full-width digits to ASCII, any bracket pair around a 4-digit year to 〔〕, other () to （）, no spaces. */
export function normalizeWenhao(value: string): string {
  return (
    value
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
      .replace(/[\s\u3000]+/g, '')
      .replace(YEAR_IN_BRACKETS, '〔$1〕')
      // Remaining ASCII parentheses belong to the 机关代字 (e.g. 民委（政）字); official text uses full width.
      .replace(/\(/g, '（')
      .replace(/\)/g, '）')
  );
}

/** Normalizes and validates a 文号, returning its parts. */
export function validateWenhao(value: string): WenhaoResult {
  const normalized = normalizeWenhao(value);
  const fail = (reason: WenhaoFailure): WenhaoResult => ({ ok: false, reason, messageZh: MESSAGES[reason] });
  if (normalized === '') return fail('empty');
  const m = /^(.+?)〔(\d{4})〕(.+)号$/u.exec(normalized);
  if (!m) return fail('shape');
  const [, agencyCode = '', yearText = '', serialText = ''] = m;
  if (!/^[\p{Script=Han}A-Za-z]+(?:（[\p{Script=Han}A-Za-z]+）[\p{Script=Han}A-Za-z]*)*$/u.test(agencyCode))
    return fail('agency_code');
  const year = Number(yearText);
  if (year < 1949 || year > 2099) return fail('year');
  if (!/^[1-9]\d{0,5}$/.test(serialText)) return fail('serial');
  return { ok: true, normalized, agencyCode, year, serial: Number(serialText) };
}

/** Returns the normalized 文号 or throws DomainError `invalid_wenhao` naming the field. */
export function assertWenhao(value: string, field: string): string {
  const r = validateWenhao(value);
  if (r.ok) return r.normalized;
  throw new DomainError('invalid_wenhao', r.messageZh, { field, reason: r.reason });
}
