/** Public surface of the 考核 scorecards module. Other modules import only this file. */
export { scorecardsModule } from './scorecards.module.js';
export { METRICS, METRIC_KEYS, parsePeriod, type MetricKey } from './scorecards.rules.js';
export type { IndicatorSource, SourceFacts, TraceRecord } from './scorecards.sources.js';
