/**
 * Disclosure on request (依申请公开): intake on every 第二十九/三十一条 channel, the 第四十五条 handling
 * stages, statutory clocks derived from the append-only event list (deadlines.ts), outcomes (outcomes.ts),
 * letters (letters.ts), fees (fees.ts), appeals, links, reminders and 第四十四条 promotion proposals.
 *
 * Every write is ONE transaction: validation, the case row, the event, the letter and the audit row
 * commit together or not at all (nothing half-saved).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { DomainError, conflict, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { randomInt } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { compareIso, yearOf } from '../../platform/calendar/iso-date.js';
import { estimateNotice, type WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import * as catalog from '../catalog/catalog.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, assertWritesAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as userRepo from '../users/users.repository.js';
import {
  computeClocks,
  validateEvent,
  remindersDue,
  DEFAULT_CLOCK_RULES,
  CLOCK_RULE_NOTES,
  type ClockEvent,
  type ClockEventType,
  type Clocks,
} from './deadlines.js';
import { resolveReceiptDate } from './receipt-date.js';
import { OUTCOMES, outcomeByCode, remediesSentence, type OutcomeCode } from './outcomes.js';
import { DEFAULT_FEE_SCHEDULE, formatFen, quoteInformationFee, type FeeQuote } from './fees.js';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPE_KEYS,
  CHANNEL_LABELS,
  CONFIRMATION_CHANNELS,
  DELIVERY_LABELS,
  FORM_LABELS,
  ID_DOC_LABELS,
  LETTER_KIND_LABELS,
  QUERY_CODE_ALPHABET,
  STAGE_LABELS,
  WITHHOLDING_GROUNDS,
  assertPastDate,
  assertStage,
  descriptionKey,
  isOpenStage,
  maskIdNumber,
  placeholdersOf,
  validateApplicant,
  validateOutcomeDraft,
  type ApplicantInput,
  type OutcomeDraftInput,
} from './requests.rules.js';
import * as repo from './requests.repository.js';
import type { CaseRow, EventRow } from './requests.repository.js';
import { allDefaultTemplates, buildLetterDocx, defaultTemplate, type LetterTemplate } from './letters.js';
import { applicantKey, cachedPiiKey, decrypt, encrypt, hashQueryCode, verifyQueryCode } from './pii.js';
import type {
  AppealKind,
  AppealOutcome,
  LetterKind,
  RequestChannel,
  RequestStage,
  WithheldPart,
} from './requests.tables.js';

type Db = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Calendar: the one place that decides which working-day calendar the clocks use.

/** The working-day calendar in force (admin schedules included). Swap here only. */
export async function calendarFor(ctx: Pick<Ctx, 'db'>): Promise<WorkCalendar> {
  return loadWorkCalendar(ctx);
}

const CLOCK_TYPES: ReadonlySet<string> = new Set<ClockEventType>([
  'received',
  'supplement_requested',
  'supplement_received',
  'supplement_expired',
  'third_party_consultation_sent',
  'third_party_consultation_replied',
  'agency_consultation_sent',
  'agency_consultation_replied',
  'extension_approved',
  'extension_notified',
  'fee_notice_sent',
  'fee_paid',
  'fee_expired',
  'deferred',
  'answered',
  'withdrawn',
]);

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
  deadline_recomputed: '节假日安排变更，期限重新计算',
};

/** Events the applicant sees on the tracking page. */
const PUBLIC_EVENT_TYPES: ReadonlySet<string> = new Set([
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
]);

function toClockEvents(rows: EventRow[]): ClockEvent[] {
  return rows
    .filter((r) => CLOCK_TYPES.has(r.type))
    .map((r) => ({ ...(JSON.parse(r.payload) as object), type: r.type, date: r.event_date }) as ClockEvent);
}

