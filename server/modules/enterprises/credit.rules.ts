/**
 * Safety credit: the facts of an enterprise's credit file, the configurable rating rules (A/B/C/D with the
 * reasons that applied) and the rules of the 安全生产严重失信主体名单 (应急管理部令第11号《安全生产严重失信
 * 主体名单管理办法》, 2023). Pure functions; the service gathers the facts from the records.
 *
 * The listing criteria below paraphrase the 办法's listing cases (not quoted); the agency picks one when it
 * starts a listing and states the facts. The periods of the 办法 (see LISTING_RULES) are computed here:
 * the fixed 管理期限 of 3 years, after which the agency removes the entry and stops publishing it, and
 * early removal (信用修复, 提前移出) on application once the entry has been on the list for 12 full months
 * and the conditions are met; an early removal obtained by concealment or fraud is revoked and the entry
 * restored for the rest of its original period. Dates are China dates (YYYY-MM-DD) counted as the Civil
 * Code counts periods (民法典 Art. 201–203): the starting day is not counted, and a period of months or
 * years ends on the corresponding day of its last month (the month's last day when there is none).
 */
import type { Grade } from './credit.types.js';

export type { Grade };

/** Facts counted over the credit file's window (months before today unless a rule names its own). */
export interface CreditFacts {
  /** published 行政处罚 decisions in force, with the decision date */
  penalties: { date: string; fineFen: number }[];
  /** published accident reports: date and deaths */
  accidents: { date: string; deaths: number; level: string }[];
  /** 挂牌督办 hazards not yet delisted (published) */
  supervisedOpen: number;
  /** self-reported hazards past their deadline and not rectified */
  overdueSelfReports: number;
  /** published inspection results with the result */
  inspections: { date: string; result: 'compliant' | 'rectify' | 'penalty' }[];
  /** currently on the 严重失信主体名单 */
  listed: boolean;
  /** the last day of the listing period, when listed */
  listedUntil?: string | null;
}

export type FactKey =
  | 'penalties'
  | 'fineYuan'
  | 'accidents'
  | 'deaths'
  | 'supervisedOpen'
  | 'overdueSelfReports'
  | 'inspectionsWithProblems'
  | 'listed';

export const FACT_LABELS: Record<FactKey, string> = {
  penalties: '行政处罚（次）',
  fineYuan: '罚款金额（元）',
  accidents: '生产安全事故（起）',
  deaths: '事故死亡人数',
  supervisedOpen: '挂牌督办未销号的重大事故隐患（项）',
  overdueSelfReports: '逾期未整改的自查隐患（项）',
  inspectionsWithProblems: '检查发现问题（次）',
  listed: '列入安全生产严重失信主体名单',
};

/** One rating rule: when the fact over the window reaches `min`, the grade is at most `grade`. */
export interface CreditRule {
  grade: Exclude<Grade, 'A'>;
  fact: FactKey;
  min: number;
  /** Window in months (ignored for point-in-time facts: supervisedOpen, overdueSelfReports, listed). */
  months: number;
}

export const DEFAULT_CREDIT_RULES: CreditRule[] = [
  { grade: 'D', fact: 'listed', min: 1, months: 0 },
  { grade: 'D', fact: 'deaths', min: 1, months: 36 },
  { grade: 'C', fact: 'accidents', min: 1, months: 36 },
  { grade: 'C', fact: 'supervisedOpen', min: 1, months: 0 },
  { grade: 'C', fact: 'fineYuan', min: 100000, months: 24 },
  { grade: 'C', fact: 'penalties', min: 2, months: 24 },
  { grade: 'B', fact: 'penalties', min: 1, months: 24 },
  { grade: 'B', fact: 'overdueSelfReports', min: 1, months: 0 },
  { grade: 'B', fact: 'inspectionsWithProblems', min: 1, months: 12 },
];

export const GRADE_LABELS: Record<Grade, string> = {
  A: 'A级（守信）',
  B: 'B级（基本守信）',
  C: 'C级（失信）',
  D: 'D级（严重失信）',
};

const ORDER: Grade[] = ['A', 'B', 'C', 'D'];
const POINT_IN_TIME: FactKey[] = ['supervisedOpen', 'overdueSelfReports', 'listed'];

