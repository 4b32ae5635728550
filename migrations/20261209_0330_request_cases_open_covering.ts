import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: the partial index of open request cases (migration 0300) also carries what the supervision
 * facts read of an open case (case number, stage, receipt day and channel, division), so a board or scorecard over
 * every agency reads its few thousand open cases from the index alone. Before, each open case was a seek
 * into request_cases, whose ~2.4 kB rows are mostly description text: 8,097 open cases of a
 * 1,000,000-item government cost 100–110 ms of page reads on SQLite (requests.supervision.repository.ts).
 * The repositories still write the open-stage list as literals, the same text as here (SQLite matches a
 * partial index only then).
 */
export function requestCasesOpenCovering(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`DROP INDEX request_cases_open`.execute(db);
      await sql`CREATE INDEX request_cases_open
        ON request_cases (org_id, id, case_number, stage, received_on, division_id, channel)
        WHERE stage IN ('registered', 'assigned', 'drafting', 'review', 'sign_off')`.execute(db);
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await sql`DROP INDEX request_cases_open`.execute(db);
      await sql`CREATE INDEX request_cases_open ON request_cases (org_id, id)
        WHERE stage IN ('registered', 'assigned', 'drafting', 'review', 'sign_off')`.execute(db);
    },
  };
}
