import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.js';
import { WorkCalendar, estimateNotice } from './work-calendar.js';
import type { YearSchedule } from './work-calendar.js';
import { runAddWorkdays } from './add-workdays-command.js';
import { addDays, isIsoDate, weekday } from './iso-date.js';

const cal = new WorkCalendar();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('iso-date helper', () => {
  it('rejects impossible dates and knows weekdays', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-1-05')).toBe(false);
    expect(weekday('2025-01-26')).toBe(0); // Sunday
    expect(weekday('2026-10-10')).toBe(6); // Saturday
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
});

describe('WorkCalendar coverage', () => {
  it('covers exactly 2004–2026 from the package', () => {
    const cov = cal.coverage();
    expect(cov[0]).toEqual({ year: 2004, source: 'package' });
    expect(cov[cov.length - 1]).toEqual({ year: 2026, source: 'package' });
    expect(cov).toHaveLength(23);
    expect(cal.isCovered(2026)).toBe(true);
    expect(cal.isCovered(2027)).toBe(false);
    expect(cal.isCovered(2003)).toBe(false);
  });

  it('classifies 调休 and holidays with names', () => {
    expect(cal.dayInfo('2025-01-26')).toEqual({
      date: '2025-01-26',
      workday: true,
      kind: 'adjusted_workday',
      name: '春节',
      estimated: false,
    });
    expect(cal.dayInfo('2025-01-29')).toMatchObject({
      workday: false,
      kind: 'holiday',
      name: '春节',
      estimated: false,
    });
    expect(cal.dayInfo('2025-10-06')).toMatchObject({ workday: false, kind: 'holiday', name: '中秋' });
    expect(cal.dayInfo('2025-10-11')).toMatchObject({ workday: true, kind: 'adjusted_workday' });
    expect(cal.dayInfo('2025-10-12')).toEqual({
      date: '2025-10-12',
      workday: false,
      kind: 'weekend',
      estimated: false,
    });
    expect(cal.dayInfo('2025-10-13')).toEqual({
      date: '2025-10-13',
      workday: true,
      kind: 'workday',
      estimated: false,
    });
    expect(cal.isWorkday('2026-02-14')).toBe(true); // 周六 上班
    expect(cal.isWorkday('2026-02-23')).toBe(false); // 周一 春节假期
    expect(cal.isWorkday('2026-09-20')).toBe(true); // 周日 上班
  });

  it('estimates uncovered years as Mon–Fri minus the statutory holidays, flagged (2027 元旦 is not a workday)', () => {
    // chinese-days itself would answer isWorkday('2027-01-01') === true with no warning.
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      workday: false,
      kind: 'holiday',
      name: '元旦',
      estimated: true,
    });
    expect(cal.dayInfo('2027-01-04')).toMatchObject({ workday: true, estimated: true });
  });

  it('a 2027 Spring Festival estimate skips 除夕 to 初三 (2027-02-05 … 02-08)', () => {
    expect(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((d) => cal.dayInfo(d).name)).toEqual([
      '除夕',
      '春节（正月初一）',
      '春节（正月初二）',
      '春节（正月初三）',
    ]);
    // 2027-02-04 四 (counted 0): 2/5 五 除夕 and 2/8 一 初三 are skipped as holidays, 2/6–2/7 weekend → 2/9 二
    const r = cal.addWorkdays('2027-02-04', 1);
    expect(r).toMatchObject({ date: '2027-02-09', estimated: true, uncoveredYears: [2027] });
    expect(r.skippedDays.map((d) => d.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
  });

  it('the other statutory holidays of an unknown year: 清明 (solar term), 劳动节 2 days, 端午, 中秋, 国庆 3 days', () => {
    const named = (y: number) =>
      Array.from({ length: 366 }, (_, i) => addDays(`${y}-01-01`, i))
        .filter((d) => d.startsWith(`${y}`) && cal.dayInfo(d).kind === 'holiday')
        .map((d) => `${d.slice(5)} ${cal.dayInfo(d).name ?? ''}`);
    expect(named(2027)).toEqual([
      '01-01 元旦',
      '02-05 除夕',
      '02-06 春节（正月初一）',
      '02-07 春节（正月初二）',
      '02-08 春节（正月初三）',
      '04-05 清明节',
      '05-01 劳动节',
      '05-02 劳动节',
      '06-09 端午节',
      '09-15 中秋节',
      '10-01 国庆节',
      '10-02 国庆节',
      '10-03 国庆节',
    ]);
    // A covered year keeps its official schedule (2026 中秋 9/25 from the notice, not the estimate).
    expect(cal.dayInfo('2026-09-25')).toMatchObject({ kind: 'holiday', estimated: false });
  });

  it('gongkai calendar add-workdays 2026-12-04 20 gives a 2027 date that skips 1 January, flagged (exit 3)', () => {
    // 12/7–12/31: 19 working days; 2027-01-01 元旦 (statutory, estimated) skipped; 1/2–1/3 weekend → 1/4
    expect(runAddWorkdays(['2026-12-04', '20'], cal)).toEqual({
      stdout: ['2027-01-04', '截止日期为预估：2027年放假安排尚未发布'],
      exitCode: 3,
    });
  });

  it('admin schedules override the package and extend coverage', () => {
    const s2027: YearSchedule = {
      year: 2027,
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      adjustedWorkdays: [],
      source: '测试用通知',
      holidayNames: { '2027-01-01': '元旦' },
    };
    // Override 2026 with a schedule lacking 2026-10-10 as a workday to prove replacement, not merge.
    const s2026: YearSchedule = {
      year: 2026,
      holidays: ['2026-10-01'],
      adjustedWorkdays: [],
      source: '替换测试',
    };
    const c = new WorkCalendar([s2027, s2026]);
    expect(c.isCovered(2027)).toBe(true);
    expect(
      c
        .coverage()
        .filter((x) => x.source === 'admin')
        .map((x) => x.year),
    ).toEqual([2026, 2027]);
    expect(c.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      workday: false,
      kind: 'holiday',
      name: '元旦',
      estimated: false,
    });
    expect(c.isWorkday('2026-10-10')).toBe(false); // package's 调休 Saturday gone
    expect(c.isWorkday('2026-10-02')).toBe(true); // package's holiday gone
    expect(c.isWorkday('2025-10-02')).toBe(false); // other years untouched
    expect(c.versionId()).not.toBe(cal.versionId());
  });

  it('rejects malformed admin schedules', () => {
    const bad = (s: Partial<YearSchedule>) => () =>
      new WorkCalendar([{ year: 2027, holidays: [], adjustedWorkdays: [], source: 'x', ...s }]);
    expect(codeOf(bad({ holidays: ['2027-02-30'] }))).toBe('invalid_date');
    expect(codeOf(bad({ holidays: ['2028-01-01'] }))).toBe('invalid_schedule');
    expect(codeOf(bad({ adjustedWorkdays: ['2027-01-04'] }))).toBe('invalid_schedule'); // a Monday cannot be 调休上班
    expect(codeOf(bad({ source: ' ' }))).toBe('invalid_schedule');
    // December of the previous year is allowed (元旦 blocks can start on 12-30/12-31).
    expect(
      () => new WorkCalendar([{ year: 2027, holidays: ['2026-12-31'], adjustedWorkdays: [], source: 'x' }]),
    ).not.toThrow();
    const twice = { year: 2027, holidays: [], adjustedWorkdays: [], source: 'x' };
    expect(codeOf(() => new WorkCalendar([twice, twice]))).toBe('duplicate_schedule');
  });

  it('an empty package table covers nothing (no silent fallback)', () => {
    const bare = new WorkCalendar([], { holidays: {}, workdays: {} });
    expect(bare.coverage()).toEqual([]);
    expect(bare.addWorkdays('2025-01-20', 1)).toMatchObject({
      date: '2025-01-21',
      estimated: true,
      uncoveredYears: [2025],
    });
  });
});

