import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver calls `prepare` for every query it runs; compiling the SQL was the largest
 * single self-time item serving cached portal pages (docs/performance.md, finding 2). Kysely emits
 * the same SQL text for the same query shape (values are bound parameters), so a small cache keyed by
 * the text serves nearly every query with an already compiled statement.
 *
 * A statement that is still iterating (a streamed query not yet exhausted) cannot run again until it
 * finishes, so a busy hit gets a fresh statement, which then replaces it in the cache. SQLite
 * re-prepares cached statements by itself after a schema change.
 *
 * Long SQL (multi-row inserts, long IN lists) is not kept: its text varies with the row count, it is
 * rarely repeated, and compiling it is cheap next to running it, while caching it would hold memory.
 */
export function cachedStatements(
  db: BetterSqlite3.Database,
  capacity = 1000,
  maxSqlLength = 8192,
): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      if (sql.length > maxSqlLength) return db.prepare(sql);
      const hit = cache.get(sql);
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      cache.delete(sql);
      const stmt = hit && !hit.busy ? hit : db.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}
