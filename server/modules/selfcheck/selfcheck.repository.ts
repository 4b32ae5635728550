/** SQL of the self-check module (the only file that touches its tables). */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SelfcheckFindingsTable, SelfcheckReportsTable, Severity, Trigger } from './selfcheck.tables.js';

export type Db = Kysely<DB>;
export type Report = Selectable<SelfcheckReportsTable>;
export type FindingRow = Selectable<SelfcheckFindingsTable>;

const num = (v: unknown) => Number(v ?? 0);

export async function insertReport(db: Db, row: SelfcheckReportsTable): Promise<void> {
  await db.insertInto('selfcheck_reports').values(row).execute();
}

/** Findings in chunks (PostgreSQL caps bind parameters at 65,535; 11 columns × 500 rows stay well below). */
export async function insertFindings(db: Db, rows: SelfcheckFindingsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('selfcheck_findings')
      .values(rows.slice(i, i + 500))
      .execute();
}

export function findReport(db: Db, id: string): Promise<Report | undefined> {
  return db.selectFrom('selfcheck_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listReports(
  db: Db,
  orgIds: string[] | 'all',
  page: number,
  pageSize: number,
): Promise<{ rows: Report[]; total: number }> {
  let q = db.selectFrom('selfcheck_reports');
  if (orgIds !== 'all') q = q.where('org_id', 'in', orgIds.length ? orgIds : ['']);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: num(total?.n) };
}

/** The reports of one agency in a date range, oldest first (trend). */
export function reportsBetween(
  db: Db,
  orgId: string,
  from: string,
  to: string,
  limit: number,
): Promise<Report[]> {
  return db
    .selectFrom('selfcheck_reports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('run_on', '>=', from)
    .where('run_on', '<=', to)
    .where('status', '=', 'done')
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute()
    .then((r) => r.reverse());
}

/** Per agency: the newest completed report whose date falls within [from, to], and how many there were. */
export async function latestReports(
  db: Db,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<{ latest: Report[]; counts: Map<string, number> }> {
  if (orgIds.length === 0) return { latest: [], counts: new Map() };
  const rows = await db
    .selectFrom('selfcheck_reports')
    .select([
      'id',
      'org_id',
      'run_on',
      'trigger',
      'triggered_by',
      'triggered_by_name',
      'status',
      'started_at',
      'finished_at',
      'base_url',
      'pages_crawled',
      'links_checked',
      'truncated',
      'veto_count',
      'deduct_count',
      'hint_count',
      'counts_json',
      'error',
    ])
    .where('org_id', 'in', [...orgIds])
    .where('run_on', '>=', from)
    .where('run_on', '<=', to)
    .where('status', '=', 'done')
    .orderBy('org_id')
    .orderBy('started_at', 'desc')
    .execute();
  const counts = new Map<string, number>();
  const latest: Report[] = [];
  for (const r of rows) {
    const n = counts.get(r.org_id) ?? 0;
    if (n === 0) latest.push(r);
    counts.set(r.org_id, n + 1);
  }
  return { latest, counts };
}

export async function reportRanToday(db: Db, orgId: string, day: string, trigger: Trigger): Promise<boolean> {
  const row = await db
    .selectFrom('selfcheck_reports')
    .select('id')
    .where('org_id', '=', orgId)
    .where('run_on', '=', day)
    .where('trigger', '=', trigger)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function findingsOf(db: Db, reportId: string, severity?: Severity): Promise<FindingRow[]> {
  let q = db.selectFrom('selfcheck_findings').selectAll().where('report_id', '=', reportId);
  if (severity) q = q.where('severity', '=', severity);
  return q.orderBy('seq').execute();
}
