/**
 * Use cases of the self-check for the console: run now (立即检查, the office for its own agency), the
 * reports an actor may read (own agency; supervisors every agency below), a report grouped by indicator,
 * the trend across reports and the CSV export. Reads are scoped by orgs.readableAgencyIds.
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import { todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden } from '../../platform/errors.js';
import { assertWritesAgency, readableAgencyIds, visibleOrgs } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './selfcheck.repository.js';
import { runCheck } from './selfcheck.check.js';
import type { PageFetcher } from './selfcheck.crawl.js';
import { INDICATOR_CODES, INDICATORS, isIndicator, SEVERITIES, SEVERITY_LABELS } from './selfcheck.rules.js';
import type { ReportDetailT, ReportSummaryT, TrendT, FindingViewT } from '../../../contract/selfcheck.js';

const TRIGGER_LABELS = { schedule: '定时检查', manual: '立即检查', cli: '命令行' } as const;

const notFoundReport = () =>
  new DomainError('selfcheck_report_not_found', '自查报告不存在', undefined, 'not_found');

async function orgNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) out.set(id, (await orgRepo.findById(ctx.db, id))?.name ?? '');
  return out;
}

function summaryOf(r: repo.Report, orgName: string): ReportSummaryT {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName,
    runOn: r.run_on,
    trigger: r.trigger,
    triggerLabel: TRIGGER_LABELS[r.trigger],
    triggeredByName: r.triggered_by_name,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    baseUrl: r.base_url,
    pagesCrawled: Number(r.pages_crawled),
    linksChecked: Number(r.links_checked),
    truncated: Number(r.truncated) === 1,
    veto: Number(r.veto_count),
    deduct: Number(r.deduct_count),
    hint: Number(r.hint_count),
    error: r.error,
  };
}

function findingView(f: repo.FindingRow): FindingViewT {
  const ind = isIndicator(f.indicator) ? INDICATORS[f.indicator] : null;
  return {
    id: f.id,
    indicator: f.indicator,
    indicatorLabel: ind?.label ?? f.indicator,
    group: ind?.group ?? '',
    severity: f.severity,
    severityLabel: SEVERITY_LABELS[f.severity],
    title: f.title,
    url: f.url,
    foundOn: f.found_on,
    excerpt: f.excerpt,
    detail: f.detail,
  };
}

/** The agencies whose reports the actor may read, for the console's agency picker. */
export async function listAgencies(ctx: Ctx, actor: Actor) {
  const ids = await readableAgencyIds(ctx, actor);
  const orgs = (await visibleOrgs(ctx, actor)).filter((o) => ids === 'all' || ids.includes(o.id));
  const { latest } = await repo.latestReports(
    ctx.db,
    orgs.map((o) => o.id),
    '0000-01-01',
    '9999-12-31',
  );
  const last = new Map(latest.map((r) => [r.org_id, r.run_on]));
  return orgs.map((o) => ({ id: o.id, name: o.name, latestRunOn: last.get(o.id) ?? null }));
}

async function scope(ctx: Ctx, actor: Actor, orgId?: string): Promise<string[] | 'all'> {
  const ids = await readableAgencyIds(ctx, actor);
  if (!orgId) return ids;
  if (ids !== 'all' && !ids.includes(orgId)) throw forbidden('无权查看该机关的自查报告');
  return [orgId];
}

export async function listReports(
  ctx: Ctx,
  actor: Actor,
  q: { orgId?: string; page?: number; pageSize?: number },
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listReports(ctx.db, await scope(ctx, actor, q.orgId), page, pageSize);
  const names = await orgNames(
    ctx,
    rows.map((r) => r.org_id),
  );
  return { items: rows.map((r) => summaryOf(r, names.get(r.org_id) ?? '')), total, page, pageSize };
}

async function readableReport(ctx: Ctx, actor: Actor, id: string): Promise<repo.Report> {
  const r = await repo.findReport(ctx.db, id);
  if (!r) throw notFoundReport();
  const ids = await readableAgencyIds(ctx, actor);
  if (ids !== 'all' && !ids.includes(r.org_id)) throw notFoundReport();
  return r;
}

