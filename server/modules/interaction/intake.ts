/**
 * Intake (issue 16 item 2): the portal form, staff entry of calls/visits/letters with the day received,
 * and 12345 work orders (file import and the inbound JSON endpoint, idempotent on the order number).
 * Every item gets a public number and a private query code (stored hashed), like requests.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { compareIso, isIsoDate } from '../../platform/calendar/iso-date.js';
import { DomainError, conflict, invalidField } from '../../platform/errors.js';
import { newId, randomToken, sha256 } from '../../platform/ids.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import type { PetitionHandover } from '../requests/index.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { formatOf } from '../enforcement/enforcement.import.js';
import { readSheetRows } from '../enforcement/import.reader.js';
import { cellText } from '../enforcement/import.columns.js';
import * as repo from './interaction.repository.js';
import type { ItemRow } from './interaction.repository.js';
import {
  agencyIdOf,
  audit,
  dataKey,
  itemFor,
  loadDetail,
  newQueryCode,
  nextNumber,
  queryCodeHash,
  sealIdentity,
  settingsFor,
  tx,
  type ItemDetail,
  type Trx,
} from './interaction.common.js';
import {
  LIMITS,
  PORTAL_KINDS,
  STAFF_CHANNELS,
  checkOrder,
  fieldsError,
  mapOrderHeader,
  maskContact,
  maskName,
  validateSubmission,
  type HotlineOrder,
  type SubmissionInput,
  type ValidSubmission,
} from './interaction.rules.js';
import type { InteractionChannel } from './interaction.tables.js';

interface NewItem {
  orgId: string;
  channel: InteractionChannel;
  submission: ValidSubmission;
  receivedOn: string;
  submittedAt: string;
  orderNumber?: string | null;
  orderHash?: string | null;
  externalDueOn?: string | null;
  createdBy: string | null;
}

async function insertNew(t: Trx, input: NewItem): Promise<{ item: ItemRow; queryCode: string }> {
  const org = await orgRepo.findById(t.db, input.orgId);
  if (!org) throw invalidField('agency', 'unknown_agency', '机关不存在');
  const settings = (await settingsFor(t.db, input.orgId))[input.submission.kind];
  if (!settings.enabled) throw invalidField('kind', 'kind_disabled', '本机关暂未开通该类留言');
  const key = await dataKey(t.db, t.now);
  const queryCode = newQueryCode();
  const s = input.submission;
  const item: ItemRow = {
    id: newId(),
    org_id: input.orgId,
    number: await nextNumber(t, input.orgId, Number(input.receivedOn.slice(0, 4)), org.code),
    query_code_hash: queryCodeHash(key, queryCode),
    kind: s.kind,
    channel: input.channel,
    status: 'received',
    subject: s.subject,
    body: s.body,
    anonymous: s.anonymous ? 1 : 0,
    identity_enc: s.identity ? sealIdentity(key, s.identity) : null,
    name_masked: s.identity ? maskName(s.identity.name) : null,
    contact_masked: s.identity ? maskContact(s.identity) || null : null,
    notify_by: s.notifyBy,
    publish_consent: s.publishConsent ? 1 : 0,
    submitted_at: input.submittedAt,
    received_on: input.receivedOn,
    order_number: input.orderNumber ?? null,
    order_hash: input.orderHash ?? null,
    external_due_on: input.externalDueOn ?? null,
    accepted_on: null,
    decision_reason: null,
    transferred_to_org_id: null,
    merged_into_id: null,
    request_case_id: null,
    request_case_number: null,
    enforcement_ref: null,
    division_id: settings.handlerDivisionId,
    handler_id: null,
    draft_reply: null,
    draft_scan: null,
    scan_passed_at: null,
    signed_by: null,
    signed_at: null,
    reply: null,
    reply_unit: null,
    replied_on: null,
    replied_at: null,
    answer_restart_on: null,
    reopen_count: 0,
    rating: null,
    rating_comment: null,
    rated_at: null,
    archived_on: null,
    published: 0,
    published_at: null,
    published_month: null,
    public_subject: null,
    public_question: null,
    public_reply: null,
    created_by: input.createdBy,
    created_at: t.now,
    updated_at: t.now,
  };
  await repo.insertItem(t.db, item);
  return { item, queryCode };
}

/** A citizen's message from the portal form (the captcha and rate limit are checked by the route). */
export async function submitOnline(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  input: SubmissionInput,
): Promise<{ number: string; queryCode: string }> {
  const submission = validateSubmission(input, PORTAL_KINDS);
  const { item, queryCode } = await tx(ctx, async (t) => {
    const r = await insertNew(t, {
      orgId,
      channel: 'portal',
      submission,
      receivedOn: t.today,
      submittedAt: t.now,
      createdBy: null,
    });
    await audit(t, actor, 'submitted', r.item, {
      kind: r.item.kind,
      channel: 'portal',
      anonymous: submission.anonymous,
    });
    return r;
  });
  return { number: item.number, queryCode };
}

