/**
 * 建议提案办理: the register of NPC deputies' suggestions and CPPCC members' proposals assigned to the
 * agency, contacts with proposers (面商/电话沟通), 会办 opinions, the reply with its A/B/C class, the
 * proposer's feedback, publication of the result (or the recorded reason not to), and the due boards.
 */
import type { Static } from 'typebox';
import type {
  ContactBody,
  FeedbackBody,
  ProposalDetailT,
  ProposalInput,
  ProposalListQuery,
  ProposalSettingsView,
  ProposalViewT,
  PublicationBody,
  ReplyBody,
} from '../../../contract/events.js';
import type { Actor } from '../../platform/actor.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { assertReadsAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import * as repo from './events.repository.js';
import type { CoOpinion, Contact, Proposal } from './events.repository.js';
import {
  checkFeedback,
  checkPublication,
  checkReply,
  CONTACT_LABELS,
  DUE_STATUS_LABELS,
  dueStatus,
  FEEDBACK_LABELS,
  isIsoDate,
  PROPOSAL_KIND_LABELS,
  proposalDeadline,
  REPLY_CLASS_LABELS,
  ROLE_LABELS,
  yearOf,
} from './events.rules.js';
import type { ProposalsTable } from './events.tables.js';
import { audit, rule, writableAgency } from './events.shared.js';

const PERM = 'events.manage' as const;

export const DEFAULT_PROPOSAL_SETTINGS: Static<typeof ProposalSettingsView> = {
  deadlineMonths: 3,
  coOpinionWorkdays: 20,
  dueSoonWorkdays: 10,
};

export async function proposalSettings(
  db: repo.Db,
  orgId: string,
): Promise<Static<typeof ProposalSettingsView>> {
  const s = await repo.findSettings(db, orgId);
  return s
    ? {
        deadlineMonths: Number(s.deadline_months),
        coOpinionWorkdays: Number(s.co_opinion_workdays),
        dueSoonWorkdays: Number(s.due_soon_workdays),
      }
    : { ...DEFAULT_PROPOSAL_SETTINGS };
}

/** Working days from today to the deadline (0 on the deadline; negative once past). */
function workdaysLeft(cal: WorkCalendar, today: string, deadline: string): number {
  return cal.workdaysBetween(today, deadline);
}

/** The API view of a proposal, with its due status on the shared working-day calendar. */
export function toProposalView(
  p: Proposal,
  today: string,
  cal: WorkCalendar,
  dueSoonWorkdays: number,
): ProposalViewT {
  const finished = p.state !== 'assigned';
  const left = finished ? null : workdaysLeft(cal, today, p.deadline);
  const status = dueStatus({ deadline: p.deadline, finished }, today, left ?? 0, dueSoonWorkdays);
  return {
    id: p.id,
    orgId: p.org_id,
    kind: p.kind,
    kindLabel: PROPOSAL_KIND_LABELS[p.kind],
    number: p.number,
    year: Number(p.year),
    session: p.session,
    title: p.title,
    proposers: p.proposers,
    role: p.role,
    roleLabel: ROLE_LABELS[p.role],
    leadUnit: p.lead_unit,
    assignedOn: p.assigned_on,
    deadline: p.deadline,
    division: p.division,
    state: p.state,
    dueStatus: status,
    dueStatusLabel: DUE_STATUS_LABELS[status],
    workdaysLeft: left,
    replyText: p.reply_text,
    replyClass: p.reply_class,
    replyClassLabel: p.reply_class ? REPLY_CLASS_LABELS[p.reply_class] : null,
    repliedOn: p.replied_on,
    replyNumber: p.reply_number,
    feedback: p.feedback,
    feedbackLabel: p.feedback ? FEEDBACK_LABELS[p.feedback] : null,
    feedbackNote: p.feedback_note,
    feedbackOn: p.feedback_on,
    publication: p.publication,
    publicText: p.public_text,
    publicIsSummary: Number(p.public_is_summary) === 1,
    withholdReason: p.withhold_reason,
    publishedAt: p.published_at,
    updatedAt: p.updated_at,
  };
}

