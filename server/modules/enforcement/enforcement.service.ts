/**
 * Use cases of the 双公示 register: decisions (create, edit, workflow, 更正/撤销/撤回 with notices),
 * the 权责清单 事项, agency settings, accident reports and hazards, and the public (portal) reads.
 * One transaction per write; every state change appends an audit row in the same transaction.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertCreditCode } from '../../platform/validation/credit-code.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableAgencyIds, assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import { indexDocument, unindexDocument } from '../search/search.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import type { SearchDocument } from '../search/search.index.js';
import { enforcementCalendar } from './enforcement.calendar.js';
import * as repo from './enforcement.repository.js';
import type { Accident, Decision, Hazard, Item, Notice } from './enforcement.repository.js';
import {
  ACCIDENT_LEVELS,
  checkDecision,
  DEFAULT_SETTINGS,
  decisionHash,
  isIsoDate,
  isPublicationOverdue,
  KIND_LABELS,
  LEGAL_STATUS_LABELS,
  publicCounterpartyName,
  publicUntil,
  publishDue,
  RECTIFICATION_STATUSES,
  type DecisionInput,
  type FieldProblem,
  type NormalizedDecision,
  type PublicitySettings,
} from './enforcement.rules.js';
import type {
  AccidentLevel,
  DecisionKind,
  EnforcementDecisionsTable,
  LegalStatus,
  PubState,
  RectificationStatus,
} from './enforcement.tables.js';
import { nameTokens, queryTokens } from './name-tokens.js';
import { availableActions, isEditable, transition, type WorkflowAction } from './workflow.rules.js';

export const SEARCH_KIND = 'decision';

// ---------- shared helpers ----------

function has(actor: Actor) {
  return (p: Parameters<typeof can>[1]) => can(actor, p);
}

/** The agency an actor writes for: its own (users belong to an agency; divisions are separate). */
export function actorAgency(actor: Actor, orgId?: string | null): string {
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('当前账号不属于任何机关');
  assertWritesAgency(actor, id);
  return id;
}

function firstProblem(problems: FieldProblem[]): DomainError {
  const p = problems[0]!;
  return new DomainError(p.code, p.message, { field: p.field, problems });
}

async function history(
  trx: repo.Db,
  ctx: Ctx,
  actor: Actor,
  d: { id: string; org_id: string },
  action: string,
  fromState: string | null,
  toState: string | null,
  note: string | null = null,
  before: unknown = null,
): Promise<void> {
  await repo.insertHistory(trx, {
    id: newId(),
    decision_id: d.id,
    org_id: d.org_id,
    at: nowIso(ctx.clock),
    actor_name: actor.name,
    action,
    from_state: fromState,
    to_state: toState,
    note,
    before_json: before === null ? null : JSON.stringify(before),
  });
}

// ---------- settings ----------

export async function getSettings(ctx: Pick<Ctx, 'db'>, orgId: string): Promise<PublicitySettings> {
  const row = await repo.findSettings(ctx.db, orgId);
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    publishWorkdays: row.publish_workdays,
    licensePublicMonths: row.license_public_months,
    penaltyPublicMonths: row.penalty_public_months,
    coercionPublicMonths: row.coercion_public_months,
  };
}

/** Changes the agency's publication deadline and publicity periods (政务公开办). */
export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  input: PublicitySettings,
  orgId?: string,
): Promise<PublicitySettings> {
  if (!can(actor, 'org.settings') && !can(actor, 'catalog.admin'))
    throw forbidden('只有政务公开办可以修改公示设置');
  const agency = actorAgency(actor, orgId);
  if (!Number.isInteger(input.publishWorkdays) || input.publishWorkdays < 1 || input.publishWorkdays > 60)
    throw new DomainError('invalid_publish_workdays', '公示时限应为1—60个工作日', {
      field: 'publishWorkdays',
    });
  for (const key of ['licensePublicMonths', 'penaltyPublicMonths', 'coercionPublicMonths'] as const) {
    const v = input[key];
    if (v !== null && (!Number.isInteger(v) || v < 1 || v > 120))
      throw new DomainError('invalid_public_months', '公示期应为1—120个月，或留空表示长期公示', {
        field: key,
      });
  }
  return inTransaction(ctx, async (trx) => {
    const before = await getSettings({ db: trx }, agency);
    await repo.upsertSettings(trx, {
      org_id: agency,
      publish_workdays: input.publishWorkdays,
      license_public_months: input.licensePublicMonths,
      penalty_public_months: input.penaltyPublicMonths,
      coercion_public_months: input.coercionPublicMonths,
      updated_at: nowIso(ctx.clock),
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.settings',
      targetType: 'enforcement_settings',
      targetId: agency,
      orgId: agency,
      before,
      after: input,
    });
    return input;
  });
}

// ---------- decisions: views ----------

