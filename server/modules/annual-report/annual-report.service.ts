/**
 * The annual report's policy and lifecycle, entry point of the use cases: generate from the sources,
 * edit the texts, check, override errors in writing (here); approve, publish an immutable snapshot
 * with its files, correct (report-publication.ts); the dashboard countdown, the supervisor's
 * readiness board and the consolidated report R13 (report-oversight.ts). Callers import this file.
 */
import type { Actor } from '../../platform/actor.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import type { AnnualReportsTable } from './annual-report.tables.js';
import * as repo from './annual-report.repository.js';
import type { ReportRow } from './annual-report.repository.js';
import { formatById, formatForYear } from './formats/registry.js';
import { findingKey, generateReport, factFindings, type DrillDown, type ReportFacts } from './generator.js';
import {
  MIN_OVERRIDE_REASON,
  assertTransition,
  blockingErrors,
  liveOverrides,
  type Override,
} from './lifecycle.js';
import { type ReportTexts } from './narrative-draft.js';
import { toReportDocument } from './render/model.js';
import type { ReportSources } from './sources.js';
import type { Finding, ReportTables } from './types.js';
import {
  agencyOrThrow,
  assertEdits,
  evaluate,
  parse,
  type Chart,
  type StoredContext,
} from './report-common.js';

export { evaluate, getReport } from './report-common.js';
export {
  approve,
  documentOf,
  documentOfVersion,
  publish,
  publishedList,
  publishedOf,
  reopen,
  reportFile,
  startCorrection,
  storedFile,
  versions,
} from './report-publication.js';
export {
  consolidated,
  countdown,
  readiness,
  type Consolidated,
  type Countdown,
  type Readiness,
} from './report-oversight.js';

function assertYear(year: number, today: string): void {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > current)
    throw invalidField('year', 'invalid_report_year', `报告年度应在2008年至${current}年之间`);
}

/** Gathers the facts of an agency and year from the three sources (outside any transaction). */
export async function gatherFacts(
  ctx: Ctx,
  sources: ReportSources,
  orgId: string,
  year: number,
): Promise<ReportFacts> {
  const [catalog, requests, enforcement, events, notify, enterprises] = await Promise.all([
    sources.catalog(ctx, orgId, year),
    sources.requests(ctx, orgId, year),
    sources.enforcement(ctx, orgId, year),
    sources.events?.(ctx, orgId, year),
    sources.notify?.(ctx, orgId, year),
    sources.enterprises?.(ctx, orgId, year),
  ]);
  return {
    catalog,
    requests,
    enforcement,
    ...(events ? { events } : {}),
    ...(notify ? { notify } : {}),
    ...(enterprises ? { enterprises } : {}),
  };
}

/** Last year's published tables, if that report used the same layout family (R4/R6/R12 compare them). */
async function previousTables(ctx: Ctx, orgId: string, year: number): Promise<ReportTables | null> {
  const v = await repo.publishedVersion(ctx.db, orgId, year - 1);
  return v ? parse<ReportTables>(v.tables_json) : null;
}

/**
 * Generates (or regenerates) the working report of an agency for a year from live data. Edited
 * texts and the overrides that still apply are kept; the report returns to draft.
 */
export async function generate(
  ctx: Ctx,
  actor: Actor,
  sources: ReportSources,
  input: { orgId?: string; year: number },
): Promise<ReportRow> {
  const orgId = input.orgId ?? actor.orgId;
  if (!orgId) throw forbidden();
  assertEdits(actor, orgId);
  assertYear(input.year, todayInChina(ctx.clock));
  const org = await agencyOrThrow(ctx, orgId);
  // without the old payload: every generated column is replaced below
  const existing = await repo.findHeadByOrgYear(ctx.db, orgId, input.year);
  if (existing) assertTransition(existing.status, 'generate');
  const format = existing ? formatById(existing.format_id) : formatForYear(input.year);
  const facts = await gatherFacts(ctx, sources, orgId, input.year);
  const previous = await previousTables(ctx, orgId, input.year);
  const generated = generateReport({
    format,
    year: input.year,
    agencyName: org.name,
    facts,
    ...(previous ? { previous } : {}),
    ...(existing ? { texts: parse<ReportTexts>(existing.texts_json) } : {}),
  });
  const context: StoredContext = {
    variables: generated.variables,
    feeLedgerTotalYuan: facts.requests.feesCollectedFen / 100,
    moduleCounts: {
      license: facts.enforcement.kinds.license.decisions.count,
      penalty: facts.enforcement.kinds.penalty.decisions.count,
      enforcement: facts.enforcement.kinds.coercion.decisions.count,
    },
    previous,
    ledger: factFindings(format, facts),
  };
  const chart: Chart = toReportDocument({
    format,
    year: input.year,
    agency: { name: org.name },
    tables: generated.tables,
    rendered: generated.rendered,
    catalog: facts.catalog,
  }).chart;
  const now = nowIso(ctx.clock);
  const overrides = liveOverrides(
    generated.findings,
    existing ? parse<Record<string, Override>>(existing.overrides_json) : {},
  );
  const fields = {
    status: 'draft' as const,
    tables_json: JSON.stringify(generated.tables),
    drill_json: JSON.stringify(generated.drill),
    texts_json: JSON.stringify(generated.texts),
    chart_json: JSON.stringify(chart),
    context_json: JSON.stringify(context),
    findings_json: JSON.stringify(generated.findings),
    overrides_json: JSON.stringify(overrides),
    generated_at: now,
    checked_at: null,
    approved_by: null,
    approved_at: null,
    updated_at: now,
  };
  return inTransaction(ctx, async (trx) => {
    let row: ReportRow;
    if (existing) {
      await repo.update(trx, existing.id, fields);
      row = { ...existing, ...fields };
    } else {
      const inserted: AnnualReportsTable = {
        id: newId(),
        org_id: orgId,
        year: input.year,
        format_id: format.id,
        version: 1,
        correction_reason: null,
        published_version: 0,
        created_at: now,
        ...fields,
      };
      await repo.insert(trx, inserted);
      row = inserted;
    }
    const errors = generated.findings.filter((f) => f.severity === 'error').length;
    await recordAudit(trx, ctx.clock, actor, {
      action: existing ? 'report.regenerate' : 'report.generate',
      targetType: 'annual_report',
      targetId: row.id,
      orgId,
      after: { year: input.year, format: format.id, version: row.version, errors },
    });
    return row;
  });
}

