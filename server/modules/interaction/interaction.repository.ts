/** SQL of the interaction module (the only place that touches its tables). Takes db or trx. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  InteractionCommentsTable,
  InteractionConsultationsTable,
  InteractionItemsTable,
  InteractionFromRequestsTable,
  InteractionKind,
  InteractionKindSettingsTable,
  InteractionSnippetsTable,
  InteractionStatus,
} from './interaction.tables.js';

export type Db = Kysely<DB>;
export type ItemRow = Selectable<InteractionItemsTable>;
export type SettingsRow = Selectable<InteractionKindSettingsTable>;
export type SnippetRow = Selectable<InteractionSnippetsTable>;
export type ConsultationRow = Selectable<InteractionConsultationsTable>;
export type CommentRow = Selectable<InteractionCommentsTable>;

// ------------------------------------------------------------------ items

export async function insertItem(db: Db, row: Insertable<InteractionItemsTable>): Promise<void> {
  await db.insertInto('interaction_items').values(row).execute();
}

export async function updateItem(
  db: Db,
  id: string,
  patch: Updateable<InteractionItemsTable>,
): Promise<void> {
  await db.updateTable('interaction_items').set(patch).where('id', '=', id).execute();
}

/**
 * Compare-and-set on the status: returns false when another writer changed it first (two clerks
 * accepting at once), so a workflow step never applies twice.
 */
