/**
 * Read-only 互动交流 facts for the statistics module (server/modules/statistics): per agency, month of
 * arrival and kind — received, answered, answered on time, working days, satisfaction — computed by
 * the module's own statistics rules (interaction.rules.ts computeClock + summarize, as stats.ts does
 * for the module's page), over one or many agencies and any period of China dates.
 */
import type { Ctx } from '../../platform/context.js';
import { calendarOf, settingsFor } from './interaction.common.js';
import { computeClock, summarize, type StatCell, type StatRow } from './interaction.rules.js';
import * as repo from './interaction.statistics.repository.js';

export interface InteractionStatistics {
  /** per agency: the module's statistics cells (month of arrival × kind) */
  cells: (StatCell & { orgId: string })[];
  /** per agency: sum and number of working days from receipt to reply over the replied items */
  workdays: { orgId: string; sum: number; n: number }[];
}

export async function interactionStatistics(
  ctx: Ctx,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<InteractionStatistics> {
  const rows = await repo.statRowsOf(ctx.db, orgIds, from, to);
  if (rows.length === 0) return { cells: [], workdays: [] };
  const calendar = await calendarOf(ctx);
  const byOrg = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byOrg.get(r.org_id) ?? [];
    list.push(r);
    byOrg.set(r.org_id, list);
  }
  const cells: InteractionStatistics['cells'] = [];
  const workdays: InteractionStatistics['workdays'] = [];
  for (const [orgId, list] of byOrg) {
    const settings = await settingsFor(ctx.db, orgId);
    let sum = 0;
    let n = 0;
    const stat: StatRow[] = list.map((r) => {
      const clock = computeClock({ ...r, accepted_on: null }, settings[r.kind], calendar, r.received_on);
      const wd = r.replied_on ? Math.max(0, calendar.workdaysBetween(r.received_on, r.replied_on)) : null;
      if (wd !== null) {
        sum += wd;
        n++;
      }
      return {
        kind: r.kind,
        status: r.status,
        received_on: r.received_on,
        replied_on: r.replied_on,
        due_on: clock.answerDue,
        rating: r.rating,
        workdays: wd,
      };
    });
    for (const c of summarize(stat)) cells.push({ ...c, orgId });
    workdays.push({ orgId, sum, n });
  }
  return { cells, workdays };
}
