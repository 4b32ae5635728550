import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import {
  backoffDelay,
  clientKey,
  databaseBackoffStore,
  LOGIN_BACKOFF,
  memoryBackoffStore,
  redisBackoffStore,
  retryAfterMs,
  type BackoffStore,
} from './login-backoff.js';

describe('login backoff rules', () => {
  it('gives 5 free failures, then 30 s doubling up to 15 minutes', () => {
    expect([0, 4].map((c) => backoffDelay(c))).toEqual([0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map((c) => backoffDelay(c) / 1000)).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
    const now = 1_000_000_000;
    expect(retryAfterMs({ count: 5, lastAt: now - 10_000 }, now)).toBe(20_000);
    expect(retryAfterMs({ count: 5, lastAt: now - LOGIN_BACKOFF.ttlMs }, now)).toBe(0);
    expect(retryAfterMs(null, now)).toBe(0);
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped addresses by their IPv4 form', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey(null)).toBe('unknown');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('forgets the least recently failed clients beyond its bound (memory store)', async () => {
    const store = memoryBackoffStore(LOGIN_BACKOFF, 3);
    for (const k of ['a', 'b', 'c', 'd']) await store.fail(k, 1000);
    expect(await store.read('a', 1000)).toBeNull();
    expect(await store.read('d', 1000)).toEqual({ count: 1, lastAt: 1000 });
  });
});

/** Two stores over the same backend count together (two processes); expired counts start over. */
async function sharedCounting(a: BackoffStore, b: BackoffStore) {
  const key = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
  const t0 = Date.UTC(2026, 2, 2, 2);
  expect(await a.read(key, t0)).toBeNull();
  await a.fail(key, t0);
  await b.fail(key, t0 + 1);
  expect((await a.fail(key, t0 + 2)).count).toBe(3);
  expect(await b.read(key, t0 + 3)).toEqual({ count: 3, lastAt: t0 + 2 });
  expect(await b.read(key, t0 + 2 + LOGIN_BACKOFF.ttlMs)).toBeNull();
  expect((await b.fail(key, t0 + 2 + LOGIN_BACKOFF.ttlMs)).count).toBe(1);
}

describe('Redis store (REDIS_URL, the machine’s Redis)', () => {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const c of clients) await c.quit().catch(() => c.disconnect());
  });
  it('shares one count between two processes’ stores', async () => {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000 });
    clients.push(probe);
    await probe.connect();
    const prefix = `gongkai-test-${randomUUID().slice(0, 8)}:`;
    const r1 = new Redis(url);
    const r2 = new Redis(url);
    clients.push(r1, r2);
    // Redis expires keys in real time; the test's clock is far in the past, so TTLs never bite here.
    const a = redisBackoffStore(r1, { ...LOGIN_BACKOFF, ttlMs: 10 * 365 * 86_400_000 }, prefix);
    const b = redisBackoffStore(r2, { ...LOGIN_BACKOFF, ttlMs: 10 * 365 * 86_400_000 }, prefix);
    const key = 'client';
    const t0 = Date.now();
    await a.fail(key, t0);
    await b.fail(key, t0 + 1);
    expect(await a.read(key, t0 + 2)).toEqual({ count: 2, lastAt: t0 + 1 });
    expect(await probe.pttl(prefix + key)).toBeGreaterThan(0);
    await probe.del(prefix + key);
  });
});

describeEachDialect('database store (login_backoff)', (getDb) => {
  it('shares one count between two processes’ stores and starts over after the lifetime', async () => {
    const db = getDb().db;
    await sharedCounting(databaseBackoffStore(db), databaseBackoffStore(db));
  });
});
