/**
 * Read-only 双公示 facts for the statistics module (server/modules/statistics): decisions made in a
 * period (决定日期, China dates) per agency and kind — the annual report's definition
 * (enforcement.report.ts) — and how many of them were published on the portal.
 */
import type { Ctx } from '../../platform/context.js';
import { KIND_LABELS } from './enforcement.rules.js';
import * as repo from './enforcement.statistics.repository.js';
import type { DecisionKind } from './enforcement.tables.js';

export interface EnforcementStatistics {
  byAgencyKind: { orgId: string; kind: DecisionKind; label: string; count: number; published: number }[];
}

export async function enforcementStatistics(
  ctx: Ctx,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<EnforcementStatistics> {
  const rows = await repo.decisionGroups(ctx.db, orgIds, from, to);
  return { byAgencyKind: rows.map((r) => ({ ...r, label: KIND_LABELS[r.kind] })) };
}

export { KIND_LABELS as DECISION_KIND_LABELS };
