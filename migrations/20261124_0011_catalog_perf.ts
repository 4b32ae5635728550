import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Catalog at 1M items (docs/performance.md findings 3 and 5):
 * - published-item counters and filter facets, so list pages and the 公开目录/检索 filter lists never
 *   count or scan the items table (filled here from the existing items);
 * - list indexes that end in `id`, matching the portal lists' ORDER BY published_at DESC, id DESC;
 * - a lease on outbox rows so two workers never send the same delivery.
 */
export function catalogPerf(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('catalog_public_counts')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('column_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('validity', 'varchar(16)', (c) => c.notNull())
        .addColumn('topic', 'varchar(100)', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_public_counts_pk', [
          'org_id',
          'column_id',
          'year',
          'validity',
          'topic',
        ])
        .execute();
      await db.schema
        .createTable('catalog_public_facets')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('facet', 'varchar(16)', (c) => c.notNull())
        .addColumn('value', 'varchar(200)', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_public_facets_pk', ['org_id', 'facet', 'value'])
        .execute();

      // Same SQL as recountPublicCounts (catalog.counts.ts), written out: migrations do not import services.
      const year = sql`CAST(substr(published_on, 1, 4) AS integer)`;
      await sql`INSERT INTO catalog_public_counts (org_id, column_id, year, validity, topic, n)
        SELECT org_id, column_id, ${year}, validity, COALESCE(topic, ''), COUNT(*)
        FROM catalog_items WHERE status = 'published' AND published_on IS NOT NULL
        GROUP BY org_id, column_id, ${year}, validity, COALESCE(topic, '')`.execute(db);
      await sql`INSERT INTO catalog_public_facets (org_id, facet, value, n)
        SELECT org_id, 'year', substr(published_on, 1, 4), COUNT(*)
        FROM catalog_items WHERE status = 'published' AND published_on IS NOT NULL
        GROUP BY org_id, substr(published_on, 1, 4)`.execute(db);
      await sql`INSERT INTO catalog_public_facets (org_id, facet, value, n)
        SELECT org_id, 'topic', topic, COUNT(*)
        FROM catalog_items WHERE status = 'published' AND published_on IS NOT NULL AND topic IS NOT NULL AND topic <> ''
        GROUP BY org_id, topic`.execute(db);
      await sql`INSERT INTO catalog_public_facets (org_id, facet, value, n)
        SELECT org_id, 'publisher', publisher, COUNT(*)
        FROM catalog_items WHERE status = 'published' AND published_on IS NOT NULL
        GROUP BY org_id, publisher`.execute(db);

      // The list query orders by (published_at DESC, id DESC): with id in the index the page is read in
      // index order (no sort of the ties) and, for the id-only first step, from the index alone. The
      // agency index also carries column_id so deep pages of a column with sub-columns filter in it.
      await db.schema.dropIndex('catalog_items_org_status_pub').execute();
      await db.schema.dropIndex('catalog_items_column_pub').execute();
      await db.schema
        .createIndex('catalog_items_org_pub_list')
        .on('catalog_items')
        .columns(['org_id', 'status', 'published_at', 'id', 'column_id'])
        .execute();
      await db.schema
        .createIndex('catalog_items_column_pub_list')
        .on('catalog_items')
        .columns(['column_id', 'status', 'published_at', 'id'])
        .execute();

      await db.schema.alterTable('catalog_deliveries').addColumn('claimed_by', 'varchar(36)').execute();
      await db.schema.alterTable('catalog_deliveries').addColumn('claimed_until', 'varchar(32)').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.alterTable('catalog_deliveries').dropColumn('claimed_until').execute();
      await db.schema.alterTable('catalog_deliveries').dropColumn('claimed_by').execute();
      await db.schema.dropIndex('catalog_items_column_pub_list').execute();
      await db.schema.dropIndex('catalog_items_org_pub_list').execute();
      await db.schema
        .createIndex('catalog_items_org_status_pub')
        .on('catalog_items')
        .columns(['org_id', 'status', 'published_at'])
        .execute();
      await db.schema
        .createIndex('catalog_items_column_pub')
        .on('catalog_items')
        .columns(['column_id', 'status', 'published_at'])
        .execute();
      await db.schema.dropTable('catalog_public_facets').execute();
      await db.schema.dropTable('catalog_public_counts').execute();
    },
  };
}