export interface DecisionView {
  id: string;
  orgId: string;
  kind: DecisionKind;
  kindLabel: string;
  decisionNumber: string;
  decisionDate: string;
  itemId: string | null;
  itemName: string | null;
  counterpartyType: Decision['counterparty_type'];
  counterpartyName: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  legalBasis: string;
  content: string;
  fineFen: number | null;
  confiscationFen: number | null;
  validFrom: string | null;
  validTo: string | null;
  handlingDivision: string | null;
  legalStatus: LegalStatus;
  pubState: PubState;
  publishDue: string;
  publishDueEstimated: boolean;
  overdue: boolean;
  publishedAt: string | null;
  publicUntil: string | null;
  returnReason: string | null;
  version: number;
  importJobId: string | null;
  importRow: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The console's shape of a decision (full names: the console is for staff). */
export function toDecisionView(d: Decision, today: string): DecisionView {
  return {
    id: d.id,
    orgId: d.org_id,
    kind: d.kind,
    kindLabel: KIND_LABELS[d.kind],
    decisionNumber: d.decision_number,
    decisionDate: d.decision_date,
    itemId: d.item_id,
    itemName: d.item_name,
    counterpartyType: d.counterparty_type,
    counterpartyName: d.counterparty_name,
    creditCode: d.credit_code,
    legalRepresentative: d.legal_representative,
    legalBasis: d.legal_basis,
    content: d.content,
    fineFen: d.fine_fen,
    confiscationFen: d.confiscation_fen,
    validFrom: d.valid_from,
    validTo: d.valid_to,
    handlingDivision: d.handling_division,
    legalStatus: d.legal_status,
    pubState: d.pub_state,
    publishDue: d.publish_due,
    publishDueEstimated: d.publish_due_estimated === 1,
    overdue: isPublicationOverdue(d.pub_state, d.publish_due, today),
    publishedAt: d.published_at,
    publicUntil: d.public_until,
    returnReason: d.return_reason,
    version: d.version,
    importJobId: d.import_job_id,
    importRow: d.import_row,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  };
}

/** What the portal and the open-data export show: natural persons masked, no internal fields. */
export interface PublicDecision {
  id: string;
  kind: DecisionKind;
  kindLabel: string;
  decisionNumber: string;
  decisionDate: string;
  itemName: string | null;
  counterpartyType: Decision['counterparty_type'];
  counterpartyName: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  legalBasis: string;
  content: string;
  fineYuan: number | null;
  confiscationYuan: number | null;
  validFrom: string | null;
  validTo: string | null;
  legalStatus: LegalStatus;
  legalStatusLabel: string;
  publishedOn: string | null;
  publicUntil: string | null;
  agency: string;
}

export function toPublicDecision(d: Decision, agencyName: string): PublicDecision {
  const person = d.counterparty_type === 'natural_person';
  return {
    id: d.id,
    kind: d.kind,
    kindLabel: KIND_LABELS[d.kind],
    decisionNumber: d.decision_number,
    decisionDate: d.decision_date,
    itemName: d.item_name,
    counterpartyType: d.counterparty_type,
    counterpartyName: publicCounterpartyName(d.counterparty_type, d.counterparty_name),
    creditCode: person ? null : d.credit_code,
    legalRepresentative: person ? null : d.legal_representative,
    legalBasis: d.legal_basis,
    content: d.content,
    fineYuan: d.fine_fen === null ? null : d.fine_fen / 100,
    confiscationYuan: d.confiscation_fen === null ? null : d.confiscation_fen / 100,
    validFrom: d.valid_from,
    validTo: d.valid_to,
    legalStatus: d.legal_status,
    legalStatusLabel: LEGAL_STATUS_LABELS[d.legal_status],
    publishedOn: d.published_at ? d.published_at.slice(0, 10) : null,
    publicUntil: d.public_until,
    agency: agencyName,
  };
}

function normalizedFromRow(d: Decision): NormalizedDecision {
  return {
    kind: d.kind,
    decisionNumber: d.decision_number,
    decisionDate: d.decision_date,
    itemName: d.item_name,
    counterpartyType: d.counterparty_type,
    counterpartyName: d.counterparty_name,
    creditCode: d.credit_code,
    legalRepresentative: d.legal_representative,
    legalBasis: d.legal_basis,
    content: d.content,
    fineFen: d.fine_fen,
    confiscationFen: d.confiscation_fen,
    validFrom: d.valid_from,
    validTo: d.valid_to,
    handlingDivision: d.handling_division,
  };
}

function businessColumns(v: NormalizedDecision) {
  return {
    kind: v.kind,
    decision_number: v.decisionNumber,
    decision_date: v.decisionDate,
    item_name: v.itemName,
    counterparty_type: v.counterpartyType,
    counterparty_name: v.counterpartyName,
    credit_code: v.creditCode,
    legal_representative: v.legalRepresentative,
    legal_basis: v.legalBasis,
    content: v.content,
    fine_fen: v.fineFen,
    confiscation_fen: v.confiscationFen,
    valid_from: v.validFrom,
    valid_to: v.validTo,
    handling_division: v.handlingDivision,
    content_hash: decisionHash(v),
  };
}

async function resolveItemId(trx: repo.Db, orgId: string, v: NormalizedDecision): Promise<string | null> {
  if (!v.itemName) return null;
  const item = await repo.findItemByName(trx, orgId, Number(v.decisionDate.slice(0, 4)), v.kind, v.itemName);
  return item?.id ?? null;
}

/** The search document of a published decision (the site-wide search finds it by name, 文号, code). */
export function searchDocument(d: Decision): SearchDocument {
  const name = publicCounterpartyName(d.counterparty_type, d.counterparty_name);
  return {
    kind: SEARCH_KIND,
    sourceId: d.id,
    orgId: d.org_id,
    title: `${KIND_LABELS[d.kind]}决定：${name}（${d.decision_number}）`,
    body: d.content,
    extra: [
      d.decision_number,
      name,
      d.counterparty_type === 'natural_person' ? '' : (d.credit_code ?? ''),
      d.item_name ?? '',
    ]
      .filter(Boolean)
      .join(' '),
    url: `/shuanggongshi/${d.id}`,
    label: `双公示·${KIND_LABELS[d.kind]}`,
    year: Number(d.decision_date.slice(0, 4)),
    publisher: null,
    publishedAt: d.published_at ?? d.updated_at,
    visibleUntil: d.public_until ? `${d.public_until}T15:59:59.999Z` : null,
  };
}

/** Puts a published decision into the register's name index and the site search (same transaction). */
async function indexPublished(ctx: Ctx, trx: repo.Db, d: Decision): Promise<void> {
  const tokens = d.counterparty_type === 'natural_person' ? [] : nameTokens(d.counterparty_name);
  await repo.replaceTokens(trx, d.org_id, d.id, tokens);
  await indexDocument({ ...ctx, db: trx }, searchDocument(d));
  await bumpContentVersion(trx, ctx.clock, d.org_id);
}

async function unindex(ctx: Ctx, trx: repo.Db, d: Decision): Promise<void> {
  await repo.replaceTokens(trx, d.org_id, d.id, []);
  await unindexDocument({ ...ctx, db: trx }, SEARCH_KIND, d.id);
  await bumpContentVersion(trx, ctx.clock, d.org_id);
}

// ---------- decisions: reads ----------

export interface DecisionListFilter {
  orgId?: string;
  kind?: DecisionKind;
  pubState?: PubState;
  year?: number;
  q?: string;
  /** the actor's review/approval queue */
  queue?: boolean;
  page?: number;
  pageSize?: number;
}

export async function listDecisions(
  ctx: Ctx,
  actor: Actor,
  f: DecisionListFilter,
): Promise<{ items: DecisionView[]; total: number }> {
  let orgIds = await readableAgencyIds(ctx, actor);
  if (f.orgId) {
    await assertReadsAgency(ctx, actor, f.orgId);
    orgIds = [f.orgId];
  }
  let pubStates: PubState[] | undefined = f.pubState ? [f.pubState] : undefined;
  if (f.queue) {
    pubStates = [];
    if (can(actor, 'catalog.review')) pubStates.push('review');
    if (can(actor, 'catalog.approve')) pubStates.push('approval');
  }
  const pageSize = f.pageSize ?? 20;
  const { items, total } = await repo.listDecisions(ctx.db, {
    orgIds,
    kind: f.kind,
    pubStates,
    year: f.year,
    q: f.q?.trim() || undefined,
    limit: pageSize,
    offset: ((f.page ?? 1) - 1) * pageSize,
  });
  const today = todayInChina(ctx.clock);
  return { items: items.map((d) => toDecisionView(d, today)), total };
}

export interface DecisionDetail extends DecisionView {
  history: {
    at: string;
    actorName: string;
    action: string;
    fromState: string | null;
    toState: string | null;
    note: string | null;
    before: unknown;
  }[];
  notices: { id: string; kind: string; title: string; body: string; publishedAt: string }[];
  allowedActions: WorkflowAction[];
}

async function loadReadable(ctx: Ctx, actor: Actor, id: string): Promise<Decision> {
  const d = await repo.findDecision(ctx.db, id);
  if (!d) throw notFound('decision', '该决定不存在');
  await assertReadsAgency(ctx, actor, d.org_id);
  return d;
}

export async function getDecision(ctx: Ctx, actor: Actor, id: string): Promise<DecisionDetail> {
  const d = await loadReadable(ctx, actor, id);
  const [hist, notices] = await Promise.all([repo.historyOf(ctx.db, id), repo.noticesOf(ctx.db, id)]);
  const writes = actor.kind === 'system' || actor.orgId === d.org_id;
  return {
    ...toDecisionView(d, todayInChina(ctx.clock)),
    history: hist.map((h) => ({
      at: h.at,
      actorName: h.actor_name,
      action: h.action,
      fromState: h.from_state,
      toState: h.to_state,
      note: h.note,
      before: h.before_json ? JSON.parse(h.before_json) : null,
    })),
    notices: notices.map(noticeView),
    allowedActions: writes ? availableActions(d.pub_state, has(actor)) : [],
  };
}

function noticeView(n: Notice) {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, publishedAt: n.published_at };
}

