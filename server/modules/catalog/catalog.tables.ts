/**
 * Tables of the catalog module (主动公开): columns (栏目), items with revisions, attachments, workflow
 * history, 保密审查 records, approvals, 索引号 serials, channel outbox and item links.
 *
 * An item (`catalog_items`) is the public identity of a piece of information: its 索引号, publication
 * status and — once published — a snapshot of the published revision's content, so the portal and
 * search read one row. The content being written or changed lives in `catalog_item_revisions`; each
 * revision goes through the workflow on its own (a published item is changed only by a new revision).
 */

/** 第二十条 items are numbered 1–15 (（一）…（十五）). Stored as a JSON array of numbers. */
export type UpdateClass = 'dynamic' | 'periodic' | 'static';
/** Release channels; the portal is always immediate. */
export type ChannelName = 'portal' | 'wechat' | 'weibo' | 'sms';

export interface CatalogSettingsTable {
  org_id: string;
  /** 索引号 template (index-number.ts); null = DEFAULT_INDEX_TEMPLATE. */
  index_template: string | null;
  updated_at: string;
}

export interface CatalogColumnsTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  /** Stable code within the agency (URLs, {columnCode} in 索引号 templates). */
  code: string;
  name: string;
  /** 1, 2 or 3. */
  depth: number;
  sort_order: number;
  /** JSON number[]: which 第二十条 items (1–15) the column serves. */
  art20_items: string;
  /** dynamic: 14 days (动态要闻); periodic: 6 months (通知公告/政策文件); static: no clock. */
  update_class: UpdateClass;
  /** 1 = 主要领导 must approve after 分管领导 (second approval level). */
  second_approval: number;
  /** JSON ChannelName[]: 'portal' is always included. */
  channels: string;
  description: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Publication status of an item (its public face). */
export type ItemStatus = 'unpublished' | 'scheduled' | 'published' | 'withdrawn';
/** 有效性. */
export type Validity = 'valid' | 'invalid' | 'repealed';
/** Document kind for the annual report: 规章 / 行政规范性文件 / other. */
export type DocKind = 'regulation' | 'normative' | 'other';

