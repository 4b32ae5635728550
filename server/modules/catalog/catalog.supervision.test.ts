import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import { itemTimeliness } from './catalog.rules.js';
import { columnFindings, latestOnTimeDay } from './catalog.supervision.js';

const cal = new WorkCalendar();
const day = fc.integer({ min: 0, max: 2 * 365 }).map((n) => addDays('2025-01-01', n));

describe('supervision facts of the catalog (pure parts)', () => {
  it('late exactly when published after latestOnTimeDay — the same verdict as itemTimeliness (第二十六条)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 80 }), (g, gap) => {
        const p = addDays(g, gap);
        expect(p > latestOnTimeDay(cal, g)).toBe(itemTimeliness(cal, g, p).late);
      }),
      { numRuns: 300 },
    );
  });

  const col = (id: string, parent: string | null, cls: 'dynamic' | 'periodic' | 'static' = 'dynamic') => ({
    id,
    org_id: 'a',
    parent_id: parent,
    code: id,
    name: `栏目${id}`,
    update_class: cls,
    sort_order: 0,
    depth: parent ? 2 : 1,
  });

  it('reports blank and stale leaf columns; a parent counts its children and is never listed itself', () => {
    const columns = [
      col('p', null),
      col('c1', 'p'),
      col('c2', 'p'),
      col('s', null, 'static'),
      col('old', null),
    ];
    const last = new Map([
      ['c1', '2026-12-01'],
      ['old', '2026-10-01'],
    ]);
    const f = columnFindings(columns, last, '2026-12-07');
    expect(f.map((x) => [x.columnId, x.kind])).toEqual([
      ['c2', 'blank'],
      ['s', 'blank'],
      ['old', 'stale'],
    ]);
    const stale = f.find((x) => x.columnId === 'old')!;
    expect(stale).toMatchObject({
      lastPublishedOn: '2026-10-01',
      dueBy: '2026-10-15',
      daysSince: 67,
      limitDays: 14,
    });
    // A static column with content never goes stale.
    expect(columnFindings([col('s', null, 'static')], new Map([['s', '2020-01-01']]), '2026-12-07')).toEqual(
      [],
    );
  });
});
