/**
 * Client-side help for 文号 (GB/T 9704 §7.2.4: 机关代字〔年份〕序号号). The server validates
 * (server/platform/validation/wenhao.ts); this only fixes the brackets people type around the year
 * and explains the shape before the round trip.
 */

const YEAR_IN_BRACKETS = /[[【(（［﹝〖〔{]\s*(\d{4})\s*[\]】)）］﹞〗〕}]/g;

/** Full-width digits to ASCII, any bracket pair around a 4-digit year to 〔〕, spaces removed. */
export function normalizeDocNumber(value: string): string {
  return value
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\s\u3000]+/g, '')
    .replace(YEAR_IN_BRACKETS, '〔$1〕');
}

/** A Chinese message when the 文号 cannot be right, else null. Empty is allowed (文号 is optional). */
export function docNumberProblem(value: string | null | undefined): string | null {
  const v = normalizeDocNumber(value ?? '');
  if (!v) return null;
  if (!/^.+〔\d{4}〕.+号$/u.test(v)) return '文号格式应为“机关代字〔年份〕序号号”，如“示应急〔2025〕3号”';
  if (/〔\d{4}〕(第|0)/.test(v)) return '发文顺序号不加“第”字、不编虚位，如“3号”而非“第03号”';
  return null;
}
