/**
 * The search index: one interface, two engines (SQLite FTS5, PostgreSQL tsvector + GIN), chosen by
 * ctx.dialect. Writes take the caller's db/trx so a document enters or leaves the index in the same
 * transaction that publishes or withdraws it.
 *
 * Query cost is bounded (design.md "Search: what the trial showed", docs/perf/search.md):
 * - results are newest first, which is the index's own order (sort_key), so a page needs only the
 *   first matches, however frequent the word;
 * - counts stop at the deepest page we serve (MAX_PAGES × page size) and then read "1000 条以上";
 *   when counting is costly (a phrase, three or more words, or a filter the index cannot walk by)
 *   they stop LOOKAHEAD_PAGES pages past the requested page instead ("200 条以上"), and move on
 *   as the visitor pages;
 * - relevance order ranks only the newest RANK_PAGES pages of matches, in the application (rank.ts).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/database.js';
import { DomainError } from '../../platform/errors.js';
import type { SearchDocumentsTable } from './search.tables.js';
import { parseQuery, type ParsedQuery, type QueryNode } from './query.js';
import { rankByRelevance } from './rank.js';
import { highlightTitle, makeSnippet } from './snippet.js';
import * as repo from './search.repository.js';

export type Db = Kysely<DB>;
export type SearchDocumentRow = Selectable<SearchDocumentsTable>;

/** What a module hands to the index. Only publicly visible documents belong in it. */
export interface SearchDocument {
  kind: string; // 'item' | 'decision' | …
  sourceId: string;
  orgId: string;
  title: string;
  /** Plain text (no HTML). */
  body: string;
  /** 文号, attachment text, enterprise name, credit code …: searchable, never shown in snippets. */
  extra?: string;
  /** Path under the agency's portal base, e.g. `/items/<id>`. */
  url: string;
  /** Shown with the hit: column (栏目) name or kind label. */
  label?: string | null;
  columnId?: string | null;
  year?: number | null;
  publisher?: string | null;
  validity?: string | null;
  /** ISO timestamp of publication (发布日期): the sort order. */
  publishedAt: string;
  /** When it stops being public (公示期 end), if ever. */
  visibleUntil?: string | null;
}

export interface SearchFilters {
  kind?: string;
  columnId?: string;
  /** Several columns (a column and its descendants). */
  columnIds?: string[];
  /** Publication year (China date); must agree with publishedAt. */
  year?: number;
  /**
   * Only a walk bound, never a filter by itself: 'YYYY-MM' narrows the index walk to the sort keys of
   * that month (with a day of margin), for callers whose column or year filter already selects the month
   * exactly (the interaction letters' `hd:<kind>:<YYYY-MM>` columns).
   */
  walkMonth?: string;
  publisher?: string;
  validity?: string;
}

export interface SearchQuery {
  q: string;
  /** Agencies whose documents may be returned (the portal's agency, or the site group). */
  orgIds: string[];
  filters?: SearchFilters;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  order?: 'newest' | 'relevance';
  /** The current instant (ISO), for visible_until. */
  now: string;
}

export interface SearchHit {
  kind: string;
  sourceId: string;
  orgId: string;
  title: string;
  /** Escaped HTML with <mark>. */
  titleHtml: string;
  /** Escaped HTML with <mark>, ellipses where cut. */
  snippetHtml: string;
  url: string;
  label: string | null;
  columnId: string | null;
  publisher: string | null;
  validity: string | null;
  publishedAt: string;
}

export interface SearchResultPage {
  hits: SearchHit[];
  /** Matches counted, at most `countCap`. */
  total: number;
  /** True when there are more than `total` matches (shown as "1000 条以上"). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  /** Pages the visitor may open now (≤ maxPages). */
  pageCount: number;
  /**
   * The most pages this query can show (MAX_PAGES; RANK_PAGES in relevance order). When
   * `totalCapped` and `pageCount < maxPages`, the count stopped early and grows as the visitor pages.
   */
  maxPages: number;
  /** Set when the request asked for a page beyond what we serve, or the query had nothing searchable. */
  notice: string | null;
  parsed: ParsedQuery;
}

export const MAX_PAGES = 50;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** Relevance order ranks the newest this many pages of matches. */
export const RANK_PAGES = 10;
/** When counting is costly, count this many pages past the requested one (see countIsCostly). */
export const LOOKAHEAD_PAGES = 4;

/**
 * Whether counting up to MAX_PAGES pages costs more than the page itself by far: the index walks
 * matches newest first, so counting 1,000 costs about 1,000 ÷ (share of candidates that pass). That
 * share is small for a phrase (positions checked for every candidate holding all its words), for
 * three or more words, and for filters that are checked row by row (column, publisher, validity,
 * kind). Years are not among them: they are a sort_key range the index walks directly.
 */
