import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

const TABLES = [
  'catalog_item_links',
  'catalog_deliveries',
  'catalog_index_serials',
  'catalog_approvals',
  'catalog_scan_overrides',
  'catalog_reviews',
  'catalog_item_events',
  'catalog_attachments',
  'catalog_item_revisions',
  'catalog_items',
  'catalog_columns',
  'catalog_settings',
];

/** Tables of the catalog module (主动公开). */
export function catalog(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('catalog_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('index_template', 'varchar(100)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('catalog_columns')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('parent_id', 'varchar(36)', (c) => c.references('catalog_columns.id'))
        .addColumn('code', 'varchar(32)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('art20_items', 'varchar(200)', (c) => c.notNull().defaultTo('[]'))
        .addColumn('update_class', 'varchar(16)', (c) => c.notNull())
        .addColumn('second_approval', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('channels', 'varchar(200)', (c) => c.notNull().defaultTo('["portal"]'))
        .addColumn('description', 'varchar(500)')
        .addColumn('retired_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('catalog_columns_org_code', ['org_id', 'code'])
        .execute();
      await db.schema
        .createIndex('catalog_columns_org_parent')
        .on('catalog_columns')
        .columns(['org_id', 'parent_id', 'sort_order'])
        .execute();

      await db.schema
        .createTable('catalog_items')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('column_id', 'varchar(36)', (c) => c.notNull().references('catalog_columns.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('working_revision_id', 'varchar(36)')
        .addColumn('published_revision_id', 'varchar(36)')
        .addColumn('index_number', 'varchar(120)', (c) => c.unique())
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('publisher', 'varchar(200)', (c) => c.notNull())
        .addColumn('generated_on', 'varchar(10)')
        .addColumn('doc_number', 'varchar(100)')
        .addColumn('doc_kind', 'varchar(16)', (c) => c.notNull().defaultTo('other'))
        .addColumn('topic', 'varchar(100)')
        .addColumn('disclosure_mode', 'varchar(32)', (c) => c.notNull())
        .addColumn('art20_item', 'integer')
        .addColumn('keywords', 'varchar(300)')
        .addColumn('validity', 'varchar(16)', (c) => c.notNull().defaultTo('valid'))
        .addColumn('validity_date', 'varchar(10)')
        .addColumn('replaced_by_item_id', 'varchar(36)', (c) => c.references('catalog_items.id'))
        .addColumn('published_on', 'varchar(10)')
        .addColumn('published_at', 'varchar(32)')
        .addColumn('content_updated_at', 'varchar(32)')
        .addColumn('scheduled_at', 'varchar(32)')
        .addColumn('withdrawn_at', 'varchar(32)')
        .addColumn('withdrawn_reason', 'varchar(500)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
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
      await db.schema
        .createIndex('catalog_items_org_scheduled')
        .on('catalog_items')
        .columns(['status', 'scheduled_at'])
        .execute();

      await db.schema
        .createTable('catalog_item_revisions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('revision_no', 'integer', (c) => c.notNull())
        .addColumn('state', 'varchar(24)', (c) => c.notNull())
        .addColumn('column_id', 'varchar(36)', (c) => c.notNull().references('catalog_columns.id'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('publisher', 'varchar(200)', (c) => c.notNull())
        .addColumn('generated_on', 'varchar(10)')
        .addColumn('doc_number', 'varchar(100)')
        .addColumn('doc_kind', 'varchar(16)', (c) => c.notNull().defaultTo('other'))
        .addColumn('topic', 'varchar(100)')
        .addColumn('disclosure_mode', 'varchar(32)', (c) => c.notNull())
        .addColumn('art20_item', 'integer')
        .addColumn('keywords', 'varchar(300)')
        .addColumn('publish_at', 'varchar(32)')
        .addColumn('change_note', 'varchar(500)')
        .addColumn('returned_opinion', 'text')
        .addColumn('scan_findings', 'text')
        .addColumn('scanned_at', 'varchar(32)')
        .addColumn('drafted_by', 'varchar(36)')
        .addColumn('drafted_by_name', 'varchar(100)')
        .addColumn('state_since', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('catalog_item_revisions_no', ['item_id', 'revision_no'])
        .execute();
      await db.schema
        .createIndex('catalog_item_revisions_org_state')
        .on('catalog_item_revisions')
        .columns(['org_id', 'state', 'state_since'])
        .execute();

      await db.schema
        .createTable('catalog_attachments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('revision_id', 'varchar(36)', (c) => c.notNull().references('catalog_item_revisions.id'))
        .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
        .addColumn('mime_type', 'varchar(120)', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('storage_key', 'varchar(300)', (c) => c.notNull())
        .addColumn('extracted_text', 'text')
        .addColumn('extract_format', 'varchar(16)', (c) => c.notNull())
        .addColumn('extract_note', 'varchar(300)')
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('uploaded_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_attachments_revision')
        .on('catalog_attachments')
        .columns(['revision_id', 'sort_order'])
        .execute();

      await db.schema
        .createTable('catalog_item_events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('revision_id', 'varchar(36)')
        .addColumn('action', 'varchar(32)', (c) => c.notNull())
        .addColumn('from_state', 'varchar(24)')
        .addColumn('to_state', 'varchar(24)')
        .addColumn('actor_id', 'varchar(36)')
        .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_item_events_item')
        .on('catalog_item_events')
        .columns(['item_id', 'at'])
        .execute();

      await db.schema
        .createTable('catalog_reviews')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('revision_id', 'varchar(36)', (c) => c.notNull().references('catalog_item_revisions.id'))
        .addColumn('reviewer_id', 'varchar(36)')
        .addColumn('reviewer_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('checklist', 'text', (c) => c.notNull())
        .addColumn('opinion', 'text', (c) => c.notNull())
        .addColumn('decision', 'varchar(16)', (c) => c.notNull())
        .addColumn('scan_findings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_reviews_item')
        .on('catalog_reviews')
        .columns(['item_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('catalog_scan_overrides')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('review_id', 'varchar(36)')
        .addColumn('fingerprint', 'varchar(120)', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('masked', 'varchar(200)', (c) => c.notNull())
        .addColumn('reason', 'varchar(500)', (c) => c.notNull())
        .addColumn('overridden_by', 'varchar(36)')
        .addColumn('overridden_by_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('catalog_scan_overrides_fp', ['item_id', 'fingerprint'])
        .execute();

      await db.schema
        .createTable('catalog_approvals')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('revision_id', 'varchar(36)', (c) => c.notNull().references('catalog_item_revisions.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('approver_id', 'varchar(36)')
        .addColumn('approver_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('decision', 'varchar(16)', (c) => c.notNull())
        .addColumn('opinion', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_approvals_revision')
        .on('catalog_approvals')
        .column('revision_id')
        .execute();

      await db.schema
        .createTable('catalog_index_serials')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('counter_key', 'varchar(120)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_serial', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_index_serials_pk', ['org_id', 'counter_key'])
        .execute();

      await db.schema
        .createTable('catalog_deliveries')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('revision_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'varchar(32)')
        .addColumn('last_error', 'varchar(1000)')
        .addColumn('external_ref', 'varchar(200)')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_deliveries_due')
        .on('catalog_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('catalog_deliveries_item')
        .on('catalog_deliveries')
        .column('item_id')
        .execute();
      await db.schema
        .createIndex('catalog_deliveries_org_channel')
        .on('catalog_deliveries')
        .columns(['org_id', 'channel', 'completed_at'])
        .execute();

      await db.schema
        .createTable('catalog_item_links')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('from_item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('to_item_id', 'varchar(36)', (c) => c.notNull().references('catalog_items.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('catalog_item_links_uq', ['from_item_id', 'to_item_id', 'kind'])
        .execute();
      await db.schema
        .createIndex('catalog_item_links_to')
        .on('catalog_item_links')
        .column('to_item_id')
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of TABLES) await db.schema.dropTable(t).execute();
    },
  };
}
