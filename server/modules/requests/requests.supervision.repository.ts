/**
 * SQL of the supervision facts (requests.supervision.ts): open or period-closed cases of many agencies
 * in ONE query each, and the timeline events of only those whose clock something moved (`clock_moved`; by
 * id, in chunks).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { CaseRow, EventRow } from './requests.repository.js';
import { OPEN_STAGE_LIST } from './requests.repository.js';
import { CLOCK_EVENT_TYPES, type ClockEvent } from './clock-events.js';

type Db = Kysely<DB>;

/**
 * `stage IN ('registered', …)` written with literals, the same text as the partial index
 * request_cases_open (migration 20261209_0300): SQLite uses a partial index only when the query repeats
 * its condition, which a bound parameter does not.
 */
const openStage = sql<boolean>`stage IN (${sql.join(OPEN_STAGE_LIST.map((s) => sql.lit(s)))})`;

/** Calendar days from 收到申请之日 to closed_on, in the engine's own date arithmetic. */
export function spanDays(db: Db) {
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
 * What a board needs of an open case: no applicant data and no description (a case row is ~2.4 kB, mostly
 * text; the rows listed get their excerpt from caseExcerpts). Every column is in the partial index
 * request_cases_open (migrations 20261209_0330 and 20261210_0370, which added clock_moved), so the open
 * cases are read from that index alone.
 */
export type SupervisedCase = Pick<
  CaseRow,
  'id' | 'org_id' | 'case_number' | 'stage' | 'received_on' | 'division_id' | 'channel'
>;
/** What lateness needs of a closed case: the columns of the index request_cases_report_closed. */
export type ClosedCase = Pick<CaseRow, 'id' | 'org_id' | 'received_on' | 'closed_on'>;
/** The clock-moving events of a case, with only what computeClocks reads. */
export type ClockEventRow = Pick<EventRow, 'case_id' | 'type' | 'event_date' | 'payload'>;

/**
 * The open cases of the agencies (no description) and the clock events of those whose clock has more than
 * the receipt (补正, consultation, extension, fee, deferral …: `clock_moved`, kept by the events' insert).
 * A case without such an event has one clock event, its receipt, recorded with 收到申请之日 and the channel
 * on the case (intake.ts writes both in one transaction; a second receipt is refused) — the caller rebuilds
 * it from those columns (receiptEvent). Before the flag, the moved cases were found by joining the open
 * cases with those events (PostgreSQL hash-joined all of request_events for them: 340 ms at 1,000,000 items).
 */
export async function openCasesWithEvents(
  db: Db,
  orgIds: readonly string[],
): Promise<{ cases: SupervisedCase[]; events: ClockEventRow[] }> {
  if (orgIds.length === 0) return { cases: [], events: [] };
  const rows = await db
    .selectFrom('request_cases')
    .select(['id', 'org_id', 'case_number', 'stage', 'received_on', 'division_id', 'channel', 'clock_moved'])
    .where('org_id', 'in', [...orgIds])
    .where(openStage)
    .execute();
  const cases = rows.map(({ clock_moved: _, ...c }) => c);
  return { cases, events: await eventsOfCases(db, movedIds(rows)) };
}

const movedIds = (rows: readonly { id: string; clock_moved: number }[]) =>
  rows.filter((r) => r.clock_moved === 1).map((r) => r.id);

/** The receipt event of a case whose clock has nothing else (see openCasesWithEvents). */
export function receiptEvent(c: SupervisedCase): Extract<ClockEvent, { type: 'received' }> | null {
  if (!c.received_on) return null;
  return { type: 'received', date: c.received_on, channel: c.channel };
}

/** Chunk of ids per query (well under both engines' bound-parameter limits). */
const ID_CHUNK = 500;

/** The clock events of the listed cases, in order per case (also the statistics' late answers). */
export async function eventsOfCases(db: Db, caseIds: readonly string[]): Promise<ClockEventRow[]> {
  const out: ClockEventRow[] = [];
  for (let i = 0; i < caseIds.length; i += ID_CHUNK)
    out.push(
      ...(await db
        .selectFrom('request_events')
        .select(['case_id', 'type', 'event_date', 'payload'])
        .where('case_id', 'in', caseIds.slice(i, i + ID_CHUNK))
        .where('type', 'in', [...CLOCK_EVENT_TYPES])
        .orderBy('case_id')
        .orderBy('seq')
        .execute()),
    );
  return out;
}

/**
 * Cases of the agencies closed within the period more than 20 calendar days after receipt — the only ones
 * that can have been answered late (20 working days always span more than 20 calendar days), so the
 * others' clocks need not be derived — and the clock events of those whose clock had more than a receipt
 * and an answer (`clock_moved`). A case without such events was received on received_on and answered on
 * closed_on (CLOCK_CHANGING_EVENT_TYPES); its events are not read. Every column read is in the index
 * request_cases_report_closed.
 */
export async function slowClosedCasesWithEvents(
  db: Db,
  orgIds: readonly string[],
  period: { from: string; to: string },
): Promise<{ cases: ClosedCase[]; events: ClockEventRow[] }> {
  if (orgIds.length === 0) return { cases: [], events: [] };
  const rows = await db
    .selectFrom('request_cases')
    .select(['id', 'org_id', 'received_on', 'closed_on', 'clock_moved'])
    .where('org_id', 'in', [...orgIds])
    .where('closed_on', '>=', period.from)
    .where('closed_on', '<=', period.to)
    .where('received_on', 'is not', null)
    .where(sql<boolean>`${spanDays(db)} > 20`)
    .execute();
  const cases = rows.map(({ clock_moved: _, ...c }) => c);
  return { cases, events: await eventsOfCases(db, movedIds(rows)) };
}

/** Case number and the start of the description of the listed cases (only those a board or card shows). */
export async function caseExcerpts(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, { caseNumber: string; description: string }>> {
  const out = new Map<string, { caseNumber: string; description: string }>();
  for (let i = 0; i < caseIds.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('request_cases')
      .select(['id', 'case_number'])
      .select(sql<string>`substr(description, 1, ${DESCRIPTION_EXCERPT + 1})`.as('description'))
      .where('id', 'in', caseIds.slice(i, i + ID_CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, { caseNumber: r.case_number, description: r.description });
  }
  return out;
}