export function countIsCostly(node: QueryNode, filters: SearchFilters): boolean {
  if (filters.columnId || filters.columnIds || filters.publisher || filters.validity || filters.kind)
    return true;
  const items = node.type === 'and' ? node.items : [node];
  return items.length >= 3 || items.some((n) => n.type === 'phrase');
}

/** A document row with its key, ready for the engine to store. */
export interface IndexEntry {
  sortKey: number;
  doc: SearchDocument;
  row: Omit<SearchDocumentRow, 'sort_key'>;
}

/** Engine-specific part: token storage and the two bounded queries. */
export interface SearchEngine {
  /** Inserts the rows and their tokens (multi-row statements within the engine's parameter limit). */
  insertDocuments(db: Db, entries: readonly IndexEntry[]): Promise<void>;
  deleteTokens(db: Db, sortKeys: number[]): Promise<void>;
  /** Rows of one page, newest first. */
  page(db: Db, spec: EngineQuery): Promise<SearchDocumentRow[]>;
  /** min(matches, cap). */
  count(db: Db, spec: EngineQuery, cap: number): Promise<number>;
  /**
   * Matches per agency among at most `cap` matches (one query: the site group's agency facet). When
   * there are more than `cap` matches, which ones are counted is the engine's choice (SQLite: the
   * newest; PostgreSQL: the GIN bitmap's heap order).
   */
  countByOrg(db: Db, spec: EngineQuery, cap: number): Promise<Map<string, number>>;
  /**
   * Whether counting to `cap` is cheap for this query beyond what its shape says (countIsCostly);
   * engines whose counts cost grows with the number of matches answer from their statistics.
   */
  countIsCheap?(db: Db, spec: EngineQuery, cap: number): Promise<boolean>;
}

export interface EngineQuery {
  parsed: ParsedQuery;
  orgIds: string[];
  filters: SearchFilters;
  now: string;
  limit: number;
  offset: number;
  /** The count already made for this query (pages after a count): an exact total when not capped. */
  counted?: { n: number; capped: boolean };
}

export interface SearchIndex {
  readonly dialect: DialectName;
  /** Adds or replaces a document (keeps its place when its publication instant is unchanged). */
  upsert(db: Db, doc: SearchDocument, now: string): Promise<void>;
  /**
   * Adds or replaces many documents with multi-row statements: in the caller's transaction when `db`
   * is one, otherwise in one transaction of its own. A later duplicate of a document wins.
   */
  upsertMany(db: Db, docs: readonly SearchDocument[], now: string): Promise<void>;
  /** Removes a document; true when it was there. */
  remove(db: Db, kind: string, sourceId: string): Promise<boolean>;
  /** Removes every document of a kind (optionally of one agency); returns how many. */
  removeKind(db: Db, kind: string, orgId?: string): Promise<number>;
  search(db: Db, query: SearchQuery): Promise<SearchResultPage>;
  /**
   * Hits per agency of a search (its orgIds and filters; page and order do not matter), counted over
   * at most `cap` matches: `capped` says there were more, and then each count is a lower bound.
   */
  countByAgency(db: Db, query: SearchQuery, cap: number): Promise<AgencyCounts>;
  /** Documents in the index of a kind (for reindex reports and tests). */
  countKind(db: Db, kind: string): Promise<number>;
}

/** countByAgency's answer. */
export interface AgencyCounts {
  /** Matches per agency (agencies without a match are absent). */
  counts: Map<string, number>;
  /** How many matches were counted in all (≤ cap). */
  counted: number;
  /** True when there are more matches than were counted: every count is then a lower bound. */
  capped: boolean;
  cap: number;
}

const SLOTS = 1024;

/** The first sort_key of a publication instant (ms × 1024). */
export function sortKeyBase(publishedAt: string): number {
  const ms = Date.parse(publishedAt);
  if (!Number.isFinite(ms)) throw new DomainError('search_bad_date', '发布时间格式不正确', { publishedAt });
  return ms * SLOTS;
}

function preferredSlot(docKey: string): number {
  return createHash('sha1').update(docKey).digest().readUInt16BE(0) % SLOTS;
}

export function docKeyOf(kind: string, sourceId: string): string {
  return `${kind}:${sourceId}`;
}

