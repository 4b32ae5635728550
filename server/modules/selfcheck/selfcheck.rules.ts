/**
 * Pure rules of the self-check (检查指标自查), after 国务院办公厅《政府网站与政务新媒体检查指标》
 * (国办秘函〔2019〕19号): which indicator a finding belongs to, its severity (单项否决 / 扣分 / 提示),
 * the column update limits per column class, and the veto thresholds. No I/O, no Date.now().
 */
import { addDays, compareIso, daysBetween } from '../../platform/calendar/iso-date.js';
import type { Severity } from './selfcheck.tables.js';

export const SEVERITY_LABELS: Record<Severity, string> = {
  veto: '单项否决',
  deduct: '扣分',
  hint: '提示',
};

export const SEVERITIES: readonly Severity[] = ['veto', 'deduct', 'hint'];

/** The indicators the self-check measures, with the group of the 检查指标 they come from. */
export const INDICATORS = {
  site_down: { label: '站点无法访问', group: '单项否决', severity: 'veto' },
  home_stale: { label: '首页栏目长期不更新（2周）', group: '单项否决', severity: 'veto' },
  blank_columns_veto: { label: '空白栏目超过5个', group: '单项否决', severity: 'veto' },
  interaction_unanswered: { label: '互动回应差（留言超过3个月未回复）', group: '单项否决', severity: 'veto' },
  dead_link: { label: '不可用链接', group: '可用性', severity: 'deduct' },
  error_page: { label: '错误页面（服务器错误）', group: '可用性', severity: 'deduct' },
  column_stale: { label: '栏目更新不及时', group: '信息更新', severity: 'deduct' },
  blank_column: { label: '空白栏目', group: '信息更新', severity: 'hint' },
  interaction_overdue: { label: '互动交流答复超期', group: '互动回应', severity: 'deduct' },
  typo: { label: '错别字', group: '内容正确性', severity: 'deduct' },
  wording: { label: '严重表述错误', group: '内容正确性', severity: 'deduct' },
  outdated_name: { label: '机构名称过时（2018年机构改革）', group: '内容正确性', severity: 'deduct' },
  crawl_truncated: { label: '检查页面数达到上限', group: '检查说明', severity: 'hint' },
} as const satisfies Record<string, { label: string; group: string; severity: Severity }>;

export type Indicator = keyof typeof INDICATORS;
export const INDICATOR_CODES = Object.keys(INDICATORS) as Indicator[];

export function isIndicator(v: string): v is Indicator {
  return Object.hasOwn(INDICATORS, v);
}

/** Blank columns above this number are a 单项否决 (检查指标: 空白栏目数量超过5个). */
export const BLANK_COLUMN_VETO = 5;
/** Home page: no new information for this many days is a 单项否决 (监测时间点前2周内首页栏目无信息更新). */
export const HOME_STALE_DAYS = 14;
/** 互动回应差: a message unanswered for more than 3 months is a 单项否决. */
export const UNANSWERED_MONTHS = 3;

/**
 * Column classes of the 检查指标 (栏目不更新): 动态类 2 weeks; 通知公告、政策文件类 6 months;
 * 人事、规划计划类 1 year. The catalog stores three update classes (dynamic, periodic, static); a
 * static column whose name says 人事 / 规划 / 计划 is measured against the 1-year class, other static
 * columns (机构职能, 办事指南 …) have no clock. Periodic columns keep 6 months whatever their name, so
 * the self-check never reports a column the catalog's own dashboard calls fresh.
 */
export type CheckClass = 'dynamic' | 'periodic' | 'yearly' | 'none';

export const CHECK_CLASS_LABELS: Record<CheckClass, string> = {
  dynamic: '动态类（2周）',
  periodic: '通知公告、政策文件类（6个月）',
  yearly: '人事、规划计划类（1年）',
  none: '长期不变（不计更新）',
};

export function checkClassOf(updateClass: string, columnName: string): CheckClass {
  if (updateClass === 'dynamic') return 'dynamic';
  if (updateClass === 'periodic') return 'periodic';
  return /人事|规划|计划/.test(columnName) ? 'yearly' : 'none';
}

/** Calendar months later, clamped to the month's last day (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day a column of the class may go without new content, or null when it has no clock. */
export function dueBy(cls: CheckClass, lastPublishedOn: string): string | null {
  if (cls === 'dynamic') return addDays(lastPublishedOn, 14);
  if (cls === 'periodic') return addMonths(lastPublishedOn, 6);
  if (cls === 'yearly') return addMonths(lastPublishedOn, 12);
  return null;
}

export interface ColumnFact {
  id: string;
  code: string;
  name: string;
  updateClass: string;
  /** The newest publication in the column or below it (null: nothing ever published). */
  lastPublishedOn: string | null;
  /** Whether the column has live children (a parent is judged through them). */
  hasChildren: boolean;
}

export interface ColumnVerdict {
  column: ColumnFact;
  cls: CheckClass;
  stale: boolean;
  blank: boolean;
  dueBy: string | null;
  daysSince: number | null;
}

/** Staleness and blankness of each leaf column on `today`. Parents are not judged (their children are). */
export function judgeColumns(columns: readonly ColumnFact[], today: string): ColumnVerdict[] {
  return columns
    .filter((c) => !c.hasChildren)
    .map((c) => {
      const cls = checkClassOf(c.updateClass, c.name);
      if (c.lastPublishedOn === null)
        return { column: c, cls, stale: false, blank: true, dueBy: null, daysSince: null };
      const due = dueBy(cls, c.lastPublishedOn);
      return {
        column: c,
        cls,
        stale: due !== null && compareIso(today, due) > 0,
        blank: false,
        dueBy: due,
        daysSince: daysBetween(c.lastPublishedOn, today),
      };
    });
}

/** 首页栏目长期不更新: nothing new on the home page within 2 weeks of `today`. */
export function homeStale(newestPublishedOn: string | null, today: string): boolean {
  return newestPublishedOn === null || daysBetween(newestPublishedOn, today) > HOME_STALE_DAYS;
}

/** 互动回应差: received more than 3 months before `today` and still unanswered. */
export function unansweredTooLong(receivedOn: string, today: string): boolean {
  return compareIso(addMonths(receivedOn, UNANSWERED_MONTHS), today) < 0;
}

export interface FindingDraft {
  indicator: Indicator;
  title: string;
  url: string | null;
  foundOn: string | null;
  excerpt: string | null;
  detail: string | null;
}

export function severityOf(indicator: Indicator): Severity {
  return INDICATORS[indicator].severity;
}

/** Counts per indicator and per severity of a list of findings. */
export function tally(findings: readonly Pick<FindingDraft, 'indicator'>[]): {
  byIndicator: Partial<Record<Indicator, number>>;
  veto: number;
  deduct: number;
  hint: number;
} {
  const byIndicator: Partial<Record<Indicator, number>> = {};
  const sev = { veto: 0, deduct: 0, hint: 0 };
  for (const f of findings) {
    byIndicator[f.indicator] = (byIndicator[f.indicator] ?? 0) + 1;
    sev[severityOf(f.indicator)] += 1;
  }
  return { byIndicator, ...sev };
}

/** Stable display order: 单项否决 first, then 扣分, then 提示; within a severity by indicator order. */
export function sortFindings<T extends Pick<FindingDraft, 'indicator'>>(findings: readonly T[]): T[] {
  const rank = (f: T) =>
    SEVERITIES.indexOf(severityOf(f.indicator)) * 100 + INDICATOR_CODES.indexOf(f.indicator);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

/** Truncates to `max` characters (by code point), adding … when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
