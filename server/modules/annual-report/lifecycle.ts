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
    // not `status`: problem+json's `status` is the HTTP status
    { reportStatus: status, action },
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

/** Why a report cannot be approved or published yet (drafting and checking stay allowed). */
export interface PublicationBlock {
  code: 'report_has_errors' | 'report_has_prompts' | 'report_year_not_ended';
  messageZh: string;
}

/**
 * Everything that blocks approval and publication: error findings not overridden in writing; a
 * 【请填写…】 prompt left in the text (T1 — blocks like an error and cannot be overridden: the text
 * would be published with the prompt in it); and a report year that has not ended yet (a report
 * covers 1 January – 31 December, so it can be approved from 1 January of the next year).
 */
export function publicationBlocks(input: {
  year: number;
  /** today in China, YYYY-MM-DD */
  today: string;
  findings: readonly Finding[];
  overrides: Record<string, Override>;
}): PublicationBlock[] {
  const out: PublicationBlock[] = [];
  const errors = blockingErrors(input.findings, input.overrides);
  if (errors.length > 0)
    out.push({
      code: 'report_has_errors',
      messageZh: `年度报告还有${errors.length}项错误未更正或说明，不能审定或发布`,
    });
  const prompts = input.findings.filter((f) => f.ruleId === 'T1');
  if (prompts.length > 0)
    out.push({
      code: 'report_has_prompts',
      messageZh: `正文还有${prompts.length}处“【请填写…】”提示未填写，不能审定或发布`,
    });
  const firstDay = `${input.year + 1}-01-01`;
  if (input.today < firstDay)
    out.push({
      code: 'report_year_not_ended',
      messageZh: `${input.year}年度尚未结束，${input.year + 1}年1月1日起方可审定和发布（现在可以起草和检查）`,
    });
  return out;
}
