import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WarningRecipientsTable, WarningsTable } from './warnings.tables.js';

/** The only SQL of the warnings module. */
type Db = Kysely<DB>;
export type Warning = WarningsTable;
export type Recipient = WarningRecipientsTable;

export async function insertWarning(db: Db, row: Insertable<WarningsTable>): Promise<void> {
  await db.insertInto('warnings').values(row).execute();
}
export function findWarning(db: Db, id: string) {
  return db.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateWarning(db: Db, id: string, patch: Updateable<WarningsTable>): Promise<void> {
  await db.updateTable('warnings').set(patch).where('id', '=', id).execute();
}
/** Ends every published message of a chain (an update supersedes them; 解除 lifts them). */
export async function endChain(
  db: Db,
  rootId: string,
  status: 'superseded' | 'lifted',
  now: string,
): Promise<void> {
  await db
    .updateTable('warnings')
    .set({ status, ended_at: now, updated_at: now })
    .where('root_id', '=', rootId)
    .where('status', '=', 'published')
    .execute();
}
export function chainOf(db: Db, rootId: string) {
  return db.selectFrom('warnings').selectAll().where('root_id', '=', rootId).orderBy('created_at').execute();
}
export function listWarnings(
  db: Db,
  orgId: string,
  f: { status?: string },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('warnings').where('org_id', '=', orgId);
  if (f.status) q = q.where('status', '=', f.status as never);
  return Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
}
/** Published alerts/updates of an agency that have not expired by `now` (banner, public list). */
export function publishedCurrent(db: Db, orgId: string, now: string) {
  return db
    .selectFrom('warnings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('expires_at', '>', now)
    .where('msg_type', '!=', 'cancel')
    .orderBy('published_at', 'desc')
    .limit(20)
    .execute();
}
/** Published messages of every kind (feed), newest first. */
export function publicHistory(db: Db, orgId: string, limit: number) {
  return db
    .selectFrom('warnings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}
/** Published warnings past their expiry, still marked published. */
export function expiredPublished(db: Db, now: string) {
  return db
    .selectFrom('warnings')
    .select(['id', 'org_id', 'root_id'])
    .where('status', '=', 'published')
    .where('expires_at', '<=', now)
    .execute();
}

export async function insertRecipients(db: Db, rows: Insertable<WarningRecipientsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('warning_recipients')
      .values(rows.slice(i, i + 500))
      .execute();
}
export function findRecipient(db: Db, id: string) {
  return db.selectFrom('warning_recipients').selectAll().where('id', '=', id).executeTakeFirst();
}
export function recipientsOf(db: Db, warningId: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('warning_recipients')
    .selectAll()
    .where('warning_id', '=', warningId)
    .orderBy('group_kind')
    .orderBy('name')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
export function recipientCounts(db: Db, warningId: string) {
  return db
    .selectFrom('warning_recipients')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('total'),
      (eb) => eb.fn.count<number | string>('acked_at').as('acked'),
      (eb) => eb.fn.count<number | string>('escalated_at').as('escalated'),
    ])
    .where('warning_id', '=', warningId)
    .executeTakeFirstOrThrow();
}
export async function ack(db: Db, id: string, via: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('warning_recipients')
    .set({ acked_at: now, ack_via: via })
    .where('id', '=', id)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
/** Unacknowledged recipients of published warnings with this mobile number. */
export function openByMobile(db: Db, mobile: string) {
  return db
    .selectFrom('warning_recipients')
    .innerJoin('warnings', 'warnings.id', 'warning_recipients.warning_id')
    .select(['warning_recipients.id', 'warnings.org_id', 'warnings.id as warning_id'])
    .where('warning_recipients.mobile', '=', mobile)
    .where('warning_recipients.acked_at', 'is', null)
    .where('warnings.status', '=', 'published')
    .execute();
}
/** Unacknowledged, not yet escalated recipients of a published warning. */
export function toEscalate(db: Db, warningId: string, limit: number) {
  return db
    .selectFrom('warning_recipients')
    .selectAll()
    .where('warning_id', '=', warningId)
    .where('acked_at', 'is', null)
    .where('escalated_at', 'is', null)
    .limit(limit)
    .execute();
}
export async function markEscalated(db: Db, ids: string[], now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('warning_recipients')
      .set({ escalated_at: now })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}
/** Published alerts/updates whose acknowledgement time has run out (published_at ≤ cutoff per warning). */
export function publishedAlerts(db: Db) {
  return db
    .selectFrom('warnings')
    .select(['id', 'org_id', 'published_at', 'ack_minutes', 'title', 'created_by', 'approved_by'])
    .where('status', '=', 'published')
    .where('msg_type', '!=', 'cancel')
    .execute();
}
