import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardItem, CardSnapshot } from './scorecards.card.js';
import { decodeSnapshot, encodeSnapshot } from './scorecards.snapshot.js';
import type { TraceRecord } from './scorecards.sources.js';

const item = (records: TraceRecord[], over: Partial<CardItem> = {}): CardItem => ({
  indicatorId: 'ind-1',
  kind: 'requests_overdue',
  name: '依申请公开逾期答复',
  weightCenti: 2000,
  ruleText: '每件扣2分',
  status: 'scored',
  centi: 1600,
  computedCenti: 1600,
  explanation: '逾期2件，扣4分',
  measure: { count: 2 },
  recordsLabel: '逾期案件',
  records,
  recordsTotal: records.length,
  sourceNote: null,
  manual: null,
  adjustment: null,
  ...over,
});

const rec = (id: string, href: string | null, note: string | null = '已逾期3个工作日'): TraceRecord => ({
  id,
  label: `案件${id}`,
  href,
  note,
});

describe('stored card snapshots', () => {
  it('stores a link made of a prefix and the record id once per item, and restores every record', () => {
    const snapshot: CardSnapshot = {
      asOf: '2026-12-31',
      items: [item([rec('a1', '/admin/requests/a1'), rec('b22', '/admin/requests/b22', null)])],
    };
    const json = encodeSnapshot(snapshot);
    expect(json).not.toContain('/admin/requests/a1');
    expect(json.match(/\/admin\/requests\//g)).toHaveLength(1);
    expect(decodeSnapshot(json)).toEqual(snapshot);
  });

  it('stores one shared link (or none) once, and keeps links that follow no shape on their records', () => {
    const shared = item([rec('c1', '/admin/catalog/columns'), rec('c2', '/admin/catalog/columns')]);
    const none = item([rec('x', null), rec('y', null)]);
    const mixed = item([rec('m1', '/admin/requests/m1'), rec('m2', '/admin/selfcheck/r9'), rec('m3', null)]);
    const empty = item([]);
    const snapshot: CardSnapshot = { asOf: '2026-09-30', items: [shared, none, mixed, empty] };
    const json = encodeSnapshot(snapshot);
    expect(json.match(/\/admin\/catalog\/columns/g)).toHaveLength(1);
    expect(json).toContain('/admin/selfcheck/r9');
    expect(decodeSnapshot(json)).toEqual(snapshot);
  });

  it('reads snapshots stored before, with the link on every record', () => {
    const snapshot: CardSnapshot = {
      asOf: '2026-12-31',
      items: [item([rec('a1', '/admin/requests/a1'), rec('a2', '/admin/requests/a2')])],
    };
    expect(decodeSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('is at least a fifth smaller for a card of overdue cases with uuid links', () => {
    const ids = Array.from(
      { length: 500 },
      (_, i) => `0193a1b2-7c4d-7e8f-9a0b-${String(i).padStart(12, '0')}`,
    );
    const records = ids.map((id) => ({
      id,
      label: `（2026）示应急申第${id.slice(-4)}号 张某某申请公开安全生产许可信息`,
      href: `/admin/requests/${id}`,
      note: '应于2026-11-20前答复，已逾期12个工作日（办理中，尚未答复）',
    }));
    const snapshot: CardSnapshot = { asOf: '2026-12-31', items: [item(records)] };
    const stored = Buffer.byteLength(encodeSnapshot(snapshot));
    const plain = Buffer.byteLength(JSON.stringify(snapshot));
    expect(stored / plain).toBeLessThan(0.8);
  });

  it('round-trips any records whatever their ids and links', () => {
    const id = fc.string({ maxLength: 12 });
    const link = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('/admin/requests/', '/admin/catalog/items/', ''),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.record({ id, link, own: fc.boolean(), note: fc.option(fc.string(), { nil: null }) }), {
            maxLength: 6,
          }),
          { maxLength: 4 },
        ),
        (items) => {
          const snapshot: CardSnapshot = {
            asOf: '2026-12-31',
            items: items.map((rs) =>
              item(
                rs.map((r) => ({
                  id: r.id,
                  label: r.id,
                  href: r.own && r.link !== null ? r.link + r.id : r.link,
                  note: r.note,
                })),
              ),
            ),
          };
          expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
        },
      ),
      { numRuns: 500 },
    );
  });
});