export interface CatalogItemsTable {
  id: string;
  org_id: string;
  column_id: string;
  status: ItemStatus;
  /** Revision in the workflow (draft … approved-awaiting-schedule); null when none is open. */
  working_revision_id: string | null;
  /** Revision currently public (or last public, for withdrawn items). */
  published_revision_id: string | null;
  /** 索引号: assigned once at first publication, never changed. */
  index_number: string | null;
  // Snapshot of the published revision (mirrors the working revision before first publication).
  title: string;
  summary: string | null; // 内容概述
  body_html: string; // sanitized rich text
  body_text: string; // plain text of body (search, scan)
  publisher: string; // 发布机构
  generated_on: string | null; // 成文日期 YYYY-MM-DD
  doc_number: string | null; // 文号, e.g. 示应急〔2025〕3号
  doc_kind: DocKind;
  topic: string | null; // 主题分类
  disclosure_mode: string; // 公开方式 (主动公开)
  art20_item: number | null; // 第二十条 item 1–15
  keywords: string | null;
  validity: Validity;
  validity_date: string | null; // date of 失效/废止
  replaced_by_item_id: string | null;
  /** 发布日期 (China date) and exact time of first publication; never back-dated. */
  published_on: string | null;
  published_at: string | null;
  /** Time of the latest public change (new revision, 废止 …): portal ETags/sitemaps. */
  content_updated_at: string | null;
  /** Planned publication time for status 'scheduled'. */
  scheduled_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Workflow state of a revision. */
export type RevisionState =
  | 'draft'
  | 'submitted' // in the 保密审查 queue
  | 'reviewing' // a reviewer has taken it
  | 'approving' // 分管领导
  | 'approving_principal' // 主要领导
  | 'scheduled' // approved, waits for its publication time
  | 'published' // is (or was) the public content
  | 'superseded' // was public, replaced by a later revision
  | 'discarded';

export interface CatalogItemRevisionsTable {
  id: string;
  org_id: string;
  item_id: string;
  revision_no: number;
  state: RevisionState;
  column_id: string;
  title: string;
  summary: string | null;
  body_html: string;
  body_text: string;
  publisher: string;
  generated_on: string | null;
  doc_number: string | null;
  doc_kind: DocKind;
  topic: string | null;
  disclosure_mode: string;
  art20_item: number | null;
  keywords: string | null;
  /** Requested publication time (null = on approval). */
  publish_at: string | null;
  change_note: string | null;
  /** Opinion of the last rejection (shown to the drafter). */
  returned_opinion: string | null;
  /** JSON Finding[] (masked) of the latest scan; null = never scanned. */
  scan_findings: string | null;
  scanned_at: string | null;
  drafted_by: string | null;
  drafted_by_name: string | null;
  /** When it entered its current state (queue age). */
  state_since: string;
  created_at: string;
  updated_at: string;
}

export interface CatalogAttachmentsTable {
  id: string;
  org_id: string;
  item_id: string;
  revision_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  /** Key in the storage interface (server/platform/storage). */
  storage_key: string;
  /** Text extracted for search and scan (extract-text.ts); null when the format holds no text. */
  extracted_text: string | null;
  extract_format: string;
  extract_note: string | null;
  sort_order: number;
  uploaded_by: string | null;
  created_at: string;
}

/** Item history: every workflow step. */
export interface CatalogItemEventsTable {
  id: string;
  org_id: string;
  item_id: string;
  revision_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
  at: string;
}

export type ReviewDecision = 'pass' | 'reject';

/** 保密审查 record (prints as 信息发布保密审查表). */
export interface CatalogReviewsTable {
  id: string;
  org_id: string;
  item_id: string;
  revision_id: string;
  reviewer_id: string | null;
  reviewer_name: string;
  /** JSON Record<'stateSecret'|'workSecret'|'commercialSecret'|'privacy'|'sensitive', {involved: boolean, note?: string}>. */
  checklist: string;
  opinion: string;
  decision: ReviewDecision;
  /** JSON Finding[] (masked) the reviewer saw. */
  scan_findings: string;
  created_at: string;
}

/** A reviewer's override of one scan finding, matched by fingerprint on rescans of the same item. */
export interface CatalogScanOverridesTable {
  id: string;
  org_id: string;
  item_id: string;
  review_id: string | null;
  fingerprint: string;
  kind: string;
  masked: string;
  reason: string;
  overridden_by: string | null;
  overridden_by_name: string;
  created_at: string;
}

export interface CatalogApprovalsTable {
  id: string;
  org_id: string;
  item_id: string;
  revision_id: string;
  /** 1 = 分管领导, 2 = 主要领导. */
  level: number;
  approver_id: string | null;
  approver_name: string;
  decision: 'approve' | 'reject';
  opinion: string | null;
  created_at: string;
}

/** 索引号 serial counters: one per agency and counter key (the template rendered without serial; per year). */
export interface CatalogIndexSerialsTable {
  org_id: string;
  counter_key: string;
  year: number;
  last_serial: number;
}

export type DeliveryStatus = 'pending' | 'recorded' | 'delivered' | 'failed' | 'cancelled';

/**
 * Ledger of an item's releases to channels (one row per channel of its first publication). The portal
 * row is done in the publishing transaction; the others are sent by the notify queue (the one outbox:
 * retries, leases, dead letters) and this row follows its queue message (`message_id`) in the same
 * transaction as the message changes (catalog.channels.ts). 'recorded' = nothing configured, written
 * down only, not sent anywhere.
 */
export interface CatalogDeliveriesTable {
  id: string;
  org_id: string;
  item_id: string;
  revision_id: string;
  channel: ChannelName;
  status: DeliveryStatus;
  /** Hand-over attempts of the queue message. */
  attempts: number;
  /** When the queue tries again (backoff), while pending. */
  next_attempt_at: string | null;
  last_error: string | null;
  /** Id the gateway returned (message id …). */
  external_ref: string | null;
  /** JSON of what is sent. */
  payload: string;
  /** Time of the successful attempt (recorded or delivered). */
  completed_at: string | null;
  /** The notify queue message that sends it (null for the portal, and for releases settled before the queue). */
  message_id: string | null;
  created_at: string;
  updated_at: string;
}

/** interprets: from 解读 → to policy; replaces: from new item → to the item it replaces. */
export type ItemLinkKind = 'interprets' | 'replaces';

export interface CatalogItemLinksTable {
  id: string;
  org_id: string;
  from_item_id: string;
  to_item_id: string;
  kind: ItemLinkKind;
  created_at: string;
}

/**
 * Published-item counters for the portal's list pages (catalog.counts.ts): one row per agency, column,
 * 发布年份, 有效性 and 主题分类 ('' = none) with the number of published items. Maintained in every
 * transaction that publishes, changes or withdraws an item; `gongkai catalog recount` rebuilds them.
 */
export interface CatalogPublicCountsTable {
  org_id: string;
  column_id: string;
  year: number;
  validity: Validity;
  topic: string;
  n: number;
}

/** Distinct values of the portal filters among published items ('year' | 'topic' | 'publisher'), with counts. */
export interface CatalogPublicFacetsTable {
  org_id: string;
  facet: 'year' | 'topic' | 'publisher';
  value: string;
  n: number;
}

/**
 * Per agency and month of 发布日期 ('YYYY-MM'): published items that carry a 成文日期 and, of those, the ones
 * published more than 20 working days after it (第二十六条) under the working-day calendar in force — the
 * supervision board's and the scorecards' late-publication counts without a scan of every item
 * (catalog.timeliness.repository.ts). Kept in the transaction of every write that publishes, changes or
 * withdraws an item and recounted inside a calendar change; the row with org_id '' and month 'built'
 * says they have been built (`gongkai catalog recount`); until then readers count the items.
 */
export interface CatalogTimelinessCountsTable {
  org_id: string;
  month: string;
  published: number;
  late: number;
}

export interface CatalogTables {
  catalog_settings: CatalogSettingsTable;
  catalog_columns: CatalogColumnsTable;
  catalog_items: CatalogItemsTable;
  catalog_item_revisions: CatalogItemRevisionsTable;
  catalog_attachments: CatalogAttachmentsTable;
  catalog_item_events: CatalogItemEventsTable;
  catalog_reviews: CatalogReviewsTable;
  catalog_scan_overrides: CatalogScanOverridesTable;
  catalog_approvals: CatalogApprovalsTable;
  catalog_index_serials: CatalogIndexSerialsTable;
  catalog_deliveries: CatalogDeliveriesTable;
  catalog_item_links: CatalogItemLinksTable;
  catalog_public_counts: CatalogPublicCountsTable;
  catalog_public_facets: CatalogPublicFacetsTable;
  catalog_timeliness_counts: CatalogTimelinessCountsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'catalog_settings',
  'catalog_columns',
  'catalog_items',
  'catalog_item_revisions',
  'catalog_attachments',
  'catalog_item_events',
  'catalog_reviews',
  'catalog_scan_overrides',
  'catalog_approvals',
  'catalog_index_serials',
  'catalog_deliveries',
  'catalog_item_links',
  'catalog_public_counts',
  'catalog_public_facets',
  'catalog_timeliness_counts',
] as const satisfies readonly (keyof CatalogTables)[];
