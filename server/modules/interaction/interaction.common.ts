/**
 * Shared plumbing of the interaction use cases: the transaction context, the data key (identity
 * encryption, query codes), kind settings, the item view with its computed clock, and the audit
 * helper. Use-case files (intake.ts, triage.ts, handling.ts, publication.ts, consultation.ts) build on it.
 */
import { randomInt } from 'node:crypto';
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
import { checkQueryCode, encrypt, openPii, sealQueryCode, type PiiKeyring } from '../requests/index.js';
import { currentDataKey, dataKeyVersion, namedKey, reloadDataKeys } from '../../platform/keys/keys.js';
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

/**
 * Keys live outside the database (issue 14, item 5), as for the requests module: identities are sealed
 * under the current data key of `server/platform/keys` and name its version (`k<version>:…`), query codes
 * are hashed under it (`h2.<version>.…`). Installations from before kept a key of their own in
 * `interaction_secrets`; its ciphertexts carry no version and its query-code hashes are `h1.`/scrypt.
 * That key is only read now (never written with): from the row while it exists, after `gongkai keys
 * rotate` from KEYS_DIR/interaction-legacy.key (interaction.keys.ts moves it and deletes the row).
 */
export const LEGACY_KEY_NAME = 'identity_key_v1';
export const LEGACY_KEY_FILE = 'interaction-legacy';
const RING_TTL_MS = 60_000;
const rings = new WeakMap<object, { ring: PiiKeyring; at: number }>();

function versionKey(version: number): Buffer | null {
  // Another process may have rotated since this one read KEYS_DIR.
  return dataKeyVersion(version) ?? (reloadDataKeys() ? dataKeyVersion(version) : null);
}

/** The pre-issue-14 key of this module, wherever it is now (null on installations that never had one). */
export async function legacyKey(db: Kysely<DB>): Promise<Buffer | null> {
  const stored = await repo.secret(db, LEGACY_KEY_NAME);
  return stored ? Buffer.from(stored, 'base64') : namedKey(LEGACY_KEY_FILE);
}

/**
 * The module's keyring: writes under the current data key; reads every data key version, and version 0
 * (unversioned ciphertexts, `h1` hashes) with the legacy key. Cached a minute per handle outside
 * transactions; `_now` is kept for the callers' signature.
 */
export async function dataKey(db: Kysely<DB>, _now?: string): Promise<PiiKeyring> {
  const hit = rings.get(db);
  if (hit && Date.now() - hit.at < RING_TTL_MS) return hit.ring;
  if (hit) reloadDataKeys();
  const legacy = await legacyKey(db);
  const current = currentDataKey();
  const ring: PiiKeyring = {
    writeVersion: current.version,
    write: current.key,
    key: (v) => (v === 0 ? legacy : versionKey(v)),
  };
  if (!db.isTransaction) rings.set(db, { ring, at: Date.now() });
  return ring;
}

/** Forgets the cached keyring of a handle (after a rotation in this process). */
export function forgetDataKey(db: Kysely<DB>): void {
  rings.delete(db);
}

export function sealIdentity(ring: PiiKeyring, identity: Identity): string {
  return `k${ring.writeVersion}:${encrypt(ring.write, JSON.stringify(identity))}`;
}

export function openIdentity(ring: PiiKeyring, sealed: string): Identity {
  return JSON.parse(openPii(ring, sealed)) as Identity;
}

const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

export function queryCodeHash(ring: PiiKeyring, code: string): string {
  return sealQueryCode(ring, code);
}

/** Checks a query code against a stored hash of any version (`h2` under a data key, `h1`/scrypt legacy). */
export function queryCodeMatches(ring: PiiKeyring, code: string, stored: string): boolean {
  return checkQueryCode(ring, code, stored);
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
  /** The 依申请公开 case this complaint came from (信访举报投诉类申请 handed over on its reply). */
  fromRequest: { caseId: string; caseNumber: string; handedOverOn: string } | null;
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

export function detailOf(
  item: ItemRow,
  clock: ItemClock,
  settings: KindSettings,
  fromRequest: ItemDetail['fromRequest'] = null,
): ItemDetail {
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
    fromRequest,
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
  const link = item.channel === 'request' ? await repo.fromRequestOf(ctx.db, item.id) : undefined;
  const fromRequest = link
    ? { caseId: link.case_id, caseNumber: link.case_number, handedOverOn: link.handed_over_on }
    : null;
  return detailOf(item, clockOf(item, settings, calendar, todayInChina(ctx.clock)), settings, fromRequest);
}

/** A refused step as a domain error (used where a rule is not a state transition). */
export function refuse(code: string, messageZh: string, field?: string): DomainError {
  return new DomainError(code, messageZh, field ? { field } : undefined, 'invalid');
}