function clocksOf(c: CaseRow, rows: EventRow[], calendar: WorkCalendar, today: string): Clocks | null {
  if (!c.received_on) return null;
  const events = toClockEvents(rows);
  if (!events.some((e) => e.type === 'received')) return null;
  return computeClocks(events, calendar, DEFAULT_CLOCK_RULES, today);
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

function summary(
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

function letterView(l: repo.LetterMeta): LetterView {
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

function feeView(f: repo.FeeRow, clocks: Clocks | null) {
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

function appealView(a: repo.AppealRow, caseNumber: string) {
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
  };
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

async function loadDetail(ctx: Ctx, actor: Actor, c: CaseRow): Promise<CaseDetail> {
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
  const clocks = clocksOf(c, events, calendar, todayInChina(ctx.clock));
  const names = await repo.names(db, [c.handler_id ?? '', outcome?.approved_by ?? ''], [c.division_id ?? '']);
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
    },
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

// ---------------------------------------------------------------------------------------------
// Internals shared by writes

interface Trx {
  ctx: Ctx;
  db: Db;
  actor: Actor;
  now: string;
  today: string;
  /** Loaded before the transaction opens: the calendar cache is per database handle, so loading it
   * through a transaction handle would rebuild it on every write. */
  calendar?: WorkCalendar;
}

function txOf(ctx: Ctx, trx: Db, actor: Actor, calendar?: WorkCalendar): Trx {
  return {
    ctx: { ...ctx, db: trx },
    db: trx,
    actor,
    now: nowIso(ctx.clock),
    today: todayInChina(ctx.clock),
    ...(calendar ? { calendar } : {}),
  };
}

function calendarOf(t: Trx): Promise<WorkCalendar> {
  return t.calendar ? Promise.resolve(t.calendar) : calendarFor(t.ctx);
}

async function caseForWrite(t: Trx, id: string): Promise<CaseRow> {
  const c = await repo.findCase(t.db, id);
  if (!c) throw notFound('request_case', '申请不存在');
  assertWritesAgency(t.actor, c.org_id);
  return c;
}

async function appendEvent(
  t: Trx,
  c: CaseRow,
  type: string,
  date: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const seq = await repo.nextEventSeq(t.db, c.id);
  await repo.insertEvent(t.db, {
    id: newId(),
    org_id: c.org_id,
    case_id: c.id,
    seq,
    type,
    event_date: date,
    payload: JSON.stringify(payload),
    public: PUBLIC_EVENT_TYPES.has(type) ? 1 : 0,
    actor_id: t.actor.userId,
    actor_name: t.actor.name,
    created_at: t.now,
  });
  await recordAudit(t.db, t.ctx.clock, t.actor, {
    action: `request.${type}`,
    targetType: 'request_case',
    targetId: c.id,
    orgId: c.org_id,
    after: { caseNumber: c.case_number, date, ...redactForAudit(payload) },
  });
}

/** Audit rows never carry personal data or letter bodies. */
function redactForAudit(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload))
    if (!['applicantName', 'idNumber', 'phone', 'email', 'address'].includes(k)) out[k] = v;
  return out;
}

async function setStage(
  t: Trx,
  c: CaseRow,
  stage: RequestStage,
  patch: Partial<CaseRow> = {},
): Promise<void> {
  await repo.updateCase(t.db, c.id, { ...patch, stage, updated_at: t.now });
  Object.assign(c, patch, { stage });
}

/** Validates a clock event against the case's events (deadlines.ts) and appends it. */
async function appendClockEvent(
  t: Trx,
  c: CaseRow,
  event: ClockEvent,
  extra: Record<string, unknown> = {},
): Promise<Clocks> {
  if (!isOpenStage(c.stage) || !c.received_on) {
    throw conflict('wrong_stage', `当前办理环节为“${STAGE_LABELS[c.stage]}”，不能登记办理事件`, {
      stage: c.stage,
    });
  }
  assertPastDate(event.date, 'date', t.today);
  const rows = await repo.eventsOf(t.db, c.id);
  const calendar = await calendarOf(t);
  validateEvent(toClockEvents(rows), event, calendar, DEFAULT_CLOCK_RULES);
  const { type, date, ...payload } = event;
  await appendEvent(t, c, type, date, { ...payload, ...extra });
  const after = await repo.eventsOf(t.db, c.id);
  return computeClocks(toClockEvents(after), calendar, DEFAULT_CLOCK_RULES, t.today);
}

async function agencyRow(db: Db, orgId: string) {
  const org = await orgRepo.findById(db, orgId);
  if (!org) throw notFound('org', '机关不存在');
  return org;
}

async function templateFor(
  db: Db,
  orgId: string,
  kind: LetterKind,
  outcomeCode = '',
): Promise<LetterTemplate> {
  const row = await repo.findTemplate(db, orgId, kind, kind === 'reply' ? outcomeCode : '');
  if (row) return { kind, outcomeCode: row.outcome_code, title: row.title, body: row.body };
  return defaultTemplate(kind, outcomeCode);
}

function dateZh(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Generates, numbers and archives a letter with the case (inside the caller's transaction). */
async function issueLetter(
  t: Trx,
  c: CaseRow,
  kind: LetterKind,
  date: string,
  values: Record<string, string | undefined>,
  opts: { outcomeCode?: string; public?: boolean } = {},
): Promise<repo.LetterMeta> {
  const org = await agencyRow(t.db, c.org_id);
  const template = await templateFor(t.db, c.org_id, kind, opts.outcomeCode ?? '');
  const year = yearOf(date);
  const seq = await repo.nextCounter(t.db, c.org_id, 'letter', year);
  const prefix = org.short_name ?? org.name;
  const letterNumber = `${prefix}依申请公开〔${year}〕${seq}号`;
  const clocksNow = c.received_on ? await currentClocks(t, c) : null;
  const allValues: Record<string, string | undefined> = {
    机关名称: org.name,
    受理编号: c.case_number,
    申请人: c.applicant_name,
    申请日期: dateZh(c.submitted_at),
    收到日期: dateZh(c.received_on),
    收到依据: c.receipt_basis ?? '',
    申请内容: c.description,
    答复期限: dateZh(clocksNow?.answerDue),
    联系电话: org.phone ?? '—',
    地址: org.address ?? '—',
    日期: dateZh(date),
    救济途径: remediesSentence(),
    ...values,
  };
  const built = await buildLetterDocx({
    template,
    values: allValues,
    letterNumber,
    agencyName: org.name,
    date,
  });
  const id = newId();
  const row = {
    id,
    org_id: c.org_id,
    case_id: c.id,
    kind,
    outcome_code: opts.outcomeCode ?? null,
    letter_number: letterNumber,
    year,
    seq,
    title: built.title,
    file_name: `${c.case_number}-${LETTER_KIND_LABELS[kind]}-${seq}.docx`,
    content_base64: built.bytes.toString('base64'),
    storage_path: null,
    size_bytes: built.bytes.length,
    sha256: built.sha256,
    public: opts.public === false ? 0 : 1,
    created_by: t.actor.userId,
    created_at: t.now,
    render_input: null,
  };
  await repo.insertLetter(t.db, row);
  await appendEvent(t, c, 'letter_issued', date, { letterId: id, kind, letterNumber, title: built.title });
  const { content_base64: _b, ...meta } = row;
  return meta;
}

async function currentClocks(t: Trx, c: CaseRow): Promise<Clocks | null> {
  const rows = await repo.eventsOf(t.db, c.id);
  return clocksOf(c, rows, await calendarOf(t), t.today);
}

function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

// ---------------------------------------------------------------------------------------------
// Intake (第二十九条、第三十一条)

export interface IntakeInput extends ApplicantInput {
  channel: RequestChannel;
  submittedAt: string;
  signedForOn?: string | null;
  confirmedOn?: string | null;
  intakeNote?: string | null;
  itemCount?: number;
  /** Set when the case is converted from another module's item (kept as a link on the case). */
  source?: { module: string; id: string; number: string } | null;
}

export interface IntakeResult {
  case: CaseDetail;
  queryCode: string;
}

async function createCaseIn(
  t: Trx,
  orgId: string,
  input: IntakeInput,
): Promise<{ c: CaseRow; queryCode: string }> {
  if (!(input.channel in CHANNEL_LABELS))
    throw invalidField('channel', 'invalid_channel', `不支持的申请渠道：${String(input.channel)}`);
  const applicant = validateApplicant(input, t.today);
  const itemCount = input.itemCount ?? 1;
  if (!Number.isInteger(itemCount) || itemCount < 1 || itemCount > 1000)
    throw invalidField('itemCount', 'invalid_item_count', '申请件数须为1—1000的整数');
  const needsConfirmation = CONFIRMATION_CHANNELS.has(input.channel);
  let receivedOn: string | null = null;
  let receiptBasis: string | null = null;
  if (!needsConfirmation || input.confirmedOn) {
    const r = resolveReceiptDate({
      channel: input.channel,
      submittedAt: input.submittedAt,
      ...(input.signedForOn ? { signedForOn: input.signedForOn } : {}),
      ...(input.confirmedOn ? { confirmedOn: input.confirmedOn } : {}),
    });
    if (compareIso(r.receivedOn, t.today) > 0)
      throw invalidField('receivedOn', 'receipt_in_future', `收到申请之日（${r.receivedOn}）不能晚于今天`);
    receivedOn = r.receivedOn;
    receiptBasis = r.basisZh;
  }
  const key = await cachedPiiKey(t.db, t.now);
  const submittedYear = Number((input.submittedAt || t.today).slice(0, 4)) || yearOf(t.today);
  const org = await agencyRow(t.db, orgId);
  const seq = await repo.nextCounter(t.db, orgId, 'case', submittedYear);
  const queryCode = newQueryCode();
  const c: CaseRow = {
    id: newId(),
    org_id: orgId,
    case_number: `${org.code.toUpperCase()}-${submittedYear}-${String(seq).padStart(5, '0')}`,
    query_code_hash: hashQueryCode(key, queryCode),
    channel: input.channel,
    applicant_type: applicant.applicantType,
    applicant_name: applicant.applicantName,
    contact_person: applicant.contactPerson,
    id_doc_type: applicant.idDocType,
    id_number_enc: encrypt(key, applicant.idNumber),
    id_number_hmac: applicantKey(key, applicant.idNumber),
    id_number_masked: maskIdNumber(applicant.idNumber),
    phone: applicant.phone,
    email: applicant.email,
    address: applicant.address,
    postcode: applicant.postcode,
    description: applicant.description,
    description_key: descriptionKey(applicant.description),
    requested_form: applicant.requestedForm,
    delivery_method: applicant.deliveryMethod,
    intake_note: (input.intakeNote ?? '').trim() || null,
    submitted_at: input.submittedAt,
    signed_for_on: input.signedForOn ?? null,
    confirmed_on: receivedOn && needsConfirmation ? (input.confirmedOn ?? null) : null,
    received_on: receivedOn,
    receipt_basis: receiptBasis,
    division_id: null,
    handler_id: null,
    stage: receivedOn ? 'registered' : 'awaiting_confirmation',
    outcome_code: null,
    closed_on: null,
    fee_basis: null,
    item_count: itemCount,
    created_by: t.actor.userId,
    created_at: t.now,
    updated_at: t.now,
    notify_channel: applicant.notifyBy,
    source_module: input.source?.module ?? null,
    source_id: input.source?.id ?? null,
    source_number: input.source?.number ?? null,
  };
  await repo.insertCase(t.db, c);
  await appendEvent(t, c, 'submitted', chinaDateOf(input.submittedAt || t.now), {
    channel: input.channel,
    channelLabel: CHANNEL_LABELS[input.channel],
    ...(input.source ? { source: input.source } : {}),
  });
  if (receivedOn) {
    await appendEvent(t, c, 'received', receivedOn, { channel: input.channel });
    await issueLetter(t, c, 'receipt', receivedOn, {});
  }
  return { c, queryCode };
}

/** Staff intake on any channel (当面、邮寄、平常信函、传真、电子邮件、口头). */
export async function createCase(ctx: Ctx, actor: Actor, input: IntakeInput): Promise<IntakeResult> {
  if (!can(actor, 'requests.admin')) throw forbidden();
  if (!actor.orgId && actor.kind !== 'system') throw forbidden();
  const orgId = actor.orgId!;
  const calendar = await calendarFor(ctx);
  const { c, queryCode } = await inTransaction(ctx, (trx) =>
    createCaseIn(txOf(ctx, trx, actor, calendar), orgId, input),
  );
  if (batch.getStore()) return { case: { id: c.id } as CaseDetail, queryCode };
  return { case: await loadDetail(ctx, actor, c), queryCode };
}

/** Online application from the portal: awaits the office's confirmation (第三十一条（三）双方确认). */
export async function submitOnline(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  input: Omit<IntakeInput, 'channel' | 'submittedAt' | 'confirmedOn' | 'signedForOn'>,
): Promise<{ caseNumber: string; queryCode: string }> {
  const calendar = await calendarFor(ctx);
  const { c, queryCode } = await inTransaction(ctx, (trx) =>
    createCaseIn(txOf(ctx, trx, actor, calendar), orgId, {
      ...input,
      channel: 'online',
      submittedAt: nowIso(ctx.clock),
    }),
  );
  return { caseNumber: c.case_number, queryCode };
}

/** What the interaction module hands over when a mailbox letter / consultation is really an application. */
export interface InteractionConversionInput {
  orgId: string;
  /** The channel the item originally arrived through (第三十一条 decides the receipt date from it). */
  channel: RequestChannel;
  /** When the item originally arrived (ISO timestamp): the application's submission time. */
  arrivedAt: string;
  applicant: {
    type: string;
    name: string;
    contactPerson?: string | null;
    idDocType: string;
    idNumber: string;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
    postcode?: string | null;
    notifyBy?: string | null;
  };
  content: string;
  requestedForm?: string;
  deliveryMethod?: string;
  /** For registered mail: the day it was signed for. For confirmation channels: the day staff confirmed. */
  signedForOn?: string | null;
  confirmedOn?: string | null;
  sourceRef: { module: 'interaction'; id: string; number: string };
  actor: Actor;
}

/**
 * Creates a 依申请公开 case from a converted interaction item inside the caller's transaction: the
 * original arrival time is the submission time, the receipt date follows 第三十一条 for the original
 * channel (online / fax / e-mail / ordinary letters wait in the 待确认 inbox unless `confirmedOn` is
 * given), and the case keeps the link to its source (module, id, number).
 */
export async function createCaseFromInteraction(
  trx: Db,
  ctx: Ctx,
  input: InteractionConversionInput,
): Promise<{ caseId: string; number: string }> {
  const t = txOf(ctx, trx, input.actor);
  assertWritesAgency(input.actor, input.orgId);
  if (Number.isNaN(Date.parse(input.arrivedAt)))
    throw invalidField('arrivedAt', 'invalid_arrived_at', '来件时间格式不正确');
  const a = input.applicant;
  const { c } = await createCaseIn(t, input.orgId, {
    channel: input.channel,
    submittedAt: new Date(input.arrivedAt).toISOString(),
    applicantType: a.type,
    applicantName: a.name,
    contactPerson: a.contactPerson ?? null,
    idDocType: a.idDocType,
    idNumber: a.idNumber,
    phone: a.phone ?? null,
    email: a.email ?? null,
    address: a.address ?? null,
    postcode: a.postcode ?? null,
    notifyBy: a.notifyBy ?? null,
    description: input.content,
    requestedForm: input.requestedForm ?? 'electronic',
    deliveryMethod: input.deliveryMethod ?? (a.email ? 'email' : a.address ? 'post' : 'online'),
    signedForOn: input.signedForOn ?? null,
    confirmedOn: input.confirmedOn ?? null,
    intakeNote: `由互动交流事项转来（${input.sourceRef.number}）`,
    source: input.sourceRef,
  });
  return { caseId: c.id, number: c.case_number };
}

/** Confirms receipt of an online / fax / e-mail / ordinary-letter application: the receipt date. */
export async function confirmReceipt(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { confirmedOn: string; note?: string },
): Promise<CaseDetail> {
  const calendar = await calendarFor(ctx);
  const c = await inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor, calendar);
    const c = await caseForWrite(t, id);
    assertStage(c.stage, ['awaiting_confirmation'], '确认收到');
    assertPastDate(input.confirmedOn, 'confirmedOn', t.today);
    const r = resolveReceiptDate({
      channel: c.channel,
      submittedAt: c.submitted_at,
      confirmedOn: input.confirmedOn,
    });
    await setStage(t, c, 'registered', {
      confirmed_on: input.confirmedOn,
      received_on: r.receivedOn,
      receipt_basis: r.basisZh,
    });
    await appendEvent(t, c, 'confirmed', input.confirmedOn, {
      note: input.note ?? null,
      warnings: r.warnings,
    });
    await appendEvent(t, c, 'received', r.receivedOn, { channel: c.channel });
    await issueLetter(t, c, 'receipt', r.receivedOn, {});
    return c;
  });
  return loadDetail(ctx, actor, c);
}

/** Sets aside an unconfirmed submission (spam, not an application); it is never counted. */
export async function discardSubmission(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<CaseDetail> {
  const c = await inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, id);
    assertStage(c.stage, ['awaiting_confirmation'], '设为未予登记');
    if (!input.reason?.trim()) throw invalidField('reason', 'reason_required', '请说明未予登记的理由');
    await setStage(t, c, 'discarded');
    await appendEvent(t, c, 'discarded', t.today, { reason: input.reason.trim() });
    return c;
  });
  return loadDetail(ctx, actor, c);
}

