/**
 * Backup and restore of a real installation on both engines (issue 14, item 4): the demo agency (every
 * module's demo content, encrypted ID numbers and identities) plus an uploaded attachment, backed up with
 * `backup()` while audited writes keep going, restored into a fresh data directory and — for PostgreSQL —
 * a fresh database through pg_dump / pg_restore. The restored installation must start, verify its audit
 * chain (hashes, MACs and the signed checkpoint, with the keys that came back), hold row for row the same
 * rows as the live database in every table the concurrent writes did not touch (a per-table digest over
 * every row's columns), hold as its audit log an exact prefix of the live one (at least everything from
 * before the writes), decrypt every ID number, open the attachment byte for byte through the staff API,
 * and serve the portal.
 *
 * PostgreSQL: the server of TEST_DATABASE_URL, else the local default (as the storage tests); pg_dump and
 * pg_restore of the server's major version must be on PATH (postgresql-client).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { adminQuery, withDatabase } from '../../../test/pg-admin.js';
import { Client } from '../../../test/http.js';
import { loadConfig, type Config } from '../../config.js';
import { buildContainer, type Container } from '../../container.js';
import type { Database, DialectName } from '../../db/database.js';
import { buildApp, type App } from '../../http/app.js';
import { systemActor } from '../../platform/actor.js';
import { systemClock } from '../../platform/clock.js';
import { resetKeysForTests } from '../../platform/keys/keys.js';
import { configureFileStorage, localStorageFor } from '../../platform/storage/storage.js';
import { recordAudit, verifyAuditChain } from '../../modules/audit/audit.service.js';
import { writeCheckpoint } from '../../modules/audit/audit.checkpoints.js';
import { demoContributors } from '../../modules/demo/demo.contributors.js';
import { seedDemo } from '../../modules/demo/demo.seed.js';
import { openPii, piiKeyring } from '../../modules/requests/pii.js';
import { backup, restore } from './backup.js';

const PG = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function envFor(dataDir: string, databaseUrl?: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
    LOG_LEVEL: 'silent',
    DEMO: '0',
    // No worker jobs in the process (they would write at moments of their own: rendering letters,
    // sending the queue): the only writes during the backup are the test's own, so the copy can be
    // compared with the live database row by row.
    ROLE: 'web',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

async function tableNames(database: Database): Promise<string[]> {
  const names =
    database.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%'`.execute(
          database.db,
        )
      : await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
          database.db,
        );
  return names.rows.map((r) => r.name).sort();
}

/** A value as the driver returned it, in a form JSON keeps exactly (bytes as hex, dates as ISO). */
function canonical(v: unknown): unknown {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `bytes:${Buffer.from(v).toString('hex')}`;
  if (v instanceof Date) return `date:${v.toISOString()}`;
  if (typeof v === 'bigint') return `bigint:${v}`;
  return v;
}

const rowDigest = (row: Record<string, unknown>) =>
  createHash('sha256')
    .update(
      JSON.stringify(
        Object.keys(row)
          .sort()
          .map((k) => [k, canonical(row[k])]),
      ),
    )
    .digest('hex');

/**
 * Every row of every table, for comparing copies row by row: per table the sha256 of each row (all
 * columns, by name), sorted, and one digest over them — except `audit_log`, whose rows stay in `seq`
 * order so a copy can be checked to be a prefix of the live chain.
 */
interface TableRows {
  digest: string;
  rows: string[];
}
async function snapshotRows(database: Database): Promise<Map<string, TableRows>> {
  const out = new Map<string, TableRows>();
  for (const name of await tableNames(database)) {
    const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(database.db);
    let rows: string[];
    if (name === 'audit_log') rows = [...r.rows].sort((a, b) => Number(a.seq) - Number(b.seq)).map(rowDigest);
    else rows = r.rows.map(rowDigest).sort();
    out.set(name, { digest: createHash('sha256').update(rows.join('\n')).digest('hex'), rows });
  }
  return out;
}

function multipart(fileName: string, bytes: Buffer, mime: string) {
  const boundary = '----gkbackup' + randomBytes(6).toString('hex');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A PDF-looking upload (the signature check reads the first bytes), unique per run. */
const attachmentBytes = () =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000), Buffer.from('\n%%EOF\n')]);

