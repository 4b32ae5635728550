/**
 * A PostgreSQL server that ends an idle pooled connection (restart, failover, DROP DATABASE … WITH (FORCE))
 * must not take the process down: CI once failed on exactly that unhandled pool 'error' (57P01).
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { adminQuery, testPostgresUrl } from '../../test/pg-admin.js';
import { loadConfig } from '../config.js';
import { DEFAULT_SQLITE_CACHE_MB, openDatabase } from './database.js';

// The suite always runs on PostgreSQL too (README); without TEST_DATABASE_URL the local server's default.
const url = testPostgresUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('PostgreSQL pool', () => {
  it('survives the server terminating an idle connection and reconnects on the next query', async () => {
    const database = openDatabase({ kind: 'postgres', url: url });
    const unhandled: unknown[] = [];
    const onUncaught = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      const pid = first.rows[0]!.pid;
      await adminQuery(url, `SELECT pg_terminate_backend(${pid})`);
      await new Promise((r) => setTimeout(r, 300));
      const next = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(next.rows[0]!.one).toBe(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await database.close();
    }
  });
});

describe('SQLite page cache (SQLITE_CACHE_MB)', () => {
  const env = (extra: Record<string, string>) => ({
    DATABASE_URL: 'sqlite::memory:',
    SESSION_SECRET: 's'.repeat(32),
    ...extra,
  });
  const cacheKb = async (database: ReturnType<typeof openDatabase>) => {
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db);
    await database.close();
    return -Number(rows[0]?.cache_size);
  };

  it('opens SQLite with the default cache, or the configured one', async () => {
    expect(await cacheKb(openDatabase({ kind: 'sqlite', file: ':memory:' }))).toBe(
      DEFAULT_SQLITE_CACHE_MB * 1024,
    );
    const { database } = loadConfig(env({ SQLITE_CACHE_MB: '8' }), '/tmp');
    expect(await cacheKb(openDatabase(database))).toBe(8 * 1024);
  });

  it('refuses a cache size that is not a whole number of MB in range', () => {
    for (const bad of ['0', '1', '4097', '1.5', 'lots'])
      expect(() => loadConfig(env({ SQLITE_CACHE_MB: bad }), '/tmp')).toThrow(
        /SQLITE_CACHE_MB must be an integer 2–4096/,
      );
  });
});
