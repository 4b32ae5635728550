/**
 * Caching of rendered public pages (design.md "HTTP throughput": Fastify renders ~4k pages/s but
 * serves stored bytes several times faster).
 *
 * - Each agency has a content version (portal_content_versions), bumped INSIDE every transaction that
 *   changes public content (publish, withdraw, 废止, 指南 text). Processes share it through the database,
 *   so a page is never served stale after the commit that changed it: the next request misses.
 * - Rendered pages are kept per process in a bounded LRU keyed by agency, version, host, display
 *   preferences and the full URL (path + query); entries also expire after a short TTL so changes that
 *   do not bump the version (agency settings in the footer) show within a minute.
 * - The ETag is the version plus a hash of the bytes; `Cache-Control: public, no-cache` lets browsers
 *   and a CDN keep the page but revalidate it (a 304 costs one indexed read).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso, type Clock } from '../../platform/clock.js';

type Db = Kysely<DB>;

/** The agency's current public-content version (0 before anything was published). */
export async function contentVersion(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('portal_content_versions')
    .select('version')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** Bumps the agency's content version; call it with the transaction that changes public content. */
export async function bumpContentVersion(db: Db, clock: Clock, orgId: string): Promise<void> {
  const at = nowIso(clock);
  await db
    .insertInto('portal_content_versions')
    .values({ org_id: orgId, version: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet((eb) => ({
        version: eb('portal_content_versions.version', '+', 1),
        updated_at: at,
      })),
    )
    .execute();
}

export interface RenderedPage {
  body: string | Buffer;
  contentType: string;
  status?: number;
}

interface Entry {
  body: Buffer;
  contentType: string;
  etag: string;
  storedAt: number;
}

export interface PageCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
  /** Wall-clock source for the TTL (tests). */
  now?: () => number;
}

/** A bounded LRU of rendered pages (entries and bytes), with a TTL. */
export class RenderedPageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    if (this.now() - e.storedAt > this.ttlMs) {
      this.delete(key, e);
      this.misses++;
      return undefined;
    }
    // Re-insert: Map iteration order is the LRU order.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  set(key: string, page: RenderedPage, version: number): Entry {
    const body = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body, 'utf8');
    const etag = `"v${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    const entry: Entry = { body, contentType: page.contentType, etag, storedAt: this.now() };
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    if (body.length > this.maxBytes / 8) return entry; // too big to be worth keeping
    this.entries.set(key, entry);
    this.bytes += body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.delete(oldestKey, oldest);
    }
    return entry;
  }

  private delete(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.body.length;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** Whether an If-None-Match header names this ETag (also as a weak validator or in a list). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached or freshly rendered page with validators; 304 when the client already has it. */
export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  entry: { body: Buffer; contentType: string; etag: string },
  cacheState: 'hit' | 'miss',
): FastifyReply {
  reply
    .header('etag', entry.etag)
    .header('cache-control', 'public, no-cache')
    .header('vary', 'Cookie')
    .header('x-portal-cache', cacheState);
  if (etagMatches(req.headers['if-none-match'], entry.etag)) return reply.status(304).send();
  return reply.status(200).type(entry.contentType).send(entry.body);
}
