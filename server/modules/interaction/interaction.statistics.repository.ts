/** SQL of the interaction statistics facts (interaction.statistics.ts). Read-only. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** Items received in [from, to] of the agencies (merged duplicates left out), the columns the clock needs. */
export async function statRowsOf(db: Db, orgIds: readonly string[], from: string, to: string) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('interaction_items')
    .select([
      'org_id',
      'kind',
      'status',
      'received_on',
      'replied_on',
      'external_due_on',
      'answer_restart_on',
      'rating',
    ])
    .where('org_id', 'in', orgIds)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .where('status', '!=', 'merged')
    .execute();
}

/** The agencies (of these) that have saved settings of their own for any kind. */
export async function orgsWithSettings(db: Db, orgIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < orgIds.length; i += 500) {
    const rows = await db
      .selectFrom('interaction_kind_settings')
      .select('org_id')
      .distinct()
      .where('org_id', 'in', orgIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.org_id);
  }
  return out;
}
