import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/database.js';
import type {
  QueueChannel,
  NotifyAttachmentsTable,
  NotifyInboxTable,
  NotifyMessagesTable,
  NotifySubscriptionsTable,
  NotifyUserPrefsTable,
} from './notify.tables.js';

/** The only SQL of the notify module's queue, templates and inbox. */
type Db = Kysely<DB>;
export type Message = NotifyMessagesTable;

// ── queue ──

/** Inserts a message unless its idempotency key exists; true when inserted. */
export async function insertMessage(db: Db, row: Insertable<NotifyMessagesTable>): Promise<boolean> {
  const r = await db
    .insertInto('notify_messages')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function messageByKey(db: Db, key: string) {
  return db.selectFrom('notify_messages').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}
export function messageById(db: Db, id: string) {
  return db.selectFrom('notify_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function messagesByIds(db: Db, ids: string[]) {
  return ids.length
    ? db.selectFrom('notify_messages').selectAll().where('id', 'in', ids).execute()
    : Promise.resolve([]);
}
export async function insertAttachments(db: Db, rows: Insertable<NotifyAttachmentsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('notify_attachments').values(rows).execute();
}
export function attachmentsOf(db: Db, messageId: string) {
  return db
    .selectFrom('notify_attachments')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('sort_order')
    .execute();
}

/**
 * Claims up to `limit` due messages for one worker in one atomic statement: pending, due, not leased.
 * They become `sending` with a lease and one more attempt. PostgreSQL locks the picked rows FOR UPDATE
 * SKIP LOCKED (concurrent workers take other rows instead of waiting); SQLite runs the statement under
 * its single writer lock. The same technique as the catalog outbox (catalog.repository claimDeliveries).
 */
export async function claimMessages(
  db: Db,
  dialect: DialectName,
  claim: {
    workerId: string;
    now: string;
    leaseUntil: string;
    limit: number;
    channels: readonly QueueChannel[];
  },
): Promise<Message[]> {
  const { workerId, now, leaseUntil, limit, channels } = claim;
  if (channels.length === 0) return [];
  let pick = db
    .selectFrom('notify_messages')
    .select('id')
    .where('status', '=', 'pending')
    .where('channel', 'in', channels)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('status')
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .limit(limit);
  if (dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const rows = await db
    .updateTable('notify_messages')
    .set({
      status: 'sending',
      claimed_by: workerId,
      claimed_until: leaseUntil,
      attempts: sql<number>`attempts + 1`,
      updated_at: now,
    })
    // ARRAY(subquery) is evaluated once on PostgreSQL (see catalog claimDeliveries for why).
    .where(dialect === 'postgres' ? sql<boolean>`id = ANY(ARRAY(${pick}))` : sql<boolean>`id IN (${pick})`)
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
  return rows.sort((a, b) =>
    a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1,
  );
}

/** Settles a claimed message, unless its lease was taken away (then false and nothing changes). */
export async function settleMessage(
  db: Db,
  id: string,
  workerId: string,
  patch: Updateable<NotifyMessagesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('notify_messages')
    .set({ ...patch, claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Messages whose worker vanished while handing them over (lease ran out in `sending`): whether the
 * gateway got them is unknown, so they fail visibly instead of being sent a second time.
 */
export async function failInterrupted(db: Db, now: string): Promise<string[]> {
  const ids = (
    await db
      .selectFrom('notify_messages')
      .select('id')
      .where('status', '=', 'sending')
      .where('claimed_until', '<=', now)
      .limit(1000)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  await db
    .updateTable('notify_messages')
    .set({
      status: 'failed',
      claimed_by: null,
      claimed_until: null,
      last_error:
        '发送过程中断（发送进程意外退出），对方是否收到未知；为避免重复发送未自动重发，可核实后在控制台重发',
      updated_at: now,
      completed_at: now,
    })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .where('claimed_until', '<=', now)
    .execute();
  return ids;
}

/** Marks the messages among `ids` still waiting as recorded (seeded demo data: nothing is sent). */
export async function recordPending(db: Db, ids: string[], now: string, note: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const waiting = (
    await db
      .selectFrom('notify_messages')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .execute()
  ).map((r) => r.id);
  if (waiting.length)
    await db
      .updateTable('notify_messages')
      .set({
        status: 'recorded',
        attempts: 1,
        external_ref: note,
        next_attempt_at: null,
        updated_at: now,
        completed_at: now,
      })
      .where('id', 'in', waiting)
      .where('status', '=', 'pending')
      .execute();
  return waiting;
}

/** Cancels the messages among `ids` that are still waiting (not handed over); returns their ids. */
export async function cancelPending(db: Db, ids: string[], now: string, reason: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const waiting = (
    await db
      .selectFrom('notify_messages')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .execute()
  ).map((r) => r.id);
  if (waiting.length)
    await db
      .updateTable('notify_messages')
      .set({
        status: 'cancelled',
        last_error: reason,
        next_attempt_at: null,
        updated_at: now,
        completed_at: now,
      })
      .where('id', 'in', waiting)
      .where('status', '=', 'pending')
      .execute();
  return waiting;
}

export async function insertSmsParts(
  db: Db,
  rows: { smsc_id: string; message_id: string; part_no: number; status: string; updated_at: string }[],
): Promise<void> {
  if (rows.length)
    await db
      .insertInto('notify_sms_parts')
      .values(rows)
      .onConflict((oc) =>
        oc.column('smsc_id').doUpdateSet({ message_id: (eb) => eb.ref('excluded.message_id') }),
      )
      .execute();
}
export function smsPart(db: Db, smscId: string) {
  return db.selectFrom('notify_sms_parts').selectAll().where('smsc_id', '=', smscId).executeTakeFirst();
}
export async function setSmsPart(db: Db, smscId: string, status: string, now: string): Promise<void> {
  await db
    .updateTable('notify_sms_parts')
    .set({ status, updated_at: now })
    .where('smsc_id', '=', smscId)
    .execute();
}
export function smsPartsOf(db: Db, messageId: string) {
  return db.selectFrom('notify_sms_parts').selectAll().where('message_id', '=', messageId).execute();
}
export async function updateMessage(
  db: Db,
  id: string,
  patch: Updateable<NotifyMessagesTable>,
): Promise<void> {
  await db.updateTable('notify_messages').set(patch).where('id', '=', id).execute();
}

export function listMessages(
  db: Db,
  f: { orgId: string; channel?: string; status?: string; sourceModule?: string; sourceId?: string },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('notify_messages').where('org_id', '=', f.orgId);
  if (f.channel) q = q.where('channel', '=', f.channel as never);
  if (f.status) q = q.where('status', '=', f.status as never);
  if (f.sourceModule) q = q.where('source_module', '=', f.sourceModule);
  if (f.sourceId) q = q.where('source_id', '=', f.sourceId);
  return Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

/** Messages per channel and status created in [from, to). */
export function countsByChannel(db: Db, orgId: string, from: string, to: string) {
  return db
    .selectFrom('notify_messages')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('org_id', '=', orgId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['channel', 'status'])
    .execute();
}

// ── templates ──

export function templateOverride(db: Db, orgId: string, template: string, channel: string) {
  return db
    .selectFrom('notify_templates')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('template', '=', template)
    .where('channel', '=', channel)
    .executeTakeFirst();
}
export function templateOverrides(db: Db, orgId: string) {
  return db.selectFrom('notify_templates').selectAll().where('org_id', '=', orgId).execute();
}
export async function upsertTemplate(
  db: Db,
  row: {
    org_id: string;
    template: string;
    channel: string;
    subject: string | null;
    body: string;
    updated_at: string;
    updated_by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('notify_templates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'template', 'channel']).doUpdateSet({
        subject: row.subject,
        body: row.body,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}
export async function deleteTemplate(
  db: Db,
  orgId: string,
  template: string,
  channel: string,
): Promise<void> {
  await db
    .deleteFrom('notify_templates')
    .where('org_id', '=', orgId)
    .where('template', '=', template)
    .where('channel', '=', channel)
    .execute();
}

// ── inbox and preferences ──

export async function insertInbox(db: Db, row: Insertable<NotifyInboxTable>): Promise<boolean> {
  const r = await db
    .insertInto('notify_inbox')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}
export function inboxOf(
  db: Db,
  userId: string,
  page: { limit: number; offset: number; unreadOnly: boolean },
) {
  let q = db.selectFrom('notify_inbox').where('user_id', '=', userId);
  if (page.unreadOnly) q = q.where('read_at', 'is', null);
  return Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
}
export async function unreadCount(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notify_inbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function markRead(db: Db, userId: string, ids: string[] | 'all', now: string): Promise<number> {
  let q = db
    .updateTable('notify_inbox')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function prefsOf(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([] as NotifyUserPrefsTable[]);
  return db.selectFrom('notify_user_prefs').selectAll().where('user_id', 'in', userIds).execute();
}
export async function upsertPrefs(db: Db, row: NotifyUserPrefsTable): Promise<void> {
  const { user_id: _u, ...rest } = row;
  await db
    .insertInto('notify_user_prefs')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(rest))
    .execute();
}

/** Inserts many messages, skipping existing idempotency keys; returns how many were inserted. */
export async function insertMessages(db: Db, rows: Insertable<NotifyMessagesTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('notify_messages')
    .values(rows)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .execute();
  return r.length;
}

/** Locks a message row until the transaction ends (PostgreSQL; SQLite transactions are serial anyway). */
export async function lockMessage(db: Db, dialect: DialectName, id: string): Promise<void> {
  let q = db.selectFrom('notify_messages').select('id').where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  await q.executeTakeFirst();
}

// ── public subscriptions ──

export function insertSubscription(db: Db, row: Insertable<NotifySubscriptionsTable>) {
  return db.insertInto('notify_subscriptions').values(row).execute();
}
export function findSubscription(db: Db, id: string) {
  return db.selectFrom('notify_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}
/** The live (pending or active) subscription of an address to a target, if any. */
export function liveSubscription(db: Db, orgId: string, email: string, kind: string, target: string) {
  return db
    .selectFrom('notify_subscriptions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('email', '=', email)
    .where('target_kind', '=', kind)
    .where('target', '=', target)
    .where('status', 'in', ['pending', 'active'])
    .executeTakeFirst();
}
export async function updateSubscription(
  db: Db,
  id: string,
  patch: Updateable<NotifySubscriptionsTable>,
): Promise<void> {
  await db.updateTable('notify_subscriptions').set(patch).where('id', '=', id).execute();
}
export function activeSubscriptions(db: Db, limit: number) {
  return db
    .selectFrom('notify_subscriptions')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute();
}
export type Subscription = NotifySubscriptionsTable;

// ── platform accounts ──

/** An agency's enabled account on a platform (公众号 or 微博), if it has one. */
export function enabledChannelAccount(db: Db, orgId: string, channel: 'wechat' | 'weibo') {
  return db
    .selectFrom('notify_channel_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('channel', '=', channel)
    .where('enabled', '=', 1)
    .executeTakeFirst();
}
