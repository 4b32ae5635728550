/**
 * Pure rules of the captcha: the text alternative (an arithmetic question in Chinese words that a
 * screen reader reads aloud) and answer normalisation. No I/O.
 */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A number 0–20 in Chinese words (十二, 二十). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`out of range: ${n}`);
  if (n <= 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** A question with its answer, from two random draws in [0, 1). */
export function arithmeticQuestion(r1: number, r2: number, r3: number): { question: string; answer: string } {
  const a = 2 + Math.floor(r1 * 8); // 2–9
  const b = 1 + Math.floor(r2 * 8); // 1–8
  if (r3 < 0.5 || b > a) {
    return { question: `${chineseNumber(a)}加${chineseNumber(b)}等于几？`, answer: String(a + b) };
  }
  return { question: `${chineseNumber(a)}减${chineseNumber(b)}等于几？`, answer: String(a - b) };
}

/**
 * Normalises what a person typed: trims, lower-cases, full-width digits/letters to half-width, and a
 * number written in Chinese words (十二) to digits, so "１２", "12" and "十二" are the same answer.
 */
export function normaliseAnswer(raw: string): string {
  let s = raw.trim().toLowerCase();
  s = s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (/^[零一二两三四五六七八九十]+$/.test(s)) {
    const v = (c: string) => (c === '两' ? 2 : DIGITS.indexOf(c));
    if (s.length === 1) return String(s === '十' ? 10 : v(s));
    const i = s.indexOf('十');
    if (i < 0) return s;
    const tens = i === 0 ? 1 : v(s[0]!);
    const ones = i === s.length - 1 ? 0 : v(s[i + 1]!);
    return String(tens * 10 + ones);
  }
  return s;
}
