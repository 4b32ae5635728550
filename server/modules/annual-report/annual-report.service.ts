/**
 * The annual report's policy and lifecycle: generate from the sources, edit the texts, check,
 * override errors in writing, approve (leader), publish an immutable snapshot with its files,
 * correct; the dashboard countdown; the supervisor's readiness board and consolidated report (R13).
 */
import type { Actor } from '../../platform/actor.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import { assertCan, can } from '../../platform/actor.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import type { Org } from '../orgs/orgs.repository.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import { assertReadsAgency, assertWritesAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import type { AnnualReportsTable } from './annual-report.tables.js';
import * as repo from './annual-report.repository.js';
import type { ReportRow, VersionRow } from './annual-report.repository.js';
import { runChecks } from './checks.js';
import { formatById, formatForYear } from './formats/registry.js';
import {
  checkContextFor,
  consolidateTables,
  findingKey,
  generateReport,
  ledgerFindings,
  type DrillDown,
  type ReportFacts,
} from './generator.js';
import {
  MIN_OVERRIDE_REASON,
  assertTransition,
  blockingErrors,
  daysBetween,
  deadlineOf,
  dueReportYear,
  liveOverrides,
  publicationBlocks,
  type Override,
} from './lifecycle.js';
import { renderTexts, textFindings, type RenderedTexts, type ReportTexts } from './narrative-draft.js';
import {
  CONTENT_TYPES,
  OUTPUT_KINDS,
  renderOutput,
  type OutputKind,
  type RenderedFile,
} from './render/index.js';
import { reportTitle, toReportDocument, type ReportDocument } from './render/model.js';
import type { ReportSources } from './sources.js';
import type { Finding, ReportFormat, ReportTables } from './types.js';

/** What the checks need besides tables and texts, frozen at generation. */
interface StoredContext {
  variables: Record<string, string>;
  feeLedgerTotalYuan: number;
  moduleCounts: { license: number; penalty: number; enforcement: number };
  previous: ReportTables | null;
  /** R8/R9 findings over the case ledger at generation */
  ledger: Finding[];
}

type Chart = ReportDocument['chart'];

const parse = <T>(s: string): T => JSON.parse(s) as T;

function assertEdits(actor: Actor, orgId: string): void {
  assertCan(actor, 'report.edit');
  assertWritesAgency(actor, orgId);
}

async function agencyOrThrow(ctx: Ctx, orgId: string): Promise<Org> {
  const org = await orgRepo.findById(ctx.db, orgId);
  if (!org || !isAgencyKind(org.kind)) throw notFound('org', '机关不存在');
  return org;
}

async function loadReport(ctx: Ctx, id: string): Promise<ReportRow> {
  const row = await repo.findById(ctx.db, id);
  if (!row) throw notFound('annual_report', '年度报告不存在');
  return row;
}

function assertYear(year: number, today: string): void {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > current)
    throw invalidField('year', 'invalid_report_year', `报告年度应在2008年至${current}年之间`);
}

/** Findings of a stored report, recomputed from its tables, texts and frozen context. */
export function evaluate(
  format: ReportFormat,
  tables: ReportTables,
  texts: ReportTexts,
  context: StoredContext,
): { rendered: RenderedTexts; findings: Finding[] } {
  const rendered = renderTexts(texts, context.variables);
  const checkCtx = {
    ...checkContextFor(format, tables, rendered, undefined, context.previous ?? undefined),
    feeLedgerTotalYuan: context.feeLedgerTotalYuan,
    moduleCounts: context.moduleCounts,
  };
  return {
    rendered,
    findings: [...runChecks(checkCtx), ...context.ledger, ...textFindings(texts, context.variables)],
  };
}

/** Gathers the facts of an agency and year from the three sources (outside any transaction). */
export async function gatherFacts(
  ctx: Ctx,
  sources: ReportSources,
  orgId: string,
  year: number,
): Promise<ReportFacts> {
  const [catalog, requests, enforcement, events] = await Promise.all([
    sources.catalog(ctx, orgId, year),
    sources.requests(ctx, orgId, year),
    sources.enforcement(ctx, orgId, year),
    sources.events?.(ctx, orgId, year),
  ]);
  return { catalog, requests, enforcement, ...(events ? { events } : {}) };
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
    ledger: ledgerFindings(format, facts),
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

/** Reads a report (own agency, or an agency below for supervisors). */
export async function getReport(ctx: Ctx, actor: Actor, id: string): Promise<ReportRow> {
  const row = await loadReport(ctx, id);
  await assertReadsAgency(ctx, actor, row.org_id);
  return row;
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
    for (const [k, v] of Object.entries(texts))
      if (v.length > 20000) throw invalidField(k, 'text_too_long', '正文过长（最多20000字）');
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

/** The leader approves a checked report (report.approve, own agency). */
/** Refuses approval/publication while a prompt is left or the report year has not ended (clear Chinese). */
function assertPublishable(
  ctx: Ctx,
  row: Pick<ReportRow, 'year' | 'findings_json' | 'overrides_json'>,
): void {
  const blocks = publicationBlocks({
    year: row.year,
    today: todayInChina(ctx.clock),
    findings: parse<Finding[]>(row.findings_json),
    overrides: parse<Record<string, Override>>(row.overrides_json),
  });
  const first = blocks[0];
  if (first) throw conflict(first.code, blocks.map((b) => b.messageZh).join('；'), { reasons: blocks });
}

export async function approve(ctx: Ctx, actor: Actor, id: string): Promise<ReportRow> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findById(trx, id);
    if (!row) throw notFound('annual_report', '年度报告不存在');
    assertCan(actor, 'report.approve');
    assertWritesAgency(actor, row.org_id);
    assertTransition(row.status, 'approve');
    assertPublishable(ctx, row);
    const now = nowIso(ctx.clock);
    const patch = {
      status: 'approved' as const,
      approved_by: actor.userId,
      approved_at: now,
      updated_at: now,
    };
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'report.approve',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      after: { year: row.year, version: row.version },
    });
    return { ...row, ...patch };
  });
}

