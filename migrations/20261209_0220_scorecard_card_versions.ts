import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: a closed period's cards are reused until their agency's data changes. Each card records the
 * data version it was computed from (`data_version`: the agency's latest audit sequence number, the
 * platform-wide one and the 督办 tasks' version — scorecards.versions.ts); a recompute of a closed period
 * re-reads only the agencies whose version moved. The audit index makes "latest audit row of an agency"
 * one index seek per agency (the audit log is written in the same transaction as every change).
 */
export function scorecardCardVersions(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('scorecard_cards').addColumn('data_version', 'varchar(200)').execute();
      await db.schema.createIndex('audit_log_org_seq').on('audit_log').columns(['org_id', 'seq']).execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('audit_log_org_seq').execute();
      await db.schema.alterTable('scorecard_cards').dropColumn('data_version').execute();
    },
  };
}