// ---------------------------------------------------------------------------------------------
// Reads

async function readableCase(ctx: Ctx, actor: Actor, id: string): Promise<CaseRow> {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw notFound('request_case', '申请不存在');
  await assertReadsAgency(ctx, actor, c.org_id);
  return c;
}

export async function getCase(ctx: Ctx, actor: Actor, id: string): Promise<CaseDetail> {
  return loadDetail(ctx, actor, await readableCase(ctx, actor, id));
}

export interface ListFilter {
  stage?: RequestStage;
  due?: 'soon' | 'overdue' | 'open';
  mine?: boolean;
  q?: string;
  year?: number;
  page?: number;
  pageSize?: number;
}

async function summaries(ctx: Ctx, rows: CaseRow[]): Promise<CaseSummary[]> {
  const calendar = await calendarFor(ctx);
  const today = todayInChina(ctx.clock);
  const events = await repo.eventsOfMany(
    ctx.db,
    rows.filter((r) => r.received_on).map((r) => r.id),
  );
  const names = await repo.names(
    ctx.db,
    rows.map((r) => r.handler_id ?? ''),
    rows.map((r) => r.division_id ?? ''),
  );
  return rows.map((r) => summary(r, clocksOf(r, events.get(r.id) ?? [], calendar, today), names));
}

export async function listCases(
  ctx: Ctx,
  actor: Actor,
  f: ListFilter,
): Promise<{ items: CaseSummary[]; total: number }> {
  const orgIds = await readableAgencyIds(ctx, actor);
  const stages: RequestStage[] | undefined = f.due ? repo.OPEN_STAGE_LIST : f.stage ? [f.stage] : undefined;
  const rows = await repo.listCases(
    ctx.db,
    {
      orgIds,
      ...(stages ? { stages } : {}),
      ...(f.mine && actor.userId ? { handlerId: actor.userId } : {}),
      ...(f.q ? { q: f.q } : {}),
      ...(f.year ? { year: f.year } : {}),
    },
    ctx.dialect === 'postgres' ? 'ilike' : 'like',
  );
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  if (f.due) {
    let all = await summaries(ctx, rows);
    if (f.due === 'soon') all = all.filter((s) => s.dueSoon);
    if (f.due === 'overdue') all = all.filter((s) => s.overdue);
    all.sort((a, b) => (a.answerDue ?? '9999').localeCompare(b.answerDue ?? '9999'));
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  }
  return {
    items: await summaries(ctx, rows.slice((page - 1) * pageSize, page * pageSize)),
    total: rows.length,
  };
}

/** The due-soon / overdue board: derived at read time from events and the calendar. */
export async function board(ctx: Ctx, actor: Actor) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const open = await summaries(ctx, await repo.openCases(ctx.db, orgIds));
  const waiting = await repo.listCases(ctx.db, { orgIds, stages: ['awaiting_confirmation'] }, 'like');
  const byDue = (a: CaseSummary, b: CaseSummary) => (a.answerDue ?? '').localeCompare(b.answerDue ?? '');
  const overdue = open.filter((s) => s.overdue).sort(byDue);
  const dueSoon = open.filter((s) => s.dueSoon).sort(byDue);
  const paused = open.filter((s) => s.clockStatus === 'paused').sort(byDue);
  const awaitingConfirmation = await summaries(ctx, waiting);
  return {
    overdue,
    dueSoon,
    paused,
    awaitingConfirmation,
    counts: {
      overdue: overdue.length,
      dueSoon: dueSoon.length,
      paused: paused.length,
      awaitingConfirmation: awaitingConfirmation.length,
      open: open.length,
    },
  };
}

/** The full document number, for roles that need it; every unmasking is audited. */
export async function unmaskIdNumber(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<{ idNumber: string }> {
  if (!can(actor, 'requests.admin')) throw forbidden('无权查看完整身份证明号码');
  if (!input.reason?.trim()) throw invalidField('reason', 'reason_required', '请说明查看完整号码的理由');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, id);
    const idNumber = decrypt(await cachedPiiKey(trx, t.now), c.id_number_enc);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.id_unmask',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      note: `查看完整身份证明号码：${input.reason.trim()}`,
    });
    return { idNumber };
  });
}

/** Issues a new query code (the old one stops working). */
export async function regenerateQueryCode(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ queryCode: string }> {
  if (!can(actor, 'requests.admin')) throw forbidden();
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, id);
    const queryCode = newQueryCode();
    const key = await cachedPiiKey(trx, t.now);
    await repo.updateCase(trx, c.id, { query_code_hash: hashQueryCode(key, queryCode), updated_at: t.now });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.query_code_reset',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
    });
    return { queryCode };
  });
}

// ---------------------------------------------------------------------------------------------
// Handling

/**
 * Bulk callers (the demo seed) run actions without building the case view after each write; the
 * actions then resolve to a placeholder they must not read.
 */
const batch = new AsyncLocalStorage<true>();
export function withoutCaseViews<T>(fn: () => Promise<T>): Promise<T> {
  return batch.run(true, fn);
}

async function write(
  ctx: Ctx,
  actor: Actor,
  id: string,
  work: (t: Trx, c: CaseRow) => Promise<void>,
): Promise<CaseDetail> {
  const calendar = await calendarFor(ctx);
  const c = await inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor, calendar);
    const c = await caseForWrite(t, id);
    await work(t, c);
    return c;
  });
  if (batch.getStore()) return { id: c.id } as CaseDetail;
  return loadDetail(ctx, actor, (await repo.findCase(ctx.db, c.id))!);
}

function need(actor: Actor, ...perms: Parameters<typeof can>[1][]): void {
  if (!perms.some((p) => can(actor, p))) throw forbidden();
}

