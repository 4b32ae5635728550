import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: `request_cases.clock_moved` — 1 once a case has a clock event besides its receipt and answer
 * (补正, consultation, extension, fee, deferral, withdrawal), kept from now on by the events' insert
 * (requests.repository.ts insertEvents). The supervision facts and the statistics read events only for
 * flagged cases; before, they found them by joining the cases with those events (PostgreSQL hash-joined
 * ~58,000 such events per compute: 250 ms of a 1,000,000-item scorecard). Both indexes the facts read cases
 * from carry the flag, so the read stays inside the index.
 *
 * The event types are written out here, not imported: a migration must mean the same thing whenever it
 * runs (they are CLOCK_CHANGING_EVENT_TYPES of clock-events.ts on 2026-12-07).
 */
const MOVING_TYPES = [
  'supplement_requested',
  'supplement_received',
  'supplement_expired',
  'third_party_consultation_sent',
  'third_party_consultation_replied',
  'agency_consultation_sent',
  'agency_consultation_replied',
  'extension_approved',
  'extension_notified',
  'fee_notice_sent',
  'fee_paid',
  'fee_expired',
  'deferred',
  'withdrawn',
];

const OPEN = sql`stage IN ('registered', 'assigned', 'drafting', 'review', 'sign_off')`;

export function requestCasesClockMoved(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('request_cases')
        .addColumn('clock_moved', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      await sql`UPDATE request_cases SET clock_moved = 1
        WHERE id IN (SELECT case_id FROM request_events
                     WHERE type IN (${sql.join(MOVING_TYPES.map((t) => sql.lit(t)))}))`.execute(db);
      await sql`DROP INDEX request_cases_open`.execute(db);
      await sql`CREATE INDEX request_cases_open
        ON request_cases (org_id, id, case_number, stage, received_on, division_id, channel, clock_moved)
        WHERE ${OPEN}`.execute(db);
      await sql`DROP INDEX request_cases_report_closed`.execute(db);
      await db.schema
        .createIndex('request_cases_report_closed')
        .on('request_cases')
        .columns([
          'org_id',
          'closed_on',
          'received_on',
          'applicant_type',
          'outcome_code',
          'id',
          'clock_moved',
        ])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await sql`DROP INDEX request_cases_open`.execute(db);
      await sql`CREATE INDEX request_cases_open
        ON request_cases (org_id, id, case_number, stage, received_on, division_id, channel)
        WHERE ${OPEN}`.execute(db);
      await sql`DROP INDEX request_cases_report_closed`.execute(db);
      await db.schema
        .createIndex('request_cases_report_closed')
        .on('request_cases')
        .columns(['org_id', 'closed_on', 'received_on', 'applicant_type', 'outcome_code', 'id'])
        .execute();
      await db.schema.alterTable('request_cases').dropColumn('clock_moved').execute();
    },
  };
}