function contactView(c: Contact) {
  return {
    id: c.id,
    method: c.method,
    methodLabel: CONTACT_LABELS[c.method],
    contactedOn: c.contacted_on,
    note: c.note,
  };
}

function coOpinionView(o: CoOpinion, today: string) {
  return {
    id: o.id,
    unit: o.unit,
    dueOn: o.due_on,
    opinion: o.opinion,
    receivedOn: o.received_on,
    overdue: !o.received_on && today > o.due_on,
  };
}

async function detail(ctx: Ctx, db: repo.Db, p: Proposal): Promise<ProposalDetailT> {
  const today = todayInChina(ctx.clock);
  const [cal, settings, contacts, opinions] = await Promise.all([
    loadWorkCalendar({ db }),
    proposalSettings(db, p.org_id),
    repo.listContacts(db, p.id),
    repo.listCoOpinions(db, p.id),
  ]);
  return {
    ...toProposalView(p, today, cal, settings.dueSoonWorkdays),
    contacts: contacts.map(contactView),
    coOpinions: opinions.map((o) => coOpinionView(o, today)),
  };
}

async function loadWritable(trx: repo.Db, actor: Actor, id: string): Promise<Proposal> {
  const p = await repo.findProposal(trx, id);
  if (!p) throw notFound('proposal', '该建议提案不存在');
  writableAgency(actor, PERM, p.org_id);
  return p;
}

function registerFields(input: Static<typeof ProposalInput>, months: number, today: string) {
  if (!isIsoDate(input.assignedOn))
    throw new DomainError('invalid_date', '交办日期不是有效日期', { field: 'assignedOn' });
  if (input.assignedOn > today)
    throw new DomainError('assigned_in_future', '交办日期不能晚于今天', { field: 'assignedOn' });
  const deadline = input.deadline ?? rule(() => proposalDeadline(input.assignedOn, months));
  if (!isIsoDate(deadline))
    throw new DomainError('invalid_date', '办理期限不是有效日期', { field: 'deadline' });
  if (deadline <= input.assignedOn)
    throw new DomainError('deadline_before_assignment', '办理期限须晚于交办日期', { field: 'deadline' });
  if (input.role === 'co' && !input.leadUnit?.trim())
    throw new DomainError('lead_unit_required', '会办件须填写主办单位', { field: 'leadUnit' });
  return {
    kind: input.kind,
    number: input.number.trim(),
    year: yearOf(input.assignedOn),
    session: input.session.trim(),
    title: input.title.trim(),
    proposers: input.proposers.trim(),
    role: input.role,
    lead_unit: input.role === 'co' ? (input.leadUnit?.trim() ?? null) : null,
    assigned_on: input.assignedOn,
    deadline,
    division: input.division?.trim() || null,
  };
}

/** Lists the proposals of the agencies the actor reads. */
export async function listProposals(ctx: Ctx, actor: Actor, q: Static<typeof ProposalListQuery>) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const pageSize = q.pageSize ?? 20;
  const page = q.page ?? 1;
  const { items, total } = await repo.listProposals(
    ctx.db,
    {
      orgIds,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.year ? { year: q.year } : {}),
      ...(q.state ? { state: q.state } : {}),
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  const today = todayInChina(ctx.clock);
  const cal = await loadWorkCalendar(ctx);
  const settings = new Map<string, number>();
  const out: ProposalViewT[] = [];
  for (const p of items) {
    if (!settings.has(p.org_id))
      settings.set(p.org_id, (await proposalSettings(ctx.db, p.org_id)).dueSoonWorkdays);
    out.push(toProposalView(p, today, cal, settings.get(p.org_id)!));
  }
  return { items: out, total, page, pageSize };
}

