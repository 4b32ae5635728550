/**
 * Tables of the self-check module (检查指标自查): one dated report per agency and run, and its findings,
 * each with where it is (the page URL, the page the link was found on, the anchor text or an excerpt).
 * Dates are 'YYYY-MM-DD' (China), timestamps ISO text, booleans 0/1.
 */

/** Owned by this module (the architecture test reads this list). */
export const OWNED_TABLES = ['selfcheck_reports', 'selfcheck_findings'] as const;

/** 单项否决 (veto) / 扣分 (deduct) / 提示 (hint), after the 政府网站与政务新媒体检查指标. */
export type Severity = 'veto' | 'deduct' | 'hint';

/** How a run started: the worker's daily schedule, the console's 立即检查, or `gongkai selfcheck run`. */
export type Trigger = 'schedule' | 'manual' | 'cli';

export type ReportStatus = 'done' | 'failed';

export interface SelfcheckReportsTable {
  id: string;
  org_id: string;
  /** China date of the run: the report's date. */
  run_on: string;
  trigger: Trigger;
  triggered_by: string | null;
  triggered_by_name: string;
  status: ReportStatus;
  started_at: string;
  finished_at: string;
  /** Where the crawl started (e.g. /a/shili-yjj/). */
  base_url: string;
  pages_crawled: number;
  links_checked: number;
  /** 1 when the page cap stopped the crawl before the queue was empty. */
  truncated: number;
  veto_count: number;
  deduct_count: number;
  hint_count: number;
  /** JSON {[indicator]: count}: the per-indicator totals (trend and scorecards read this). */
  counts_json: string;
  /** Why the run failed (status = failed). */
  error: string | null;
}

export interface SelfcheckFindingsTable {
  id: string;
  report_id: string;
  org_id: string;
  /** Indicator code (selfcheck.rules.ts INDICATORS). */
  indicator: string;
  severity: Severity;
  /** Position within the report (stable order for display and CSV). */
  seq: number;
  /** One-line description in Chinese. */
  title: string;
  /** The thing at fault: the dead link's target, the stale column's page, the page with the wrong word. */
  url: string | null;
  /** Where it was found (the page that carries the dead link), when different from `url`. */
  found_on: string | null;
  /** Anchor text of the link, or the text around a wording error. */
  excerpt: string | null;
  /** Further detail (HTTP status, last update date, suggested correction …). */
  detail: string | null;
}

export interface SelfcheckTables {
  selfcheck_reports: SelfcheckReportsTable;
  selfcheck_findings: SelfcheckFindingsTable;
}
