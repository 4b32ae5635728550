import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 16 item 3: a complaint or petition sent in as an information request is answered on the request
 * side as 信访举报投诉类申请 (table 三 （五）1) and handled in 互动交流 as a 投诉举报 item. This table keeps
 * the link (one item per case) without widening interaction_items, whose rows many loaders build.
 */
export function interactionFromRequest(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('interaction_from_requests')
        .addColumn('item_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().unique())
        .addColumn('case_number', 'varchar(40)', (c) => c.notNull())
        .addColumn('handed_over_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('interaction_from_requests').execute();
    },
  };
}