/** The date `months` before `today` (same day of month, clamped). */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The value of a fact over a window ending today. */
export function factValue(f: CreditFacts, key: FactKey, months: number, today: string): number {
  const since = monthsBefore(today, months);
  const inWindow = (date: string) => date > since && date <= today;
  switch (key) {
    case 'penalties':
      return f.penalties.filter((p) => inWindow(p.date)).length;
    case 'fineYuan':
      return Math.floor(f.penalties.filter((p) => inWindow(p.date)).reduce((s, p) => s + p.fineFen, 0) / 100);
    case 'accidents':
      return f.accidents.filter((a) => inWindow(a.date)).length;
    case 'deaths':
      return f.accidents.filter((a) => inWindow(a.date)).reduce((s, a) => s + a.deaths, 0);
    case 'supervisedOpen':
      return f.supervisedOpen;
    case 'overdueSelfReports':
      return f.overdueSelfReports;
    case 'inspectionsWithProblems':
      return f.inspections.filter((i) => inWindow(i.date) && i.result !== 'compliant').length;
    case 'listed':
      return f.listed ? 1 : 0;
  }
}

/** The reason text of a rule that applied, e.g. "近24个月内行政处罚2次（达到2次即为C级）". */
export function reasonText(rule: CreditRule, value: number, listedUntil?: string | null): string {
  if (rule.fact === 'listed')
    return `正在安全生产严重失信主体名单管理期内${listedUntil ? `（至${listedUntil}）` : ''}`;
  const label = FACT_LABELS[rule.fact].replace(/（.*）$/, '');
  const unit = /（(.*)）$/.exec(FACT_LABELS[rule.fact])?.[1] ?? '';
  const scope = POINT_IN_TIME.includes(rule.fact) ? '当前' : `近${rule.months}个月内`;
  return `${scope}${label}${value}${unit}（达到${rule.min}${unit}即为${rule.grade}级）`;
}

export interface CreditRating {
  grade: Grade;
  reasons: string[];
}

/** The grade is the worst grade of the rules that apply; the reasons list every rule that applied. */
export function rate(f: CreditFacts, rules: readonly CreditRule[], today: string): CreditRating {
  let grade: Grade = 'A';
  const reasons: string[] = [];
  for (const rule of rules) {
    const v = factValue(f, rule.fact, rule.months, today);
    if (v >= rule.min) {
      reasons.push(reasonText(rule, v, f.listedUntil));
      if (ORDER.indexOf(rule.grade) > ORDER.indexOf(grade)) grade = rule.grade;
    }
  }
  if (reasons.length === 0) reasons.push('信用档案中没有失信记录');
  return { grade, reasons };
}

/** Checks a rule set from the console (Chinese problem or null). */
export function creditRulesProblem(rules: unknown): string | null {
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > 50) return '评级规则应为1—50条';
  for (const [i, r] of rules.entries()) {
    const x = r as Partial<CreditRule>;
    if (!x || !['B', 'C', 'D'].includes(String(x.grade))) return `第${i + 1}条规则：等级应为B、C或D`;
    if (!Object.keys(FACT_LABELS).includes(String(x.fact))) return `第${i + 1}条规则：事实项无效`;
    if (!Number.isInteger(x.min) || (x.min as number) < 1) return `第${i + 1}条规则：阈值应为正整数`;
    if (!Number.isInteger(x.months) || (x.months as number) < 0 || (x.months as number) > 120)
      return `第${i + 1}条规则：统计期应为0—120个月`;
  }
  return null;
}

// ---------- 安全生产严重失信主体名单 ----------

export const LISTING_CRITERIA: Record<string, string> = {
  major_accident: '发生特别重大、重大生产安全事故的生产经营单位',
  repeated_larger_accidents: '12个月内累计发生2起以上较大生产安全事故的生产经营单位',
  concealed_accident: '瞒报、谎报生产安全事故的生产经营单位',
  no_licence: '未依法取得安全生产许可证等许可擅自从事生产经营活动，情节严重的',
  refuse_rectify_major_hazard: '存在重大事故隐患，拒不执行停产停业、停止施工、停止使用相关设施设备等决定的',
  resume_after_closure: '被依法责令停产停业整顿或者关闭取缔后，擅自从事生产经营活动的',
  false_report_agency: '承担安全评价、认证、检测、检验职责的机构出具虚假报告的',
  obstruct_inspection: '拒绝、阻碍依法实施的监督检查，情节严重的',
};