// ---------- decisions: writes ----------

/** Registers a decision as a draft; its publication deadline is derived from the decision date. */
export async function createDecision(
  ctx: Ctx,
  actor: Actor,
  input: DecisionInput,
  orgId?: string,
): Promise<DecisionView> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护双公示信息的权限');
  const agency = actorAgency(actor, orgId);
  const today = todayInChina(ctx.clock);
  const { value, problems } = checkDecision(input, today);
  if (!value) throw firstProblem(problems);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findDecisionByNumber(trx, agency, value.decisionNumber))
      throw conflict('duplicate_decision_number', `文号“${value.decisionNumber}”已登记，不能重复登记`, {
        field: 'decisionNumber',
      });
    const settings = await getSettings({ db: trx }, agency);
    const due = publishDue(
      await enforcementCalendar({ db: trx }),
      value.decisionDate,
      settings.publishWorkdays,
    );
    const now = nowIso(ctx.clock);
    const row: EnforcementDecisionsTable = {
      id: newId(),
      org_id: agency,
      ...businessColumns(value),
      item_id: await resolveItemId(trx, agency, value),
      legal_status: 'in_force',
      pub_state: 'draft',
      publish_due: due.date,
      publish_due_estimated: due.estimated ? 1 : 0,
      published_at: null,
      public_until: null,
      return_reason: null,
      submitted_by: null,
      import_job_id: null,
      import_row: null,
      version: 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertDecision(trx, row);
    await history(trx, ctx, actor, row, 'create', null, 'draft');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.decision.create',
      targetType: 'enforcement_decision',
      targetId: row.id,
      orgId: agency,
      after: { decisionNumber: row.decision_number, kind: row.kind },
    });
    return toDecisionView(row, today);
  });
}

async function loadWritable(ctx: Ctx, trx: repo.Db, actor: Actor, id: string): Promise<Decision> {
  const d = await repo.findDecision(trx, id);
  if (!d) throw notFound('decision', '该决定不存在');
  assertWritesAgency(actor, d.org_id);
  return d;
}