export interface StaffEntryInput extends SubmissionInput {
  channel: string;
  receivedOn: string;
}

/** Staff enter a call, visit, letter or e-mail with the day it was received. */
export async function staffEntry(
  ctx: Ctx,
  actor: Actor,
  input: StaffEntryInput,
): Promise<{ item: ItemDetail; queryCode: string }> {
  const orgId = agencyIdOf(actor, 'interaction.handle');
  const errors: Record<string, string> = {};
  if (!(STAFF_CHANNELS as readonly string[]).includes(input.channel))
    errors.channel = '请选择来源渠道（来电、来访、来信、电子邮件）';
  const today = todayInChina(ctx.clock);
  if (!isIsoDate(input.receivedOn)) errors.receivedOn = '请填写收到日期';
  else if (compareIso(input.receivedOn, today) > 0)
    errors.receivedOn = `收到日期（${input.receivedOn}）不能晚于今天`;
  let submission: ValidSubmission | null = null;
  try {
    submission = validateSubmission(input);
  } catch (err) {
    const fields = (err as { details?: { fields?: Record<string, string> } }).details?.fields;
    if (!fields) throw err;
    Object.assign(errors, fields);
  }
  if (Object.keys(errors).length > 0 || !submission) throw fieldsError(errors);
  const valid = submission;
  const { item, queryCode } = await tx(ctx, async (t) => {
    const r = await insertNew(t, {
      orgId,
      channel: input.channel as InteractionChannel,
      submission: valid,
      receivedOn: input.receivedOn,
      submittedAt: t.now,
      createdBy: actor.userId,
    });
    await audit(t, actor, 'registered', r.item, {
      kind: r.item.kind,
      channel: input.channel,
      receivedOn: input.receivedOn,
    });
    return r;
  });
  return { item: await loadDetail(ctx, item), queryCode };
}

// ------------------------------------------------------------------ from 依申请公开

/**
 * A complaint or petition sent in as an information request (信访举报投诉类申请, 条例第三十九条第一款):
 * the request side answered it as such and hands the matter over (provided to it as
 * `requests.petitionReceiver`). It becomes a 投诉举报 item received on the day of that answer (its own
 * clock starts then), keeps the original submission time and the link to the case, and runs in the
 * answering transaction. An agency that has switched 投诉举报 off receives nothing (null).
 */
