/**
 * Case views: the working-day calendar in force, case summaries and details, allowed actions (reads only).
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { can, type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import { estimateNotice, type WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import {
  CLOCK_EVENT_TYPES,
  computeClocks,
  DEFAULT_CLOCK_RULES,
  type ClockEvent,
  type ClockEventType,
  type Clocks,
} from './deadlines.js';
import { outcomeByCode } from './outcomes.js';
import { type FeeQuote } from './fees.js';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  DELIVERY_LABELS,
  FORM_LABELS,
  ID_DOC_LABELS,
  LETTER_KIND_LABELS,
  STAGE_LABELS,
  isOpenStage,
  type NotifyChannel,
} from './requests.rules.js';
import * as repo from './requests.repository.js';
import type { CaseRow, EventRow } from './requests.repository.js';
import type { LetterKind, RequestChannel, RequestStage, WithheldPart } from './requests.tables.js';

// ---------------------------------------------------------------------------------------------
// Calendar: the one place that decides which working-day calendar the clocks use.

/** The working-day calendar in force (admin schedules included). Swap here only. */
export async function calendarFor(ctx: Pick<Ctx, 'db'>): Promise<WorkCalendar> {
  return loadWorkCalendar(ctx);
}

const CLOCK_TYPES: ReadonlySet<string> = new Set<ClockEventType>(CLOCK_EVENT_TYPES);

/** Chinese labels of every event type on a case's timeline. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交申请',
  confirmed: '确认收到申请',
  received: '收到申请（起算）',
  discarded: '未予登记',
  assigned: '分办',
  note: '办理备注',
  supplement_requested: '告知补正',
  supplement_received: '收到补正材料',
  supplement_expired: '逾期未补正，视为放弃',
  third_party_consultation_sent: '征求第三方意见',
  third_party_consultation_replied: '第三方答复意见',
  agency_consultation_sent: '征求其他机关意见',
  agency_consultation_replied: '其他机关答复意见',
  extension_approved: '负责人同意延期',
  extension_notified: '告知延期答复',
  deferred: '确定延迟答复期限（第三十五条）',
  fee_notice_sent: '发出收费通知',
  fee_paid: '缴纳信息处理费',
  fee_expired: '逾期未缴费，视为放弃',
  outcome_drafted: '拟定答复意见',
  submitted_for_review: '提交审核',
  review_passed: '保密审查通过',
  review_failed: '保密审查退回',
  signed_off: '负责人签发',
  sign_off_rejected: '负责人退回',
  answered: '作出答复',
  withdrawn: '申请人撤回申请',
  archived: '归档',
  letter_issued: '出具文书',
  linked: '关联案件',
  handed_over: '转投诉举报渠道办理',
  deadline_recomputed: '节假日安排变更，期限重新计算',
};

/** Events the applicant sees on the tracking page. */
export const PUBLIC_EVENT_TYPES: ReadonlySet<string> = new Set([
  'submitted',
  'confirmed',
  'received',
  'supplement_requested',
  'supplement_received',
  'supplement_expired',
  'third_party_consultation_sent',
  'third_party_consultation_replied',
  'agency_consultation_sent',
  'agency_consultation_replied',
  'extension_notified',
  'deferred',
  'fee_notice_sent',
  'fee_paid',
  'fee_expired',
  'answered',
  'withdrawn',
  'deadline_recomputed',
  'handed_over',
]);

/** The clock events of a case's timeline (only type, statutory date and payload are read). */
export function toClockEvents(
  rows: readonly Pick<EventRow, 'type' | 'event_date' | 'payload'>[],
): ClockEvent[] {
  return rows
    .filter((r) => CLOCK_TYPES.has(r.type))
    .map((r) => ({ ...(JSON.parse(r.payload) as object), type: r.type, date: r.event_date }) as ClockEvent);
}

export function clocksOf(c: CaseRow, rows: EventRow[], calendar: WorkCalendar, today: string): Clocks | null {
  if (!c.received_on) return null;
  const events = toClockEvents(rows);
  if (!events.some((e) => e.type === 'received')) return null;
  if (events.length === 1) return receivedOnlyClocks(events[0]!, calendar, today);
  return computeClocks(events, calendar, DEFAULT_CLOCK_RULES, today);
}

/**
 * Clocks of a case whose only clock event is its receipt (every new case, and most of a day's board):
 * the same for every case received the same day through the same channel, so they are computed once
 * per calendar (a new calendar is a new object), `today` and receipt event, and shared — frozen, so no
 * caller can change what another sees.
 */
