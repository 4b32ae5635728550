import type { Actor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { daysBetween, addDays } from '../../platform/calendar/iso-date.js';
import { forbidden } from '../../platform/errors.js';
import { toNumber } from '../../db/dialect.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import * as repo from './catalog.repository.js';
import { lastPublishedPerColumn } from './catalog.selfcheck.repository.js';
import * as dashRepo from './catalog.dashboard.repository.js';
import { columnFreshness, itemTimeliness, updateLimitDays, CHANNELS } from './catalog.rules.js';
import { catalogCalendar } from './catalog.access.js';
import { orderTree } from './catalog.columns.js';
import type { RevisionState } from './catalog.tables.js';
import { columnView, itemSummaryView } from './catalog.views.js';

async function agency(ctx: Ctx, actor: Actor, orgId?: string): Promise<string> {
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('无所属机关');
  await assertReadsAgency(ctx, actor, id);
  return id;
}

const WAITING: RevisionState[] = ['submitted', 'reviewing', 'approving', 'approving_principal', 'scheduled'];

/**
 * Timeliness dashboard: items published late (条例第二十六条, the last 12 months), stale and blank
 * columns (by update class), and items waiting at each workflow step with their age.
 */
export async function dashboard(ctx: Ctx, actor: Actor, orgId?: string) {
  const id = await agency(ctx, actor, orgId);
  const today = todayInChina(ctx.clock);
  const calendar = await catalogCalendar(ctx.db);
  const columns = orderTree(await repo.listColumns(ctx.db, id, false));
  const colName = new Map(columns.map((c) => [c.id, c.name]));

  const recent = await dashRepo.recentDatedPublished(ctx.db, id, addDays(today, -365));
  const estimatedYears = new Set<string>();
  const lateItems = recent
    .map((i) => ({ i, t: itemTimeliness(calendar, i.generated_on!, i.published_on!) }))
    .filter(({ t }) => {
      if (t.notice) estimatedYears.add(t.notice);
      return t.late;
    })
    .sort((a, b) => b.t.workdays - a.t.workdays)
    .map(({ i, t }) => ({
      ...itemSummaryView(i, colName.get(i.column_id) ?? '', null),
      workdays: t.workdays,
      limit: t.limit,
      estimated: t.estimated,
    }));

  // Last publication per column, rolled up to ancestors (a parent with fresh children is not blank).
  const last = await lastPublishedPerColumn(ctx.db, id);
  const lastOf = new Map<string, string>();
  const byId = new Map(columns.map((c) => [c.id, c]));
  for (const r of last) {
    for (let c = byId.get(r.column_id); c; c = c.parent_id ? byId.get(c.parent_id) : undefined) {
      const prev = lastOf.get(c.id);
      if (r.last && (!prev || r.last > prev)) lastOf.set(c.id, r.last);
    }
  }
  const hasChildren = new Set(columns.flatMap((c) => (c.parent_id ? [c.parent_id] : [])));
  const blankColumns = columns.filter((c) => !lastOf.has(c.id) && !hasChildren.has(c.id)).map(columnView);
  const staleColumns = columns
    .filter((c) => !hasChildren.has(c.id))
    .flatMap((c) => {
      const lp = lastOf.get(c.id) ?? null;
      const f = columnFreshness(c.update_class, lp, today);
      return f.stale
        ? [
            {
              column: columnView(c),
              lastPublishedOn: lp,
              daysSince: f.daysSince,
              dueBy: f.dueBy,
              limitDays: updateLimitDays(c.update_class),
            },
          ]
        : [];
    });

  const revs = await repo.revisionsInStates(ctx.db, [id], WAITING);
  const items = await dashRepo.itemsByIds(
    ctx.db,
    revs.map((r) => r.item_id),
  );
  const itemById = new Map(items.map((i) => [i.id, i]));
  const waiting = WAITING.map((state) => {
    const list = revs
      .filter((r) => r.state === state && itemById.get(r.item_id)?.working_revision_id === r.id)
      .map((r) => {
        const i = itemById.get(r.item_id)!;
        return {
          ...itemSummaryView(i, colName.get(r.column_id) ?? '', r),
          ageDays: daysBetween(r.state_since.slice(0, 10), today),
        };
      });
    return {
      state,
      count: list.length,
      oldestDays: list.reduce((m, x) => Math.max(m, x.ageDays), 0),
      items: list,
    };
  });
  return {
    today,
    lateItems,
    staleColumns,
    blankColumns,
    waiting,
    calendarNotice: estimatedYears.size > 0 ? [...estimatedYears].join('；') : null,
  };
}

/**
 * Releases per channel in a year, for the console and the annual report: only deliveries the platform
 * confirmed (`delivered`). Recorded-only ones (nothing was sent) never count as releases (issue 17).
 */
export async function channelCounts(ctx: Ctx, orgId: string, year: number): Promise<Record<string, number>> {
  const rows = await dashRepo.deliveredPerChannel(ctx.db, orgId, yearStartUtc(year), yearStartUtc(year + 1));
  const out: Record<string, number> = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
  for (const r of rows) out[r.channel] = toNumber(r.n);
  return out;
}

/** Channel deliveries of a year by status (delivered, recorded, failed …), for notify's honest counts. */
export async function channelStatusCounts(
  ctx: Ctx,
  orgId: string,
  year: number,
): Promise<{ channel: string; status: string; count: number }[]> {
  const rows = await dashRepo.deliveriesPerChannelStatus(
    ctx.db,
    orgId,
    yearStartUtc(year),
    yearStartUtc(year + 1),
  );
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: toNumber(r.n) }));
}

/** 1 January 00:00 in China (UTC+8) as a UTC ISO timestamp. */
export function yearStartUtc(year: number): string {
  return new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString();
}

export async function channelCountsFor(ctx: Ctx, actor: Actor, year: number, orgId?: string) {
  const id = await agency(ctx, actor, orgId);
  return channelCounts(ctx, id, year);
}