export async function receivePetition(
  ctx: Ctx,
  handover: PetitionHandover,
): Promise<{ number: string } | null> {
  const t: Trx = { ...ctx, today: todayInChina(ctx.clock), now: nowIso(ctx.clock) };
  if (!(await settingsFor(t.db, handover.orgId)).complaint.enabled) return null;
  const already = await repo.fromRequestByCase(t.db, handover.caseId);
  if (already) {
    const item = await repo.getItem(t.db, already.item_id);
    if (item) return { number: item.number };
  }
  const text = handover.content.replace(/\s+/g, ' ').trim();
  const subject = `依申请公开转来：${[...text].slice(0, LIMITS.subject - 12).join('')}`;
  const { item } = await insertNew(t, {
    orgId: handover.orgId,
    channel: 'request',
    submission: {
      kind: 'complaint',
      subject,
      body: handover.content,
      anonymous: false,
      identity: {
        name: handover.applicant.name,
        phone: handover.applicant.phone,
        email: handover.applicant.email,
        address: handover.applicant.address,
      },
      notifyBy: handover.notifyBy,
      publishConsent: false,
    },
    receivedOn: handover.handedOverOn,
    submittedAt: handover.submittedAt,
    createdBy: handover.actor.userId,
  });
  await repo.insertFromRequest(t.db, {
    item_id: item.id,
    org_id: item.org_id,
    case_id: handover.caseId,
    case_number: handover.caseNumber,
    handed_over_on: handover.handedOverOn,
    created_at: t.now,
  });
  await audit(t, handover.actor, 'received_from_request', item, {
    kind: 'complaint',
    caseNumber: handover.caseNumber,
  });
  return { number: item.number };
}

// ------------------------------------------------------------------ 12345 orders

/** Canonical hash of an order's content: the same order sent again hashes the same. */
export function orderHash(o: HotlineOrder): string {
  return createHash('sha256')
    .update(JSON.stringify([o.orderNumber, o.receivedOn, o.subject, o.body, o.name, o.phone, o.dueOn]))
    .digest('hex');
}

async function receiveOrder(
  t: Trx,
  actor: Actor,
  orgId: string,
  order: HotlineOrder,
): Promise<{ created: boolean; number: string }> {
  const hash = orderHash(order);
  const existing = await repo.findByOrder(t.db, orgId, order.orderNumber);
  if (existing) {
    if (existing.order_hash === hash) return { created: false, number: existing.number };
    throw conflict(
      'order_changed',
      `工单${order.orderNumber}已接收，再次发送的内容与原工单不同；如工单有变更，请在12345平台退回后重新派单`,
      { orderNumber: order.orderNumber },
    );
  }
  const submission: ValidSubmission = {
    kind: 'hotline',
    subject: order.subject,
    body: order.body,
    anonymous: !order.name,
    identity: order.name ? { name: order.name, phone: order.phone, email: null, address: null } : null,
    notifyBy: null,
    publishConsent: false,
  };
  const { item } = await insertNew(t, {
    orgId,
    channel: 'hotline_12345',
    submission,
    receivedOn: order.receivedOn,
    submittedAt: t.now,
    orderNumber: order.orderNumber,
    orderHash: hash,
    externalDueOn: order.dueOn,
    createdBy: actor.userId,
  });
  await audit(t, actor, 'order_received', item, { orderNumber: order.orderNumber });
  return { created: true, number: item.number };
}

/** Issues (or replaces) the agency's token for the 12345 inbound endpoint; only its hash is stored. */
export async function rotateInboundToken(ctx: Ctx, actor: Actor): Promise<{ token: string }> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  const token = `gk12345_${randomToken(24)}`;
  await tx(ctx, async (t) => {
    await repo.putToken(t.db, orgId, sha256(token), t.now, actor.userId);
    await audit(t, actor, 'token_rotated', { id: orgId, org_id: orgId, number: '12345接口令牌' });
  });
  return { token };
}

export async function inboundTokenInfo(ctx: Ctx, actor: Actor): Promise<{ issuedAt: string | null }> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  return { issuedAt: (await repo.tokenInfo(ctx.db, orgId))?.created_at ?? null };
}

/** The agency a bearer token belongs to, or undefined (the route answers 401). */
export async function agencyOfToken(ctx: Ctx, token: string): Promise<string | undefined> {
  if (!token || token.length > 200) return undefined;
  return repo.orgOfToken(ctx.db, sha256(token));
}

export type OrderFields = Partial<Record<keyof HotlineOrder, string | null>>;

/** One order from the city platform (inbound endpoint). Re-sending the same order changes nothing. */
export async function inboundOrder(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  raw: OrderFields,
): Promise<{ created: boolean; number: string }> {
  const { value, problems } = checkOrder(
    raw as Record<keyof HotlineOrder, string | null | undefined>,
    todayInChina(ctx.clock),
  );
  if (!value) {
    const fields: Record<string, string> = {};
    for (const p of problems) fields[p.column] = p.reason;
    throw fieldsError(fields);
  }
  return tx(ctx, (t) => receiveOrder(t, actor, orgId, value));
}

