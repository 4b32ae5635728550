/**
 * Pure rules of the 考核 scorecards: periods (quarter, year), the catalogue of automatic metrics, scoring
 * rules (full marks at a threshold with linear deduction, deduction per item with a floor at 0, manual
 * scores), indicator-set validation, card totals, grades and ranking. No I/O. Points are computed in
 * hundredths (integers) so totals never drift; views divide by 100.
 *
 * An automatic indicator with nothing due in the period (no publication, no case, no decision …) is
 * 不适用 (not applicable): it earns nothing and its points leave the card's "points that could be scored",
 * so an idle agency is neither rewarded with full marks nor punished with zero. Cards are ranked by the
 * share earned of what could be scored (docs/decisions/0006-scorecard-not-applicable.md).
 */
import { RuleViolation } from '../../platform/rule-violation.js';

export { RuleViolation };

// ---------- periods ----------

export type PeriodKind = 'quarter' | 'year';
export interface Period {
  key: string;
  kind: PeriodKind;
  /** First and last China date of the period (inclusive). */
  from: string;
  to: string;
  label: string;
}

const QUARTER_ZH = ['第一季度', '第二季度', '第三季度', '第四季度'];
const PERIOD_RE = /^(\d{4})(?:-Q([1-4]))?$/;

/** Parses '2026' (a year) or '2026-Q4' (a quarter); throws RuleViolation otherwise. */
export function parsePeriod(key: string): Period {
  const m = PERIOD_RE.exec(key);
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < 2000 || year > 2100)
    throw new RuleViolation('invalid_period', '考核期间须为年度（如2026）或季度（如2026-Q4）', 'period');
  if (!m[2]) return { key, kind: 'year', from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年度` };
  const q = Number(m[2]);
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const mm = (n: number) => String(n).padStart(2, '0');
  return {
    key,
    kind: 'quarter',
    from: `${year}-${mm(firstMonth)}-01`,
    to: `${year}-${mm(lastMonth)}-${mm(lastDay)}`,
    label: `${year}年${QUARTER_ZH[q - 1]}`,
  };
}

/** The period before: 2026-Q1 → 2025-Q4, 2026 → 2025. */
export function previousPeriod(key: string): string {
  const p = parsePeriod(key);
  const year = Number(key.slice(0, 4));
  if (p.kind === 'year') return String(year - 1);
  const q = Number(key.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The period of a kind that contains a China date. */
export function periodOf(date: string, kind: PeriodKind): string {
  const year = date.slice(0, 4);
  if (kind === 'year') return year;
  return `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

// ---------- metrics ----------

export const METRIC_KEYS = [
  'catalog_on_time_rate',
  'catalog_stale_columns',
  'requests_overdue',
  'interaction_on_time_rate',
  'interaction_satisfaction',
  'enforcement_on_time_rate',
  'selfcheck_findings',
  'tasks_on_time_rate',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export type IndicatorKind = MetricKey | 'manual';
export type Measure = 'rate' | 'count';

export interface MetricInfo {
  label: string;
  measure: Measure;
  /** What one counted record is (in the card's drill-down). */
  failureLabel: string;
  help: string;
}

export const METRICS: Record<MetricKey, MetricInfo> = {
  catalog_on_time_rate: {
    label: '主动公开信息按时发布率',
    measure: 'rate',
    failureLabel: '超期发布的信息',
    help: '本期发布的主动公开信息中，在形成或变更之日起20个工作日内发布的比例（条例第二十六条）。',
  },
  catalog_stale_columns: {
    label: '栏目超期未更新',
    measure: 'count',
    failureLabel: '超期未更新的栏目',
    help: '期末仍超过栏目更新周期未更新的栏目个数。',
  },
  requests_overdue: {
    label: '依申请公开逾期案件',
    measure: 'count',
    failureLabel: '逾期案件',
    help: '本期内超过法定答复期限（条例第三十三条）仍未答复或逾期答复的案件数。',
  },
  interaction_on_time_rate: {
    label: '互动交流按时答复率',
    measure: 'rate',
    failureLabel: '逾期答复的留言',
    help: '本期应答复的信箱、咨询、投诉等事项中按期答复的比例。',
  },
  interaction_satisfaction: {
    label: '互动交流满意率',
    measure: 'rate',
    failureLabel: '不满意的评价',
    help: '本期收到评价的答复中，评价为满意或基本满意的比例。',
  },
  enforcement_on_time_rate: {
    label: '双公示7个工作日内公示率',
    measure: 'rate',
    failureLabel: '超期公示的决定',
    help: '本期作出的行政许可、行政处罚决定中，自作出之日起7个工作日内公示的比例。',
  },
  selfcheck_findings: {
    label: '网站自查发现问题',
    measure: 'count',
    failureLabel: '自查发现的问题',
    help: '本期最近一次网站检查（检查指标）发现的问题数（死链、空白栏目、错敏字等）。',
  },
  tasks_on_time_rate: {
    label: '督办任务按时办结率',
    measure: 'rate',
    failureLabel: '未按时办结的督办任务',
    help: '本期到期的督办任务中，在期限内答复并经督办方验收的比例。',
  },
};

export function isMetricKey(s: string): s is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(s);
}

/** What a data source reports for one agency and one metric. */
export interface MetricFacts {
  /** Rate metrics: records meeting the standard / records due. */
  numerator?: number;
  denominator?: number;
  /** Count metrics (and the failures of a rate metric). */
  count?: number;
  /**
   * Count metrics: how many records the count was taken over (columns checked, cases due …). 0 makes
   * the indicator 不适用; undefined means the source has no such figure and the count always applies.
   */
  base?: number;
}

// ---------- scoring rules ----------

export type ScoringRule =
  /** Full marks at rate ≥ full, nothing at rate ≤ zero, linear between. No record due → 不适用. */
  | { type: 'rate_linear'; full: number; zero: number }
  /** `deduction` points off per counted item beyond `free`, floor at 0. */
  | { type: 'per_item'; deduction: number; free: number }
  /** Scored by the supervisor with evidence. */
  | { type: 'manual' };

export interface IndicatorDef {
  kind: IndicatorKind;
  name: string;
  /** Points (the item's full marks), up to one decimal. */
  weight: number;
  rule: ScoringRule;
  description?: string | null;
}

const cp = (points: number) => Math.round(points * 100);
export const points = (centi: number) => centi / 100;

/** Number of counted items of a metric's facts (failures for a rate metric). */
export function failuresOf(measure: Measure, f: MetricFacts): number {
  if (measure === 'count') return Math.max(0, f.count ?? 0);
  return Math.max(0, (f.denominator ?? 0) - (f.numerator ?? 0));
}

export type ItemScore =
  /** Hundredths of a point, 0 ≤ centi ≤ weight × 100. */
  | { applicable: true; centi: number; explanation: string }
  /** Nothing due in the period: no points either way (不适用). */
  | { applicable: false; centi: null; explanation: string };

const notApplicable = (why: string): ItemScore => ({
  applicable: false,
  centi: null,
  explanation: `不适用：${why}，本项不计分，其分值不计入可得分`,
});

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Scores an automatic indicator from its facts. A rate with no record due, or a count whose source says
 * it was taken over no record (`base: 0`), is 不适用 rather than full marks.
 */
export function scoreAutomatic(def: IndicatorDef, measure: Measure, facts: MetricFacts): ItemScore {
  const max = cp(def.weight);
  const rule = def.rule;
  const scored = (centi: number, explanation: string): ItemScore => ({
    applicable: true,
    centi,
    explanation,
  });
  if (rule.type === 'rate_linear') {
    if (measure !== 'rate') throw new RuleViolation('rule_measure', '计数类指标不能使用比率评分规则');
    const den = Math.max(0, facts.denominator ?? 0);
    const num = Math.min(den, Math.max(0, facts.numerator ?? 0));
    if (den === 0) return notApplicable('本期无应计事项');
    const rate = num / den;
    let centi: number;
    if (rate >= rule.full) centi = max;
    else if (rate <= rule.zero) centi = 0;
    else centi = Math.round((max * (rate - rule.zero)) / (rule.full - rule.zero));
    const head = `${num}/${den}＝${pct(rate)}`;
    if (centi === max) return scored(centi, `${head}，达到${pct(rule.full)}，得满分`);
    if (centi === 0) return scored(centi, `${head}，不高于${pct(rule.zero)}，得0分`);
    return scored(
      centi,
      `${head}，介于${pct(rule.zero)}（0分）与${pct(rule.full)}（满分）之间按比例得${fmt(points(centi))}分`,
    );
  }
  if (rule.type === 'per_item') {
    if (measure === 'rate' && Math.max(0, facts.denominator ?? 0) === 0)
      return notApplicable('本期无应计事项');
    if (measure === 'count' && facts.base === 0) return notApplicable('本期无应考核的事项');
    const n = failuresOf(measure, facts);
    const counted = Math.max(0, n - rule.free);
    const centi = Math.max(0, max - counted * cp(rule.deduction));
    const free = rule.free > 0 ? `（${rule.free}项以内不扣分）` : '';
    if (n === 0) return scored(centi, `无扣分事项，得满分${fmt(def.weight)}分`);
    return scored(
      centi,
      `${n}项，每项扣${fmt(rule.deduction)}分${free}，扣${fmt(points(max - centi))}分，得${fmt(points(centi))}分`,
    );
  }
  throw new RuleViolation('rule_manual', '人工评分指标须由考核人员评分');
}

/** Checks a manual score against the item's full marks (up to two decimals). */
export function checkManualScore(weight: number, score: number): number {
  if (!Number.isFinite(score) || score < 0 || score > weight)
    throw new RuleViolation('score_out_of_range', `得分须在0至${fmt(weight)}分之间`, 'score');
  if (Math.abs(score * 100 - Math.round(score * 100)) > 1e-6)
    throw new RuleViolation('score_precision', '得分最多保留两位小数', 'score');
  return cp(score);
}

/** A one-line Chinese description of a rule for the card and the exports. */
export function describeRule(def: IndicatorDef): string {
  const r = def.rule;
  if (r.type === 'rate_linear') return `达到${pct(r.full)}得满分，不高于${pct(r.zero)}得0分，其间按比例计分`;
  if (r.type === 'per_item')
    return `每项扣${fmt(r.deduction)}分${r.free > 0 ? `，${r.free}项以内不扣分` : ''}，扣完为止`;
  return '考核人员依据佐证材料评分';
}

// ---------- indicator sets ----------

export const WEIGHT_TOTAL = 100;
export const MAX_INDICATORS = 30;

const oneDecimal = (x: number) => Math.abs(x * 10 - Math.round(x * 10)) < 1e-6;

/** Validates an indicator set; returns the indicators normalised (names trimmed). */
export function checkIndicatorSet(defs: readonly IndicatorDef[]): IndicatorDef[] {
  if (defs.length === 0) throw new RuleViolation('indicators_required', '至少设置一项考核指标', 'indicators');
  if (defs.length > MAX_INDICATORS)
    throw new RuleViolation('too_many_indicators', `考核指标不超过${MAX_INDICATORS}项`, 'indicators');
  const names = new Set<string>();
  const out: IndicatorDef[] = [];
  for (const [i, d] of defs.entries()) {
    const field = `indicators.${i}`;
    const name = d.name.trim();
    if (!name)
      throw new RuleViolation('indicator_name_required', `第${i + 1}项指标缺少名称`, `${field}.name`);
    if (names.has(name))
      throw new RuleViolation('indicator_name_duplicate', `指标名称“${name}”重复`, `${field}.name`);
    names.add(name);
    if (!(d.weight > 0) || d.weight > WEIGHT_TOTAL || !oneDecimal(d.weight))
      throw new RuleViolation(
        'invalid_weight',
        `“${name}”的分值须大于0、不超过${WEIGHT_TOTAL}，最多一位小数`,
        `${field}.weight`,
      );
    const r = d.rule;
    if (d.kind === 'manual') {
      if (r.type !== 'manual')
        throw new RuleViolation(
          'rule_kind_mismatch',
          `“${name}”为人工评分指标，评分规则须为人工评分`,
          `${field}.rule`,
        );
    } else {
      if (!isMetricKey(d.kind))
        throw new RuleViolation('unknown_metric', `“${name}”的数据来源无效`, `${field}.kind`);
      if (r.type === 'manual')
        throw new RuleViolation(
          'rule_kind_mismatch',
          `“${name}”为自动计算指标，不能选择人工评分`,
          `${field}.rule`,
        );
      if (r.type === 'rate_linear') {
        if (METRICS[d.kind].measure !== 'rate')
          throw new RuleViolation('rule_measure', `“${name}”是计数类指标，只能按项扣分`, `${field}.rule`);
        if (!(r.full > 0 && r.full <= 1 && r.zero >= 0 && r.zero < r.full))
          throw new RuleViolation(
            'invalid_rate_rule',
            `“${name}”的满分线须在0%至100%之间且高于0分线`,
            `${field}.rule`,
          );
      }
      if (r.type === 'per_item') {
        if (
          !(r.deduction > 0 && r.deduction <= d.weight) ||
          Math.abs(r.deduction * 100 - Math.round(r.deduction * 100)) > 1e-6
        )
          throw new RuleViolation(
            'invalid_deduction',
            `“${name}”的每项扣分须大于0、不超过该项分值，最多两位小数`,
            `${field}.rule`,
          );
        if (!Number.isInteger(r.free) || r.free < 0 || r.free > 100000)
          throw new RuleViolation('invalid_free_items', `“${name}”的免扣项数须为非负整数`, `${field}.rule`);
      }
    }
    out.push({ ...d, name, description: d.description?.trim() || null });
  }
  const total = out.reduce((s, d) => s + cp(d.weight), 0);
  if (total !== cp(WEIGHT_TOTAL))
    throw new RuleViolation(
      'weights_total',
      `各项指标分值合计须为${WEIGHT_TOTAL}分（当前${fmt(points(total))}分）`,
      'indicators',
    );
  return out;
}

/** The default indicator set offered for a new period (the supervisor adjusts it). */
export function defaultIndicators(): IndicatorDef[] {
  const rate = (full: number, zero: number): ScoringRule => ({ type: 'rate_linear', full, zero });
  const each = (deduction: number, free = 0): ScoringRule => ({ type: 'per_item', deduction, free });
  return [
    {
      kind: 'catalog_on_time_rate',
      name: METRICS.catalog_on_time_rate.label,
      weight: 15,
      rule: rate(0.95, 0.6),
    },
    { kind: 'catalog_stale_columns', name: METRICS.catalog_stale_columns.label, weight: 10, rule: each(2) },
    { kind: 'requests_overdue', name: METRICS.requests_overdue.label, weight: 15, rule: each(5) },
    {
      kind: 'interaction_on_time_rate',
      name: METRICS.interaction_on_time_rate.label,
      weight: 10,
      rule: rate(0.95, 0.6),
    },
    {
      kind: 'interaction_satisfaction',
      name: METRICS.interaction_satisfaction.label,
      weight: 5,
      rule: rate(0.9, 0.5),
    },
    {
      kind: 'enforcement_on_time_rate',
      name: METRICS.enforcement_on_time_rate.label,
      weight: 15,
      rule: rate(1, 0.7),
    },
    { kind: 'selfcheck_findings', name: METRICS.selfcheck_findings.label, weight: 10, rule: each(1, 2) },
    { kind: 'tasks_on_time_rate', name: METRICS.tasks_on_time_rate.label, weight: 10, rule: rate(1, 0.5) },
    {
      kind: 'manual',
      name: '政务公开工作机制与培训',
      weight: 10,
      rule: { type: 'manual' },
      description: '领导小组、年度要点落实、培训记录等，凭佐证材料评分',
    },
  ];
}

// ---------- cards ----------

/**
 * scored: has points; not_applicable: nothing due (不适用, leaves the points that could be scored);
 * unavailable: no data source or no data (未接入数据); pending: a manual item not yet scored (待评分).
 */
export const ITEM_STATUSES = ['scored', 'not_applicable', 'unavailable', 'pending'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  scored: '已评分',
  not_applicable: '不适用',
  unavailable: '未接入数据',
  pending: '待评分',
};

export interface CardItemScore {
  weightCenti: number;
  status: ItemStatus;
  /** Null unless scored. */
  centi: number | null;
}

export interface CardTotal {
  /** Sum of the scored items (points earned). */
  centi: number;
  /** Full marks of all items, and of the items that have a score (points that could be scored). */
  maxCenti: number;
  scoredMaxCenti: number;
  /** Full marks of the 不适用 items (out of the card's reach, not counted against it). */
  notApplicableCenti: number;
  /** True while an item has no data (未接入数据) or awaits a manual score; 不适用 is final, not provisional. */
  provisional: boolean;
}

export function cardTotal(items: readonly CardItemScore[]): CardTotal {
  let centi = 0;
  let maxCenti = 0;
  let scoredMaxCenti = 0;
  let notApplicableCenti = 0;
  let provisional = false;
  for (const it of items) {
    maxCenti += it.weightCenti;
    if (it.status === 'scored' && it.centi !== null) {
      centi += it.centi;
      scoredMaxCenti += it.weightCenti;
    } else if (it.status === 'not_applicable') notApplicableCenti += it.weightCenti;
    else provisional = true;
  }
  return { centi, maxCenti, scoredMaxCenti, notApplicableCenti, provisional };
}

/** Points earned over points that could be scored (0–1); null when nothing could be scored. */
export function scoreShare(total: Pick<CardTotal, 'centi' | 'scoredMaxCenti'>): number | null {
  return total.scoredMaxCenti > 0 ? total.centi / total.scoredMaxCenti : null;
}

/** The share as a percentage with one decimal (for views and exports); null when nothing could be scored. */
export function sharePercent(total: Pick<CardTotal, 'centi' | 'scoredMaxCenti'>): number | null {
  const s = scoreShare(total);
  return s === null ? null : Math.round(s * 1000) / 10;
}

/** 等次 by the score over the full marks that could be scored: 优秀 ≥ 90%, 良好 ≥ 80%, 合格 ≥ 60%. */
export function grade(total: Pick<CardTotal, 'centi' | 'scoredMaxCenti'>): string | null {
  const r = scoreShare(total);
  if (r === null) return null;
  if (r >= 0.9) return '优秀';
  if (r >= 0.8) return '良好';
  if (r >= 0.6) return '合格';
  return '不合格';
}

/** a/b against c/d exactly (integers, cross-multiplied, no float ties). */
function compareShare(
  a: { centi: number; scoredMaxCenti: number },
  b: { centi: number; scoredMaxCenti: number },
) {
  return a.centi * b.scoredMaxCenti - b.centi * a.scoredMaxCenti;
}

/**
 * Standard competition ranking (1, 2, 2, 4) by score share — points earned over points that could be
 * scored — highest first; equal shares share a rank and keep the given order. A card with nothing that
 * could be scored gets no rank (null) and comes last.
 */
export function rank<T extends { centi: number; scoredMaxCenti: number }>(
  rows: readonly T[],
): (T & { rank: number | null })[] {
  const rankable = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.scoredMaxCenti > 0);
  const sorted = rankable.sort((a, b) => compareShare(b.r, a.r) || a.i - b.i);
  const out: (T & { rank: number | null })[] = [];
  for (const [pos, { r }] of sorted.entries()) {
    const prev = out[pos - 1];
    out.push({ ...r, rank: prev && compareShare(prev, r) === 0 ? prev.rank : pos + 1 });
  }
  for (const r of rows) if (r.scoredMaxCenti <= 0) out.push({ ...r, rank: null });
  return out;
}

// ---------- contests ----------

export type ContestState = 'open' | 'accepted' | 'rejected';
export const CONTEST_STATE_LABELS: Record<ContestState, string> = {
  open: '待答复',
  accepted: '已采纳（已重新评分）',
  rejected: '未采纳',
};

/** Checks a supervisor's answer to a contest. Accepting needs the new score; rejecting a reason. */
export function checkContestAnswer(
  weight: number,
  answer: { accept: boolean; reply: string; score?: number | null | undefined },
): number | null {
  if (!answer.reply.trim())
    throw new RuleViolation(
      'reply_required',
      answer.accept ? '请说明采纳理由' : '请说明不予采纳的理由',
      'reply',
    );
  if (!answer.accept) return null;
  if (answer.score === undefined || answer.score === null)
    throw new RuleViolation('score_required', '采纳申诉须给出调整后的得分', 'score');
  return checkManualScore(weight, answer.score);
}
