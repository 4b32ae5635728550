/**
 * The audit chain anchored outside the database (issue 14, item 5). The attack of the hostile test:
 * someone with write access to the database rewrites a row and recomputes every hash after it and the
 * head. Unkeyed, that chain verified; now each row's MAC (key outside the database) no longer matches,
 * and a signed checkpoint catches even a rewrite by someone who also stole the MAC key.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor } from '../../platform/actor.js';
import { hardeningConfig } from '../../platform/keys/hardening-config.js';
import { auditMac, configureKeys, resetKeysForTests } from '../../platform/keys/keys.js';
import { auditHash } from './audit-chain.js';
import { listCheckpoints, writeCheckpoint } from './audit.checkpoints.js';
import type { Db } from './audit.repository.js';
import { recordAudit, verifyAuditChain } from './audit.service.js';

/** Rewrites row `seq`'s summary and recomputes the chain from there, as the attacker did. */
async function rewrite(db: Db, seq: number, withMacKey: boolean): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
  const before = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('seq', '=', seq - 1)
    .executeTakeFirst();
  let prev = before?.hash ?? '0'.repeat(64);
  for (const r of rows) {
    const row = { ...r, seq: Number(r.seq) };
    if (row.seq === seq) row.summary = JSON.stringify({ note: '篡改后的内容' });
    const hash = auditHash(prev, row);
    await db
      .updateTable('audit_log')
      .set({ summary: row.summary, prev_hash: prev, hash, ...(withMacKey ? { mac: auditMac(hash) } : {}) })
      .where('seq', '=', row.seq)
      .execute();
    prev = hash;
  }
  await db.updateTable('audit_head').set({ last_hash: prev }).where('id', '=', 1).execute();
}

describeEachDialect('audit chain with keys outside the database', (getDb) => {
  const clock = fixedClock('2026-03-02T01:00:00Z');
  const actor = systemActor('测试');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-audit-keys-'));

  beforeAll(() => {
    resetKeysForTests();
    configureKeys(hardeningConfig({}, dataDir, dataDir, 'sqlite', []));
  });
  afterAll(() => resetKeysForTests());

  const append = async (db: Db, n: number) => {
    for (let i = 0; i < n; i++)
      await db.transaction().execute((trx) =>
        recordAudit(trx, clock, actor, {
          action: 'test.write',
          targetType: 'thing',
          targetId: `t${i}`,
          note: `第${i}次`,
        }),
      );
  };

  it('a rewritten chain whose hashes were recomputed fails verify (it passed before the MAC)', async () => {
    const { db } = getDb();
    await append(db, 6);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const { seq } = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const target = Number(seq) - 3;
    await rewrite(db, target, false);
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toEqual({ seq: target, reason: 'mac_mismatch' });
    // Dropping the MACs (to look like rows from before the key) is caught too.
    await db.updateTable('audit_log').set({ mac: null }).where('seq', '>=', target).execute();
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ seq: target, reason: 'mac_missing' });
  });

  it('a signed checkpoint catches a rewrite by someone holding the MAC key; the file is shown to the auditor', async () => {
    const { db } = getDb();
    // Start from an intact chain on this database: repair the previous test's damage by re-sealing
    // (as the attacker with the MAC key would).
    const { seq: s0 } = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await rewrite(db, Number(s0) - 3, true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await append(db, 2);
    const cp = await writeCheckpoint(db, clock.now());
    expect(cp?.seq).toBeGreaterThan(0);
    expect(readdirSync(path.join(dataDir, 'audit-checkpoints')).length).toBeGreaterThan(0);
    const listed = await listCheckpoints(db);
    expect(listed[0]).toMatchObject({ seq: cp!.seq, valid: true, problem: null });
    await append(db, 1);
    await rewrite(db, cp!.seq - 1, true);
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toEqual({ seq: cp!.seq, reason: 'checkpoint_mismatch' });
    expect((await listCheckpoints(db))[0]).toMatchObject({ valid: false });
    expect((await listCheckpoints(db))[0]!.problem).toContain('哈希与检查点不符');
  });
});
