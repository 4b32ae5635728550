/**
 * Where the automatic indicators get their data: a small interface the scoring engine depends on. The
 * adapters over the other modules' exported read-only facts live in scorecards.adapters.ts; tests and the
 * benchmark pass their own sources. A metric no source provides is shown as 未接入数据 — never a fake 0
 * or full score.
 */
import type { Ctx } from '../../platform/context.js';
import type { MetricFacts, MetricKey, Period } from './scorecards.rules.js';

/** One record behind a point (a case, an item, a column …) with a console link where there is one. */
export interface TraceRecord {
  id: string;
  label: string;
  href: string | null;
  note: string | null;
}

export interface SourceFacts extends MetricFacts {
  /** The records counted against the agency (late items, overdue cases …), at most RECORDS_CAP. */
  records: TraceRecord[];
  /** How many such records there are in all (records may be capped). */
  recordsTotal: number;
  /** Where the figure comes from, in a sentence (e.g. when a source has no record list). */
  note?: string | null;
  /** Set when this agency has no data for the metric in the period (e.g. no self-check ran): not scored. */
  unavailable?: string;
}

export const RECORDS_CAP = 500;

export interface IndicatorSource {
  metrics: readonly MetricKey[];
  /** Facts per agency for one metric in the period; `asOf` is min(today, period end). */
  facts(
    ctx: Ctx,
    metric: MetricKey,
    agencyIds: readonly string[],
    period: Period,
    asOf: string,
  ): Promise<Map<string, SourceFacts>>;
}

/** The source of each metric (the first that names it); metrics without one are unavailable. */
export function sourceOf(sources: readonly IndicatorSource[], metric: MetricKey): IndicatorSource | null {
  return sources.find((s) => s.metrics.includes(metric)) ?? null;
}
