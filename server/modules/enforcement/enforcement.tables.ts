/**
 * Tables of the enforcement module (双公示: 行政许可 / 行政处罚 / 行政强制 decisions, the 权责清单 事项,
 * 生产安全事故调查报告, 挂牌督办 hazards, bulk import jobs). Dates are 'YYYY-MM-DD', timestamps ISO text,
 * money integer fen, booleans 0/1.
 */

/** Decision kind: 行政许可 / 行政处罚 / 行政强制. */
export type DecisionKind = 'license' | 'penalty' | 'coercion';

/** 相对人类别: 法人及非法人组织, 个体工商户, 自然人 (whose name is masked on public pages). */
export type CounterpartyType = 'legal_person' | 'individual_business' | 'natural_person';

/** The decision's legal status: 有效, 已更正, 已撤销, 已撤回. */
export type LegalStatus = 'in_force' | 'corrected' | 'revoked' | 'withdrawn';

/**
 * Publication workflow (same steps as catalog items): 草稿 → 待保密审查 → 待领导审批 → 已公开; 已撤下 when
 * taken off the portal by hand. A publicity period ending is derived from `public_until`, not stored.
 */
export type PubState = 'draft' | 'review' | 'approval' | 'published' | 'taken_down';

export interface EnforcementDecisionsTable {
  id: string;
  org_id: string;
  kind: DecisionKind;
  /** 决定文号, unique per agency (the import's idempotency key). */
  decision_number: string;
  decision_date: string;
  /** 权责清单 事项 (resolved by name within the decision's year when known). */
  item_id: string | null;
  item_name: string | null;
  counterparty_type: CounterpartyType;
  counterparty_name: string;
  /** 统一社会信用代码 (null for natural persons). */
  credit_code: string | null;
  legal_representative: string | null;
  legal_basis: string;
  /** 许可内容 / 处罚内容（违法事实与处罚结果） / 强制措施内容 */
  content: string;
  fine_fen: number | null;
  confiscation_fen: number | null;
  valid_from: string | null;
  valid_to: string | null;
  /** 承办科室 */
  handling_division: string | null;
  legal_status: LegalStatus;
  pub_state: PubState;
  /** Last day (China) on which the decision is due on the portal: decision date + N working days. */
  publish_due: string;
  publish_due_estimated: number;
  published_at: string | null;
  /** Last day of the publicity period (null: no end). Computed at publication from the agency settings. */
  public_until: string | null;
  /** Return reason of the last 退回 (shown to the clerk). */
  return_reason: string | null;
  submitted_by: string | null;
  /** sha256 of the normalized business fields: lets re-imports recognise unchanged rows. */
  content_hash: string;
  import_job_id: string | null;
  import_row: number | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One entry of a decision's history: workflow steps, edits, corrections (with the fields before). */
export interface EnforcementDecisionHistoryTable {
  id: string;
  decision_id: string;
  org_id: string;
  at: string;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  /** JSON of the business fields before the change (corrections, edits). */
  before_json: string | null;
}

/** 更正/撤销/撤回 notices shown on the portal next to the decision. */
export interface EnforcementNoticesTable {
  id: string;
  org_id: string;
  decision_id: string;
  kind: 'correction' | 'revocation' | 'withdrawal';
  title: string;
  body: string;
  published_at: string;
}

/** 权责清单 事项 per agency, year and kind (2019 table 二 counts them). */
export interface EnforcementItemsTable {
  id: string;
  org_id: string;
  year: number;
  kind: DecisionKind;
  code: string | null;
  name: string;
  basis: string | null;
  created_at: string;
  updated_at: string;
}

/** Per-agency settings: publication deadline and publicity periods (months; null = no end). */
export interface EnforcementSettingsTable {
  org_id: string;
  publish_workdays: number;
  license_public_months: number | null;
  penalty_public_months: number | null;
  coercion_public_months: number | null;
  updated_at: string;
}

/** Search tokens of published decisions' counterparty names (jieba cut-for-search + in-word bigrams). */
export interface EnforcementNameTokensTable {
  org_id: string;
  token: string;
  decision_id: string;
}

/** 生产安全事故调查报告 */
export type AccidentLevel = 'general' | 'larger' | 'major' | 'especially_major';
export interface EnforcementAccidentsTable {
  id: string;
  org_id: string;
  title: string;
  level: AccidentLevel;
  occurred_on: string;
  place: string;
  /** 事故发生单位 */
  enterprise_name: string | null;
  credit_code: string | null;
  deaths: number;
  injuries: number;
  direct_loss_fen: number;
  summary: string;
  /** 事故原因和性质 (调查结论) */
  conclusions: string;
  /** 责任认定及处理建议 */
  responsibility_handling: string;
  /** 批复日期 */
  approved_on: string | null;
  pub_state: PubState;
  published_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** 挂牌督办 重大事故隐患 */
export type RectificationStatus = 'pending' | 'in_progress' | 'rectified' | 'delisted';
export interface EnforcementHazardsTable {
  id: string;
  org_id: string;
  title: string;
  enterprise_name: string;
  credit_code: string | null;
  description: string;
  listed_on: string;
  deadline: string;
  /** 督办责任单位 */
  responsible_unit: string;
  measures: string | null;
  rectification_status: RectificationStatus;
  /** 销号日期 */
  delisted_on: string | null;
  pub_state: PubState;
  published_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

export type ImportStatus = 'running' | 'succeeded' | 'rejected' | 'failed';
export interface EnforcementImportJobsTable {
  id: string;
  org_id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  /** all: 全部正确才导入; valid: 仅导入正确行 */
  mode: 'all' | 'valid';
  status: ImportStatus;
  phase: string;
  /** rows read so far; total is an estimate until the file is read to the end */
  processed_rows: number;
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

/** Rows read from an import file, validated, before they are merged (deleted after the merge). */
export interface EnforcementImportRowsTable {
  job_id: string;
  row_no: number;
  /** prospective decision id and history id (uuid v7 made in JS so the merge can run as one INSERT … SELECT) */
  new_id: string;
  history_id: string;
  decision_number: string;
  has_error: number;
  content_hash: string;
  kind: string;
  decision_date: string;
  item_name: string | null;
  counterparty_type: string;
  counterparty_name: string;
  credit_code: string | null;
  legal_representative: string | null;
  legal_basis: string;
  content: string;
  fine_fen: number | null;
  confiscation_fen: number | null;
  valid_from: string | null;
  valid_to: string | null;
  handling_division: string | null;
  publish_due: string;
  publish_due_estimated: number;
}

/** The per-row error report (行号, 列, 原因). */
export interface EnforcementImportErrorsTable {
  job_id: string;
  row_no: number;
  column_name: string;
  reason: string;
}

export interface EnforcementTables {
  enforcement_decisions: EnforcementDecisionsTable;
  enforcement_decision_history: EnforcementDecisionHistoryTable;
  enforcement_notices: EnforcementNoticesTable;
  enforcement_items: EnforcementItemsTable;
  enforcement_settings: EnforcementSettingsTable;
  enforcement_name_tokens: EnforcementNameTokensTable;
  enforcement_accidents: EnforcementAccidentsTable;
  enforcement_hazards: EnforcementHazardsTable;
  enforcement_import_jobs: EnforcementImportJobsTable;
  enforcement_import_rows: EnforcementImportRowsTable;
  enforcement_import_errors: EnforcementImportErrorsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'enforcement_decisions',
  'enforcement_decision_history',
  'enforcement_notices',
  'enforcement_items',
  'enforcement_settings',
  'enforcement_name_tokens',
  'enforcement_accidents',
  'enforcement_hazards',
  'enforcement_import_jobs',
  'enforcement_import_rows',
  'enforcement_import_errors',
] as const satisfies readonly (keyof EnforcementTables)[];
