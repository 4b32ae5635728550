import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from './schema.js';
import { cachedStatements } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

/** A Kysely instance plus which engine is behind it (the few dialect differences live in dialect.ts). */
export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

// pg (~14 MB resident) is loaded only when a PostgreSQL database is opened: SQLite servers never need it.
const require = createRequire(import.meta.url);
let pgLib: typeof pg | undefined;
function postgresClient(): typeof pg {
  if (!pgLib) {
    pgLib = require('pg') as typeof pg;
    // pg returns int8 (count(*), sums) as strings; we convert explicitly where we read them, but make
    // plain numeric columns come back as numbers so both engines give the same shapes.
    pgLib.types.setTypeParser(pgLib.types.builtins.NUMERIC, (v) => (v === null ? null : Number(v)));
  }
  return pgLib;
}

/** SQLite's page cache per connection in MB unless SQLITE_CACHE_MB says otherwise. */
export const DEFAULT_SQLITE_CACHE_MB = 64;

/**
 * Opens the configured database. SQLite gets WAL, foreign keys, a busy timeout and a cache of
 * prepared statements.
 */
export function openDatabase(database: Config['database']): Database {
  if (database.kind === 'postgres') {
    const pool = new (postgresClient().Pool)({ connectionString: database.url, max: 10 });
    // An idle pooled connection the server ends (restart, failover, pg_terminate_backend, DROP DATABASE …
    // WITH (FORCE)) is reported on the pool; without a listener Node treats it as an unhandled 'error' and
    // the process dies. The pool has already discarded that client and opens a new one on the next query.
    pool.on('error', (err: Error & { code?: string }) => {
      process.emitWarning(
        `PostgreSQL closed an idle connection: ${err.code ?? ''} ${err.message}`,
        'GongkaiDatabase',
      );
    });
    return wrap(new PostgresDialect({ pool }), 'postgres');
  }
  if (database.file !== ':memory:') mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SqliteDatabase(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MB: a board or scorecard over every agency reads a few thousand
  // scattered case and event rows, and with 2 MB each was a read from the OS (requests_overdue at 1M items:
  // 490 ms, 230 ms with 64 MB). The cache fills only as pages are read; it is per connection.
  sqlite.pragma(`cache_size = -${(database.cacheMb ?? DEFAULT_SQLITE_CACHE_MB) * 1024}`);
  // FULL keeps every acknowledged commit across power loss (submissions must never be lost).
  sqlite.pragma('synchronous = FULL');
  return wrap(new SqliteDialect({ database: cachedStatements(sqlite) }), 'sqlite');
}

/** Wraps any Kysely dialect (used by tests for PGlite). */
export function wrap(dialect: Dialect, name: DialectName): Database {
  const db = new Kysely<DB>({ dialect });
  return { db, dialect: name, close: () => db.destroy() };
}
