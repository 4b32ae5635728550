import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the requests module (依申请公开): cases, append-only events, outcomes, letters, fees, appeals … */
export function requests(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('request_cases')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_number', 'varchar(40)', (c) => c.notNull().unique())
        .addColumn('query_code_hash', 'varchar(200)', (c) => c.notNull())
        .addColumn('channel', 'varchar(20)', (c) => c.notNull())
        .addColumn('applicant_type', 'varchar(20)', (c) => c.notNull())
        .addColumn('applicant_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('contact_person', 'varchar(100)')
        .addColumn('id_doc_type', 'varchar(20)', (c) => c.notNull())
        .addColumn('id_number_enc', 'varchar(300)', (c) => c.notNull())
        .addColumn('id_number_hmac', 'varchar(64)', (c) => c.notNull())
        .addColumn('id_number_masked', 'varchar(40)', (c) => c.notNull())
        .addColumn('phone', 'varchar(40)')
        .addColumn('email', 'varchar(200)')
        .addColumn('address', 'varchar(300)')
        .addColumn('postcode', 'varchar(6)')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('description_key', 'varchar(500)', (c) => c.notNull())
        .addColumn('requested_form', 'varchar(20)', (c) => c.notNull())
        .addColumn('delivery_method', 'varchar(20)', (c) => c.notNull())
        .addColumn('intake_note', 'text')
        .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('signed_for_on', 'varchar(10)')
        .addColumn('confirmed_on', 'varchar(10)')
        .addColumn('received_on', 'varchar(10)')
        .addColumn('receipt_basis', 'text')
        .addColumn('division_id', 'varchar(36)', (c) => c.references('orgs.id'))
        .addColumn('handler_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('stage', 'varchar(32)', (c) => c.notNull())
        .addColumn('outcome_code', 'varchar(40)')
        .addColumn('closed_on', 'varchar(10)')
        .addColumn('fee_basis', 'varchar(16)')
        .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('request_cases_org_stage')
        .on('request_cases')
        .columns(['org_id', 'stage'])
        .execute();
      await db.schema
        .createIndex('request_cases_org_received')
        .on('request_cases')
        .columns(['org_id', 'received_on'])
        .execute();
      await db.schema
        .createIndex('request_cases_org_closed')
        .on('request_cases')
        .columns(['org_id', 'closed_on'])
        .execute();
      await db.schema
        .createIndex('request_cases_applicant')
        .on('request_cases')
        .columns(['org_id', 'id_number_hmac'])
        .execute();
      await db.schema
        .createIndex('request_cases_description')
        .on('request_cases')
        .columns(['org_id', 'description_key'])
        .execute();
      await db.schema.createIndex('request_cases_handler').on('request_cases').column('handler_id').execute();

      await db.schema
        .createTable('request_events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'varchar(48)', (c) => c.notNull())
        .addColumn('event_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('actor_id', 'varchar(36)')
        .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_events_case_seq', ['case_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('request_events_org_type')
        .on('request_events')
        .columns(['org_id', 'type'])
        .execute();

      await db.schema
        .createTable('request_outcomes')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().unique().references('request_cases.id'))
        .addColumn('outcome_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('table3_row', 'varchar(8)', (c) => c.notNull())
        .addColumn('legal_basis_ref', 'varchar(100)', (c) => c.notNull())
        .addColumn('legal_basis_text', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('withheld_parts', 'text', (c) => c.notNull())
        .addColumn('referral_agency', 'varchar(300)')
        .addColumn('review_passed_by', 'varchar(36)')
        .addColumn('review_passed_at', 'varchar(32)')
        .addColumn('approved_by', 'varchar(36)')
        .addColumn('approved_at', 'varchar(32)')
        .addColumn('drafted_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('request_outcomes_org').on('request_outcomes').column('org_id').execute();

      await db.schema
        .createTable('request_letters')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('outcome_code', 'varchar(40)')
        .addColumn('letter_number', 'varchar(80)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('content_base64', 'text')
        .addColumn('storage_path', 'varchar(500)')
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_letters_number', ['org_id', 'year', 'seq'])
        .execute();
      await db.schema.createIndex('request_letters_case').on('request_letters').column('case_id').execute();

      await db.schema
        .createTable('request_letter_templates')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('outcome_code', 'varchar(40)', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_letter_templates_key', ['org_id', 'kind', 'outcome_code'])
        .execute();

      await db.schema
        .createTable('request_counters')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('scope', 'varchar(20)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('request_counters_pk', ['org_id', 'scope', 'year'])
        .execute();

      await db.schema
        .createTable('request_fees')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().unique().references('request_cases.id'))
        .addColumn('basis', 'varchar(16)', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('prior_items_this_month', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('amount_fen', 'integer', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('notice_sent_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('notice_received_on', 'varchar(10)')
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('paid_on', 'varchar(10)')
        .addColumn('paid_amount_fen', 'integer')
        .addColumn('payment_ref', 'varchar(100)')
        .addColumn('abandoned_on', 'varchar(10)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('request_fees_org_paid')
        .on('request_fees')
        .columns(['org_id', 'paid_on'])
        .execute();

      await db.schema
        .createTable('request_appeals')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('filed_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('body_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('reference', 'varchar(100)')
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('decided_on', 'varchar(10)')
        .addColumn('note', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('request_appeals_org_filed')
        .on('request_appeals')
        .columns(['org_id', 'filed_on'])
        .execute();
      await db.schema.createIndex('request_appeals_case').on('request_appeals').column('case_id').execute();

      await db.schema
        .createTable('request_case_links')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('linked_case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_case_links_pair', ['case_id', 'linked_case_id'])
        .execute();

      await db.schema
        .createTable('request_reminders')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('kind', 'varchar(8)', (c) => c.notNull())
        .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('remind_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('handler_id', 'varchar(36)')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'varchar(32)')
        .addColumn('acknowledged_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_reminders_once', ['case_id', 'kind', 'due_date'])
        .execute();
      await db.schema
        .createIndex('request_reminders_org')
        .on('request_reminders')
        .columns(['org_id', 'acknowledged_at'])
        .execute();

      await db.schema
        .createTable('request_promotions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('description_key', 'varchar(500)', (c) => c.notNull())
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('case_ids', 'text', (c) => c.notNull())
        .addColumn('case_count', 'integer', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('catalog_item_id', 'varchar(36)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_promotions_key', ['org_id', 'description_key'])
        .execute();

      await db.schema
        .createTable('request_captchas')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('answer_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('request_captchas_expiry')
        .on('request_captchas')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('request_secrets')
        .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('value', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of [
        'request_secrets',
        'request_captchas',
        'request_promotions',
        'request_reminders',
        'request_case_links',
        'request_appeals',
        'request_fees',
        'request_counters',
        'request_letter_templates',
        'request_letters',
        'request_outcomes',
        'request_events',
        'request_cases',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
