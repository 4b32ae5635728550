import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

const TABLES = [
  'ent_import_errors',
  'ent_import_jobs',
  'ent_settings',
  'ent_listings',
  'ent_inspections',
  'ent_draws',
  'ent_inspection_plans',
  'ent_inspectors',
  'ent_notices',
  'ent_monthly_reports',
  'ent_hazard_files',
  'ent_hazard_reports',
  'ent_change_requests',
  'ent_accounts',
  'ent_name_tokens',
  'ent_licences',
  'ent_enterprises',
];

/** Tables of the 智慧安监 module (enterprise registry, accounts, self-reports, 双随机一公开, credit). */
export function enterprises(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const ts = 'varchar(32)';
      const date = 'varchar(10)';
      await db.schema
        .createTable('ent_enterprises')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('credit_code', 'varchar(18)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('former_names', 'text', (c) => c.notNull())
        .addColumn('legal_representative', 'varchar(100)', (c) => c.notNull())
        .addColumn('registered_address', 'varchar(300)', (c) => c.notNull())
        .addColumn('operating_address', 'varchar(300)')
        .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
        .addColumn('industry_code', 'varchar(4)', (c) => c.notNull())
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('scale', 'varchar(16)', (c) => c.notNull())
        .addColumn('supervising_unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('contact_name', 'varchar(100)')
        .addColumn('contact_mobile', 'varchar(20)')
        .addColumn('contact_email', 'varchar(200)')
        .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('import_job_id', 'varchar(36)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_enterprises_code')
        .on('ent_enterprises')
        .columns(['org_id', 'credit_code'])
        .unique()
        .execute();
      await db.schema
        .createIndex('ent_enterprises_region')
        .on('ent_enterprises')
        .columns(['org_id', 'region_code', 'id'])
        .execute();
      await db.schema
        .createIndex('ent_enterprises_industry')
        .on('ent_enterprises')
        .columns(['org_id', 'industry_code', 'id'])
        .execute();
      await db.schema
        .createIndex('ent_enterprises_category')
        .on('ent_enterprises')
        .columns(['org_id', 'category', 'region_code', 'id'])
        .execute();

      await db.schema
        .createTable('ent_licences')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('ent_enterprises.id'))
        .addColumn('kind', 'varchar(100)', (c) => c.notNull())
        .addColumn('number', 'varchar(100)', (c) => c.notNull())
        .addColumn('scope', 'varchar(1000)', (c) => c.notNull())
        .addColumn('valid_from', date, (c) => c.notNull())
        .addColumn('valid_to', date, (c) => c.notNull())
        .addColumn('issuer', 'varchar(200)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ent_licences_ent').on('ent_licences').columns(['enterprise_id']).execute();
      await db.schema
        .createIndex('ent_licences_expiry')
        .on('ent_licences')
        .columns(['org_id', 'valid_to'])
        .execute();

      await db.schema
        .createTable('ent_name_tokens')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('token', 'varchar(64)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull())
        .addPrimaryKeyConstraint('ent_name_tokens_pk', ['org_id', 'token', 'enterprise_id'])
        .execute();
      await db.schema
        .createIndex('ent_name_tokens_ent')
        .on('ent_name_tokens')
        .columns(['enterprise_id'])
        .execute();

      await db.schema
        .createTable('ent_accounts')
        .addColumn('user_id', 'varchar(36)', (c) => c.primaryKey().references('users.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('credit_code', 'varchar(18)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('origin', 'varchar(16)', (c) => c.notNull())
        .addColumn('applicant_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('applicant_mobile', 'varchar(20)')
        .addColumn('decided_by', 'varchar(36)')
        .addColumn('decided_at', ts)
        .addColumn('decision_note', 'varchar(1000)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_accounts_code')
        .on('ent_accounts')
        .columns(['org_id', 'credit_code'])
        .execute();

      await db.schema
        .createTable('ent_change_requests')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('ent_enterprises.id'))
        .addColumn('requested_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('changes_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'varchar(1000)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('decided_by', 'varchar(36)')
        .addColumn('decided_at', ts)
        .addColumn('decision_note', 'varchar(1000)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_change_requests_org')
        .on('ent_change_requests')
        .columns(['org_id', 'status', 'created_at'])
        .execute();

      await db.schema
        .createTable('ent_hazard_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('ent_enterprises.id'))
        .addColumn('reported_on', date, (c) => c.notNull())
        .addColumn('place', 'varchar(300)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('level', 'varchar(16)', (c) => c.notNull())
        .addColumn('measures', 'text', (c) => c.notNull())
        .addColumn('responsible_person', 'varchar(100)', (c) => c.notNull())
        .addColumn('deadline', date, (c) => c.notNull())
        .addColumn('funds_fen', 'bigint', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('rectified_on', date)
        .addColumn('rectification_note', 'text')
        .addColumn('supervised_hazard_id', 'varchar(36)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_hazard_reports_ent')
        .on('ent_hazard_reports')
        .columns(['enterprise_id', 'reported_on'])
        .execute();
      await db.schema
        .createIndex('ent_hazard_reports_org')
        .on('ent_hazard_reports')
        .columns(['org_id', 'status', 'reported_on'])
        .execute();

      await db.schema
        .createTable('ent_hazard_files')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('report_id', 'varchar(36)', (c) => c.notNull().references('ent_hazard_reports.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('mime', 'varchar(100)', (c) => c.notNull())
        .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_hazard_files_rep')
        .on('ent_hazard_files')
        .columns(['report_id'])
        .execute();

      await db.schema
        .createTable('ent_monthly_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('ent_enterprises.id'))
        .addColumn('month', 'varchar(7)', (c) => c.notNull())
        .addColumn('no_hazards', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('submitted_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_monthly_reports_key')
        .on('ent_monthly_reports')
        .columns(['enterprise_id', 'month'])
        .unique()
        .execute();

      await db.schema
        .createTable('ent_notices')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)')
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_notices_org')
        .on('ent_notices')
        .columns(['org_id', 'enterprise_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('ent_inspectors')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('cert_no', 'varchar(50)', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_inspectors_cert')
        .on('ent_inspectors')
        .columns(['org_id', 'cert_no'])
        .unique()
        .execute();

      await db.schema
        .createTable('ent_inspection_plans')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('publish_workdays', 'integer', (c) => c.notNull())
        .addColumn('published_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_inspection_plans_year')
        .on('ent_inspection_plans')
        .columns(['org_id', 'year'])
        .execute();

      await db.schema
        .createTable('ent_draws')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('plan_id', 'varchar(36)', (c) => c.notNull().references('ent_inspection_plans.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('batch', 'varchar(100)', (c) => c.notNull())
        .addColumn('seed', 'varchar(128)', (c) => c.notNull())
        .addColumn('criteria_json', 'text', (c) => c.notNull())
        .addColumn('enterprise_pool_json', 'text', (c) => c.notNull())
        .addColumn('inspector_pool_json', 'text', (c) => c.notNull())
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'varchar(100)', (c) => c.notNull())
        .addColumn('reason', 'varchar(1000)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_draws_batch')
        .on('ent_draws')
        .columns(['plan_id', 'batch', 'seq'])
        .unique()
        .execute();

      await db.schema
        .createTable('ent_inspections')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('draw_id', 'varchar(36)')
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('ent_enterprises.id'))
        .addColumn('inspected_on', date, (c) => c.notNull())
        .addColumn('inspector_ids', 'text', (c) => c.notNull())
        .addColumn('items_checked', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('hazards_found', 'integer', (c) => c.notNull())
        .addColumn('measures', 'text')
        .addColumn('result', 'varchar(16)', (c) => c.notNull())
        .addColumn('penalty_decision_number', 'varchar(100)')
        .addColumn('publish_due', date, (c) => c.notNull())
        .addColumn('publish_due_estimated', 'integer', (c) => c.notNull())
        .addColumn('published_at', ts)
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_inspections_ent')
        .on('ent_inspections')
        .columns(['enterprise_id', 'inspected_on'])
        .execute();
      await db.schema
        .createIndex('ent_inspections_org')
        .on('ent_inspections')
        .columns(['org_id', 'inspected_on'])
        .execute();

      await db.schema
        .createTable('ent_listings')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('ent_enterprises.id'))
        .addColumn('criterion', 'varchar(32)', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('notice_on', date, (c) => c.notNull())
        .addColumn('statement_due', date, (c) => c.notNull())
        .addColumn('statement', 'text')
        .addColumn('statement_on', date)
        .addColumn('decision_number', 'varchar(100)')
        .addColumn('decided_on', date)
        .addColumn('list_until', date)
        .addColumn('removed_on', date)
        .addColumn('removal_kind', 'varchar(16)')
        .addColumn('removal_reason', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_listings_ent')
        .on('ent_listings')
        .columns(['enterprise_id', 'status'])
        .execute();
      await db.schema
        .createIndex('ent_listings_org')
        .on('ent_listings')
        .columns(['org_id', 'status', 'decided_on'])
        .execute();

      await db.schema
        .createTable('ent_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('credit_rules_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ent_import_jobs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('format', 'varchar(8)', (c) => c.notNull())
        .addColumn('mode', 'varchar(8)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('processed_rows', 'integer', (c) => c.notNull())
        .addColumn('inserted_rows', 'integer', (c) => c.notNull())
        .addColumn('updated_rows', 'integer', (c) => c.notNull())
        .addColumn('unchanged_rows', 'integer', (c) => c.notNull())
        .addColumn('error_rows', 'integer', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('finished_at', ts)
        .execute();
      await db.schema
        .createTable('ent_import_errors')
        .addColumn('job_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('row_no', 'integer', (c) => c.notNull())
        .addColumn('column_name', 'varchar(50)', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ent_import_errors_job')
        .on('ent_import_errors')
        .columns(['job_id', 'row_no'])
        .execute();

      // Links by credit code from the enforcement records (accidents and hazards had none).
      await db.schema
        .createIndex('ent_link_accidents_code')
        .on('enforcement_accidents')
        .columns(['credit_code', 'org_id'])
        .execute();
      await db.schema
        .createIndex('ent_link_hazards_code')
        .on('enforcement_hazards')
        .columns(['credit_code', 'org_id'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('ent_link_hazards_code').ifExists().execute();
      await db.schema.dropIndex('ent_link_accidents_code').ifExists().execute();
      for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