/** Edits a draft (or a taken-down decision); the deadline follows a changed decision date. */
export async function updateDecision(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: DecisionInput,
): Promise<DecisionView> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护双公示信息的权限');
  const today = todayInChina(ctx.clock);
  const { value, problems } = checkDecision(input, today);
  if (!value) throw firstProblem(problems);
  return inTransaction(ctx, async (trx) => {
    const d = await loadWritable(ctx, trx, actor, id);
    if (!isEditable(d.pub_state))
      throw conflict('decision_not_editable', '已提交审核或已公开的决定不能直接修改；已公开的请使用“更正”');
    if (value.decisionNumber !== d.decision_number) {
      const other = await repo.findDecisionByNumber(trx, d.org_id, value.decisionNumber);
      if (other && other.id !== id)
        throw conflict('duplicate_decision_number', `文号“${value.decisionNumber}”已登记，不能重复登记`, {
          field: 'decisionNumber',
        });
    }
    const settings = await getSettings({ db: trx }, d.org_id);
    const due = publishDue(
      await enforcementCalendar({ db: trx }),
      value.decisionDate,
      settings.publishWorkdays,
    );
    const patch: Partial<EnforcementDecisionsTable> = {
      ...businessColumns(value),
      item_id: await resolveItemId(trx, d.org_id, value),
      publish_due: due.date,
      publish_due_estimated: due.estimated ? 1 : 0,
      version: d.version + 1,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateDecision(trx, id, patch);
    await history(trx, ctx, actor, d, 'update', d.pub_state, d.pub_state, null, normalizedFromRow(d));
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.decision.update',
      targetType: 'enforcement_decision',
      targetId: id,
      orgId: d.org_id,
      before: normalizedFromRow(d),
      after: value,
    });
    return toDecisionView({ ...d, ...patch }, today);
  });
}

/** Deletes a decision that was never submitted (a mistaken entry); anything else is kept for history. */
export async function deleteDraft(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护双公示信息的权限');
  await inTransaction(ctx, async (trx) => {
    const d = await loadWritable(ctx, trx, actor, id);
    if (d.pub_state !== 'draft' || d.published_at)
      throw conflict('decision_not_deletable', '只能删除从未公开的草稿');
    await repo.deleteDecision(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.decision.delete',
      targetType: 'enforcement_decision',
      targetId: id,
      orgId: d.org_id,
      before: normalizedFromRow(d),
    });
  });
}

/** One step of the publication workflow (提交 → 保密审查 → 领导审批 → 公开; 退回; 撤回; 撤下). */
export async function transitionDecision(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: WorkflowAction,
  reason?: string | null,
): Promise<DecisionView> {
  return inTransaction(ctx, async (trx) => {
    const d = await loadWritable(ctx, trx, actor, id);
    const r = transition(d.pub_state, action, has(actor), reason);
    if (!r.ok) {
      if (r.code === 'forbidden') throw forbidden(r.messageZh);
      throw new DomainError(
        r.code,
        r.messageZh,
        { field: 'reason' },
        r.code === 'invalid_transition' ? 'conflict' : 'invalid',
      );
    }
    const now = nowIso(ctx.clock);
    const patch: Partial<EnforcementDecisionsTable> = { pub_state: r.to, updated_at: now };
    if (action === 'submit') {
      patch.submitted_by = actor.userId;
      patch.return_reason = null;
    }
    if (action === 'return') patch.return_reason = reason!.trim();
    if (r.to === 'published') {
      const settings = await getSettings({ db: trx }, d.org_id);
      patch.published_at = now;
      patch.public_until = publicUntil(d.kind, d.decision_date, settings);
    }
    const next = { ...d, ...patch };
    await repo.updateDecision(trx, id, patch);
    if (r.to === 'published') await indexPublished(ctx, trx, next);
    if (d.pub_state === 'published') await unindex(ctx, trx, d);
    await history(trx, ctx, actor, d, action, d.pub_state, r.to, reason?.trim() || null);
    await recordAudit(trx, ctx.clock, actor, {
      action: `enforcement.decision.${action}`,
      targetType: 'enforcement_decision',
      targetId: id,
      orgId: d.org_id,
      before: { pubState: d.pub_state },
      after: { pubState: r.to },
      ...(reason?.trim() ? { note: reason.trim() } : {}),
    });
    return toDecisionView(next, todayInChina(ctx.clock));
  });
}

const NOTICE_KIND: Record<Exclude<LegalStatus, 'in_force'>, 'correction' | 'revocation' | 'withdrawal'> = {
  corrected: 'correction',
  revoked: 'revocation',
  withdrawn: 'withdrawal',
};
const NOTICE_VERB: Record<Exclude<LegalStatus, 'in_force'>, string> = {
  corrected: '更正',
  revoked: '撤销',
  withdrawn: '撤回',
};

/**
 * 更正 (with corrected fields), 撤销 or 撤回 a decision. The fields before are kept in the history; for a
 * decision on the portal a notice is published next to it (the record itself stays, marked with its status).
 */
export async function changeLegalStatus(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { status: Exclude<LegalStatus, 'in_force'>; reason: string; changes?: DecisionInput },
): Promise<DecisionDetail> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护双公示信息的权限');
  const reason = (input.reason ?? '').trim();
  if (!reason)
    throw new DomainError('reason_required', `请填写${NOTICE_VERB[input.status]}的理由`, { field: 'reason' });
  const today = todayInChina(ctx.clock);
  await inTransaction(ctx, async (trx) => {
    const d = await loadWritable(ctx, trx, actor, id);
    if (d.legal_status === 'revoked' || d.legal_status === 'withdrawn')
      throw conflict('decision_already_void', `该决定已${LEGAL_STATUS_LABELS[d.legal_status]}，不能再变更`);
    const now = nowIso(ctx.clock);
    let patch: Partial<EnforcementDecisionsTable> = {
      legal_status: input.status,
      version: d.version + 1,
      updated_at: now,
    };
    const changed: string[] = [];
    if (input.status === 'corrected') {
      if (!input.changes)
        throw new DomainError('changes_required', '更正时请填写更正后的内容', { field: 'changes' });
      const { value, problems } = checkDecision(input.changes, today);
      if (!value) throw firstProblem(problems);
      if (value.decisionNumber !== d.decision_number) {
        const other = await repo.findDecisionByNumber(trx, d.org_id, value.decisionNumber);
        if (other && other.id !== id)
          throw conflict('duplicate_decision_number', `文号“${value.decisionNumber}”已登记，不能重复登记`, {
            field: 'decisionNumber',
          });
      }
      const before = normalizedFromRow(d);
      for (const k of Object.keys(value) as (keyof NormalizedDecision)[])
        if (value[k] !== before[k]) changed.push(k);
      if (changed.length === 0) throw new DomainError('nothing_corrected', '更正内容与原决定相同');
      patch = { ...patch, ...businessColumns(value), item_id: await resolveItemId(trx, d.org_id, value) };
    }
    await repo.updateDecision(trx, id, patch);
    const next = { ...d, ...patch };
    const verb = NOTICE_VERB[input.status];
    if (d.pub_state === 'published') {
      await repo.insertNotice(trx, {
        id: newId(),
        org_id: d.org_id,
        decision_id: id,
        kind: NOTICE_KIND[input.status],
        title: `关于${verb}${KIND_LABELS[d.kind]}决定（${d.decision_number}）的公告`,
        body: `本机关于${d.decision_date}作出的${KIND_LABELS[d.kind]}决定（${d.decision_number}）已于${today}${verb}。${verb}理由：${reason}`,
        published_at: now,
      });
      await indexPublished(ctx, trx, next);
    }
    await history(
      trx,
      ctx,
      actor,
      d,
      input.status === 'corrected' ? 'correct' : input.status === 'revoked' ? 'revoke' : 'withdraw',
      d.legal_status,
      input.status,
      reason,
      normalizedFromRow(d),
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: `enforcement.decision.${input.status === 'corrected' ? 'correct' : input.status === 'revoked' ? 'revoke' : 'withdraw'}`,
      targetType: 'enforcement_decision',
      targetId: id,
      orgId: d.org_id,
      before: { legalStatus: d.legal_status, ...(changed.length ? { fields: normalizedFromRow(d) } : {}) },
      after: { legalStatus: input.status, changed },
      note: reason,
    });
  });
  return getDecision(ctx, actor, id);
}

