/**
 * Supervisor boards (read-only): per agency below the viewer, the counts of every module's facts, and
 * the drill-down lists behind each count with links to the record pages and the 督办 title each row
 * suggests. Scoped by orgs.readableAgencyIds: a supervisor reads the agencies below its own; any other
 * staff member reads only its own agency. Nothing is written here.
 */
import { can, type Actor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { assertReadsAgency, readableAgencyIds, visibleOrgs } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import { requestCaseFacts, requestCaseList } from '../requests/index.js';
import { catalogColumnFindings, catalogLateItems, catalogTimelinessFacts } from '../catalog/index.js';
import { enforcementFacts, enforcementOverdueList } from '../enforcement/index.js';
import { interactionFacts, interactionItemList } from '../interaction/index.js';
import { reportReadinessFacts } from '../annual-report/index.js';
import type { AgencyBoardRowT, BoardT } from '../../../contract/supervision.js';
import { suggestedTitle } from './supervision.rules.js';
import * as repo from './supervision.repository.js';

const DECISION_KIND_LABELS: Record<string, string> = {
  license: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
};

/** The annual report a board looks at by default: this year's in December, else last year's. */
export function defaultReportYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '12' ? year : year - 1;
}

/** The agencies a viewer's board covers, in tree order (a supervisor's own org left out). */
export async function boardAgencies(ctx: Ctx, actor: Actor): Promise<Org[]> {
  if (!can(actor, 'business.read')) throw forbidden('无权查看监督看板');
  const readable = await readableAgencyIds(ctx, actor);
  const orgs = (await visibleOrgs(ctx, actor)).filter((o) => isAgencyKind(o.kind) && !o.retired_at);
  const supervising = can(actor, 'supervise.read');
  return orgs.filter(
    (o) =>
      (readable === 'all' || readable.includes(o.id)) &&
      (!supervising || o.id !== actor.orgId || orgs.length === 1),
  );
}

export async function board(ctx: Ctx, actor: Actor, q: { reportYear?: number }): Promise<BoardT> {
  const agencies = await boardAgencies(ctx, actor);
  const ids = agencies.map((a) => a.id);
  const today = todayInChina(ctx.clock);
  const calendar = await loadWorkCalendar(ctx);
  const asOf = { today, calendar };
  const reportYear = q.reportYear ?? defaultReportYear(today);
  const [req, cat, enf, inter, rep, tasks] = await Promise.all([
    requestCaseFacts(ctx.db, ids, asOf),
    catalogTimelinessFacts(ctx.db, ids, asOf),
    enforcementFacts(ctx.db, ids, asOf),
    interactionFacts(ctx.db, ids, asOf),
    reportReadinessFacts(ctx.db, ids, reportYear, asOf),
    repo.openCounts(ctx.db, ids, today),
  ]);
  const by = <T extends { orgId: string }>(rows: T[]) => new Map(rows.map((r) => [r.orgId, r]));
  const [reqBy, catBy, enfBy, interBy, repBy] = [by(req), by(cat), by(enf), by(inter), by(rep)];
  const rows: AgencyBoardRowT[] = agencies.map((a) => {
    const r = reqBy.get(a.id)!;
    const c = catBy.get(a.id)!;
    const e = enfBy.get(a.id)!;
    const i = interBy.get(a.id)!;
    const p = repBy.get(a.id)!;
    const t = tasks.get(a.id) ?? { open: 0, overdue: 0 };
    return {
      orgId: a.id,
      code: a.code,
      name: a.name,
      kind: a.kind,
      requests: { open: r.open, dueSoon: r.dueSoon, overdue: r.overdue, paused: r.paused },
      catalog: {
        published: c.published,
        late: c.late,
        staleColumns: c.staleColumns,
        blankColumns: c.blankColumns,
        leafColumns: c.leafColumns,
      },
      enforcement: { overdue: e.overdue, pending: e.pending },
      interaction: { open: i.open, overdue: i.overdue, dueSoon: i.dueSoon },
      report: {
        year: reportYear,
        status: p.status,
        statusLabel: p.statusLabel,
        unresolvedErrors: p.unresolvedErrors,
        published: p.published,
        deadline: p.deadline,
        reportId: p.reportId,
      },
      tasks: t,
      problems: r.overdue + c.late + c.staleColumns + c.blankColumns + e.overdue + i.overdue + t.overdue,
    };
  });
  const uncovered = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1].filter(
    (y) => !calendar.isCovered(y),
  );
  return {
    today,
    reportYear,
    agencies: rows,
    calendarNotice: uncovered.length ? calendar.estimateNotice(uncovered) : null,
  };
}

