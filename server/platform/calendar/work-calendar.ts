/**
 * Working-day calendar (工作日) for statutory clocks.
 *
 * China's working days cannot be computed from weekdays alone: every year the 国务院办公厅
 * publishes 《关于YYYY年部分节假日安排的通知》 with holidays and 调休 working weekends.
 * We vendor the `chinese-days` data per year and treat a year as covered only when that data
 * (or an admin-entered notice) exists. `chinese-days` silently falls back to Mon–Fri for years it
 * does not know (its isWorkday('2027-01-01') is true — 元旦!), so we never call its functions:
 * for uncovered years we estimate Mon–Fri minus the statutory holidays (元旦, 春节 from 除夕, 清明, 劳动节,
 * 端午, 中秋, 国庆; statutory-holidays.ts) and report every uncovered year we touched.
 */
import { statutoryHolidayOn } from './statutory-holidays.js';
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DomainError } from '../errors.js';
import {
  compareIso,
  formatDayNumber,
  isLeapYear,
  parseIsoDate,
  weekday,
  weekdayOfDay,
  yearOf,
} from './iso-date.js';

/** Raw shape of chinese-days' JSON: date → "English,中文,days". */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** An admin-entered year schedule, transcribed from the 国办 holiday notice. */
export interface YearSchedule {
  year: number;
  /** Days off (放假), including weekend days inside a holiday block. */
  holidays: string[];
  /** 调休 working weekends (上班的周六、周日). */
  adjustedWorkdays: string[];
  /** Where it came from, e.g. "国办发明电〔2026〕X号". */
  source: string;
  /** Optional holiday names (date → 春节 …). */
  holidayNames?: Record<string, string>;
}

export type CoverageSource = 'package' | 'admin';
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: string;
  workday: boolean;
  kind: DayKind;
  /** Holiday name (春节, 国庆节 …) where known. */
  name?: string;
  /** True when the year has no official schedule and Mon–Fri was assumed. */
  estimated: boolean;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface AddWorkdaysResult {
  date: string;
  countedDays: string[];
  skippedDays: SkippedDay[];
  uncoveredYears: number[];
  estimated: boolean;
}

export interface WorkdaysBetweenResult {
  /** Working days in (a, b]; negative (−count of (b, a]) when b is before a. */
  count: number;
  countedDays: string[];
  uncoveredYears: number[];
  estimated: boolean;
}

interface DayEntry {
  kind: 'holiday' | 'adjusted_workday';
  name?: string;
}

/** Upper bound on n so a bad input cannot spin the loop (3650 working days ≈ 14 years). */
export const MAX_WORKDAYS = 3650;

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Chinese name from a chinese-days value such as "Spring Festival,春节,4". */
function chineseName(raw: string): string | undefined {
  const name = raw.split(',')[1]?.trim();
  return name ? name : undefined;
}

/** A working-day calendar with explicit per-year coverage and admin overrides. */
export class WorkCalendar {
  private readonly days = new Map<string, DayEntry>();
  private readonly covered = new Map<number, CoverageSource>();
  private readonly adminSources = new Map<number, string>();
  private version: string | undefined;

  /**
   * @param schedules admin-entered schedules; each one replaces the package data for its year.
   * @param data the vendored chinese-days table (injectable for tests; pass an empty table to use admin data only).
   */
  constructor(schedules: YearSchedule[] = [], data: ChineseDaysData = packageData) {
    for (const [date, raw] of Object.entries(data.holidays))
      this.putPackage(date, { kind: 'holiday', name: chineseName(raw) });
    for (const [date, raw] of Object.entries(data.workdays))
      this.putPackage(date, { kind: 'adjusted_workday', name: chineseName(raw) });
    const seen = new Set<number>();
    for (const s of schedules) {
      validateSchedule(s);
      if (seen.has(s.year))
        throw new DomainError('duplicate_schedule', `${s.year}年放假安排重复录入`, { year: s.year });
      seen.add(s.year);
    }
    for (const s of [...schedules].sort((a, b) => a.year - b.year)) this.applySchedule(s);
  }

