/**
 * Pure rules of the calendar module: input normalisation and validation of a year schedule, per-year
 * coverage status, and the Chinese explanation of a working-day computation. No I/O.
 */
import { DomainError } from '../../platform/errors.js';
import { isIsoDate, weekday, yearOf } from '../../platform/calendar/iso-date.js';
import {
  packageSchedule,
  validateSchedule,
  type AddWorkdaysResult,
  type WorkCalendar,
  type YearSchedule,
} from '../../platform/calendar/work-calendar.js';

/** Where a year's schedule comes from: the vendored chinese-days data, an admin entry, or nowhere. */
export type CoverageStatus = 'builtin' | 'override' | 'missing';

export const COVERAGE_LABELS: Record<CoverageStatus, string> = {
  builtin: '内置数据',
  override: '管理员录入',
  missing: '未发布（按周一至周五预估）',
};

/** Earliest and latest year an admin may enter (matches WorkCalendar's sanity bounds). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2200;

export interface ScheduleInput {
  holidays: string[];
  adjustedWorkdays: string[];
  holidayNames?: Record<string, string>;
  source: string;
  note?: string | null;
}

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('invalid_schedule', message, details);
}

/** Throws `invalid_year` unless the year is an integer in range. */
export function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw new DomainError('invalid_year', `年份须为 ${MIN_YEAR} 至 ${MAX_YEAR} 之间的整数：${String(year)}`, {
      field: 'year',
      value: year,
    });
}

/**
 * Normalises (trims, de-duplicates, sorts) and validates an admin-entered schedule for `year`.
 * Dates must lie in the year, or in December of the previous year: the 国办 notice for year Y may move
 * days at the end of December Y−1 (2018-12-29 上班 for 2019 元旦). 调休上班 must fall on a weekend and
 * no day may be both a holiday and a working day. Errors are `invalid_schedule` / `invalid_date` in Chinese.
 */
export function normaliseSchedule(
  year: number,
  input: ScheduleInput,
): YearSchedule & { note: string | null } {
  assertYear(year);
  const clean = (list: string[], field: string) => {
    const out = [...new Set(list.map((d) => d.trim()))].sort();
    // (`isIsoDate` narrows to string, so a rejected value would read as `never`: find it as a plain boolean)
    const bad = out.find((d): boolean => !isIsoDate(d));
    if (bad !== undefined)
      throw new DomainError('invalid_date', `日期格式不正确（应为 YYYY-MM-DD 的真实日期）：${bad}`, {
        field,
        value: bad,
      });
    return out;
  };
  const holidays = clean(input.holidays, 'holidays');
  const adjustedWorkdays = clean(input.adjustedWorkdays, 'adjustedWorkdays');
  const source = input.source.trim();
  if (!source) throw invalid(`${year}年放假安排须注明来源（如国办通知文号）`, { field: 'source', year });
  const note = input.note?.trim() || null;
  const schedule: YearSchedule = { year, holidays, adjustedWorkdays, source };
  try {
    validateSchedule(schedule);
  } catch (e) {
    // Name the form field that is wrong so the console can mark it.
    if (e instanceof DomainError && e.details && !('field' in e.details)) {
      const date = e.details.date;
      const field =
        typeof date === 'string' && adjustedWorkdays.includes(date) ? 'adjustedWorkdays' : 'holidays';
      throw new DomainError(e.code, e.messageZh, { ...e.details, field }, e.kind);
    }
    throw e;
  }
  const holidayNames: Record<string, string> = {};
  for (const [date, raw] of Object.entries(input.holidayNames ?? {})) {
    const name = raw.trim();
    if (!name) continue;
    if (!holidays.includes(date))
      throw invalid(`节日名称所指的 ${date} 不在放假日期中`, { field: 'holidayNames', date, year });
    if (name.length > 20) throw invalid(`节日名称过长：${name}`, { field: 'holidayNames', date, year });
    holidayNames[date] = name;
  }
  return { ...schedule, holidayNames, note };
}

