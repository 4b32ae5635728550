import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Search at 1M documents (docs/perf/search.md): on PostgreSQL, a search filtered by column (栏目) or
 * publisher (发布机构) walks that filter's own b-tree newest first instead of every document of the
 * agency, testing each row's tsvector until the page is full. SQLite needs nothing: FTS5 drives
 * every query by its rowid (= sort_key) order.
 */
export function searchPerf(dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      await db.schema
        .createIndex('search_documents_org_column_sort')
        .on('search_documents')
        .columns(['org_id', 'column_id', 'sort_key'])
        .execute();
      await db.schema
        .createIndex('search_documents_org_publisher_sort')
        .on('search_documents')
        .columns(['org_id', 'publisher', 'sort_key'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      await db.schema.dropIndex('search_documents_org_publisher_sort').ifExists().execute();
      await db.schema.dropIndex('search_documents_org_column_sort').ifExists().execute();
    },
  };
}
