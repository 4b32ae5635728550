import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 18: the enterprise import job records the rows it expects (CSV: counted before reading), so the
 * console and the CLI show a real progress bar, as the 双公示 import does.
 */
export function enterprisesImportTotal(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('ent_import_jobs').addColumn('total_rows', 'integer').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.alterTable('ent_import_jobs').dropColumn('total_rows').execute();
    },
  };
}
