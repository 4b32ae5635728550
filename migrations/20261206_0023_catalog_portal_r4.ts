import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Portal site identity per agency (党政机关网站标识 image and link). */
export function catalogPortalR4(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('portal_site_identity')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('conac_image_url', 'varchar(500)')
        .addColumn('conac_link_url', 'varchar(500)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
