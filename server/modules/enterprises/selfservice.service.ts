/**
 * The enterprise area (企业专区) and the agency's side of it: registry change requests, 隐患自查自报 with
 * photos and rectification evidence, monthly reports ("本月无隐患"), notices, and the one-action escalation
 * of a major self-reported hazard into 挂牌督办 (enforcement's saveHazard). Every enterprise call resolves
 * the caller's own enterprise first (accounts.service.ts enterpriseOf) and refuses any other (403).
 */
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { fileStorage } from '../../platform/storage/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { saveHazard } from '../enforcement/enforcement.service.js';
import { enterpriseOf } from './accounts.service.js';
import {
  checkEnterprise,
  checkHazardReport,
  checkMonth,
  type EnterpriseInput,
  type HazardReportInput,
} from './enterprises.rules.js';
import * as repo from './enterprises.repository.js';
import type { HazardReport } from './enterprises.repository.js';
import * as srepo from './selfservice.repository.js';
import { applyEnterpriseUpdate, invalid, managedAgency, toEnterpriseView } from './enterprises.service.js';
import type { EntHazardFilesTable } from './enterprises.tables.js';

export interface HazardReportView {
  id: string;
  enterpriseId: string;
  reportedOn: string;
  place: string;
  description: string;
  level: HazardReport['level'];
  measures: string;
  responsiblePerson: string;
  deadline: string;
  fundsFen: number;
  status: HazardReport['status'];
  rectifiedOn: string | null;
  rectificationNote: string | null;
  supervisedHazardId: string | null;
  overdue: boolean;
  files: { id: string; kind: 'photo' | 'evidence'; fileName: string; sizeBytes: number }[];
}

export function toHazardView(
  r: HazardReport,
  today: string,
  files: EntHazardFilesTable[] = [],
): HazardReportView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    reportedOn: r.reported_on,
    place: r.place,
    description: r.description,
    level: r.level,
    measures: r.measures,
    responsiblePerson: r.responsible_person,
    deadline: r.deadline,
    fundsFen: Number(r.funds_fen),
    status: r.status,
    rectifiedOn: r.rectified_on,
    rectificationNote: r.rectification_note,
    supervisedHazardId: r.supervised_hazard_id,
    overdue: r.status === 'open' && r.deadline < today,
    files: files.map((f) => ({ id: f.id, kind: f.kind, fileName: f.file_name, sizeBytes: f.size_bytes })),
  };
}

async function filesOf(db: Ctx['db'], reportId: string) {
  return srepo.hazardFilesOf(db, reportId);
}

/** A self-report of the caller's enterprise; another enterprise's report is 403, a missing one 404. */
async function ownReport(ctx: Ctx, actor: Actor, id: string) {
  const b = await enterpriseOf(ctx, actor);
  const r = await repo.findHazardReport(ctx.db, id);
  if (!r) throw notFound('hazard_report', '隐患记录不存在');
  if (r.enterprise_id !== b.enterprise.id) throw forbidden('只能查看本企业的隐患记录');
  return { ...b, report: r };
}

// ---------- enterprise side ----------

export async function myEnterprise(ctx: Ctx, actor: Actor) {
  const { enterprise } = await enterpriseOf(ctx, actor);
  return enterprise;
}

export async function createHazardReport(
  ctx: Ctx,
  actor: Actor,
  input: HazardReportInput,
): Promise<HazardReportView> {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const today = todayInChina(ctx.clock);
  const { value, problems } = checkHazardReport(input, today);
  if (!value) throw invalid(problems);
  return inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    const row: HazardReport = {
      id: newId(),
      org_id: enterprise.org_id,
      enterprise_id: enterprise.id,
      reported_on: value.reportedOn,
      place: value.place,
      description: value.description,
      level: value.level,
      measures: value.measures,
      responsible_person: value.responsiblePerson,
      deadline: value.deadline,
      funds_fen: value.fundsFen,
      status: 'open',
      rectified_on: null,
      rectification_note: null,
      supervised_hazard_id: null,
      created_by: actor.userId!,
      created_at: now,
      updated_at: now,
    };
    await srepo.insertHazardReport(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.hazard.report',
      targetType: 'ent_hazard_report',
      targetId: row.id,
      orgId: enterprise.org_id,
      after: { level: row.level, deadline: row.deadline },
    });
    return toHazardView(row, today);
  });
}

export async function myHazardReports(ctx: Ctx, actor: Actor): Promise<HazardReportView[]> {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const today = todayInChina(ctx.clock);
  return (await repo.hazardReportsOf(ctx.db, enterprise.id)).map((r) => toHazardView(r, today));
}

