import { afterAll, beforeAll, describe, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { openDatabase, wrap, type Database, type DialectName } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { adminQuery, testPostgresUrl, withDatabase } from './pg-admin.js';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/**
 * A fresh, migrated database of the given engine. PostgreSQL is the server named by TEST_DATABASE_URL
 * (a clone of the run's template database) or, on a machine without one, PGlite in memory.
 */
export async function createTestDatabase(dialect: DialectName): Promise<Database> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    return database;
  }
  const url = testPostgresUrl();
  const template = url ? inject('pgTemplate') : null;
  if (url && template) {
    const name = `gk_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    const database = openDatabase({ kind: 'postgres', url: withDatabase(url, name) });
    return {
      ...database,
      close: async () => {
        await database.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const pglite = new PGlite();
  const database = wrap(new PGliteDialect(pglite), 'postgres');
  await migrateToLatest(database);
  return database;
}

/** Runs a suite once per engine (SQLite and PostgreSQL), each with its own fresh database. */
export function describeEachDialect(
  name: string,
  suite: (getDatabase: () => Database, dialect: DialectName) => void,
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => {
        if (!database) throw new Error('database not ready');
        return database;
      }, dialect);
    });
  }
}
