import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { DomainError } from '../../platform/errors.js';
import {
  csvCell,
  isoOfDay,
  monthsOf,
  rate,
  resolvePeriod,
  tableCsv,
  weightedMean,
  weightedPercentile,
  workdayCounter,
  type StatTable,
} from './statistics.rules.js';

const TODAY = '2026-12-06';

describe('resolvePeriod (China dates)', () => {
  it('defaults to the current year; quarter and month default to the current ones', () => {
    expect(resolvePeriod({}, TODAY)).toMatchObject({
      kind: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      label: '2026年',
    });
    expect(resolvePeriod({ period: 'quarter' }, TODAY)).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026年第四季度',
      quarter: 4,
    });
    expect(resolvePeriod({ period: 'month' }, TODAY)).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('knows month lengths and leap years', () => {
    expect(resolvePeriod({ period: 'month', year: 2024, month: 2 }, TODAY).to).toBe('2024-02-29');
    expect(resolvePeriod({ period: 'month', year: 2025, month: 2 }, TODAY).to).toBe('2025-02-28');
    expect(resolvePeriod({ period: 'quarter', year: 2025, quarter: 2 }, TODAY)).toMatchObject({
      from: '2025-04-01',
      to: '2025-06-30',
      label: '2025年第二季度',
    });
  });

  it('takes a custom range (from/to alone imply custom) and refuses bad ones with a field and code', () => {
    expect(resolvePeriod({ from: '2026-01-15', to: '2026-03-31' }, TODAY)).toMatchObject({
      kind: 'custom',
      label: '2026-01-15至2026-03-31',
    });
    const fail = (q: Parameters<typeof resolvePeriod>[0]) => {
      try {
        resolvePeriod(q, TODAY);
      } catch (e) {
        return (e as DomainError).code;
      }
      return 'ok';
    };
    expect(fail({ period: 'custom', from: '2026-02-30', to: '2026-03-01' })).toBe('statistics.invalid_date');
    expect(fail({ period: 'custom', from: '2026-03-02', to: '2026-03-01' })).toBe('statistics.invalid_range');
    expect(fail({ period: 'custom', from: '2015-01-01', to: '2026-03-01' })).toBe(
      'statistics.range_too_long',
    );
    expect(fail({ period: 'year', year: 2028 })).toBe('statistics.invalid_year');
    expect(fail({ period: 'quarter', quarter: 5 })).toBe('statistics.invalid_quarter');
    expect(fail({ period: 'month', month: 13 })).toBe('statistics.invalid_month');
  });

  it('property: every period is a valid range inside its year (or the custom bounds), from ≤ to', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('year', 'quarter', 'month'),
        fc.integer({ min: 2000, max: 2027 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        (period, year, quarter, month) => {
          const p = resolvePeriod({ period, year, quarter, month }, TODAY);
          expect(p.from <= p.to).toBe(true);
          expect(p.from.slice(0, 4)).toBe(String(year));
          expect(p.to.slice(0, 4)).toBe(String(year));
          expect(isoOfDay(Math.floor(Date.parse(`${p.to}T00:00:00Z`) / 86400_000) + 1).slice(8)).toBe('01');
        },
      ),
    );
  });
});

