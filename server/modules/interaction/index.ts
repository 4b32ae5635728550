/**
 * Public surface of the interaction module (互动交流). Other modules import only this file.
 */
export { interactionModule } from './interaction.module.js';
export { interactionReportFacts } from './interaction.report.js';
// `gongkai keys rotate` (issue 14): identities re-encrypted under the new data key version.
export { rotateInteractionKeys, type InteractionRotationResult } from './interaction.keys.js';
export { KIND_LABELS, type KindSettings } from './interaction.rules.js';
export type { InteractionKind } from './interaction.tables.js';
export { interactionSelfcheckFacts, type SelfcheckInteractionFact } from './interaction.selfcheck.js';
// Supervision boards and scorecards (issue 19): read-only facts over many agencies.
export {
  interactionAnsweredItems,
  interactionFacts,
  interactionItemList,
  interactionPeriodFacts,
  interactionPeriodSummary,
  type InteractionAnsweredFact,
  type InteractionFacts,
  type InteractionItemFact,
  type InteractionPeriodFacts,
} from './interaction.supervision.js';
export { interactionStatistics, type InteractionStatistics } from './interaction.statistics.js';
