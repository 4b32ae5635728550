/**
 * SQL of 双随机一公开 (inspections.service.ts): the inspector pool, the yearly plans, the recorded draws and
 * the inspection records. Functions take `db` (a Kysely instance or transaction).
 */
import type { Selectable } from 'kysely';
import type { Db, Inspection } from './enterprises.repository.js';
import type { EntDrawsTable, EntInspectionPlansTable, EntInspectorsTable } from './enterprises.tables.js';

export type Inspector = Selectable<EntInspectorsTable>;
export type Plan = Selectable<EntInspectionPlansTable>;
export type Draw = Selectable<EntDrawsTable>;

// ---------- inspectors ----------

export async function inspectorsOf(db: Db, orgId: string): Promise<Inspector[]> {
  return db.selectFrom('ent_inspectors').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}

/** Ids of the agency's inspectors (active or not), in id order. */
export async function inspectorIdsOf(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ent_inspectors')
    .select('id')
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of the agency's active inspectors in id order (a draw's inspector pool). */
export async function activeInspectorIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ent_inspectors')
    .select('id')
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Which of `ids` are inspectors of the agency. */
export async function inspectorsAmong(db: Db, orgId: string, ids: string[]): Promise<{ id: string }[]> {
  return db
    .selectFrom('ent_inspectors')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

export async function inspectorNameRows(db: Db, orgId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('ent_inspectors').select(['id', 'name']).where('org_id', '=', orgId).execute();
}

export async function inspectorWithCertNo(
  db: Db,
  orgId: string,
  certNo: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('ent_inspectors')
    .select('id')
    .where('org_id', '=', orgId)
    .where('cert_no', '=', certNo)
    .executeTakeFirst();
}

export async function findInspector(db: Db, id: string): Promise<Inspector | undefined> {
  return db.selectFrom('ent_inspectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertInspector(db: Db, row: EntInspectorsTable): Promise<void> {
  await db.insertInto('ent_inspectors').values(row).execute();
}

export async function setInspectorActiveFlag(db: Db, id: string, active: boolean): Promise<void> {
  await db
    .updateTable('ent_inspectors')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

// ---------- plans ----------

export async function insertPlan(db: Db, row: EntInspectionPlansTable): Promise<void> {
  await db.insertInto('ent_inspection_plans').values(row).execute();
}

export async function findPlan(db: Db, id: string): Promise<Plan | undefined> {
  return db.selectFrom('ent_inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markPlanPublished(db: Db, id: string, now: string): Promise<void> {
  await db
    .updateTable('ent_inspection_plans')
    .set({ published_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function plansOf(db: Db, orgId: string, publishedOnly: boolean): Promise<Plan[]> {
  let q = db.selectFrom('ent_inspection_plans').selectAll().where('org_id', '=', orgId);
  if (publishedOnly) q = q.where('published_at', 'is not', null);
  return q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

/** A plan's 结果公开时限 (working days), or undefined when the plan is gone. */
export async function planPublishWorkdays(db: Db, planId: string): Promise<number | undefined> {
  const plan = await db
    .selectFrom('ent_inspection_plans')
    .select('publish_workdays')
    .where('id', '=', planId)
    .executeTakeFirst();
  return plan?.publish_workdays;
}

// ---------- draws ----------

/** The highest `seq` drawn so far for a plan's batch (0 when none). */
export async function lastDrawSeq(db: Db, planId: string, batch: string): Promise<number> {
  const previous = await db
    .selectFrom('ent_draws')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('plan_id', '=', planId)
    .where('batch', '=', batch)
    .executeTakeFirst();
  return Number(previous?.seq ?? 0);
}

export async function insertDraw(db: Db, row: EntDrawsTable): Promise<void> {
  await db.insertInto('ent_draws').values(row).execute();
}

export async function findDraw(db: Db, id: string): Promise<Draw | undefined> {
  return db.selectFrom('ent_draws').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The agency owning a draw (the public verification page knows only the draw's id). */
export async function drawOrgId(db: Db, id: string): Promise<string | undefined> {
  const d = await db.selectFrom('ent_draws').select('org_id').where('id', '=', id).executeTakeFirst();
  return d?.org_id;
}

export async function drawsOf(db: Db, orgId: string, planId?: string): Promise<Draw[]> {
  let q = db.selectFrom('ent_draws').selectAll().where('org_id', '=', orgId);
  if (planId) q = q.where('plan_id', '=', planId);
  return q.orderBy('created_at', 'desc').limit(100).execute();
}

// ---------- inspection records ----------

export async function insertInspection(db: Db, row: Inspection): Promise<void> {
  await db.insertInto('ent_inspections').values(row).execute();
}

export async function findInspection(db: Db, id: string): Promise<Inspection | undefined> {
  return db.selectFrom('ent_inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markInspectionPublished(db: Db, id: string, now: string): Promise<void> {
  await db
    .updateTable('ent_inspections')
    .set({ published_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The agency's inspections, newest first, with the enterprise's name and credit code. */
export async function inspectionsWithEnterprise(
  db: Db,
  orgId: string,
  f: { publishedOnly?: boolean; limit?: number },
) {
  let q = db
    .selectFrom('ent_inspections as i')
    .innerJoin('ent_enterprises as e', 'e.id', 'i.enterprise_id')
    .selectAll('i')
    .select(['e.name as enterprise_name', 'e.credit_code'])
    .where('i.org_id', '=', orgId);
  if (f.publishedOnly) q = q.where('i.published_at', 'is not', null);
  return q
    .orderBy('i.inspected_on', 'desc')
    .limit(f.limit ?? 200)
    .execute();
}