export async function assignCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { divisionId: string; handlerId: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['registered', 'assigned', 'drafting'], '分办');
    const division = await orgRepo.findById(t.db, input.divisionId);
    if (!division || division.kind !== 'division' || division.parent_id !== c.org_id)
      throw invalidField('divisionId', 'division_not_in_agency', '承办科室须为本机关的内设机构');
    const handler = await userRepo.findById(t.db, input.handlerId);
    if (!handler || handler.org_id !== c.org_id || handler.disabled)
      throw invalidField('handlerId', 'handler_not_in_agency', '承办人须为本机关的在岗人员');
    await setStage(t, c, c.stage === 'registered' ? 'assigned' : c.stage, {
      division_id: division.id,
      handler_id: handler.id,
    });
    await appendEvent(t, c, 'assigned', t.today, {
      divisionId: division.id,
      divisionName: division.name,
      handlerId: handler.id,
      handlerName: handler.display_name,
    });
  });
}

export async function addNote(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { text: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  const text = (input.text ?? '').trim();
  if (!text) throw invalidField('text', 'note_required', '请填写备注内容');
  return write(ctx, actor, id, async (t, c) => appendEvent(t, c, 'note', t.today, { text }));
}

export async function linkCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { linkedCaseNumber: string; kind: 'duplicate' | 'related'; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const other = await repo.findCaseByNumber(t.db, input.linkedCaseNumber.trim());
    if (!other || other.org_id !== c.org_id)
      throw invalidField('linkedCaseNumber', 'link_target_not_found', '未找到本机关的该受理编号');
    if (other.id === c.id) throw invalidField('linkedCaseNumber', 'link_self', '不能关联本案自身');
    const existing = await repo.linksOf(t.db, c.id);
    if (existing.some((l) => l.linked_case_id === other.id)) throw conflict('link_exists', '两案已关联');
    for (const [a, b] of [
      [c, other],
      [other, c],
    ] as const) {
      await t.db
        .insertInto('request_case_links')
        .values({
          id: newId(),
          org_id: c.org_id,
          case_id: a.id,
          linked_case_id: b.id,
          kind: input.kind,
          note: input.note ?? null,
          created_by: t.actor.userId,
          created_at: t.now,
        })
        .onConflict((oc) => oc.columns(['case_id', 'linked_case_id']).doNothing())
        .execute();
    }
    await appendEvent(t, c, 'linked', t.today, { linkedCaseNumber: other.case_number, kind: input.kind });
  });
}

export async function requestSupplement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; items: string[]; supplementDeadline?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const items = (input.items ?? []).map((i) => i.trim()).filter(Boolean);
    await appendClockEvent(t, c, {
      type: 'supplement_requested',
      date: input.date,
      items,
      ...(input.supplementDeadline ? { supplementDeadline: input.supplementDeadline } : {}),
    });
    await issueLetter(t, c, 'supplement', input.date, {
      补正事项: items.map((s, i) => `${i + 1}. ${s}`).join('\n'),
      补正期限: input.supplementDeadline ? dateZh(input.supplementDeadline) : '合理期限内',
    });
  });
}

export async function receiveSupplement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; note?: string; description?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const description = (input.description ?? '').trim();
    await appendClockEvent(
      t,
      c,
      { type: 'supplement_received', date: input.date },
      { note: input.note ?? null, descriptionChanged: Boolean(description) },
    );
    if (description) {
      if (description.length < 5)
        throw invalidField('description', 'description_required', '补正后的信息描述至少5个字');
      await repo.updateCase(t.db, c.id, {
        description,
        description_key: descriptionKey(description),
        updated_at: t.now,
      });
    }
  });
}

/** Closes the case with an outcome without the drafting workflow (逾期不补正、逾期未缴费、撤回). */
async function terminate(
  t: Trx,
  c: CaseRow,
  outcomeCode: OutcomeCode,
  date: string,
  reason: string,
  letterValues: Record<string, string>,
): Promise<void> {
  const o = outcomeByCode(outcomeCode);
  await repo.upsertOutcome(t.db, {
    id: newId(),
    org_id: c.org_id,
    case_id: c.id,
    outcome_code: o.code,
    table3_row: o.row2021,
    legal_basis_ref: o.basisRef,
    legal_basis_text: o.basisTextZh,
    reason,
    withheld_parts: '[]',
    referral_agency: null,
    review_passed_by: null,
    review_passed_at: null,
    approved_by: t.actor.userId,
    approved_at: t.now,
    drafted_by: t.actor.userId,
    created_at: t.now,
    updated_at: t.now,
  });
  await setStage(t, c, 'replied', { outcome_code: o.code, closed_on: date });
  if (o.issuesReply)
    await issueLetter(
      t,
      c,
      'reply',
      date,
      { 办理结果: o.labelZh, 法律依据: o.basisRef, 依据条文: o.basisTextZh, 理由: reason, ...letterValues },
      { outcomeCode: o.code },
    );
}

export async function expireSupplement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, { type: 'supplement_expired', date: input.date });
    const req = (await repo.eventsOf(t.db, c.id)).find((e) => e.type === 'supplement_requested');
    await terminate(t, c, 'supplement_not_provided', input.date, '申请人无正当理由逾期不补正。', {
      补正告知日期: dateZh(req?.event_date),
    });
  });
}

export async function withdraw(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, { type: 'withdrawn', date: input.date }, { note: input.note ?? null });
    await terminate(t, c, 'withdrawn', input.date, input.note?.trim() || '申请人主动撤回申请。', {});
  });
}

export async function sendConsultation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: {
    kind: 'third_party' | 'other_agency';
    date: string;
    party: string;
    receivedOn?: string;
    matter?: string;
  },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const party = (input.party ?? '').trim();
    if (!party) throw invalidField('party', 'party_required', '请填写被征求意见的第三方或机关名称');
    const existing = (await repo.eventsOf(t.db, c.id)).filter((e) =>
      e.type.endsWith('_consultation_sent'),
    ).length;
    const consultationId = `C${existing + 1}`;
    const type = input.kind === 'third_party' ? 'third_party_consultation_sent' : 'agency_consultation_sent';
    const clocks = await appendClockEvent(
      t,
      c,
      {
        type,
        date: input.date,
        consultationId,
        ...(input.receivedOn ? { receivedOn: input.receivedOn } : {}),
      },
      { party, matter: input.matter ?? null },
    );
    const due = clocks.consultationsDue.find((x) => x.consultationId === consultationId)?.replyDue;
    if (input.kind === 'third_party')
      await issueLetter(
        t,
        c,
        'third_party',
        input.date,
        { 第三方: party, 征求事项: input.matter?.trim() || c.description, 答复意见期限: dateZh(due) },
        { public: false },
      );
  });
}

export async function replyConsultation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  consultationId: string,
  input: { date: string; opinion: 'agree' | 'disagree' | 'other'; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const sent = (await repo.eventsOf(t.db, c.id)).find(
      (e) =>
        e.type.endsWith('_consultation_sent') &&
        (JSON.parse(e.payload) as { consultationId?: string }).consultationId === consultationId,
    );
    if (!sent) throw notFound('consultation', '未找到该征求意见');
    const type =
      sent.type === 'third_party_consultation_sent'
        ? 'third_party_consultation_replied'
        : 'agency_consultation_replied';
    await appendClockEvent(
      t,
      c,
      { type, date: input.date, consultationId },
      { opinion: input.opinion, note: input.note ?? null },
    );
  });
}

export async function approveExtension(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; workdays: number; reason: string },
): Promise<CaseDetail> {
  need(actor, 'requests.approve');
  return write(ctx, actor, id, async (t, c) => {
    if (!input.reason?.trim()) throw invalidField('reason', 'reason_required', '请填写延期理由');
    await appendClockEvent(
      t,
      c,
      { type: 'extension_approved', date: input.date, workdays: input.workdays, approvedBy: actor.name },
      { reason: input.reason.trim(), approverId: actor.userId },
    );
  });
}

export async function notifyExtension(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const approved = (await repo.eventsOf(t.db, c.id)).find((e) => e.type === 'extension_approved');
    const clocks = await appendClockEvent(t, c, { type: 'extension_notified', date: input.date });
    const p = approved ? (JSON.parse(approved.payload) as { workdays?: number; reason?: string }) : {};
    await issueLetter(t, c, 'extension', input.date, {
      延长天数: String(p.workdays ?? ''),
      延期理由: p.reason ?? '',
      延长后期限: dateZh(clocks.answerDue),
    });
  });
}

export async function deferAnswer(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; newDueDate: string; reason: string },
): Promise<CaseDetail> {
  need(actor, 'requests.approve');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, {
      type: 'deferred',
      date: input.date,
      newDueDate: input.newDueDate,
      reason: (input.reason ?? '').trim(),
    });
  });
}

// Fees (信息处理费)

