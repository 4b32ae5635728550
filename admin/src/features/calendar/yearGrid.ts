/** Pure helpers of the year view: classify days, cycle a day's kind on click. */

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export const KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '休息日',
  holiday: '放假',
  adjusted_workday: '调休上班',
};

export interface EditableSchedule {
  holidays: string[];
  adjustedWorkdays: string[];
  holidayNames: Record<string, string>;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 0 = Sunday … 6 = Saturday, time-zone free. */
export function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isWeekend(iso: string): boolean {
  const wd = weekdayOf(iso);
  return wd === 0 || wd === 6;
}

export function kindOf(iso: string, s: EditableSchedule): DayKind {
  if (s.holidays.includes(iso)) return 'holiday';
  if (s.adjustedWorkdays.includes(iso)) return 'adjusted_workday';
  return isWeekend(iso) ? 'weekend' : 'workday';
}

const sorted = (list: string[]) => [...new Set(list)].sort();

/**
 * Next state when a day is clicked. Weekdays: 工作日 → 放假 → 工作日. Weekends: 休息日 → 放假 (a weekend
 * inside a holiday block) → 调休上班 → 休息日. A new holiday takes `name` when given.
 */
export function cycleDay(s: EditableSchedule, iso: string, name?: string): EditableSchedule {
  const kind = kindOf(iso, s);
  const holidays = s.holidays.filter((d) => d !== iso);
  const adjustedWorkdays = s.adjustedWorkdays.filter((d) => d !== iso);
  const holidayNames = { ...s.holidayNames };
  delete holidayNames[iso];
  if (kind === 'workday' || kind === 'weekend') {
    holidays.push(iso);
    if (name?.trim()) holidayNames[iso] = name.trim();
  } else if (kind === 'holiday' && isWeekend(iso)) {
    adjustedWorkdays.push(iso);
  }
  return { holidays: sorted(holidays), adjustedWorkdays: sorted(adjustedWorkdays), holidayNames };
}

/** Replaces the date lists (from the text fields), dropping names of days no longer holidays. */
export function withLists(
  s: EditableSchedule,
  holidays: string[],
  adjustedWorkdays: string[],
): EditableSchedule {
  const h = sorted(holidays.map((d) => d.trim()).filter(Boolean));
  const names = Object.fromEntries(Object.entries(s.holidayNames).filter(([d]) => h.includes(d)));
  return {
    holidays: h,
    adjustedWorkdays: sorted(adjustedWorkdays.map((d) => d.trim()).filter(Boolean)),
    holidayNames: names,
  };
}
