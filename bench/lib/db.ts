/** Throwaway benchmark databases: a SQLite file under the run's work dir, or a database on a PostgreSQL server. */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../server/db/database.js';
import { Migrator } from 'kysely';
import { migrateToLatest } from '../../server/db/migrate.js';
import { migrations } from '../../migrations/index.js';

export interface BenchDatabase {
  dialect: DialectName;
  /** DATABASE_URL for the server (sqlite:/path or postgres://…/db) */
  url: string;
  open(): Database;
  drop(): Promise<void>;
}

function pgUrlFor(serverUrl: string, dbName: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The name a bench database gets for a given label (file name on SQLite, database name on PostgreSQL). */
export const safeBenchName = (name: string) => name.replace(/\W/g, '_').toLowerCase();

/** Creates (replacing any leftover) an empty database and migrates it to the latest schema. */
export async function createBenchDatabase(
  dialect: DialectName,
  name: string,
  where: { workDir: string; postgresUrl?: string },
): Promise<BenchDatabase> {
  const safe = safeBenchName(name);
  let bench: BenchDatabase;
  if (dialect === 'sqlite') {
    const file = path.join(where.workDir, `${safe}.db`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
    bench = {
      dialect,
      url: `sqlite:${file}`,
      open: () => openDatabase({ kind: 'sqlite', file }),
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
      },
    };
  } else {
    if (!where.postgresUrl) throw new Error('no PostgreSQL server configured');
    const serverUrl = where.postgresUrl;
    const dbName = `gk_bench_${safe}`;
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE ${dbName}`);
    const url = pgUrlFor(serverUrl, dbName);
    bench = {
      dialect,
      url,
      open: () => openDatabase({ kind: 'postgres', url }),
      drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`),
    };
  }
  const database = bench.open();
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  return bench;
}

/**
 * An existing bench database kept by an earlier run (`--keep`), migrated to the latest schema (new
 * migrations since the load apply), or null when there is none.
 */
export async function existingBenchDatabase(
  dialect: DialectName,
  name: string,
  where: { workDir: string; postgresUrl?: string },
): Promise<BenchDatabase | null> {
  const safe = safeBenchName(name);
  let bench: BenchDatabase;
  if (dialect === 'sqlite') {
    const file = path.join(where.workDir, `${safe}.db`);
    if (!existsSync(file)) return null;
    bench = {
      dialect,
      url: `sqlite:${file}`,
      open: () => openDatabase({ kind: 'sqlite', file }),
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
      },
    };
  } else {
    if (!where.postgresUrl) return null;
    const serverUrl = where.postgresUrl;
    const dbName = `gk_bench_${safe}`;
    const client = new pg.Client({ connectionString: pgUrlFor(serverUrl, 'postgres') });
    await client.connect();
    let found = false;
    try {
      found = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
    } finally {
      await client.end();
    }
    if (!found) return null;
    const url = pgUrlFor(serverUrl, dbName);
    bench = {
      dialect,
      url,
      open: () => openDatabase({ kind: 'postgres', url }),
      drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`),
    };
  }
  const database = bench.open();
  try {
    // Migrations added to the tree since the load may sort before ones it already ran (several people
    // adding migrations at once): a kept bench database takes them in any order.
    const all = Object.fromEntries(
      Object.entries(migrations).map(([name, factory]) => [name, factory(database.dialect)]),
    );
    const { error } = await new Migrator({
      db: database.db,
      provider: { getMigrations: async () => all },
      allowUnorderedMigrations: true,
    }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  } finally {
    await database.close();
  }
  return bench;
}

/** Whether a PostgreSQL server answers at this URL. */
export async function postgresReachable(serverUrl: string): Promise<boolean> {
  try {
    await adminQuery(serverUrl, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}
