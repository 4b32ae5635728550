/** Tables of the annual-report module (Kysely row types). */

/** draft → checked → approved → published; a correction reopens a published report as a draft. */
export type ReportStatus = 'draft' | 'checked' | 'approved' | 'published';

/** The working copy of one agency's report for one year (one row per agency and year). */
export interface AnnualReportsTable {
  id: string;
  org_id: string;
  year: number;
  format_id: string;
  status: ReportStatus;
  /** version being prepared: 1 for the first publication, n+1 for a correction of version n */
  version: number;
  /** reason of the correction being prepared (null for version 1) */
  correction_reason: string | null;
  /** ReportTables JSON, computed from the sources at generation */
  tables_json: string;
  /** cell key → record ids (drill-down) */
  drill_json: string;
  /** ReportTexts JSON: sections 一/五/六 with {{placeholders}} */
  texts_json: string;
  /** chart data (by column / channel) */
  chart_json: string;
  /** facts summary the checks need (fees, module counts, previous tables present) */
  context_json: string;
  /** Finding[] of the last check */
  findings_json: string;
  /** finding key → { reason, by, at }: errors the office overrode in writing */
  overrides_json: string;
  generated_at: string;
  checked_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** last published version number (0 = never published) */
  published_version: number;
  created_at: string;
  updated_at: string;
}

/** An immutable published snapshot (insert-only; corrections add a new row). */
export interface AnnualReportVersionsTable {
  id: string;
  report_id: string;
  org_id: string;
  year: number;
  version: number;
  format_id: string;
  /** null for version 1; the reason of the correction otherwise */
  correction_reason: string | null;
  tables_json: string;
  /** rendered texts (numbers filled in) */
  texts_json: string;
  chart_json: string;
  findings_json: string;
  overrides_json: string;
  /** kind → sha256 of the stored file */
  files_json: string;
  approved_by: string | null;
  published_by: string;
  published_at: string;
}

/** The files of a published version, stored byte-for-byte (base64) so downloads match their hash. */
export interface AnnualReportFilesTable {
  version_id: string;
  org_id: string;
  kind: string;
  sha256: string;
  size: number;
  content_base64: string;
}

export interface AnnualReportTables {
  annual_reports: AnnualReportsTable;
  annual_report_versions: AnnualReportVersionsTable;
  annual_report_files: AnnualReportFilesTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'annual_reports',
  'annual_report_versions',
  'annual_report_files',
] as const satisfies readonly (keyof AnnualReportTables)[];