// ---------- 权责清单 事项 ----------

export interface ItemView {
  id: string;
  orgId: string;
  year: number;
  kind: DecisionKind;
  code: string | null;
  name: string;
  basis: string | null;
}
const itemView = (i: Item): ItemView => ({
  id: i.id,
  orgId: i.org_id,
  year: i.year,
  kind: i.kind,
  code: i.code,
  name: i.name,
  basis: i.basis,
});

export async function listItems(ctx: Ctx, actor: Actor, year?: number, orgId?: string): Promise<ItemView[]> {
  const agency = orgId ?? actor.orgId;
  if (!agency) return [];
  await assertReadsAgency(ctx, actor, agency);
  return (await repo.listItems(ctx.db, agency, year)).map(itemView);
}

export interface ItemInput {
  year: number;
  kind: DecisionKind;
  code?: string | null;
  name: string;
  basis?: string | null;
}

function checkItem(input: ItemInput): ItemInput {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new DomainError('invalid_year', '年度无效', { field: 'year' });
  if (!['license', 'penalty', 'coercion'].includes(input.kind))
    throw new DomainError('invalid_kind', '事项类别无效', { field: 'kind' });
  const name = (input.name ?? '').trim();
  if (!name) throw new DomainError('required', '事项名称不能为空', { field: 'name' });
  return { ...input, name, code: input.code?.trim() || null, basis: input.basis?.trim() || null };
}

export async function createItem(
  ctx: Ctx,
  actor: Actor,
  input: ItemInput,
  orgId?: string,
): Promise<ItemView> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护权责清单的权限');
  const agency = actorAgency(actor, orgId);
  const v = checkItem(input);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findItemByName(trx, agency, v.year, v.kind, v.name))
      throw conflict('duplicate_item', `${v.year}年已有同名事项“${v.name}”`, { field: 'name' });
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: agency,
      year: v.year,
      kind: v.kind,
      code: v.code ?? null,
      name: v.name,
      basis: v.basis ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertItem(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.item.create',
      targetType: 'enforcement_item',
      targetId: row.id,
      orgId: agency,
      after: v,
    });
    return itemView(row);
  });
}

export async function updateItem(ctx: Ctx, actor: Actor, id: string, input: ItemInput): Promise<ItemView> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护权责清单的权限');
  const v = checkItem(input);
  return inTransaction(ctx, async (trx) => {
    const item = await repo.findItem(trx, id);
    if (!item) throw notFound('item', '事项不存在');
    assertWritesAgency(actor, item.org_id);
    const other = await repo.findItemByName(trx, item.org_id, v.year, v.kind, v.name);
    if (other && other.id !== id)
      throw conflict('duplicate_item', `${v.year}年已有同名事项“${v.name}”`, { field: 'name' });
    const patch = {
      year: v.year,
      kind: v.kind,
      code: v.code ?? null,
      name: v.name,
      basis: v.basis ?? null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateItem(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.item.update',
      targetType: 'enforcement_item',
      targetId: id,
      orgId: item.org_id,
      before: itemView(item),
      after: v,
    });
    return itemView({ ...item, ...patch });
  });
}

export async function deleteItem(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护权责清单的权限');
  await inTransaction(ctx, async (trx) => {
    const item = await repo.findItem(trx, id);
    if (!item) throw notFound('item', '事项不存在');
    assertWritesAgency(actor, item.org_id);
    await repo.deleteItem(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.item.delete',
      targetType: 'enforcement_item',
      targetId: id,
      orgId: item.org_id,
      before: itemView(item),
    });
  });
}

// ---------- accident reports and hazards ----------

export interface AccidentInput {
  title: string;
  level: AccidentLevel;
  occurredOn: string;
  place: string;
  enterpriseName?: string | null;
  creditCode?: string | null;
  deaths: number;
  injuries: number;
  directLossFen: number;
  summary: string;
  conclusions: string;
  responsibilityHandling: string;
  approvedOn?: string | null;
}

export interface HazardInput {
  title: string;
  enterpriseName: string;
  creditCode?: string | null;
  description: string;
  listedOn: string;
  deadline: string;
  responsibleUnit: string;
  measures?: string | null;
  rectificationStatus: RectificationStatus;
  delistedOn?: string | null;
}

