import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { WorkCalendar, packageSchedule } from '../../platform/calendar/work-calendar.js';
import { builtInYears, coverageList, explainAddWorkdays, normaliseSchedule } from './calendar.rules.js';

function errorOf(fn: () => unknown): DomainError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  return undefined;
}

const base = { holidays: [], adjustedWorkdays: [], source: '国办发明电〔2026〕1号' };

describe('normaliseSchedule', () => {
  it('trims, de-duplicates and sorts dates and keeps names of holidays only', () => {
    const s = normaliseSchedule(2027, {
      ...base,
      holidays: [' 2027-01-02', '2027-01-01', '2027-01-01'],
      adjustedWorkdays: ['2027-02-06'],
      holidayNames: { '2027-01-01': ' 元旦 ', '2027-01-02': '' },
      note: '  ',
    });
    expect(s).toMatchObject({
      year: 2027,
      holidays: ['2027-01-01', '2027-01-02'],
      adjustedWorkdays: ['2027-02-06'],
      holidayNames: { '2027-01-01': '元旦' },
      note: null,
    });
  });

  it('rejects dates outside the year, overlaps, weekday 调休, impossible dates and a missing source in Chinese', () => {
    const cases: [Parameters<typeof normaliseSchedule>[1], string, string, RegExp][] = [
      [{ ...base, holidays: ['2028-01-01'] }, 'invalid_schedule', 'holidays', /不属于 2027 年/],
      [{ ...base, holidays: ['2026-06-01'] }, 'invalid_schedule', 'holidays', /不属于 2027 年/],
      [
        { ...base, holidays: ['2027-02-06'], adjustedWorkdays: ['2027-02-06'] },
        'invalid_schedule',
        'adjustedWorkdays',
        /不能同时是放假日和调休上班日/,
      ],
      [
        { ...base, adjustedWorkdays: ['2027-01-04'] },
        'invalid_schedule',
        'adjustedWorkdays',
        /应为周六或周日/,
      ],
      [{ ...base, holidays: ['2027-02-30'] }, 'invalid_date', 'holidays', /日期格式不正确/],
      [{ ...base, source: ' ' }, 'invalid_schedule', 'source', /须注明来源/],
      [
        { ...base, holidays: ['2027-01-01'], holidayNames: { '2027-01-05': '元旦' } },
        'invalid_schedule',
        'holidayNames',
        /不在放假日期中/,
      ],
    ];
    for (const [input, code, field, message] of cases) {
      const e = errorOf(() => normaliseSchedule(2027, input));
      expect(e?.code, JSON.stringify(input)).toBe(code);
      expect(e?.details?.field).toBe(field);
      expect(e?.messageZh).toMatch(message);
    }
    expect(errorOf(() => normaliseSchedule(1800, base))?.code).toBe('invalid_year');
  });

  it('accepts December of the previous year (a 元旦 block may start on 12-31)', () => {
    expect(normaliseSchedule(2027, { ...base, holidays: ['2026-12-31'] }).holidays).toEqual(['2026-12-31']);
  });
});

describe('coverageList', () => {
  it('lists every year from the first covered to next year, newest first, with its status', () => {
    const list = coverageList([2024, 2025, 2026], [2026, 2028], 2026);
    expect(list.map((c) => [c.year, c.status])).toEqual([
      [2028, 'override'],
      [2027, 'missing'],
      [2026, 'override'],
      [2025, 'builtin'],
      [2024, 'builtin'],
    ]);
    expect(list.find((c) => c.year === 2026)?.builtIn).toBe(true);
    expect(list.find((c) => c.year === 2028)?.builtIn).toBe(false);
  });

  it('knows the vendored years', () => {
    const years = builtInYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(packageSchedule(2026)?.adjustedWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(packageSchedule(2026)?.holidayNames?.['2026-02-17']).toBe('春节');
    expect(packageSchedule(2027)).toBeNull();
  });
});

describe('explainAddWorkdays', () => {
  const cal = new WorkCalendar();
  it('explains the 2025 春节 case: skipped holidays and the counted 调休 Sunday', () => {
    const r = explainAddWorkdays(cal, '2025-01-20', 7);
    expect(r.date).toBe('2025-02-05');
    expect(r.adjustedWorkdaysCounted).toEqual(['2025-01-26']);
    expect(r.estimated).toBe(false);
    expect(r.notice).toBeNull();
    expect(r.explanation).toBe(
      '自 2025-01-20 的次日起算（起算日不计入，《民法典》第二百零一条），第 7 个工作日为 2025-02-05（周三）。' +
        '期间跳过 9 个非工作日（法定节假日 8 天、休息日 1 天）。计入调休上班日 2025-01-26（周日）。',
    );
  });

  it('flags a year without a schedule', () => {
    const r = explainAddWorkdays(cal, '2026-12-21', 20);
    expect(r).toMatchObject({ date: '2027-01-19', estimated: true, uncoveredYears: [2027] });
    expect(r.notice).toBe('截止日期为预估：2027年放假安排尚未发布');
    expect(r.explanation).toContain('截止日期为预估：2027年放假安排尚未发布');
  });
});
