import { beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import {
  MAX_CONCURRENT_RENDERS,
  PortalLookups,
  RenderedPageCache,
  bumpContentVersion,
  contentVersion,
  entryBytes,
  etagMatches,
  pageKey,
  rawCookie,
} from './portal.cache.js';

describe('RenderedPageCache', () => {
  it('stores pages with a content-versioned ETag and evicts the least recently used', () => {
    // Room for two one-byte pages under one-letter keys (each charged body + key + overhead).
    const cache = new RenderedPageCache({ maxBytes: 2 * entryBytes('a', Buffer.from('A')) });
    const a = cache.set('a', { body: 'A', contentType: 'text/html' }, 3);
    expect(a.etag).toMatch(/^"v3-[\w-]{16}"$/);
    cache.set('b', { body: 'B', contentType: 'text/html' }, 3);
    expect(cache.get('a')?.body.toString()).toBe('A'); // a is now the most recent
    cache.set('c', { body: 'C', contentType: 'text/html' }, 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('stays within its byte bound under many random keys, whatever the page sizes (issue 14 item 10)', () => {
    const maxBytes = 1024 * 1024;
    const cache = new RenderedPageCache({ maxBytes });
    let stored = 0;
    for (let i = 0; i < 20_000; i++) {
      const size = i % 3 === 0 ? 10 : 1 + ((i * 7919) % 30_000);
      const key = `host\n\n\n\n/search?q=${i}&junk=${'x'.repeat(i % 200)}`;
      cache.set(key, { body: 'y'.repeat(size), contentType: 'text/html' }, 1);
      stored++;
      expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(stored).toBe(20_000);
    // Tiny pages under long keys are charged for their keys too: no entry-count bound is needed.
    expect(cache.size).toBeGreaterThan(20);
    expect(cache.bytes).toBeGreaterThan(maxBytes * 0.9);
  });

  it('bounds bytes and expires entries after the TTL', () => {
    let now = 0;
    const cache = new RenderedPageCache({ maxBytes: 8000, ttlMs: 1000, now: () => now });
    cache.set('big', { body: 'x'.repeat(1001), contentType: 'text/plain' }, 1); // > maxBytes/8: not kept
    expect(cache.get('big')).toBeUndefined();
    cache.set('s', { body: 'small', contentType: 'text/plain' }, 1);
    expect(cache.get('s')).toBeDefined();
    now = 1001;
    expect(cache.get('s')).toBeUndefined();
  });

  it('renders a page once for concurrent misses of one key and version, and again after it settles', async () => {
    const cache = new RenderedPageCache();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const render = async () => {
      const n = ++calls;
      await gate;
      return cache.set('k', { body: `render ${n}`, contentType: 'text/html' }, 1);
    };
    const waiting = Array.from({ length: 50 }, () => cache.renderOnce('k', 1, render));
    const otherVersion = cache.renderOnce('k', 2, render); // a new version is a new page
    release();
    const pages = await Promise.all(waiting);
    expect(calls).toBe(2);
    expect(new Set(pages.map((p) => p.body.toString()))).toEqual(new Set(['render 1']));
    expect((await otherVersion).body.toString()).toBe('render 2');
    // A failed render is not remembered: the next miss renders again.
    await expect(cache.renderOnce('x', 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await cache.renderOnce('k', 1, render);
    expect(calls).toBe(3);
    expect(cache.renders).toBe(4);
  });

  it('runs at most MAX_CONCURRENT_RENDERS renders of distinct pages at once; the rest wait their turn', async () => {
    const cache = new RenderedPageCache();
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const render = (key: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
      return cache.set(key, { body: key, contentType: 'text/html' }, 1);
    };
    const pages = Array.from({ length: 30 }, (_, i) => cache.renderOnce(`k${i}`, 1, render(`k${i}`)));
    await new Promise((r) => setImmediate(r));
    expect(cache.renderLoad).toEqual({
      running: MAX_CONCURRENT_RENDERS,
      waiting: 30 - MAX_CONCURRENT_RENDERS,
    });
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect((await Promise.all(pages)).map((p) => p.body.toString())).toEqual(
      Array.from({ length: 30 }, (_, i) => `k${i}`),
    );
    expect(peak).toBe(MAX_CONCURRENT_RENDERS);
    expect(cache.renderLoad).toEqual({ running: 0, waiting: 0 });
    // A failing render gives its slot back.
    await expect(cache.renderOnce('x', 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cache.renderLoad).toEqual({ running: 0, waiting: 0 });
  });

  it('gives different ETags to different bytes of the same version', () => {
    const cache = new RenderedPageCache();
    const one = cache.set('k1', { body: '一', contentType: 'text/html' }, 1);
    const two = cache.set('k2', { body: '二', contentType: 'text/html' }, 1);
    expect(one.etag).not.toBe(two.etag);
  });
});

describe('etagMatches', () => {
  it('accepts exact, weak and listed validators', () => {
    expect(etagMatches('"v1-abc"', '"v1-abc"')).toBe(true);
    expect(etagMatches('W/"v1-abc"', '"v1-abc"')).toBe(true);
    expect(etagMatches('"x", "v1-abc"', '"v1-abc"')).toBe(true);
    expect(etagMatches('*', '"v1-abc"')).toBe(true);
    expect(etagMatches('"v2-abc"', '"v1-abc"')).toBe(false);
    expect(etagMatches(undefined, '"v1-abc"')).toBe(false);
  });
});

describe('RenderedPageCache validity', () => {
  it('serves an entry only for the agency and content version it was rendered for', () => {
    const cache = new RenderedPageCache();
    cache.set('k', { body: 'A', contentType: 'text/html' }, 4, { orgId: 'o1', agencyKey: 'h\nx' });
    expect(cache.current('k', 'o1', 4)?.body.toString()).toBe('A');
    expect(cache.current('k', 'o1', 5)).toBeUndefined();
    expect(cache.current('k', 'o2', 4)).toBeUndefined();
  });

  it('answers early only while the agency lookup and the version are fresh in memory', async () => {
    let now = 0;
    const lookups = new PortalLookups({ now: () => now });
    const cache = new RenderedPageCache({ lookups });
    const agencyKey = PortalLookups.agencyKey('Example.org', undefined);
    cache.set('k', { body: 'A', contentType: 'text/html' }, 0, { orgId: 'o1', agencyKey });
    expect(cache.early('k')).toBeUndefined(); // nothing looked up yet
    await lookups.agency(agencyKey, async () => ({ id: 'o1' }));
    expect(cache.early('k')).toBeUndefined(); // version not known yet
    const db = {
      selectFrom: () => ({ select: () => ({ where: () => ({ executeTakeFirst: async () => undefined }) }) }),
    };
    expect(await lookups.version(db as never, 'o1')).toBe(0);
    expect(cache.early('k')?.body.toString()).toBe('A');
    expect(cache.earlyHits).toBe(1);
    now = 999;
    expect(cache.early('k')).toBeDefined();
    now = 1000;
    expect(cache.early('k')).toBeUndefined();
  });
});

describe('pageKey', () => {
  it('keys on host, forwarded host and scheme, the display cookie and the URL, nothing else', () => {
    const base = { host: 'a.example', cookie: 'gk_session=s; gk_view=large', 'x-forwarded-for': '1.2.3.4' };
    const key = pageKey(base, '/x?q=1');
    expect(pageKey({ ...base, 'x-forwarded-for': '5.6.7.8', cookie: 'gk_view=large' }, '/x?q=1')).toBe(key);
    expect(pageKey({ ...base, cookie: 'gk_view=contrast' }, '/x?q=1')).not.toBe(key);
    expect(pageKey({ ...base, host: 'b.example' }, '/x?q=1')).not.toBe(key);
    expect(pageKey({ ...base, 'x-forwarded-host': 'b.example' }, '/x?q=1')).not.toBe(key);
    expect(pageKey({ ...base, 'x-forwarded-proto': 'https' }, '/x?q=1')).not.toBe(key);
    expect(pageKey(base, '/x?q=2')).not.toBe(key);
  });

  it('finds a cookie by its exact name', () => {
    expect(rawCookie('a=1; gk_session=abc', 'gk_session')).toBe('abc');
    expect(rawCookie('gk_session_old=1', 'gk_session')).toBeUndefined();
    expect(rawCookie('gk_session=', 'gk_session')).toBe('');
    expect(rawCookie(undefined, 'gk_session')).toBeUndefined();
  });
});

describeEachDialect('content version in memory', (getDatabase, dialect) => {
  // Bumps are remembered per process: each engine's run gets its own agency.
  const orgId =
    dialect === 'sqlite' ? '00000000-0000-7000-8000-00000000c0de' : '00000000-0000-7000-8000-00000000c0df';
  const clock = fixedClock('2026-03-02T02:00:00Z');

  beforeAll(async () => {
    const at = '2026-03-02T02:00:00Z';
    await getDatabase()
      .db.insertInto('orgs')
      .values({
        id: orgId,
        parent_id: null,
        kind: 'department',
        code: `cache-test-${dialect}`,
        name: '缓存测试局',
        short_name: null,
        credit_code: null,
        address: null,
        postcode: null,
        office_hours: null,
        phone: null,
        fax: null,
        email: null,
        portal_host: null,
        footer_sponsor: null,
        site_code: null,
        icp_number: null,
        police_record_number: null,
        is_default: 0,
        sort_order: 0,
        retired_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });

  it('reads once per freshness window, and concurrent callers share the read', async () => {
    const db = getDatabase().db;
    let now = 0;
    const lookups = new PortalLookups({ now: () => now });
    const v0 = await contentVersion(db, orgId);
    const reads = await Promise.all([lookups.version(db, orgId), lookups.version(db, orgId)]);
    expect(reads).toEqual([v0, v0]);
    expect(lookups.reads).toBe(1);
    expect(await lookups.version(db, orgId)).toBe(v0);
    expect(lookups.reads).toBe(1);
    now = 1000;
    await lookups.version(db, orgId);
    expect(lookups.reads).toBe(2);
  });

  it('forgets the version at a bump in this process until a read shows the committed bump', async () => {
    const db = getDatabase().db;
    const lookups = new PortalLookups({ now: () => 0 });
    const v0 = await lookups.version(db, orgId);
    expect(lookups.peekVersion(orgId)).toBe(v0);
    await db.transaction().execute(async (trx) => {
      await bumpContentVersion(trx, clock, orgId);
      // Still inside the transaction: the remembered version must not be used any more.
      expect(lookups.peekVersion(orgId)).toBeUndefined();
    });
    expect(await lookups.version(db, orgId)).toBe(v0 + 1);
    expect(lookups.peekVersion(orgId)).toBe(v0 + 1);
  });

  it('after a rolled-back bump, reads every time until the bump is old, then trusts the database', async () => {
    const db = getDatabase().db;
    const lookups = new PortalLookups({ now: () => 0 });
    const v = await lookups.version(db, orgId);
    await expect(
      db.transaction().execute(async (trx) => {
        await bumpContentVersion(trx, clock, orgId);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const reads = lookups.reads;
    expect(await lookups.version(db, orgId)).toBe(v);
    expect(await lookups.version(db, orgId)).toBe(v);
    expect(lookups.reads).toBe(reads + 2);
    const later = Date.now() + 30_001;
    const spy = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(await lookups.version(db, orgId)).toBe(v);
      expect(lookups.peekVersion(orgId)).toBe(v);
    } finally {
      spy.mockRestore();
    }
  });
});
