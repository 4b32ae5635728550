/**
 * Backup under write load and restore elsewhere (issue 14, item 4): the copy is one consistent state
 * (every row it holds is identical in the source, the audit chain of the copy verifies with the keys
 * brought back), every attachment comes back byte for byte, a non-empty target is refused, a damaged
 * backup is refused, and keys are left out unless asked for.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { buildContainer, type Container } from '../../container.js';
import { openDatabase } from '../../db/database.js';
import { systemActor } from '../../platform/actor.js';
import { systemClock } from '../../platform/clock.js';
import { configureKeys, resetKeysForTests } from '../../platform/keys/keys.js';
import { LocalDiskStorage } from '../../platform/storage/storage.js';
import { recordAudit, verifyAuditChain } from '../../modules/audit/audit.service.js';
import { writeCheckpoint } from '../../modules/audit/audit.checkpoints.js';
import { backup, restore } from './backup.js';

const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
  LOG_LEVEL: 'silent',
  DEMO: '0',
});

describe('gongkai backup / restore (SQLite)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gk-backup-'));
  const dataDir = path.join(root, 'data');
  let c: Container;
  afterAll(async () => {
    await c?.close();
    resetKeysForTests();
  });

  it('copies a consistent state under concurrent writes and restores it into an empty directory', async () => {
    resetKeysForTests();
    const config = loadConfig(env(dataDir));
    c = await buildContainer(config);
    const actor = systemActor('备份测试');
    const write = (i: number) =>
      c.ctx.db.transaction().execute((trx) =>
        recordAudit(trx, systemClock, actor, {
          action: 'test.write',
          targetType: 'thing',
          targetId: `t${i}`,
          note: 'x'.repeat(200),
        }),
      );
    for (let i = 0; i < 100; i++) await write(i);
    const files = new LocalDiskStorage(path.join(dataDir, 'files'));
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push(await files.put('catalog/org1', randomBytes(50_000 + i)));
    await writeCheckpoint(c.ctx.db);

    // Writers keep going while the backup runs.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await write(1000 + written++);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const dir = path.join(root, 'backup');
    const manifest = await backup(config, dir);
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(0);
    expect(manifest.includesKeys).toBe(false);
    expect(existsSync(path.join(dir, 'keys'))).toBe(false);
    expect(manifest.files.map((f) => f.path)).toContain('gongkai.db');
    expect(manifest.files.filter((f) => f.path.startsWith('files/'))).toHaveLength(5);

    // A non-empty target is refused.
    const busy = path.join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'x'), 'x');
    await expect(restore(dir, busy)).rejects.toThrow(/不是空目录/);

    const target = path.join(root, 'restored');
    await restore(dir, target);
    const copy = openDatabase({ kind: 'sqlite', file: path.join(target, 'gongkai.db') });
    try {
      // Every table: each restored row is identical to the source's row (the source only grew since).
      const tables = await sql<{
        name: string;
      }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%'`.execute(
        copy.db,
      );
      expect(tables.rows.length).toBeGreaterThan(10);
      for (const { name } of tables.rows) {
        const restored = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
          copy.db,
        );
        const source = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(c.ctx.db);
        const keyOf = (r: Record<string, unknown>) =>
          JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
        const inSource = new Set(source.rows.map(keyOf));
        const missing = restored.rows.filter((r) => !inSource.has(keyOf(r)) && name !== 'audit_head');
        expect(missing, name).toEqual([]);
      }
      const head = await copy.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      expect(Number(head.seq)).toBeGreaterThanOrEqual(100);
      // The copy's audit chain verifies with the installation's keys.
      expect(await verifyAuditChain(copy.db)).toMatchObject({ ok: true });
    } finally {
      await copy.close();
    }
    for (const f of stored)
      expect(
        readFileSync(path.join(target, 'files', f.key)).equals(
          readFileSync(path.join(dataDir, 'files', f.key)),
        ),
      ).toBe(true);
    expect(readdirSync(path.join(target, 'audit-checkpoints')).length).toBe(1);
  }, 120_000);

  it('keys only with --include-keys; a damaged backup is refused', async () => {
    const config = loadConfig(env(dataDir));
    const dir = path.join(root, 'with-keys');
    const m = await backup(config, dir, { includeKeys: true });
    expect(m.includesKeys).toBe(true);
    expect(readdirSync(path.join(dir, 'keys'))).toEqual(
      expect.arrayContaining(['audit-mac.key', 'data-key-v1.key']),
    );
    const target = path.join(root, 'restored-keys');
    await restore(dir, target);
    // The restored installation verifies its chain with the keys that came back with it.
    resetKeysForTests();
    configureKeys(loadConfig(env(target)).hardening);
    const copy = openDatabase({ kind: 'sqlite', file: path.join(target, 'gongkai.db') });
    expect((await verifyAuditChain(copy.db)).ok).toBe(true);
    await copy.close();
    const f = m.files.find((x) => x.path.startsWith('files/'))!;
    writeFileSync(path.join(dir, f.path), 'tampered');
    await expect(restore(dir, path.join(root, 'restored-bad'))).rejects.toThrow(/校验值不符/);
  }, 120_000);
});