export async function sendFeeNotice(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; basis: 'per_item' | 'per_page'; quantity: number; receivedOn?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    if (c.fee_basis && c.fee_basis !== input.basis)
      throw conflict(
        'fee_basis_conflict',
        '同一件申请只能选择按件或按量一种标准计收（《信息处理费管理办法》第三条）',
      );
    const prior = input.basis === 'per_item' ? await repo.priorItemsInMonth(t.db, c) : 0;
    const quote = quoteInformationFee(
      input.basis === 'per_item'
        ? { perItem: { priorItemsThisMonth: prior, itemsInThisApplication: input.quantity } }
        : { perPage: { pages: input.quantity } },
    );
    if (quote.amountFen <= 0)
      throw conflict('fee_not_applicable', '按《信息处理费管理办法》标准，本件申请不收费，无需发出收费通知');
    const clocks = await appendClockEvent(
      t,
      c,
      {
        type: 'fee_notice_sent',
        date: input.date,
        ...(input.receivedOn ? { receivedOn: input.receivedOn } : {}),
      },
      { basis: input.basis, quantity: input.quantity, amountFen: quote.amountFen },
    );
    await repo.insertFee(t.db, {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      basis: input.basis,
      quantity: input.quantity,
      prior_items_this_month: prior,
      amount_fen: quote.amountFen,
      quote: JSON.stringify(quote),
      notice_sent_on: input.date,
      notice_received_on: input.receivedOn ?? null,
      state: 'noticed',
      paid_on: null,
      paid_amount_fen: null,
      payment_ref: null,
      abandoned_on: null,
      created_by: t.actor.userId,
      created_at: t.now,
      updated_at: t.now,
    });
    await repo.updateCase(t.db, c.id, { fee_basis: input.basis, updated_at: t.now });
    const standard = quote.lines
      .filter((l) => l.unitFen > 0)
      .map(
        (l) =>
          `第${l.from}—${l.to}${input.basis === 'per_item' ? '件' : '页'}，每${input.basis === 'per_item' ? '件' : '页'}${formatFen(l.unitFen)}，计${formatFen(l.subtotalFen)}`,
      )
      .join('；');
    await issueLetter(t, c, 'fee_notice', input.date, {
      收费依据:
        input.basis === 'per_item'
          ? `《政府信息公开信息处理费管理办法》第四条（按件计收；本月此前已申请${prior}件）`
          : '《政府信息公开信息处理费管理办法》第五条（按量计收）',
      收费标准: standard,
      收费金额: formatFen(quote.amountFen),
      缴费期限: dateZh(clocks.feePaymentDue),
    });
  });
}

export async function recordFeePayment(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string; amountFen: number; paymentRef?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    const fee = await repo.feeOf(t.db, c.id);
    if (fee && input.amountFen !== fee.amount_fen)
      throw invalidField('amountFen', 'fee_amount_mismatch', `缴费金额应为${formatFen(fee.amount_fen)}`);
    await appendClockEvent(
      t,
      c,
      { type: 'fee_paid', date: input.date },
      { amountFen: input.amountFen, paymentRef: input.paymentRef ?? null },
    );
    await repo.updateFee(t.db, c.id, {
      state: 'paid',
      paid_on: input.date,
      paid_amount_fen: input.amountFen,
      payment_ref: input.paymentRef ?? null,
      updated_at: t.now,
    });
  });
}

export async function expireFee(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    await appendClockEvent(t, c, { type: 'fee_expired', date: input.date });
    const fee = await repo.feeOf(t.db, c.id);
    await repo.updateFee(t.db, c.id, { state: 'abandoned', abandoned_on: input.date, updated_at: t.now });
    await terminate(t, c, 'fee_not_paid', input.date, '申请人逾期未按收费通知要求缴纳费用。', {
      收费通知日期: dateZh(fee?.notice_sent_on),
    });
  });
}

// Answer: draft → (保密审查) → sign-off → reply → archive

export async function draftOutcome(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: OutcomeDraftInput,
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    if (c.stage === 'registered') throw conflict('not_assigned', '请先分办到承办科室和承办人');
    assertStage(c.stage, ['assigned', 'drafting'], '拟定答复');
    if (!can(actor, 'requests.admin') && c.handler_id !== actor.userId)
      throw forbidden('只有承办人或政务公开办可以拟定答复');
    const v = validateOutcomeDraft(input);
    if (['supplement_not_provided', 'fee_not_paid', 'withdrawn'].includes(v.outcome.code))
      throw invalidField(
        'outcomeCode',
        'outcome_by_event',
        '逾期不补正、逾期未缴费和撤回须通过相应的办理事件登记',
      );
    if (v.outcome.code === 'unclear_after_supplement') {
      const types = new Set((await repo.eventsOf(t.db, c.id)).map((e) => e.type));
      if (!types.has('supplement_received'))
        throw conflict('supplement_not_received', '未经补正的申请不能以“补正后申请内容仍不明确”答复');
    }
    await repo.upsertOutcome(t.db, {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      outcome_code: v.outcome.code,
      table3_row: v.outcome.row2021,
      legal_basis_ref: v.legalBasisRef,
      legal_basis_text: v.legalBasisText,
      reason: v.reason,
      withheld_parts: JSON.stringify(v.withheldParts),
      referral_agency: v.referralAgency,
      review_passed_by: null,
      review_passed_at: null,
      approved_by: null,
      approved_at: null,
      drafted_by: actor.userId,
      created_at: t.now,
      updated_at: t.now,
    });
    await setStage(t, c, 'drafting');
    await appendEvent(t, c, 'outcome_drafted', t.today, {
      outcomeCode: v.outcome.code,
      legalBasis: v.legalBasisRef,
      withheldParts: v.withheldParts.length,
    });
  });
}

export async function submitForReview(ctx: Ctx, actor: Actor, id: string): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['drafting'], '提交审核');
    const outcome = await repo.findOutcome(t.db, c.id);
    if (!outcome) throw conflict('outcome_missing', '请先拟定办理结果及法律依据');
    const o = outcomeByCode(outcome.outcome_code);
    await setStage(t, c, o.releasesContent ? 'review' : 'sign_off');
    await appendEvent(t, c, 'submitted_for_review', t.today, {
      next: o.releasesContent ? 'review' : 'sign_off',
    });
  });
}

export async function reviewCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { passed: boolean; note?: string },
): Promise<CaseDetail> {
  need(actor, 'catalog.review', 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['review'], '保密审查');
    if (input.passed) {
      await repo.updateOutcome(t.db, c.id, {
        review_passed_by: actor.userId,
        review_passed_at: t.now,
        updated_at: t.now,
      });
      await setStage(t, c, 'sign_off');
      await appendEvent(t, c, 'review_passed', t.today, { note: input.note ?? null });
    } else {
      await returnToDrafting(t, c, 'review_failed', input.note);
    }
  });
}

/** Review and sign-off both send a draft back to its handler, and both must say why. */
async function returnToDrafting(
  t: Trx,
  c: CaseRow,
  event: 'review_failed' | 'sign_off_rejected',
  note: string | undefined,
): Promise<void> {
  if (!note?.trim()) throw invalidField('note', 'reason_required', '退回须说明理由');
  await setStage(t, c, 'drafting');
  await appendEvent(t, c, event, t.today, { note: note.trim() });
}

export async function signOff(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { approved: boolean; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.approve');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['sign_off'], '签发');
    const outcome = await repo.findOutcome(t.db, c.id);
    if (!outcome) throw conflict('outcome_missing', '尚未拟定办理结果');
    if (outcomeByCode(outcome.outcome_code).releasesContent && !outcome.review_passed_at)
      throw conflict('review_required', '公开内容须先通过保密审查');
    if (outcome.approved_at) throw conflict('already_signed_off', '已签发');
    if (input.approved) {
      await repo.updateOutcome(t.db, c.id, {
        approved_by: actor.userId,
        approved_at: t.now,
        updated_at: t.now,
      });
      await appendEvent(t, c, 'signed_off', t.today, { note: input.note ?? null });
    } else {
      await returnToDrafting(t, c, 'sign_off_rejected', input.note);
    }
  });
}

export async function sendReply(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { date: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    if (c.received_on && typeof input.date === 'string' && compareIso(input.date, c.received_on) < 0)
      throw invalidField(
        'date',
        'reply_before_receipt',
        `答复日期（${input.date}）不能早于收到申请之日（${c.received_on}）`,
      );
    const outcome = await repo.findOutcome(t.db, c.id);
    if (!outcome) throw conflict('outcome_missing', '没有办理结果和法律依据，不能答复');
    assertStage(c.stage, ['sign_off'], '答复');
    if (!outcome.approved_at) throw conflict('not_signed_off', '答复须经负责人签发');
    if (!outcome.legal_basis_ref || outcome.legal_basis_ref === '—')
      throw conflict('legal_basis_required', '答复须载明法律依据');
    await appendClockEvent(
      t,
      c,
      { type: 'answered', date: input.date },
      { outcomeCode: outcome.outcome_code },
    );
    const o = outcomeByCode(outcome.outcome_code);
    const parts = JSON.parse(outcome.withheld_parts) as WithheldPart[];
    await setStage(t, c, 'replied', { outcome_code: outcome.outcome_code, closed_on: input.date });
    await issueLetter(
      t,
      c,
      'reply',
      input.date,
      {
        办理结果: o.labelZh,
        法律依据: outcome.legal_basis_ref,
        依据条文: outcome.legal_basis_text,
        理由: outcome.reason,
        转办机关: outcome.referral_agency ?? '—',
        不予公开部分: parts
          .map((p, i) => {
            const g = WITHHOLDING_GROUNDS.find((x) => x.code === p.ground);
            return `${i + 1}. ${p.part}：${g ? `${g.labelZh}（${g.basisRef}）` : ''}，${p.reason}`;
          })
          .join('\n'),
      },
      { outcomeCode: o.code },
    );
  });
}

