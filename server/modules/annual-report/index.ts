/**
 * Public API of the annual-report core (政府信息公开工作年度报告): formats as data, consistency
 * rules, and the checker for existing reports. Pure: no database, no HTTP, no clock.
 */
export type * from './types.js';
export { REPORT_FORMATS, formatById, formatForYear, isFormatId, withTable3Of } from './formats/registry.js';
export { format2019 } from './formats/format-2019.js';
export { format2021 } from './formats/format-2021.js';
export { SECTION_HEADINGS, TABLE3_COLUMNS, TABLE3_COL_KEYS, TABLE4_COLUMNS } from './formats/common.js';
export { emptyTables, num, t3, t4, table3ColIndex, table3RowLabel, table4ColIndex } from './tables.js';
export { RULES, describeCell, ruleById, runChecks, type CheckContext, type RuleDef } from './checks.js';
export {
  extractNarrativeFigures,
  normalizeNarrative,
  type NarrativeFigure,
  type NarrativeFigureKind,
} from './narrative.js';
export {
  checkReport,
  checkReportHtml,
  checkReportText,
  type CheckReportInput,
  type CheckReportResult,
  type DetectedFormat,
} from './checker/check-report.js';
export { decodeText, renderText, runReportCheck, type CliResult, type ReadFile } from './checker/cli.js';
export { publicationBlocks, deadlineOf, type PublicationBlock } from './lifecycle.js';
// Supervision boards and scorecards (issue 19): readiness facts over many agencies (reads the database).
export { reportReadinessFacts, type ReportReadinessFacts } from './annual-report.supervision.js';
