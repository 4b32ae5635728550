import { describe, expect, it } from 'vitest';
import { auditHash, type AuditContent } from './audit-chain.js';
import { chinaDateTime, checkpointDue, planLegacySeal, type LegacyRow } from './audit.rules.js';

const GENESIS = '0'.repeat(64);

/** A valid chain of n rows; `macFrom` is the first seq written with a MAC (Infinity: none). */
function chain(n: number, macFrom = Infinity): LegacyRow[] {
  const rows: LegacyRow[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditContent = {
      seq,
      id: `id${seq}`,
      at: `2026-01-01T00:00:${String(seq).padStart(2, '0')}Z`,
      actor_id: null,
      actor_name: '系统',
      org_id: null,
      action: 'test.write',
      target_type: 'thing',
      target_id: null,
      summary: '{}',
      ip: null,
      request_id: null,
    };
    const hash = auditHash(prev, content);
    rows.push({ ...content, prev_hash: prev, hash, mac: seq >= macFrom ? `mac${seq}` : null });
    prev = hash;
  }
  return rows;
}

describe('checkpointDue', () => {
  const now = new Date('2026-12-07T04:00:00Z');
  it('writes the first checkpoint as soon as the chain has rows', () => {
    expect(checkpointDue(5, null, now, 60)).toBe(true);
    expect(checkpointDue(0, null, now, 60)).toBe(false);
  });
  it('waits for the interval, and never re-signs an unmoved head', () => {
    expect(checkpointDue(9, { seq: 5, at: '2026-12-07T03:30:00Z' }, now, 60)).toBe(false);
    expect(checkpointDue(9, { seq: 5, at: '2026-12-07T03:00:00Z' }, now, 60)).toBe(true);
    expect(checkpointDue(5, { seq: 5, at: '2026-12-01T00:00:00Z' }, now, 60)).toBe(false);
  });
  it('is off at 0 minutes; an unreadable last time does not block it forever', () => {
    expect(checkpointDue(9, null, now, 0)).toBe(false);
    expect(checkpointDue(9, { seq: 5, at: '' }, now, 60)).toBe(true);
  });
});

describe('planLegacySeal', () => {
  it('seals exactly the legacy prefix before the first MAC’d row', () => {
    expect(planLegacySeal(chain(6, 4))).toEqual({ kind: 'seal', seqs: [1, 2, 3] });
    expect(planLegacySeal(chain(3))).toEqual({ kind: 'seal', seqs: [1, 2, 3] });
  });
  it('has nothing to do when every row has a MAC (or there are none)', () => {
    expect(planLegacySeal(chain(4, 1))).toEqual({ kind: 'nothing' });
    expect(planLegacySeal([])).toEqual({ kind: 'nothing' });
  });
  it('refuses a MAC-less row after a MAC’d row: that is tampering, never legacy', () => {
    const rows = chain(6, 3);
    rows[4]!.mac = null;
    expect(planLegacySeal(rows)).toEqual({ kind: 'refuse', seq: 5, reason: 'mac_missing_after_mac' });
  });
  it('refuses a legacy prefix whose hashes do not verify', () => {
    const rows = chain(5, 4);
    rows[1]!.summary = '{"note":"改写"}';
    expect(planLegacySeal(rows)).toEqual({ kind: 'refuse', seq: 2, reason: 'legacy_prefix_broken' });
  });
  it('refuses a prefix that the first MAC’d row does not continue', () => {
    const rows = chain(5, 4);
    rows[3]!.prev_hash = GENESIS;
    expect(planLegacySeal(rows)).toEqual({ kind: 'refuse', seq: 4, reason: 'legacy_prefix_broken' });
  });
});

describe('chinaDateTime', () => {
  it('shows UTC+8 across the date line', () => {
    expect(chinaDateTime('2026-12-31T17:30:00.000Z')).toBe('2027-01-01 01:30:00');
    expect(chinaDateTime('x')).toBe('—');
  });
});
