import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type {
  CatalogApprovalsTable,
  CatalogAttachmentsTable,
  CatalogColumnsTable,
  CatalogDeliveriesTable,
  CatalogItemEventsTable,
  CatalogItemRevisionsTable,
  CatalogItemLinksTable,
  CatalogItemsTable,
  CatalogReviewsTable,
  CatalogScanOverridesTable,
  ChannelName,
  RevisionState,
} from './catalog.tables.js';

type Db = Kysely<DB>;
export type Column = Selectable<CatalogColumnsTable>;
export type Item = Selectable<CatalogItemsTable>;
export type Revision = Selectable<CatalogItemRevisionsTable>;
export type Attachment = Selectable<CatalogAttachmentsTable>;
export type Delivery = Selectable<CatalogDeliveriesTable>;
export type ItemEvent = Selectable<CatalogItemEventsTable>;

// ── columns ──
export function listColumns(db: Db, orgId: string, includeRetired = true): Promise<Column[]> {
  let q = db.selectFrom('catalog_columns').selectAll().where('org_id', '=', orgId);
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return q.orderBy('depth').orderBy('sort_order').orderBy('name').execute();
}
export function findColumn(db: Db, id: string): Promise<Column | undefined> {
  return db.selectFrom('catalog_columns').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertColumn(db: Db, row: Insertable<CatalogColumnsTable>): Promise<void> {
  await db.insertInto('catalog_columns').values(row).execute();
}
export async function updateColumn(
  db: Db,
  id: string,
  patch: Updateable<CatalogColumnsTable>,
): Promise<void> {
  await db.updateTable('catalog_columns').set(patch).where('id', '=', id).execute();
}

// ── items ──
export function findItem(db: Db, id: string): Promise<Item | undefined> {
  return db.selectFrom('catalog_items').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertItem(db: Db, row: Insertable<CatalogItemsTable>): Promise<void> {
  await db.insertInto('catalog_items').values(row).execute();
}
export async function updateItem(db: Db, id: string, patch: Updateable<CatalogItemsTable>): Promise<void> {
  await db.updateTable('catalog_items').set(patch).where('id', '=', id).execute();
}

export interface ItemFilter {
  orgIds: string[];
  columnId?: string;
  status?: string;
  state?: string;
  q?: string;
  draftedBy?: string;
  /**
   * 年份: the year of 发布日期 for items that were ever published; for items never published, the
   * year (China time) they were drafted in.
   */
  year?: number;
  limit: number;
  offset: number;
}

export async function listItems(
  db: Db,
  f: ItemFilter,
): Promise<{ rows: (Item & { wr_state: string | null })[]; total: number }> {
  if (f.orgIds.length === 0) return { rows: [], total: 0 };
  let q = db
    .selectFrom('catalog_items as i')
    .leftJoin('catalog_item_revisions as r', 'r.id', 'i.working_revision_id')
    .where('i.org_id', 'in', f.orgIds);
  if (f.columnId) q = q.where('i.column_id', '=', f.columnId);
  if (f.status) q = q.where('i.status', '=', f.status as Item['status']);
  if (f.state) q = q.where('r.state', '=', f.state as RevisionState);
  if (f.draftedBy) q = q.where('r.drafted_by', '=', f.draftedBy);
  if (f.year) {
    const y = f.year;
    // created_at is UTC: the China year Y runs from (Y-1)-12-31T16:00Z to Y-12-31T16:00Z.
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('i.published_on', '>=', `${y}-01-01`), eb('i.published_on', '<', `${y + 1}-01-01`)]),
        eb.and([
          eb('i.published_on', 'is', null),
          eb('i.created_at', '>=', `${y - 1}-12-31T16:00:00.000Z`),
          eb('i.created_at', '<', `${y}-12-31T16:00:00.000Z`),
        ]),
      ]),
    );
  }
  if (f.q) q = q.where((eb) => eb.or([eb('i.title', 'like', `%${f.q}%`), eb('r.title', 'like', `%${f.q}%`)]));
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('i')
    .select('r.state as wr_state')
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: toNumber(total.n) };
}

