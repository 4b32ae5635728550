import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { openDatabase, wrap, type Database, type DialectName } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { adminQuery, testPostgresUrl, withDatabase } from './pg-admin.js';
import { pgliteTemplate, sqliteSeededTemplate } from './templates.js';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabaseOptions {
  /** Start from the run's template with the demo agency already seeded (test/global-setup.ts). */
  seeded?: boolean;
}

/**
 * A fresh, migrated database of the given engine, copied from the run's template (test/global-setup.ts):
 * SQLite from a seeded file (`seeded`) or migrated in memory; PostgreSQL as a clone of the template
 * database on the server named by TEST_DATABASE_URL or, without one, PGlite loaded from a data-dir dump
 * (templates built on first use and cached across runs: test/templates.ts).
 */
export async function createTestDatabase(
  dialect: DialectName,
  options: TestDatabaseOptions = {},
): Promise<Database> {
  if (dialect === 'sqlite') {
    if (options.seeded) {
      const dir = mkdtempSync(path.join(tmpdir(), 'gk-test-'));
      const file = path.join(dir, 'test.sqlite');
      copyFileSync(await sqliteSeededTemplate(), file);
      const database = openDatabase({ kind: 'sqlite', file });
      return {
        ...database,
        close: async () => {
          await database.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    return database;
  }
  const url = testPostgresUrl();
  const template = url ? inject(options.seeded ? 'pgSeededTemplate' : 'pgTemplate') : null;
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
  const dump = await pgliteTemplate(options.seeded === true);
  const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(dump)]) });
  const database = wrap(new PGliteDialect(pglite), 'postgres');
  return database;
}

/**
 * Runs a suite once per engine (SQLite and PostgreSQL), each with its own fresh database. `{ seeded: true }`:
 * the database already holds the demo agency (then `createTestApp(db, { seed: false })`).
 */
export function describeEachDialect(
  name: string,
  suite: (getDatabase: () => Database, dialect: DialectName) => void,
  options: TestDatabaseOptions = {},
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect, options);
        // The first suite of a run (or after a change under server/) may build and cache the template.
      }, 600_000);
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
