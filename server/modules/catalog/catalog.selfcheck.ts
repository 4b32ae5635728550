/**
 * Read-only facts for the self-check module (检查指标自查): each live column of an agency with its
 * update class and the newest publication in it or below it (rolled up to ancestors, as the
 * timeliness dashboard does), and the newest publication of the agency (home-page freshness).
 */
import type { Ctx } from '../../platform/context.js';
import * as repo from './catalog.repository.js';
import { lastPublishedPerColumn } from './catalog.selfcheck.repository.js';
import type { UpdateClass } from './catalog.tables.js';

export interface SelfcheckColumnFact {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  updateClass: UpdateClass;
  /** Newest publication in the column or any column below it; null = nothing ever published. */
  lastPublishedOn: string | null;
  hasChildren: boolean;
}

export async function catalogSelfcheckFacts(
  ctx: Pick<Ctx, 'db'>,
  orgId: string,
): Promise<{ columns: SelfcheckColumnFact[]; newestPublishedOn: string | null }> {
  const columns = await repo.listColumns(ctx.db, orgId, false);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const lastOf = new Map<string, string>();
  let newest: string | null = null;
  for (const r of await lastPublishedPerColumn(ctx.db, orgId)) {
    if (!r.last) continue;
    if (!newest || r.last > newest) newest = r.last;
    for (let c = byId.get(r.column_id); c; c = c.parent_id ? byId.get(c.parent_id) : undefined) {
      const prev = lastOf.get(c.id);
      if (!prev || r.last > prev) lastOf.set(c.id, r.last);
    }
  }
  const hasChildren = new Set(columns.flatMap((c) => (c.parent_id ? [c.parent_id] : [])));
  return {
    columns: columns.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      parentId: c.parent_id,
      updateClass: c.update_class,
      lastPublishedOn: lastOf.get(c.id) ?? null,
      hasChildren: hasChildren.has(c.id),
    })),
    newestPublishedOn: newest,
  };
}
