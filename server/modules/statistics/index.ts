/** Public surface of the statistics module (统计). */
export { statisticsModule } from './statistics.module.js';
export { consoleStatistics, publicStatistics, computeStatistics } from './statistics.service.js';
export {
  resolvePeriod,
  weightedPercentile,
  tableCsv,
  type Period,
  type StatTable,
} from './statistics.rules.js';
