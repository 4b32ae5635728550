import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

const TABLES = [
  'enforcement_import_errors',
  'enforcement_import_rows',
  'enforcement_import_jobs',
  'enforcement_hazards',
  'enforcement_accidents',
  'enforcement_name_tokens',
  'enforcement_settings',
  'enforcement_notices',
  'enforcement_decision_history',
  'enforcement_decisions',
  'enforcement_items',
];

/** Tables of the enforcement module (双公示 decisions, 事项, accident reports, hazards, import jobs). */
export function enforcement(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('enforcement_items')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('code', 'varchar(64)')
        .addColumn('name', 'varchar(300)', (c) => c.notNull())
        .addColumn('basis', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enforcement_items_key')
        .on('enforcement_items')
        .columns(['org_id', 'year', 'kind', 'name'])
        .unique()
        .execute();

      await db.schema
        .createTable('enforcement_decisions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('decision_number', 'varchar(100)', (c) => c.notNull())
        .addColumn('decision_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('item_id', 'varchar(36)', (c) => c.references('enforcement_items.id'))
        .addColumn('item_name', 'varchar(300)')
        .addColumn('counterparty_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('counterparty_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('credit_code', 'varchar(18)')
        .addColumn('legal_representative', 'varchar(100)')
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('fine_fen', 'numeric(15, 0)')
        .addColumn('confiscation_fen', 'numeric(15, 0)')
        .addColumn('valid_from', 'varchar(10)')
        .addColumn('valid_to', 'varchar(10)')
        .addColumn('handling_division', 'varchar(100)')
        .addColumn('legal_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('pub_state', 'varchar(16)', (c) => c.notNull())
        .addColumn('publish_due', 'varchar(10)', (c) => c.notNull())
        .addColumn('publish_due_estimated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('published_at', 'varchar(32)')
        .addColumn('public_until', 'varchar(10)')
        .addColumn('return_reason', 'text')
        .addColumn('submitted_by', 'varchar(36)')
        .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('import_job_id', 'varchar(36)')
        .addColumn('import_row', 'integer')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      // The idempotency key of the import: one decision per 文号 per agency.
      await db.schema
        .createIndex('enforcement_decisions_number')
        .on('enforcement_decisions')
        .columns(['org_id', 'decision_number'])
        .unique()
        .execute();
      await db.schema
        .createIndex('enforcement_decisions_portal')
        .on('enforcement_decisions')
        .columns(['org_id', 'pub_state', 'decision_date'])
        .execute();
      await db.schema
        .createIndex('enforcement_decisions_year')
        .on('enforcement_decisions')
        .columns(['org_id', 'kind', 'decision_date'])
        .execute();
      await db.schema
        .createIndex('enforcement_decisions_credit')
        .on('enforcement_decisions')
        .columns(['credit_code', 'org_id'])
        .execute();

      await db.schema
        .createTable('enforcement_decision_history')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('decision_id', 'varchar(36)', (c) =>
          c.notNull().references('enforcement_decisions.id').onDelete('cascade'),
        )
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('action', 'varchar(32)', (c) => c.notNull())
        .addColumn('from_state', 'varchar(16)')
        .addColumn('to_state', 'varchar(16)')
        .addColumn('note', 'text')
        .addColumn('before_json', 'text')
        .execute();
      await db.schema
        .createIndex('enforcement_decision_history_decision')
        .on('enforcement_decision_history')
        .columns(['decision_id', 'at'])
        .execute();

      await db.schema
        .createTable('enforcement_notices')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('decision_id', 'varchar(36)', (c) =>
          c.notNull().references('enforcement_decisions.id').onDelete('cascade'),
        )
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enforcement_notices_org')
        .on('enforcement_notices')
        .columns(['org_id', 'published_at'])
        .execute();
      await db.schema
        .createIndex('enforcement_notices_decision')
        .on('enforcement_notices')
        .column('decision_id')
        .execute();

      await db.schema
        .createTable('enforcement_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('publish_workdays', 'integer', (c) => c.notNull())
        .addColumn('license_public_months', 'integer')
        .addColumn('penalty_public_months', 'integer')
        .addColumn('coercion_public_months', 'integer')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('enforcement_name_tokens')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('token', 'varchar(100)', (c) => c.notNull())
        .addColumn('decision_id', 'varchar(36)', (c) =>
          c.notNull().references('enforcement_decisions.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('enforcement_name_tokens_pk', ['org_id', 'token', 'decision_id'])
        .execute();
      await db.schema
        .createIndex('enforcement_name_tokens_decision')
        .on('enforcement_name_tokens')
        .column('decision_id')
        .execute();

      await db.schema
        .createTable('enforcement_accidents')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('level', 'varchar(20)', (c) => c.notNull())
        .addColumn('occurred_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'varchar(300)', (c) => c.notNull())
        .addColumn('enterprise_name', 'varchar(200)')
        .addColumn('credit_code', 'varchar(18)')
        .addColumn('deaths', 'integer', (c) => c.notNull())
        .addColumn('injuries', 'integer', (c) => c.notNull())
        .addColumn('direct_loss_fen', 'numeric(15, 0)', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('conclusions', 'text', (c) => c.notNull())
        .addColumn('responsibility_handling', 'text', (c) => c.notNull())
        .addColumn('approved_on', 'varchar(10)')
        .addColumn('pub_state', 'varchar(16)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(32)')
        .addColumn('return_reason', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enforcement_accidents_org')
        .on('enforcement_accidents')
        .columns(['org_id', 'pub_state', 'occurred_on'])
        .execute();

      await db.schema
        .createTable('enforcement_hazards')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('enterprise_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('credit_code', 'varchar(18)')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('listed_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
        .addColumn('responsible_unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('measures', 'text')
        .addColumn('rectification_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('delisted_on', 'varchar(10)')
        .addColumn('pub_state', 'varchar(16)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(32)')
        .addColumn('return_reason', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enforcement_hazards_org')
        .on('enforcement_hazards')
        .columns(['org_id', 'pub_state', 'listed_on'])
        .execute();

      await db.schema
        .createTable('enforcement_import_jobs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('format', 'varchar(8)', (c) => c.notNull())
        .addColumn('mode', 'varchar(8)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('phase', 'varchar(32)', (c) => c.notNull())
        .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total_rows', 'integer')
        .addColumn('inserted_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('message', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('enforcement_import_jobs_org')
        .on('enforcement_import_jobs')
        .columns(['org_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('enforcement_import_rows')
        .addColumn('job_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('row_no', 'integer', (c) => c.notNull())
        .addColumn('new_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('history_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('decision_number', 'varchar(100)', (c) => c.notNull())
        .addColumn('has_error', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('decision_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('item_name', 'varchar(300)')
        .addColumn('counterparty_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('counterparty_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('credit_code', 'varchar(18)')
        .addColumn('legal_representative', 'varchar(100)')
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('fine_fen', 'numeric(15, 0)')
        .addColumn('confiscation_fen', 'numeric(15, 0)')
        .addColumn('valid_from', 'varchar(10)')
        .addColumn('valid_to', 'varchar(10)')
        .addColumn('handling_division', 'varchar(100)')
        .addColumn('publish_due', 'varchar(10)', (c) => c.notNull())
        .addColumn('publish_due_estimated', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('enforcement_import_rows_pk', ['job_id', 'row_no'])
        .execute();
      await db.schema
        .createIndex('enforcement_import_rows_number')
        .on('enforcement_import_rows')
        .columns(['job_id', 'decision_number', 'row_no'])
        .execute();

      await db.schema
        .createTable('enforcement_import_errors')
        .addColumn('job_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('row_no', 'integer', (c) => c.notNull())
        .addColumn('column_name', 'varchar(64)', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enforcement_import_errors_job')
        .on('enforcement_import_errors')
        .columns(['job_id', 'row_no'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
