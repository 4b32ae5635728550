/**
 * Read-only publication facts for the statistics module (server/modules/statistics): items published
 * in a period per month, per top-level column (by name, so agencies' same-named columns add up) and
 * releases per channel — the same definitions as the annual report's catalog facts
 * (catalog.report.ts: first 发布日期 in the period; a release counts when delivered).
 */
import type { Ctx } from '../../platform/context.js';
import * as repo from './catalog.statistics.repository.js';
import { CHANNELS, CHANNEL_LABELS } from './catalog.rules.js';

export interface CatalogStatistics {
  /** per agency and month (YYYY-MM) */
  byAgencyMonth: { orgId: string; month: string; count: number }[];
  /** per top-level column name, in column order (the first agency's tree order, then the next's new names …) */
  byColumn: { name: string; count: number }[];
  /** per release channel id: delivered releases */
  byChannel: { channel: string; label: string; count: number }[];
}

/** 00:00 of a China date as a UTC ISO timestamp. */
export function chinaDayStartUtc(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - 8 * 3600_000).toISOString();
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Publication facts of the agencies for [from, to] (China dates, inclusive). */
export async function catalogStatistics(
  ctx: Ctx,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<CatalogStatistics> {
  const [cells, columns, deliveries] = await Promise.all([
    repo.publishedByColumnMonth(ctx.db, orgIds, from, to),
    repo.columnsOf(ctx.db, orgIds),
    repo.deliveredByChannel(ctx.db, orgIds, chinaDayStartUtc(from), chinaDayStartUtc(nextDay(to))),
  ]);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const topOf = (id: string) => {
    let c = byId.get(id);
    while (c?.parent_id && byId.has(c.parent_id)) c = byId.get(c.parent_id);
    return c;
  };
  // Column order: the first agency's tree order, then the next agency's new names, and so on.
  const orgIndex = new Map(orgIds.map((id, i) => [id, i]));
  const orderOf = (c: { org_id: string; sort_order: number } | undefined) =>
    c ? (orgIndex.get(c.org_id) ?? orgIds.length) * 1e6 + c.sort_order : Number.MAX_SAFE_INTEGER;
  const months = new Map<string, { orgId: string; month: string; count: number }>();
  const perColumn = new Map<string, { count: number; order: number }>();
  for (const r of cells) {
    const key = `${r.orgId}|${r.month}`;
    const m = months.get(key) ?? { orgId: r.orgId, month: r.month, count: 0 };
    m.count += r.count;
    months.set(key, m);
    const top = topOf(r.columnId);
    const name = top?.name ?? '（栏目已删除）';
    const col = perColumn.get(name) ?? { count: 0, order: orderOf(top) };
    col.count += r.count;
    col.order = Math.min(col.order, orderOf(top));
    perColumn.set(name, col);
  }
  const channels = new Map<string, number>(CHANNELS.map((c) => [c, 0]));
  for (const d of deliveries) channels.set(d.channel, (channels.get(d.channel) ?? 0) + d.count);
  return {
    byAgencyMonth: [...months.values()].sort((a, b) =>
      a.month === b.month ? a.orgId.localeCompare(b.orgId) : a.month < b.month ? -1 : 1,
    ),
    byColumn: [...perColumn.entries()]
      .sort(([an, a], [bn, b]) => a.order - b.order || an.localeCompare(bn, 'zh-CN'))
      .map(([name, c]) => ({ name, count: c.count })),
    byChannel: [...channels.entries()].map(([channel, count]) => ({
      channel,
      label: CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS] ?? channel,
      count,
    })),
  };
}
