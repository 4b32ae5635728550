import type { Ctx } from '../../platform/context.js';
import type { EnforcementReportFacts } from '../annual-report/sources.js';
import * as repo from './enforcement.repository.js';
import type { DecisionKind } from './enforcement.tables.js';

/** Record ids listed per count (drill-down); the count itself is never capped. */
const RECORD_CAP = 1000;

/**
 * Table 二 facts of one agency and report year: decisions made in the year per kind (2021 本年处理决定数量;
 * every decision dated in the year, whatever its later 更正/撤销, since it was made), and the 权责清单
 * 事项 counts with the change against the previous year (2019 上一年项目数量 / 本年增减).
 */
export async function enforcementReportFacts(
  ctx: Ctx,
  orgId: string,
  year: number,
): Promise<EnforcementReportFacts> {
  const [decisions, items, previous] = await Promise.all([
    repo.decisionIdsByKind(ctx.db, orgId, year),
    repo.countItems(ctx.db, orgId, year),
    repo.countItems(ctx.db, orgId, year - 1),
  ]);
  const kinds = {} as EnforcementReportFacts['kinds'];
  for (const kind of ['license', 'penalty', 'coercion'] as DecisionKind[]) {
    const ids = decisions.filter((d) => d.kind === kind).map((d) => d.id);
    kinds[kind] = {
      decisions: { count: ids.length, records: ids.slice(0, RECORD_CAP) },
      previousItems: previous[kind],
      itemChange: items[kind] - previous[kind],
      items: items[kind],
    };
  }
  return { kinds };
}
