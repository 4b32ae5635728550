import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 18: registry searches by a city (4-digit GB/T 2260 prefix) — alone or with a supervision category —
 * walk an index in id order instead of sorting every match. A 4-digit prefix is a range on `region_code`,
 * which the (org_id, region_code, id) and (org_id, category, region_code, id) indexes cannot return in id
 * order; these expression indexes make the city an equality (`substr(region_code, 1, 4) = '3703'`), so the
 * newest page of 20 is the first 20 index entries. The repository writes the predicate with the same
 * expression (enterprises.repository.ts, `cityOf`).
 */
export function enterprisesAreaIndexes(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`CREATE INDEX ent_enterprises_city ON ent_enterprises (org_id, substr(region_code, 1, 4), id)`.execute(
        db,
      );
      await sql`CREATE INDEX ent_enterprises_category_city ON ent_enterprises (org_id, category, substr(region_code, 1, 4), id)`.execute(
        db,
      );
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('ent_enterprises_category_city').execute();
      await db.schema.dropIndex('ent_enterprises_city').execute();
    },
  };
}
