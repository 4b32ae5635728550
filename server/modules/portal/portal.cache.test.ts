import { describe, expect, it } from 'vitest';
import { RenderedPageCache, etagMatches } from './portal.cache.js';

describe('RenderedPageCache', () => {
  it('stores pages with a content-versioned ETag and evicts the least recently used', () => {
    const cache = new RenderedPageCache({ maxEntries: 2 });
    const a = cache.set('a', { body: 'A', contentType: 'text/html' }, 3);
    expect(a.etag).toMatch(/^"v3-[\w-]{16}"$/);
    cache.set('b', { body: 'B', contentType: 'text/html' }, 3);
    expect(cache.get('a')?.body.toString()).toBe('A'); // a is now the most recent
    cache.set('c', { body: 'C', contentType: 'text/html' }, 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('bounds bytes and expires entries after the TTL', () => {
    let now = 0;
    const cache = new RenderedPageCache({ maxBytes: 80, ttlMs: 1000, now: () => now });
    cache.set('big', { body: 'x'.repeat(50), contentType: 'text/plain' }, 1); // > maxBytes/8: not kept
    expect(cache.get('big')).toBeUndefined();
    cache.set('s', { body: 'small', contentType: 'text/plain' }, 1);
    expect(cache.get('s')).toBeDefined();
    now = 1001;
    expect(cache.get('s')).toBeUndefined();
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
