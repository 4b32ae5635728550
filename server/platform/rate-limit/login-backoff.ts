/**
 * Per-client backoff on failed sign-ins, across every account (issue 14, item 6). A client address
 * (IPv6 folded to its /64, which one subscriber usually holds whole) may fail `free` times; after that
 * each further attempt must wait 30 s, 1 min, 2 min, … up to 15 min after its previous failure, whatever
 * username it tries. The count lives `ttlMs` after the last failure, so a client that keeps guessing
 * stays at the slowest pace. This bites before the per-account lock (10 failures), so one address
 * cannot lock a leader out, and the lock itself does not hold against an address that has not failed
 * (auth.service.ts). Counters are shared like the rate limits: Redis (REDIS_URL), the database
 * (`login_backoff`, one upsert) or process memory (a single SQLite process).
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { HardeningConfig } from '../keys/hardening-config.js';

// ioredis is loaded only when REDIS_URL is used, not at every start-up (issue 12).
const require = createRequire(import.meta.url);
const RedisClient = () => (require('ioredis') as typeof import('ioredis')).Redis;

export interface BackoffPolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** The wait after failure `free + 1` (doubles with every further failure). */
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long the count lives after the last failure. */
  ttlMs: number;
}

export const LOGIN_BACKOFF: BackoffPolicy = {
  free: 5,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  ttlMs: 60 * 60_000,
};

export interface FailureCount {
  count: number;
  /** Epoch milliseconds of the last failure. */
  lastAt: number;
}

/** The wait (ms) a client with `count` failures owes after its last one: 0 within the free failures. */
export function backoffDelay(count: number, p: BackoffPolicy = LOGIN_BACKOFF): number {
  if (count < p.free) return 0;
  const steps = count - p.free;
  return Math.min(p.maxDelayMs, p.firstDelayMs * 2 ** Math.min(steps, 30));
}

/** Milliseconds until this client may try again (0: now). */
export function retryAfterMs(f: FailureCount | null, now: number, p: BackoffPolicy = LOGIN_BACKOFF): number {
  if (!f || f.lastAt + p.ttlMs <= now) return 0;
  return Math.max(0, f.lastAt + backoffDelay(f.count, p) - now);
}

/**
 * The key of a client address: IPv4 as is, IPv6 by its first four groups (/64), an IPv4-mapped IPv6
 * address as its IPv4 form. Unknown addresses share one key.
 */
export function clientKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export interface BackoffStore {
  read(key: string, now: number): Promise<FailureCount | null>;
  /** Counts one failure at `now`; returns the new count. */
  fail(key: string, now: number): Promise<FailureCount>;
  close(): Promise<void>;
}

/** One process's memory, bounded: the least recently failed clients are forgotten beyond `maxEntries`. */
export function memoryBackoffStore(p: BackoffPolicy = LOGIN_BACKOFF, maxEntries = 100_000): BackoffStore {
  const map = new Map<string, FailureCount>();
  return {
    read(key, now) {
      const f = map.get(key);
      if (f && f.lastAt + p.ttlMs <= now) map.delete(key);
      return Promise.resolve(f && f.lastAt + p.ttlMs > now ? { ...f } : null);
    },
    fail(key, now) {
      const old = map.get(key);
      const next = { count: old && old.lastAt + p.ttlMs > now ? old.count + 1 : 1, lastAt: now };
      map.delete(key);
      map.set(key, next);
      if (map.size > maxEntries) map.delete(map.keys().next().value!);
      return Promise.resolve({ ...next });
    },
    close: () => Promise.resolve(),
  };
}

/** Redis hash per client (`count`, `last`), expiring `ttlMs` after the last failure. */
export function redisBackoffStore(
  redis: Redis,
  p: BackoffPolicy = LOGIN_BACKOFF,
  prefix = 'gongkai-login:',
): BackoffStore {
  return {
    async read(key, now) {
      const h = await redis.hgetall(prefix + key);
      if (!h.count) return null;
      const f = { count: Number(h.count), lastAt: Number(h.last) };
      return f.lastAt + p.ttlMs > now ? f : null;
    },
    async fail(key, now) {
      const k = prefix + key;
      const res = await redis
        .multi()
        .hincrby(k, 'count', 1)
        .hset(k, 'last', String(now))
        .pexpire(k, p.ttlMs)
        .exec();
      const count = Number(res?.[0]?.[1] ?? 1);
      return { count, lastAt: now };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * The database store over `login_backoff` (migration 0021): one row per client with its failures, the
 * last failure and the time it may try again (for the security admin's eyes); one upsert per failure,
 * atomic on both engines.
 */
export function databaseBackoffStore(db: Kysely<DB>, p: BackoffPolicy = LOGIN_BACKOFF): BackoffStore {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    async read(key, now) {
      const row = await db
        .selectFrom('login_backoff')
        .select(['failures', 'last_failure_at'])
        .where('ip', '=', key.slice(0, 64))
        .executeTakeFirst();
      if (!row) return null;
      const f = { count: Number(row.failures), lastAt: Date.parse(row.last_failure_at) };
      return f.lastAt + p.ttlMs > now ? f : null;
    },
    async fail(key, now) {
      const expiredBefore = iso(now - p.ttlMs);
      const result = await sql<{ failures: number | string }>`
        INSERT INTO login_backoff (ip, failures, blocked_until, last_failure_at)
        VALUES (${key.slice(0, 64)}, 1, ${iso(now + backoffDelay(1, p))}, ${iso(now)})
        ON CONFLICT (ip) DO UPDATE SET
          failures = CASE WHEN login_backoff.last_failure_at <= ${expiredBefore} THEN 1 ELSE login_backoff.failures + 1 END,
          last_failure_at = ${iso(now)}
        RETURNING failures`.execute(db);
      const count = Number(result.rows[0]!.failures);
      await db
        .updateTable('login_backoff')
        .set({ blocked_until: iso(now + backoffDelay(count, p)) })
        .where('ip', '=', key.slice(0, 64))
        .execute();
      if (Math.random() < 0.01)
        await db.deleteFrom('login_backoff').where('last_failure_at', '<=', expiredBefore).execute();
      return { count, lastAt: now };
    },
    close: () => Promise.resolve(),
  };
}

/** The store the configuration names (the same choice as the rate limits'). */
export function backoffStoreFor(h: HardeningConfig, db: Kysely<DB>): BackoffStore {
  if (h.rateLimitStore === 'redis' && h.redisUrl)
    return redisBackoffStore(
      new (RedisClient())(h.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 }),
    );
  if (h.rateLimitStore === 'database') return databaseBackoffStore(db);
  return memoryBackoffStore();
}
