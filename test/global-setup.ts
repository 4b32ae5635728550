import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { adminQuery, testPostgresUrl, withDatabase } from './pg-admin.js';
import { seedTemplate } from './seed-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL server: migrated template database (null without TEST_DATABASE_URL). */
    pgTemplate: string | null;
    /** PostgreSQL server: migrated template database with the demo agency seeded. */
    pgSeededTemplate: string | null;
  }
}

/**
 * With a real PostgreSQL server, migrate one template database per run (and one with the demo agency
 * seeded); each suite then clones one (CREATE DATABASE … TEMPLATE), far faster than migrating and seeding
 * per suite. SQLite and PGlite templates are built on first use and cached across runs (test/templates.ts).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const url = testPostgresUrl();
  if (!url) {
    project.provide('pgTemplate', null);
    project.provide('pgSeededTemplate', null);
    return;
  }
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
  return async () => {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name}_seeded WITH (FORCE)`);
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}

async function withClosed(database: Database, work: (d: Database) => Promise<unknown>): Promise<void> {
  try {
    await work(database);
  } finally {
    await database.close();
  }
}
