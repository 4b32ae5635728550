/**
 * SQL of the supervision facts (requests.supervision.ts): open or period-closed cases of many agencies
 * and their timeline events, each in ONE query (events through a subquery, never per case).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { CaseRow, EventRow } from './requests.repository.js';
import { OPEN_STAGE_LIST } from './requests.repository.js';
import { CLOCK_EVENT_TYPES } from './clock-events.js';

type Db = Kysely<DB>;

/**
 * `stage IN ('registered', …)` written with literals, the same text as the partial index
 * request_cases_open (migration 20261209_0300): SQLite uses a partial index only when the query repeats
 * its condition, which a bound parameter does not.
 */
const openStage = sql<boolean>`stage IN (${sql.join(OPEN_STAGE_LIST.map((s) => sql.lit(s)))})`;

/** Calendar days from 收到申请之日 to closed_on, in the engine's own date arithmetic. */
function spanDays(db: Db) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<number>`(cast(closed_on as date) - cast(received_on as date))`
    : sql<number>`(julianday(closed_on) - julianday(received_on))`;
}

/** Cases closed in [from, to] per agency: one grouped query. */
export async function closedCounts(
  db: Db,
  orgIds: readonly string[],
  period: { from: string; to: string },
): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('request_cases')
    .select(['org_id', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', 'in', [...orgIds])
    .where('closed_on', '>=', period.from)
    .where('closed_on', '<=', period.to)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, toNumber(r.n)]));
}

/** Characters of the description a board row shows (…supervision.ts adds the ellipsis past it). */
export const DESCRIPTION_EXCERPT = 40;

/**
 * What a board needs of a case: no applicant data and only the start of the description (a case row is
 * ~2.4 kB, mostly text the board never shows).
 */
export type SupervisedCase = Pick<
  CaseRow,
  'id' | 'org_id' | 'case_number' | 'stage' | 'received_on' | 'closed_on' | 'division_id' | 'description'
>;
/** The clock-moving events of a case, with only what computeClocks reads. */
export type ClockEventRow = Pick<EventRow, 'case_id' | 'type' | 'event_date' | 'payload'>;

/**
 * Cases of the agencies that are open now, or (with `closedIn`) closed within the period — with
 * `slowOnly`, only those closed more than 20 calendar days after receipt: the only ones that can have
 * been answered late (20 working days always span more than 20 calendar days), so the others' clocks
 * need not be derived.
 */
export async function casesWithEvents(
  db: Db,
  orgIds: readonly string[],
  closedIn?: { from: string; to: string; slowOnly?: boolean },
): Promise<{ cases: SupervisedCase[]; events: ClockEventRow[] }> {
  if (orgIds.length === 0) return { cases: [], events: [] };
  const ids = [...orgIds];
  const cases = db.selectFrom('request_cases').where('org_id', 'in', ids);
  const closed = closedIn
    ? cases.where('closed_on', '>=', closedIn.from).where('closed_on', '<=', closedIn.to)
    : cases;
  const filtered = !closedIn
    ? cases.where(openStage)
    : closedIn.slowOnly
      ? closed.where('received_on', 'is not', null).where(sql<boolean>`${spanDays(db)} > 20`)
      : closed;
  const [rows, events] = await Promise.all([
    filtered
      .select(['id', 'org_id', 'case_number', 'stage', 'received_on', 'closed_on', 'division_id'])
      .select(sql<string>`substr(description, 1, ${DESCRIPTION_EXCERPT + 1})`.as('description'))
      .execute(),
    db
      .selectFrom('request_events')
      .select(['case_id', 'type', 'event_date', 'payload'])
      .where('case_id', 'in', filtered.select('id'))
      .where('type', 'in', [...CLOCK_EVENT_TYPES])
      .orderBy('case_id')
      .orderBy('seq')
      .execute(),
  ]);
  return { cases: rows, events };
}
