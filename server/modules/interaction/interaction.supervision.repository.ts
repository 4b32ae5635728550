/**
 * SQL of the supervision facts (interaction.supervision.ts): items and kind settings of many agencies,
 * each in ONE query.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { InteractionStatus } from './interaction.tables.js';

type Db = Kysely<DB>;

const OPEN: InteractionStatus[] = ['received', 'accepted', 'assigned', 'sign_off'];
/**
 * `status IN ('received', …)` written with literals, the same text as the partial index
 * interaction_items_open (migration 20261209_0300): SQLite matches a partial index only on the same
 * condition in the query, never through a bound parameter.
 */
const openStatus = sql<boolean>`status IN (${sql.join(OPEN.map((s) => sql.lit(s)))})`;

const CLOCK_COLUMNS = [
  'id',
  'org_id',
  'number',
  'kind',
  'status',
  'subject',
  'received_on',
  'accepted_on',
  'replied_on',
  'external_due_on',
  'answer_restart_on',
  'division_id',
  'rating',
] as const;

/** Open items (received … sign_off) of the agencies, or (with `repliedIn`) the items answered in the period. */
export function clockItems(db: Db, ids: string[], repliedIn?: { from: string; to: string }) {
  const q = db
    .selectFrom('interaction_items')
    .select([...CLOCK_COLUMNS])
    .where('org_id', 'in', ids);
  return (
    repliedIn
      ? q.where('replied_on', '>=', repliedIn.from).where('replied_on', '<=', repliedIn.to)
      : q.where(openStatus)
  ).execute();
}

/** The agencies' own accept/answer limits (kinds without a row use the defaults). */
export function kindLimits(db: Db, ids: string[]) {
  return db
    .selectFrom('interaction_kind_settings')
    .select(['org_id', 'kind', 'accept_workdays', 'answer_workdays'])
    .where('org_id', 'in', ids)
    .execute();
}
