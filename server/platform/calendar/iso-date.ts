/**
 * Calendar-date arithmetic on plain `YYYY-MM-DD` strings.
 * Dates are civil days with no time zone: we map them to a UTC day number so that
 * the host's time zone and DST can never shift a statutory deadline by one day.
 */
import { DomainError } from '../errors.js';

/** Digit value of the char code, or -1 (only ASCII 0–9: what `\d` matches without the u flag). */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The Gregorian leap-year rule. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1–12) of year `y`; 0 for a month that does not exist. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian civil date (H. Hinnant's days_from_civil): plain integer
 * arithmetic — a calendar walk over a scorecard's cases parses and formats millions of dates, and the
 * RegExp + Date round trip this replaces was most of a statutory clock's time.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Days since 1970-01-01 for a valid ISO date, or null if the string is not a real calendar date. Years
 * 0000–0099 are refused, as they always were (Date.UTC read them as 19xx; no statutory date lies there).
 */
export function tryParseIsoDate(iso: unknown): number | null {
  if (typeof iso !== 'string' || iso.length !== 10) return null;
  if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null; // '-'
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const d = digitAt(iso, i);
    if (d < 0) return null;
    y = y * 10 + d;
  }
  const m1 = digitAt(iso, 5);
  const m2 = digitAt(iso, 6);
  const d1 = digitAt(iso, 8);
  const d2 = digitAt(iso, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return null;
  const mo = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return null;
  if (d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

/** True when the string is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(iso: unknown): iso is string {
  return tryParseIsoDate(iso) !== null;
}

/** Day number of a valid ISO date; throws DomainError `invalid_date` otherwise. */
export function parseIsoDate(iso: unknown, field = 'date'): number {
  const n = tryParseIsoDate(iso);
  if (n === null) {
    throw new DomainError('invalid_date', `日期格式不正确（应为 YYYY-MM-DD 的真实日期）：${String(iso)}`, {
      field,
      value: iso,
    });
  }
  return n;
}

/** Formats a day number as `YYYY-MM-DD` (H. Hinnant's civil_from_days; see daysFromCivil). */
export function formatDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Adds (or subtracts) calendar days to an ISO date. */
export function addDays(iso: string, days: number): string {
  return formatDayNumber(parseIsoDate(iso) + days);
}

/** Weekday of an ISO date: 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return weekdayOfDay(parseIsoDate(iso));
}

/** Weekday of a day number (parseIsoDate): 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

/** Year part of an ISO date. */
export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** Compares two ISO dates (lexicographic order equals chronological order for `YYYY-MM-DD`). */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return parseIsoDate(b) - parseIsoDate(a);
}