/** Sends a checked or approved report back to draft (office or leader), with a note. */
export async function reopen(ctx: Ctx, actor: Actor, id: string, note: string): Promise<ReportRow> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findById(trx, id);
    if (!row) throw notFound('annual_report', '年度报告不存在');
    if (!can(actor, 'report.edit') && !can(actor, 'report.approve')) throw forbidden();
    assertWritesAgency(actor, row.org_id);
    assertTransition(row.status, 'reopen');
    const patch = {
      status: 'draft' as const,
      approved_by: null,
      approved_at: null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'report.reopen',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      note: note.trim() || undefined,
    });
    return { ...row, ...patch };
  });
}

/** The document of a stored working report. */
export async function documentOf(ctx: Ctx, row: ReportRow): Promise<ReportDocument> {
  const org = await agencyOrThrow(ctx, row.org_id);
  const format = formatById(row.format_id);
  const context = parse<StoredContext>(row.context_json);
  const tables = parse<ReportTables>(row.tables_json);
  return {
    ...toReportDocument({
      format,
      year: row.year,
      agency: { name: org.name, address: org.address, postcode: org.postcode, phone: org.phone },
      tables,
      rendered: renderTexts(parse(row.texts_json), context.variables),
      chart: parse<Chart>(row.chart_json),
    }),
    version: row.version,
    correctionReason: row.correction_reason,
  };
}

/** The document of a published version (exactly what was published). */
export async function documentOfVersion(ctx: Ctx, v: VersionRow): Promise<ReportDocument> {
  const org = await agencyOrThrow(ctx, v.org_id);
  return {
    format: formatById(v.format_id),
    year: v.year,
    agency: { name: org.name, address: org.address, postcode: org.postcode, phone: org.phone },
    tables: parse(v.tables_json),
    rendered: parse(v.texts_json),
    chart: parse(v.chart_json),
    version: v.version,
    correctionReason: v.correction_reason,
    publishedOn: v.published_at.slice(0, 10),
  };
}

/**
 * Publishes an approved report: checks once more, renders every output, and stores the immutable
 * snapshot (tables, texts, rule results, overrides) with the files and their hashes.
 */
export async function publish(ctx: Ctx, actor: Actor, id: string): Promise<VersionRow> {
  const row = await loadReport(ctx, id);
  assertEdits(actor, row.org_id);
  assertTransition(row.status, 'publish');
  const format = formatById(row.format_id);
  const context = parse<StoredContext>(row.context_json);
  const { rendered, findings } = evaluate(format, parse(row.tables_json), parse(row.texts_json), context);
  const overrides = liveOverrides(findings, parse(row.overrides_json));
  const blocking = blockingErrors(findings, overrides);
  if (blocking.length)
    throw conflict('report_has_errors', `年度报告还有${blocking.length}项错误未更正或说明，不能发布`, {
      findings: blocking.map((f) => f.messageZh),
    });
  assertPublishable(ctx, { ...row, findings_json: JSON.stringify(findings) });
  const now = nowIso(ctx.clock);
  const publishedOn = todayInChina(ctx.clock);
  const doc: ReportDocument = { ...(await documentOf(ctx, row)), rendered, publishedOn };
  const files: RenderedFile[] = [];
  for (const kind of OUTPUT_KINDS) files.push(await renderOutput(doc, kind));
  return inTransaction(ctx, async (trx) => {
    const fresh = await repo.findById(trx, id);
    if (!fresh || fresh.status !== 'approved' || fresh.updated_at !== row.updated_at)
      throw conflict('report_changed', '年度报告已被他人修改，请刷新后重试');
    const version: VersionRow = {
      id: newId(),
      report_id: id,
      org_id: row.org_id,
      year: row.year,
      version: row.version,
      format_id: row.format_id,
      correction_reason: row.correction_reason,
      tables_json: row.tables_json,
      texts_json: JSON.stringify(rendered),
      chart_json: row.chart_json,
      findings_json: JSON.stringify(findings),
      overrides_json: JSON.stringify(overrides),
      files_json: JSON.stringify(Object.fromEntries(files.map((f) => [f.kind, f.sha256]))),
      approved_by: row.approved_by,
      published_by: actor.userId ?? actor.name,
      published_at: now,
    };
    await repo.insertVersion(trx, version);
    for (const f of files) {
      await repo.insertFile(trx, {
        version_id: version.id,
        org_id: row.org_id,
        kind: f.kind,
        sha256: f.sha256,
        size: f.bytes.length,
        content_base64: f.bytes.toString('base64'),
      });
    }
    await repo.update(trx, id, {
      status: 'published',
      published_version: row.version,
      findings_json: JSON.stringify(findings),
      overrides_json: JSON.stringify(overrides),
      updated_at: now,
    });
    await bumpContentVersion(trx, ctx.clock, row.org_id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'report.publish',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      after: {
        year: row.year,
        version: row.version,
        files: Object.fromEntries(files.map((f) => [f.kind, f.sha256])),
        overridden: Object.values(overrides).map((o) => o.reason),
      },
    });
    return version;
  });
}

