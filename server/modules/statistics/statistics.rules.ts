/**
 * Pure rules of the statistics module: the period a query names (year / quarter / month / custom
 * range of China dates), working-day counting over a range, weighted mean and nearest-rank percentile,
 * rates, and the CSV form of a table (UTF-8 with BOM, formula-injection-safe cells). No I/O.
 */
import { invalidField } from '../../platform/errors.js';
import type { TABLE_KEYS } from '../../../contract/statistics.js';

/** The stable names of the tables (URLs, CSV file names, JSON). */
export type TableKey = (typeof TABLE_KEYS)[number];

export type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';
export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'quarter', 'month', 'custom'];

export interface PeriodQuery {
  period?: PeriodKind;
  year?: number;
  quarter?: number;
  month?: number;
  from?: string;
  to?: string;
}

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** e.g. 2026年、2026年第三季度、2026年5月、2026-01-15至2026-03-31 */
  label: string;
  year: number;
  quarter: number | null;
  month: number | null;
}

/** A custom range may span at most this many days (bounded work per query). */
export const MAX_RANGE_DAYS = 366 * 5;
export const MIN_YEAR = 2000;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86400_000);
}

export function isoOfDay(n: number): string {
  return new Date(n * 86400_000).toISOString().slice(0, 10);
}

function validIso(iso: string): boolean {
  return ISO.test(iso) && isoOfDay(dayNumber(iso)) === iso;
}

function lastDayOfMonth(year: number, month: number): string {
  return isoOfDay(Math.floor(Date.UTC(year, month, 0) / 86400_000));
}

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTER_ZH = ['一', '二', '三', '四'];

/**
 * The period of a query, by China dates (`today` is today's China date). Defaults: the current year;
 * a quarter or month without a number is the current one. Years run from 2000 to next year.
 */
export function resolvePeriod(q: PeriodQuery, today: string): Period {
  const thisYear = Number(today.slice(0, 4));
  const kind = q.period ?? (q.from || q.to ? 'custom' : 'year');
  if (!PERIOD_KINDS.includes(kind))
    throw invalidField('period', 'statistics.invalid_period', '统计期间类型不正确');
  if (kind === 'custom') {
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? today;
    if (!validIso(from)) throw invalidField('from', 'statistics.invalid_date', '起始日期格式应为2026-01-01');
    if (!validIso(to)) throw invalidField('to', 'statistics.invalid_date', '截止日期格式应为2026-12-31');
    if (from > to) throw invalidField('from', 'statistics.invalid_range', '起始日期不能晚于截止日期');
    if (Number(from.slice(0, 4)) < MIN_YEAR)
      throw invalidField('from', 'statistics.invalid_range', `起始日期不能早于${MIN_YEAR}年`);
    if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS)
      throw invalidField('to', 'statistics.range_too_long', '自定义期间最长5年');
    return {
      kind,
      from,
      to,
      label: `${from}至${to}`,
      year: Number(from.slice(0, 4)),
      quarter: null,
      month: null,
    };
  }
  const year = q.year ?? thisYear;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > thisYear + 1)
    throw invalidField('year', 'statistics.invalid_year', `年份应在${MIN_YEAR}年至${thisYear + 1}年之间`);
  if (kind === 'year')
    return {
      kind,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      label: `${year}年`,
      year,
      quarter: null,
      month: null,
    };
  if (kind === 'quarter') {
    const quarter = q.quarter ?? Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
      throw invalidField('quarter', 'statistics.invalid_quarter', '季度应为1至4');
    const first = (quarter - 1) * 3 + 1;
    return {
      kind,
      from: `${year}-${pad(first)}-01`,
      to: lastDayOfMonth(year, first + 2),
      label: `${year}年第${QUARTER_ZH[quarter - 1]}季度`,
      year,
      quarter,
      month: null,
    };
  }
  const month = q.month ?? Number(today.slice(5, 7));
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw invalidField('month', 'statistics.invalid_month', '月份应为1至12');
  return {
    kind,
    from: `${year}-${pad(month)}-01`,
    to: lastDayOfMonth(year, month),
    label: `${year}年${month}月`,
    year,
    quarter: null,
    month,
  };
}

/** The months (YYYY-MM) a date range touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${pad(m)}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Working days in (a, b] — the calendar's `workdaysBetween` — answered from prefix sums over
 * [lo, hi], so counting many pairs costs one pass over the range. Dates outside the range fall back
 * to `slow` (the calendar itself).
 */
export function workdayCounter(
  isWorkday: (iso: string) => boolean,
  lo: string,
  hi: string,
  slow: (a: string, b: string) => number,
): (a: string, b: string) => number {
  const start = dayNumber(lo);
  const end = dayNumber(hi);
  const prefix = new Int32Array(Math.max(0, end - start + 1));
  let acc = 0;
  for (let d = start; d <= end; d++) {
    if (d > start && isWorkday(isoOfDay(d))) acc++;
    prefix[d - start] = acc;
  }
  return (a, b) => {
    const da = dayNumber(a);
    const db = dayNumber(b);
    if (da < start || db < start || da > end || db > end) return slow(a, b);
    return prefix[db - start]! - prefix[da - start]!;
  };
}

export interface Weighted {
  value: number;
  weight: number;
}

/** Weighted mean rounded to one decimal; null without weight. */
export function weightedMean(xs: readonly Weighted[]): number | null {
  let sum = 0;
  let n = 0;
  for (const x of xs) {
    sum += x.value * x.weight;
    n += x.weight;
  }
  return n > 0 ? Math.round((sum / n) * 10) / 10 : null;
}

/**
 * Nearest-rank percentile (p in (0, 100]) of values with integer weights (a weight is how many
 * cases took that many days): the smallest value v with at least ⌈p/100 · N⌉ cases ≤ v. Null when N = 0.
 */
export function weightedPercentile(xs: readonly Weighted[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
  const list = xs.filter((x) => x.weight > 0).sort((a, b) => a.value - b.value);
  const total = list.reduce((s, x) => s + x.weight, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total - 1e-9));
  let seen = 0;
  for (const x of list) {
    seen += x.weight;
    if (seen >= rank) return x.value;
  }
  return list[list.length - 1]!.value;
}

/** part ÷ whole as a percent with one decimal; null when whole is 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

// ------------------------------------------------------------------ tables and CSV

export type CellValue = string | number | null;
export type ColumnKind = 'text' | 'count' | 'percent' | 'days';

export interface StatColumn {
  /** stable machine name (CSV header, JSON key) */
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface StatTable {
  key: TableKey;
  title: string;
  columns: StatColumn[];
  rows: Record<string, CellValue>[];
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with an apostrophe (OWASP "CSV injection"); cells with a comma, quote or line break are quoted.
 */
export function csvCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV: UTF-8 BOM (Excel), a header of the stable column keys, CRLF lines. */
export function tableCsv(t: StatTable): string {
  const lines = [t.columns.map((c) => csvCell(c.key)).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvCell(r[c.key] ?? null)).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** How a cell reads in a table: counts as is, percents with %, days with one decimal, null as —. */
export function formatCell(v: CellValue, kind: ColumnKind): string {
  if (v === null || v === '') return '—';
  if (kind === 'percent') return `${v}%`;
  return String(v);
}
