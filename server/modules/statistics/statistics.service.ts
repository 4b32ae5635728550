/**
 * Statistics use cases (issue 19 item 6): one agency's figures, or the figures rolled up over the
 * agencies below it for a supervisor, and the public figures of one agency for the portal. Read-only:
 * every number comes from the owning module's `<module>.statistics.ts` facts function.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { readableAgencyIds, visibleOrgs, type Org } from '../orgs/orgs.service.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { catalogStatistics } from '../catalog/index.js';
import {
  APPLICANT_TYPE_KEYS,
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  TABLE3_ROWS_2021,
  outcomeByCode,
  requestStatistics,
} from '../requests/index.js';
import { interactionStatistics, KIND_LABELS } from '../interaction/index.js';
import { DECISION_KIND_LABELS, enforcementStatistics } from '../enforcement/enforcement.statistics.js';
import { format2021, table3RowLabel } from '../annual-report/index.js';
import { buildStatistics, type Facts, type Labels, type Summary } from './statistics.build.js';
import {
  resolvePeriod,
  workdayCounter,
  type Period,
  type PeriodQuery,
  type StatTable,
  type TableKey,
} from './statistics.rules.js';

export interface StatisticsQuery extends PeriodQuery {
  /** the agency (default: the actor's own) */
  agency?: string;
  /** add up the agencies below it (supervisors) */
  rollup?: boolean;
}

export interface StatisticsView {
  period: Period;
  agency: { id: string; name: string };
  rollup: boolean;
  /** agencies counted (one, or the agency and the agencies below it the actor may read) */
  agencyCount: number;
  summary: Summary;
  tables: StatTable[];
  /** the agencies the actor may choose (console filter), in tree order with depth */
  choices: { id: string; name: string; depth: number }[];
}

const LABELS: Labels = {
  requestChannels: CHANNEL_LABELS,
  applicantTypes: Object.fromEntries(APPLICANT_TYPE_KEYS.map((k) => [k, APPLICANT_TYPE_LABELS[k]])),
  outcomeRow: (code) => {
    try {
      return outcomeByCode(code).row2021;
    } catch {
      return 'other';
    }
  },
  outcomeRows: TABLE3_ROWS_2021.map((key) => ({ key, label: table3RowLabel(format2021, key) })),
  interactionKinds: KIND_LABELS,
  decisionKinds: DECISION_KIND_LABELS,
};

/** Every module's facts over the agencies and period, in parallel. */
export async function factsOf(ctx: Ctx, orgIds: readonly string[], period: Period): Promise<Facts> {
  const [catalog, requests, interaction, enforcement] = await Promise.all([
    catalogStatistics(ctx, orgIds, period.from, period.to),
    requestStatistics(ctx, orgIds, period.from, period.to),
    interactionStatistics(ctx, orgIds, period.from, period.to),
    enforcementStatistics(ctx, orgIds, period.from, period.to),
  ]);
  return { catalog, requests, interaction, enforcement };
}

/** The figures of the agencies (names in display order) for the period. */
export async function computeStatistics(ctx: Ctx, agencies: { id: string; name: string }[], period: Period) {
  const ids = agencies.map((a) => a.id);
  const [facts, calendar] = await Promise.all([factsOf(ctx, ids, period), loadWorkCalendar(ctx)]);
  // Answers come after receipt: count over [a year before the period, its end] from prefix sums.
  const lo = `${Number(period.from.slice(0, 4)) - 1}-01-01`;
  const workdays = workdayCounter(
    (d) => calendar.isWorkday(d),
    lo,
    period.to,
    (a, b) => calendar.workdaysBetween(a, b),
  );
  return buildStatistics(facts, period, LABELS, workdays, agencies);
}

/** Agencies in tree order (depth-first by sort order, then name) with their depth below the root. */
function treeOrder(orgs: Org[]): { org: Org; depth: number }[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string | null, Org[]>();
  for (const o of orgs) {
    const parent = o.parent_id && ids.has(o.parent_id) ? o.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { org: Org; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort(
      (a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN'),
    );
    for (const o of list) {
      out.push({ org: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * Console statistics: the actor's agency, or (readable-agency filter) another agency it may read;
 * `rollup` adds the readable agencies below the chosen one. Divisions are not agencies and are
 * never counted on their own (their work is the agency's).
 */
export async function consoleStatistics(ctx: Ctx, actor: Actor, q: StatisticsQuery): Promise<StatisticsView> {
  const readable = await readableAgencyIds(ctx, actor);
  if (readable !== 'all' && readable.length === 0) throw forbidden('无权查看统计数据');
  const period = resolvePeriod(q, todayInChina(ctx.clock));
  const orgs = (await visibleOrgs(ctx, actor)).filter(
    (o) => isAgencyKind(o.kind) && !o.retired_at && (readable === 'all' || readable.includes(o.id)),
  );
  const ordered = treeOrder(orgs);
  const agencyId = q.agency ?? actor.orgId ?? ordered[0]?.org.id;
  const chosen = ordered.find((o) => o.org.id === agencyId);
  if (!chosen) {
    if (q.agency) throw forbidden('无权查看该机关的统计数据');
    throw notFound('agency', '没有可统计的机关');
  }
  const rollup = Boolean(q.rollup) && can(actor, 'supervise.read');
  let agencies = [chosen];
  if (rollup) {
    const under = new Set([chosen.org.id]);
    agencies = ordered.filter((o) => {
      if (o.org.id === chosen.org.id) return true;
      if (o.org.parent_id && under.has(o.org.parent_id)) {
        under.add(o.org.id);
        return true;
      }
      return false;
    });
  }
  const built = await computeStatistics(
    ctx,
    agencies.map((a) => ({ id: a.org.id, name: a.org.name })),
    period,
  );
  return {
    period,
    agency: { id: chosen.org.id, name: chosen.org.name },
    rollup,
    agencyCount: agencies.length,
    ...built,
    choices: ordered.map((o) => ({ id: o.org.id, name: o.org.name, depth: o.depth })),
  };
}

/** One table of the console view (CSV export). */
export async function consoleTable(
  ctx: Ctx,
  actor: Actor,
  q: StatisticsQuery,
  key: TableKey,
): Promise<{ view: StatisticsView; table: StatTable }> {
  const view = await consoleStatistics(ctx, actor, q);
  const table = view.tables.find((t) => t.key === key);
  if (!table) throw notFound('statistics_table', '该统计表在此范围内不存在');
  return { view, table };
}

/** Public figures (counts only, no personal data) of one agency for the portal and its downloads. */
export async function publicStatistics(
  ctx: Ctx,
  agency: { id: string; name: string },
  q: PeriodQuery,
): Promise<{ period: Period; agency: { id: string; name: string }; summary: Summary; tables: StatTable[] }> {
  const period = resolvePeriod(q, todayInChina(ctx.clock));
  const built = await computeStatistics(ctx, [agency], period);
  return { period, agency, ...built };
}
