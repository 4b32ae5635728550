import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Site group (站群, issue 19 item 1): the group-wide 政府信息公开目录 lists the published items of many
 * agencies newest first. The catalog's list indexes lead with the agency or the column, so a list across
 * agencies would read and sort every item of every agency; this index is walked newest first from its
 * end and carries org_id, so a page of a group reads about (offset + limit) ÷ (the group's share of all
 * items) index entries and no table row until the page is known.
 */
export function sitegroup(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createIndex('catalog_items_status_pub_org')
        .on('catalog_items')
        .columns(['status', 'published_at', 'id', 'org_id'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('catalog_items_status_pub_org').execute();
    },
  };
}