// ---------------------------------------------------------------- drill-down

interface PageArgs {
  page?: number;
  pageSize?: number;
}

function paginate<T>(rows: T[], q: PageArgs) {
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 100);
  const page = Math.max(q.page ?? 1, 1);
  return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
}

/** The one agency of a drill-down: readable by the viewer (a sibling department is refused). */
async function drillAgency(ctx: Ctx, actor: Actor, orgId: string) {
  if (!can(actor, 'business.read')) throw forbidden('无权查看监督看板');
  await assertReadsAgency(ctx, actor, orgId);
  return { ids: [orgId], today: todayInChina(ctx.clock), calendar: await loadWorkCalendar(ctx) };
}

export async function requestRows(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  q: PageArgs & { which?: 'open' | 'due_soon' | 'overdue' },
) {
  const { ids, ...asOf } = await drillAgency(ctx, actor, orgId);
  const rows = (await requestCaseList(ctx.db, ids, asOf, q.which ?? 'overdue')).map((r) => ({
    ...r,
    link: `/requests/${r.id}`,
    suggestedTitle: suggestedTitle('request_case', r.caseNumber, { overdue: r.overdue }),
    source: { kind: 'request_case' as const, id: r.id, label: r.caseNumber, link: `/requests/${r.id}` },
  }));
  return paginate(rows, q);
}

export async function lateItems(ctx: Ctx, actor: Actor, orgId: string, q: PageArgs) {
  const { ids, ...asOf } = await drillAgency(ctx, actor, orgId);
  const rows = (await catalogLateItems(ctx.db, ids, asOf, { limit: 5000 })).map((r) => ({
    ...r,
    link: `/catalog/items/${r.id}`,
    suggestedTitle: suggestedTitle('catalog_item', r.title.slice(0, 60), { workdays: r.workdays }),
    source: {
      kind: 'catalog_item' as const,
      id: r.id,
      label: r.title.slice(0, 300),
      link: `/catalog/items/${r.id}`,
    },
  }));
  return paginate(rows, q);
}

export async function columnRows(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  q: PageArgs & { which?: 'stale' | 'blank' },
) {
  const { ids, today } = await drillAgency(ctx, actor, orgId);
  const rows = (await catalogColumnFindings(ctx.db, ids, { today }))
    .filter((f) => !q.which || f.kind === q.which)
    .map((f) => ({
      id: f.columnId,
      orgId: f.orgId,
      columnName: f.columnName,
      kind: f.kind,
      updateClass: f.updateClass,
      lastPublishedOn: f.lastPublishedOn,
      daysSince: f.daysSince,
      dueBy: f.dueBy,
      limitDays: f.limitDays,
      link: '/catalog/columns',
      suggestedTitle: suggestedTitle('catalog_column', f.columnName, { blank: f.kind === 'blank' }),
      source: {
        kind: 'catalog_column' as const,
        id: f.columnId,
        label: f.columnName,
        link: '/catalog/columns',
      },
    }));
  return paginate(rows, q);
}

export async function decisionRows(ctx: Ctx, actor: Actor, orgId: string, q: PageArgs) {
  const { ids, today } = await drillAgency(ctx, actor, orgId);
  const rows = (await enforcementOverdueList(ctx.db, ids, { today }, 5000)).map((d) => ({
    ...d,
    kindLabel: DECISION_KIND_LABELS[d.kind] ?? d.kind,
    link: '/enforcement',
    suggestedTitle: suggestedTitle('enforcement_decision', d.decisionNumber),
    source: {
      kind: 'enforcement_decision' as const,
      id: d.id,
      label: d.decisionNumber,
      link: '/enforcement',
    },
  }));
  return paginate(rows, q);
}

export async function interactionRows(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  q: PageArgs & { which?: 'open' | 'due_soon' | 'overdue' },
) {
  const { ids, ...asOf } = await drillAgency(ctx, actor, orgId);
  const rows = (await interactionItemList(ctx.db, ids, asOf, q.which ?? 'overdue')).map((i) => ({
    ...i,
    link: `/interaction/items/${i.id}`,
    suggestedTitle: suggestedTitle('interaction_item', i.number, { overdue: i.overdue }),
    source: {
      kind: 'interaction_item' as const,
      id: i.id,
      label: i.number,
      link: `/interaction/items/${i.id}`,
    },
  }));
  return paginate(rows, q);
}