/** Overdue and due-soon open proposals, and 会办 opinions not received in time. */
export async function proposalBoard(ctx: Ctx, actor: Actor) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const today = todayInChina(ctx.clock);
  const cal = await loadWorkCalendar(ctx);
  const open = await repo.openProposals(ctx.db, orgIds);
  const overdue: ProposalViewT[] = [];
  const dueSoon: ProposalViewT[] = [];
  let coOpinionsOverdue = 0;
  for (const p of open) {
    const s = await proposalSettings(ctx.db, p.org_id);
    const v = toProposalView(p, today, cal, s.dueSoonWorkdays);
    if (v.dueStatus === 'overdue') overdue.push(v);
    else if (v.dueStatus === 'due_soon') dueSoon.push(v);
    for (const o of await repo.listCoOpinions(ctx.db, p.id))
      if (!o.received_on && today > o.due_on) coOpinionsOverdue++;
  }
  return { overdue, dueSoon, coOpinionsOverdue };
}

export async function getProposal(ctx: Ctx, actor: Actor, id: string): Promise<ProposalDetailT> {
  const p = await repo.findProposal(ctx.db, id);
  if (!p) throw notFound('proposal', '该建议提案不存在');
  await assertReadsAgency(ctx, actor, p.org_id);
  return detail(ctx, ctx.db, p);
}

/** Registers an assigned suggestion or proposal; the deadline defaults to assignment + N months. */
export async function createProposal(
  ctx: Ctx,
  actor: Actor,
  input: Static<typeof ProposalInput>,
): Promise<ProposalViewT> {
  const orgId = writableAgency(actor, PERM);
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const settings = await proposalSettings(trx, orgId);
    const fields = registerFields(input, settings.deadlineMonths, today);
    if (await repo.findProposalByNumber(trx, orgId, fields.kind, fields.year, fields.number))
      throw conflict(
        'duplicate_proposal_number',
        `${fields.year}年第${fields.number}号${fields.kind === 'suggestion' ? '建议' : '提案'}已登记`,
        {
          field: 'number',
        },
      );
    const now = nowIso(ctx.clock);
    const row: ProposalsTable = {
      id: newId(),
      org_id: orgId,
      ...fields,
      state: 'assigned',
      reply_text: null,
      reply_class: null,
      replied_on: null,
      reply_number: null,
      feedback: null,
      feedback_note: null,
      feedback_on: null,
      publication: 'pending',
      public_text: null,
      public_is_summary: 0,
      withhold_reason: null,
      published_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertProposal(trx, row);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.create',
      { type: 'proposal', id: row.id, orgId },
      {
        kind: row.kind,
        number: row.number,
        deadline: row.deadline,
      },
    );
    const cal = await loadWorkCalendar({ db: trx });
    return toProposalView(row, today, cal, settings.dueSoonWorkdays);
  });
}

/** Corrects the registration while the proposal is open. */
export async function updateProposal(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: Static<typeof ProposalInput>,
): Promise<ProposalViewT> {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const p = await loadWritable(trx, actor, id);
    if (p.state !== 'assigned') throw conflict('proposal_state', '已答复的建议提案不能修改登记信息');
    const settings = await proposalSettings(trx, p.org_id);
    const fields = registerFields(input, settings.deadlineMonths, today);
    const other = await repo.findProposalByNumber(trx, p.org_id, fields.kind, fields.year, fields.number);
    if (other && other.id !== id)
      throw conflict('duplicate_proposal_number', '该编号已登记', { field: 'number' });
    const patch = { ...fields, updated_at: nowIso(ctx.clock) };
    await repo.updateProposal(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.update',
      { type: 'proposal', id, orgId: p.org_id },
      fields,
      {
        number: p.number,
        deadline: p.deadline,
        title: p.title,
      },
    );
    const cal = await loadWorkCalendar({ db: trx });
    return toProposalView({ ...p, ...patch }, today, cal, settings.dueSoonWorkdays);
  });
}

