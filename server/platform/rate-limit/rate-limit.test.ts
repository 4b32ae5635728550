/**
 * Rate limits that hold (issue 14, item 7): X-Forwarded-For is believed only from the configured proxy,
 * so rotating it no longer buys a fresh limit; with REDIS_URL or the database store, two app instances
 * (two processes in production) share one count.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { loadConfig } from '../../config.js';
import { buildContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { buildApp, type App } from '../../http/app.js';
import { fixedClock } from '../clock.js';
import { parseTrustProxy } from '../keys/hardening-config.js';

async function appOn(database: Database, env: Record<string, string>): Promise<App> {
  const config = loadConfig({
    DATA_DIR: '/tmp/gongkai-test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
    ...env,
  });
  const container = await buildContainer(config, {
    clock: fixedClock('2026-03-02T02:00:00Z'),
    database,
    migrate: false,
  });
  const app = await buildApp(container, { logger: false });
  await app.ready();
  return app;
}

/** POST /track (20 per minute per client) from `remoteAddress` claiming `forwardedFor`. */
const track = (app: App, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: '/track',
    remoteAddress,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    payload: 'caseNumber=YSQ-2026-0001&queryCode=ABCD-1234',
  });

describe('TRUST_PROXY', () => {
  it('is a list of proxy addresses; 1 means loopback only, never everyone', () => {
    const problems: string[] = [];
    expect(parseTrustProxy('1', problems)).toEqual(['loopback']);
    expect(parseTrustProxy('', problems)).toBe(false);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1', problems)).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(problems).toEqual([]);
    parseTrustProxy('everyone', problems);
    expect(problems[0]).toContain('TRUST_PROXY');
  });
});

describeEachDialect('rate limits', (getDb) => {
  it('a rotating X-Forwarded-For from an untrusted client no longer defeats the /track limit', async () => {
    // TRUST_PROXY=1 used to trust every sender's X-Forwarded-For: each request looked like a new client.
    const app = await appOn(getDb(), { TRUST_PROXY: '1', RATE_LIMIT_STORE: 'memory' });
    const client = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await track(app, client, `198.51.100.${i}`)).statusCode);
    expect(statuses.slice(0, 20)).not.toContain(429);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // Behind the trusted proxy (loopback) each real client has its own count.
    expect((await track(app, '127.0.0.1', '198.51.100.77')).statusCode).not.toBe(429);
    await app.close();
  });

  it('the database store: two app instances on one database share one count', async () => {
    const a = await appOn(getDb(), { RATE_LIMIT_STORE: 'database' });
    const b = await appOn(getDb(), { RATE_LIMIT_STORE: 'database' });
    const client = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 10; i++) expect((await track(a, client)).statusCode).not.toBe(429);
    for (let i = 0; i < 10; i++) expect((await track(b, client)).statusCode).not.toBe(429);
    expect((await track(a, client)).statusCode).toBe(429);
    expect((await track(b, client)).statusCode).toBe(429);
    // Memory stores (the old behaviour) would have allowed 20 through each.
    await a.close();
    await b.close();
  });
});

describe('rate limits on Redis', () => {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let database: Database;
  beforeAll(async () => {
    const { createTestDatabase } = await import('../../../test/each-dialect.js');
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('two app instances on one Redis share the limit', async () => {
    const a = await appOn(database, { REDIS_URL: url });
    const b = await appOn(database, { REDIS_URL: url });
    // A fresh client address per run, so an earlier run's counters in Redis never interfere.
    const b0 = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
    const client = `10.${b0[0]}.${b0[1]}.${b0[2]}`;
    for (let i = 0; i < 10; i++) expect((await track(a, client)).statusCode).not.toBe(429);
    for (let i = 0; i < 10; i++) expect((await track(b, client)).statusCode).not.toBe(429);
    expect((await track(b, client)).statusCode).toBe(429);
    expect((await track(a, client)).statusCode).toBe(429);
    await a.close();
    await b.close();
  });
});
