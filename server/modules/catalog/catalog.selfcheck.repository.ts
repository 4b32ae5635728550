/** SQL behind catalog.selfcheck.ts (read-only facts for the self-check module). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The newest publication day per column of an agency (published items only). */
export function lastPublishedPerColumn(
  db: Kysely<DB>,
  orgId: string,
): Promise<{ column_id: string; last: string | null }[]> {
  return db
    .selectFrom('catalog_items')
    .select(['column_id', (eb) => eb.fn.max('published_on').as('last')])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .groupBy('column_id')
    .execute();
}
