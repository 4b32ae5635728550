import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Search index (search_documents + the engine's full-text structure) and the small portal tables
 * (editable page texts such as the 政府信息公开指南, per-agency content versions for page caching).
 *
 * `sort_key` encodes the publication instant (ms × 1024 + a slot), so "newest first" is the order of
 * the full-text index itself: SQLite FTS5 walks its doclists by rowid DESC and stops after LIMIT;
 * PostgreSQL can walk the (org_id, sort_key) b-tree backwards. See design.md "Search: what the trial showed".
 */
export function search(dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('search_documents')
        // SQLite: exactly "integer primary key" makes it the rowid, shared with the FTS5 table.
        .addColumn('sort_key', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey())
        .addColumn('doc_key', 'varchar(120)', (c) => c.notNull().unique())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('source_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('extra', 'text', (c) => c.notNull())
        .addColumn('url', 'varchar(500)', (c) => c.notNull())
        .addColumn('label', 'varchar(100)')
        .addColumn('column_id', 'varchar(36)')
        .addColumn('year', 'integer')
        .addColumn('publisher', 'varchar(200)')
        .addColumn('validity', 'varchar(8)')
        .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('visible_until', 'varchar(32)')
        .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('search_documents_org_sort')
        .on('search_documents')
        .columns(['org_id', 'sort_key'])
        .execute();
      await db.schema
        .createIndex('search_documents_kind_source')
        .on('search_documents')
        .columns(['kind', 'source_id'])
        .execute();

      if (dialect === 'sqlite') {
        // Contentless: the tokens are only needed for matching; snippets come from search_documents.body.
        // contentless_delete=1 (SQLite ≥ 3.43) lets us delete a row by rowid without its original text.
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, extra, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
          db,
        );
      } else {
        // The tsvector is built in the application from the same jieba tokens (no text-search parser
        // involved, so CJK tokens survive any database locale); 'simple'-equivalent, with positions.
        await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(
          db,
        );
        await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
      }

      await db.schema
        .createTable('portal_pages')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('slug', 'varchar(40)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)')
        .addPrimaryKeyConstraint('portal_pages_pk', ['org_id', 'slug'])
        .execute();

      await db.schema
        .createTable('portal_content_versions')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('portal_content_versions').ifExists().execute();
      await db.schema.dropTable('portal_pages').ifExists().execute();
      if (dialect === 'sqlite') await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
      await db.schema.dropTable('search_documents').ifExists().execute();
    },
  };
}