function required(value: string | null | undefined, field: string, label: string): string {
  const v = (value ?? '').trim();
  if (!v) throw new DomainError('required', `${label}不能为空`, { field });
  return v;
}

function pastDate(
  value: string | null | undefined,
  field: string,
  label: string,
  today: string,
  optional = false,
): string | null {
  const v = (value ?? '').trim();
  if (!v) {
    if (optional) return null;
    throw new DomainError('required', `${label}不能为空`, { field });
  }
  if (!isIsoDate(v)) throw new DomainError('invalid_date', `${label}格式应为YYYY-MM-DD`, { field });
  if (v > today) throw new DomainError('future_date', `${label}不能晚于今天`, { field });
  return v;
}

function count(value: number, field: string, label: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new DomainError('invalid_number', `${label}应为不小于0的整数`, { field });
  return value;
}

function accidentColumns(input: AccidentInput, today: string) {
  if (!ACCIDENT_LEVELS.includes(input.level))
    throw new DomainError('invalid_level', '事故等级无效', { field: 'level' });
  return {
    title: required(input.title, 'title', '报告标题'),
    level: input.level,
    occurred_on: pastDate(input.occurredOn, 'occurredOn', '事故发生日期', today)!,
    place: required(input.place, 'place', '事故地点'),
    enterprise_name: input.enterpriseName?.trim() || null,
    credit_code: input.creditCode?.trim() ? assertCreditCode(input.creditCode, 'creditCode') : null,
    deaths: count(input.deaths, 'deaths', '死亡人数'),
    injuries: count(input.injuries, 'injuries', '受伤人数'),
    direct_loss_fen: count(input.directLossFen, 'directLossFen', '直接经济损失'),
    summary: required(input.summary, 'summary', '事故经过'),
    conclusions: required(input.conclusions, 'conclusions', '调查结论'),
    responsibility_handling: required(
      input.responsibilityHandling,
      'responsibilityHandling',
      '责任认定及处理',
    ),
    approved_on: pastDate(input.approvedOn, 'approvedOn', '批复日期', today, true),
  };
}

function hazardColumns(input: HazardInput, today: string) {
  if (!RECTIFICATION_STATUSES.includes(input.rectificationStatus))
    throw new DomainError('invalid_status', '整改状态无效', { field: 'rectificationStatus' });
  const listedOn = pastDate(input.listedOn, 'listedOn', '挂牌日期', today)!;
  const deadline = (input.deadline ?? '').trim();
  if (!isIsoDate(deadline))
    throw new DomainError('invalid_date', '整改期限格式应为YYYY-MM-DD', { field: 'deadline' });
  if (deadline < listedOn)
    throw new DomainError('invalid_deadline', '整改期限不能早于挂牌日期', { field: 'deadline' });
  const delistedOn = pastDate(input.delistedOn, 'delistedOn', '销号日期', today, true);
  if (input.rectificationStatus === 'delisted' && !delistedOn)
    throw new DomainError('delisted_on_required', '已销号的隐患须填写销号日期', { field: 'delistedOn' });
  if (delistedOn && input.rectificationStatus !== 'delisted')
    throw new DomainError('delisted_on_unexpected', '只有已销号的隐患填写销号日期', { field: 'delistedOn' });
  if (delistedOn && delistedOn < listedOn)
    throw new DomainError('invalid_delisted_on', '销号日期不能早于挂牌日期', { field: 'delistedOn' });
  return {
    title: required(input.title, 'title', '隐患名称'),
    enterprise_name: required(input.enterpriseName, 'enterpriseName', '企业名称'),
    credit_code: input.creditCode?.trim() ? assertCreditCode(input.creditCode, 'creditCode') : null,
    description: required(input.description, 'description', '隐患情况'),
    listed_on: listedOn,
    deadline,
    responsible_unit: required(input.responsibleUnit, 'responsibleUnit', '督办责任单位'),
    measures: input.measures?.trim() || null,
    rectification_status: input.rectificationStatus,
    delisted_on: delistedOn,
  };
}

export type RecordKind = 'accident' | 'hazard';

/** The search document of a published accident report or hazard. */
export function recordDocument(kind: RecordKind, rec: Accident | Hazard): SearchDocument {
  const body =
    kind === 'accident'
      ? `${(rec as Accident).summary}\n${(rec as Accident).conclusions}\n${(rec as Accident).responsibility_handling}`
      : `${(rec as Hazard).description}\n${(rec as Hazard).measures ?? ''}`;
  return {
    kind,
    sourceId: rec.id,
    orgId: rec.org_id,
    title: rec.title,
    body,
    extra: [rec.enterprise_name ?? '', rec.credit_code ?? ''].join(' ').trim(),
    url: kind === 'accident' ? `/shigu/${rec.id}` : `/guapai/${rec.id}`,
    label: kind === 'accident' ? '事故调查报告' : '挂牌督办',
    year: Number(
      (kind === 'accident' ? (rec as Accident).occurred_on : (rec as Hazard).listed_on).slice(0, 4),
    ),
    publishedAt: rec.published_at ?? rec.updated_at,
  };
}
const RECORD_LABEL: Record<RecordKind, string> = { accident: '事故调查报告', hazard: '挂牌督办隐患' };

/**
 * What differs between saving an accident report and a hazard: its columns, its table, and what an
 * edit of an existing record may change and records in the audit trail.
 */
interface RecordSaveSpec<Row extends Accident | Hazard, Input, Cols extends Partial<Row>> {
  kind: RecordKind;
  columns(input: Input, today: string): Cols;
  insert(db: Ctx['db'], row: Row): Promise<void>;
  find(db: Ctx['db'], id: string): Promise<Row | undefined>;
  update(db: Ctx['db'], id: string, patch: Cols & { updated_at: string }): Promise<void>;
  notFoundMessage: string;
  /** Throws when the existing record may not take these columns. */
  assertEditable(existing: Row, cols: Cols): void;
  /** The before/after of the update audit row. */
  updateAudit(
    existing: Row,
    cols: Cols,
  ): { before?: Record<string, unknown>; after: Record<string, unknown> };
}

