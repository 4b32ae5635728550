/**
 * Read-only supervision facts of the enforcement module (双公示) for the supervision boards and the
 * scorecards (issue 19). Each fact is one aggregated query, so it lives in the repository file; this file
 * is the module's public entry for them (exported through
 * server/modules/enforcement/index.ts).
 */
export {
  enforcementFacts,
  enforcementOverdueList,
  enforcementPeriodFacts,
  enforcementPeriodLateList,
  type EnforcementFacts,
  type EnforcementPeriodFacts,
  type LateDecisionFact,
  type OverdueDecisionFact,
} from './enforcement.supervision.repository.js';
