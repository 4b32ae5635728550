import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/database.js';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';
import type { ProviderRegistry } from './providers.js';
import { groupCommitter } from './group-commit.js';

/** What every service needs: the database, which engine it is, and the clock. Built once in container.ts. */
export interface Ctx {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  /**
   * The container's event bus and providers (server/container.ts sets both). Optional so a unit test
   * may build a bare `{ db, dialect, clock }`; such a ctx publishes to nobody.
   */
  events?: EventBus;
  providers?: ProviderRegistry;
}

/**
 * Runs work in one transaction (every write is transactional; the audit row rides in the same one).
 * When the promise resolves, the work is committed.
 *
 * On SQLite, concurrent calls share one real transaction, each work in its own savepoint, committed
 * together (group commit, ./group-commit.ts): one fsync for many writes. A failing work is rolled back
 * alone. Inside `work`, use only `trx` (`{ ...ctx, db: trx }`): SQLite has one connection, so a query
 * on `ctx.db` would wait for the very transaction it runs in.
 */
export function inTransaction<T>(ctx: Ctx, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (ctx.dialect === 'sqlite' && !ctx.db.isTransaction) return groupCommitter(ctx.db).run(work);
  return ctx.db.transaction().execute(work);
}
