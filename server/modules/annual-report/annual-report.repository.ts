/** SQL of the annual-report module (Kysely only; `db` may be a transaction). */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  AnnualReportFilesTable,
  AnnualReportsTable,
  AnnualReportVersionsTable,
} from './annual-report.tables.js';

export type Db = Kysely<DB>;
export type ReportRow = Selectable<AnnualReportsTable>;
export type VersionRow = Selectable<AnnualReportVersionsTable>;
export type FileRow = Selectable<AnnualReportFilesTable>;

export async function findById(db: Db, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByOrgYear(db: Db, orgId: string, year: number): Promise<ReportRow | undefined> {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** A report without its generated payload — the columns a regeneration overwrites anyway. */
export type ReportHead = Omit<
  ReportRow,
  'tables_json' | 'drill_json' | 'chart_json' | 'context_json' | 'findings_json'
>;

/**
 * The report of an agency and year without its generated payload: what a regeneration and the
 * countdown read. The drill-down alone holds up to 1000 ids per cell (megabytes for a large agency).
 */
export async function findHeadByOrgYear(
  db: Db,
  orgId: string,
  year: number,
): Promise<ReportHead | undefined> {
  return db
    .selectFrom('annual_reports')
    .select([
      'id',
      'org_id',
      'year',
      'format_id',
      'status',
      'version',
      'correction_reason',
      'texts_json',
      'overrides_json',
      'generated_at',
      'checked_at',
      'approved_by',
      'approved_at',
      'published_version',
      'created_at',
      'updated_at',
    ])
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function listByOrgs(db: Db, orgIds: readonly string[], year?: number): Promise<ReportRow[]> {
  if (orgIds.length === 0) return [];
  let q = db.selectFrom('annual_reports').selectAll().where('org_id', 'in', orgIds);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').execute();
}

export async function insert(db: Db, row: AnnualReportsTable): Promise<void> {
  await db.insertInto('annual_reports').values(row).execute();
}

export async function update(db: Db, id: string, patch: Partial<AnnualReportsTable>): Promise<void> {
  await db.updateTable('annual_reports').set(patch).where('id', '=', id).execute();
}

// Versions and files are insert-only: there is deliberately no update or delete here.

export async function insertVersion(db: Db, row: AnnualReportVersionsTable): Promise<void> {
  await db.insertInto('annual_report_versions').values(row).execute();
}

export async function insertFile(db: Db, row: AnnualReportFilesTable): Promise<void> {
  await db.insertInto('annual_report_files').values(row).execute();
}

export async function versionsOf(db: Db, reportId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('annual_report_versions')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('version', 'asc')
    .execute();
}

/** The latest published version of an agency's report for a year (or a given version). */
export async function publishedVersion(
  db: Db,
  orgId: string,
  year: number,
  version?: number,
): Promise<VersionRow | undefined> {
  let q = db
    .selectFrom('annual_report_versions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Every published version of an agency, newest year and version first. */
export async function publishedVersionsOfOrg(db: Db, orgId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('annual_report_versions')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('year', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

export async function fileOf(db: Db, versionId: string, kind: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('annual_report_files')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}
