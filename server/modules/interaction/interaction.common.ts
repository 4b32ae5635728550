/**
 * Shared plumbing of the interaction use cases: the transaction context, the data key (identity
 * encryption, query codes), kind settings, the item view with its computed clock, and the audit
 * helper. Use-case files (intake.ts, triage.ts, handling.ts, publication.ts, consultation.ts) build on it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { assertCan } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import type { Permission } from '../users/roles.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { decrypt, encrypt, hashQueryCode } from '../requests/index.js';
import * as repo from './interaction.repository.js';
import type { ItemRow } from './interaction.repository.js';
import {
  CHANNEL_LABELS,
  DEFAULT_SETTINGS,
  KINDS,
  KIND_LABELS,
  RATING_LABELS,
  STATUS_LABELS,
  computeClock,
  type Identity,
  type ItemClock,
  type KindSettings,
} from './interaction.rules.js';
import type { InteractionKind } from './interaction.tables.js';

/** The transaction context of a use case: trx as db, plus today's China date and now. */
export interface Trx extends Ctx {
  today: string;
  now: string;
}

/** Runs a use case in one transaction (the change and its audit row commit together). */
export function tx<T>(ctx: Ctx, work: (t: Trx) => Promise<T>): Promise<T> {
  return inTransaction(ctx, (trx) =>
    work({ ...ctx, db: trx, today: todayInChina(ctx.clock), now: nowIso(ctx.clock) }),
  );
}

/** Audits one step of an item (target type `interaction_item`). */
export async function audit(
  t: Trx,
  actor: Actor,
  action: string,
  item: Pick<ItemRow, 'id' | 'org_id' | 'number'>,
  after: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(t.db, t.clock, actor, {
    action: `interaction.${action}`,
    targetType: 'interaction_item',
    targetId: item.id,
    orgId: item.org_id,
    after: { number: item.number, ...after },
  });
}

/** The acting user's agency (staff act for exactly their own agency). */
export function agencyIdOf(actor: Actor, permission: Permission): string {
  assertCan(actor, permission);
  if (!actor.orgId) throw forbidden('只能处理本机关的事务');
  return actor.orgId;
}

/** Loads an item of the actor's agency or throws 404 (other agencies' items do not exist for them). */
export async function itemFor(db: Kysely<DB>, actor: Actor, id: string): Promise<ItemRow> {
  const item = await repo.getItem(db, id);
  if (!item || (actor.kind !== 'system' && item.org_id !== actor.orgId))
    throw notFound('interaction_item', '该件不存在');
  return item;
}

// ------------------------------------------------------------------ key (identity, query codes)

const KEY_NAME = 'identity_key_v1';
const keys = new WeakMap<object, Buffer>();

/** The module's data key (created on first use; safe inside a transaction). */
export async function dataKey(db: Kysely<DB>, now: string): Promise<Buffer> {
  const hit = keys.get(db);
  if (hit) return hit;
  let value = await repo.secret(db, KEY_NAME);
  if (!value) {
    await repo.insertSecret(db, KEY_NAME, randomBytes(32).toString('base64'), now);
    value = (await repo.secret(db, KEY_NAME))!;
  }
  const key = Buffer.from(value, 'base64');
  if (!db.isTransaction) keys.set(db, key);
  return key;
}

export function sealIdentity(key: Buffer, identity: Identity): string {
  return encrypt(key, JSON.stringify(identity));
}

export function openIdentity(key: Buffer, sealed: string): Identity {
  return JSON.parse(decrypt(key, sealed)) as Identity;
}

const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

export function queryCodeHash(key: Buffer, code: string): string {
  return hashQueryCode(key, code);
}

/** Next public number of an agency: HD-2026-000012. */
export async function nextNumber(t: Trx, orgId: string, year: number, orgCode: string): Promise<string> {
  const seq = await repo.nextCounter(t.db, orgId, year);
  return `${orgCode.toUpperCase()}-HD-${year}-${String(seq).padStart(6, '0')}`;
}

// ------------------------------------------------------------------ settings

export async function settingsFor(
  db: Kysely<DB>,
  orgId: string,
): Promise<Record<InteractionKind, KindSettings>> {
  const rows = await repo.settingsOf(db, orgId);
  const out = {} as Record<InteractionKind, KindSettings>;
  for (const kind of KINDS) {
    const r = rows.find((x) => x.kind === kind);
    out[kind] = r
      ? {
          kind,
          enabled: r.enabled === 1,
          handlerDivisionId: r.handler_division_id,
          acceptWorkdays: Number(r.accept_workdays),
          answerWorkdays: Number(r.answer_workdays),
          publishable: r.publishable === 1,
          signOffRequired: r.sign_off_required === 1,
        }
      : { kind, ...DEFAULT_SETTINGS[kind] };
  }
  return out;
}

export async function calendarOf(ctx: Pick<Ctx, 'db'>): Promise<WorkCalendar> {
  return loadWorkCalendar(ctx);
}

export function clockOf(
  item: ItemRow,
  settings: KindSettings,
  calendar: WorkCalendar,
  today: string,
): ItemClock {
  return computeClock(item, settings, calendar, today);
}

