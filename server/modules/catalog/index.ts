/**
 * Public surface of the catalog module (主动公开). Other modules import from here only; the files
 * behind it are one use case or one stage each.
 */
export * from './catalog.columns.js';
export * from './catalog.items.js';
export * from './catalog.attachments.js';
export * from './catalog.scanning.js';
export * from './catalog.workflow.js';
export * from './catalog.review.js';
export * from './catalog.publishing.js';
export * from './catalog.reads.js';
export * from './catalog.deliveries.js';
export { catalogCalendar } from './catalog.access.js';
export { itemNotices, type ItemNotice, type ItemNoticeSource } from './catalog.item-notices.js';
export { readableAgencyIds } from '../orgs/orgs.service.js';
export type { UpdateClass } from './catalog.tables.js';
export { catalogReportFacts } from './catalog.report.js';
export type { PublishedItemEvent, WithdrawnItemEvent } from './catalog.events.js';
export { catalogSelfcheckFacts, type SelfcheckColumnFact } from './catalog.selfcheck.js';
// Supervision boards and scorecards (issue 19): read-only facts over many agencies.
export {
  catalogTimelinessFacts,
  catalogColumnFindings,
  catalogLateItems,
  latestOnTimeDay,
  type CatalogTimelinessFacts,
  type ColumnFinding,
  type LateItemFact,
} from './catalog.supervision.js';
export { catalogStatistics, type CatalogStatistics } from './catalog.statistics.js';
// Site group (站群, issue 19): public 目录 facts across the agencies of a group.
export {
  groupCatalogCounts,
  groupCatalogItems,
  groupCatalogYears,
  GROUP_CATALOG_MAX_ROWS,
  type GroupCatalogItem,
} from './catalog.sitegroup.js';
