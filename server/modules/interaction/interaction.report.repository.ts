/** SQL of the annual report's 互动交流 facts (interaction.report.ts). Read-only. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** Items received in [from, to] (merged, transferred and converted ones left out), with their outcome. */
export function reportItemsOf(db: Db, orgId: string, from: string, to: string) {
  return db
    .selectFrom('interaction_items')
    .select(['kind', 'status', 'replied_on', 'archived_on'])
    .where('org_id', '=', orgId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .where('status', 'not in', ['merged', 'transferred', 'converted'])
    .execute();
}

/** Public consultations (意见征集) published and opened in [from, to]. */
export function openedConsultationsOf(db: Db, orgId: string, from: string, to: string) {
  return db
    .selectFrom('interaction_consultations')
    .select(['id', 'result_published_at'])
    .where('org_id', '=', orgId)
    .where('published_at', 'is not', null)
    .where('opens_on', '>=', from)
    .where('opens_on', '<=', to)
    .execute();
}

/** Comments on these consultations that were not rejected. */
export async function countCommentsOn(db: Db, consultationIds: string[]): Promise<number> {
  if (consultationIds.length === 0) return 0;
  const row = await db
    .selectFrom('interaction_comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('consultation_id', 'in', consultationIds)
    .where('status', '!=', 'rejected')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
