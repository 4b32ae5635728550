/**
 * Intake (第二十九条、第三十一条): staff registration on every channel, online submissions, confirmation of receipt, conversions from other modules.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import type { DB } from '../../db/schema.js';
import type { Kysely } from 'kysely';
import { can, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { forbidden, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { compareIso, yearOf } from '../../platform/calendar/iso-date.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import { resolveReceiptDate } from './receipt-date.js';
import {
  CHANNEL_LABELS,
  CONFIRMATION_CHANNELS,
  assertPastDate,
  assertStage,
  descriptionKey,
  maskIdNumber,
  validateApplicant,
  type ApplicantInput,
} from './requests.rules.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './requests.repository.js';
import type { CaseRow, EventRow, LetterMeta } from './requests.repository.js';
import { applicantIndex, piiKeyring, sealPii, sealQueryCode, type PiiKeyring } from './pii.js';
import type { RequestChannel } from './requests.tables.js';
import { noticeApplicant } from './notices.js';
import { type CaseDetail, calendarFor, loadDetail, newCaseDetail } from './case-views.js';
import {
  type FreshCase,
  type Trx,
  agencyRow,
  appendEvent,
  batch,
  caseForWrite,
  eventRow,
  issueLetter,
  newQueryCode,
  setStage,
  txOf,
} from './case-writes.js';

type Db = Kysely<DB>;

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

/** What an intake wrote: the case, its events and its receipt letter (for the reply, without reading them back). */
interface Written {
  c: CaseRow;
  queryCode: string;
  events: EventRow[];
  letters: LetterMeta[];
}

/**
 * Registers an application inside the caller's transaction, in few statements: the agency row, the
 * case number, the case, (when received) the receipt letter's template, settings and number and the
 * letter, all of the case's first events in one insert, and ONE audit row for the act (登记申请
 * `request.received` when the receipt date is known, else 提交申请 `request.submitted`), naming the
 * receipt letter. The receipt's .docx is not rendered here (the worker renders it, or the first
 * download does). `keys`: the PII keyring read before the transaction (cached on the root handle).
 */
async function createCaseIn(t: Trx, orgId: string, input: IntakeInput, keys?: PiiKeyring): Promise<Written> {
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
  const ring = keys ?? (await piiKeyring(t.db));
  const submittedYear = Number((input.submittedAt || t.today).slice(0, 4)) || yearOf(t.today);
  const org = await agencyRow(t.db, orgId);
  const seq = await repo.nextCounter(t.db, orgId, 'case', submittedYear);
  const queryCode = newQueryCode();
  const c: CaseRow = {
    id: newId(),
    org_id: orgId,
    case_number: `${org.code.toUpperCase()}-${submittedYear}-${String(seq).padStart(5, '0')}`,
    query_code_hash: sealQueryCode(ring, queryCode),
    channel: input.channel,
    applicant_type: applicant.applicantType,
    applicant_name: applicant.applicantName,
    contact_person: applicant.contactPerson,
    id_doc_type: applicant.idDocType,
    id_number_enc: sealPii(ring, applicant.idNumber),
    id_number_hmac: applicantIndex(ring, applicant.idNumber),
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
    // Set by the events' insert below if one of them moves the clock (requests.repository.ts insertEvents).
    clock_moved: 0,
  };
  await repo.insertCase(t.db, c);
  const submittedOn = chinaDateOf(input.submittedAt || t.now);
  const fresh: FreshCase = { org, events: [] };
  fresh.events.push(
    eventRow(t, c, 1, 'submitted', submittedOn, {
      channel: input.channel,
      channelLabel: CHANNEL_LABELS[input.channel],
      ...(input.source ? { source: input.source } : {}),
    }),
  );
  const letters: LetterMeta[] = [];
  if (receivedOn) {
    fresh.events.push(eventRow(t, c, 2, 'received', receivedOn, { channel: input.channel }));
    letters.push(await issueLetter(t, c, 'receipt', receivedOn, { 查询码: queryCode }, { fresh }));
  } else {
    await noticeApplicant(t, c, 'submitted', { 查询码: queryCode });
  }
  await repo.insertEvents(t.db, fresh.events);
  const receipt = letters[0];
  await recordAudit(t.db, t.ctx.clock, t.actor, {
    action: receivedOn ? 'request.received' : 'request.submitted',
    targetType: 'request_case',
    targetId: c.id,
    orgId,
    after: {
      caseNumber: c.case_number,
      channel: input.channel,
      channelLabel: CHANNEL_LABELS[input.channel],
      submittedOn,
      receivedOn,
      ...(receipt ? { receiptLetterId: receipt.id, receiptLetterNumber: receipt.letter_number } : {}),
      ...(input.source ? { source: input.source } : {}),
    },
  });
  return { c, queryCode, events: fresh.events, letters };
}

/** Staff intake on any channel (当面、邮寄、平常信函、传真、电子邮件、口头). */
export async function createCase(ctx: Ctx, actor: Actor, input: IntakeInput): Promise<IntakeResult> {
  if (!can(actor, 'requests.admin')) throw forbidden();
  if (!actor.orgId && actor.kind !== 'system') throw forbidden();
  const orgId = actor.orgId!;
  const calendar = await calendarFor(ctx);
  const keys = await piiKeyring(ctx.db);
  const w = await inTransaction(ctx, (trx) =>
    createCaseIn(txOf(ctx, trx, actor, calendar), orgId, input, keys),
  );
  if (batch.getStore()) return { case: { id: w.c.id } as CaseDetail, queryCode: w.queryCode };
  // The reply is built from what was written: nothing is read back after the commit.
  return {
    case: newCaseDetail(actor, w.c, w, calendar, todayInChina(ctx.clock)),
    queryCode: w.queryCode,
  };
}

/**
 * Online application from the portal: awaits the office's confirmation (第三十一条（三）双方确认).
 * `gate` runs first in the same transaction (the portal consumes the form's captcha there, so the
 * captcha and the case share one commit); when it returns a message, what it wrote is committed, no
 * case is created and the message comes back as `refused`.
 */
export async function submitOnline(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  input: Omit<IntakeInput, 'channel' | 'submittedAt' | 'confirmedOn' | 'signedForOn'>,
  opts: { gate?: (trx: Db) => Promise<string | null> } = {},
): Promise<{ caseNumber: string; queryCode: string } | { refused: string }> {
  const calendar = await calendarFor(ctx);
  const keys = await piiKeyring(ctx.db);
  const w = await inTransaction(ctx, async (trx) => {
    const refused = opts.gate ? await opts.gate(trx) : null;
    if (refused) return { refused };
    return createCaseIn(
      txOf(ctx, trx, actor, calendar),
      orgId,
      { ...input, channel: 'online', submittedAt: nowIso(ctx.clock) },
      keys,
    );
  });
  if ('refused' in w) return w;
  return { caseNumber: w.c.case_number, queryCode: w.queryCode };
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
