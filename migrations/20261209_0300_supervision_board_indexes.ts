import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: the supervisor's board and the scorecards read every agency at once, so an `org_id IN (all
 * agencies)` list selects nothing and both engines scanned whole tables (PostgreSQL: a sequential scan of
 * request_cases for its 2 % open cases, of interaction_items for its open ones, of catalog_items for the
 * 12-month publication window).
 *
 * - `request_cases_open`, `interaction_items_open`: partial indexes over the open records only (a few
 *   thousand rows whatever the history); the repositories write the open-stage list as literals, the same
 *   text as here, so SQLite can match the partial index (it cannot with bound parameters).
 * - `catalog_items_supervision_window (status, published_on, org_id, generated_on)`: the window of every
 *   agency's publications as one index range read from the index alone (the per-agency index
 *   catalog_items_supervision_gen stays for one agency's drill-down).
 *
 * Owned by the requests, interaction and catalog tables; created here because the supervision facts need them.
 */
export function supervisionBoardIndexes(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`CREATE INDEX request_cases_open ON request_cases (org_id, id)
        WHERE stage IN ('registered', 'assigned', 'drafting', 'review', 'sign_off')`.execute(db);
      await sql`CREATE INDEX interaction_items_open ON interaction_items (org_id, id)
        WHERE status IN ('received', 'accepted', 'assigned', 'sign_off')`.execute(db);
      await db.schema
        .createIndex('catalog_items_supervision_window')
        .on('catalog_items')
        .columns(['status', 'published_on', 'org_id', 'generated_on'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('catalog_items_supervision_window').execute();
      await db.schema.dropIndex('interaction_items_open').execute();
      await db.schema.dropIndex('request_cases_open').execute();
    },
  };
}