export async function archiveCase(ctx: Ctx, actor: Actor, id: string): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['replied'], '归档');
    await setStage(t, c, 'archived');
    await appendEvent(t, c, 'archived', t.today, {});
  });
}

export async function regenerateReceipt(ctx: Ctx, actor: Actor, id: string): Promise<LetterView> {
  need(actor, 'requests.handle');
  const calendar = await calendarFor(ctx);
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor, calendar);
    const c = await caseForWrite(t, id);
    if (!c.received_on) throw conflict('wrong_stage', '尚未确认收到申请，不能出具受理回执');
    return letterView(await issueLetter(t, c, 'receipt', t.today, {}));
  });
}

export async function letterFile(
  ctx: Ctx,
  actor: Actor,
  letterId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const l = await repo.findLetter(ctx.db, letterId);
  if (!l) throw notFound('letter', '文书不存在');
  await assertReadsAgency(ctx, actor, l.org_id);
  return { fileName: l.file_name, bytes: Buffer.from(l.content_base64 ?? '', 'base64') };
}

// ---------------------------------------------------------------------------------------------
// Templates

export async function listTemplates(ctx: Ctx, actor: Actor) {
  if (!actor.orgId) throw forbidden();
  await assertReadsAgency(ctx, actor, actor.orgId);
  const rows = await repo.templatesOf(ctx.db, actor.orgId);
  return {
    items: allDefaultTemplates().map((d) => {
      const row = rows.find((r) => r.kind === d.kind && r.outcome_code === d.outcomeCode);
      const body = row?.body ?? d.body;
      return {
        kind: d.kind,
        outcomeCode: d.outcomeCode,
        title: row?.title ?? d.title,
        body,
        customised: Boolean(row),
        placeholders: placeholdersOf(`${row?.title ?? d.title}\n${body}`),
      };
    }),
  };
}

export async function putTemplate(
  ctx: Ctx,
  actor: Actor,
  input: { kind: LetterKind; outcomeCode?: string; title: string; body: string },
) {
  need(actor, 'requests.admin');
  if (!(input.kind in LETTER_KIND_LABELS))
    throw invalidField('kind', 'invalid_letter_kind', '未知的文书类型');
  if (input.kind === 'reply' && !OUTCOMES.some((o) => o.code === input.outcomeCode))
    throw invalidField('outcomeCode', 'unknown_outcome', '答复告知书模板须指定办理结果');
  const outcomeCode = input.kind === 'reply' ? (input.outcomeCode ?? '') : '';
  if (!input.title?.trim() || !input.body?.trim())
    throw invalidField('body', 'template_required', '文书标题和正文不能为空');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const orgId = actor.orgId!;
    const existing = await repo.findTemplate(trx, orgId, input.kind, outcomeCode);
    if (existing) {
      await trx
        .updateTable('request_letter_templates')
        .set({ title: input.title.trim(), body: input.body, updated_by: actor.userId, updated_at: t.now })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('request_letter_templates')
        .values({
          id: newId(),
          org_id: orgId,
          kind: input.kind,
          outcome_code: outcomeCode,
          title: input.title.trim(),
          body: input.body,
          updated_by: actor.userId,
          updated_at: t.now,
        })
        .execute();
    }
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.template_update',
      targetType: 'request_template',
      targetId: `${input.kind}:${outcomeCode}`,
      orgId,
      before: existing ? { title: existing.title, body: existing.body } : undefined,
      after: { title: input.title, body: input.body },
    });
    return {
      kind: input.kind,
      outcomeCode,
      title: input.title.trim(),
      body: input.body,
      customised: true,
      placeholders: placeholdersOf(`${input.title}\n${input.body}`),
    };
  });
}

export async function resetTemplate(
  ctx: Ctx,
  actor: Actor,
  input: { kind: LetterKind; outcomeCode?: string },
) {
  need(actor, 'requests.admin');
  const outcomeCode = input.kind === 'reply' ? (input.outcomeCode ?? '') : '';
  await inTransaction(ctx, async (trx) => {
    await trx
      .deleteFrom('request_letter_templates')
      .where('org_id', '=', actor.orgId!)
      .where('kind', '=', input.kind)
      .where('outcome_code', '=', outcomeCode)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.template_reset',
      targetType: 'request_template',
      targetId: `${input.kind}:${outcomeCode}`,
      orgId: actor.orgId,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Appeals (table 四)

const APPEAL_KINDS: readonly AppealKind[] = ['review', 'litigation_direct', 'litigation_after_review'];
const APPEAL_OUTCOMES: readonly AppealOutcome[] = ['upheld', 'corrected', 'other', 'pending'];

export async function recordAppeal(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  input: {
    kind: AppealKind;
    filedOn: string;
    bodyName: string;
    reference?: string;
    outcome?: AppealOutcome;
    decidedOn?: string;
    note?: string;
  },
): Promise<AppealView> {
  need(actor, 'requests.admin');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const c = await caseForWrite(t, caseId);
    if (!APPEAL_KINDS.includes(input.kind))
      throw invalidField('kind', 'invalid_appeal_kind', '请选择行政复议、直接起诉或复议后起诉');
    const outcome = input.outcome ?? 'pending';
    if (!APPEAL_OUTCOMES.includes(outcome))
      throw invalidField('outcome', 'invalid_appeal_outcome', '审理结果无效');
    assertPastDate(input.filedOn, 'filedOn', t.today);
    if (!c.received_on || compareIso(input.filedOn, c.received_on) < 0)
      throw invalidField('filedOn', 'appeal_before_receipt', '复议或诉讼日期不能早于收到申请之日');
    if (!input.bodyName?.trim())
      throw invalidField('bodyName', 'appeal_body_required', '请填写复议机关或人民法院');
    if (outcome !== 'pending' && !input.decidedOn)
      throw invalidField('decidedOn', 'appeal_decided_on_required', '已审结的请填写审结日期');
    if (input.decidedOn) {
      assertPastDate(input.decidedOn, 'decidedOn', t.today);
      if (compareIso(input.decidedOn, input.filedOn) < 0)
        throw invalidField('decidedOn', 'appeal_decided_before_filed', '审结日期不能早于立案日期');
    }
    const row = {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      kind: input.kind,
      filed_on: input.filedOn,
      body_name: input.bodyName.trim(),
      reference: input.reference?.trim() || null,
      outcome,
      decided_on: outcome === 'pending' ? null : (input.decidedOn ?? null),
      note: input.note?.trim() || null,
      created_by: actor.userId,
      created_at: t.now,
      updated_at: t.now,
    };
    await trx.insertInto('request_appeals').values(row).execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.appeal_record',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      after: { kind: row.kind, filedOn: row.filed_on, outcome: row.outcome },
    });
    return appealView(row, c.case_number);
  });
}

export async function updateAppeal(
  ctx: Ctx,
  actor: Actor,
  appealId: string,
  input: { outcome: AppealOutcome; decidedOn?: string; reference?: string; note?: string },
): Promise<AppealView> {
  need(actor, 'requests.admin');
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const a = await repo.findAppeal(trx, appealId);
    if (!a) throw notFound('appeal', '复议诉讼记录不存在');
    const c = await caseForWrite(t, a.case_id);
    if (!APPEAL_OUTCOMES.includes(input.outcome))
      throw invalidField('outcome', 'invalid_appeal_outcome', '审理结果无效');
    if (input.outcome !== 'pending') {
      if (!input.decidedOn)
        throw invalidField('decidedOn', 'appeal_decided_on_required', '已审结的请填写审结日期');
      assertPastDate(input.decidedOn, 'decidedOn', t.today);
      if (compareIso(input.decidedOn, a.filed_on) < 0)
        throw invalidField('decidedOn', 'appeal_decided_before_filed', '审结日期不能早于立案日期');
    }
    const patch = {
      outcome: input.outcome,
      decided_on: input.outcome === 'pending' ? null : (input.decidedOn ?? null),
      reference: input.reference?.trim() || a.reference,
      note: input.note?.trim() || a.note,
      updated_at: t.now,
    };
    await trx.updateTable('request_appeals').set(patch).where('id', '=', a.id).execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.appeal_update',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      before: { outcome: a.outcome, decidedOn: a.decided_on },
      after: { outcome: patch.outcome, decidedOn: patch.decided_on },
    });
    return appealView({ ...a, ...patch }, c.case_number);
  });
}

