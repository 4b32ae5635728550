/**
 * Read-only facts of the public 目录 across several agencies, for the site group (站群) pages: the
 * published items of a group newest first, their count and publication years. Public means what the
 * agency's own /catalog shows (portal/portal.queries.ts): published items of live columns, public fields
 * only — drafts, items in review, scheduled or withdrawn items never appear.
 *
 * A page across agencies is merged from each agency's own newest-first list (each an index range), so
 * it costs at most (offset + limit) rows per agency: callers bound the depth (GROUP_CATALOG_MAX_ROWS).
 */
import type { Ctx } from '../../platform/context.js';
import * as q from './portal/portal.queries.js';

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

export interface GroupCatalogPage {
  items: GroupCatalogItem[];
  /** Published items of the chosen agencies (exact, from the maintained counters). */
  total: number;
  /** Items per agency (same filter), for the agency filter's counts. */
  perAgency: Map<string, number>;
}

/** Newest first by publication instant, then id (the order of every public list). */
export function newestFirst<T extends { publishedAt: string | null; id: string }>(a: T, b: T): number {
  const pa = a.publishedAt ?? '';
  const pb = b.publishedAt ?? '';
  if (pa !== pb) return pa < pb ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** One page of the merged newest-first lists (each list already newest first). */
export function mergePage<T extends { publishedAt: string | null; id: string }>(
  lists: readonly (readonly T[])[],
  limit: number,
  offset: number,
): T[] {
  return lists
    .flat()
    .sort(newestFirst)
    .slice(offset, offset + limit);
}

/** Published items of the agencies, newest first, one page; `year` is the China 发布年份. */
export async function groupCatalogPage(
  ctx: Ctx,
  orgIds: readonly string[],
  filter: { year?: number },
  limit: number,
  offset: number,
): Promise<GroupCatalogPage> {
  const db = ctx.db;
  const f: q.ItemListFilter = filter.year ? { year: filter.year } : {};
  const counts = await Promise.all(
    orgIds.map(async (id) => [id, await q.countPublicItems(db, id, f)] as const),
  );
  const perAgency = new Map(counts);
  const total = counts.reduce((s, [, n]) => s + n, 0);
  if (limit <= 0) return { items: [], total, perAgency };
  const reach = Math.min(offset + limit, GROUP_CATALOG_MAX_ROWS);
  const lists = await Promise.all(
    counts
      .filter(([, n]) => n > 0)
      .map(async ([orgId, n]) => {
        const rows =
          orgIds.length === 1
            ? await q.publicItems(db, orgId, f, limit, offset, n)
            : await q.publicItems(db, orgId, f, reach, 0, n);
        return rows.map((r) => ({ ...r, orgId }));
      }),
  );
  const page =
    orgIds.length === 1
      ? (lists[0] ?? [])
      : mergePage(
          lists.map((l) => l.map((r) => ({ ...r, publishedAt: r.published_at }))),
          limit,
          offset,
        );
  const names = new Map<string, string>();
  for (const orgId of new Set(page.map((r) => r.orgId)))
    for (const col of await q.publicColumns(db, orgId)) names.set(col.id, col.name);
  return {
    items: page.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      title: r.title,
      indexNumber: r.index_number,
      columnName: names.get(r.column_id) ?? '',
      publisher: r.publisher,
      docNumber: r.doc_number,
      validity: r.validity,
      publishedOn: r.published_on,
      publishedAt: r.published_at,
    })),
    total,
    perAgency,
  };
}

/** 发布年份 with published items in any of the agencies, newest first. */
export async function groupCatalogYears(ctx: Ctx, orgIds: readonly string[]): Promise<number[]> {
  const years = new Set<number>();
  for (const id of orgIds) for (const y of await q.publicYears(ctx.db, id)) years.add(y);
  return [...years].sort((a, b) => b - a);
}