/** The due date the item's reply is measured against (statistics). */
export function answerDueOf(
  item: Pick<
    ItemRow,
    'kind' | 'received_on' | 'external_due_on' | 'answer_restart_on' | 'status' | 'accepted_on' | 'replied_on'
  >,
  settings: KindSettings,
  calendar: WorkCalendar,
): string {
  return computeClock({ ...item }, settings, calendar, item.received_on).answerDue;
}

// ------------------------------------------------------------------ views

export interface ItemSummary {
  id: string;
  number: string;
  kind: InteractionKind;
  kindLabel: string;
  channelLabel: string;
  status: ItemRow['status'];
  statusLabel: string;
  subject: string;
  anonymous: boolean;
  nameMasked: string | null;
  receivedOn: string;
  orderNumber: string | null;
  divisionId: string | null;
  handlerId: string | null;
  acceptDue: string;
  answerDue: string;
  workdaysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  published: boolean;
}

export function summaryOf(item: ItemRow, clock: ItemClock): ItemSummary {
  return {
    id: item.id,
    number: item.number,
    kind: item.kind,
    kindLabel: KIND_LABELS[item.kind],
    channelLabel: CHANNEL_LABELS[item.channel],
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    subject: item.subject,
    anonymous: item.anonymous === 1,
    nameMasked: item.name_masked,
    receivedOn: item.received_on,
    orderNumber: item.order_number,
    divisionId: item.division_id,
    handlerId: item.handler_id,
    acceptDue: clock.acceptDue,
    answerDue: clock.answerDue,
    workdaysLeft: clock.workdaysLeft,
    dueSoon: clock.dueSoon,
    overdue: clock.overdue,
    published: item.published === 1,
  };
}

export interface ItemDetail extends ItemSummary {
  body: string;
  channel: ItemRow['channel'];
  contactMasked: string | null;
  notifyBy: string | null;
  publishConsent: boolean;
  acceptedOn: string | null;
  decisionReason: string | null;
  transferredToOrgId: string | null;
  mergedIntoId: string | null;
  requestCaseId: string | null;
  requestCaseNumber: string | null;
  enforcementRef: string | null;
  draftReply: string | null;
  draftFindings: { kind: string; labelZh: string; masked: string; severity: string }[];
  scanPassed: boolean;
  signOffRequired: boolean;
  signedBy: string | null;
  signedAt: string | null;
  reply: string | null;
  replyUnit: string | null;
  repliedOn: string | null;
  reopenCount: number;
  rating: ItemRow['rating'];
  ratingLabel: string | null;
  ratingComment: string | null;
  archivedOn: string | null;
  publishable: boolean;
  publicSubject: string | null;
  publicQuestion: string | null;
  publicReply: string | null;
  externalDueOn: string | null;
  clockExplanation: string[];
  estimatedNotice: string | null;
  acceptedLate: boolean;
  answeredLate: boolean;
}

export function detailOf(item: ItemRow, clock: ItemClock, settings: KindSettings): ItemDetail {
  const findings = item.draft_scan
    ? (JSON.parse(item.draft_scan) as { kind: string; labelZh: string; masked: string; severity: string }[])
    : [];
  return {
    ...summaryOf(item, clock),
    body: item.body,
    channel: item.channel,
    contactMasked: item.contact_masked,
    notifyBy: item.notify_by,
    publishConsent: item.publish_consent === 1,
    acceptedOn: item.accepted_on,
    decisionReason: item.decision_reason,
    transferredToOrgId: item.transferred_to_org_id,
    mergedIntoId: item.merged_into_id,
    requestCaseId: item.request_case_id,
    requestCaseNumber: item.request_case_number,
    enforcementRef: item.enforcement_ref,
    draftReply: item.draft_reply,
    draftFindings: findings.map((f) => ({
      kind: f.kind,
      labelZh: f.labelZh,
      masked: f.masked,
      severity: f.severity,
    })),
    scanPassed: item.scan_passed_at !== null,
    signOffRequired: settings.signOffRequired,
    signedBy: item.signed_by,
    signedAt: item.signed_at,
    reply: item.reply,
    replyUnit: item.reply_unit,
    repliedOn: item.replied_on,
    reopenCount: Number(item.reopen_count),
    rating: item.rating,
    ratingLabel: item.rating ? RATING_LABELS[item.rating] : null,
    ratingComment: item.rating_comment,
    archivedOn: item.archived_on,
    publishable: settings.publishable,
    publicSubject: item.public_subject,
    publicQuestion: item.public_question,
    publicReply: item.public_reply,
    externalDueOn: item.external_due_on,
    clockExplanation: clock.explanation,
    estimatedNotice: clock.estimatedNotice,
    acceptedLate: clock.acceptedLate,
    answeredLate: clock.answeredLate,
  };
}

/** Loads the detail view of an item (settings + calendar + clock). */
export async function loadDetail(ctx: Ctx, item: ItemRow): Promise<ItemDetail> {
  const settings = (await settingsFor(ctx.db, item.org_id))[item.kind];
  const calendar = await calendarOf(ctx);
  return detailOf(item, clockOf(item, settings, calendar, todayInChina(ctx.clock)), settings);
}

/** A refused step as a domain error (used where a rule is not a state transition). */
export function refuse(code: string, messageZh: string, field?: string): DomainError {
  return new DomainError(code, messageZh, field ? { field } : undefined, 'invalid');
}