/** Records a contact with the proposer (面商、电话沟通 …) — not before assignment, not in the future. */
export async function addContact(ctx: Ctx, actor: Actor, id: string, body: Static<typeof ContactBody>) {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const p = await loadWritable(trx, actor, id);
    if (!isIsoDate(body.contactedOn) || body.contactedOn < p.assigned_on || body.contactedOn > today)
      throw new DomainError('invalid_contact_date', `沟通日期应在交办日期（${p.assigned_on}）和今天之间`, {
        field: 'contactedOn',
      });
    const row = {
      id: newId(),
      proposal_id: p.id,
      org_id: p.org_id,
      method: body.method,
      contacted_on: body.contactedOn,
      note: body.note?.trim() || null,
      created_at: nowIso(ctx.clock),
    };
    await repo.insertContact(trx, row);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.contact',
      { type: 'proposal', id: p.id, orgId: p.org_id },
      {
        method: row.method,
        contactedOn: row.contacted_on,
      },
    );
    return detail(ctx, trx, p);
  });
}

/** Asks a 会办 unit for its opinion, due N working days after assignment on the shared calendar. */
export async function requestCoOpinion(ctx: Ctx, actor: Actor, id: string, unit: string) {
  return inTransaction(ctx, async (trx) => {
    const p = await loadWritable(trx, actor, id);
    if (p.role !== 'lead') throw conflict('not_lead', '只有主办件才需要征求会办单位意见');
    if (p.state !== 'assigned') throw conflict('proposal_state', '已答复的建议提案不能再征求会办意见');
    const existing = await repo.listCoOpinions(trx, p.id);
    if (existing.some((o) => o.unit === unit.trim()))
      throw conflict('duplicate_co_unit', '已向该单位征求过会办意见');
    const settings = await proposalSettings(trx, p.org_id);
    const cal = await loadWorkCalendar({ db: trx });
    let due = cal.addWorkdays(p.assigned_on, settings.coOpinionWorkdays).date;
    // The opinion must reach the 主办 unit before its own deadline.
    if (due >= p.deadline) due = cal.addWorkdays(p.assigned_on, 1).date;
    const row = {
      id: newId(),
      proposal_id: p.id,
      org_id: p.org_id,
      unit: unit.trim(),
      due_on: due,
      opinion: null,
      received_on: null,
      created_at: nowIso(ctx.clock),
    };
    await repo.insertCoOpinion(trx, row);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.co_request',
      { type: 'proposal', id: p.id, orgId: p.org_id },
      {
        unit: row.unit,
        dueOn: row.due_on,
      },
    );
    return detail(ctx, trx, p);
  });
}

/** Records a 会办 opinion received from a co-handling unit. */
export async function recordCoOpinion(
  ctx: Ctx,
  actor: Actor,
  opinionId: string,
  body: { opinion: string; receivedOn: string },
) {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const o = await repo.findCoOpinion(trx, opinionId);
    if (!o) throw notFound('co_opinion', '该会办意见记录不存在');
    const p = await loadWritable(trx, actor, o.proposal_id);
    if (o.received_on) throw conflict('co_opinion_received', '该会办意见已登记');
    if (!isIsoDate(body.receivedOn) || body.receivedOn < p.assigned_on || body.receivedOn > today)
      throw new DomainError('invalid_date', `收到日期应在交办日期（${p.assigned_on}）和今天之间`, {
        field: 'receivedOn',
      });
    await repo.updateCoOpinion(trx, o.id, { opinion: body.opinion.trim(), received_on: body.receivedOn });
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.co_opinion',
      { type: 'proposal', id: p.id, orgId: p.org_id },
      {
        unit: o.unit,
        receivedOn: body.receivedOn,
        late: body.receivedOn > o.due_on,
      },
    );
    return detail(ctx, trx, p);
  });
}

