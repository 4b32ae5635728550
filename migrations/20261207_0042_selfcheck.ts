import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the self-check module (检查指标自查): dated reports per agency and their findings. */
export function selfcheck(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('selfcheck_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('run_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
        .addColumn('triggered_by', 'varchar(36)')
        .addColumn('triggered_by_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('base_url', 'varchar(500)', (c) => c.notNull())
        .addColumn('pages_crawled', 'integer', (c) => c.notNull())
        .addColumn('links_checked', 'integer', (c) => c.notNull())
        .addColumn('truncated', 'integer', (c) => c.notNull())
        .addColumn('veto_count', 'integer', (c) => c.notNull())
        .addColumn('deduct_count', 'integer', (c) => c.notNull())
        .addColumn('hint_count', 'integer', (c) => c.notNull())
        .addColumn('counts_json', 'text', (c) => c.notNull())
        .addColumn('error', 'varchar(2000)')
        .execute();
      await db.schema
        .createIndex('selfcheck_reports_org_run')
        .on('selfcheck_reports')
        .columns(['org_id', 'run_on', 'started_at'])
        .execute();
      await db.schema
        .createTable('selfcheck_findings')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('report_id', 'varchar(36)', (c) => c.notNull().references('selfcheck_reports.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('indicator', 'varchar(40)', (c) => c.notNull())
        .addColumn('severity', 'varchar(10)', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addColumn('url', 'varchar(2000)')
        .addColumn('found_on', 'varchar(2000)')
        .addColumn('excerpt', 'varchar(500)')
        .addColumn('detail', 'varchar(1000)')
        .execute();
      await db.schema
        .createIndex('selfcheck_findings_report')
        .on('selfcheck_findings')
        .columns(['report_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('selfcheck_findings').execute();
      await db.schema.dropTable('selfcheck_reports').execute();
    },
  };
}