const receivedOnlyMemo = new WeakMap<WorkCalendar, Map<string, Clocks>>();
function receivedOnlyClocks(received: ClockEvent, calendar: WorkCalendar, today: string): Clocks {
  let memo = receivedOnlyMemo.get(calendar);
  if (!memo) receivedOnlyMemo.set(calendar, (memo = new Map<string, Clocks>()));
  const key = `${today}\u0000${JSON.stringify(received)}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const clocks = deepFreeze(computeClocks([received], calendar, DEFAULT_CLOCK_RULES, today));
  if (memo.size >= 512) memo.clear();
  memo.set(key, clocks);
  return clocks;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Views

export interface ClocksView extends Clocks {
  estimateNotice: string | null;
}

function clocksView(c: Clocks | null): ClocksView | null {
  return c ? { ...c, estimateNotice: c.estimated ? estimateNotice(c.uncoveredYears) : null } : null;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  orgId: string;
  stage: RequestStage;
  stageLabel: string;
  channel: RequestChannel;
  applicantType: string;
  applicantName: string;
  descriptionExcerpt: string;
  receivedOn: string | null;
  submittedAt: string;
  divisionId: string | null;
  divisionName: string | null;
  handlerId: string | null;
  handlerName: string | null;
  outcomeCode: string | null;
  closedOn: string | null;
  answerDue: string | null;
  workdaysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  clockStatus: Clocks['status'] | null;
  estimated: boolean;
  estimateNotice: string | null;
}

export function summary(
  c: CaseRow,
  clocks: Clocks | null,
  names: { users: Map<string, string>; orgs: Map<string, string> },
): CaseSummary {
  const live = clocks && isOpenStage(c.stage);
  return {
    id: c.id,
    caseNumber: c.case_number,
    orgId: c.org_id,
    stage: c.stage,
    stageLabel: STAGE_LABELS[c.stage],
    channel: c.channel,
    applicantType: c.applicant_type,
    applicantName: c.applicant_name,
    descriptionExcerpt: c.description.length > 60 ? `${c.description.slice(0, 60)}…` : c.description,
    receivedOn: c.received_on,
    submittedAt: c.submitted_at,
    divisionId: c.division_id,
    divisionName: c.division_id ? (names.orgs.get(c.division_id) ?? null) : null,
    handlerId: c.handler_id,
    handlerName: c.handler_id ? (names.users.get(c.handler_id) ?? null) : null,
    outcomeCode: c.outcome_code,
    closedOn: c.closed_on,
    answerDue: clocks?.answerDue ?? null,
    workdaysLeft: live ? clocks.workdaysLeft : null,
    dueSoon: live ? clocks.dueSoon : false,
    overdue: live ? clocks.overdue : false,
    clockStatus: clocks?.status ?? null,
    estimated: clocks?.estimated ?? false,
    estimateNotice: clocks?.estimated ? estimateNotice(clocks.uncoveredYears) : null,
  };
}

export interface EventView {
  seq: number;
  type: string;
  typeLabel: string;
  date: string;
  payload: Record<string, unknown>;
  public: boolean;
  actorName: string;
  createdAt: string;
}

function eventView(e: EventRow): EventView {
  return {
    seq: e.seq,
    type: e.type,
    typeLabel: EVENT_LABELS[e.type] ?? e.type,
    date: e.event_date,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
    public: e.public === 1,
    actorName: e.actor_name,
    createdAt: e.created_at,
  };
}

export interface LetterView {
  id: string;
  kind: LetterKind;
  kindLabel: string;
  letterNumber: string;
  title: string;
  fileName: string;
  sizeBytes: number;
  public: boolean;
  createdAt: string;
  downloadUrl: string;
}

export function letterView(l: repo.LetterMeta): LetterView {
  return {
    id: l.id,
    kind: l.kind,
    kindLabel: LETTER_KIND_LABELS[l.kind],
    letterNumber: l.letter_number,
    title: l.title,
    fileName: l.file_name,
    sizeBytes: l.size_bytes,
    public: l.public === 1,
    createdAt: l.created_at,
    downloadUrl: `/api/requests/letters/${l.id}/download`,
  };
}

export function feeView(f: repo.FeeRow, clocks: Clocks | null) {
  const quote = JSON.parse(f.quote) as FeeQuote;
  return {
    id: f.id,
    basis: f.basis,
    quantity: f.quantity,
    priorItemsThisMonth: f.prior_items_this_month,
    amountFen: f.amount_fen,
    quote,
    noticeSentOn: f.notice_sent_on,
    noticeReceivedOn: f.notice_received_on,
    paymentDue: clocks?.feePaymentDue ?? null,
    state: f.state,
    paidOn: f.paid_on,
    paidAmountFen: f.paid_amount_fen,
    paymentRef: f.payment_ref,
    abandonedOn: f.abandoned_on,
    uncertain: quote.uncertain,
    notes: quote.notes,
  };
}

export function appealView(a: repo.AppealRow, caseNumber: string) {
  return {
    id: a.id,
    caseId: a.case_id,
    caseNumber,
    kind: a.kind,
    filedOn: a.filed_on,
    bodyName: a.body_name,
    reference: a.reference,
    outcome: a.outcome,
    decidedOn: a.decided_on,
    note: a.note,
  };
}
export type AppealView = ReturnType<typeof appealView>;

export interface CaseDetail extends CaseSummary {
  applicant: {
    type: string;
    typeLabel: string;
    name: string;
    contactPerson: string | null;
    idDocType: string;
    idDocLabel: string;
    idNumberMasked: string;
    phone: string | null;
    email: string | null;
    address: string | null;
    postcode: string | null;
    notifyBy: NotifyChannel;
  };
  source: { module: string; id: string; number: string } | null;
  description: string;
  requestedForm: string;
  requestedFormLabel: string;
  deliveryMethod: string;
  deliveryMethodLabel: string;
  channelLabel: string;
  intakeNote: string | null;
  signedForOn: string | null;
  confirmedOn: string | null;
  receiptBasis: string | null;
  feeBasis: string | null;
  itemCount: number;
  clocks: ClocksView | null;
  events: EventView[];
  outcome: {
    outcomeCode: string;
    outcomeLabel: string;
    table3Row: string;
    legalBasisRef: string;
    legalBasisText: string;
    reason: string;
    withheldParts: WithheldPart[];
    referralAgency: string | null;
    releasesContent: boolean;
    reviewPassedAt: string | null;
    approvedAt: string | null;
    approvedByName: string | null;
  } | null;
  letters: LetterView[];
  fee: ReturnType<typeof feeView> | null;
  appeals: AppealView[];
  links: { id: string; kind: string; linkedCaseId: string; linkedCaseNumber: string; note: string | null }[];
  allowedActions: string[];
}

function allowedActions(
  actor: Actor,
  c: CaseRow,
  clocks: Clocks | null,
  outcome: repo.OutcomeRow | undefined,
  fee: repo.FeeRow | undefined,
  events: EventRow[],
): string[] {
  const out: string[] = [];
  const admin = can(actor, 'requests.admin');
  const handle = can(actor, 'requests.handle');
  const approve = can(actor, 'requests.approve');
  const types = new Set(events.map((e) => e.type));
  if (actor.kind !== 'system' && actor.orgId !== c.org_id) return out;
  if (c.stage === 'awaiting_confirmation' && admin) out.push('confirm', 'discard');
  if (admin && ['registered', 'assigned', 'drafting'].includes(c.stage)) out.push('assign');
  if (admin) out.push('unmask', 'regenerate_code');
  if (isOpenStage(c.stage) && clocks) {
    if (handle) {
      out.push('note', 'link');
      if (!types.has('supplement_requested')) out.push('supplement_request');
      if (types.has('supplement_requested') && !types.has('supplement_received'))
        out.push('supplement_received', 'supplement_expired');
      out.push('consultation');
      if (types.has('extension_approved') && !types.has('extension_notified')) out.push('extension_notify');
      if (!fee) out.push('fee_notice');
      if (fee?.state === 'noticed') out.push('fee_expired');
      if (['assigned', 'drafting'].includes(c.stage)) out.push('draft_outcome');
      if (c.stage === 'drafting' && outcome) out.push('submit');
    }
    if (approve) {
      if (!types.has('extension_approved')) out.push('extension_approve');
      if (!types.has('deferred')) out.push('deferral');
      if (c.stage === 'sign_off' && !outcome?.approved_at) out.push('sign_off');
    }
    if (admin) {
      if (fee?.state === 'noticed') out.push('fee_payment');
      out.push('withdraw');
      if (c.stage === 'sign_off' && outcome?.approved_at) out.push('reply');
    }
    if (c.stage === 'review' && (can(actor, 'catalog.review') || admin)) out.push('review');
  }
  if (admin && c.stage === 'replied') out.push('archive');
  if (admin && ['replied', 'archived'].includes(c.stage)) out.push('appeal');
  return out;
}

/** What a case detail is made of besides the case row (read by loadDetail, or known after a write). */
export interface CaseParts {
  events: EventRow[];
  outcome: repo.OutcomeRow | undefined;
  letters: repo.LetterMeta[];
  fee: repo.FeeRow | undefined;
  appeals: repo.AppealRow[];
  links: Awaited<ReturnType<typeof repo.linksOf>>;
  names: { users: Map<string, string>; orgs: Map<string, string> };
}

export async function loadDetail(ctx: Ctx, actor: Actor, c: CaseRow): Promise<CaseDetail> {
  const db = ctx.db;
  const [events, outcome, letters, fee, appeals, links, calendar] = await Promise.all([
    repo.eventsOf(db, c.id),
    repo.findOutcome(db, c.id),
    repo.lettersOf(db, c.id),
    repo.feeOf(db, c.id),
    repo.appealsOf(db, c.id),
    repo.linksOf(db, c.id),
    calendarFor(ctx),
  ]);
  const names = await repo.names(db, [c.handler_id ?? '', outcome?.approved_by ?? ''], [c.division_id ?? '']);
  return detailOf(
    actor,
    c,
    { events, outcome, letters, fee, appeals, links, names },
    calendar,
    todayInChina(ctx.clock),
  );
}

/**
 * The detail of a case created in the caller's transaction, from the rows it wrote (no read after the
 * write): a new case has no outcome, fee, appeal, link, handler or division yet.
 */
export function newCaseDetail(
  actor: Actor,
  c: CaseRow,
  written: { events: EventRow[]; letters: repo.LetterMeta[] },
  calendar: WorkCalendar,
  today: string,
): CaseDetail {
  const events = [...written.events].sort((a, b) => a.seq - b.seq);
  return detailOf(
    actor,
    c,
    {
      events,
      outcome: undefined,
      letters: written.letters,
      fee: undefined,
      appeals: [],
      links: [],
      names: { users: new Map(), orgs: new Map() },
    },
    calendar,
    today,
  );
}

/** The case detail from its row and parts (pure). */
export function detailOf(
  actor: Actor,
  c: CaseRow,
  parts: CaseParts,
  calendar: WorkCalendar,
  today: string,
): CaseDetail {
  const { events, outcome, letters, fee, appeals, links, names } = parts;
  const clocks = clocksOf(c, events, calendar, today);
  const o = outcome ? outcomeByCode(outcome.outcome_code) : null;
  return {
    ...summary(c, clocks, names),
    applicant: {
      type: c.applicant_type,
      typeLabel: APPLICANT_TYPE_LABELS[c.applicant_type],
      name: c.applicant_name,
      contactPerson: c.contact_person,
      idDocType: c.id_doc_type,
      idDocLabel: ID_DOC_LABELS[c.id_doc_type],
      idNumberMasked: c.id_number_masked,
      phone: c.phone,
      email: c.email,
      address: c.address,
      postcode: c.postcode,
      notifyBy: (c.notify_channel ?? 'none') as NotifyChannel,
    },
    source:
      c.source_module && c.source_id
        ? { module: c.source_module, id: c.source_id, number: c.source_number ?? '' }
        : null,
    description: c.description,
    requestedForm: c.requested_form,
    requestedFormLabel: FORM_LABELS[c.requested_form],
    deliveryMethod: c.delivery_method,
    deliveryMethodLabel: DELIVERY_LABELS[c.delivery_method],
    channelLabel: CHANNEL_LABELS[c.channel],
    intakeNote: c.intake_note,
    signedForOn: c.signed_for_on,
    confirmedOn: c.confirmed_on,
    receiptBasis: c.receipt_basis,
    feeBasis: c.fee_basis,
    itemCount: c.item_count,
    clocks: clocksView(clocks),
    events: events.map(eventView),
    outcome:
      outcome && o
        ? {
            outcomeCode: outcome.outcome_code,
            outcomeLabel: o.labelZh,
            table3Row: outcome.table3_row,
            legalBasisRef: outcome.legal_basis_ref,
            legalBasisText: outcome.legal_basis_text,
            reason: outcome.reason,
            withheldParts: JSON.parse(outcome.withheld_parts) as WithheldPart[],
            referralAgency: outcome.referral_agency,
            releasesContent: o.releasesContent,
            reviewPassedAt: outcome.review_passed_at,
            approvedAt: outcome.approved_at,
            approvedByName: outcome.approved_by ? (names.users.get(outcome.approved_by) ?? null) : null,
          }
        : null,
    letters: letters.map(letterView),
    fee: fee ? feeView(fee, clocks) : null,
    appeals: appeals.map((a) => appealView(a, c.case_number)),
    links: links.map((l) => ({
      id: l.id,
      kind: l.kind,
      linkedCaseId: l.linked_case_id,
      linkedCaseNumber: l.linked_case_number,
      note: l.note,
    })),
    allowedActions: allowedActions(actor, c, clocks, outcome, fee, events),
  };
}
