/**
 * Tables of the 考核 scorecards module: indicator sets per supervising agency and period, the indicators
 * with weight and scoring rule, manual scores with evidence, the computed card per scored agency (a
 * snapshot with every indicator's records, so the card stays stable and explainable until recomputed),
 * and contests (申诉) of a card item. Timestamps ISO text; points in hundredths (integers).
 */

/** Owned by this module (the architecture test reads this list). */
export const OWNED_TABLES = [
  'scorecard_sets',
  'scorecard_indicators',
  'scorecard_manual_scores',
  'scorecard_cards',
  'scorecard_contests',
] as const;

export interface ScorecardSetsTable {
  id: string;
  /** The supervising agency that configures and scores (e.g. 示例市人民政府). */
  org_id: string;
  /** '2026' or '2026-Q4'. */
  period: string;
  period_kind: 'quarter' | 'year';
  title: string;
  note: string | null;
  /** Bumped on every change of the indicators: cards computed earlier are marked outdated. */
  revision: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScorecardIndicatorsTable {
  id: string;
  set_id: string;
  sort_order: number;
  /** A metric key (automatic) or 'manual'. */
  kind: string;
  name: string;
  weight_centi: number;
  /** The scoring rule (scorecards.rules.ts ScoringRule) as JSON. */
  rule_json: string;
  description: string | null;
}

export interface ScorecardManualScoresTable {
  id: string;
  set_id: string;
  indicator_id: string;
  agency_id: string;
  score_centi: number;
  evidence: string;
  attachment_name: string | null;
  attachment_key: string | null;
  attachment_size: number | null;
  scored_by: string | null;
  scored_at: string;
}

export interface ScorecardCardsTable {
  id: string;
  set_id: string;
  agency_id: string;
  /** The set revision the card was computed with. */
  set_revision: number;
  total_centi: number;
  max_centi: number;
  scored_max_centi: number;
  provisional: number;
  /** The card's items with their facts and records (scorecards.cards.ts CardSnapshot) as JSON. */
  snapshot_json: string;
  computed_at: string;
  computed_by: string | null;
  /**
   * The data version the card's automatic items were read at (scorecards.versions.ts) — set for closed
   * periods only; a recompute reuses the items while the version is unchanged. Null: always re-read.
   */
  data_version: string | null;
}

export type ContestStateT = 'open' | 'accepted' | 'rejected';

export interface ScorecardContestsTable {
  id: string;
  card_id: string;
  set_id: string;
  agency_id: string;
  indicator_id: string;
  reason: string;
  state: ContestStateT;
  /** Points of the item when contested, and the adjusted points when accepted. */
  before_centi: number | null;
  adjusted_centi: number | null;
  reply: string | null;
  created_by: string | null;
  created_at: string;
  answered_by: string | null;
  answered_at: string | null;
}

export interface ScorecardsTables {
  scorecard_sets: ScorecardSetsTable;
  scorecard_indicators: ScorecardIndicatorsTable;
  scorecard_manual_scores: ScorecardManualScoresTable;
  scorecard_cards: ScorecardCardsTable;
  scorecard_contests: ScorecardContestsTable;
}
