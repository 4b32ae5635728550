/** Statistics per month and kind (issue 16 item 7): console, public page, CSV/JSON. */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import { invalidField } from '../../platform/errors.js';
import * as repo from './interaction.repository.js';
import { agencyIdOf, calendarOf, settingsFor } from './interaction.common.js';
import { computeClock, summarize, type StatCell, type StatRow } from './interaction.rules.js';

export interface StatsQuery {
  from?: string; // YYYY-MM
  to?: string; // YYYY-MM
}

function range(q: StatsQuery, today: string): { from: string; to: string } {
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  const to = q.to ?? today.slice(0, 7);
  const defaultFrom = `${Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) === 12 ? 0 : 1)}-${String((Number(today.slice(5, 7)) % 12) + 1).padStart(2, '0')}`;
  const from = q.from ?? defaultFrom;
  if (!month.test(from)) throw invalidField('from', 'invalid_month', '起始月份格式应为2026-01');
  if (!month.test(to)) throw invalidField('to', 'invalid_month', '截止月份格式应为2026-12');
  if (from > to) throw invalidField('from', 'invalid_range', '起始月份不能晚于截止月份');
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if ((ty! - fy!) * 12 + (tm! - fm!) > 35) throw invalidField('from', 'range_too_long', '一次最多统计36个月');
  return { from, to };
}

/** Per month and kind, for one agency (months of arrival; merged duplicates are not counted). */
export async function agencyStats(
  ctx: Ctx,
  orgId: string,
  q: StatsQuery,
): Promise<{ from: string; to: string; cells: StatCell[] }> {
  const today = todayInChina(ctx.clock);
  const { from, to } = range(q, today);
  const rows = await repo.statRows(ctx.db, orgId, `${from}-01`, `${to}-31`);
  const settings = await settingsFor(ctx.db, orgId);
  const calendar = await calendarOf(ctx);
  const stat: StatRow[] = rows.map((r) => {
    const clock = computeClock({ ...r, accepted_on: null }, settings[r.kind], calendar, r.received_on);
    return {
      kind: r.kind,
      status: r.status,
      received_on: r.received_on,
      replied_on: r.replied_on,
      due_on: clock.answerDue,
      rating: r.rating,
      workdays: r.replied_on ? Math.max(0, calendar.workdaysBetween(r.received_on, r.replied_on)) : null,
    };
  });
  return { from, to, cells: summarize(stat) };
}

export async function staffStats(ctx: Ctx, actor: Actor, q: StatsQuery) {
  return agencyStats(ctx, agencyIdOf(actor, 'business.read'), q);
}