/** Saves edited texts (sections 一/五/六); the report returns to draft and is checked again. */
export async function updateTexts(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: Partial<ReportTexts>,
): Promise<ReportRow> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findById(trx, id);
    if (!row) throw notFound('annual_report', '年度报告不存在');
    assertEdits(actor, row.org_id);
    assertTransition(row.status, 'edit');
    const before = parse<ReportTexts>(row.texts_json);
    const texts: ReportTexts = { ...before, ...input };
    for (const k of ['one', 'five', 'six'] as const)
      if (texts[k].length > 20000) throw invalidField(k, 'text_too_long', '正文过长（最多20000字）');
    const { findings } = evaluate(
      formatById(row.format_id),
      parse(row.tables_json),
      texts,
      parse(row.context_json),
    );
    const overrides = liveOverrides(findings, parse(row.overrides_json));
    const patch = {
      texts_json: JSON.stringify(texts),
      findings_json: JSON.stringify(findings),
      overrides_json: JSON.stringify(overrides),
      status: 'draft' as const,
      checked_at: null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'report.edit',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      after: {
        sections: Object.keys(input).filter(
          (k) => input[k as keyof ReportTexts] !== before[k as keyof ReportTexts],
        ),
      },
    });
    return { ...row, ...patch };
  });
}

/** Runs every check; the report becomes 'checked' when no error remains without a written override. */
export async function check(ctx: Ctx, actor: Actor, id: string): Promise<ReportRow> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findById(trx, id);
    if (!row) throw notFound('annual_report', '年度报告不存在');
    assertEdits(actor, row.org_id);
    assertTransition(row.status, 'check');
    const { findings } = evaluate(
      formatById(row.format_id),
      parse(row.tables_json),
      parse(row.texts_json),
      parse(row.context_json),
    );
    const overrides = liveOverrides(findings, parse(row.overrides_json));
    const blocking = blockingErrors(findings, overrides);
    const now = nowIso(ctx.clock);
    const patch = {
      findings_json: JSON.stringify(findings),
      overrides_json: JSON.stringify(overrides),
      status: blocking.length === 0 ? ('checked' as const) : ('draft' as const),
      checked_at: now,
      updated_at: now,
    };
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'report.check',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      after: {
        status: patch.status,
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
        overridden: Object.keys(overrides).length,
      },
    });
    return { ...row, ...patch };
  });
}

/** Records (or withdraws, with reason null) the office's written reason for publishing despite an error. */
export async function setOverride(
  ctx: Ctx,
  actor: Actor,
  id: string,
  key: string,
  reason: string | null,
): Promise<ReportRow> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findById(trx, id);
    if (!row) throw notFound('annual_report', '年度报告不存在');
    assertEdits(actor, row.org_id);
    assertTransition(row.status, 'override');
    const findings = parse<Finding[]>(row.findings_json);
    const finding = findings.find((f) => findingKey(f) === key);
    if (!finding) throw notFound('finding', '该校验结果已不存在，请重新校验');
    if (finding.severity !== 'error') throw conflict('override_not_needed', '提示类结果不阻止发布，无需说明');
    const overrides = parse<Record<string, Override>>(row.overrides_json);
    const trimmed = reason?.trim() ?? '';
    if (reason !== null && trimmed.length < MIN_OVERRIDE_REASON)
      throw invalidField(
        'reason',
        'override_reason_required',
        `请书面说明理由（至少${MIN_OVERRIDE_REASON}个字）`,
      );
    const before = overrides[key] ?? null;
    if (reason === null) delete overrides[key];
    else overrides[key] = { reason: trimmed, by: actor.name, at: nowIso(ctx.clock) };
    // an override changes what blocks: the report must be checked again
    const patch = {
      overrides_json: JSON.stringify(overrides),
      status: 'draft' as const,
      updated_at: nowIso(ctx.clock),
    };
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: reason === null ? 'report.override_withdraw' : 'report.override',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      before: before ? { reason: before.reason } : undefined,
      after: { rule: finding.ruleId, message: finding.messageZh, reason: reason === null ? null : trimmed },
    });
    return { ...row, ...patch };
  });
}

/** The agency's reports (all years), or of the agencies the actor reads when `orgId` is given. */
export async function listReports(ctx: Ctx, actor: Actor, orgId?: string): Promise<ReportRow[]> {
  const target = orgId ?? actor.orgId;
  if (!target) return [];
  await assertReadsAgency(ctx, actor, target);
  return repo.listByOrgs(ctx.db, [target]);
}

export type { DrillDown };