export interface ImportResult {
  rows: number;
  created: number;
  unchanged: number;
  errors: { row: number; column: string; reason: string }[];
}

/** Errors stop a file from being imported at all; this many are reported. */
const MAX_REPORTED_ERRORS = 200;

/**
 * Imports a CSV/.xlsx file of 12345 orders (the platform's export). All or nothing: any malformed row
 * is reported by row and column and nothing is saved; orders already received are left unchanged.
 */
export async function importOrders(
  ctx: Ctx,
  actor: Actor,
  file: { path: string; fileName: string },
): Promise<ImportResult> {
  const orgId = agencyIdOf(actor, 'interaction.handle');
  const format = formatOf(file.fileName);
  const today = todayInChina(ctx.clock);
  const orders: { row: number; order: HotlineOrder }[] = [];
  const errors: ImportResult['errors'] = [];
  let positions: ReturnType<typeof mapOrderHeader>['positions'] | null = null;
  const seen = new Map<string, number>();
  for await (const { rowNo, cells } of readSheetRows(file.path, format)) {
    if (positions === null) {
      const header = mapOrderHeader(cells.map((c) => cellText(c)));
      if (header.problems.length) {
        return {
          rows: 0,
          created: 0,
          unchanged: 0,
          errors: header.problems.map((p) => ({ row: rowNo, column: p.column, reason: p.reason })),
        };
      }
      positions = header.positions;
      continue;
    }
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const at = (f: keyof HotlineOrder) => {
      const i = positions!.get(f);
      return i === undefined ? '' : String(cells[i] ?? '');
    };
    const { value, problems } = checkOrder(
      {
        orderNumber: at('orderNumber'),
        receivedOn: at('receivedOn'),
        subject: at('subject'),
        body: at('body'),
        name: at('name'),
        phone: at('phone'),
        dueOn: at('dueOn'),
      },
      today,
    );
    for (const p of problems)
      if (errors.length < MAX_REPORTED_ERRORS)
        errors.push({ row: rowNo, column: p.column, reason: p.reason });
    if (value) {
      const first = seen.get(value.orderNumber);
      if (first !== undefined && errors.length < MAX_REPORTED_ERRORS)
        errors.push({
          row: rowNo,
          column: '工单编号',
          reason: `工单编号${value.orderNumber}与第${first}行重复`,
        });
      seen.set(value.orderNumber, rowNo);
      orders.push({ row: rowNo, order: value });
    }
  }
  if (positions === null)
    return {
      rows: 0,
      created: 0,
      unchanged: 0,
      errors: [{ row: 1, column: '工单编号', reason: '文件为空' }],
    };
  if (errors.length > 0) return { rows: orders.length + errors.length, created: 0, unchanged: 0, errors };
  let created = 0;
  let unchanged = 0;
  await tx(ctx, async (t) => {
    for (const { row, order } of orders) {
      try {
        const r = await receiveOrder(t, actor, orgId, order);
        if (r.created) created++;
        else unchanged++;
      } catch (err) {
        if (err instanceof DomainError && err.code === 'order_changed')
          throw conflict('order_changed', `第${row}行：${err.messageZh}`, { row, column: '工单编号' });
        throw err;
      }
    }
  });
  return { rows: orders.length, created, unchanged, errors: [] };
}

/** Re-issues the query code (the correspondent lost it); only staff with the identity can hand it over. */
export async function resetQueryCode(ctx: Ctx, actor: Actor, id: string): Promise<{ queryCode: string }> {
  agencyIdOf(actor, 'interaction.admin');
  return tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    const queryCode = newQueryCode();
    await repo.updateItem(t.db, item.id, {
      query_code_hash: queryCodeHash(await dataKey(t.db, t.now), queryCode),
      updated_at: t.now,
    });
    await audit(t, actor, 'query_code_reset', item);
    return { queryCode };
  });
}
