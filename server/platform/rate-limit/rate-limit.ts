/**
 * Rate limits that hold with several processes (issue 14, item 7). Per-IP limits count per client
 * address as Fastify resolves it: X-Forwarded-For is believed only from the proxies listed in
 * TRUST_PROXY (config), so a client cannot pick a new address per request. Counters live where every
 * process sees them: Redis (REDIS_URL, the plugin's own Redis store over ioredis), else the database
 * (`rate_limit_counters`, one atomic upsert per counted request), or process memory on a single SQLite
 * process (RATE_LIMIT_STORE=memory, the SQLite default).
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { HardeningConfig } from '../keys/hardening-config.js';

// ioredis is loaded only when REDIS_URL is used, not at every start-up (issue 12).
const require = createRequire(import.meta.url);
const RedisClient = () => (require('ioredis') as typeof import('ioredis')).Redis;

interface StoreResult {
  current: number;
  ttl: number;
}
type Callback = (err: Error | null, res?: StoreResult) => void;

/**
 * The @fastify/rate-limit store interface over the database: one row per (route, client) key with the
 * count and the window start. The upsert is one statement on both engines, so concurrent processes
 * never lose a count.
 */
export function databaseStore(db: Kysely<DB>) {
  let sweepAt = 0;
  class DatabaseStore {
    constructor(
      private readonly options: { continueExceeding?: boolean },
      private readonly prefix = 'rl:',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      void this.increment(key, timeWindow, max).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      void db
        .selectFrom('rate_limit_counters')
        .select(['count', 'window_start'])
        .where('key', '=', this.prefix + key)
        .executeTakeFirst()
        .then((row) => {
          const now = Date.now();
          const start = Number(row?.window_start ?? 0);
          if (!row || start + timeWindow <= now) return cb(null, { current: 0, ttl: 0 });
          cb(null, { current: Number(row.count), ttl: start + timeWindow - now });
        }, cb);
    }

    private async increment(key: string, timeWindow: number, _max: number): Promise<StoreResult> {
      const now = Date.now();
      const k = this.prefix + key;
      const reset = sql`rate_limit_counters.window_start + rate_limit_counters.ttl_ms <= ${now}`;
      const result = await sql<{ count: number | string; window_start: number | string }>`
        INSERT INTO rate_limit_counters (key, count, window_start, ttl_ms) VALUES (${k}, 1, ${now}, ${timeWindow})
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN ${reset} THEN 1 ELSE rate_limit_counters.count + 1 END,
          window_start = CASE WHEN ${reset} THEN ${now} ELSE rate_limit_counters.window_start END,
          ttl_ms = ${timeWindow}
        RETURNING count, window_start`.execute(db);
      const row = result.rows[0]!;
      if (now > sweepAt) {
        sweepAt = now + 60_000;
        // Expired counters are dropped once a minute by whichever process counts first.
        void db
          .deleteFrom('rate_limit_counters')
          .where(sql<boolean>`window_start + ttl_ms < ${now - 60_000}`)
          .execute()
          .catch(() => {});
      }
      const start = Number(row.window_start);
      return { current: Number(row.count), ttl: Math.max(0, start + timeWindow - now) };
    }

    child(routeOptions: { continueExceeding?: boolean; routeInfo?: { method?: string; url?: string } }) {
      const route = routeOptions.routeInfo
        ? `${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url}:`
        : '';
      return new DatabaseStore({ ...this.options, ...routeOptions }, `${this.prefix}${route}`);
    }
  }
  return DatabaseStore;
}

/**
 * Registers @fastify/rate-limit with the configured shared store (routes still opt in with
 * `config.rateLimit`). Closes the Redis connection with the app.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  h: HardeningConfig,
  db: Kysely<DB>,
): Promise<void> {
  const options: RateLimitPluginOptions = { global: false };
  if (h.rateLimitStore === 'redis' && h.redisUrl) {
    const redis = new (RedisClient())(h.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      lazyConnect: false,
    });
    options.redis = redis;
    options.nameSpace = 'gongkai-rl:';
    // A Redis outage must not take the site down: requests pass uncounted and the log says so.
    options.skipOnError = true;
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  } else if (h.rateLimitStore === 'database') {
    options.store = databaseStore(db) as unknown as RateLimitPluginOptions['store'];
  }
  await app.register(rateLimit, options);
}
