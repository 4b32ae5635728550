/**
 * Caching of rendered public pages (design.md "HTTP throughput": Fastify renders ~4k pages/s but
 * serves stored bytes several times faster).
 *
 * - Each agency has a content version (portal_content_versions), bumped INSIDE every transaction that
 *   changes public content (publish, withdraw, 废止, 指南 text). Processes share it through the database.
 * - A cache hit costs no database read: the agency for a host/code and its content version are kept in
 *   process memory (`PortalLookups`) and re-read at most once a second per agency. A bump in this process
 *   takes effect at once: until a read shows the bumped version (its transaction committed), every
 *   request re-reads it. A bump by another process (a CLI import, a second web process) shows within
 *   one second. Any write request to this process also drops the agency memo (host, retirement and
 *   settings of agencies change through the API).
 * - Rendered pages are kept per process in an LRU bounded in BYTES (`PAGE_CACHE_MB`, default 32 MB:
 *   body, key and a fixed per-entry overhead are counted, so many small pages under random URLs cannot
 *   grow memory past the bound either), keyed by what the request sends (Host,
 *   X-Forwarded-Host/-Proto, the display-preference cookie and the full URL): a hit can then be found
 *   before any routing (server/http/app.ts serves it from the raw Node request). Each entry remembers the
 *   agency and content version it was rendered for and is used only while both are current; entries
 *   also expire after a short TTL so changes that do not bump the version (agency settings in the
 *   footer) show within a minute.
 * - The ETag is the version plus a hash of the bytes; `Cache-Control: public, no-cache` lets browsers
 *   and a CDN keep the page but revalidate it (a 304 costs no database read).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import { findContentVersion, incrementContentVersion } from '../search/search.repository.js';

type Db = Kysely<DB>;

/** The agency's current public-content version (0 before anything was published). */
export async function contentVersion(db: Db, orgId: string): Promise<number> {
  return (await findContentVersion(db, orgId)) ?? 0;
}

/**
 * The content version each agency was last bumped to by a transaction of THIS process (maybe not
 * committed yet), and when. A remembered version below it is stale; a read below it means the bumping
 * transaction has not committed — or rolled back, which is assumed once the bump is older than
 * PENDING_BUMP_MS.
 */
const localBumps = new Map<string, { version: number; at: number }>();
const PENDING_BUMP_MS = 30_000;

function belowLocalBump(orgId: string, version: number): boolean {
  const bump = localBumps.get(orgId);
  return bump !== undefined && version < bump.version && Date.now() - bump.at < PENDING_BUMP_MS;
}

/** Bumps the agency's content version; call it with the transaction that changes public content. */
export async function bumpContentVersion(db: Db, clock: Clock, orgId: string): Promise<void> {
  const at = nowIso(clock);
  const version = await incrementContentVersion(db, orgId, at);
  // The latest bump wins: bumps of one agency serialise on its row, so a later one returns a higher
  // version unless an earlier one rolled back (and then the earlier number is the phantom).
  localBumps.set(orgId, { version, at: Date.now() });
}

/** A value read from the database, trusted for `freshMs` after the read started. */
interface Memo<T> {
  value: T;
  readAt: number;
}

/**
 * The agency behind a host or `/a/<code>` and each agency's content version, kept in memory so a
 * cache hit needs no query (see the top of this file for how changes reach it).
 */
export class PortalLookups {
  private readonly agencies = new Map<string, Memo<unknown>>();
  private readonly versions = new Map<string, Memo<number>>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly freshMs: number;
  /** Monotonic milliseconds for freshness (replaceable in tests). */
  now: () => number;
  /** Database reads made (tests and diagnostics). */
  reads = 0;