export async function listAppeals(ctx: Ctx, actor: Actor, year?: number) {
  const rows = await repo.listAppeals(ctx.db, await readableAgencyIds(ctx, actor), year);
  return { items: rows.map((r) => appealView(r, r.case_number)) };
}

// ---------------------------------------------------------------------------------------------
// Fee ledger and calculator

export function quoteFee(input: {
  basis: 'per_item' | 'per_page';
  quantity: number;
  priorItemsThisMonth?: number;
}): FeeQuote {
  return quoteInformationFee(
    input.basis === 'per_item'
      ? {
          perItem: {
            priorItemsThisMonth: input.priorItemsThisMonth ?? 0,
            itemsInThisApplication: input.quantity,
          },
        }
      : { perPage: { pages: input.quantity } },
  );
}

export async function feeLedger(ctx: Ctx, actor: Actor, year: number) {
  const rows = await repo.feesInYear(ctx.db, await readableAgencyIds(ctx, actor), year);
  const items = rows.map((f) => ({ ...feeView(f, null), caseId: f.case_id, caseNumber: f.case_number }));
  return {
    items,
    collectedFen: rows
      .filter((f) => f.paid_on?.startsWith(String(year)))
      .reduce((s, f) => s + (f.paid_amount_fen ?? 0), 0),
    noticedFen: rows
      .filter((f) => f.notice_sent_on.startsWith(String(year)))
      .reduce((s, f) => s + f.amount_fen, 0),
    abandonedCount: rows.filter((f) => f.abandoned_on?.startsWith(String(year))).length,
  };
}

/** 同一申请人月度申请量: the basis of 按件计收 and of 第三十五条 judgements. */
export async function monthlyVolume(ctx: Ctx, actor: Actor, month: string) {
  if (!/^\d{4}-\d{2}$/.test(month)) throw invalidField('month', 'invalid_month', '月份格式应为YYYY-MM');
  const orgIds = await readableAgencyIds(ctx, actor);
  const rows = (await repo.listCases(ctx.db, { orgIds }, 'like')).filter((r) =>
    r.received_on?.startsWith(month),
  );
  const groups = new Map<string, CaseRow[]>();
  for (const r of rows) groups.set(r.id_number_hmac, [...(groups.get(r.id_number_hmac) ?? []), r]);
  return {
    items: [...groups.entries()]
      .map(([key, list]) => ({
        applicantKey: key.slice(0, 16),
        applicantName: list[0]!.applicant_name,
        idNumberMasked: list[0]!.id_number_masked,
        count: list.reduce((s, r) => s + r.item_count, 0),
        caseNumbers: list.map((r) => r.case_number),
      }))
      .sort((a, b) => b.count - a.count),
  };
}

// ---------------------------------------------------------------------------------------------
// Reminders (T-5, T-1, overdue), stored idempotently and shown in the console

/** Creates the reminders due today for every open case (idempotent: once per case, kind and due date). */
export async function generateReminders(ctx: Ctx): Promise<number> {
  const calendar = await calendarFor(ctx);
  const today = todayInChina(ctx.clock);
  const open = await repo.openCases(ctx.db, 'all');
  const events = await repo.eventsOfMany(
    ctx.db,
    open.map((c) => c.id),
  );
  let created = 0;
  for (const c of open) {
    const clocks = clocksOf(c, events.get(c.id) ?? [], calendar, today);
    if (!clocks) continue;
    for (const r of remindersDue(clocks, calendar)) {
      if (await repo.reminderExists(ctx.db, c.id, r.kind, r.due)) continue;
      await ctx.db
        .insertInto('request_reminders')
        .values({
          id: newId(),
          org_id: c.org_id,
          case_id: c.id,
          kind: r.kind,
          due_date: r.due,
          remind_on: today,
          handler_id: c.handler_id,
          message: `${c.case_number}：${r.messageZh}`,
          acknowledged_at: null,
          acknowledged_by: null,
          created_at: nowIso(ctx.clock),
        })
        .onConflict((oc) => oc.columns(['case_id', 'kind', 'due_date']).doNothing())
        .execute();
      created++;
    }
  }
  return created;
}

export async function listReminders(
  ctx: Ctx,
  actor: Actor,
  f: { mine?: boolean; includeAcknowledged?: boolean },
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  if (orgIds !== 'all' && orgIds.length === 0) return { items: [] };
  let q = ctx.db
    .selectFrom('request_reminders')
    .innerJoin('request_cases', 'request_cases.id', 'request_reminders.case_id')
    .selectAll('request_reminders')
    .select('request_cases.case_number');
  if (orgIds !== 'all') q = q.where('request_reminders.org_id', 'in', orgIds);
  if (f.mine && actor.userId) q = q.where('request_reminders.handler_id', '=', actor.userId);
  if (!f.includeAcknowledged) q = q.where('request_reminders.acknowledged_at', 'is', null);
  const rows = await q.orderBy('request_reminders.remind_on', 'desc').limit(500).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      kind: r.kind,
      dueDate: r.due_date,
      remindOn: r.remind_on,
      message: r.message,
      handlerId: r.handler_id,
      acknowledgedAt: r.acknowledged_at,
    })),
  };
}

