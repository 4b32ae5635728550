/**
 * Pure rules of the report's lifecycle: which action is allowed in which status, which findings
 * block publication, and the statutory deadline (条例第四十九条: 每年1月31日前, a calendar date that
 * is not shifted for holidays — statute.md §1.4).
 */
import { conflict } from '../../platform/errors.js';
import type { ReportStatus } from './annual-report.tables.js';
import { findingKey } from './generator.js';
import type { Finding } from './types.js';

export type ReportAction =
  'generate' | 'edit' | 'check' | 'override' | 'approve' | 'reopen' | 'publish' | 'correct';

/** Statuses each action may start from. */
export const ALLOWED_FROM: Record<ReportAction, readonly ReportStatus[]> = {
  generate: ['draft', 'checked'],
  edit: ['draft', 'checked'],
  check: ['draft', 'checked'],
  override: ['draft', 'checked'],
  approve: ['checked'],
  reopen: ['checked', 'approved'],
  publish: ['approved'],
  correct: ['published'],
};

export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  checked: '已校验',
  approved: '已审批',
  published: '已发布',
};

const ACTION_LABELS: Record<ReportAction, string> = {
  generate: '重新生成',
  edit: '修改',
  check: '校验',
  override: '说明错误',
  approve: '审批',
  reopen: '退回修改',
  publish: '发布',
  correct: '发起更正',
};

export function canTransition(status: ReportStatus, action: ReportAction): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** Throws a conflict naming the status when the action is not allowed now. */
export function assertTransition(status: ReportStatus, action: ReportAction): void {
  if (canTransition(status, action)) return;
  throw conflict(
    'report_wrong_status',
    `年度报告当前为“${STATUS_LABELS[status]}”状态，不能${ACTION_LABELS[action]}`,
    { status, action },
  );
}

export interface Override {
  reason: string;
  by: string;
  at: string;
}

/** Error findings the office has not overridden in writing: they block checking, approval and publication. */
export function blockingErrors(findings: readonly Finding[], overrides: Record<string, Override>): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !overrides[findingKey(f)]);
}

/** Overrides whose finding no longer exists are dropped (the data changed; the reason is moot). */
export function liveOverrides(
  findings: readonly Finding[],
  overrides: Record<string, Override>,
): Record<string, Override> {
  const keys = new Set(findings.filter((f) => f.severity === 'error').map(findingKey));
  return Object.fromEntries(Object.entries(overrides).filter(([k]) => keys.has(k)));
}

export const MIN_OVERRIDE_REASON = 5;

/** The statutory deadline of a report year: 31 January of the next year. */
export function deadlineOf(year: number): string {
  return `${year + 1}-01-31`;
}

/** Calendar days from `today` to `date` (both YYYY-MM-DD); negative when overdue. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The report year the dashboard counts down to: last year's report until it is published (even
 * after the deadline, then overdue), else this year's.
 */
export function dueReportYear(today: string, lastYearPublished: boolean): number {
  const year = Number(today.slice(0, 4));
  return lastYearPublished ? year : year - 1;
}