export const LISTING_RULES = {
  /** Working days after the 告知 within which a statement (陈述、申辩) may be made (a setting). */
  statementWorkdays: 5,
  /** The fixed 管理期限 (years), counted from the 列入决定. */
  listingYears: 3,
  /** Full months on the list before early removal (信用修复, 提前移出) may be granted. */
  repairAfterMonths: 12,
};

/** What the agency confirms before granting 信用修复 (the 办法's conditions for early removal, paraphrased). */
export const REPAIR_CONDITIONS: Record<string, string> = {
  obligations_fulfilled: '已履行行政处罚决定规定的义务',
  harm_removed: '已主动消除危害后果或者不良影响',
  no_new_serious_acts: '列入后未再发生严重失信行为',
};

/** Adds days to a date (negative to go back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  return monthsBefore(date, -12 * years);
}

export interface ListingPeriod {
  /** the day of the 列入决定 */
  from: string;
  /** the last day on the list (removed and no longer published from the next day) */
  until: string;
  /** the first day 信用修复 may remove the entry early (12 full months after the decision) */
  repairFrom: string;
}

/** The periods of a listing decided on `decidedOn`. */
export function listingPeriod(decidedOn: string): ListingPeriod {
  return {
    from: decidedOn,
    until: addYears(decidedOn, LISTING_RULES.listingYears),
    repairFrom: addDays(monthsBefore(decidedOn, -LISTING_RULES.repairAfterMonths), 1),
  };
}

/** The last day on the list for a decision taken on `decidedOn`. */
export function listUntil(decidedOn: string): string {
  return listingPeriod(decidedOn).until;
}

/** Whether 信用修复 may remove the listing early on `today` (the time condition only). */
export function repairAllowed(decidedOn: string, today: string): boolean {
  return today >= listingPeriod(decidedOn).repairFrom;
}

/** Why 信用修复 cannot be granted today (Chinese), or null: time on the list and every condition confirmed. */
export function repairProblem(decidedOn: string, today: string, confirmed: readonly string[]): string | null {
  const p = listingPeriod(decidedOn);
  if (today < p.repairFrom)
    return `列入名单满${LISTING_RULES.repairAfterMonths}个月后（${p.repairFrom}起）方可信用修复（列入日期${decidedOn}）`;
  if (today > p.until) return `管理期已于${p.until}届满，应作期满移出`;
  const missing = Object.keys(REPAIR_CONDITIONS).filter((k) => !confirmed.includes(k));
  if (missing.length) return `信用修复须确认：${missing.map((k) => REPAIR_CONDITIONS[k]).join('；')}`;
  return null;
}

export type ListingPhase = 'notified' | 'listed' | 'expired' | 'removed' | 'withdrawn';

/**
 * Where a listing stands on `today`: a decided entry past its last day is 'expired' — no longer published
 * nor counted in the rating, whether or not the agency has recorded the removal yet.
 */
export function listingPhase(
  l: { status: 'notified' | 'listed' | 'removed' | 'withdrawn'; listUntil: string | null },
  today: string,
): ListingPhase {
  if (l.status === 'listed' && l.listUntil && today > l.listUntil) return 'expired';
  return l.status;
}

/** Whether the 列入决定 may be taken: after a statement, or once the statement window has closed. */
export function decisionProblem(statementDue: string, hasStatement: boolean, today: string): string | null {
  if (hasStatement || today > statementDue) return null;
  return `陈述申辩期至${statementDue}，期满或当事人陈述后方可作出决定`;
}

/**
 * Whether an early removal may be revoked (concealment or fraud found): only 信用修复/提前移出 removals,
 * and only while the original period runs (the entry is restored until its original last day).
 */
export function restoreProblem(
  l: { status: string; removalKind: string | null; listUntil: string | null },
  today: string,
): string | null {
  if (l.status !== 'removed' || (l.removalKind !== 'repair' && l.removalKind !== 'early'))
    return '只有信用修复或提前移出的记录可以撤销移出、恢复列入';
  if (!l.listUntil || today > l.listUntil) return `原管理期已于${l.listUntil ?? '—'}届满，不能恢复列入`;
  return null;
}
