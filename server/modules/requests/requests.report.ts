/**
 * What the annual report reads from 依申请公开 (annual-report/sources.ts RequestReportFacts), computed
 * from case records, never entered by hand (spec §2.7):
 * - 一、本年新收: cases whose 收到申请之日 is in the year (unconfirmed or discarded submissions never count);
 * - 二、上年结转: received before the year and not closed before 1 January;
 * - 三、办理结果: cases closed (reply / terminating notice sent) in the year, each in exactly ONE row by its outcome;
 * - 四、结转下年度: received by 31 December and not closed by then.
 * So per column: 一 + 二 = 三（七） + 四 (C1) holds by construction.
 * Table 四: appeals filed in the year, with their result as of 31 December (decided later → 尚未审结).
 * Fees: 信息处理费 actually paid in the year (fen).
 */
import type { Ctx } from '../../platform/context.js';
import { toNumber } from '../../db/dialect.js';
import { OUTCOMES, TABLE3_ROWS_2021, outcomeByCode } from './outcomes.js';
import type { Counted, RequestReportFacts } from '../annual-report/sources.js';
import type { Table3ColKey, Table4ColKey } from '../annual-report/types.js';
import { APPLICANT_TYPE_KEYS } from './requests.rules.js';
import * as repo from './requests.report.repository.js';

const CAP = 1000;
type RowKey = keyof RequestReportFacts['table3'];
const COLS: Table3ColKey[] = [...APPLICANT_TYPE_KEYS, 'total'];
const ROWS: RowKey[] = ['new', 'carried', ...TABLE3_ROWS_2021, 'r7', 'next'];
const GROUP = {
  review: 'review',
  litigation_direct: 'suitDirect',
  litigation_after_review: 'suitAfterReview',
} as const;

const OUTCOME_ORDER = new Map<string, number>(OUTCOMES.map((o, i) => [o.code, i]));

function counted(): Counted {
  return { count: 0, records: [] };
}
function add(c: Counted, id: string, cap: number): void {
  c.count += 1;
  if (c.records.length < cap) c.records.push(id);
}

/** The first `cap` ids of a comma-joined list, without splitting all of it (a group can hold 30,000). */
function firstIds(joined: string, cap: number): string[] {
  let at = -1;
  for (let k = 0; k < cap; k++) {
    at = joined.indexOf(',', at + 1);
    if (at < 0) return joined.split(',');
  }
  return joined.slice(0, at).split(',');
}

export async function requestReportFacts(ctx: Ctx, orgId: string, year: number): Promise<RequestReportFacts> {
  return requestReportFactsCapped(ctx, orgId, year, CAP);
}

/**
 * The facts with the drill-down ids of each cell capped at `cap` (the report uses 1000; tests use a
 * small cap to check the capping).
 *
 * Table 三 is one GROUP BY over the cases in scope — received in the year (index on received_on),
 * or received earlier and still open on 1 January (index on closed_on) — by (new or carried,
 * applicant type, closing outcome or 结转): at most 6 × 2 × 25 groups, each with its count and its
 * ids joined in id order by the database. Both indexes cover the columns read, so no case row is
 * visited, and one string per group leaves the database instead of one row per case.
 */
export async function requestReportFactsCapped(
  ctx: Ctx,
  orgId: string,
  year: number,
  cap: number,
): Promise<RequestReportFacts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const table3 = Object.fromEntries(
    ROWS.map((r) => [r, Object.fromEntries(COLS.map((col) => [col, counted()]))]),
  ) as RequestReportFacts['table3'];

  const groups = await repo.table3Groups(ctx.db, ctx.dialect, orgId, start, end);

  // Groups in a fixed order — applicant type (table column order), new before carried, outcome in
  // the order of outcomes.ts, 结转 last — so a cell that sums several groups (总计, a row of two
  // outcomes, （七）) lists their ids in that order, up to `cap`.
  const order = (r: (typeof groups)[number]) =>
    COLS.indexOf(r.applicant_type) * 1000 +
    (Number(r.is_new) === 1 ? 0 : 500) +
    (r.closing ? (OUTCOME_ORDER.get(r.closing) ?? 499) : 499);
  groups.sort((a, b) => order(a) - order(b));
  const addTo = (row: RowKey, col: Table3ColKey, n: number, ids: string[]) => {
    for (const c of [table3[row][col], table3[row].total]) {
      c.count += n;
      if (c.records.length < cap) c.records.push(...ids.slice(0, cap - c.records.length));
    }
  };
  let received = 0;
  let answered = 0;
  for (const r of groups) {
    const col = r.applicant_type;
    const n = toNumber(r.n);
    const ids = firstIds(r.ids, cap);
    if (Number(r.is_new) === 1) {
      addTo('new', col, n, ids);
      received += n;
    } else addTo('carried', col, n, ids);
    if (r.closing) {
      addTo(outcomeByCode(r.closing).row2021, col, n, ids);
      addTo('r7', col, n, ids);
      answered += n;
    } else addTo('next', col, n, ids);
  }

  const appealGroups = ['review', 'suitDirect', 'suitAfterReview'] as const;
  const outcomes = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
  const table4 = Object.fromEntries(
    appealGroups.flatMap((g) => outcomes.map((o) => [`${g}_${o}`, counted()])),
  ) as Record<Table4ColKey, Counted>;
  // Appeals are few (a small share of the cases): one row each.
  const appeals = await repo.appealsFiledIn(ctx.db, orgId, start, end);
  for (const a of appeals) {
    const g = GROUP[a.kind];
    const outcome = a.outcome !== 'pending' && a.decided_on && a.decided_on <= end ? a.outcome : 'pending';
    add(table4[`${g}_${outcome}`], a.id, cap);
    add(table4[`${g}_total`], a.id, cap);
  }

  const feesCollectedFen = await repo.feesPaidFen(ctx.db, orgId, start, end);
  return { table3, table4, feesCollectedFen, received, answered };
}
