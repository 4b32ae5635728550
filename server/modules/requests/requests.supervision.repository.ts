/**
 * SQL of the supervision facts (requests.supervision.ts): open or period-closed cases of many agencies
 * and their timeline events, each in ONE query (events through a subquery, never per case).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CaseRow, EventRow } from './requests.repository.js';
import { OPEN_STAGE_LIST } from './requests.repository.js';

type Db = Kysely<DB>;

/** Cases of the agencies that are open now, or (with `closedIn`) closed within the period. */
export async function casesWithEvents(
  db: Db,
  orgIds: readonly string[],
  closedIn?: { from: string; to: string },
): Promise<{ cases: CaseRow[]; events: EventRow[] }> {
  if (orgIds.length === 0) return { cases: [], events: [] };
  const ids = [...orgIds];
  const cases = db.selectFrom('request_cases').where('org_id', 'in', ids);
  const filtered = closedIn
    ? cases.where('closed_on', '>=', closedIn.from).where('closed_on', '<=', closedIn.to)
    : cases.where('stage', 'in', OPEN_STAGE_LIST);
  const [rows, events] = await Promise.all([
    filtered.selectAll().execute(),
    db
      .selectFrom('request_events')
      .selectAll()
      .where('case_id', 'in', filtered.select('id'))
      .orderBy('case_id')
      .orderBy('seq')
      .execute(),
  ]);
  return { cases: rows, events };
}