export async function acknowledgeReminder(ctx: Ctx, actor: Actor, id: string) {
  need(actor, 'requests.handle');
  await inTransaction(ctx, async (trx) => {
    const r = await trx.selectFrom('request_reminders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('reminder', '提醒不存在');
    assertWritesAgency(actor, r.org_id);
    await trx
      .updateTable('request_reminders')
      .set({ acknowledged_at: nowIso(ctx.clock), acknowledged_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.reminder_ack',
      targetType: 'request_case',
      targetId: r.case_id,
      orgId: r.org_id,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// 第四十四条: several applicants, same openable information → proactive disclosure

export async function promotionCandidates(
  ctx: Ctx,
  actor: Actor,
  opts: { windowDays?: number; minApplicants?: number } = {},
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const windowDays = opts.windowDays ?? 180;
  const minApplicants = opts.minApplicants ?? 2;
  const today = todayInChina(ctx.clock);
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - windowDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const rows = (await repo.listCases(ctx.db, { orgIds, stages: ['replied', 'archived'] }, 'like')).filter(
    (r) =>
      r.outcome_code && outcomeByCode(r.outcome_code).row2021 === 'r1' && r.closed_on && r.closed_on >= since,
  );
  const groups = new Map<string, CaseRow[]>();
  for (const r of rows)
    groups.set(`${r.org_id}|${r.description_key}`, [
      ...(groups.get(`${r.org_id}|${r.description_key}`) ?? []),
      r,
    ]);
  let proposalsQ = ctx.db.selectFrom('request_promotions').selectAll();
  if (orgIds !== 'all')
    proposalsQ = orgIds.length
      ? proposalsQ.where('org_id', 'in', orgIds)
      : proposalsQ.where('org_id', '=', '');
  const proposals = await proposalsQ.orderBy('created_at', 'desc').execute();
  const proposed = new Set(proposals.map((p) => `${p.org_id}|${p.description_key}`));
  const candidates = [...groups.entries()]
    .filter(
      ([k, list]) => !proposed.has(k) && new Set(list.map((r) => r.id_number_hmac)).size >= minApplicants,
    )
    .map(([, list]) => ({
      descriptionKey: list[0]!.description_key,
      title: list[0]!.description.slice(0, 100),
      caseIds: list.map((r) => r.id),
      caseNumbers: list.map((r) => r.case_number),
      applicantCount: new Set(list.map((r) => r.id_number_hmac)).size,
    }));
  return {
    candidates,
    proposals: proposals.map((p) => ({
      id: p.id,
      title: p.title,
      caseCount: p.case_count,
      state: p.state,
      catalogItemId: p.catalog_item_id,
      createdAt: p.created_at,
    })),
    promotedCount: proposals.filter((p) => p.state !== 'dismissed').length,
  };
}

/**
 * 第四十四条 promotion: creates a DRAFT catalog item (catalog.service createItem, which goes through the
 * catalog's own review and approval before anything is published) in the given column, or in a leaf
 * column chosen by name, and records the proposal with the cases behind it. When the actor cannot draft
 * catalog items or the agency has no column, only the proposal is stored (state 'proposed').
 * createItem runs its own transaction, so it is called before ours (never nested: SQLite would deadlock).
 */
export async function promote(
  ctx: Ctx,
  actor: Actor,
  input: { descriptionKey: string; title?: string; columnId?: string },
) {
  need(actor, 'requests.admin');
  const { candidates } = await promotionCandidates(ctx, actor, { windowDays: 3650, minApplicants: 2 });
  const cand = candidates.find((x) => x.descriptionKey === input.descriptionKey);
  if (!cand)
    throw conflict('not_a_candidate', '该信息尚不符合“多个申请人申请相同可公开信息”的条件，或已提出过');
  const title = (input.title ?? cand.title).trim().slice(0, 300);
  let catalogItemId: string | null = null;
  if (can(actor, 'catalog.draft')) {
    const columns = (await catalog.listColumns(ctx, actor)).filter((c) => !c.retired);
    const leaves = columns.filter((c) => !columns.some((x) => x.parentId === c.id));
    const column =
      (input.columnId ? columns.find((c) => c.id === input.columnId) : undefined) ??
      leaves.find((c) => /依申请|其他/.test(c.name)) ??
      leaves[0];
    if (input.columnId && !column) throw invalidField('columnId', 'column_not_found', '栏目不存在');
    if (column) {
      catalogItemId = await catalog.createItem(ctx, actor, {
        columnId: column.id,
        title,
        summary: `依《中华人民共和国政府信息公开条例》第四十四条，${cand.applicantCount}名申请人申请公开相同政府信息（受理编号：${cand.caseNumbers.join('、')}），拟纳入主动公开范围。`,
        bodyHtml: `<p>${title.replace(/[<>&]/g, '')}</p>`,
      });
    }
  }
  return inTransaction(ctx, async (trx) => {
    const row = {
      id: newId(),
      org_id: actor.orgId!,
      description_key: cand.descriptionKey,
      title,
      case_ids: JSON.stringify(cand.caseIds),
      case_count: cand.caseIds.length,
      state: catalogItemId ? ('draft_created' as const) : ('proposed' as const),
      catalog_item_id: catalogItemId,
      created_by: actor.userId,
      created_at: nowIso(ctx.clock),
      updated_at: nowIso(ctx.clock),
    };
    await trx.insertInto('request_promotions').values(row).execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.promotion_propose',
      targetType: 'request_promotion',
      targetId: row.id,
      orgId: row.org_id,
      after: { title: row.title, caseCount: row.case_count, catalogItemId },
    });
    return { id: row.id, state: row.state, catalogItemId };
  });
}

// ---------------------------------------------------------------------------------------------
// Calendar changes: deadlines are derived, so a new schedule changes them at once; record which
// open cases' answer dates moved (audited, visible on the timeline) so nobody is surprised.

export async function recordCalendarRecompute(
  trxCtx: Ctx,
  previous: WorkCalendar,
  next: WorkCalendar,
  actor: Actor,
): Promise<number> {
  const today = todayInChina(trxCtx.clock);
  const open = await repo.openCases(trxCtx.db, 'all');
  const events = await repo.eventsOfMany(
    trxCtx.db,
    open.map((c) => c.id),
  );
  let moved = 0;
  for (const c of open) {
    const rows = events.get(c.id) ?? [];
    const before = clocksOf(c, rows, previous, today);
    const after = clocksOf(c, rows, next, today);
    if (!before || !after || before.answerDue === after.answerDue) continue;
    moved++;
    await appendEvent(
      { ctx: trxCtx, db: trxCtx.db, actor, now: nowIso(trxCtx.clock), today },
      c,
      'deadline_recomputed',
      today,
      {
        before: before.answerDue,
        after: after.answerDue,
        calendarVersion: next.versionId(),
      },
    );
  }
  return moved;
}

// ---------------------------------------------------------------------------------------------
// Public tracking (no personal data)

export interface TrackingView {
  caseNumber: string;
  agencyName: string;
  statusLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  answerDue: string | null;
  dueDateFinal: boolean;
  closedOn: string | null;
  outcomeLabel: string | null;
  estimateNotice: string | null;
  explanation: string[];
  timeline: { date: string; label: string; detail: string | null }[];
  letters: { id: string; title: string; letterNumber: string; fileName: string }[];
}

const PUBLIC_STATUS: Record<RequestStage, string> = {
  awaiting_confirmation: '已提交，待工作机构确认收到',
  registered: '已受理，正在办理',
  assigned: '已受理，正在办理',
  drafting: '正在办理',
  review: '正在审核',
  sign_off: '正在审核',
  replied: '已答复',
  archived: '已办结',
  discarded: '未予登记',
};

function publicDetail(e: EventRow): string | null {
  const p = JSON.parse(e.payload) as Record<string, unknown>;
  switch (e.type) {
    case 'supplement_requested':
      return `需补正事项：${(p.items as string[] | undefined)?.join('；') ?? ''}${p.supplementDeadline ? `；补正期限：${String(p.supplementDeadline)}` : ''}`;
    case 'deferred':
      return `延迟答复至${String(p.newDueDate)}`;
    case 'fee_notice_sent':
      return typeof p.amountFen === 'number' ? `应缴金额：${formatFen(p.amountFen)}` : null;
    case 'deadline_recomputed':
      return `答复期限由${String(p.before)}调整为${String(p.after)}`;
    case 'submitted':
      return typeof p.channelLabel === 'string' ? p.channelLabel : null;
    default:
      return null;
  }
}

export async function trackCase(
  ctx: Ctx,
  caseNumber: string,
  queryCode: string,
): Promise<{ view: TrackingView; caseId: string }> {
  const c = await repo.findCaseByNumber(ctx.db, caseNumber.trim().toUpperCase());
  // Same answer for an unknown number and a wrong code, so numbers cannot be probed.
  // The key exists whenever a case does (intake creates it); cachedPiiKey writes nothing then.
  if (!c || !verifyQueryCode(await cachedPiiKey(ctx.db, nowIso(ctx.clock)), queryCode, c.query_code_hash))
    throw new DomainError('track_not_found', '受理编号或查询码不正确', undefined, 'not_found');
  const [events, letters, org, calendar, outcome] = await Promise.all([
    repo.eventsOf(ctx.db, c.id),
    repo.lettersOf(ctx.db, c.id),
    agencyRow(ctx.db, c.org_id),
    calendarFor(ctx),
    repo.findOutcome(ctx.db, c.id),
  ]);
  const clocks = clocksOf(c, events, calendar, todayInChina(ctx.clock));
  const closed = c.stage === 'replied' || c.stage === 'archived';
  return {
    caseId: c.id,
    view: {
      caseNumber: c.case_number,
      agencyName: org.name,
      statusLabel: PUBLIC_STATUS[c.stage],
      submittedOn: c.submitted_at.slice(0, 10),
      receivedOn: c.received_on,
      answerDue: clocks?.answerDue ?? null,
      dueDateFinal: clocks?.dueDateFinal ?? false,
      closedOn: c.closed_on,
      outcomeLabel: closed && outcome ? outcomeByCode(outcome.outcome_code).labelZh : null,
      estimateNotice: clocks?.estimated ? estimateNotice(clocks.uncoveredYears) : null,
      explanation: clocks?.explanation.map((s) => s.textZh) ?? [],
      timeline: events
        .filter((e) => e.public === 1)
        .map((e) => ({ date: e.event_date, label: EVENT_LABELS[e.type] ?? e.type, detail: publicDetail(e) })),
      letters: letters
        .filter((l) => l.public === 1)
        .map((l) => ({ id: l.id, title: l.title, letterNumber: l.letter_number, fileName: l.file_name })),
    },
  };
}

export async function publicLetter(
  ctx: Ctx,
  caseId: string,
  letterId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const l = await repo.findLetter(ctx.db, letterId);
  if (!l || l.case_id !== caseId || l.public !== 1) throw notFound('letter', '文书不存在');
  return { fileName: l.file_name, bytes: Buffer.from(l.content_base64 ?? '', 'base64') };
}

// ---------------------------------------------------------------------------------------------
// Reference data for the console

export function meta() {
  return {
    outcomes: OUTCOMES.map((o) => ({
      code: o.code,
      labelZh: o.labelZh,
      basisRef: o.basisRef,
      basisTextZh: o.basisTextZh,
      row2021: o.row2021,
      releasesContent: o.releasesContent,
      needsWithheldPartsRecord: o.needsWithheldPartsRecord,
      mappingUncertain: o.mappingUncertain,
    })),
    applicantTypes: APPLICANT_TYPE_KEYS.map((k) => ({ code: k, labelZh: APPLICANT_TYPE_LABELS[k] })),
    channels: (Object.keys(CHANNEL_LABELS) as RequestChannel[]).map((k) => ({
      code: k,
      labelZh: CHANNEL_LABELS[k],
      needsConfirmation: CONFIRMATION_CHANNELS.has(k),
    })),
    stages: (Object.keys(STAGE_LABELS) as RequestStage[]).map((k) => ({ code: k, labelZh: STAGE_LABELS[k] })),
    letterKinds: (Object.keys(LETTER_KIND_LABELS) as LetterKind[]).map((k) => ({
      code: k,
      labelZh: LETTER_KIND_LABELS[k],
    })),
    withholdingGrounds: WITHHOLDING_GROUNDS.map((g) => ({ code: g.code, labelZh: g.labelZh })),
    clockRuleNotes: (Object.keys(CLOCK_RULE_NOTES) as (keyof typeof CLOCK_RULE_NOTES)[]).map((k) => ({
      rule: k,
      ...CLOCK_RULE_NOTES[k],
    })),
    feeNotes: [DEFAULT_FEE_SCHEDULE.perItem.note, DEFAULT_FEE_SCHEDULE.perPage.note],
  };
}