export async function myHazardReport(ctx: Ctx, actor: Actor, id: string): Promise<HazardReportView> {
  const { report } = await ownReport(ctx, actor, id);
  return toHazardView(report, todayInChina(ctx.clock), await filesOf(ctx.db, id));
}

/** 整改完成: the date and a note (evidence files are attached separately). */
export async function rectifyHazard(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { rectifiedOn: string; note: string },
): Promise<HazardReportView> {
  const { report, enterprise } = await ownReport(ctx, actor, id);
  const today = todayInChina(ctx.clock);
  const on = input.rectifiedOn.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on))
    throw new DomainError('invalid_date', '整改完成日期格式应为YYYY-MM-DD', { field: 'rectifiedOn' });
  if (on > today) throw new DomainError('future_date', '整改完成日期不能晚于今天', { field: 'rectifiedOn' });
  if (on < report.reported_on)
    throw new DomainError('invalid_date', '整改完成日期不能早于报告日期', { field: 'rectifiedOn' });
  if (!input.note.trim()) throw new DomainError('required', '请说明整改情况', { field: 'note' });
  if (report.status !== 'open') throw conflict('invalid_transition', '该隐患已整改或已由监管部门挂牌督办');
  return inTransaction(ctx, async (trx) => {
    const patch = {
      status: 'rectified' as const,
      rectified_on: on,
      rectification_note: input.note.trim(),
      updated_at: nowIso(ctx.clock),
    };
    await srepo.updateHazardReport(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.hazard.rectify',
      targetType: 'ent_hazard_report',
      targetId: id,
      orgId: enterprise.org_id,
      after: { rectifiedOn: on },
    });
    return toHazardView({ ...report, ...patch }, today, await filesOf(trx, id));
  });
}

const IMAGE_SIGNATURES: [string, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
];
const PDF = [0x25, 0x50, 0x44, 0x46];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

function sniff(bytes: Uint8Array, kind: 'photo' | 'evidence'): string | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  for (const [mime, sig] of IMAGE_SIGNATURES) if (starts(sig)) return mime;
  if (kind === 'evidence' && starts(PDF)) return 'application/pdf';
  return null;
}

/** Attaches a photo (JPEG/PNG) or rectification evidence (JPEG/PNG/PDF), ≤ 10 MB, content-checked. */
export async function attachFile(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { kind: 'photo' | 'evidence'; fileName: string; bytes: Uint8Array },
) {
  const { enterprise } = await ownReport(ctx, actor, id);
  if (input.bytes.byteLength === 0) throw new DomainError('file_required', '请选择文件', { field: 'file' });
  if (input.bytes.byteLength > MAX_FILE_BYTES)
    throw new DomainError('file_too_large', '文件不能超过10MB', { field: 'file' });
  const mime = sniff(input.bytes, input.kind);
  if (!mime)
    throw new DomainError(
      'unsupported_file',
      input.kind === 'photo' ? '隐患照片只支持JPEG或PNG图片' : '整改佐证只支持JPEG、PNG图片或PDF文件',
      { field: 'file' },
    );
  const stored = await fileStorage().put(`enterprises/${enterprise.org_id}`, input.bytes);
  return inTransaction(ctx, async (trx) => {
    const row: EntHazardFilesTable = {
      id: newId(),
      report_id: id,
      org_id: enterprise.org_id,
      kind: input.kind,
      file_name: input.fileName.slice(0, 300) || 'file',
      mime,
      storage_key: stored.key,
      size_bytes: stored.sizeBytes,
      created_at: nowIso(ctx.clock),
    };
    await srepo.insertHazardFile(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.hazard.file',
      targetType: 'ent_hazard_report',
      targetId: id,
      orgId: enterprise.org_id,
      after: { kind: row.kind, fileName: row.file_name, sha256: stored.sha256 },
    });
    return { id: row.id, kind: row.kind, fileName: row.file_name, sizeBytes: row.size_bytes };
  });
}

/** A file of a report, for the enterprise that owns it or the supervising agency. */
export async function readFile(ctx: Ctx, actor: Actor, fileId: string) {
  const f = await srepo.findHazardFile(ctx.db, fileId);
  if (!f) throw notFound('file', '文件不存在');
  if (actor.roles.includes('enterprise')) await ownReport(ctx, actor, f.report_id);
  else if (managedAgency(actor) !== f.org_id) throw forbidden();
  return { file: f, bytes: await fileStorage().get(f.storage_key) };
}

