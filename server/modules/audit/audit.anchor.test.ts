/**
 * The audit chain's anchors at work (issue 14, item 5): the worker writes signed checkpoints on its own,
 * the auditor (and only the auditor) sees and downloads them, and `seal-legacy` MACs the rows written
 * before the MAC existed — never a MAC-less row after a MAC'd one.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../test/http.js';
import { systemActor } from '../../platform/actor.js';
import { hardeningConfig } from '../../platform/keys/hardening-config.js';
import { auditMac, configureKeys, resetKeysForTests } from '../../platform/keys/keys.js';
import { modules } from '../index.js';
import { auditCheckpointWorker, auditModule } from './audit.module.js';
import type { Db } from './audit.repository.js';
import { sealLegacyRows } from './audit.seal.js';
import { recordAudit, verifyAuditChain } from './audit.service.js';

describeEachDialect(
  'audit checkpoints job, auditor route and legacy seal',
  (getDb) => {
    let t: TestApp;
    let db: Db;
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-audit-anchor-'));
    const cpDir = path.join(dir, 'audit-checkpoints');
    const actor = systemActor('测试');
    const useOwnKeys = () => {
      // A private key and checkpoint directory: the shared test DATA_DIR must not collect our files.
      resetKeysForTests();
      configureKeys(hardeningConfig({}, dir, dir, 'sqlite', []));
    };
    const append = (n: number) =>
      (async () => {
        for (let i = 0; i < n; i++)
          await db.transaction().execute((trx) =>
            recordAudit(trx, t.clock, actor, {
              action: 'test.write',
              targetType: 'thing',
              note: `第${i}次`,
            }),
          );
      })();
    const macOf = async (seq: number) =>
      (await db.selectFrom('audit_log').select('mac').where('seq', '=', seq).executeTakeFirstOrThrow()).mac;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      db = t.container.ctx.db;
      useOwnKeys();
    });
    afterAll(() => resetKeysForTests());

    it('seal-legacy MACs the unbroken legacy prefix, records itself, and then the chain verifies', async () => {
      // Every row of the seeded chain becomes "legacy" (written before the MAC), then new rows carry one.
      await db.updateTable('audit_log').set({ mac: null }).execute();
      await append(3);
      const { seq: head } = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      const legacy = Number(head) - 3;
      expect((await verifyAuditChain(db)).firstBreak).toEqual({ seq: 1, reason: 'mac_missing' });

      const plan = await sealLegacyRows(db, t.clock, actor);
      expect(plan).toMatchObject({ kind: 'seal', seqs: Array.from({ length: legacy }, (_, i) => i + 1) });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: Number(head) + 1 });
      const entry = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'audit.seal_legacy')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.summary)).toMatchObject({
        after: { sealed: legacy, fromSeq: 1, toSeq: legacy },
      });
      expect((await sealLegacyRows(db, t.clock, actor)).kind).toBe('nothing');
    });

    it('refuses a MAC-less row after MAC’d rows (tampering) and a legacy prefix that does not verify', async () => {
      const { seq } = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      const last = Number(seq);
      await db.updateTable('audit_log').set({ mac: null }).where('seq', '=', last).execute();
      expect(await sealLegacyRows(db, t.clock, actor)).toEqual({
        kind: 'refuse',
        seq: last,
        reason: 'mac_missing_after_mac',
      });
      expect(await macOf(last)).toBeNull();
      expect((await verifyAuditChain(db)).ok).toBe(false);
      const row = await db
        .selectFrom('audit_log')
        .select('hash')
        .where('seq', '=', last)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('audit_log')
        .set({ mac: auditMac(row.hash) })
        .where('seq', '=', last)
        .execute();

      // A rewritten "legacy" row: the prefix is refused and nothing is sealed.
      const original = await db
        .selectFrom('audit_log')
        .select('summary')
        .where('seq', '=', 2)
        .executeTakeFirstOrThrow();
      await db.updateTable('audit_log').set({ mac: null }).where('seq', '<=', 3).execute();
      await db.updateTable('audit_log').set({ summary: '{"note":"改写"}' }).where('seq', '=', 2).execute();
      expect(await sealLegacyRows(db, t.clock, actor)).toEqual({
        kind: 'refuse',
        seq: 2,
        reason: 'legacy_prefix_broken',
      });
      expect(await macOf(1)).toBeNull();
      await db.updateTable('audit_log').set({ summary: original.summary }).where('seq', '=', 2).execute();
      expect((await sealLegacyRows(db, t.clock, actor)).kind).toBe('seal');
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('the worker signs the head once, then only when it moved and the interval passed', async () => {
      expect(modules).toContain(auditModule);
      expect(t.container.config.hardening.auditCheckpointMinutes).toBe(60);
      expect(await auditCheckpointWorker(t.container)).toBe(1);
      expect(await auditCheckpointWorker(t.container)).toBe(0);
      await append(1);
      t.clock.advance(30 * 60_000);
      expect(await auditCheckpointWorker(t.container)).toBe(0);
      t.clock.advance(31 * 60_000);
      expect(await auditCheckpointWorker(t.container)).toBe(1);
      expect(readdirSync(cpDir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
      expect((await verifyAuditChain(db)).ok).toBe(true);

      // Without configured keys there is no directory: nothing is written, and the log says so once.
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      resetKeysForTests();
      await append(1);
      t.clock.advance(2 * 3600_000);
      expect(await auditCheckpointWorker(t.container)).toBe(0);
      expect(await auditCheckpointWorker(t.container)).toBe(0);
      expect(warn).toHaveBeenCalledTimes(1);
      warn.mockRestore();
      useOwnKeys();
      expect(await auditCheckpointWorker(t.container)).toBe(1);
    });

    it('GET /api/audit/checkpoints: the auditor sees each file with its status and downloads it; others get 403', async () => {
      const auditor = await signedIn(t.app, 'auditor');
      const res = await auditor.get('/api/audit/checkpoints');
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        configured: boolean;
        intervalMinutes: number;
        items: { file: string; seq: number; status: string }[];
      }>();
      expect(body.configured).toBe(true);
      expect(body.intervalMinutes).toBe(60);
      expect(body.items).toHaveLength(3);
      expect(body.items.every((i) => i.status === 'valid')).toBe(true);
      expect(body.items[0]!.seq).toBeGreaterThan(body.items[1]!.seq);

      const file = body.items[0]!.file;
      const dl = await auditor.get(`/api/audit/checkpoints/${file}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-disposition']).toContain(file);
      expect(JSON.parse(dl.body)).toMatchObject({ seq: body.items[0]!.seq });
      expect((await auditor.get('/api/audit/checkpoints/checkpoint-999999999999.json')).statusCode).toBe(404);
      expect((await auditor.get('/api/audit/checkpoints/..%2Fkeys%2Faudit-mac.key')).statusCode).toBe(400);

      // An altered file shows as 签名无效; a rewritten chain as 与链不符.
      const older = body.items[1]!;
      const text = JSON.parse(readFileSync(path.join(cpDir, older.file), 'utf8')) as { at: string };
      writeFileSync(
        path.join(cpDir, older.file),
        JSON.stringify({ ...text, at: '2020-01-01T00:00:00.000Z' }),
      );
      const after = (await auditor.get('/api/audit/checkpoints')).json<typeof body>();
      expect(after.items.find((i) => i.file === older.file)!.status).toBe('bad_signature');
      await db
        .updateTable('audit_log')
        .set({ hash: 'f'.repeat(64) })
        .where('seq', '=', body.items[2]!.seq)
        .execute();
      const rewritten = (await auditor.get('/api/audit/checkpoints')).json<typeof body>();
      expect(rewritten.items.find((i) => i.file === body.items[2]!.file)!.status).toBe('chain_mismatch');

      for (const user of ['sysadmin', 'secadmin', 'office']) {
        const other = await signedIn(t.app, user);
        expect((await other.get('/api/audit/checkpoints')).statusCode, user).toBe(403);
        expect((await other.get(`/api/audit/checkpoints/${file}`)).statusCode, user).toBe(403);
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/audit/checkpoints' })).statusCode).toBe(401);
    });
  },
  { seeded: true },
);
