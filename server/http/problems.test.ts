import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../contract/problems.js';
import { renderErrorsDoc } from '../../scripts/errors-doc.js';
import { createTestDatabase } from '../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../test/http.js';

describe('problem types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(await createTestDatabase('sqlite'), { seed: false });
  });
  afterAll(async () => {
    await t.app.close();
    await t.container.close();
  });

  it('answers the description of a code at its type URI, 404 for an unregistered one', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/problems/validation_failed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      code: 'validation_failed',
      type: '/api/problems/validation_failed',
      ...PROBLEM_TYPES.validation_failed,
    });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/problems/no_such_code' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: '/api/problems/not_found', title: '资源不存在' });
    const bad = await t.app.inject({ method: 'GET', url: '/api/problems/Bad%20Code' });
    expect(bad.statusCode).toBe(400);
    const list = await t.app.inject({ method: 'GET', url: '/api/problems' });
    expect(list.json().items.map((p: { code: string }) => p.code)).toEqual(Object.keys(PROBLEM_TYPES).sort());
  });

  it('gives every problem of the real app a dereferenceable type and a human title', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/orgs' });
    expect(res.statusCode).toBe(401);
    const body = res.json();
    expect(body.type).toBe(`/api/problems/${body.code}`);
    expect(body.title).toBe(PROBLEM_TYPES[body.code]?.title);
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/orgs' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.json()).toMatchObject({ code: 'method_not_allowed', status: 405 });
    expect((await t.app.inject({ method: 'PUT', url: '/api/no-such-thing' })).statusCode).toBe(404);
  });

  it('documents every registered code on docs/api/errors.md (run `npm run docs:errors`)', async () => {
    const page = readFileSync(new URL('../../docs/api/errors.md', import.meta.url), 'utf8');
    expect(page).toBe(await renderErrorsDoc());
  });
});