  constructor(options: { freshMs?: number; now?: () => number } = {}) {
    this.freshMs = options.freshMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The key of the agency lookup for a request: by code when the URL names one, else by host. */
  static agencyKey(host: string | undefined, code: string | undefined): string {
    return code !== undefined ? `c\n${code}` : `h\n${(host ?? '').toLowerCase()}`;
  }

  /** The agency id for a lookup key if it was read less than `freshMs` ago (null: no such agency). */
  peekAgencyId(key: string): string | null | undefined {
    const m = this.agencies.get(key);
    if (!m || this.now() - m.readAt >= this.freshMs) return undefined;
    return (m.value as { id: string } | undefined)?.id ?? null;
  }

  /** The agency for a lookup key, from memory while fresh, else from `load` (one read for concurrent callers). */
  async agency<T extends { id: string }>(
    key: string,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const m = this.agencies.get(key);
    if (m && this.now() - m.readAt < this.freshMs) return m.value as T | undefined;
    return this.once(`a\n${key}`, async () => {
      const readAt = this.now();
      this.reads++;
      const value = await load();
      // Random codes or hosts must not grow the memo without bound.
      if (this.agencies.size >= 1000) this.agencies.clear();
      this.agencies.set(key, { value, readAt });
      return value;
    });
  }

  /** The agency's content version if it is known to be current without a read. */
  peekVersion(orgId: string): number | undefined {
    const m = this.versions.get(orgId);
    if (!m || this.now() - m.readAt >= this.freshMs || belowLocalBump(orgId, m.value)) return undefined;
    return m.value;
  }

  /** The agency's current content version (a read at most once per `freshMs`, or after a local bump). */
  async version(db: Db, orgId: string): Promise<number> {
    const known = this.peekVersion(orgId);
    if (known !== undefined) return known;
    return this.once(`v\n${orgId}`, async () => {
      const readAt = this.now();
      this.reads++;
      const value = await contentVersion(db, orgId);
      // Not remembered while our own bump is uncommitted: the next request reads again.
      if (belowLocalBump(orgId, value)) this.versions.delete(orgId);
      else this.versions.set(orgId, { value, readAt });
      return value;
    });
  }

  /** Forgets the agencies (after a write in this process that may have changed one). */
  forgetAgencies(): void {
    this.agencies.clear();
  }

  private once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const p = run().finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }
}

export interface RenderedPage {
  body: string | Buffer;
  contentType: string;
  status?: number;
}

/** Who a cached page was rendered for: it is served only while these are still current. */
export interface PageOwner {
  orgId: string;
  /** PortalLookups.agencyKey of the request that rendered it. */
  agencyKey: string;
}

export interface CachedPage {
  body: Buffer;
  contentType: string;
  etag: string;
  storedAt: number;
  version: number;
  owner?: PageOwner;
}

/** Default byte bound of the rendered-page cache (config PAGE_CACHE_MB). */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * What one entry costs beyond its body: the key as a UTF-16 string, the entry object, its ETag and the
 * Map slot (measured order of magnitude; it keeps tiny pages under random keys from escaping the bound).
 */
export const ENTRY_OVERHEAD_BYTES = 400;

/** The bytes an entry is charged in the cache's bound. */
export function entryBytes(key: string, body: Buffer): number {
  return body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES;
}

export interface PageCacheOptions {
  /** The bound of the cache in bytes (bodies, keys and per-entry overhead); default DEFAULT_PAGE_CACHE_BYTES. */
  maxBytes?: number;
  ttlMs?: number;
  /** Wall-clock source for the TTL (tests). */
  now?: () => number;
  lookups?: PortalLookups;
}

/** An LRU of rendered pages bounded in bytes, with a TTL. */
export class RenderedPageCache {
  private readonly entries = new Map<string, CachedPage>();
  private charged = 0;
  hits = 0;
  misses = 0;
  /** Hits answered from the raw request, before routing (server/http/app.ts). */
  earlyHits = 0;
  readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Agencies and content versions in memory; the pages' validity is checked against them. */
  readonly lookups: PortalLookups;

  constructor(options: PageCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.lookups = options.lookups ?? new PortalLookups();
  }

