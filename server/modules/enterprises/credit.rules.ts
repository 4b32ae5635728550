/**
 * Safety credit: the facts of an enterprise's credit file, the configurable rating rules (A/B/C/D with the
 * reasons that applied) and the rules of the 安全生产严重失信主体名单 (应急管理部令第11号《安全生产严重失信
 * 主体名单管理办法》, 2023). Pure functions; the service gathers the facts from the records.
 *
 * The listing criteria below paraphrase Articles 5–6 of the 办法 as recalled (not quoted); the agency picks
 * one when it starts a listing and states the facts. The fixed listing period is 3 years; an enterprise
 * may apply for 信用修复 after 1 year on the list (early removal). These numbers are settings here
 * (LISTING_RULES) so a reading of the text that differs changes one place.
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
export function reasonText(rule: CreditRule, value: number): string {
  if (rule.fact === 'listed') return '正在安全生产严重失信主体名单管理期内';
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
      reasons.push(reasonText(rule, v));
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
  /** Working days after the 告知 within which a statement (陈述、申辩) may be made. */
  statementWorkdays: 5,
  /** Fixed listing period (years). */
  listingYears: 3,
  /** Years on the list before 信用修复 (early removal) may be granted. */
  repairAfterYears: 1,
};

/** The last day on the list for a decision taken on `decidedOn`. */
export function listUntil(decidedOn: string): string {
  return addYears(decidedOn, LISTING_RULES.listingYears);
}

export function addYears(date: string, years: number): string {
  return monthsBefore(date, -12 * years);
}

/** Whether 信用修复 may remove the listing early on `today`. */
export function repairAllowed(decidedOn: string, today: string): boolean {
  return today >= addYears(decidedOn, LISTING_RULES.repairAfterYears);
}