/** Opens a correction of a published report: a new version is prepared; the published one stays. */
export async function startCorrection(
  ctx: Ctx,
  actor: Actor,
  id: string,
  reason: string,
): Promise<ReportRow> {
  const trimmed = reason.trim();
  if (trimmed.length < MIN_OVERRIDE_REASON)
    throw invalidField(
      'reason',
      'correction_reason_required',
      `请说明更正原因（至少${MIN_OVERRIDE_REASON}个字）`,
    );
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findById(trx, id);
    if (!row) throw notFound('annual_report', '年度报告不存在');
    assertEdits(actor, row.org_id);
    assertTransition(row.status, 'correct');
    const patch = {
      status: 'draft' as const,
      version: row.published_version + 1,
      correction_reason: trimmed,
      approved_by: null,
      approved_at: null,
      checked_at: null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'report.correct',
      targetType: 'annual_report',
      targetId: id,
      orgId: row.org_id,
      after: { version: patch.version, reason: trimmed },
    });
    return { ...row, ...patch };
  });
}

export async function versions(ctx: Ctx, reportId: string): Promise<VersionRow[]> {
  return repo.versionsOf(ctx.db, reportId);
}

/** The agency's reports (all years), or of the agencies the actor reads when `orgId` is given. */
export async function listReports(ctx: Ctx, actor: Actor, orgId?: string): Promise<ReportRow[]> {
  const target = orgId ?? actor.orgId;
  if (!target) return [];
  await assertReadsAgency(ctx, actor, target);
  return repo.listByOrgs(ctx.db, [target]);
}

/** A file of a working report (rendered now) or of a published version (the stored bytes). */
export async function reportFile(
  ctx: Ctx,
  actor: Actor,
  id: string,
  kind: OutputKind,
  version?: number,
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const row = await getReport(ctx, actor, id);
  if (version !== undefined) {
    const v = await repo.publishedVersion(ctx.db, row.org_id, row.year, version);
    if (!v || v.report_id !== row.id) throw notFound('version', '该版本不存在');
    return storedFile(ctx, v, kind);
  }
  const f = await renderOutput(await documentOf(ctx, row), kind);
  return {
    fileName: `${f.fileName.replace(/(\.\w+)$/, '（草稿）$1')}`,
    contentType: f.contentType,
    bytes: f.bytes,
  };
}

/** The stored file of a published version. */
export async function storedFile(
  ctx: Ctx,
  v: VersionRow,
  kind: OutputKind,
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const file = await repo.fileOf(ctx.db, v.id, kind);
  if (!file) throw notFound('file', '文件不存在');
  const org = await agencyOrThrow(ctx, v.org_id);
  const title = reportTitle({ agency: { name: org.name }, year: v.year });
  const fileName = `${title}${v.version > 1 ? `（更正版${v.version}）` : ''}${kind === 'svg' ? '-图1.svg' : `.${kind}`}`;
  const contentType = CONTENT_TYPES[kind];
  return { fileName, contentType, bytes: Buffer.from(file.content_base64, 'base64') };
}

// ---------------------------------------------------------------------------------------------
// Dashboard countdown and supervision
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Public (portal)
// ---------------------------------------------------------------------------------------------

/** Published reports of an agency for the portal column 政府信息公开年报: latest version per year. */
export async function publishedList(ctx: Ctx, orgId: string): Promise<VersionRow[]> {
  const all = await repo.publishedVersionsOfOrg(ctx.db, orgId);
  const seen = new Set<number>();
  return all.filter((v) => (seen.has(v.year) ? false : (seen.add(v.year), true)));
}

export async function publishedOf(
  ctx: Ctx,
  orgId: string,
  year: number,
  version?: number,
): Promise<{ version: VersionRow; history: VersionRow[] } | undefined> {
  const v = await repo.publishedVersion(ctx.db, orgId, year, version);
  if (!v) return undefined;
  return { version: v, history: await repo.versionsOf(ctx.db, v.report_id) };
}

export type { DrillDown };
