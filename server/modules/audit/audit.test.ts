import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor } from '../../platform/actor.js';
import { recordAudit, verifyAuditChain } from './audit.service.js';
import { auditHash, findChainBreak } from './audit-chain.js';

describe('audit chain (pure)', () => {
  it('detects a changed field, a wrong link and a gap', () => {
    const base = {
      id: 'a',
      at: 't',
      actor_id: null,
      actor_name: 'x',
      org_id: null,
      action: 'a',
      target_type: 't',
      target_id: null,
      summary: '{}',
      ip: null,
      request_id: null,
    };
    const zero = '0'.repeat(64);
    const r1 = { ...base, seq: 1, prev_hash: zero, hash: '' };
    r1.hash = auditHash(zero, r1);
    const r2 = { ...base, id: 'b', seq: 2, prev_hash: r1.hash, hash: '' };
    r2.hash = auditHash(r1.hash, r2);
    expect(findChainBreak([r1, r2], zero, 1).broken).toBeNull();
    expect(findChainBreak([r1, { ...r2, action: 'tampered' }], zero, 1).broken).toEqual({
      seq: 2,
      reason: 'hash_mismatch',
    });
    expect(findChainBreak([r1, { ...r2, prev_hash: zero }], zero, 1).broken).toEqual({
      seq: 2,
      reason: 'prev_hash_mismatch',
    });
    expect(findChainBreak([r2], zero, 1).broken).toEqual({ seq: 1, reason: 'gap' });
  });
});

describeEachDialect('audit log', (getDb) => {
  const clock = fixedClock('2026-03-02T01:00:00Z');
  const actor = systemActor('测试');

  it('appends a chain that verifies, and finds a row altered directly in the database', async () => {
    const { db } = getDb();
    for (let i = 0; i < 5; i++) {
      await db.transaction().execute((trx) =>
        recordAudit(trx, clock, actor, {
          action: 'test.write',
          targetType: 'thing',
          targetId: String(i),
          after: { i },
        }),
      );
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 5 });
    await sql`update audit_log set summary = '{"after":{"i":99}}' where seq = 3`.execute(db);
    expect(await verifyAuditChain(db, 2)).toMatchObject({
      ok: false,
      firstBreak: { seq: 3, reason: 'hash_mismatch' },
    });
  });

  it('rolls the audit row back with the change', async () => {
    const { db } = getDb();
    const before = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, actor, { action: 'test.fail', targetType: 'thing' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(Number(after.seq)).toBe(Number(before.seq));
  });
});
