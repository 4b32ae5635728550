import { describe, expect, it } from 'vitest';
import { sortKeyBase } from './search.index.js';
import { walkMonthRange, yearSortKeyRange } from './search.engines.js';

describe('walk bounds of the index', () => {
  it('a month covers every sort key published in it (China dates, a day of margin) and lies inside its year', () => {
    const range = walkMonthRange('2026-03')!;
    for (const at of ['2026-02-28T16:00:00.000Z', '2026-03-15T08:00:00.000Z', '2026-03-31T15:59:59.999Z']) {
      const key = sortKeyBase(at);
      expect(key).toBeGreaterThanOrEqual(range[0]);
      expect(key).toBeLessThan(range[1]);
    }
    expect(sortKeyBase('2026-04-03T00:00:00.000Z')).toBeGreaterThanOrEqual(range[1]);
    const [yFrom, yTo] = yearSortKeyRange(2026);
    expect(range[0]).toBeGreaterThanOrEqual(yFrom);
    expect(range[1]).toBeLessThanOrEqual(yTo);
    // December runs into the next January by the margin only.
    expect(walkMonthRange('2026-12')![1]).toBe((Date.UTC(2027, 0, 1) + 86_400_000) * 1024);
  });

  it('anything but YYYY-MM is no bound at all', () => {
    for (const m of [undefined, '', '2026-13', '2026-3', '2026-03-01', 'x'])
      expect(walkMonthRange(m)).toBeNull();
  });
});
