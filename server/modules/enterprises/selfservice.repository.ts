/**
 * SQL of the enterprise area and its agency side (selfservice.service.ts): hazard self-reports and their
 * files, monthly reports, notices and registry change requests. Functions take `db` (a Kysely instance or
 * transaction).
 */
import type { Selectable } from 'kysely';
import type { Db, HazardReport } from './enterprises.repository.js';
import type {
  EntChangeRequestsTable,
  EntHazardFilesTable,
  EntHazardReportsTable,
  EntMonthlyReportsTable,
  EntNoticesTable,
} from './enterprises.tables.js';

export type HazardFile = Selectable<EntHazardFilesTable>;
export type MonthlyReport = Selectable<EntMonthlyReportsTable>;
export type Notice = Selectable<EntNoticesTable>;
export type ChangeRequest = Selectable<EntChangeRequestsTable>;

// ---------- hazard self-reports and their files ----------

export async function insertHazardReport(db: Db, row: EntHazardReportsTable): Promise<void> {
  await db.insertInto('ent_hazard_reports').values(row).execute();
}

export async function updateHazardReport(
  db: Db,
  id: string,
  patch: Partial<EntHazardReportsTable>,
): Promise<void> {
  await db.updateTable('ent_hazard_reports').set(patch).where('id', '=', id).execute();
}

/**
 * Marks an open report escalated to 挂牌督办 hazard `supervisedHazardId`; false when it is no longer open
 * (a concurrent escalation or rectification got there first).
 */
export async function markHazardReportEscalated(
  db: Db,
  id: string,
  supervisedHazardId: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('ent_hazard_reports')
    .set({ status: 'escalated', supervised_hazard_id: supervisedHazardId, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the enterprise self-reported a hazard dated in `month` (YYYY-MM). */
export async function hasHazardReportInMonth(db: Db, enterpriseId: string, month: string): Promise<boolean> {
  const found = await db
    .selectFrom('ent_hazard_reports')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('reported_on', '>=', `${month}-01`)
    .where('reported_on', '<=', `${month}-31`)
    .executeTakeFirst();
  return found !== undefined;
}

/** The agency's self-reports, newest first (at most 200), with the enterprise's name and credit code. */
export async function hazardReportsWithEnterprise(
  db: Db,
  orgId: string,
  f: { level?: 'general' | 'major'; status?: HazardReport['status'] },
) {
  let q = db
    .selectFrom('ent_hazard_reports as r')
    .innerJoin('ent_enterprises as e', 'e.id', 'r.enterprise_id')
    .selectAll('r')
    .select(['e.name as enterprise_name', 'e.credit_code'])
    .where('r.org_id', '=', orgId);
  if (f.level) q = q.where('r.level', '=', f.level);
  if (f.status) q = q.where('r.status', '=', f.status);
  return q.orderBy('r.reported_on', 'desc').orderBy('r.id', 'desc').limit(200).execute();
}

export async function hazardFilesOf(db: Db, reportId: string): Promise<HazardFile[]> {
  return db
    .selectFrom('ent_hazard_files')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
}

export async function findHazardFile(db: Db, id: string): Promise<HazardFile | undefined> {
  return db.selectFrom('ent_hazard_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHazardFile(db: Db, row: EntHazardFilesTable): Promise<void> {
  await db.insertInto('ent_hazard_files').values(row).execute();
}

// ---------- monthly reports ----------

export async function hasMonthlyReport(db: Db, enterpriseId: string, month: string): Promise<boolean> {
  const exists = await db
    .selectFrom('ent_monthly_reports')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('month', '=', month)
    .executeTakeFirst();
  return exists !== undefined;
}

export async function insertMonthlyReport(db: Db, row: EntMonthlyReportsTable): Promise<void> {
  await db.insertInto('ent_monthly_reports').values(row).execute();
}

/** The enterprise's last 60 monthly reports, newest month first. */
export async function monthlyReportsOf(db: Db, enterpriseId: string): Promise<MonthlyReport[]> {
  return db
    .selectFrom('ent_monthly_reports')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('month', 'desc')
    .limit(60)
    .execute();
}

// ---------- notices ----------

/** The last 100 notices an enterprise sees: those to all of the agency's enterprises and its own. */
export async function noticesFor(db: Db, orgId: string, enterpriseId: string): Promise<Notice[]> {
  return db
    .selectFrom('ent_notices')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('enterprise_id', 'is', null), eb('enterprise_id', '=', enterpriseId)]))
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

export async function insertNotice(db: Db, row: EntNoticesTable): Promise<void> {
  await db.insertInto('ent_notices').values(row).execute();
}

// ---------- registry change requests ----------

export async function hasPendingChangeRequest(db: Db, enterpriseId: string): Promise<boolean> {
  const pending = await db
    .selectFrom('ent_change_requests')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return pending !== undefined;
}

export async function insertChangeRequest(db: Db, row: EntChangeRequestsTable): Promise<void> {
  await db.insertInto('ent_change_requests').values(row).execute();
}

/** The enterprise's last 50 change requests, newest first. */
export async function changeRequestsOf(db: Db, enterpriseId: string): Promise<ChangeRequest[]> {
  return db
    .selectFrom('ent_change_requests')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

/** The agency's pending change requests, oldest first (at most 200). */
export async function pendingChangeRequests(db: Db, orgId: string): Promise<ChangeRequest[]> {
  return db
    .selectFrom('ent_change_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(200)
    .execute();
}

export async function findChangeRequest(db: Db, id: string): Promise<ChangeRequest | undefined> {
  return db.selectFrom('ent_change_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateChangeRequest(
  db: Db,
  id: string,
  patch: Partial<EntChangeRequestsTable>,
): Promise<void> {
  await db.updateTable('ent_change_requests').set(patch).where('id', '=', id).execute();
}