export async function submitMonthly(
  ctx: Ctx,
  actor: Actor,
  input: { month: string; noHazards: boolean; summary: string },
) {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const today = todayInChina(ctx.clock);
  const problem = checkMonth(input.month, today);
  if (problem) throw new DomainError('invalid_month', problem, { field: 'month' });
  const summary = input.summary.trim();
  if (!input.noHazards && !summary)
    throw new DomainError('required', '请填写本月隐患排查情况', { field: 'summary' });
  return inTransaction(ctx, async (trx) => {
    if (input.noHazards) {
      if (await srepo.hasHazardReportInMonth(trx, enterprise.id, input.month))
        throw new DomainError('hazards_reported', '本月已自查上报隐患，不能报告“本月无隐患”', {
          field: 'noHazards',
        });
    }
    if (await srepo.hasMonthlyReport(trx, enterprise.id, input.month))
      throw conflict('duplicate_monthly', `${input.month}的月度报告已提交`, { field: 'month' });
    const row = {
      id: newId(),
      org_id: enterprise.org_id,
      enterprise_id: enterprise.id,
      month: input.month,
      no_hazards: input.noHazards ? 1 : 0,
      summary: summary || '本月无隐患',
      submitted_by: actor.userId!,
      submitted_at: nowIso(ctx.clock),
    };
    await srepo.insertMonthlyReport(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.monthly.submit',
      targetType: 'ent_monthly_report',
      targetId: row.id,
      orgId: enterprise.org_id,
      after: { month: row.month, noHazards: input.noHazards },
    });
    return monthlyView(row);
  });
}

function monthlyView(r: {
  id: string;
  month: string;
  no_hazards: number;
  summary: string;
  submitted_at: string;
}) {
  return {
    id: r.id,
    month: r.month,
    noHazards: r.no_hazards === 1,
    summary: r.summary,
    submittedAt: r.submitted_at,
  };
}

export async function myMonthlyReports(ctx: Ctx, actor: Actor) {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const rows = await srepo.monthlyReportsOf(ctx.db, enterprise.id);
  return rows.map(monthlyView);
}

export async function myNotices(ctx: Ctx, actor: Actor) {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const rows = await srepo.noticesFor(ctx.db, enterprise.org_id, enterprise.id);
  return rows.map((n) => ({
    id: n.id,
    title: n.title,
    body: n.body,
    createdAt: n.created_at,
    toAll: n.enterprise_id === null,
  }));
}

/** A change request of the registry data: the full proposed record, checked now, applied on approval. */
export async function requestChange(
  ctx: Ctx,
  actor: Actor,
  input: { changes: Omit<EnterpriseInput, 'creditCode'>; reason: string },
) {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const { value, problems } = checkEnterprise({ ...input.changes, creditCode: enterprise.credit_code });
  if (!value) throw invalid(problems);
  if (!input.reason.trim()) throw new DomainError('required', '请说明变更原因', { field: 'reason' });
  return inTransaction(ctx, async (trx) => {
    if (await srepo.hasPendingChangeRequest(trx, enterprise.id))
      throw conflict('change_pending', '已有待审核的变更申请，请等待监管部门处理');
    const row = {
      id: newId(),
      org_id: enterprise.org_id,
      enterprise_id: enterprise.id,
      requested_by: actor.userId!,
      changes_json: JSON.stringify(value),
      reason: input.reason.trim(),
      status: 'pending' as const,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: nowIso(ctx.clock),
    };
    await srepo.insertChangeRequest(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.change.request',
      targetType: 'ent_change_request',
      targetId: row.id,
      orgId: enterprise.org_id,
    });
    return changeView(row);
  });
}

function changeView(r: {
  id: string;
  enterprise_id: string;
  changes_json: string;
  reason: string;
  status: string;
  decision_note: string | null;
  created_at: string;
}) {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    changes: JSON.parse(r.changes_json) as Record<string, unknown>,
    reason: r.reason,
    status: r.status as 'pending' | 'approved' | 'rejected',
    decisionNote: r.decision_note,
    createdAt: r.created_at,
  };
}

export async function myChangeRequests(ctx: Ctx, actor: Actor) {
  const { enterprise } = await enterpriseOf(ctx, actor);
  const rows = await srepo.changeRequestsOf(ctx.db, enterprise.id);
  return rows.map(changeView);
}

// ---------- agency side ----------

export async function listChangeRequests(ctx: Ctx, actor: Actor) {
  const orgId = managedAgency(actor);
  const rows = await srepo.pendingChangeRequests(ctx.db, orgId);
  return rows.map(changeView);
}

