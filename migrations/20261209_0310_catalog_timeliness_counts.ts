import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: per-agency monthly counters of late publication (第二十六条) for the supervision board and the
 * scorecards (catalog.timeliness.repository.ts). Created empty and not yet marked built: the readers count
 * the items until `gongkai catalog recount` builds them (late publication needs the working-day calendar,
 * which a migration does not load); from then on every write keeps them.
 */
export function catalogTimelinessCounts(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('catalog_timeliness_counts')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('month', 'varchar(7)', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('catalog_timeliness_counts_pk', ['org_id', 'month'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('catalog_timeliness_counts').execute();
    },
  };
}
