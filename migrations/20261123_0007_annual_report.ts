import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Tables of the annual-report module: the working report per agency and year, its immutable
 * published versions (snapshots with rule results and file hashes) and the published files.
 */
export function annualReport(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('annual_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('format_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('correction_reason', 'text')
        .addColumn('tables_json', 'text', (c) => c.notNull())
        .addColumn('drill_json', 'text', (c) => c.notNull())
        .addColumn('texts_json', 'text', (c) => c.notNull())
        .addColumn('chart_json', 'text', (c) => c.notNull())
        .addColumn('context_json', 'text', (c) => c.notNull())
        .addColumn('findings_json', 'text', (c) => c.notNull())
        .addColumn('overrides_json', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('checked_at', 'varchar(32)')
        .addColumn('approved_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('approved_at', 'varchar(32)')
        .addColumn('published_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('annual_reports_org_year', ['org_id', 'year'])
        .execute();
      await db.schema
        .createIndex('annual_reports_year')
        .on('annual_reports')
        .columns(['year', 'org_id'])
        .execute();

      await db.schema
        .createTable('annual_report_versions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('report_id', 'varchar(36)', (c) => c.notNull().references('annual_reports.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('format_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('correction_reason', 'text')
        .addColumn('tables_json', 'text', (c) => c.notNull())
        .addColumn('texts_json', 'text', (c) => c.notNull())
        .addColumn('chart_json', 'text', (c) => c.notNull())
        .addColumn('findings_json', 'text', (c) => c.notNull())
        .addColumn('overrides_json', 'text', (c) => c.notNull())
        .addColumn('files_json', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'varchar(36)')
        .addColumn('published_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('annual_report_versions_report_version', ['report_id', 'version'])
        .execute();
      await db.schema
        .createIndex('annual_report_versions_org_year')
        .on('annual_report_versions')
        .columns(['org_id', 'year', 'version'])
        .execute();

      await db.schema
        .createTable('annual_report_files')
        .addColumn('version_id', 'varchar(36)', (c) => c.notNull().references('annual_report_versions.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(8)', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('annual_report_files_pk', ['version_id', 'kind'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('annual_report_files').execute();
      await db.schema.dropTable('annual_report_versions').execute();
      await db.schema.dropTable('annual_reports').execute();
    },
  };
}