/** Keys per IN (…) list: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const LOOKUP_CHUNK = 1000;

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function documentRow(docKey: string, doc: SearchDocument, now: string): IndexEntry['row'] {
  return {
    doc_key: docKey,
    kind: doc.kind,
    source_id: doc.sourceId,
    org_id: doc.orgId,
    title: doc.title,
    body: doc.body,
    extra: doc.extra ?? '',
    url: doc.url,
    label: doc.label ?? null,
    column_id: doc.columnId ?? null,
    year: doc.year ?? null,
    publisher: doc.publisher ?? null,
    validity: doc.validity ?? null,
    published_at: doc.publishedAt,
    visible_until: doc.visibleUntil ?? null,
    indexed_at: now,
  };
}

/** The shared half of both engines: key allocation, row upkeep, paging rules, snippets. */
export class KyselySearchIndex implements SearchIndex {
  constructor(
    readonly dialect: DialectName,
    private readonly engine: SearchEngine,
  ) {}

  async upsert(db: Db, doc: SearchDocument, now: string): Promise<void> {
    await this.upsertMany(db, [doc], now);
  }

  async upsertMany(db: Db, docs: readonly SearchDocument[], now: string): Promise<void> {
    if (docs.length === 0) return;
    if (db.isTransaction) return this.writeBatch(db, docs, now);
    await db.transaction().execute((trx) => this.writeBatch(trx, docs, now));
  }

  private async writeBatch(db: Db, input: readonly SearchDocument[], now: string): Promise<void> {
    const byKey = new Map<string, SearchDocument>();
    for (const doc of input) {
      const docKey = docKeyOf(doc.kind, doc.sourceId);
      byKey.delete(docKey); // a later duplicate wins and takes its place in the order
      byKey.set(docKey, doc);
    }
    const docKeys = [...byKey.keys()];
    const existing = new Map<string, number>();
    for (const part of chunks(docKeys, LOOKUP_CHUNK))
      for (const [k, v] of await repo.sortKeysOfDocs(db, part)) existing.set(k, v);
    // A document keeps its key while its publication instant is unchanged (it is rewritten in place);
    // otherwise the old key is dropped and a new one taken in the new instant's slots.
    const entries: IndexEntry[] = [];
    const needKey: { docKey: string; doc: SearchDocument; base: number }[] = [];
    const reserved = new Set<number>();
    for (const [docKey, doc] of byKey) {
      const base = sortKeyBase(doc.publishedAt);
      const row = documentRow(docKey, doc, now);
      const old = existing.get(docKey);
      if (old !== undefined && Math.floor(old / SLOTS) * SLOTS === base) {
        reserved.add(old);
        entries.push({ sortKey: old, doc, row });
      } else {
        needKey.push({ docKey, doc, base });
        entries.push({ sortKey: -1, doc, row });
      }
    }
    await this.deleteKeys(db, [...existing.values()]);

    // Most documents get their preferred slot; one lookup for all of them, a slot scan for the rest.
    const preferred = needKey.map((n) => n.base + preferredSlot(n.docKey));
    const taken = new Set<number>();
    for (const part of chunks(preferred, LOOKUP_CHUNK))
      for (const k of await repo.takenSortKeys(db, { keys: part })) taken.add(k);
    const assigned = new Map<string, number>();
    for (let i = 0; i < needKey.length; i++) {
      const n = needKey[i]!;
      let key = preferred[i]!;
      if (taken.has(key) || reserved.has(key)) key = await this.freeKey(db, n.base, n.docKey, reserved);
      reserved.add(key);
      assigned.set(n.docKey, key);
    }
    for (const e of entries) if (e.sortKey < 0) e.sortKey = assigned.get(e.row.doc_key)!;
    await this.engine.insertDocuments(db, entries);
  }

  /** A free sort_key within the instant's 1024 slots, starting from the document's own slot. */
  private async freeKey(db: Db, base: number, docKey: string, reserved: Set<number>): Promise<number> {
    const taken = await repo.takenSortKeys(db, { from: base, to: base + SLOTS });
    const first = preferredSlot(docKey);
    for (let i = 0; i < SLOTS; i++) {
      const key = base + ((first + i) % SLOTS);
      if (!taken.has(key) && !reserved.has(key)) return key;
    }
    throw new DomainError('search_slots_full', '同一毫秒发布的文档过多，请稍后重试');
  }

  private async deleteKeys(db: Db, keys: number[]): Promise<void> {
    for (const part of chunks(keys, LOOKUP_CHUNK)) {
      await this.engine.deleteTokens(db, part);
      await repo.deleteDocumentRows(db, part);
    }
  }

  async remove(db: Db, kind: string, sourceId: string): Promise<boolean> {
    const keys = await repo.sortKeysOf(db, { docKey: docKeyOf(kind, sourceId) });
    if (keys.length === 0) return false;
    await this.deleteKeys(db, keys);
    return true;
  }

  async removeKind(db: Db, kind: string, orgId?: string): Promise<number> {
    let removed = 0;
    for (;;) {
      const keys = await repo.sortKeysOf(db, { kind, orgId, limit: 500 });
      if (keys.length === 0) return removed;
      await this.deleteKeys(db, keys);
      removed += keys.length;
    }
  }