async function start(config: Config): Promise<{ container: Container; app: App }> {
  resetKeysForTests();
  // Local attachments: the process-wide store follows this installation's DATA_DIR (PostgreSQL keeps
  // them in the database, FILE_STORAGE=database by default, set by buildContainer).
  configureFileStorage(localStorageFor(config.dataDir));
  const container = await buildContainer(config, { clock: systemClock });
  const app = await buildApp(container, { logger: false });
  await app.ready();
  return { container, app };
}

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  describe(`backup and restore of the demo with uploads [${dialect}]`, () => {
    const root = mkdtempSync(path.join(tmpdir(), `gk-backup-demo-${dialect}-`));
    const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const source = `gk_bk_src_${suffix}`;
    const target = `gk_bk_dst_${suffix}`;
    const opened: { container: Container; app: App }[] = [];

    afterAll(async () => {
      for (const o of opened) {
        await o.app.close();
        await o.container.close();
      }
      resetKeysForTests();
      if (dialect === 'postgres') {
        await adminQuery(PG, `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
        await adminQuery(PG, `DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
      }
    }, 120_000);

    it('restores a consistent, verifiable, serving copy taken under write load', async () => {
      if (dialect === 'postgres') await adminQuery(PG, `CREATE DATABASE ${source}`);
      const config = loadConfig(
        envFor(path.join(root, 'data'), dialect === 'postgres' ? withDatabase(PG, source) : undefined),
      );
      const live = await start(config);
      opened.push(live);
      const ctx = live.container.ctx;
      expect(await seedDemo(ctx, demoContributors)).not.toBeNull();

      // An upload through the staff API onto a new draft.
      const clerk = new Client(live.app);
      expect((await clerk.login('clerk')).statusCode).toBe(200);
      const office = new Client(live.app);
      expect((await office.login('office')).statusCode).toBe(200);
      const columns = (await office.get('/api/catalog/columns')).json().columns as {
        id: string;
        code: string;
      }[];
      const draft = await clerk.post('/api/catalog/items', {
        columnId: columns.find((c) => c.code === 'tzgg')!.id,
        title: '备份恢复演练附件',
        bodyHtml: '<p>备份恢复演练的正文。</p>',
        generatedOn: '2026-02-27',
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const itemId = draft.json().id as string;
      const bytes = attachmentBytes();
      const up = multipart('演练.pdf', bytes, 'application/pdf');
      const uploaded = await clerk.request('POST', `/api/catalog/items/${itemId}/attachments`, up.body, {
        'content-type': up.contentType,
      });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      const attachmentId = uploaded.json().id as string;
      await writeCheckpoint(ctx.db);

      // Audited writes keep going while the backup runs (pg_dump runs beside the event loop).
      const before = await snapshotRows(live.container.database);
      const actor = systemActor('备份演练');
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await ctx.db.transaction().execute((trx) =>
            recordAudit(trx, ctx.clock, actor, {
              action: 'test.backup_load',
              targetType: 'thing',
              targetId: `w${written}`,
              note: 'x'.repeat(100),
            }),
          );
          written++;
          await new Promise((r) => setImmediate(r));
        }
      })();
      const dir = path.join(root, 'backup');
      let manifest;
      try {
        manifest = await backup(config, dir, { includeKeys: true });
      } finally {
        writing = false;
        await writer;
      }
      const after = await snapshotRows(live.container.database);
      expect(written).toBeGreaterThan(0);
      expect(manifest.dialect).toBe(dialect);
      expect(manifest.files.map((f) => f.path)).toContain(
        dialect === 'sqlite' ? 'gongkai.db' : 'database.dump',
      );
      // SQLite keeps attachments on disk (in the backup's files/), PostgreSQL in the database (in the dump).
      expect(manifest.files.some((f) => f.path.startsWith('files/'))).toBe(dialect === 'sqlite');

      // Restore into a new data directory (and a new, empty database).
      if (dialect === 'postgres') await adminQuery(PG, `CREATE DATABASE ${target}`);
      const restoredDir = path.join(root, 'restored');
      await restore(dir, restoredDir, {
        databaseUrl: dialect === 'postgres' ? withDatabase(PG, target) : undefined,
      });
      expect(existsSync(path.join(restoredDir, 'keys', 'audit-mac.key'))).toBe(true);

      const copy = await start(
        loadConfig(envFor(restoredDir, dialect === 'postgres' ? withDatabase(PG, target) : undefined)),
      );
      opened.push(copy);
      const db = copy.container.ctx.db;

      // Row by row: the concurrent writes touched only the audit chain; every other table of the copy
      // holds exactly the live rows, and the copy's audit log is the live log up to one entry (one state,
      // taken while the writes went on: at least every entry from before them, no entry out of order).
      const restored = await snapshotRows(copy.container.database);
      expect([...restored.keys()]).toEqual([...before.keys()]);
      const changed = [...before.keys()].filter(
        (name) => before.get(name)!.digest !== after.get(name)!.digest,
      );
      expect(changed).toEqual(['audit_head', 'audit_log']);
      for (const [name, rows] of before) {
        if (changed.includes(name)) continue;
        expect(restored.get(name)!.rows.length, name).toBe(rows.rows.length);
        expect(restored.get(name)!.digest, `${name}: rows differ from the live database`).toBe(rows.digest);
      }
      const copiedLog = restored.get('audit_log')!.rows;
      const liveLog = after.get('audit_log')!.rows;
      expect(copiedLog.length).toBeGreaterThanOrEqual(before.get('audit_log')!.rows.length);
      expect(copiedLog.length).toBeLessThanOrEqual(liveLog.length);
      expect(copiedLog).toEqual(liveLog.slice(0, copiedLog.length));
      expect(restored.get('request_cases')!.rows.length).toBeGreaterThan(0);

      // The audit chain verifies: hashes, each row's MAC and the signed checkpoint, with the restored keys.
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
      // Every ID number decrypts with the restored data keys.
      const ring = await piiKeyring(db);
      const sealed = await db.selectFrom('request_cases').select('id_number_enc').execute();
      expect(sealed.length).toBeGreaterThan(0);
      for (const r of sealed) expect(openPii(ring, r.id_number_enc).length).toBeGreaterThan(4);

      // The restored app serves: the portal, a staff login, and the attachment byte for byte.
      expect((await copy.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      const clerk2 = new Client(copy.app);
      expect((await clerk2.login('clerk')).statusCode).toBe(200);
      const file = await clerk2.get(`/api/catalog/items/${itemId}/attachments/${attachmentId}`);
      expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
      expect(file.rawPayload.equals(bytes)).toBe(true);
    }, 600_000);
  });
}
