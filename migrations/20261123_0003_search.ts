import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the search module. */
export function search(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(_db: Kysely<any>) {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(_db: Kysely<any>) {},
  };
}