export async function decideChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { approve: boolean; note?: string | null },
) {
  const orgId = managedAgency(actor);
  return inTransaction(ctx, async (trx) => {
    const r = await srepo.findChangeRequest(trx, id);
    if (!r || r.org_id !== orgId) throw notFound('change_request', '变更申请不存在');
    if (r.status !== 'pending') throw conflict('invalid_transition', '该申请已处理');
    if (!input.approve && !input.note?.trim())
      throw new DomainError('reason_required', '不予变更须说明理由', { field: 'note' });
    if (input.approve) {
      const e = await repo.findEnterprise(trx, r.enterprise_id);
      if (!e) throw notFound('enterprise', '企业不存在');
      const { value, problems } = checkEnterprise(JSON.parse(r.changes_json) as EnterpriseInput);
      if (!value) throw invalid(problems);
      await applyEnterpriseUpdate(ctx, trx, actor, e, value, 'enterprises.change.apply');
    }
    const patch = {
      status: input.approve ? ('approved' as const) : ('rejected' as const),
      decided_by: actor.userId,
      decided_at: nowIso(ctx.clock),
      decision_note: input.note?.trim() || null,
    };
    await srepo.updateChangeRequest(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: input.approve ? 'enterprises.change.approve' : 'enterprises.change.reject',
      targetType: 'ent_change_request',
      targetId: id,
      orgId,
    });
    return changeView({ ...r, ...patch });
  });
}

export async function sendNotice(
  ctx: Ctx,
  actor: Actor,
  input: { enterpriseId?: string | null; title: string; body: string },
) {
  const orgId = managedAgency(actor);
  if (!input.title.trim() || !input.body.trim())
    throw new DomainError('required', '通知标题和内容不能为空', { field: 'title' });
  return inTransaction(ctx, async (trx) => {
    if (input.enterpriseId) {
      const e = await repo.findEnterprise(trx, input.enterpriseId);
      if (!e || e.org_id !== orgId) throw notFound('enterprise', '企业不存在');
    }
    const row = {
      id: newId(),
      org_id: orgId,
      enterprise_id: input.enterpriseId ?? null,
      title: input.title.trim(),
      body: input.body.trim(),
      created_by: actor.userId ?? 'system',
      created_at: nowIso(ctx.clock),
    };
    await srepo.insertNotice(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.notice.send',
      targetType: 'ent_notice',
      targetId: row.id,
      orgId,
      after: { to: row.enterprise_id ?? 'all', title: row.title },
    });
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      createdAt: row.created_at,
      toAll: row.enterprise_id === null,
    };
  });
}

export async function agencyHazardReports(
  ctx: Ctx,
  actor: Actor,
  f: { level?: 'general' | 'major'; status?: string },
) {
  const orgId = managedAgency(actor);
  const rows = await srepo.hazardReportsWithEnterprise(ctx.db, orgId, {
    ...(f.level ? { level: f.level } : {}),
    ...(f.status ? { status: f.status as HazardReport['status'] } : {}),
  });
  const today = todayInChina(ctx.clock);
  return rows.map((r) => ({
    ...toHazardView(r, today),
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
  }));
}

/**
 * 挂牌督办 in one action: creates the enforcement hazard record (draft, then the 双公示 workflow publishes
 * it) from a major self-reported hazard and links the two; the report leaves the enterprise's own queue.
 */
export async function escalateHazard(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { responsibleUnit?: string | null },
) {
  const orgId = managedAgency(actor);
  const report = await repo.findHazardReport(ctx.db, id);
  if (!report || report.org_id !== orgId) throw notFound('hazard_report', '隐患记录不存在');
  if (report.level !== 'major') throw conflict('not_major', '只有重大隐患可以挂牌督办');
  if (report.status !== 'open') throw conflict('invalid_transition', '该隐患已整改或已挂牌督办');
  const e = await repo.findEnterprise(ctx.db, report.enterprise_id);
  if (!e) throw notFound('enterprise', '企业不存在');
  const today = todayInChina(ctx.clock);
  // enforcement's saveHazard opens its own transaction (with its audit row); the link follows in a second
  // one guarded on the report still being open, so a double click cannot create two records.
  const hazard = await saveHazard(ctx, actor, null, {
    title: `${e.name}${report.place}重大事故隐患`,
    enterpriseName: e.name,
    creditCode: e.credit_code,
    description: report.description,
    listedOn: today,
    deadline: report.deadline < today ? today : report.deadline,
    responsibleUnit: input.responsibleUnit?.trim() || e.supervising_unit,
    measures: report.measures,
    rectificationStatus: 'in_progress',
    delistedOn: null,
  });
  return inTransaction(ctx, async (trx) => {
    if (!(await srepo.markHazardReportEscalated(trx, id, hazard.id, nowIso(ctx.clock))))
      throw conflict('invalid_transition', '该隐患已被处理');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.hazard.escalate',
      targetType: 'ent_hazard_report',
      targetId: id,
      orgId,
      after: { supervisedHazardId: hazard.id },
    });
    return { reportId: id, supervisedHazardId: hazard.id, title: hazard.title };
  });
}

export { toEnterpriseView };
