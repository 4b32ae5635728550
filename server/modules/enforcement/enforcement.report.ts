import type { Ctx } from '../../platform/context.js';
import { toNumber } from '../../db/dialect.js';
import type { EnforcementReportFacts } from '../annual-report/sources.js';
import * as repo from './enforcement.repository.js';
import { decisionCountsByKind, firstDecisionIds } from './enforcement.report.repository.js';
import type { DecisionKind } from './enforcement.tables.js';

/** Record ids listed per count (drill-down); the count itself is never capped. */
const RECORD_CAP = 1000;
const KINDS: readonly DecisionKind[] = ['license', 'penalty', 'coercion'];

/**
 * Table 二 facts of one agency and report year: decisions made in the year per kind (2021 本年处理决定数量;
 * every decision dated in the year, whatever its later 更正/撤销, since it was made), and the 权责清单
 * 事项 counts with the change against the previous year (2019 上一年项目数量 / 本年增减).
 *
 * Decisions are counted in SQL over the (org_id, kind, decision_date) index, and only the first
 * 1000 ids per kind (by date) are read for the drill-down: a year can hold hundreds of thousands.
 */
export async function enforcementReportFacts(
  ctx: Ctx,
  orgId: string,
  year: number,
): Promise<EnforcementReportFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const firstIds = (kind: DecisionKind) => firstDecisionIds(ctx.db, orgId, from, to, kind, RECORD_CAP);
  const [counts, records, items, previous] = await Promise.all([
    // `kind in (…)` lets both engines walk one index range per kind instead of all the agency's decisions
    decisionCountsByKind(ctx.db, orgId, from, to, KINDS),
    Promise.all(KINDS.map(firstIds)),
    repo.countItems(ctx.db, orgId, year),
    repo.countItems(ctx.db, orgId, year - 1),
  ]);
  const kinds = {} as EnforcementReportFacts['kinds'];
  KINDS.forEach((kind, i) => {
    kinds[kind] = {
      decisions: {
        count: toNumber(counts.find((c) => c.kind === kind)?.n),
        records: records[i]!.map((r) => r.id),
      },
      previousItems: previous[kind],
      itemChange: items[kind] - previous[kind],
      items: items[kind],
    };
  });
  return { kinds };
}
