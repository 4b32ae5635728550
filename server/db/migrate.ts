import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import { migrations } from '../../migrations/index.js';

/** Migrations are listed statically (migrations/index.ts) so they work under tsx, Vitest and bundlers alike. */
class StaticProvider implements MigrationProvider {
  constructor(private readonly database: Database) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, factory] of Object.entries(migrations)) out[name] = factory(this.database.dialect);
    return out;
  }
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(database) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  // SQLite plans with the statistics ANALYZE left in sqlite_stat1: an index a migration adds to a table
  // analyzed earlier has none and can be passed over for a full scan (seen at 1M items: list queries and
  // jobs went from milliseconds to seconds). ANALYZE is sampled (analysis_limit); it runs only when a
  // migration was applied. PostgreSQL's autovacuum keeps its own statistics.
  if (applied.length && database.dialect === 'sqlite') {
    await sql`PRAGMA analysis_limit = 1000`.execute(database.db);
    await sql`ANALYZE`.execute(database.db);
  }
  return applied;
}
