import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the calendar module: admin-entered year schedules and the change revision. */
export function calendar(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Platform-wide (one national holiday calendar), hence no org_id.
      await db.schema
        .createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('holidays', 'text', (c) => c.notNull())
        .addColumn('adjusted_workdays', 'text', (c) => c.notNull())
        .addColumn('holiday_names', 'text', (c) => c.notNull())
        .addColumn('source', 'varchar(300)', (c) => c.notNull())
        .addColumn('note', 'varchar(1000)')
        .addColumn('updated_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('updated_by_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('calendar_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('calendar_state').values({ id: 1, revision: 0 }).execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('calendar_state').ifExists().execute();
      await db.schema.dropTable('calendar_years').ifExists().execute();
    },
  };
}
