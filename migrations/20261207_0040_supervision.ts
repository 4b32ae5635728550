import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the supervision module: 督办 tasks, their timeline, evidence files, number counters. */
export function supervision(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('supervision_tasks')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('number', 'varchar(40)', (c) => c.notNull())
        .addColumn('issuer_org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('issued_by', 'varchar(36)')
        .addColumn('issued_by_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('target_org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('target_agency_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'varchar(32)')
        .addColumn('source_id', 'varchar(64)')
        .addColumn('source_label', 'varchar(300)')
        .addColumn('source_link', 'varchar(300)')
        .addColumn('workdays', 'integer', (c) => c.notNull())
        .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('due_estimated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reply_text', 'text')
        .addColumn('replied_on', 'varchar(10)')
        .addColumn('replied_at', 'varchar(32)')
        .addColumn('replied_by', 'varchar(36)')
        .addColumn('replied_by_name', 'varchar(100)')
        .addColumn('return_reason', 'varchar(2000)')
        .addColumn('closed_on', 'varchar(10)')
        .addColumn('closed_on_time', 'integer')
        .addColumn('overdue_notified_on', 'varchar(10)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      // Numbers run per issuing org and year (DB-2026-0001 of the government and of a department's office).
      await db.schema
        .createIndex('supervision_tasks_number')
        .on('supervision_tasks')
        .columns(['issuer_org_id', 'number'])
        .unique()
        .execute();
      // Receiver lists and the per-agency facts (tasksFacts) range over (target agency, issued day).
      await db.schema
        .createIndex('supervision_tasks_target')
        .on('supervision_tasks')
        .columns(['target_agency_id', 'issued_on', 'id'])
        .execute();
      await db.schema
        .createIndex('supervision_tasks_issuer')
        .on('supervision_tasks')
        .columns(['issuer_org_id', 'issued_on', 'id'])
        .execute();
      // The overdue sweep of the worker: open tasks by due day.
      await db.schema
        .createIndex('supervision_tasks_open_due')
        .on('supervision_tasks')
        .columns(['state', 'due_on'])
        .execute();
      // The boards' catalog facts (catalog.supervision.repository.ts) over hundreds of agencies: the last
      // 发布日期 of a column is one seek, and late publication reads (org, status, 发布日期, 成文日期) from the
      // index alone. Owned by the catalog's table; created here because the supervision facts need them.
      await db.schema
        .createIndex('catalog_items_supervision_col')
        .on('catalog_items')
        .columns(['column_id', 'status', 'published_on'])
        .execute();
      await db.schema
        .createIndex('catalog_items_supervision_gen')
        .on('catalog_items')
        .columns(['org_id', 'status', 'published_on', 'generated_on'])
        .execute();
      await db.schema
        .createTable('supervision_task_events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('task_id', 'varchar(36)', (c) => c.notNull().references('supervision_tasks.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'varchar(24)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)')
        .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('actor_org_id', 'varchar(36)')
        .addColumn('note', 'text')
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('supervision_task_events_seq', ['task_id', 'seq'])
        .execute();
      await db.schema
        .createTable('supervision_task_files')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('task_id', 'varchar(36)', (c) => c.notNull().references('supervision_tasks.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('round', 'integer')
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('mime', 'varchar(100)', (c) => c.notNull())
        .addColumn('storage_key', 'varchar(300)', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('uploaded_by', 'varchar(36)')
        .addColumn('uploaded_by_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_task_files_task')
        .on('supervision_task_files')
        .columns(['task_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('supervision_counters')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('supervision_counters_pk', ['org_id', 'year'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('catalog_items_supervision_gen').execute();
      await db.schema.dropIndex('catalog_items_supervision_col').execute();
      await db.schema.dropTable('supervision_counters').execute();
      await db.schema.dropTable('supervision_task_files').execute();
      await db.schema.dropTable('supervision_task_events').execute();
      await db.schema.dropTable('supervision_tasks').execute();
    },
  };
}
