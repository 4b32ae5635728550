/** Tables of the search module (Kysely row types) and the small portal tables it migrates. */

/**
 * One public document in the search index (a published catalog item, a 双公示 decision …).
 * Present only while the document is publicly visible: withdrawal deletes the row.
 * SQLite keeps the tokens in the contentless FTS5 table `search_fts` (rowid = sort_key);
 * PostgreSQL keeps them in the `tsv tsvector` column (not in this type: only raw SQL touches it).
 */
export interface SearchDocumentsTable {
  /** Publication instant in ms × 1024 + slot: newest-first is the index order. */
  sort_key: number;
  /** `${kind}:${source_id}` */
  doc_key: string;
  kind: string;
  source_id: string;
  org_id: string;
  title: string;
  /** Plain text of the body (for snippets). */
  body: string;
  /** 文号, attachment text, enterprise name, credit code … (searchable, not shown). */
  extra: string;
  /** Path under the agency's portal base, e.g. `/items/<id>`. */
  url: string;
  /** What to show next to the title: the column (栏目) name or the kind ("行政处罚决定"). */
  label: string | null;
  column_id: string | null;
  year: number | null;
  publisher: string | null; // 发布机构
  validity: string | null; // 有效性: 有效 | 失效 | 废止
  published_at: string;
  /** After this instant the document is no longer public (e.g. the 公示期 of a penalty decision). */
  visible_until: string | null;
  indexed_at: string;
}

/** Editable portal page texts per agency (e.g. slug `guide`: the free text of the 政府信息公开指南). */
export interface PortalPagesTable {
  org_id: string;
  slug: string;
  title: string;
  /** Sanitized HTML. */
  body_html: string;
  updated_at: string;
  updated_by: string | null;
}

/** Bumped in every transaction that changes public content, so cached pages and ETags change at once. */
export interface PortalContentVersionsTable {
  org_id: string;
  version: number;
  updated_at: string;
}

export interface SearchTables {
  search_documents: SearchDocumentsTable;
  portal_pages: PortalPagesTable;
  portal_content_versions: PortalContentVersionsTable;
}

export const OWNED_TABLES = [
  'search_documents',
  'portal_pages',
  'portal_content_versions',
] as const satisfies readonly (keyof SearchTables)[];
