/**
 * 双公示 decisions: views, list/detail, create/edit/delete draft, the review workflow, and 更正/撤销/撤回 with
 * their public notices. One transaction per write; every state change appends an audit row in it.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableAgencyIds, assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import { indexDocument, unindexDocument } from '../search/search.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import type { SearchDocument } from '../search/search.index.js';
import { enforcementCalendar } from './enforcement.calendar.js';
import * as repo from './enforcement.repository.js';
import type { Decision, Notice } from './enforcement.repository.js';
import {
  checkDecision,
  decisionHash,
  isPublicationOverdue,
  KIND_LABELS,
  LEGAL_STATUS_LABELS,
  publicCounterpartyName,
  publicUntil,
  publishDue,
  type DecisionInput,
  type NormalizedDecision,
} from './enforcement.rules.js';
import type { DecisionKind, EnforcementDecisionsTable, LegalStatus, PubState } from './enforcement.tables.js';
import { nameTokens } from './name-tokens.js';
import { availableActions, isEditable, transition, type WorkflowAction } from './workflow.rules.js';
import { SEARCH_KIND, actorAgency, firstProblem, getSettings, has, history } from './enforcement.shared.js';

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
    publishedOn: d.published_at ? chinaDateOf(d.published_at) : null,
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
  notices: { id: string; kind: Notice['kind']; title: string; body: string; publishedAt: string }[];
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
      before: h.before_json ? (JSON.parse(h.before_json) as unknown) : null,
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
