import type { TestProject } from 'vitest/node';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { adminQuery, testPostgresUrl, withDatabase } from './pg-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

/**
 * With a real PostgreSQL server, migrate one template database per run; each test suite then clones it
 * (CREATE DATABASE … TEMPLATE), which is far faster than migrating per suite.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const url = testPostgresUrl();
  if (!url) {
    project.provide('pgTemplate', null);
    return;
  }
  const name = `gk_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const database = openDatabase({ kind: 'postgres', url: withDatabase(url, name) });
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  project.provide('pgTemplate', name);
  return async () => {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
