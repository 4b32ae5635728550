/**
 * Approval and publication of the annual report: the leader's approval, reopening, the immutable
 * published version with its rendered files, corrections, and the documents and files of working
 * and published reports (console downloads and the portal column 政府信息公开年报).
 */
import type { Actor } from '../../platform/actor.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import { assertCan, can } from '../../platform/actor.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './annual-report.repository.js';
import type { ReportRow, VersionRow } from './annual-report.repository.js';
import { formatById } from './formats/registry.js';
import {
  MIN_OVERRIDE_REASON,
  assertTransition,
  blockingErrors,
  liveOverrides,
  publicationBlocks,
  type Override,
} from './lifecycle.js';
import { renderTexts } from './narrative-draft.js';
import {
  CONTENT_TYPES,
  OUTPUT_KINDS,
  renderOutput,
  type OutputKind,
  type RenderedFile,
} from './render/index.js';
import { reportTitle, toReportDocument, type ReportDocument } from './render/model.js';
import type { Finding, ReportTables } from './types.js';
import {
  agencyOrThrow,
  assertEdits,
  evaluate,
  getReport,
  loadReport,
  parse,
  type Chart,
  type StoredContext,
} from './report-common.js';

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
    publishedOn: chinaDateOf(v.published_at),
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
