/**
 * Pure assembly of a scorecard: each indicator's facts, manual score or accepted contest becomes one item
 * with its points, the sentence that explains them and the records behind them; the items give the total.
 * The result is stored as the card's snapshot, so what the agency sees stays stable until recomputed.
 */
import {
  cardTotal,
  describeRule,
  grade,
  METRICS,
  points,
  scoreAutomatic,
  type CardTotal,
  type IndicatorDef,
  type ItemStatus,
} from './scorecards.rules.js';
import type { SourceFacts, TraceRecord } from './scorecards.sources.js';

export interface IndicatorWithId extends IndicatorDef {
  id: string;
}

export interface ManualEntry {
  id: string;
  centi: number;
  evidence: string;
  attachmentName: string | null;
  scoredAt: string;
}

export interface Adjustment {
  contestId: string;
  centi: number;
  reply: string;
}

export interface CardItem {
  indicatorId: string;
  kind: string;
  name: string;
  weightCenti: number;
  ruleText: string;
  status: ItemStatus;
  /** Points counted (after an accepted contest), null unless scored. */
  centi: number | null;
  /** Points from the data or the manual score before any contest adjustment. */
  computedCenti: number | null;
  explanation: string;
  /** The figures scored (rate: numerator/denominator; count: count and, where known, its base). */
  measure: { numerator?: number; denominator?: number; count?: number; base?: number } | null;
  recordsLabel: string | null;
  records: TraceRecord[];
  recordsTotal: number;
  sourceNote: string | null;
  manual: ManualEntry | null;
  adjustment: Adjustment | null;
}

export interface CardSnapshot {
  asOf: string;
  items: CardItem[];
}

/** facts === undefined: no data source for the metric (未接入数据). */
export function assembleItem(
  ind: IndicatorWithId,
  facts: SourceFacts | undefined,
  manual: ManualEntry | undefined,
  adjustment: Adjustment | undefined,
): CardItem {
  const weightCenti = Math.round(ind.weight * 100);
  const base = {
    indicatorId: ind.id,
    kind: ind.kind,
    name: ind.name,
    weightCenti,
    ruleText: describeRule(ind),
    manual: null,
    adjustment: null,
    records: [] as TraceRecord[],
    recordsTotal: 0,
    recordsLabel: null,
    measure: null,
    sourceNote: null,
  };
  let item: CardItem;
  if (ind.kind === 'manual') {
    item = manual
      ? {
          ...base,
          status: 'scored',
          centi: manual.centi,
          computedCenti: manual.centi,
          explanation: `考核人员评分${points(manual.centi)}分：${manual.evidence}`,
          manual,
        }
      : { ...base, status: 'pending', centi: null, computedCenti: null, explanation: '待考核人员评分' };
  } else {
    const info = METRICS[ind.kind];
    if (!facts || facts.unavailable) {
      item = {
        ...base,
        status: 'unavailable',
        centi: null,
        computedCenti: null,
        explanation: facts?.unavailable
          ? `未接入数据：${facts.unavailable}`
          : '未接入数据：该指标的数据来源尚未接入，本项暂不计分',
        recordsLabel: info.failureLabel,
      };
    } else {
      const s = scoreAutomatic(ind, info.measure, facts);
      const measure =
        info.measure === 'rate'
          ? { numerator: facts.numerator ?? 0, denominator: facts.denominator ?? 0 }
          : { count: facts.count ?? 0, ...(facts.base === undefined ? {} : { base: facts.base }) };
      item = {
        ...base,
        status: s.applicable ? 'scored' : 'not_applicable',
        centi: s.centi,
        computedCenti: s.centi,
        explanation: s.explanation,
        measure,
        recordsLabel: info.failureLabel,
        records: facts.records,
        recordsTotal: facts.recordsTotal,
        sourceNote: facts.note ?? null,
      };
    }
  }
  // A contest can only be raised on a scored item (contestItem), so only those carry an adjustment.
  if (adjustment && item.status !== 'unavailable' && item.status !== 'not_applicable')
    item = {
      ...item,
      status: 'scored',
      centi: adjustment.centi,
      adjustment,
      explanation: `${item.explanation}；经申诉复核调整为${points(adjustment.centi)}分（${adjustment.reply}）`,
    };
  return item;
}

export function totalOf(snapshot: CardSnapshot): CardTotal & { grade: string | null } {
  const t = cardTotal(snapshot.items);
  return { ...t, grade: grade(t) };
}

/** Re-applies manual scores and adjustments to a stored snapshot without re-reading the data. */
export function rescoreSnapshot(
  snapshot: CardSnapshot,
  indicators: readonly IndicatorWithId[],
  manual: ReadonlyMap<string, ManualEntry>,
  adjustments: ReadonlyMap<string, Adjustment>,
): CardSnapshot {
  const byId = new Map(snapshot.items.map((i) => [i.indicatorId, i]));
  const items = indicators.map((ind) => {
    const prev = byId.get(ind.id);
    const facts: SourceFacts | undefined =
      prev && prev.kind !== 'manual' && prev.status !== 'unavailable' && prev.measure
        ? {
            ...prev.measure,
            records: prev.records,
            recordsTotal: prev.recordsTotal,
            note: prev.sourceNote,
          }
        : undefined;
    return assembleItem(ind, facts, manual.get(ind.id), adjustments.get(ind.id));
  });
  return { ...snapshot, items };
}