describe('monthsOf', () => {
  it('lists the months a range touches across a year end', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});

describe('workdayCounter (prefix sums) agrees with the calendar', () => {
  const cal = new WorkCalendar();
  const days = fc
    .integer({ min: 0, max: 1500 })
    .map((n) => isoOfDay(Math.floor(Date.UTC(2023, 0, 1) / 86400_000) + n));

  it('property: equals workdaysBetween for any pair in the range, and falls back outside it', () => {
    const count = workdayCounter(
      (d) => cal.isWorkday(d),
      '2023-01-01',
      '2027-02-09',
      (a, b) => cal.workdaysBetween(a, b),
    );
    fc.assert(
      fc.property(days, days, (a, b) => {
        expect(count(a, b) === cal.workdaysBetween(a, b)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(count('2022-12-30', '2023-01-04')).toBe(cal.workdaysBetween('2022-12-30', '2023-01-04'));
  });

  it('2025 清明: 3 March → 15 April is 30 working days; 春节 2025 with its make-up Sunday', () => {
    const count = workdayCounter(
      (d) => cal.isWorkday(d),
      '2025-01-01',
      '2025-12-31',
      () => NaN,
    );
    expect(count('2025-03-03', '2025-04-15')).toBe(30);
    expect(count('2025-01-20', '2025-02-21')).toBe(20);
  });
});

describe('weighted mean and nearest-rank percentile', () => {
  it('examples', () => {
    const xs = [5, 15, 20, 30, 30].map((value) => ({ value, weight: 1 }));
    expect(weightedMean(xs)).toBe(20);
    expect(weightedPercentile(xs, 90)).toBe(30);
    expect(weightedPercentile(xs, 50)).toBe(20);
    expect(
      weightedPercentile(
        [
          { value: 3, weight: 9 },
          { value: 40, weight: 1 },
        ],
        90,
      ),
    ).toBe(3);
    expect(
      weightedPercentile(
        [
          { value: 3, weight: 9 },
          { value: 40, weight: 2 },
        ],
        90,
      ),
    ).toBe(40);
    expect(weightedPercentile([], 90)).toBeNull();
    expect(weightedMean([])).toBeNull();
    expect(() => weightedPercentile(xs, 0)).toThrow(RangeError);
  });

  const sample = fc.array(
    fc.record({ value: fc.integer({ min: 0, max: 200 }), weight: fc.integer({ min: 0, max: 20 }) }),
    { maxLength: 40 },
  );

  it('property: weighted equals the nearest rank of the expanded list', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 1, max: 100 }), (xs, p) => {
        const expanded = xs.flatMap((x) => Array<number>(x.weight).fill(x.value)).sort((a, b) => a - b);
        const expected = expanded.length === 0 ? null : expanded[Math.ceil((p / 100) * expanded.length) - 1];
        expect(weightedPercentile(xs, p)).toBe(expected);
      }),
    );
  });

  it('property: monotone in p, between min and max; the mean lies between min and max', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (xs, p, q) => {
        const live = xs.filter((x) => x.weight > 0);
        if (live.length === 0) return;
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        expect(weightedPercentile(xs, lo)!).toBeLessThanOrEqual(weightedPercentile(xs, hi)!);
        const min = Math.min(...live.map((x) => x.value));
        const max = Math.max(...live.map((x) => x.value));
        expect(weightedPercentile(xs, p)!).toBeGreaterThanOrEqual(min);
        expect(weightedPercentile(xs, p)!).toBeLessThanOrEqual(max);
        expect(weightedMean(xs)!).toBeGreaterThanOrEqual(min - 0.05);
        expect(weightedMean(xs)!).toBeLessThanOrEqual(max + 0.05);
      }),
    );
  });

  it('rate: one decimal percent, null on zero', () => {
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(0, 0)).toBeNull();
    expect(rate(5, 5)).toBe(100);
  });
});

describe('CSV', () => {
  it('neutralises formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('a table: BOM, stable keys as header, CRLF', () => {
    const t: StatTable = {
      key: 'publications_by_column',
      title: 't',
      columns: [
        { key: 'column', label: '栏目', kind: 'text' },
        { key: 'published', label: '发布条数', kind: 'count' },
      ],
      rows: [
        { column: '=cmd', published: 3 },
        { column: '通知公告', published: 0 },
      ],
    };
    expect(tableCsv(t)).toBe("\uFEFFcolumn,published\r\n'=cmd,3\r\n通知公告,0\r\n");
  });

  it('property: a text cell never starts with a formula character and parses back to the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
        expect(unquoted === s || unquoted === `'${s}`).toBe(true);
      }),
    );
  });
});