/** Replies: a date between assignment and today, class A/B/C, all 会办 opinions in (rules). */
export async function replyProposal(ctx: Ctx, actor: Actor, id: string, body: Static<typeof ReplyBody>) {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const p = await loadWritable(trx, actor, id);
    const pending = (await repo.listCoOpinions(trx, p.id)).filter((o) => !o.received_on).length;
    const replyClass = rule(() =>
      checkReply(
        { state: p.state, assignedOn: p.assigned_on, role: p.role, pendingCoOpinions: pending },
        body,
        today,
      ),
    );
    const patch = {
      state: 'replied' as const,
      reply_text: body.replyText.trim(),
      reply_class: replyClass,
      replied_on: body.repliedOn,
      reply_number: body.replyNumber?.trim() || null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateProposal(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.reply',
      { type: 'proposal', id, orgId: p.org_id },
      {
        replyClass,
        repliedOn: body.repliedOn,
        late: body.repliedOn > p.deadline,
      },
    );
    const s = await proposalSettings(trx, p.org_id);
    return toProposalView({ ...p, ...patch }, today, await loadWorkCalendar({ db: trx }), s.dueSoonWorkdays);
  });
}

/** Records the proposer's feedback (满意/基本满意/不满意) once; the case is then closed. */
export async function recordFeedback(ctx: Ctx, actor: Actor, id: string, body: Static<typeof FeedbackBody>) {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const p = await loadWritable(trx, actor, id);
    const feedback = rule(() =>
      checkFeedback({ state: p.state, repliedOn: p.replied_on, feedback: p.feedback }, body, today),
    );
    const patch = {
      state: 'closed' as const,
      feedback,
      feedback_note: body.note?.trim() || null,
      feedback_on: body.feedbackOn,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateProposal(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.feedback',
      { type: 'proposal', id, orgId: p.org_id },
      {
        feedback,
      },
    );
    const s = await proposalSettings(trx, p.org_id);
    return toProposalView({ ...p, ...patch }, today, await loadWorkCalendar({ db: trx }), s.dueSoonWorkdays);
  });
}

/** Publishes the reply's full text or a summary on the portal, or records why it is not disclosed. */
export async function setPublication(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: Static<typeof PublicationBody>,
) {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const p = await loadWritable(trx, actor, id);
    rule(() => checkPublication({ state: p.state, replyText: p.reply_text }, body));
    const now = nowIso(ctx.clock);
    const summary = body.summary?.trim() || null;
    const patch =
      body.action === 'publish'
        ? {
            publication: 'published' as const,
            public_text: summary ?? p.reply_text,
            public_is_summary: summary ? 1 : 0,
            withhold_reason: null,
            published_at: p.published_at ?? now,
            updated_at: now,
          }
        : {
            publication: 'withheld' as const,
            public_text: null,
            public_is_summary: 0,
            withhold_reason: body.reason!.trim(),
            published_at: null,
            updated_at: now,
          };
    await repo.updateProposal(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      `events.proposal.${body.action}`,
      { type: 'proposal', id, orgId: p.org_id },
      body.action === 'publish' ? { summary: Boolean(summary) } : { reason: patch.withhold_reason },
      { publication: p.publication },
    );
    if (body.action === 'publish' || p.publication === 'published')
      await bumpContentVersion(trx, ctx.clock, p.org_id);
    const s = await proposalSettings(trx, p.org_id);
    return toProposalView({ ...p, ...patch }, today, await loadWorkCalendar({ db: trx }), s.dueSoonWorkdays);
  });
}

export async function getSettings(ctx: Ctx, actor: Actor) {
  const orgId = actor.orgId;
  if (!orgId) throw notFound('org', '当前账号不属于任何机关');
  await assertReadsAgency(ctx, actor, orgId);
  return proposalSettings(ctx.db, orgId);
}

export async function setSettings(ctx: Ctx, actor: Actor, body: Static<typeof ProposalSettingsView>) {
  const orgId = writableAgency(actor, PERM);
  await inTransaction(ctx, async (trx) => {
    const before = await proposalSettings(trx, orgId);
    await repo.upsertSettings(trx, {
      org_id: orgId,
      deadline_months: body.deadlineMonths,
      co_opinion_workdays: body.coOpinionWorkdays,
      due_soon_workdays: body.dueSoonWorkdays,
      updated_at: nowIso(ctx.clock),
    });
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.settings',
      { type: 'proposal_settings', id: orgId, orgId },
      body,
      before,
    );
  });
  return proposalSettings(ctx.db, orgId);
}
