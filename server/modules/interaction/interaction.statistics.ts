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
  // Agencies without saved settings share the defaults (read once); the due date depends only on the
  // settings and the item's dates, so it is computed once per distinct input, as are working days.
  const own = await repo.orgsWithSettings(ctx.db, [...byOrg.keys()]);
  const defaults = await settingsFor(ctx.db, '');
  const dueMemo = new Map<string, string>();
  const wdMemo = new Map<string, number>();
  for (const [orgId, list] of byOrg) {
    const settings = own.has(orgId) ? await settingsFor(ctx.db, orgId) : defaults;
    let sum = 0;
    let n = 0;
    const stat: StatRow[] = list.map((r) => {
      const s = settings[r.kind];
      const key = `${s.acceptWorkdays}|${s.answerWorkdays}|${r.received_on}|${r.external_due_on}|${r.answer_restart_on}`;
      let due = dueMemo.get(key);
      if (due === undefined) {
        due = computeClock({ ...r, accepted_on: null }, s, calendar, r.received_on).answerDue;
        dueMemo.set(key, due);
      }
      let wd: number | null = null;
      if (r.replied_on) {
        const pair = `${r.received_on}|${r.replied_on}`;
        wd = wdMemo.get(pair) ?? Math.max(0, calendar.workdaysBetween(r.received_on, r.replied_on));
        wdMemo.set(pair, wd);
        sum += wd;
        n++;
      }
      return {
        kind: r.kind,
        status: r.status,
        received_on: r.received_on,
        replied_on: r.replied_on,
        due_on: due,
        rating: r.rating,
        workdays: wd,
      };
    });
    for (const c of summarize(stat)) cells.push({ ...c, orgId });
    workdays.push({ orgId, sum, n });
  }
  return { cells, workdays };
}