const ACCIDENT_SAVE: RecordSaveSpec<Accident, AccidentInput, ReturnType<typeof accidentColumns>> = {
  kind: 'accident',
  columns: accidentColumns,
  insert: repo.insertAccident,
  find: repo.findAccident,
  update: repo.updateAccident,
  notFoundMessage: '事故调查报告不存在',
  assertEditable: (a) => {
    if (!isEditable(a.pub_state))
      throw conflict('record_not_editable', '已提交审核或已公开的报告不能修改，请先撤下');
  },
  updateAudit: (_a, cols) => ({ after: { title: cols.title } }),
};

const HAZARD_SAVE: RecordSaveSpec<Hazard, HazardInput, ReturnType<typeof hazardColumns>> = {
  kind: 'hazard',
  columns: hazardColumns,
  insert: repo.insertHazard,
  find: repo.findHazard,
  update: repo.updateHazard,
  notFoundMessage: '挂牌督办隐患不存在',
  assertEditable: (h, cols) => {
    // Rectification progress (整改状态, 销号) is updated on a published hazard without a new review:
    // it is the point of 挂牌督办 publicity; other fields need the record taken down first.
    const onlyProgress =
      h.title === cols.title &&
      h.enterprise_name === cols.enterprise_name &&
      h.description === cols.description &&
      h.listed_on === cols.listed_on &&
      h.deadline === cols.deadline &&
      h.responsible_unit === cols.responsible_unit &&
      h.credit_code === cols.credit_code &&
      h.measures === cols.measures;
    if (!isEditable(h.pub_state) && !onlyProgress)
      throw conflict('record_not_editable', '已提交审核或已公开的隐患只能更新整改状态和销号日期');
  },
  updateAudit: (h, cols) => ({
    before: { rectificationStatus: h.rectification_status, delistedOn: h.delisted_on },
    after: { rectificationStatus: cols.rectification_status, delistedOn: cols.delisted_on },
  }),
};

/** Creates (id null) or edits an accident report or hazard; audit actions `enforcement.<kind>.create|update`. */
async function saveRecord<Row extends Accident | Hazard, Input, Cols extends Partial<Row>>(
  spec: RecordSaveSpec<Row, Input, Cols>,
  ctx: Ctx,
  actor: Actor,
  id: string | null,
  input: Input,
  orgId?: string,
): Promise<Row> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护双公示信息的权限');
  const cols = spec.columns(input, todayInChina(ctx.clock));
  return inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    if (id === null) {
      const row = {
        id: newId(),
        org_id: actorAgency(actor, orgId),
        ...cols,
        pub_state: 'draft',
        published_at: null,
        return_reason: null,
        created_at: now,
        updated_at: now,
      } as Row;
      await spec.insert(trx, row);
      await recordAudit(trx, ctx.clock, actor, {
        action: `enforcement.${spec.kind}.create`,
        targetType: `enforcement_${spec.kind}`,
        targetId: row.id,
        orgId: row.org_id,
        after: { title: row.title },
      });
      return row;
    }
    const existing = await spec.find(trx, id);
    if (!existing) throw notFound(spec.kind, spec.notFoundMessage);
    assertWritesAgency(actor, existing.org_id);
    spec.assertEditable(existing, cols);
    await spec.update(trx, id, { ...cols, updated_at: now });
    await recordAudit(trx, ctx.clock, actor, {
      action: `enforcement.${spec.kind}.update`,
      targetType: `enforcement_${spec.kind}`,
      targetId: id,
      orgId: existing.org_id,
      ...spec.updateAudit(existing, cols),
    });
    return { ...existing, ...cols, updated_at: now };
  });
}

export async function saveAccident(
  ctx: Ctx,
  actor: Actor,
  id: string | null,
  input: AccidentInput,
  orgId?: string,
): Promise<Accident> {
  return saveRecord(ACCIDENT_SAVE, ctx, actor, id, input, orgId);
}

export async function saveHazard(
  ctx: Ctx,
  actor: Actor,
  id: string | null,
  input: HazardInput,
  orgId?: string,
): Promise<Hazard> {
  return saveRecord(HAZARD_SAVE, ctx, actor, id, input, orgId);
}

/** Workflow step of an accident report or hazard (same rules as decisions). */
export async function transitionRecord(
  ctx: Ctx,
  actor: Actor,
  kind: RecordKind,
  id: string,
  action: WorkflowAction,
  reason?: string | null,
): Promise<Accident | Hazard> {
  return inTransaction(ctx, async (trx) => {
    const rec = kind === 'accident' ? await repo.findAccident(trx, id) : await repo.findHazard(trx, id);
    if (!rec) throw notFound(kind, `${RECORD_LABEL[kind]}不存在`);
    assertWritesAgency(actor, rec.org_id);
    const r = transition(rec.pub_state, action, has(actor), reason);
    if (!r.ok) {
      if (r.code === 'forbidden') throw forbidden(r.messageZh);
      throw new DomainError(
        r.code,
        r.messageZh,
        { field: 'reason' },
        r.code === 'invalid_transition' ? 'conflict' : 'invalid',
      );
    }
    const now = nowIso(ctx.clock);
    const patch = {
      pub_state: r.to,
      updated_at: now,
      ...(action === 'return' ? { return_reason: reason!.trim() } : {}),
      ...(action === 'submit' ? { return_reason: null } : {}),
      ...(r.to === 'published' ? { published_at: now } : {}),
    };
    if (kind === 'accident') await repo.updateAccident(trx, id, patch);
    else await repo.updateHazard(trx, id, patch);
    const next = { ...rec, ...patch };
    if (r.to === 'published') await indexDocument({ ...ctx, db: trx }, recordDocument(kind, next));
    if (rec.pub_state === 'published') await unindexDocument({ ...ctx, db: trx }, kind, id);
    // Cached portal pages (home blocks, lists) show these records: re-render after the commit.
    if (r.to === 'published' || rec.pub_state === 'published')
      await bumpContentVersion(trx, ctx.clock, rec.org_id);
    await recordAudit(trx, ctx.clock, actor, {
      action: `enforcement.${kind}.${action}`,
      targetType: `enforcement_${kind}`,
      targetId: id,
      orgId: rec.org_id,
      before: { pubState: rec.pub_state },
      after: { pubState: r.to },
      ...(reason?.trim() ? { note: reason.trim() } : {}),
    });
    return next;
  });
}

