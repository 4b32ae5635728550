/** The only SQL of the supervision module: its own tables (督办 tasks, events, files, counters). */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type {
  SupervisionTaskEventsTable,
  SupervisionTaskFilesTable,
  SupervisionTasksTable,
  TaskState,
} from './supervision.tables.js';

export type Db = Kysely<DB>;
export type TaskRow = Selectable<SupervisionTasksTable>;
export type TaskEventRow = Selectable<SupervisionTaskEventsTable>;
export type TaskFileRow = Selectable<SupervisionTaskFilesTable>;

const AWAITING: TaskState[] = ['issued', 'returned'];

export async function insertTask(db: Db, row: Insertable<SupervisionTasksTable>): Promise<void> {
  await db.insertInto('supervision_tasks').values(row).execute();
}

export function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('supervision_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Compare-and-set on the state: false when someone else moved the task first. */
export async function updateTaskIfState(
  db: Db,
  id: string,
  state: TaskState,
  patch: Updateable<SupervisionTasksTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('supervision_tasks')
    .set(patch)
    .where('id', '=', id)
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateTask(
  db: Db,
  id: string,
  patch: Updateable<SupervisionTasksTable>,
): Promise<void> {
  await db.updateTable('supervision_tasks').set(patch).where('id', '=', id).execute();
}

export async function nextCounter(db: Db, orgId: string, year: number): Promise<number> {
  await db
    .insertInto('supervision_counters')
    .values({ org_id: orgId, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['org_id', 'year']).doUpdateSet({ last_value: sql`supervision_counters.last_value + 1` }),
    )
    .execute();
  const r = await db
    .selectFrom('supervision_counters')
    .select('last_value')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(r.last_value);
}

export async function appendEvent(
  db: Db,
  row: Omit<Insertable<SupervisionTaskEventsTable>, 'seq'>,
): Promise<void> {
  const last = await db
    .selectFrom('supervision_task_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('task_id', '=', row.task_id)
    .executeTakeFirst();
  await db
    .insertInto('supervision_task_events')
    .values({ ...row, seq: toNumber(last?.seq ?? 0) + 1 })
    .execute();
}

export function eventsOf(db: Db, taskId: string): Promise<TaskEventRow[]> {
  return db
    .selectFrom('supervision_task_events')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('seq')
    .execute();
}

export async function insertFile(db: Db, row: Insertable<SupervisionTaskFilesTable>): Promise<void> {
  await db.insertInto('supervision_task_files').values(row).execute();
}

export function filesOf(db: Db, taskId: string): Promise<TaskFileRow[]> {
  return db
    .selectFrom('supervision_task_files')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findFile(db: Db, taskId: string, fileId: string): Promise<TaskFileRow | undefined> {
  return db
    .selectFrom('supervision_task_files')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/** Files uploaded since the last reply go with this reply (round). */
export async function attachPendingFiles(db: Db, taskId: string, round: number): Promise<number> {
  const r = await db
    .updateTable('supervision_task_files')
    .set({ round })
    .where('task_id', '=', taskId)
    .where('round', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface TaskFilter {
  /** Tasks issued by these orgs … */
  issuerOrgIds?: string[];
  /** … or addressed to these agencies (optionally narrowed to a division). */
  targetAgencyIds?: string[];
  targetOrgId?: string;
  state?: TaskState;
  /** Awaiting the receiver and due before this day. */
  overdueBefore?: string;
}

export async function listTasks(
  db: Db,
  f: TaskFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: TaskRow[]; total: number }> {
  let q = db.selectFrom('supervision_tasks');
  if (f.issuerOrgIds) q = q.where('issuer_org_id', 'in', f.issuerOrgIds.length ? f.issuerOrgIds : ['-']);
  if (f.targetAgencyIds)
    q = q.where('target_agency_id', 'in', f.targetAgencyIds.length ? f.targetAgencyIds : ['-']);
  if (f.targetOrgId) q = q.where('target_org_id', '=', f.targetOrgId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.overdueBefore) q = q.where('state', 'in', AWAITING).where('due_on', '<', f.overdueBefore);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('issued_on', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(total.n) };
}

/** Tasks awaiting the receiver, past due, whose overdue notice has not gone out (the worker's sweep). */
export function overdueUnnotified(db: Db, today: string, limit: number): Promise<TaskRow[]> {
  return db
    .selectFrom('supervision_tasks')
    .selectAll()
    .where('state', 'in', AWAITING)
    .where('due_on', '<', today)
    .where('overdue_notified_on', 'is', null)
    .orderBy('due_on')
    .limit(limit)
    .execute();
}

/** Open (awaiting the receiver) and overdue task counts per target agency: one aggregated query. */
export async function openCounts(
  db: Db,
  agencyIds: readonly string[],
  today: string,
): Promise<Map<string, { open: number; overdue: number }>> {
  const out = new Map<string, { open: number; overdue: number }>();
  if (agencyIds.length === 0) return out;
  const rows = await db
    .selectFrom('supervision_tasks')
    .select((eb) => [
      'target_agency_id',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .where('target_agency_id', 'in', [...agencyIds])
    .where('state', 'in', AWAITING)
    .groupBy('target_agency_id')
    .execute();
  for (const r of rows)
    out.set(r.target_agency_id, { open: toNumber(r.n), overdue: toNumber(r.overdue ?? 0) });
  return out;
}

/** Per target agency, tasks issued in [from, to]: issued, closed, closed on time / late, open, overdue. */
export async function periodCounts(
  db: Db,
  agencyIds: readonly string[],
  period: { from: string; to: string },
  today: string,
) {
  if (agencyIds.length === 0) return [];
  const sum = (cond: ReturnType<typeof sql<boolean>>) =>
    sql<number>`sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  return db
    .selectFrom('supervision_tasks')
    .select([
      'target_agency_id',
      sql<number>`count(*)`.as('issued'),
      sum(sql<boolean>`state = 'accepted'`).as('closed'),
      sum(sql<boolean>`state = 'accepted' AND closed_on_time = 1`).as('on_time'),
      sum(sql<boolean>`state = 'accepted' AND closed_on_time = 0`).as('late'),
      sum(sql<boolean>`state IN ('issued', 'returned', 'replied')`).as('open'),
      sum(sql<boolean>`state IN ('issued', 'returned') AND due_on < ${today}`).as('overdue'),
    ])
    .where('target_agency_id', 'in', [...agencyIds])
    .where('issued_on', '>=', period.from)
    .where('issued_on', '<=', period.to)
    .groupBy('target_agency_id')
    .execute();
}

/**
 * The tasks behind periodCounts' failures: issued in the period, accepted late or still awaiting a reply
 * past the due day (as of `today`); earliest due first, at most `limit`.
 */
export async function periodLateTasks(
  db: Db,
  agencyIds: readonly string[],
  period: { from: string; to: string },
  today: string,
  limit: number,
) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('supervision_tasks')
    .select(['id', 'number', 'title', 'target_agency_id', 'due_on', 'state', 'replied_on', 'closed_on'])
    .where('target_agency_id', 'in', [...agencyIds])
    .where('issued_on', '>=', period.from)
    .where('issued_on', '<=', period.to)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'accepted'), eb('closed_on_time', '=', 0)]),
        eb.and([eb('state', 'in', ['issued', 'returned']), eb('due_on', '<', today)]),
      ]),
    )
    .orderBy('due_on')
    .orderBy('number')
    .limit(Math.min(Math.max(limit, 1), 5000))
    .execute();
}

/** Per target agency: how many tasks and the latest change (scorecards' data version of the 督办 metric). */
export async function taskVersions(db: Db, agencyIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < agencyIds.length; i += 500) {
    const rows = await db
      .selectFrom('supervision_tasks')
      .select([
        'target_agency_id',
        (eb) => eb.fn.countAll().as('n'),
        (eb) => eb.fn.max('updated_at').as('last'),
      ])
      .where('target_agency_id', 'in', agencyIds.slice(i, i + 500))
      .groupBy('target_agency_id')
      .execute();
    for (const r of rows) out.set(r.target_agency_id, `${toNumber(r.n)}@${String(r.last)}`);
  }
  return out;
}
