import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Tables of the interaction module (互动交流): letters/questions/complaints/12345 orders/找错 reports,
 * per-agency kind settings, common-reply snippets, the 12345 inbound token, public consultations
 * (意见征集) and their comments. Dialect-neutral: text dates, integer booleans, JSON as text.
 */
export function interaction(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('interaction_kind_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('handler_division_id', 'varchar(36)', (c) => c.references('orgs.id'))
        .addColumn('accept_workdays', 'integer', (c) => c.notNull())
        .addColumn('answer_workdays', 'integer', (c) => c.notNull())
        .addColumn('publishable', 'integer', (c) => c.notNull())
        .addColumn('sign_off_required', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)')
        .addPrimaryKeyConstraint('interaction_kind_settings_pk', ['org_id', 'kind'])
        .execute();

      await db.schema
        .createTable('interaction_items')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('number', 'varchar(40)', (c) => c.notNull().unique())
        .addColumn('query_code_hash', 'varchar(200)', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('channel', 'varchar(20)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('subject', 'varchar(200)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('identity_enc', 'text')
        .addColumn('name_masked', 'varchar(60)')
        .addColumn('contact_masked', 'varchar(120)')
        .addColumn('notify_by', 'varchar(10)')
        .addColumn('publish_consent', 'integer', (c) => c.notNull())
        .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('order_number', 'varchar(60)')
        .addColumn('order_hash', 'varchar(64)')
        .addColumn('external_due_on', 'varchar(10)')
        .addColumn('accepted_on', 'varchar(10)')
        .addColumn('decision_reason', 'text')
        .addColumn('transferred_to_org_id', 'varchar(36)', (c) => c.references('orgs.id'))
        .addColumn('merged_into_id', 'varchar(36)')
        .addColumn('request_case_id', 'varchar(36)')
        .addColumn('request_case_number', 'varchar(40)')
        .addColumn('enforcement_ref', 'varchar(200)')
        .addColumn('division_id', 'varchar(36)', (c) => c.references('orgs.id'))
        .addColumn('handler_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('draft_reply', 'text')
        .addColumn('draft_scan', 'text')
        .addColumn('scan_passed_at', 'varchar(32)')
        .addColumn('signed_by', 'varchar(100)')
        .addColumn('signed_at', 'varchar(32)')
        .addColumn('reply', 'text')
        .addColumn('reply_unit', 'varchar(200)')
        .addColumn('replied_on', 'varchar(10)')
        .addColumn('replied_at', 'varchar(32)')
        .addColumn('answer_restart_on', 'varchar(10)')
        .addColumn('reopen_count', 'integer', (c) => c.notNull())
        .addColumn('rating', 'varchar(12)')
        .addColumn('rating_comment', 'text')
        .addColumn('rated_at', 'varchar(32)')
        .addColumn('archived_on', 'varchar(10)')
        .addColumn('published', 'integer', (c) => c.notNull())
        .addColumn('published_at', 'varchar(32)')
        .addColumn('published_month', 'varchar(7)')
        .addColumn('public_subject', 'varchar(200)')
        .addColumn('public_question', 'text')
        .addColumn('public_reply', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('interaction_items_org_status')
        .on('interaction_items')
        .columns(['org_id', 'status'])
        .execute();
      await db.schema
        .createIndex('interaction_items_org_received')
        .on('interaction_items')
        .columns(['org_id', 'received_on'])
        .execute();
      await db.schema
        .createIndex('interaction_items_order')
        .on('interaction_items')
        .columns(['org_id', 'order_number'])
        .unique()
        .execute();
      // The public list: newest published first, per agency, optionally per kind / month.
      await db.schema
        .createIndex('interaction_items_public')
        .on('interaction_items')
        .columns(['org_id', 'published', 'published_at'])
        .execute();
      await db.schema
        .createIndex('interaction_items_public_kind')
        .on('interaction_items')
        .columns(['org_id', 'published', 'kind', 'published_at'])
        .execute();
      await db.schema
        .createIndex('interaction_items_public_month')
        .on('interaction_items')
        .columns(['org_id', 'published', 'published_month', 'published_at'])
        .execute();

      await db.schema
        .createTable('interaction_counters')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('interaction_counters_pk', ['org_id', 'year'])
        .execute();

      await db.schema
        .createTable('interaction_secrets')
        .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('value', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('interaction_tokens')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .execute();

      await db.schema
        .createTable('interaction_snippets')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(100)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('interaction_snippets_org')
        .on('interaction_snippets')
        .column('org_id')
        .execute();

      await db.schema
        .createTable('interaction_consultations')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('draft_text', 'text', (c) => c.notNull())
        .addColumn('catalog_item_id', 'varchar(36)')
        .addColumn('major_decision', 'integer', (c) => c.notNull())
        .addColumn('short_period_reason', 'text')
        .addColumn('opens_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('closes_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('comment_display', 'varchar(12)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(32)')
        .addColumn('adoption_summary', 'text')
        .addColumn('final_text', 'text')
        .addColumn('result_published_at', 'varchar(32)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('interaction_consultations_org')
        .on('interaction_consultations')
        .columns(['org_id', 'closes_on'])
        .execute();

      await db.schema
        .createTable('interaction_comments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('consultation_id', 'varchar(36)', (c) =>
          c.notNull().references('interaction_consultations.id'),
        )
        .addColumn('author', 'varchar(60)')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('adopted', 'integer')
        .addColumn('adoption_note', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('moderated_at', 'varchar(32)')
        .addColumn('moderated_by', 'varchar(100)')
        .execute();
      await db.schema
        .createIndex('interaction_comments_consultation')
        .on('interaction_comments')
        .columns(['consultation_id', 'created_at'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of [
        'interaction_comments',
        'interaction_consultations',
        'interaction_snippets',
        'interaction_tokens',
        'interaction_secrets',
        'interaction_counters',
        'interaction_items',
        'interaction_kind_settings',
      ])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