export async function getReport(ctx: Ctx, actor: Actor, id: string): Promise<ReportDetailT> {
  const r = await readableReport(ctx, actor, id);
  const findings = (await repo.findingsOf(ctx.db, r.id)).map(findingView);
  const names = await orgNames(ctx, [r.org_id]);
  const groups = INDICATOR_CODES.flatMap((code) => {
    const list = findings.filter((f) => f.indicator === code);
    if (list.length === 0) return [];
    const ind = INDICATORS[code];
    return [
      {
        indicator: code,
        label: ind.label,
        group: ind.group,
        severity: ind.severity,
        severityLabel: SEVERITY_LABELS[ind.severity],
        count: list.length,
        findings: list,
      },
    ];
  });
  groups.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return { report: summaryOf(r, names.get(r.org_id) ?? ''), groups };
}

/** The report as CSV (UTF-8 with BOM so Excel opens it), one row per finding. */
export async function exportReportCsv(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ filename: string; csv: string }> {
  const detail = await getReport(ctx, actor, id);
  // csv-stringify is loaded on the first export, not at start-up (issue 12).
  const { stringify } = await import('csv-stringify/sync');
  const r = detail.report;
  const rows = detail.groups.flatMap((g) =>
    g.findings.map((f) => [
      r.orgName,
      r.runOn,
      f.severityLabel,
      f.group,
      f.indicatorLabel,
      f.title,
      f.url ?? '',
      f.foundOn ?? '',
      f.excerpt ?? '',
      f.detail ?? '',
    ]),
  );
  const csv = stringify(rows, {
    header: true,
    columns: [
      '机关',
      '检查日期',
      '严重程度',
      '指标类别',
      '指标',
      '问题',
      '问题位置',
      '所在页面',
      '链接文字或上下文',
      '说明',
    ],
    // A leading = + - @ would run as a formula in a spreadsheet: prefix those cells with '.
    cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) },
  });
  return { filename: `selfcheck-${r.runOn}-${r.id.slice(0, 8)}.csv`, csv: `\uFEFF${csv}` };
}

/** The trend of an agency: its completed reports of the last year (at most 60), oldest first. */
export async function trend(ctx: Ctx, actor: Actor, orgId?: string): Promise<TrendT> {
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('无所属机关');
  await scope(ctx, actor, id);
  const today = todayInChina(ctx.clock);
  const rows = await repo.reportsBetween(ctx.db, id, addDays(today, -366), today, 60);
  const points = rows.map((r) => ({
    reportId: r.id,
    runOn: r.run_on,
    veto: Number(r.veto_count),
    deduct: Number(r.deduct_count),
    hint: Number(r.hint_count),
    byIndicator: JSON.parse(r.counts_json) as Record<string, number>,
  }));
  const seen = new Set(points.flatMap((p) => Object.keys(p.byIndicator)));
  return {
    orgId: id,
    indicators: INDICATOR_CODES.filter((c) => seen.has(c)).map((c) => ({
      code: c,
      label: INDICATORS[c].label,
    })),
    points,
  };
}

const running = new Set<string>();

/** 立即检查: the office runs the check of its own agency now and gets the stored report. */
export async function runNow(
  ctx: Ctx,
  actor: Actor,
  fetcher: PageFetcher,
  orgId?: string,
  trigger: 'manual' | 'cli' = 'manual',
): Promise<ReportSummaryT> {
  assertCan(actor, 'selfcheck.run');
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('无所属机关');
  assertWritesAgency(actor, id);
  if (running.has(id)) throw conflict('selfcheck_running', '该机关的门户网站检查正在进行，请稍后刷新');
  running.add(id);
  try {
    const reportId = await runCheck(ctx, actor, id, { fetcher, trigger });
    const r = (await repo.findReport(ctx.db, reportId))!;
    const names = await orgNames(ctx, [r.org_id]);
    return summaryOf(r, names.get(r.org_id) ?? '');
  } finally {
    running.delete(id);
  }
}
