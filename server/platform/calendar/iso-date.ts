/**
 * Calendar-date arithmetic on plain `YYYY-MM-DD` strings.
 * Dates are civil days with no time zone: we map them to a UTC day number so that
 * the host's time zone and DST can never shift a statutory deadline by one day.
 */
import { DomainError } from '../errors.js';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date, or null if the string is not a real calendar date. */
export function tryParseIsoDate(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const m = ISO_RE.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC silently rolls 2025-02-30 over to March; a real date round-trips.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
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

/** Formats a day number as `YYYY-MM-DD`. */
export function formatDayNumber(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${dd}`;
}

/** Adds (or subtracts) calendar days to an ISO date. */
export function addDays(iso: string, days: number): string {
  return formatDayNumber(parseIsoDate(iso) + days);
}

/** Weekday of an ISO date: 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((parseIsoDate(iso) + 4) % 7) + 7) % 7;
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
