/**
 * Read-only facts of the public 目录 across several agencies, for the site group (站群) pages: the
 * published items of a group newest first, per-agency counts and publication years. Public means what
 * the agency's own /catalog shows: published items, public fields only — drafts, items in review,
 * scheduled or withdrawn items never appear.
 *
 * Counts and years come from the maintained counters (one query for the whole group). A page across
 * agencies is one index walk (catalog_items_status_pub_org, newest first) whose cost grows with its
 * depth, so callers bound it (GROUP_CATALOG_MAX_ROWS); one agency's list pages exactly to its end from
 * the agency's own list index (portal/public.repository.ts).
 */
import type { Ctx } from '../../platform/context.js';
import * as q from './portal/public.repository.js';
import * as repo from './catalog.sitegroup.repository.js';

/** The deepest row a cross-agency page may reach (deeper: filter by agency, which pages exactly). */
export const GROUP_CATALOG_MAX_ROWS = 1000;

export interface GroupCatalogItem {
  id: string;
  orgId: string;
  title: string;
  indexNumber: string | null;
  columnName: string;
  publisher: string;
  docNumber: string | null;
  validity: string;
  publishedOn: string | null;
  publishedAt: string | null;
}

/** Published items per agency of the group (agencies without any are absent), optionally of one year. */
export async function groupCatalogCounts(
  ctx: Ctx,
  orgIds: readonly string[],
  filter: { year?: number } = {},
): Promise<Map<string, number>> {
  return repo.publishedCountsByOrg(ctx.db, orgIds, filter.year);
}

/** 发布年份 with published items in any of the agencies, newest first. */
export async function groupCatalogYears(ctx: Ctx, orgIds: readonly string[]): Promise<number[]> {
  return repo.publishedYears(ctx.db, orgIds);
}

/**
 * One page of the agencies' published items, newest first (published_at, then id, descending).
 * `total` is the exact count of the filter (groupCatalogCounts); with one agency a page past the middle
 * is read from the oldest end.
 */
export async function groupCatalogItems(
  ctx: Ctx,
  orgIds: readonly string[],
  filter: { year?: number; total: number },
  limit: number,
  offset: number,
): Promise<GroupCatalogItem[]> {
  const db = ctx.db;
  let ids: string[];
  if (orgIds.length === 1) {
    const f: q.ItemListFilter = filter.year ? { year: filter.year } : {};
    ids = (await q.publicItems(db, orgIds[0]!, f, limit, offset, filter.total)).map((r) => r.id);
  } else {
    const reach = Math.max(0, Math.min(limit, GROUP_CATALOG_MAX_ROWS - offset));
    ids = await repo.newestPublishedIds(db, orgIds, filter.year, reach, offset);
  }
  const rows = new Map((await repo.publishedSummaries(db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = rows.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        orgId: r.org_id,
        title: r.title,
        indexNumber: r.index_number,
        columnName: r.column_name ?? '',
        publisher: r.publisher,
        docNumber: r.doc_number,
        validity: r.validity,
        publishedOn: r.published_on,
        publishedAt: r.published_at,
      },
    ];
  });
}