  private putPackage(date: string, entry: DayEntry): void {
    parseIsoDate(date, 'packageData');
    this.days.set(date, entry);
    this.covered.set(yearOf(date), 'package');
  }

  private applySchedule(s: YearSchedule): void {
    // The admin notice is authoritative for its year: drop the package's entries for that year first.
    for (const date of [...this.days.keys()]) if (yearOf(date) === s.year) this.days.delete(date);
    for (const date of s.holidays) {
      const name = s.holidayNames?.[date];
      this.days.set(date, name ? { kind: 'holiday', name } : { kind: 'holiday' });
    }
    for (const date of s.adjustedWorkdays) this.days.set(date, { kind: 'adjusted_workday' });
    this.covered.set(s.year, 'admin');
    this.adminSources.set(s.year, s.source);
  }

  /** Years with an official schedule and where it came from, ascending. */
  coverage(): { year: number; source: CoverageSource }[] {
    return [...this.covered.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([year, source]) => ({ year, source }));
  }

  /** Identifier of the calendar data in use, to record with each computed deadline. */
  versionId(): string {
    this.version ??= this.computeVersionId();
    return this.version;
  }

  private computeVersionId(): string {
    const years = this.coverage().map((c) =>
      c.source === 'admin' ? `${c.year}:admin(${this.adminSources.get(c.year) ?? ''})` : `${c.year}`,
    );
    let h = 0x811c9dc5;
    for (const [date, e] of [...this.days.entries()].sort((a, b) => compareIso(a[0], b[0]))) {
      for (const ch of `${date}${e.kind}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    }
    return `cal-${h.toString(16).padStart(8, '0')}[${years[0] ?? ''}…${years[years.length - 1] ?? ''}]`;
  }

  /** True when the year has an official (package or admin) schedule. */
  isCovered(year: number): boolean {
    return this.covered.has(year);
  }

  /**
   * Classifies one day. For uncovered years this is an estimate flagged `estimated`: Mon–Fri minus
   * the statutory holidays (statutory-holidays.ts); 调休 and bridging days are unknown until entered.
   */
  dayInfo(iso: string): DayInfo {
    return this.classify(iso, parseIsoDate(iso));
  }

  /** dayInfo of a day number (iso-date.ts parseIsoDate): for walks over many days, no string to re-parse. */
  dayInfoAt(day: number): DayInfo {
    return this.classify(formatDayNumber(day), day);
  }

  /** dayInfo of a day this calendar formatted itself (already valid: the walks skip re-parsing it). */
  private classify(iso: string, day: number): DayInfo {
    const estimated = !this.isCovered(yearOf(iso));
    const entry = this.days.get(iso);
    if (entry) {
      const info: DayInfo = {
        date: iso,
        workday: entry.kind === 'adjusted_workday',
        kind: entry.kind,
        estimated,
      };
      if (entry.name) info.name = entry.name;
      return info;
    }
    // A year without a schedule still has the statutory holidays of 《全国年节及纪念日放假办法》.
    if (estimated) {
      const holiday = statutoryHolidayOn(iso);
      if (holiday) return { date: iso, workday: false, kind: 'holiday', name: holiday.name, estimated };
    }
    const wd = weekdayOfDay(day);
    const weekend = wd === 0 || wd === 6;
    return { date: iso, workday: !weekend, kind: weekend ? 'weekend' : 'workday', estimated };
  }

  /** True when the day is a working day (estimate for uncovered years; see dayInfo().estimated). */
  isWorkday(iso: string): boolean {
    return this.dayInfo(iso).workday;
  }

  /** Chinese reason a non-working day is skipped, for explanations. */
  skipReason(info: DayInfo): string {
    const wd = WEEKDAY_ZH[weekday(info.date)] ?? '';
    const est = info.estimated ? '（预估）' : '';
    if (info.kind === 'holiday') return `法定节假日${info.name ? `：${info.name}` : ''}（${wd}）${est}`;
    return `${wd}休息日${est}`;
  }

  /**
   * The n-th working day after `startIso`. The start day is not counted
   * (民法典第二百零一条：开始的当日不计入，自下一日开始计算); n = 0 returns the start day.
   */
  addWorkdays(startIso: string, n: number): AddWorkdaysResult {
    let day = parseIsoDate(startIso, 'start');
    assertWorkdayCount(n);
    const countedDays: string[] = [];
    const skippedDays: SkippedDay[] = [];
    const uncovered = new Set<number>();
    while (countedDays.length < n) {
      day += 1;
      const iso = formatDayNumber(day);
      const info = this.classify(iso, day);
      if (info.estimated) uncovered.add(yearOf(iso));
      if (info.workday) countedDays.push(iso);
      else skippedDays.push({ date: iso, reason: this.skipReason(info) });
    }
    const uncoveredYears = [...uncovered].sort((a, b) => a - b);
    return {
      date: formatDayNumber(day),
      countedDays,
      skippedDays,
      uncoveredYears,
      estimated: uncoveredYears.length > 0,
    };
  }

  /** Working days after a up to and including b, with the uncovered years touched. */
  workdaysBetweenDetailed(aIso: string, bIso: string): WorkdaysBetweenResult {
    const a = parseIsoDate(aIso, 'from');
    const b = parseIsoDate(bIso, 'to');
    const sign = b >= a ? 1 : -1;
    const [lo, hi] = sign === 1 ? [a, b] : [b, a];
    const countedDays: string[] = [];
    const uncovered = new Set<number>();
    for (let d = lo + 1; d <= hi; d++) {
      const iso = formatDayNumber(d);
      const info = this.classify(iso, d);
      if (info.estimated) uncovered.add(yearOf(iso));
      if (info.workday) countedDays.push(iso);
    }
    const uncoveredYears = [...uncovered].sort((x, y) => x - y);
    return {
      count: sign * countedDays.length,
      countedDays,
      uncoveredYears,
      estimated: uncoveredYears.length > 0,
    };
  }

  /**
   * Working days in (a, b]; negative when b is before a. Read from per-year running counts instead of
   * classifying every day (a scorecard asks this for thousands of items: 70 µs each day by day); equal to
   * workdaysBetweenDetailed(a, b).count (tested).
   */
  workdaysBetween(aIso: string, bIso: string): number {
    const a = parseIsoDate(aIso, 'from');
    const b = parseIsoDate(bIso, 'to');
    if (a === b) return 0;
    const [lo, hi] = b > a ? [a, b] : [b, a];
    const yLo = yearOf(formatDayNumber(lo));
    const yHi = yearOf(formatDayNumber(hi));
    let n = this.workdaysOfYearUpTo(hi, yHi) - this.workdaysOfYearUpTo(lo, yLo);
    for (let y = yLo; y < yHi; y++) n += this.runningWorkdays(y).total;
    return b > a ? n : -n;
  }

  /**
   * Per year: the working days among its first i days (index i) and its first day's number, built on first
   * use. A calendar never changes after construction (a new schedule makes a new calendar), so they stay
   * right for the object's life.
   */
  private readonly running = new Map<number, { first: number; counts: Uint16Array; total: number }>();

  private runningWorkdays(year: number): { first: number; counts: Uint16Array; total: number } {
    const hit = this.running.get(year);
    if (hit) return hit;
    const first = parseIsoDate(`${String(year).padStart(4, '0')}-01-01`);
    const next = first + (isLeapYear(year) ? 366 : 365);
    const counts = new Uint16Array(next - first + 1);
    for (let i = 0; i < next - first; i++)
      counts[i + 1] = counts[i]! + (this.dayInfoAt(first + i).workday ? 1 : 0);
    const entry = { first, counts, total: counts[next - first]! };
    this.running.set(year, entry);
    return entry;
  }

  /** Working days in [1 January of `year`, day], `day` being in `year`. */
  private workdaysOfYearUpTo(day: number, year: number): number {
    const r = this.runningWorkdays(year);
    return r.counts[day - r.first + 1]!;
  }

  /** First working day strictly after the given day. */
  nextWorkday(iso: string): string {
    return this.addWorkdays(iso, 1).date;
  }

  /** Notice shown next to a deadline that relied on an estimated (uncovered) year. */
  estimateNotice(years: number[]): string {
    return estimateNotice(years);
  }
}

/** "截止日期为预估：2027年放假安排尚未发布" (several years joined with 、). */
export function estimateNotice(years: number[]): string {
  const list = [...new Set(years)].sort((a, b) => a - b).map((y) => `${y}年`);
  return `截止日期为预估：${list.join('、')}放假安排尚未发布`;
}

/** Throws `invalid_workday_count` unless n is an integer in 0…3650. */
export function assertWorkdayCount(n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
    throw new DomainError(
      'invalid_workday_count',
      `工作日天数必须是 0 至 ${MAX_WORKDAYS} 之间的整数：${String(n)}`,
      { value: n },
    );
  }
}

/** Validates an admin-entered schedule (dates real, in its year or the preceding December, lists disjoint). */
export function validateSchedule(s: YearSchedule): void {
  if (!Number.isInteger(s.year) || s.year < 1990 || s.year > 2200) {
    throw new DomainError('invalid_schedule', `放假安排年份不正确：${String(s.year)}`, { year: s.year });
  }
  if (!s.source || !s.source.trim()) {
    throw new DomainError('invalid_schedule', `${s.year}年放假安排须注明来源（国办通知文号）`, {
      year: s.year,
    });
  }
  const inScope = (iso: string): boolean => {
    // A notice for year Y may move days at the end of December of Y−1 (e.g. 2018-12-29 上班 for 2019 元旦).
    const y = yearOf(iso);
    return y === s.year || (y === s.year - 1 && iso.slice(5, 7) === '12');
  };
  const holidays = new Set<string>();
  for (const d of s.holidays) {
    parseIsoDate(d, 'holidays');
    if (!inScope(d))
      throw new DomainError('invalid_schedule', `放假日期 ${d} 不属于 ${s.year} 年安排`, {
        year: s.year,
        date: d,
      });
    holidays.add(d);
  }
  for (const d of s.adjustedWorkdays) {
    parseIsoDate(d, 'adjustedWorkdays');
    if (!inScope(d))
      throw new DomainError('invalid_schedule', `调休上班日期 ${d} 不属于 ${s.year} 年安排`, {
        year: s.year,
        date: d,
      });
    if (holidays.has(d))
      throw new DomainError('invalid_schedule', `${d} 不能同时是放假日和调休上班日`, {
        year: s.year,
        date: d,
      });
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6)
      throw new DomainError('invalid_schedule', `调休上班日 ${d} 应为周六或周日`, { year: s.year, date: d });
  }
}

/**
 * The vendored chinese-days entries of one year as a YearSchedule (source `chinese-days`), or null when
 * the package does not cover that year. Used to show what an admin override replaces.
 */
export function packageSchedule(year: number, data: ChineseDaysData = packageData): YearSchedule | null {
  const inYear = (table: Record<string, string>) =>
    Object.keys(table)
      .filter((d) => yearOf(d) === year)
      .sort(compareIso);
  const holidays = inYear(data.holidays);
  const adjustedWorkdays = inYear(data.workdays);
  if (holidays.length === 0 && adjustedWorkdays.length === 0) return null;
  const holidayNames: Record<string, string> = {};
  for (const d of holidays) {
    const name = chineseName(data.holidays[d] ?? '');
    if (name) holidayNames[d] = name;
  }
  return { year, holidays, adjustedWorkdays, source: 'chinese-days', holidayNames };
}
