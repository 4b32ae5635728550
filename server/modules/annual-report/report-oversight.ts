/**
 * The annual report seen from above: the dashboard countdown to 31 January, the supervisor's
 * readiness board (with why a report cannot be published yet) and the consolidated report (R13).
 */
import type { Actor } from '../../platform/actor.js';
import { assertCan } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import { type Ctx } from '../../platform/context.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import type { Org } from '../orgs/orgs.repository.js';
import { assertReadsAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import type { AnnualReportsTable } from './annual-report.tables.js';
import * as repo from './annual-report.repository.js';
import { runChecks } from './checks.js';
import { formatForYear } from './formats/registry.js';
import { consolidateTables } from './generator.js';
import {
  blockingErrors,
  daysBetween,
  deadlineOf,
  dueReportYear,
  publicationBlocks,
  type Override,
} from './lifecycle.js';
import { type ReportDocument } from './render/model.js';
import type { Finding, ReportFormat, ReportTables } from './types.js';
import { parse, type Chart } from './report-common.js';

export interface Countdown {
  year: number;
  deadline: string;
  daysLeft: number;
  status: AnnualReportsTable['status'] | 'missing';
  reportId: string | null;
}

/** The statutory countdown for the actor's agency (31 January of the year after the report year). */
export async function countdown(ctx: Ctx, actor: Actor): Promise<Countdown | null> {
  if (!actor.orgId) return null;
  await assertReadsAgency(ctx, actor, actor.orgId);
  const today = todayInChina(ctx.clock);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const last = await repo.findHeadByOrgYear(ctx.db, actor.orgId, lastYear);
  const year = dueReportYear(today, Boolean(last && last.published_version > 0));
  const row = year === lastYear ? last : await repo.findHeadByOrgYear(ctx.db, actor.orgId, year);
  const deadline = deadlineOf(year);
  return {
    year,
    deadline,
    daysLeft: daysBetween(today, deadline),
    status: row?.status ?? 'missing',
    reportId: row?.id ?? null,
  };
}

export interface Readiness {
  orgId: string;
  code: string;
  name: string;
  reportId: string | null;
  status: AnnualReportsTable['status'] | 'missing';
  version: number;
  publishedVersion: number;
  errors: number;
  unresolvedErrors: number;
  warnings: number;
  overrides: number;
  checkedAt: string | null;
  updatedAt: string | null;
  /** why the report cannot be approved/published now (empty when it can, or when there is none) */
  blockedReasonsZh: string[];
}

/** Agencies below the supervisor (its own government org excluded when it only supervises). */
async function supervisedAgencies(ctx: Ctx, actor: Actor): Promise<Org[]> {
  assertCan(actor, 'supervise.read');
  const ids = await readableAgencyIds(ctx, actor);
  const all =
    ids === 'all'
      ? await orgRepo.listAll(ctx.db)
      : await Promise.all(ids.map((i) => orgRepo.findById(ctx.db, i)));
  return (
    all
      // reporting agencies: departments (and lower governments); 事业单位 report within their department
      .filter(
        (o): o is Org =>
          Boolean(o) && (o!.kind === 'department' || o!.kind === 'government') && !o!.retired_at,
      )
      .filter((o) => o.id !== actor.orgId)
      .sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code))
  );
}

/** The supervisor's board: readiness and check status of every agency below, for a year. */
export async function readiness(ctx: Ctx, actor: Actor, year: number): Promise<Readiness[]> {
  const agencies = await supervisedAgencies(ctx, actor);
  const rows = await repo.listByOrgs(
    ctx.db,
    agencies.map((a) => a.id),
    year,
  );
  return agencies.map((a) => {
    const r = rows.find((x) => x.org_id === a.id);
    const findings = r ? parse<Finding[]>(r.findings_json) : [];
    const overrides = r ? parse<Record<string, Override>>(r.overrides_json) : {};
    return {
      orgId: a.id,
      code: a.code,
      name: a.name,
      reportId: r?.id ?? null,
      status: r?.status ?? 'missing',
      version: r?.version ?? 0,
      publishedVersion: r?.published_version ?? 0,
      errors: findings.filter((f) => f.severity === 'error').length,
      unresolvedErrors: blockingErrors(findings, overrides).length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      overrides: Object.keys(overrides).length,
      checkedAt: r?.checked_at ?? null,
      updatedAt: r?.updated_at ?? null,
      blockedReasonsZh:
        r && r.status !== 'published'
          ? publicationBlocks({ year, today: todayInChina(ctx.clock), findings, overrides }).map(
              (b) => b.messageZh,
            )
          : [],
    };
  });
}

export interface Consolidated {
  year: number;
  format: ReportFormat;
  tables: ReportTables;
  parts: { orgId: string; name: string; source: 'published' | 'working'; version: number }[];
  missing: { orgId: string; name: string }[];
  findings: Finding[];
  document: ReportDocument;
}

/**
 * The government-level report (R13): Σ of the agencies' tables below the supervisor — each agency's
 * latest published version, else its working report (marked), agencies without a report listed.
 */
export async function consolidated(ctx: Ctx, actor: Actor, year: number): Promise<Consolidated> {
  const agencies = await supervisedAgencies(ctx, actor);
  const format = formatForYear(year);
  const parts: Consolidated['parts'] = [];
  const missing: Consolidated['missing'] = [];
  const tables: ReportTables[] = [];
  const byColumn = new Map<string, number>();
  const byChannel = new Map<string, number>();
  for (const a of agencies) {
    const v = await repo.publishedVersion(ctx.db, a.id, year);
    const w = v ? undefined : await repo.findByOrgYear(ctx.db, a.id, year);
    const src = v ?? w;
    if (!src) {
      missing.push({ orgId: a.id, name: a.name });
      continue;
    }
    if (src.format_id !== format.id) continue;
    tables.push(parse(src.tables_json));
    const chart = parse<Chart>(src.chart_json);
    for (const c of chart.byColumn) byColumn.set(c.name, (byColumn.get(c.name) ?? 0) + c.count);
    for (const c of chart.byChannel) byChannel.set(c.name, (byChannel.get(c.name) ?? 0) + c.count);
    parts.push({ orgId: a.id, name: a.name, source: v ? 'published' : 'working', version: src.version });
  }
  const sum = consolidateTables(format, tables);
  const findings = runChecks({ format, tables: sum, subordinates: tables }, [
    'R1',
    'R2',
    'R3',
    'R5',
    'R11',
    'R13',
  ]);
  const gov = actor.orgId ? await orgRepo.findById(ctx.db, actor.orgId) : undefined;
  const document: ReportDocument = {
    format,
    year,
    agency: {
      name: gov?.name ?? '本级政府',
      address: gov?.address,
      postcode: gov?.postcode,
      phone: gov?.phone,
    },
    tables: sum,
    rendered: {
      one: `本报告汇总所属${parts.length}个部门${year}年政府信息公开工作年度报告的统计数据。${missing.length ? `尚未编制年度报告的部门：${missing.map((m) => m.name).join('、')}。` : ''}`,
      five: '',
      six: '',
    },
    chart: {
      byColumn: [...byColumn].map(([name, count]) => ({ name, count })),
      byChannel: [...byChannel].map(([name, count]) => ({ name, count })),
    },
    consolidatedFrom: parts.length,
  };
  return { year, format, tables: sum, parts, missing, findings, document };
}
