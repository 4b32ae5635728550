import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { openDatabase, wrap, type Database } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { adminQuery, testPostgresUrl, withDatabase } from './pg-admin.js';
import { seedTemplate } from './seed-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL server: migrated template database (null without TEST_DATABASE_URL). */
    pgTemplate: string | null;
    /** PostgreSQL server: migrated template database with the demo agency seeded. */
    pgSeededTemplate: string | null;
    /** PGlite (no server): data directory dumps (tar) of the migrated and of the seeded database. */
    pgliteTemplate: string | null;
    pgliteSeededTemplate: string | null;
    /** SQLite: a migrated database file with the demo agency seeded (copied per suite). */
    sqliteSeededTemplate: string;
  }
}

/**
 * Migrates (and seeds the demo agency into) template databases once per run; each suite then starts from a
 * copy — a copied SQLite file, `CREATE DATABASE … TEMPLATE` on a PostgreSQL server, or a PGlite data
 * directory loaded from a dump — which is far faster than migrating and seeding in every file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-templates-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];

  const sqliteFile = path.join(dir, 'seeded.sqlite');
  const sqlite = openDatabase({ kind: 'sqlite', file: sqliteFile });
  await migrateToLatest(sqlite);
  await seedTemplate(sqlite);
  await sqlite.close();
  project.provide('sqliteSeededTemplate', sqliteFile);

  const url = testPostgresUrl();
  if (url) {
    const name = `gk_tpl_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(url, `CREATE DATABASE ${name}`);
    await withClosed(openDatabase({ kind: 'postgres', url: withDatabase(url, name) }), migrateToLatest);
    await adminQuery(url, `CREATE DATABASE ${name}_seeded TEMPLATE ${name}`);
    await withClosed(
      openDatabase({ kind: 'postgres', url: withDatabase(url, `${name}_seeded`) }),
      seedTemplate,
    );
    project.provide('pgTemplate', name);
    project.provide('pgSeededTemplate', `${name}_seeded`);
    project.provide('pgliteTemplate', null);
    project.provide('pgliteSeededTemplate', null);
    cleanups.push(async () => {
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name}_seeded WITH (FORCE)`);
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  } else {
    const pglite = new PGlite();
    const database = wrap(new PGliteDialect(pglite), 'postgres');
    await migrateToLatest(database);
    const migrated = path.join(dir, 'pglite-migrated.tar');
    writeFileSync(migrated, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    await seedTemplate(database);
    const seeded = path.join(dir, 'pglite-seeded.tar');
    writeFileSync(seeded, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    await database.close();
    project.provide('pgTemplate', null);
    project.provide('pgSeededTemplate', null);
    project.provide('pgliteTemplate', migrated);
    project.provide('pgliteSeededTemplate', seeded);
  }
  return async () => {
    for (const c of cleanups.reverse()) await c();
  };
}

async function withClosed(database: Database, work: (d: Database) => Promise<unknown>): Promise<void> {
  try {
    await work(database);
  } finally {
    await database.close();
  }
}
