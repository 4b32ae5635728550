/**
 * Sign-in that reveals nothing and cannot be used to lock people out (issue 14, item 6), on both
 * engines: one answer (status, code, text, timing order) for an unknown user, a wrong password and a
 * locked account; per-address backoff across accounts before the per-account lock; a lock that does
 * not hold against a clean address with the right password.
 */
import { performance } from 'node:perf_hooks';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../test/http.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';
import { MAX_FAILED_ATTEMPTS } from './auth.service.js';

let n = 0;
/** A fresh client address (each test picks its own, so the per-address backoff stays out of the way). */
const freshIp = () => `198.51.100.${++n}`;

describeEachDialect(
  'sign-in',
  (getDb) => {
    let t: TestApp;
    let csrf: { cookie: string; token: string };
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
      csrf = {
        cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        token: res.json<{ csrfToken: string }>().csrfToken,
      };
    });

    const login = (username: string, password: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        headers: { cookie: csrf.cookie, 'x-csrf-token': csrf.token },
        payload: { username, password },
      });
    const shape = (res: LightMyRequestResponse) => {
      const { requestId: _r, instance: _i, ...rest } = res.json<Record<string, unknown>>();
      return { status: res.statusCode, ...rest, headers: Object.keys(res.headers).sort().join(',') };
    };

    it('answers an unknown user, a wrong password and a locked account identically, in the same time order', async () => {
      // Lock the principal leader (from addresses that each stay under the backoff).
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
        await login('principal', 'Wrong#Pass1', i % 2 === 0 ? freshIp() : `203.0.113.${i}`);
      const cases = {
        unknown: () => login('no-such-user', 'Wrong#Pass1', freshIp()),
        wrong: () => login('reviewer', 'Wrong#Pass1', freshIp()),
        locked: () => login('principal', 'Wrong#Pass1', freshIp()),
      };
      const shapes = await Promise.all(Object.values(cases).map(async (f) => shape(await f())));
      expect(shapes[0]).toMatchObject({ status: 401, code: 'invalid_credentials' });
      expect(shapes[1]).toEqual(shapes[0]);
      expect(shapes[2]).toEqual(shapes[0]);
      const { headers: _h, ...body } = shapes[0]!;
      expect(JSON.stringify(body)).not.toMatch(/remaining|lockedUntil|锁定\d/i);

      // Timing: medians of interleaved tries; every path does one argon2 verification.
      const times: Record<string, number[]> = { unknown: [], wrong: [], locked: [] };
      for (let round = 0; round < 5; round++)
        for (const [name, f] of Object.entries(cases)) {
          const start = performance.now();
          await f();
          times[name]!.push(performance.now() - start);
        }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const medians = Object.values(times).map(median);
      expect(Math.max(...medians) / Math.min(...medians), JSON.stringify(times)).toBeLessThan(4);
    });

    it('backs an address off after 5 failures across accounts, before any account locks; others are unaffected', async () => {
      const ip = freshIp();
      const users = ['office', 'clerk', 'leader', 'reviewer', 'no-such-user'];
      for (const u of users) expect((await login(u, 'Wrong#Pass1', ip)).statusCode).toBe(401);
      const blocked = await login('clerk', DEMO_PASSWORD, ip);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toMatchObject({ code: 'login_backoff', retryAfterSeconds: 30 });
      expect(blocked.headers['retry-after']).toBe('30');
      expect(blocked.json().detail).toContain('30秒');
      // The backoff names no account: an unknown username gets the same answer.
      expect(shape(await login('nobody-here', 'x', ip))).toMatchObject({
        status: 429,
        code: 'login_backoff',
      });
      // Another address signs in as usual; no account got locked by one address's guesses.
      expect((await login('clerk', DEMO_PASSWORD, freshIp())).statusCode).toBe(200);
      // After the wait one more try; a further failure doubles the wait.
      t.clock.advance(31_000);
      expect((await login('clerk', 'Wrong#Pass1', ip)).statusCode).toBe(401);
      const again = await login('clerk', DEMO_PASSWORD, ip);
      expect(again.json()).toMatchObject({ code: 'login_backoff', retryAfterSeconds: 60 });
      t.clock.advance(61_000);
      expect((await login('clerk', DEMO_PASSWORD, ip)).statusCode).toBe(200);
    });

    it('cannot lock a leader out: the lock holds against guessing addresses, not a clean one with the right password', async () => {
      const guessers = Array.from({ length: MAX_FAILED_ATTEMPTS / 2 }, freshIp);
      for (const ip of guessers) {
        expect((await login('leader', 'Wrong#Pass1', ip)).statusCode).toBe(401);
        expect((await login('leader', 'Wrong#Pass2', ip)).statusCode).toBe(401);
      }
      // Locked: a guessing address gets the usual answer even with the right password.
      expect(shape(await login('leader', DEMO_PASSWORD, guessers[0]!))).toMatchObject({
        status: 401,
        code: 'invalid_credentials',
      });
      // A wrong password from a new address is refused like any other failure…
      expect((await login('leader', 'Wrong#Pass3', freshIp())).statusCode).toBe(401);
      // …while the leader at an address that has not failed signs in.
      expect((await login('leader', DEMO_PASSWORD, freshIp())).statusCode).toBe(200);

      const secadmin = await signedIn(t.app, 'secadmin');
      const reasons = (await secadmin.get('/api/security/logins?username=leader&limit=50'))
        .json()
        .items.map((i: { reason: string }) => i.reason);
      expect(reasons).toEqual(expect.arrayContaining(['bad_password', 'locked', 'ok_despite_lock']));
    });

    it('names a disabled account only to someone who gave its right password', async () => {
      const { setUserDisabled } = await import('../users/users.service.js');
      const { systemActor } = await import('../../platform/actor.js');
      const { findByUsername } = await import('../users/users.repository.js');
      const user = (await findByUsername(t.container.ctx.db, 'supervisor'))!;
      await setUserDisabled(t.container.ctx, systemActor('测试'), user.id, true);
      expect((await login('supervisor', 'Wrong#Pass1', freshIp())).json().code).toBe('invalid_credentials');
      expect((await login('supervisor', DEMO_PASSWORD, freshIp())).json().code).toBe('account_disabled');
      await setUserDisabled(t.container.ctx, systemActor('测试'), user.id, false);
    });
  },
  { seeded: true },
);
