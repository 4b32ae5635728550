/**
 * A PostgreSQL server that ends an idle pooled connection (restart, failover, DROP DATABASE … WITH (FORCE))
 * must not take the process down: CI once failed on exactly that unhandled pool 'error' (57P01).
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { adminQuery, testPostgresUrl } from '../../test/pg-admin.js';
import { openDatabase } from './database.js';

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