  get(key: string): CachedPage | undefined {
    const e = this.live(key);
    if (e) this.hits++;
    else this.misses++;
    return e;
  }

  /** The page for `key` if it was rendered for this agency and content version (else a miss). */
  current(key: string, orgId: string, version: number): CachedPage | undefined {
    const e = this.live(key);
    const ok = e !== undefined && e.version === version && (!e.owner || e.owner.orgId === orgId);
    if (ok) this.hits++;
    else this.misses++;
    return ok ? e : undefined;
  }

  /** The unexpired entry, moved to the young end of the LRU. */
  private live(key: string): CachedPage | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.storedAt > this.ttlMs) {
      this.delete(key, e);
      return undefined;
    }
    // Re-insert: Map iteration order is the LRU order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /**
   * The page for `key` if it can be served without any read: its agency lookup and content version
   * are both fresh in memory and unchanged. Anything else is left to the routed request.
   */
  early(key: string): CachedPage | undefined {
    const e = this.entries.get(key);
    if (!e?.owner || this.now() - e.storedAt > this.ttlMs) return undefined;
    if (this.lookups.peekAgencyId(e.owner.agencyKey) !== e.owner.orgId) return undefined;
    if (this.lookups.peekVersion(e.owner.orgId) !== e.version) return undefined;
    this.live(key);
    this.earlyHits++;
    return e;
  }

  set(key: string, page: RenderedPage, version: number, owner?: PageOwner): CachedPage {
    const body = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body, 'utf8');
    const etag = `"v${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    const entry: CachedPage = {
      body,
      contentType: page.contentType,
      etag,
      storedAt: this.now(),
      version,
      ...(owner ? { owner } : {}),
    };
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    const cost = entryBytes(key, body);
    if (body.length > this.maxBytes / 8) return entry; // too big to be worth keeping
    this.entries.set(key, entry);
    this.charged += cost;
    while (this.charged > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, CachedPage];
      this.delete(oldestKey, oldest);
    }
    return entry;
  }

  /** Renders in progress, by content version and key (renderOnce). */
  private readonly rendering = new Map<string, Promise<CachedPage>>();
  /** Renders started by renderOnce (tests and diagnostics); waiters that shared one are not counted. */
  renders = 0;

  /**
   * The page for a miss, rendered once however many requests miss it at the same time: the others wait
   * for that render instead of each running the same queries (a burst on an uncached page — a new search,
   * a page just invalidated by a publication — would otherwise render it once per waiting connection).
   * `render` must store its result (set) and return the entry.
   */
  renderOnce(key: string, version: number, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const slot = `${version}\n${key}`;
    const pending = this.rendering.get(slot);
    if (pending) return pending;
    this.renders++;
    const p = this.renderSlots.run(render).finally(() => this.rendering.delete(slot));
    this.rendering.set(slot, p);
    return p;
  }

  /**
   * At most MAX_CONCURRENT_RENDERS renders of different pages at a time; the others wait their turn. A
   * process has one or two cores: more renders at once finish no sooner, but each holds its query results
   * and half-built HTML, so a burst of distinct uncached URLs (random searches) grew the heap by hundreds of
   * MB instead of queueing.
   */
  private readonly renderSlots = new Slots(MAX_CONCURRENT_RENDERS);

  /** Renders running now and waiting for a slot (tests and diagnostics). */
  get renderLoad(): { running: number; waiting: number } {
    return this.renderSlots.load;
  }

  private delete(key: string, e: CachedPage): void {
    this.entries.delete(key);
    this.charged -= entryBytes(key, e.body);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes charged against maxBytes (bodies, keys, per-entry overhead). */
  get bytes(): number {
    return this.charged;
  }

  clear(): void {
    this.entries.clear();
    this.charged = 0;
  }
}

/** Renders of distinct uncached pages one process runs at the same time (RenderedPageCache.renderOnce). */
export const MAX_CONCURRENT_RENDERS = 8;

/** A counting semaphore: `run` starts its task when fewer than `max` are running, else queues it (FIFO). */
class Slots {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter (running stays the same), or is given back.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The display-preference cookie (`gk_view`); its raw value is part of the page key. */
export const VIEW_COOKIE = 'gk_view';

/** The raw value of one cookie in a Cookie header (undefined when absent). */
export function rawCookie(header: string | undefined, name: string): string | undefined {
  if (!header || !header.includes(name)) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The cache key of a page request: everything in the request a rendered page may depend on (the
 * host and scheme as Fastify derives them, with or without a trusted proxy; the display preferences;
 * path and query). Raw header values, so the key is the same before and after routing.
 */
export function pageKey(headers: IncomingHttpHeaders, url: string): string {
  const fwdHost = headers['x-forwarded-host'] ?? '';
  const fwdProto = headers['x-forwarded-proto'] ?? '';
  return `${headers.host ?? ''}\n${String(fwdHost)}\n${String(fwdProto)}\n${rawCookie(headers.cookie, VIEW_COOKIE) ?? ''}\n${url}`;
}

/** Whether an If-None-Match header names this ETag (also as a weak validator or in a list). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** The validator headers of a cached page, in the order both ways of serving it send them. */
export function pageHeaders(entry: { etag: string }, cacheState: 'hit' | 'miss'): [string, string][] {
  return [
    ['etag', entry.etag],
    ['cache-control', 'public, no-cache'],
    ['vary', 'Cookie'],
    ['x-portal-cache', cacheState],
  ];
}

/** Sends a cached or freshly rendered page with validators; 304 when the client already has it. */
export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  entry: { body: Buffer; contentType: string; etag: string },
  cacheState: 'hit' | 'miss',
): FastifyReply {
  for (const [k, v] of pageHeaders(entry, cacheState)) reply.header(k, v);
  if (etagMatches(req.headers['if-none-match'], entry.etag)) return reply.status(304).send();
  return reply.status(200).type(entry.contentType).send(entry.body);
}

/**
 * The cache key of a page that accepts only the named query parameters: the raw key with the query
 * reduced to those parameters, in a fixed order, so `/?x=1` and `/` share one entry (anyone adding
 * junk parameters cannot force fresh renders). Parameters repeated keep their first value.
 */
export function acceptedPageKey(
  headers: IncomingHttpHeaders,
  url: string,
  accepted: readonly string[],
): string {
  const q = url.indexOf('?');
  if (q === -1) return pageKey(headers, url);
  return keyOfParams(headers, url.slice(0, q), new URLSearchParams(url.slice(q + 1)), accepted);
}

/**
 * The key `acceptedPageKey` gives a URL when every parameter it carries is accepted: what an early hit
 * (before routing, so before the page's accepted parameters are known) looks up. `/search?q=安全%20生产`
 * and `/search?page=2&q=消防` are stored as `q=安全+生产` and `page=2&q=消防` (percent-encoded); looking
 * them up by the raw URL missed every time and sent each cached request through routing (a third of
 * the throughput). A URL with a parameter its page ignores finds nothing here and is answered, still
 * from the cache, by the routed path.
 */
export function canonicalPageKey(headers: IncomingHttpHeaders, url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return pageKey(headers, url);
  const params = new URLSearchParams(url.slice(q + 1));
  return keyOfParams(headers, url.slice(0, q), params, [...new Set(params.keys())]);
}

function keyOfParams(
  headers: IncomingHttpHeaders,
  path: string,
  params: URLSearchParams,
  accepted: readonly string[],
): string {
  const kept = new URLSearchParams();
  for (const name of [...accepted].sort()) {
    const v = params.get(name);
    if (v !== null && v !== '') kept.set(name, v);
  }
  const query = kept.toString();
  return pageKey(headers, query ? `${path}?${query}` : path);
}
