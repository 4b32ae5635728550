/**
 * Shared file storage (issue 14, item 3). Two processes of one deployment = two storage instances, each
 * with its own database connection and its own DATA_DIR: with local disk a file uploaded through one is
 * missing in the other (the 500 of the hostile test); with FILE_STORAGE=database both see it, streamed
 * in 256 KiB chunks, byte for byte.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { adminQuery, withDatabase } from '../../../test/pg-admin.js';
import { openDatabase, type Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { CHUNK_BYTES, DatabaseStorage, LocalDiskStorage } from './storage.js';

describeEachDialect('DatabaseStorage', (getDb) => {
  it('stores in chunks, streams back byte for byte, checks keys and deletes', async () => {
    const store = new DatabaseStorage(getDb().db);
    const bytes = randomBytes(CHUNK_BYTES * 2 + 12345);
    const f = await store.put('catalog/org1', bytes);
    expect(f.key).toMatch(/^catalog\/org1\/[0-9a-f-]{36}$/);
    expect(f.sizeBytes).toBe(bytes.length);
    const chunks: Buffer[] = [];
    for await (const c of store.stream(f.key)) chunks.push(c as Buffer);
    expect(chunks).toHaveLength(3);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect((await store.get(f.key)).equals(bytes)).toBe(true);
    expect(await store.exists(f.key)).toBe(true);
    const empty = await store.put('catalog/org1', new Uint8Array(0));
    expect((await store.get(empty.key)).length).toBe(0);
    await store.delete(f.key);
    expect(await store.exists(f.key)).toBe(false);
    await expect(store.get(f.key)).rejects.toThrow(/not found/);
    await expect(store.get('../etc/passwd')).rejects.toThrow(/Invalid storage key/);
    await expect(store.put('../x', Buffer.from('a'))).rejects.toThrow(/Invalid storage prefix/);
  });
});

const PG = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

describe('two processes on one PostgreSQL', () => {
  const name = `gk_p2_storage_${process.pid}`;
  let a: Database;
  let b: Database;
  let reachable = true;
  beforeAll(async () => {
    try {
      await adminQuery(PG, `DROP DATABASE IF EXISTS ${name}`);
      await adminQuery(PG, `CREATE DATABASE ${name}`);
    } catch {
      reachable = false;
      return;
    }
    a = openDatabase({ kind: 'postgres', url: withDatabase(PG, name) });
    b = openDatabase({ kind: 'postgres', url: withDatabase(PG, name) });
    await migrateToLatest(a);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (reachable) await adminQuery(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('an upload through one is downloaded through the other with database storage, not with local disk', async (t) => {
    if (!reachable) t.skip();
    const bytes = randomBytes(600 * 1024);
    // Local disk: each process has its own DATA_DIR/files.
    const localA = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'gk-a-')));
    const localB = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'gk-b-')));
    const viaLocal = await localA.put('catalog/org1', bytes);
    await expect(localB.get(viaLocal.key)).rejects.toThrow(/ENOENT/);
    // Database: both connections see the same rows.
    const dbA = new DatabaseStorage(a.db);
    const dbB = new DatabaseStorage(b.db);
    const viaDb = await dbA.put('catalog/org1', bytes);
    expect((await dbB.get(viaDb.key)).equals(bytes)).toBe(true);
    await dbB.delete(viaDb.key);
    expect(await dbA.exists(viaDb.key)).toBe(false);
  });
});
