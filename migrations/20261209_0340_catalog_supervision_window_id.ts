import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: `catalog_items_supervision_window` (migration 0300) also carries the item id, so the
 * scorecards find the late items of a period from the index alone and read only the rows they list.
 * Without the id every item of the window was read from the table to be judged (57,000 rows for 5,000
 * late ones at 1,000,000 items: 650 ms on PostgreSQL, most of it heap pages).
 */
export function catalogSupervisionWindowId(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`DROP INDEX catalog_items_supervision_window`.execute(db);
      await db.schema
        .createIndex('catalog_items_supervision_window')
        .on('catalog_items')
        .columns(['status', 'published_on', 'org_id', 'generated_on', 'id'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await sql`DROP INDEX catalog_items_supervision_window`.execute(db);
      await db.schema
        .createIndex('catalog_items_supervision_window')
        .on('catalog_items')
        .columns(['status', 'published_on', 'org_id', 'generated_on'])
        .execute();
    },
  };
}