export interface YearCoverage {
  year: number;
  status: CoverageStatus;
  /** Whether the vendored chinese-days data has this year (an override replaces it). */
  builtIn: boolean;
}

/**
 * Coverage of every year worth listing: from the first covered year up to next year (the one admins
 * usually need to enter in December), plus any admin year outside that range. Descending.
 */
export function coverageList(
  builtInYears: readonly number[],
  overrideYears: readonly number[],
  currentYear: number,
): YearCoverage[] {
  const builtIn = new Set(builtInYears);
  const override = new Set(overrideYears);
  const all = [...builtIn, ...override];
  const first = all.length ? Math.min(...all) : currentYear;
  const last = Math.max(currentYear + 1, ...all);
  const out: YearCoverage[] = [];
  for (let y = last; y >= first; y--) {
    const status: CoverageStatus = override.has(y) ? 'override' : builtIn.has(y) ? 'builtin' : 'missing';
    out.push({ year: y, status, builtIn: builtIn.has(y) });
  }
  return out;
}

/** Years the vendored package covers (computed once). */
export function builtInYears(): number[] {
  const years: number[] = [];
  for (let y = MIN_YEAR; y <= MAX_YEAR; y++) if (packageSchedule(y)) years.push(y);
  return years;
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export interface WorkdaysExplanation {
  start: string;
  n: number;
  date: string;
  countedDays: string[];
  skippedDays: { date: string; reason: string }[];
  /** 调休 weekends that were counted as working days. */
  adjustedWorkdaysCounted: string[];
  uncoveredYears: number[];
  estimated: boolean;
  /** "截止日期为预估：YYYY年放假安排尚未发布" when estimated, else null. */
  notice: string | null;
  /** One Chinese paragraph saying how the date was obtained. */
  explanation: string;
  calendarVersion: string;
}

/** The console calculator's answer: the date plus how it was computed, in Chinese. */
export function explainAddWorkdays(
  calendar: WorkCalendar,
  start: string,
  n: number,
  result: AddWorkdaysResult = calendar.addWorkdays(start, n),
): WorkdaysExplanation {
  const adjusted = result.countedDays.filter((d) => {
    const wd = weekday(d);
    return wd === 0 || wd === 6;
  });
  const holidays = result.skippedDays.filter((d) => d.reason.startsWith('法定节假日')).length;
  const rest = result.skippedDays.length - holidays;
  const parts = [
    n === 0
      ? `工作日数为 0，结果即起算日 ${start}。`
      : `自 ${start} 的次日起算（起算日不计入，《民法典》第二百零一条），第 ${n} 个工作日为 ${result.date}（${WEEKDAY_ZH[weekday(result.date)]}）。`,
  ];
  if (result.skippedDays.length)
    parts.push(
      `期间跳过 ${result.skippedDays.length} 个非工作日（法定节假日 ${holidays} 天、休息日 ${rest} 天）。`,
    );
  if (adjusted.length)
    parts.push(`计入调休上班日 ${adjusted.map((d) => `${d}（${WEEKDAY_ZH[weekday(d)]}）`).join('、')}。`);
  const notice = result.estimated ? calendar.estimateNotice(result.uncoveredYears) : null;
  if (notice) parts.push(`${notice}，涉及该年的日期按周一至周五预估。`);
  return {
    start,
    n,
    date: result.date,
    countedDays: result.countedDays,
    skippedDays: result.skippedDays,
    adjustedWorkdaysCounted: adjusted,
    uncoveredYears: result.uncoveredYears,
    estimated: result.estimated,
    notice,
    explanation: parts.join(''),
    calendarVersion: calendar.versionId(),
  };
}

/** Years a schedule change affects: its own, plus the previous one when it touches December Y−1. */
export function affectedYears(
  schedule: Pick<YearSchedule, 'year' | 'holidays' | 'adjustedWorkdays'>,
): number[] {
  const years = new Set([schedule.year]);
  for (const d of [...schedule.holidays, ...schedule.adjustedWorkdays]) years.add(yearOf(d));
  return [...years].sort((a, b) => a - b);
}
