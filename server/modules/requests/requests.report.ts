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
import { TABLE3_ROWS_2021, outcomeByCode } from './outcomes.js';
import type { Counted, RequestReportFacts } from '../annual-report/sources.js';
import type { Table3ColKey, Table4ColKey } from '../annual-report/types.js';
import { APPLICANT_TYPE_KEYS } from './requests.rules.js';

const CAP = 1000;
type RowKey = keyof RequestReportFacts['table3'];
const COLS: Table3ColKey[] = [...APPLICANT_TYPE_KEYS, 'total'];
const ROWS: RowKey[] = ['new', 'carried', ...TABLE3_ROWS_2021, 'r7', 'next'];
const GROUP = {
  review: 'review',
  litigation_direct: 'suitDirect',
  litigation_after_review: 'suitAfterReview',
} as const;

function counted(): Counted {
  return { count: 0, records: [] };
}
function add(c: Counted, id: string): void {
  c.count += 1;
  if (c.records.length < CAP) c.records.push(id);
}

export async function requestReportFacts(ctx: Ctx, orgId: string, year: number): Promise<RequestReportFacts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const table3 = Object.fromEntries(
    ROWS.map((r) => [r, Object.fromEntries(COLS.map((col) => [col, counted()]))]),
  ) as RequestReportFacts['table3'];
  const cases = await ctx.db
    .selectFrom('request_cases')
    .select(['id', 'applicant_type', 'received_on', 'closed_on', 'outcome_code'])
    .where('org_id', '=', orgId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', end)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', start)]))
    .execute();
  const put = (row: RowKey, col: Table3ColKey, id: string) => {
    add(table3[row][col], id);
    add(table3[row].total, id);
  };
  let received = 0;
  let answered = 0;
  for (const c of cases) {
    const col = c.applicant_type;
    if (c.received_on! >= start) {
      put('new', col, c.id);
      received++;
    } else put('carried', col, c.id);
    if (c.closed_on && c.closed_on <= end && c.outcome_code) {
      put(outcomeByCode(c.outcome_code).row2021, col, c.id);
      put('r7', col, c.id);
      answered++;
    } else put('next', col, c.id);
  }

  const groups = ['review', 'suitDirect', 'suitAfterReview'] as const;
  const outcomes = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
  const table4 = Object.fromEntries(
    groups.flatMap((g) => outcomes.map((o) => [`${g}_${o}`, counted()])),
  ) as Record<Table4ColKey, Counted>;
  const appeals = await ctx.db
    .selectFrom('request_appeals')
    .select(['id', 'kind', 'outcome', 'decided_on'])
    .where('org_id', '=', orgId)
    .where('filed_on', '>=', start)
    .where('filed_on', '<=', end)
    .execute();
  for (const a of appeals) {
    const g = GROUP[a.kind];
    const outcome = a.outcome !== 'pending' && a.decided_on && a.decided_on <= end ? a.outcome : 'pending';
    add(table4[`${g}_${outcome}`], a.id);
    add(table4[`${g}_total`], a.id);
  }

  const fees = await ctx.db
    .selectFrom('request_fees')
    .select(['paid_amount_fen'])
    .where('org_id', '=', orgId)
    .where('paid_on', '>=', start)
    .where('paid_on', '<=', end)
    .execute();
  const feesCollectedFen = fees.reduce((s, f) => s + Number(f.paid_amount_fen ?? 0), 0);
  return { table3, table4, feesCollectedFen, received, answered };
}