describe('addWorkdays (start day not counted, 民法典第二百零一条)', () => {
  it('2025 春节: 7 working days from Mon 2025-01-20', () => {
    // 1/21 二(1) 1/22 三(2) 1/23 四(3) 1/24 五(4) 1/25 六 skip, 1/26 日 调休上班(5), 1/27 一(6),
    // 1/28–2/4 春节 skip, 2/5 三(7) → 2025-02-05
    const r = cal.addWorkdays('2025-01-20', 7);
    expect(r.date).toBe('2025-02-05');
    expect(r.countedDays).toEqual([
      '2025-01-21',
      '2025-01-22',
      '2025-01-23',
      '2025-01-24',
      '2025-01-26',
      '2025-01-27',
      '2025-02-05',
    ]);
    expect(r.skippedDays.map((d) => d.date)).toEqual([
      '2025-01-25',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
    expect(r.skippedDays[1]?.reason).toBe('法定节假日：春节（周二）');
    expect(r.skippedDays[0]?.reason).toBe('周六休息日');
    expect(r.estimated).toBe(false);
    expect(r.uncoveredYears).toEqual([]);
  });

  it('2025 春节: 20 working days from Mon 2025-01-20', () => {
    // … 2/5 三(7) 2/6(8) 2/7 五(9) 2/8 六 调休上班(10) 2/9 日 skip, 2/10–2/14 (11–15), 2/17–2/21 (16–20) → 2025-02-21
    const r = cal.addWorkdays('2025-01-20', 20);
    expect(r.date).toBe('2025-02-21');
    expect(r.countedDays).toContain('2025-02-08');
    expect(r.countedDays).toHaveLength(20);
  });

  it('2025 国庆: 20 working days from Mon 2025-09-22', () => {
    // 9/23(1) 9/24(2) 9/25(3) 9/26 五(4) 9/27 六 skip, 9/28 日 调休上班(5), 9/29(6) 9/30(7),
    // 10/1–10/8 国庆+中秋 skip, 10/9 四(8) 10/10 五(9) 10/11 六 调休上班(10), 10/12 skip,
    // 10/13–10/17 (11–15), 10/20–10/24 (16–20) → 2025-10-24
    const r = cal.addWorkdays('2025-09-22', 20);
    expect(r.date).toBe('2025-10-24');
    expect(r.countedDays).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
    expect(r.skippedDays.filter((d) => d.date >= '2025-10-01' && d.date <= '2025-10-08')).toHaveLength(8);
  });

  it('2026 春节: 20 working days from Mon 2026-02-09', () => {
    // 2/10(1) 2/11(2) 2/12(3) 2/13 五(4) 2/14 六 调休上班(5), 2/15–2/23 春节 skip, 2/24 二(6) 2/25(7) 2/26(8) 2/27(9)
    // 2/28 六 调休上班(10), 3/1 skip, 3/2–3/6 (11–15), 3/9–3/13 (16–20) → 2026-03-13
    expect(cal.addWorkdays('2026-02-09', 20).date).toBe('2026-03-13');
  });

  it('2026 中秋+国庆: 20 working days from Mon 2026-09-21', () => {
    // 9/22(1) 9/23(2) 9/24(3) 9/25–9/27 中秋 skip, 9/28(4) 9/29(5) 9/30(6), 10/1–10/7 skip,
    // 10/8 四(7) 10/9 五(8) 10/10 六 调休上班(9), 10/11 skip, 10/12–10/16 (10–14), 10/19–10/23 (15–19), 10/26 一(20)
    expect(cal.addWorkdays('2026-09-21', 20).date).toBe('2026-10-26');
  });

  it('flags a deadline running into 2027 as an estimate', () => {
    // 2026-12-21 一: 12/22–12/25 (1–4), 12/28–12/31 (5–8), 2027-01-01 元旦 skipped (statutory),
    // 1/4–1/8 (9–13), 1/11–1/15 (14–18), 1/18 一 (19), 1/19 二 (20) → 2027-01-19, estimated
    const r = cal.addWorkdays('2026-12-21', 20);
    expect(r).toMatchObject({ date: '2027-01-19', estimated: true, uncoveredYears: [2027] });
    expect(cal.estimateNotice(r.uncoveredYears)).toBe('截止日期为预估：2027年放假安排尚未发布');
    // Once an admin enters the 2027 notice with 元旦 1/1–1/3, 1/1 is skipped → 2027-01-19, no longer estimated.
    const c = new WorkCalendar([
      { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], adjustedWorkdays: [], source: 'x' },
    ]);
    expect(c.addWorkdays('2026-12-21', 20)).toMatchObject({
      date: '2027-01-19',
      estimated: false,
      uncoveredYears: [],
    });
  });

  it('n = 0 returns the start day; a weekend start counts from the next working day', () => {
    expect(cal.addWorkdays('2025-02-01', 0)).toMatchObject({ date: '2025-02-01', countedDays: [] });
    // Sat 2025-03-01: 3/2 日 skip, 3/3 一(1)
    expect(cal.addWorkdays('2025-03-01', 1).date).toBe('2025-03-03');
  });

  it('validates inputs', () => {
    expect(codeOf(() => cal.addWorkdays('2025-02-30', 1))).toBe('invalid_date');
    expect(codeOf(() => cal.addWorkdays('20250101', 1))).toBe('invalid_date');
    expect(codeOf(() => cal.addWorkdays('2025-01-01', -1))).toBe('invalid_workday_count');
    expect(codeOf(() => cal.addWorkdays('2025-01-01', 1.5))).toBe('invalid_workday_count');
    expect(codeOf(() => cal.addWorkdays('2025-01-01', 3651))).toBe('invalid_workday_count');
    expect(codeOf(() => cal.addWorkdays('2025-01-01', Number.NaN))).toBe('invalid_workday_count');
  });
});

describe('workdaysBetween / nextWorkday', () => {
  it('counts (a, b] and is signed', () => {
    expect(cal.workdaysBetween('2025-01-20', '2025-02-21')).toBe(20);
    expect(cal.workdaysBetween('2025-02-21', '2025-01-20')).toBe(-20);
    expect(cal.workdaysBetween('2025-01-20', '2025-01-20')).toBe(0);
    // (9/30, 10/11]: 10/9, 10/10, 10/11(调休) = 3
    expect(cal.workdaysBetween('2025-09-30', '2025-10-11')).toBe(3);
    // (2026-12-30, 2027-01-04]: 12/31 四, 1/1 五 元旦 (estimated holiday, not counted), 1/4 一 = 2
    expect(cal.workdaysBetweenDetailed('2026-12-30', '2027-01-04')).toMatchObject({
      count: 2,
      uncoveredYears: [2027],
      estimated: true,
    });
  });

  it('finds the next working day, including 调休 weekends', () => {
    expect(cal.nextWorkday('2025-01-24')).toBe('2025-01-26'); // Fri → Sun 调休上班
    expect(cal.nextWorkday('2025-09-30')).toBe('2025-10-09');
  });
});

describe('estimateNotice', () => {
  it('joins years with 、', () => {
    expect(estimateNotice([2028, 2027, 2027])).toBe('截止日期为预估：2027年、2028年放假安排尚未发布');
  });
});

describe('runAddWorkdays (gongkai calendar add-workdays)', () => {
  it('prints the date and exits 0 inside covered years', () => {
    expect(runAddWorkdays(['2026-09-21', '20'], cal)).toEqual({ stdout: ['2026-10-26'], exitCode: 0 });
  });
  it('prints the reason and exits 3 when an uncovered year is touched', () => {
    expect(runAddWorkdays(['2026-12-21', '20'], cal)).toEqual({
      stdout: ['2027-01-19', '截止日期为预估：2027年放假安排尚未发布'],
      exitCode: 3,
    });
  });
  it('exits 2 with a Chinese message on bad arguments', () => {
    for (const args of [
      [],
      ['2025-01-01'],
      ['2025-13-01', '5'],
      ['2025-01-01', '-1'],
      ['2025-01-01', 'x'],
      ['2025-01-01', '3651'],
      ['a', 'b', 'c'],
    ]) {
      const r = runAddWorkdays(args, cal);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toHaveLength(1);
      expect(r.stdout[0]).toMatch(/^错误：/);
    }
  });
});

describe('workdaysBetween (running counts per year)', () => {
  const admin = new WorkCalendar([
    {
      year: 2027,
      holidays: ['2027-01-01', '2027-02-08', '2027-02-09'],
      adjustedWorkdays: ['2027-02-06'],
      source: '测试用通知',
    },
  ]);
  const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-06-01', n));

  it('equals the day-by-day count across years, leap days, 调休, admin and estimated years, both directions', () => {
    for (const c of [cal, admin])
      fc.assert(
        fc.property(day, day, (a, b) => {
          expect(c.workdaysBetween(a, b)).toBe(c.workdaysBetweenDetailed(a, b).count);
        }),
        { numRuns: 400 },
      );
  });

  it('counts the edges as the statute does: start day not counted, end day counted', () => {
    expect(cal.workdaysBetween('2025-01-20', '2025-01-20')).toBe(0);
    expect(cal.workdaysBetween('2025-03-07', '2025-03-10')).toBe(1); // Fri → Mon
    expect(cal.workdaysBetween('2025-03-10', '2025-03-07')).toBe(-1);
    expect(cal.workdaysBetween('2025-01-24', '2025-01-27')).toBe(2); // Sunday 26 January 2025 was a 调休 workday
    expect(() => cal.workdaysBetween('2025-02-30', '2025-03-01')).toThrow(DomainError);
  });
});
