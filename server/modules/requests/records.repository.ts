/**
 * SQL of the module's side records: appeals, case links, 第四十四条 proposals, reminders and letter
 * templates (split from requests.repository.ts, which holds cases, events, letters, fees and counters).
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  RequestAppealsTable,
  RequestCaseLinksTable,
  RequestLetterTemplatesTable,
  RequestPromotionsTable,
  RequestRemindersTable,
} from './requests.tables.js';

type Db = Kysely<DB>;

export async function insertAppeal(db: Db, row: Insertable<RequestAppealsTable>): Promise<void> {
  await db.insertInto('request_appeals').values(row).execute();
}

export async function updateAppeal(
  db: Db,
  id: string,
  patch: Updateable<RequestAppealsTable>,
): Promise<void> {
  await db.updateTable('request_appeals').set(patch).where('id', '=', id).execute();
}

/** Links one case to another (idempotent per pair). */
export async function insertCaseLink(db: Db, row: Insertable<RequestCaseLinksTable>): Promise<void> {
  await db
    .insertInto('request_case_links')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'linked_case_id']).doNothing())
    .execute();
}

export async function listPromotions(db: Db, orgIds: string[] | 'all') {
  let q = db.selectFrom('request_promotions').selectAll();
  if (orgIds !== 'all') q = orgIds.length ? q.where('org_id', 'in', orgIds) : q.where('org_id', '=', '');
  return q.orderBy('created_at', 'desc').execute();
}

export async function insertPromotion(db: Db, row: Insertable<RequestPromotionsTable>): Promise<void> {
  await db.insertInto('request_promotions').values(row).execute();
}

/** Inserts a reminder once per case/kind/due date; true when it is new (so it is sent once). */
export async function insertReminder(db: Db, row: Insertable<RequestRemindersTable>): Promise<boolean> {
  const r = await db
    .insertInto('request_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'kind', 'due_date']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listReminders(
  db: Db,
  f: { orgIds: string[] | 'all'; handlerId?: string | null; includeAcknowledged?: boolean },
) {
  let q = db
    .selectFrom('request_reminders')
    .innerJoin('request_cases', 'request_cases.id', 'request_reminders.case_id')
    .selectAll('request_reminders')
    .select('request_cases.case_number');
  if (f.orgIds !== 'all') q = q.where('request_reminders.org_id', 'in', f.orgIds);
  if (f.handlerId) q = q.where('request_reminders.handler_id', '=', f.handlerId);
  if (!f.includeAcknowledged) q = q.where('request_reminders.acknowledged_at', 'is', null);
  return q.orderBy('request_reminders.remind_on', 'desc').limit(500).execute();
}

export async function findReminder(db: Db, id: string) {
  return db.selectFrom('request_reminders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function acknowledgeReminder(db: Db, id: string, at: string, by: string | null): Promise<void> {
  await db
    .updateTable('request_reminders')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('id', '=', id)
    .execute();
}

export async function updateTemplate(
  db: Db,
  id: string,
  patch: Updateable<RequestLetterTemplatesTable>,
): Promise<void> {
  await db.updateTable('request_letter_templates').set(patch).where('id', '=', id).execute();
}

export async function insertTemplate(db: Db, row: Insertable<RequestLetterTemplatesTable>): Promise<void> {
  await db.insertInto('request_letter_templates').values(row).execute();
}

export async function deleteTemplate(
  db: Db,
  orgId: string,
  kind: string,
  outcomeCode: string,
): Promise<void> {
  await db
    .deleteFrom('request_letter_templates')
    .where('org_id', '=', orgId)
    .where('kind', '=', kind as RequestLetterTemplatesTable['kind'])
    .where('outcome_code', '=', outcomeCode)
    .execute();
}
