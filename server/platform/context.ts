import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/database.js';
import type { Clock } from './clock.js';

/** What every service needs: the database, which engine it is, and the clock. Built once in container.ts. */
export interface Ctx {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
}

/** Runs work in one transaction (every write is transactional; the audit row rides in the same one). */
export function inTransaction<T>(ctx: Ctx, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work);
}