  async countKind(db: Db, kind: string): Promise<number> {
    return repo.countOfKind(db, kind);
  }

  async countByAgency(db: Db, query: SearchQuery, cap: number): Promise<AgencyCounts> {
    const limit = Math.max(1, Math.floor(cap));
    const parsed = parseQuery(query.q);
    if (!parsed.node || query.orgIds.length === 0)
      return { counts: new Map(), counted: 0, capped: false, cap: limit };
    const spec: EngineQuery = {
      parsed,
      orgIds: query.orgIds,
      filters: query.filters ?? {},
      now: query.now,
      limit: 1,
      offset: 0,
    };
    // One more than the cap tells whether there are more; that extra match is not counted.
    const counts = await this.engine.countByOrg(db, spec, limit + 1);
    let counted = [...counts.values()].reduce((a, b) => a + b, 0);
    const capped = counted > limit;
    if (capped) {
      // Drop the one extra match from the agency with the most (a lower bound stays a lower bound).
      const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      if (top && top[1] > 1) counts.set(top[0], top[1] - 1);
      else if (top) counts.delete(top[0]);
      counted = limit;
    }
    return { counts, counted, capped, cap: limit };
  }

  async search(db: Db, query: SearchQuery): Promise<SearchResultPage> {
    const pageSize = Math.min(Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    const requested = Math.max(1, Math.floor(query.page ?? 1));
    const parsed = parseQuery(query.q);
    const order = query.order ?? 'newest';
    const empty = (notice: string | null): SearchResultPage => ({
      hits: [],
      total: 0,
      totalCapped: false,
      page: 1,
      pageSize,
      pageCount: 0,
      maxPages: order === 'relevance' ? RANK_PAGES : MAX_PAGES,
      notice,
      parsed,
    });
    if (!parsed.node) return empty(query.q.trim() ? '请输入可检索的关键词（汉字、字母或数字）' : null);
    if (query.orgIds.length === 0) return empty(null);

    const filters = query.filters ?? {};
    const spec: EngineQuery = {
      parsed,
      orgIds: query.orgIds,
      filters,
      now: query.now,
      limit: pageSize,
      offset: 0,
    };
    let maxPages = MAX_PAGES;
    let cap = MAX_PAGES * pageSize;
    let counted: number;
    let window: SearchDocumentRow[] | null = null;
    if (order === 'relevance') {
      // One query: the candidate window (+1 to know whether there are more) is also the count.
      maxPages = RANK_PAGES;
      cap = RANK_PAGES * pageSize;
      window = await this.engine.page(db, { ...spec, limit: cap + 1 });
      counted = window.length;
    } else {
      const costly =
        countIsCostly(parsed.node, filters) ||
        (this.engine.countIsCheap ? !(await this.engine.countIsCheap(db, spec, cap + 1)) : false);
      if (costly) cap = Math.min(cap, (Math.min(requested, MAX_PAGES) + LOOKAHEAD_PAGES) * pageSize);
      counted = await this.engine.count(db, spec, cap + 1);
    }
    const totalCapped = counted > cap;
    const total = Math.min(counted, cap);
    const pageCount = Math.ceil(total / pageSize);
    let page = requested;
    let notice: string | null = null;
    if (pageCount > 0 && requested > pageCount) {
      page = pageCount;
      notice =
        totalCapped && requested > maxPages
          ? `为保证检索速度，${order === 'relevance' ? '按相关度排序时' : ''}最多显示前 ${maxPages} 页结果。请增加关键词或使用筛选条件缩小范围。`
          : `共 ${pageCount} 页，已为您显示最后一页。`;
    }
    const offset = (page - 1) * pageSize;
    let rows: SearchDocumentRow[];
    if (total === 0) rows = [];
    else if (window)
      rows = rankByRelevance(window.slice(0, cap), parsed.highlights).slice(offset, offset + pageSize);
    else rows = await this.engine.page(db, { ...spec, offset, counted: { n: counted, capped: totalCapped } });
    return {
      hits: rows.map((r) => toHit(r, parsed)),
      total,
      totalCapped,
      page,
      pageSize,
      pageCount,
      maxPages,
      notice,
      parsed,
    };
  }
}

function toHit(r: SearchDocumentRow, parsed: ParsedQuery): SearchHit {
  return {
    kind: r.kind,
    sourceId: r.source_id,
    orgId: r.org_id,
    title: r.title,
    titleHtml: highlightTitle(r.title, parsed.highlights),
    snippetHtml: makeSnippet(r.body, parsed.highlights),
    url: r.url,
    label: r.label,
    columnId: r.column_id,
    publisher: r.publisher,
    validity: r.validity,
    publishedAt: r.published_at,
  };
}
