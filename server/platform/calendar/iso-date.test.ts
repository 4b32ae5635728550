import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDayNumber, tryParseIsoDate, weekday, weekdayOfDay } from './iso-date.js';

/**
 * The RegExp + Date implementations the integer arithmetic replaced (kept here as the reference): every
 * string and day number must give what they gave.
 */
const MS_PER_DAY = 86_400_000;
function referenceParse(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}
function referenceFormat(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Strings shaped like dates, with every field pushed past its range and odd characters mixed in. */
const dateLike = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom('-', '/', '.', '－'),
  )
  .map(([y, m, d, sep]) =>
    [String(y).padStart(4, '0'), String(m).padStart(2, '0'), String(d).padStart(2, '0')].join(sep),
  );

describe('iso-date', () => {
  it('parses every string as the RegExp + Date implementation did', () => {
    fc.assert(
      fc.property(
        fc.oneof(dateLike, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 11 })),
        (s) => {
          expect(tryParseIsoDate(s)).toBe(referenceParse(s));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('refuses what is not a real date, leap days included', () => {
    for (const s of ['2025-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0099-01-01'])
      expect(tryParseIsoDate(s)).toBeNull();
    for (const s of ['2024-02-29', '2000-02-29', '0100-01-01', '9999-12-31'])
      expect(tryParseIsoDate(s)).not.toBeNull();
    for (const s of [
      '2026-1-01',
      '2026-01-01\n',
      ' 2026-01-01',
      '２０２６-01-01',
      '2026-01-0١',
      20260101,
      null,
    ])
      expect(tryParseIsoDate(s)).toBeNull();
  });

  it('formats every day number as Date did, and parse(format(d)) is d', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const iso = formatDayNumber(day);
        expect(iso).toBe(referenceFormat(day));
        if (day >= -680_037) expect(tryParseIsoDate(iso)).toBe(day); // from 0100-01-01 on
      }),
      { numRuns: 20_000 },
    );
    expect(formatDayNumber(0)).toBe('1970-01-01');
    expect(formatDayNumber(20_453)).toBe('2025-12-31');
  });

  it('gives the weekday of a day number and of its date', () => {
    expect(weekday('2026-12-07')).toBe(1); // a Monday
    expect(weekdayOfDay(-1)).toBe(3); // 1969-12-31, a Wednesday
    fc.assert(
      fc.property(fc.integer({ min: -600_000, max: 2_900_000 }), (day) => {
        expect(weekdayOfDay(day)).toBe(new Date(day * MS_PER_DAY).getUTCDay());
      }),
    );
  });
});