export async function getRecord(
  ctx: Ctx,
  actor: Actor,
  kind: RecordKind,
  id: string,
): Promise<(Accident | Hazard) & { allowedActions: WorkflowAction[] }> {
  const rec = kind === 'accident' ? await repo.findAccident(ctx.db, id) : await repo.findHazard(ctx.db, id);
  if (!rec) throw notFound(kind, `${RECORD_LABEL[kind]}不存在`);
  await assertReadsAgency(ctx, actor, rec.org_id);
  const writes = actor.kind === 'system' || actor.orgId === rec.org_id;
  return { ...rec, allowedActions: writes ? availableActions(rec.pub_state, has(actor)) : [] };
}

export async function listAccidents(
  ctx: Ctx,
  actor: Actor,
  f: { level?: string; year?: number; page?: number; pageSize?: number },
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const pageSize = f.pageSize ?? 20;
  return repo.listAccidents(ctx.db, {
    orgIds,
    level: f.level,
    year: f.year,
    limit: pageSize,
    offset: ((f.page ?? 1) - 1) * pageSize,
  });
}

export async function listHazards(
  ctx: Ctx,
  actor: Actor,
  f: { status?: string; year?: number; q?: string; page?: number; pageSize?: number },
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const pageSize = f.pageSize ?? 20;
  return repo.listHazards(ctx.db, {
    orgIds,
    status: f.status,
    year: f.year,
    q: f.q,
    limit: pageSize,
    offset: ((f.page ?? 1) - 1) * pageSize,
  });
}

// ---------- public (portal) reads ----------

export interface PublicDecisionFilter {
  kind?: DecisionKind;
  year?: number;
  /** words of the enterprise name (jieba tokens) */
  name?: string;
  /** exact 统一社会信用代码 */
  creditCode?: string;
  page?: number;
  pageSize?: number;
}

/** Published decisions in their publicity period, filtered for the portal list. */
export async function publicDecisions(
  ctx: Ctx,
  orgId: string,
  f: PublicDecisionFilter,
): Promise<{ items: Decision[]; total: number; tokens: string[] }> {
  const tokens = f.name?.trim() ? queryTokens(f.name) : [];
  if (f.name?.trim() && tokens.length === 0) return { items: [], total: 0, tokens };
  const pageSize = f.pageSize ?? 20;
  const r = await repo.listDecisions(ctx.db, {
    orgIds: [orgId],
    kind: f.kind,
    year: f.year,
    creditCode: f.creditCode?.trim() ? f.creditCode.trim().toUpperCase() : undefined,
    tokens,
    publicOn: todayInChina(ctx.clock),
    limit: pageSize,
    offset: ((f.page ?? 1) - 1) * pageSize,
  });
  return { ...r, tokens };
}

/** One decision as the portal may show it, or undefined (unpublished, other agency, period ended). */
export async function publicDecision(
  ctx: Ctx,
  orgId: string,
  id: string,
): Promise<{ decision: Decision; notices: Notice[] } | undefined> {
  const d = await repo.findDecision(ctx.db, id);
  const today = todayInChina(ctx.clock);
  if (!d || d.org_id !== orgId || d.pub_state !== 'published' || (d.public_until && d.public_until < today))
    return undefined;
  return { decision: d, notices: await repo.noticesOf(ctx.db, id) };
}

/** Every published decision and hazard about one enterprise (企业信用页). */
export async function enterpriseRecord(ctx: Ctx, orgId: string, creditCode: string) {
  const code = creditCode.trim().toUpperCase();
  const { items } = await repo.listDecisions(ctx.db, {
    orgIds: [orgId],
    creditCode: code,
    publicOn: todayInChina(ctx.clock),
    limit: 500,
    offset: 0,
  });
  const hazards = await repo.hazardsOfEnterprise(ctx.db, orgId, code);
  return { decisions: items, hazards };
}

/** Streams every public decision of an agency (open data). */
export function openDataDecisions(ctx: Ctx, orgId: string, f: { kind?: DecisionKind; year?: number }) {
  return repo.iterateDecisions(ctx.db, {
    orgIds: [orgId],
    kind: f.kind,
    year: f.year,
    publicOn: todayInChina(ctx.clock),
  });
}

export async function publicAccidents(
  ctx: Ctx,
  orgId: string,
  f: { level?: string; year?: number; page?: number },
) {
  return repo.listAccidents(ctx.db, {
    orgIds: [orgId],
    published: true,
    level: f.level,
    year: f.year,
    limit: 20,
    offset: ((f.page ?? 1) - 1) * 20,
  });
}

export async function publicHazards(
  ctx: Ctx,
  orgId: string,
  f: { status?: string; year?: number; q?: string; page?: number },
) {
  return repo.listHazards(ctx.db, {
    orgIds: [orgId],
    published: true,
    status: f.status,
    year: f.year,
    q: f.q,
    limit: 20,
    offset: ((f.page ?? 1) - 1) * 20,
  });
}

export async function publicAccident(ctx: Ctx, orgId: string, id: string): Promise<Accident | undefined> {
  const a = await repo.findAccident(ctx.db, id);
  return a && a.org_id === orgId && a.pub_state === 'published' ? a : undefined;
}

export async function publicHazard(ctx: Ctx, orgId: string, id: string): Promise<Hazard | undefined> {
  const h = await repo.findHazard(ctx.db, id);
  return h && h.org_id === orgId && h.pub_state === 'published' ? h : undefined;
}

export { repo as enforcementRepository };