// ── revisions ──
export function findRevision(db: Db, id: string): Promise<Revision | undefined> {
  return db.selectFrom('catalog_item_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertRevision(db: Db, row: Insertable<CatalogItemRevisionsTable>): Promise<void> {
  await db.insertInto('catalog_item_revisions').values(row).execute();
}
export async function updateRevision(
  db: Db,
  id: string,
  patch: Updateable<CatalogItemRevisionsTable>,
): Promise<void> {
  await db.updateTable('catalog_item_revisions').set(patch).where('id', '=', id).execute();
}
export async function maxRevisionNo(db: Db, itemId: string): Promise<number> {
  const r = await db
    .selectFrom('catalog_item_revisions')
    .select((eb) => eb.fn.max('revision_no').as('m'))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return toNumber(r?.m);
}
export function revisionsInStates(db: Db, orgIds: string[], states: RevisionState[]): Promise<Revision[]> {
  if (orgIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('catalog_item_revisions')
    .selectAll()
    .where('org_id', 'in', orgIds)
    .where('state', 'in', states)
    .orderBy('state_since')
    .execute();
}
export function dueScheduled(db: Db, nowIso: string): Promise<Revision[]> {
  return db
    .selectFrom('catalog_item_revisions')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('publish_at', '<=', nowIso)
    .orderBy('publish_at')
    .limit(100)
    .execute();
}

// ── attachments ──
export function attachmentsOf(db: Db, revisionId: string): Promise<Attachment[]> {
  return db
    .selectFrom('catalog_attachments')
    .selectAll()
    .where('revision_id', '=', revisionId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}
export function findAttachment(db: Db, id: string): Promise<Attachment | undefined> {
  return db.selectFrom('catalog_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertAttachment(db: Db, row: Insertable<CatalogAttachmentsTable>): Promise<void> {
  await db.insertInto('catalog_attachments').values(row).execute();
}
export async function deleteAttachment(db: Db, id: string): Promise<void> {
  await db.deleteFrom('catalog_attachments').where('id', '=', id).execute();
}

// ── events ──
export async function insertEvent(db: Db, row: Insertable<CatalogItemEventsTable>): Promise<void> {
  await db.insertInto('catalog_item_events').values(row).execute();
}
export function eventsOf(db: Db, itemId: string): Promise<ItemEvent[]> {
  return db
    .selectFrom('catalog_item_events')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

// ── index serials ──
/** Next serial for a counter key: one atomic upsert (safe under concurrent publications on both engines). */
export async function nextSerial(db: Db, orgId: string, counterKey: string, year: number): Promise<number> {
  const row = await db
    .insertInto('catalog_index_serials')
    .values({ org_id: orgId, counter_key: counterKey, year, last_serial: 1 })
    .onConflict((oc) =>
      oc.columns(['org_id', 'counter_key']).doUpdateSet({
        last_serial: sql<number>`catalog_index_serials.last_serial + 1`,
      }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return toNumber(row.last_serial);
}

// ── deliveries ──
export async function insertDelivery(db: Db, row: Insertable<CatalogDeliveriesTable>): Promise<void> {
  await db.insertInto('catalog_deliveries').values(row).execute();
}
export function deliveriesOf(db: Db, itemId: string): Promise<Delivery[]> {
  return db
    .selectFrom('catalog_deliveries')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('channel')
    .execute();
}
/** The ledger row a queue message sends. */
export function deliveryByMessage(db: Db, messageId: string): Promise<Delivery | undefined> {
  return db
    .selectFrom('catalog_deliveries')
    .selectAll()
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}
export async function updateDelivery(
  db: Db,
  id: string,
  patch: Updateable<CatalogDeliveriesTable>,
): Promise<void> {
  await db.updateTable('catalog_deliveries').set(patch).where('id', '=', id).execute();
}

export function findDelivery(db: Db, id: string): Promise<Delivery | undefined> {
  return db.selectFrom('catalog_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}
export function listDeliveries(
  db: Db,
  q: { orgId: string; status?: string; channel?: string; limit: number },
): Promise<(Delivery & { item_title: string })[]> {
  let query = db
    .selectFrom('catalog_deliveries as d')
    .innerJoin('catalog_items as i', 'i.id', 'd.item_id')
    .selectAll('d')
    .select(['i.title as item_title'])
    .where('d.org_id', '=', q.orgId);
  if (q.status) query = query.where('d.status', '=', q.status as Delivery['status']);
  if (q.channel) query = query.where('d.channel', '=', q.channel as ChannelName);
  return query.orderBy('d.created_at', 'desc').limit(q.limit).execute();
}

// ── settings ──
export function findSettings(db: Db, orgId: string) {
  return db.selectFrom('catalog_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}
export async function upsertSettings(db: Db, orgId: string, indexTemplate: string | null, now: string) {
  await db
    .insertInto('catalog_settings')
    .values({ org_id: orgId, index_template: indexTemplate, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ index_template: indexTemplate, updated_at: now }))
    .execute();
}

// ── reviews, overrides, approvals ──
export type Review = Selectable<CatalogReviewsTable>;
export type ScanOverride = Selectable<CatalogScanOverridesTable>;
export type Approval = Selectable<CatalogApprovalsTable>;
export async function overrideReasons(db: Db, itemId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('catalog_scan_overrides')
    .select(['fingerprint', 'reason'])
    .where('item_id', '=', itemId)
    .execute();
  return new Map(rows.map((r) => [r.fingerprint, r.reason]));
}
export async function insertOverride(db: Db, row: Insertable<CatalogScanOverridesTable>): Promise<void> {
  await db.insertInto('catalog_scan_overrides').values(row).execute();
}
export function overridesOf(db: Db, itemId: string): Promise<ScanOverride[]> {
  return db
    .selectFrom('catalog_scan_overrides')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .execute();
}
export async function insertReview(db: Db, row: Insertable<CatalogReviewsTable>): Promise<void> {
  await db.insertInto('catalog_reviews').values(row).execute();
}
export function reviewsOf(db: Db, itemId: string): Promise<Review[]> {
  return db
    .selectFrom('catalog_reviews')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .execute();
}
/** The item's review `reviewId`, or its latest review when none is named. */
export function findReview(db: Db, itemId: string, reviewId?: string): Promise<Review | undefined> {
  let q = db.selectFrom('catalog_reviews').selectAll().where('item_id', '=', itemId);
  if (reviewId) q = q.where('id', '=', reviewId);
  return q.orderBy('created_at', 'desc').executeTakeFirst();
}
export async function insertApproval(db: Db, row: Insertable<CatalogApprovalsTable>): Promise<void> {
  await db.insertInto('catalog_approvals').values(row).execute();
}
export function approvalsOf(db: Db, itemId: string): Promise<Approval[]> {
  return db
    .selectFrom('catalog_approvals')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .execute();
}
export function approvalsOfRevision(db: Db, revisionId: string): Promise<Approval[]> {
  return db
    .selectFrom('catalog_approvals')
    .selectAll()
    .where('revision_id', '=', revisionId)
    .orderBy('created_at')
    .execute();
}

// ── links ──
export type ItemLink = Selectable<CatalogItemLinksTable>;
export function findLink(db: Db, id: string): Promise<ItemLink | undefined> {
  return db.selectFrom('catalog_item_links').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function linkExists(
  db: Db,
  fromId: string,
  toId: string,
  kind: ItemLink['kind'],
): Promise<boolean> {
  const r = await db
    .selectFrom('catalog_item_links')
    .select('id')
    .where('from_item_id', '=', fromId)
    .where('to_item_id', '=', toId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r !== undefined;
}
/** Inserts a link; an identical existing link is left as it is. */
export async function insertLink(db: Db, row: Insertable<CatalogItemLinksTable>): Promise<void> {
  await db
    .insertInto('catalog_item_links')
    .values(row)
    .onConflict((oc) => oc.columns(['from_item_id', 'to_item_id', 'kind']).doNothing())
    .execute();
}
export async function deleteLink(db: Db, id: string): Promise<void> {
  await db.deleteFrom('catalog_item_links').where('id', '=', id).execute();
}
/** Links from an item (direction out) and to it (in), with the other item's title and status. */
export async function linksOf(db: Db, itemId: string) {
  const out = await db
    .selectFrom('catalog_item_links as l')
    .innerJoin('catalog_items as o', 'o.id', 'l.to_item_id')
    .select(['l.id', 'l.kind', 'o.id as other', 'o.title', 'o.status'])
    .where('l.from_item_id', '=', itemId)
    .execute();
  const inc = await db
    .selectFrom('catalog_item_links as l')
    .innerJoin('catalog_items as o', 'o.id', 'l.from_item_id')
    .select(['l.id', 'l.kind', 'o.id as other', 'o.title', 'o.status'])
    .where('l.to_item_id', '=', itemId)
    .execute();
  return { out, inc };
}

// ── batch lookups ──
export function columnNames(db: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalog_columns').select(['id', 'name']).where('id', 'in', ids).execute();
}
export function revisionsByIds(db: Db, ids: string[]): Promise<Revision[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalog_item_revisions').selectAll().where('id', 'in', ids).execute();
}
export function itemsByIds(db: Db, ids: string[]): Promise<Item[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalog_items').selectAll().where('id', 'in', ids).execute();
}
export function attachmentsByIds(db: Db, ids: string[]): Promise<Attachment[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalog_attachments').selectAll().where('id', 'in', ids).execute();
}
