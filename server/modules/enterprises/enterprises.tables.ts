/**
 * Tables of the 智慧安监 module: the enterprise registry (per supervising agency), licences, enterprise
 * accounts, change requests, hazard self-reports (隐患自查自报) and their files, monthly reports, notices,
 * 双随机一公开 (inspectors, plans, draws, inspections), the 安全生产严重失信主体名单 and import jobs.
 * Dates are 'YYYY-MM-DD' (China), timestamps ISO text, money integer fen, booleans 0/1, lists JSON text.
 */

/** 监管类别 (supervision category). */
export type SupervisionCategory =
  | 'hazchem_production'
  | 'hazchem_business'
  | 'hazchem_use'
  | 'fireworks'
  | 'non_coal_mine'
  | 'metallurgy_trade'
  | 'other';

export type EnterpriseScale = 'large' | 'medium' | 'small' | 'micro';

export interface EntEnterprisesTable {
  id: string;
  org_id: string;
  /** 统一社会信用代码, unique per agency (the import's idempotency key). */
  credit_code: string;
  name: string;
  /** JSON array of former names (曾用名). */
  former_names: string;
  legal_representative: string;
  registered_address: string;
  operating_address: string | null;
  /** GB/T 2260 county-level code of the operating place (6 digits). */
  region_code: string;
  /** GB/T 4754-2017 code (大类/中类/小类 digits). */
  industry_code: string;
  category: SupervisionCategory;
  scale: EnterpriseScale;
  /** 属地监管单位 */
  supervising_unit: string;
  contact_name: string | null;
  contact_mobile: string | null;
  contact_email: string | null;
  /** sha256 of the business fields: lets a re-import recognise unchanged rows. */
  content_hash: string;
  import_job_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EntLicencesTable {
  id: string;
  org_id: string;
  enterprise_id: string;
  /** e.g. 安全生产许可证, 危险化学品经营许可证 */
  kind: string;
  number: string;
  scope: string;
  valid_from: string;
  valid_to: string;
  issuer: string | null;
  created_at: string;
}

/** Search tokens of enterprise names (current and former): jieba cut-for-search + in-word bigrams. */
export interface EntNameTokensTable {
  org_id: string;
  token: string;
  enterprise_id: string;
}

export type AccountStatus = 'pending' | 'active' | 'rejected';
/** An enterprise user: a `users` row with role `enterprise`, bound to one credit code of one agency. */
export interface EntAccountsTable {
  user_id: string;
  org_id: string;
  credit_code: string;
  status: AccountStatus;
  /** 'agency' (created by the agency) or 'self' (self-registered, approved by it). */
  origin: 'agency' | 'self';
  applicant_name: string;
  applicant_mobile: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}

export type ChangeStatus = 'pending' | 'approved' | 'rejected';
export interface EntChangeRequestsTable {
  id: string;
  org_id: string;
  enterprise_id: string;
  requested_by: string;
  /** JSON object of the proposed field values. */
  changes_json: string;
  reason: string;
  status: ChangeStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}

export type HazardLevel = 'general' | 'major';
export type SelfHazardStatus = 'open' | 'rectified' | 'escalated';
/** 隐患自查自报 */
export interface EntHazardReportsTable {
  id: string;
  org_id: string;
  enterprise_id: string;
  reported_on: string;
  place: string;
  description: string;
  level: HazardLevel;
  measures: string;
  responsible_person: string;
  deadline: string;
  funds_fen: number;
  status: SelfHazardStatus;
  rectified_on: string | null;
  rectification_note: string | null;
  /** The 挂牌督办 record (enforcement_hazards.id) the agency escalated this report into. */
  supervised_hazard_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface EntHazardFilesTable {
  id: string;
  report_id: string;
  org_id: string;
  /** photo: 隐患照片; evidence: 整改佐证 */
  kind: 'photo' | 'evidence';
  file_name: string;
  mime: string;
  storage_key: string;
  size_bytes: number;
  created_at: string;
}

/** 月度隐患排查报告 ("本月无隐患" when no_hazards = 1). */
export interface EntMonthlyReportsTable {
  id: string;
  org_id: string;
  enterprise_id: string;
  month: string;
  no_hazards: number;
  summary: string;
  submitted_by: string;
  submitted_at: string;
}

/** The agency's notices to enterprises (enterprise_id null: every enterprise of the agency). */
export interface EntNoticesTable {
  id: string;
  org_id: string;
  enterprise_id: string | null;
  title: string;
  body: string;
  created_by: string;
  created_at: string;
}

/** 执法人员 of the agency (the draw's inspector pool). */
export interface EntInspectorsTable {
  id: string;
  org_id: string;
  name: string;
  /** 行政执法证号 */
  cert_no: string;
  active: number;
  created_at: string;
}

/** 双随机一公开 yearly plan. */
export interface EntInspectionPlansTable {
  id: string;
  org_id: string;
  year: number;
  title: string;
  content: string;
  /** Working days from the inspection to the publication of its result. */
  publish_workdays: number;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One random draw, with everything needed to re-run it. */
export interface EntDrawsTable {
  id: string;
  org_id: string;
  plan_id: string;
  /** 1 for the first draw of the plan's batch, 2.. for redraws (which need a reason). */
  seq: number;
  batch: string;
  seed: string;
  /** JSON: { categories, regionPrefixes, enterpriseCount, inspectorCount, inspectorsPerEnterprise } */
  criteria_json: string;
  /** JSON arrays of the candidate ids in the order the algorithm read them (sorted by id). */
  enterprise_pool_json: string;
  inspector_pool_json: string;
  /** JSON: [{ enterpriseId, inspectorIds }] */
  result_json: string;
  algorithm: string;
  reason: string | null;
  created_by: string;
  created_at: string;
}

export type InspectionResult = 'compliant' | 'rectify' | 'penalty';
export interface EntInspectionsTable {
  id: string;
  org_id: string;
  draw_id: string | null;
  enterprise_id: string;
  inspected_on: string;
  /** JSON array of inspector ids */
  inspector_ids: string;
  items_checked: string;
  findings: string;
  hazards_found: number;
  measures: string | null;
  result: InspectionResult;
  /** 决定文号 of the 行政处罚 that followed (linked to enforcement_decisions by number). */
  penalty_decision_number: string | null;
  publish_due: string;
  publish_due_estimated: number;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type ListingStatus = 'notified' | 'listed' | 'removed' | 'withdrawn';
/** 安全生产严重失信主体名单 (应急管理部令第11号). */
export interface EntListingsTable {
  id: string;
  org_id: string;
  enterprise_id: string;
  /** Key of the listing criterion (credit.rules.ts LISTING_CRITERIA). */
  criterion: string;
  facts: string;
  status: ListingStatus;
  notice_on: string;
  statement_due: string;
  statement: string | null;
  statement_on: string | null;
  decision_number: string | null;
  decided_on: string | null;
  list_until: string | null;
  removed_on: string | null;
  removal_kind: 'expiry' | 'repair' | 'early' | null;
  removal_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Per-agency configuration: credit rules (JSON) and the result-publication deadline default. */
export interface EntSettingsTable {
  org_id: string;
  credit_rules_json: string;
  updated_at: string;
}

export interface EntImportJobsTable {
  id: string;
  org_id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  mode: 'all' | 'valid';
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  processed_rows: number;
  /** rows expected (CSV: counted before reading; null for .xlsx until done) — the progress bar's total */
  total_rows: number | null;
  inserted_rows: number;
  updated_rows: number;
  unchanged_rows: number;
  error_rows: number;
  message: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface EntImportErrorsTable {
  job_id: string;
  row_no: number;
  column_name: string;
  reason: string;
}

export interface EnterprisesTables {
  ent_enterprises: EntEnterprisesTable;
  ent_licences: EntLicencesTable;
  ent_name_tokens: EntNameTokensTable;
  ent_accounts: EntAccountsTable;
  ent_change_requests: EntChangeRequestsTable;
  ent_hazard_reports: EntHazardReportsTable;
  ent_hazard_files: EntHazardFilesTable;
  ent_monthly_reports: EntMonthlyReportsTable;
  ent_notices: EntNoticesTable;
  ent_inspectors: EntInspectorsTable;
  ent_inspection_plans: EntInspectionPlansTable;
  ent_draws: EntDrawsTable;
  ent_inspections: EntInspectionsTable;
  ent_listings: EntListingsTable;
  ent_settings: EntSettingsTable;
  ent_import_jobs: EntImportJobsTable;
  ent_import_errors: EntImportErrorsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'ent_enterprises',
  'ent_licences',
  'ent_name_tokens',
  'ent_accounts',
  'ent_change_requests',
  'ent_hazard_reports',
  'ent_hazard_files',
  'ent_monthly_reports',
  'ent_notices',
  'ent_inspectors',
  'ent_inspection_plans',
  'ent_draws',
  'ent_inspections',
  'ent_listings',
  'ent_settings',
  'ent_import_jobs',
  'ent_import_errors',
] as const satisfies readonly (keyof EnterprisesTables)[];
