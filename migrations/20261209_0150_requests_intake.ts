import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 14 item 9 (durable submissions): less work per intake.
 *
 * - `request_cases_org_received` (org_id, received_on) and `request_cases_org_closed` (org_id, closed_on)
 *   are prefixes of the report indexes `request_cases_report_received` (org_id, received_on, …) and
 *   `request_cases_report_closed` (org_id, closed_on, …), which answer every lookup they did; each new
 *   case no longer maintains them (10 → 8 indexes written per case).
 * - `request_letters_unrendered`: the worker's queue of letters issued without their file (rendered
 *   after the intake's commit): a partial index, so finding them never reads the rendered ones.
 */
export function requestsIntake(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('request_cases_org_received').execute();
      await db.schema.dropIndex('request_cases_org_closed').execute();
      await db.schema
        .createIndex('request_letters_unrendered')
        .on('request_letters')
        .column('created_at')
        .where(sql.ref('content_base64'), 'is', null)
        .where(sql.ref('render_input'), 'is not', null)
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('request_letters_unrendered').execute();
      await db.schema
        .createIndex('request_cases_org_closed')
        .on('request_cases')
        .columns(['org_id', 'closed_on'])
        .execute();
      await db.schema
        .createIndex('request_cases_org_received')
        .on('request_cases')
        .columns(['org_id', 'received_on'])
        .execute();
    },
  };
}
