import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 19: `request_events_org_type` also carries the case id, so the supervision facts find the cases
 * whose clock has more than a receipt and an answer (补正, consultation, extension, fee, deferral,
 * withdrawal — events of every case in the history) from the index alone, without reading each such event's
 * row (requests.supervision.repository.ts). Queries by (org_id, type) use it as before.
 */
export function requestEventsOrgTypeCase(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`DROP INDEX request_events_org_type`.execute(db);
      await db.schema
        .createIndex('request_events_org_type')
        .on('request_events')
        .columns(['org_id', 'type', 'case_id'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await sql`DROP INDEX request_events_org_type`.execute(db);
      await db.schema
        .createIndex('request_events_org_type')
        .on('request_events')
        .columns(['org_id', 'type'])
        .execute();
    },
  };
}