export async function updateItemIfStatus(
  db: Db,
  id: string,
  status: InteractionStatus,
  patch: Updateable<InteractionItemsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('interaction_items')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getItem(db: Db, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('interaction_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByNumber(db: Db, number: string): Promise<ItemRow | undefined> {
  return db.selectFrom('interaction_items').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findByOrder(db: Db, orgId: string, orderNumber: string): Promise<ItemRow | undefined> {
  return db
    .selectFrom('interaction_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('order_number', '=', orderNumber)
    .executeTakeFirst();
}

export interface ItemFilter {
  orgId: string;
  kind?: InteractionKind;
  statuses?: InteractionStatus[];
  handlerId?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function listItems(db: Db, f: ItemFilter): Promise<{ rows: ItemRow[]; total: number }> {
  let q = db.selectFrom('interaction_items').where('org_id', '=', f.orgId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  if (f.handlerId) q = q.where('handler_id', '=', f.handlerId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('number', '=', f.q!),
        eb('order_number', '=', f.q!),
        eb(sql<string>`subject`, 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('received_on', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Open items of an agency (boards compute due dates from these). */
export async function openItems(db: Db, orgId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('interaction_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', 'in', ['received', 'accepted', 'assigned', 'sign_off'])
    .orderBy('received_on')
    .limit(5000)
    .execute();
}

export async function mergedInto(db: Db, id: string): Promise<ItemRow[]> {
  return db.selectFrom('interaction_items').selectAll().where('merged_into_id', '=', id).execute();
}

export async function nextCounter(db: Db, orgId: string, year: number): Promise<number> {
  await db
    .insertInto('interaction_counters')
    .values({ org_id: orgId, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['org_id', 'year']).doUpdateSet({ last_value: sql`interaction_counters.last_value + 1` }),
    )
    .execute();
  const r = await db
    .selectFrom('interaction_counters')
    .select('last_value')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(r.last_value);
}

// ------------------------------------------------------------------ public letters

export interface PublicFilter {
  orgId: string;
  kind?: InteractionKind;
  month?: string;
  limit: number;
  offset: number;
}

export type PublicLetterRow = Pick<
  ItemRow,
  'id' | 'number' | 'kind' | 'public_subject' | 'reply_unit' | 'received_on' | 'replied_on' | 'published_at'
>;

/** Newest published first; the (org, published, [kind|month], published_at) indexes serve every filter. */
export async function publicLetters(db: Db, f: PublicFilter): Promise<PublicLetterRow[]> {
  let q = db
    .selectFrom('interaction_items')
    .select([
      'id',
      'number',
      'kind',
      'public_subject',
      'reply_unit',
      'received_on',
      'replied_on',
      'published_at',
    ])
    .where('org_id', '=', f.orgId)
    .where('published', '=', 1);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.month) q = q.where('published_month', '=', f.month);
  return q.orderBy('published_at', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** min(count, cap): a bounded count so a list of a million letters does not count them all. */
export async function countPublicLetters(
  db: Db,
  f: Omit<PublicFilter, 'limit' | 'offset'>,
  cap: number,
): Promise<number> {
  let inner = db
    .selectFrom('interaction_items')
    .select('id')
    .where('org_id', '=', f.orgId)
    .where('published', '=', 1);
  if (f.kind) inner = inner.where('kind', '=', f.kind);
  if (f.month) inner = inner.where('published_month', '=', f.month);
  const r = await db
    .selectFrom(inner.limit(cap).as('t'))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function publishedMonths(db: Db, orgId: string, sinceMonth: string): Promise<string[]> {
  const rows = await db
    .selectFrom('interaction_items')
    .select('published_month')
    .distinct()
    .where('org_id', '=', orgId)
    .where('published', '=', 1)
    .where('published_month', '>=', sinceMonth)
    .orderBy('published_month', 'desc')
    .execute();
  return rows.map((r) => r.published_month).filter((m): m is string => Boolean(m));
}

export async function publicLetter(db: Db, orgId: string, id: string): Promise<ItemRow | undefined> {
  return db
    .selectFrom('interaction_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('published', '=', 1)
    .executeTakeFirst();
}

// ------------------------------------------------------------------ statistics

export async function statRows(db: Db, orgId: string, from: string, to: string) {
  return db
    .selectFrom('interaction_items')
    .select([
      'kind',
      'status',
      'received_on',
      'replied_on',
      'external_due_on',
      'answer_restart_on',
      'rating',
      'reply_unit',
    ])
    .where('org_id', '=', orgId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .where('status', '!=', 'merged')
    .execute();
}

// ------------------------------------------------------------------ settings, secrets, tokens, snippets

export async function settingsOf(db: Db, orgId: string): Promise<SettingsRow[]> {
  return db.selectFrom('interaction_kind_settings').selectAll().where('org_id', '=', orgId).execute();
}

export async function putSettings(db: Db, row: Insertable<InteractionKindSettingsTable>): Promise<void> {
  await db
    .insertInto('interaction_kind_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'kind']).doUpdateSet({
        enabled: row.enabled,
        handler_division_id: row.handler_division_id ?? null,
        accept_workdays: row.accept_workdays,
        answer_workdays: row.answer_workdays,
        publishable: row.publishable,
        sign_off_required: row.sign_off_required,
        updated_at: row.updated_at,
        updated_by: row.updated_by ?? null,
      }),
    )
    .execute();
}

export async function secret(db: Db, name: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('interaction_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return r?.value;
}

/** Deletes a key row (the pre-issue-14 identity key, once `gongkai keys rotate` moved it to KEYS_DIR). */
export async function deleteSecret(db: Db, name: string): Promise<void> {
  await db.deleteFrom('interaction_secrets').where('name', '=', name).execute();
}

/** The next batch of items holding an identity after `afterId` (primary-key order: a rotation resumes). */
export async function sealedIdentityBatch(db: Db, afterId: string, limit: number) {
  return db
    .selectFrom('interaction_items')
    .select(['id', 'identity_enc'])
    .where('id', '>', afterId)
    .where('identity_enc', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Rewrites one item's identity ciphertext unless someone changed it meanwhile. */
export async function resealIdentity(db: Db, id: string, before: string, after: string): Promise<boolean> {
  const res = await db
    .updateTable('interaction_items')
    .set({ identity_enc: after })
    .where('id', '=', id)
    .where('identity_enc', '=', before)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function orgOfToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('interaction_tokens')
    .select('org_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r?.org_id;
}

export async function putToken(db: Db, orgId: string, tokenHash: string, now: string, by: string | null) {
  await db.deleteFrom('interaction_tokens').where('org_id', '=', orgId).execute();
  await db
    .insertInto('interaction_tokens')
    .values({ org_id: orgId, token_hash: tokenHash, created_at: now, created_by: by })
    .execute();
}

export async function tokenInfo(db: Db, orgId: string) {
  return db
    .selectFrom('interaction_tokens')
    .select(['created_at'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export async function snippets(db: Db, orgId: string): Promise<SnippetRow[]> {
  return db
    .selectFrom('interaction_snippets')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('title')
    .execute();
}

export async function getSnippet(db: Db, id: string): Promise<SnippetRow | undefined> {
  return db.selectFrom('interaction_snippets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function putSnippet(db: Db, row: Insertable<InteractionSnippetsTable>): Promise<void> {
  await db
    .insertInto('interaction_snippets')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ title: row.title, body: row.body, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteSnippet(db: Db, id: string): Promise<void> {
  await db.deleteFrom('interaction_snippets').where('id', '=', id).execute();
}

// ------------------------------------------------------------------ handed over from requests

export async function insertFromRequest(db: Db, row: Insertable<InteractionFromRequestsTable>) {
  await db.insertInto('interaction_from_requests').values(row).execute();
}

export async function fromRequestOf(db: Db, itemId: string) {
  return db
    .selectFrom('interaction_from_requests')
    .selectAll()
    .where('item_id', '=', itemId)
    .executeTakeFirst();
}

/** The items of an agency that came from 依申请公开 cases (信访举报投诉类申请), with their status. */
export async function itemsFromRequests(db: Db, orgId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('interaction_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', (sub) =>
      sub.selectFrom('interaction_from_requests').select('item_id').where('org_id', '=', orgId),
    )
    .execute();
}

export async function fromRequestByCase(db: Db, caseId: string) {
  return db
    .selectFrom('interaction_from_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

// ------------------------------------------------------------------ consultations

export async function insertConsultation(db: Db, row: Insertable<InteractionConsultationsTable>) {
  await db.insertInto('interaction_consultations').values(row).execute();
}

export async function updateConsultation(
  db: Db,
  id: string,
  patch: Updateable<InteractionConsultationsTable>,
) {
  await db.updateTable('interaction_consultations').set(patch).where('id', '=', id).execute();
}

export async function getConsultation(db: Db, id: string): Promise<ConsultationRow | undefined> {
  return db.selectFrom('interaction_consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function consultations(
  db: Db,
  orgId: string,
  publishedOnly: boolean,
): Promise<ConsultationRow[]> {
  let q = db.selectFrom('interaction_consultations').selectAll().where('org_id', '=', orgId);
  if (publishedOnly) q = q.where('published_at', 'is not', null);
  return q.orderBy('closes_on', 'desc').limit(500).execute();
}

/** Published consultations whose draft is the given catalog item (the item page's 意见征集 notice). */
export async function consultationsOfCatalogItem(
  db: Db,
  orgId: string,
  catalogItemId: string,
): Promise<ConsultationRow[]> {
  return db
    .selectFrom('interaction_consultations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('catalog_item_id', '=', catalogItemId)
    .where('published_at', 'is not', null)
    .orderBy('closes_on', 'desc')
    .limit(5)
    .execute();
}

/** Published consultations of an agency still open on `today` or yet to open (bounded: a handful at a time). */
export async function publicCurrentConsultations(
  db: Db,
  orgId: string,
  today: string,
): Promise<ConsultationRow[]> {
  return db
    .selectFrom('interaction_consultations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('published_at', 'is not', null)
    .where('result_published_at', 'is', null)
    .where('closes_on', '>=', today)
    .orderBy('closes_on')
    .limit(200)
    .execute();
}

const endedConsultations = (db: Db, orgId: string, today: string) =>
  db
    .selectFrom('interaction_consultations')
    .where('org_id', '=', orgId)
    .where('published_at', 'is not', null)
    .where((eb) => eb.or([eb('result_published_at', 'is not', null), eb('closes_on', '<', today)]));

/** One page of published consultations whose period has ended (newest end first), and how many there are. */
/** The ended consultations the portal counts at most (500 pages of 20). */
export const ENDED_COUNT_CAP = 10_000;

export async function publicEndedConsultations(
  db: Db,
  orgId: string,
  today: string,
  limit: number,
  offset: number,
): Promise<{ rows: ConsultationRow[]; total: number; more: boolean }> {
  const [rows, count] = await Promise.all([
    endedConsultations(db, orgId, today)
      .selectAll()
      .orderBy('closes_on', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    // Capped (issue 14 item 8): the portal pages through at most 500 pages of 20.
    db
      .selectFrom(
        endedConsultations(db, orgId, today)
          .select(sql<number>`1`.as('one'))
          .limit(ENDED_COUNT_CAP + 1)
          .as('capped'),
      )
      .select(sql<string | number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Math.min(Number(count.n), ENDED_COUNT_CAP), more: Number(count.n) > ENDED_COUNT_CAP };
}

/** Per consultation: comments that count (not rejected) and how many of them were adopted. */
export async function commentTallies(
  db: Db,
  consultationIds: readonly string[],
): Promise<Map<string, { counted: number; adopted: number }>> {
  const tallies = new Map<string, { counted: number; adopted: number }>();
  if (consultationIds.length === 0) return tallies;
  const rows = await db
    .selectFrom('interaction_comments')
    .select((eb) => [
      'consultation_id',
      eb.fn.countAll<string | number>().as('counted'),
      eb.fn.sum<string | number | null>(sql`case when adopted = 1 then 1 else 0 end`).as('adopted'),
    ])
    .where('consultation_id', 'in', [...consultationIds])
    .where('status', '!=', 'rejected')
    .groupBy('consultation_id')
    .execute();
  for (const r of rows)
    tallies.set(r.consultation_id, { counted: Number(r.counted), adopted: Number(r.adopted ?? 0) });
  return tallies;
}

export async function insertComment(db: Db, row: Insertable<InteractionCommentsTable>) {
  await db.insertInto('interaction_comments').values(row).execute();
}

export async function updateComment(db: Db, id: string, patch: Updateable<InteractionCommentsTable>) {
  await db.updateTable('interaction_comments').set(patch).where('id', '=', id).execute();
}

export async function getComment(db: Db, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('interaction_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function comments(
  db: Db,
  consultationId: string,
  status?: CommentRow['status'],
): Promise<CommentRow[]> {
  let q = db.selectFrom('interaction_comments').selectAll().where('consultation_id', '=', consultationId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('created_at').limit(5000).execute();
}

export async function commentCounts(db: Db, orgId: string, from: string, to: string) {
  const r = await db
    .selectFrom('interaction_comments')
    .innerJoin('interaction_consultations as c', 'c.id', 'interaction_comments.consultation_id')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.count<string | number>(sql`distinct c.id`).as('consultations'),
    ])
    .where('interaction_comments.org_id', '=', orgId)
    .where('c.opens_on', '>=', from)
    .where('c.opens_on', '<=', to)
    .executeTakeFirstOrThrow();
  return { comments: Number(r.n), consultations: Number(r.consultations) };
}

export async function consultationsOpenedIn(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<number> {
  const r = await db
    .selectFrom('interaction_consultations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('org_id', '=', orgId)
    .where('published_at', 'is not', null)
    .where('opens_on', '>=', from)
    .where('opens_on', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Published letters in id order after `afterId` (search reindex, keyset paging). */
export async function publishedAfter(db: Db, afterId: string, limit: number): Promise<ItemRow[]> {
  return db
    .selectFrom('interaction_items')
    .selectAll()
    .where('published', '=', 1)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
