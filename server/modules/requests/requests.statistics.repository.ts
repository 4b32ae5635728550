/**
 * SQL of the requests statistics facts (requests.statistics.ts): grouped counts over one or many
 * agencies for a period of China dates. Read-only.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import { spanDays } from './requests.supervision.repository.js';

type Db = Kysely<DB>;

/** Applications received (收到申请之日) in [from, to], per agency, channel and applicant type. */
export async function receivedGroups(db: Db, orgIds: readonly string[], from: string, to: string) {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('request_cases')
    .select(['org_id', 'channel', 'applicant_type', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', 'in', orgIds)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy(['org_id', 'channel', 'applicant_type'])
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    channel: r.channel,
    applicantType: r.applicant_type,
    count: toNumber(r.n),
  }));
}

// An answered case (the annual report's 办理结果): closed in the period with an outcome.

/**
 * Cases answered in [from, to] per agency, outcome, 收到申请之日 and answer day: one row per distinct
 * (agency, outcome, received, closed), so the working days are computed once per pair, not per case.
 */
export async function answeredGroups(db: Db, orgIds: readonly string[], from: string, to: string) {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('request_cases')
    .select(['org_id', 'outcome_code', 'received_on', 'closed_on', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', 'in', orgIds)
    .where('closed_on', '>=', from)
    .where('closed_on', '<=', to)
    .where('outcome_code', 'is not', null)
    .where('outcome_code', '<>', '')
    .groupBy(['org_id', 'outcome_code', 'received_on', 'closed_on'])
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    outcomeCode: r.outcome_code!,
    receivedOn: r.received_on,
    closedOn: r.closed_on!,
    count: toNumber(r.n),
  }));
}

/**
 * Answered cases whose answer came more than 20 calendar days after receipt — the only ones that can
 * be late (20 working days always span more than 20 calendar days), so their clocks are computed — and
 * whether each has clock events besides receipt and answer (`clock_moved`, kept by the events' insert).
 */
export async function slowAnswered(
  db: Db,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<{ id: string; orgId: string; receivedOn: string; closedOn: string; clockMoved: boolean }[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('request_cases')
    .select(['id', 'org_id', 'received_on', 'closed_on', 'clock_moved'])
    .where('org_id', 'in', orgIds)
    .where('closed_on', '>=', from)
    .where('closed_on', '<=', to)
    .where('outcome_code', 'is not', null)
    .where('outcome_code', '<>', '')
    .where('received_on', 'is not', null)
    .where(sql<boolean>`${spanDays(db)} > 20`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    receivedOn: r.received_on!,
    closedOn: r.closed_on!,
    clockMoved: r.clock_moved === 1,
  }));
}
