import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, formFieldErrors, toQuery } from './client';
import { json, mockFetch, problem } from '../test/helpers';

afterEach(() => vi.unstubAllGlobals());

describe('ApiClient', () => {
  it('sends x-csrf-token on POST, PATCH and DELETE but not on GET, with same-origin credentials', async () => {
    const { calls, fn } = mockFetch({
      'GET /api/auth/session': () => json(200, { user: null, permissions: [], csrfToken: 'tok-123' }),
      'POST /api/users': () => json(201, { ok: 1 }),
      'PATCH /api/users/u1': () => json(200, { ok: 2 }),
      'DELETE /api/orgs/o1': () => json(204, null),
    });
    const client = new ApiClient();
    await client.session();
    await client.post('/api/users', { username: 'li' });
    await client.patch('/api/users/u1', { displayName: '李' });
    await expect(client.delete('/api/orgs/o1')).resolves.toBeUndefined();

    expect(calls.map((c) => [c.method, c.headers['x-csrf-token']])).toEqual([
      ['GET', undefined],
      ['POST', 'tok-123'],
      ['PATCH', 'tok-123'],
      ['DELETE', 'tok-123'],
    ]);
    expect(calls[1]!.body).toEqual({ username: 'li' });
    expect(calls[1]!.headers['content-type']).toBe('application/json');
    for (const [, init] of fn.mock.calls as [string, RequestInit][])
      expect(init.credentials).toBe('same-origin');
  });

  it('maps a domain problem with a top-level field to a typed ApiError', async () => {
    mockFetch({
      'PATCH /api/orgs/o1': () =>
        problem(400, 'invalid_credit_code', '统一社会信用代码：校验位不正确', {
          field: 'creditCode',
          requestId: 'req-42',
        }),
    });
    const err = await new ApiClient().patch('/api/orgs/o1', { creditCode: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_credit_code');
    expect(e.detail).toBe('统一社会信用代码：校验位不正确');
    expect(e.message).toBe('统一社会信用代码：校验位不正确');
    expect(e.requestId).toBe('req-42');
    expect(e.fieldErrors).toEqual([{ field: 'creditCode', message: '统一社会信用代码：校验位不正确' }]);
    expect(formFieldErrors(e)).toEqual([{ name: 'creditCode', errors: ['统一社会信用代码：校验位不正确'] }]);
  });

  it('maps schema validation errors[] onto top-level form fields and drops unknown ones', async () => {
    mockFetch({
      'POST /api/users': () =>
        problem(400, 'validation_failed', '请求参数不正确：username、roles.0', {
          errors: [
            { field: 'username', message: '长度不足' },
            { field: 'roles.0', message: '未知角色' },
            { field: 'extra', message: '多余字段' },
          ],
        }),
    });
    const e = (await new ApiClient().post('/api/users', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('validation_failed');
    expect(formFieldErrors(e, ['username', 'roles'])).toEqual([
      { name: 'username', errors: ['长度不足'] },
      { name: 'roles', errors: ['未知角色'] },
    ]);
  });

  it('turns a non-JSON failure and a network failure into Chinese ApiErrors', async () => {
    mockFetch({
      'GET /api/orgs': () =>
        new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    });
    const bad = (await new ApiClient().get('/api/orgs').catch((x: unknown) => x)) as ApiError;
    expect([bad.status, bad.code, bad.detail]).toEqual([
      502,
      'http_502',
      '服务器返回错误（HTTP 502），请稍后再试',
    ]);

    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const down = (await new ApiClient().get('/api/orgs').catch((x: unknown) => x)) as ApiError;
    expect([down.status, down.code, down.detail]).toEqual([
      0,
      'network_error',
      '无法连接服务器，请检查网络后重试',
    ]);
  });

  it('refreshes a stale CSRF token once and retries the write', async () => {
    let posts = 0;
    const { calls } = mockFetch({
      'GET /api/auth/session': () => json(200, { user: null, permissions: [], csrfToken: 'fresh' }),
      'POST /api/auth/logout': (c) => {
        posts++;
        return c.headers['x-csrf-token'] === 'fresh'
          ? json(204, null)
          : problem(403, 'csrf_invalid', '页面已过期或请求来源无效，请刷新后重试');
      },
    });
    const client = new ApiClient();
    client.setCsrfToken('stale');
    await client.post('/api/auth/logout');
    expect(posts).toBe(2);
    expect(calls.map((c) => `${c.method} ${c.url} ${c.headers['x-csrf-token'] ?? '-'}`)).toEqual([
      'POST /api/auth/logout stale',
      'GET /api/auth/session -',
      'POST /api/auth/logout fresh',
    ]);
  });

  it('tells problem listeners about failures (the auth context reacts to unauthenticated)', async () => {
    mockFetch({ 'GET /api/users': () => problem(401, 'unauthenticated', '请先登录（或登录已超时）') });
    const client = new ApiClient();
    const seen: string[] = [];
    const off = client.onProblem((e, req) => seen.push(`${e.code} ${req.method} ${req.path}`));
    await client.get('/api/users', { page: 2 }).catch(() => undefined);
    off();
    await client.get('/api/users').catch(() => undefined);
    expect(seen).toEqual(['unauthenticated GET /api/users']);
  });

  it('builds query strings without empty values', () => {
    expect(toQuery({ page: 1, q: '', role: undefined, success: false, orgId: null, name: '张 三' })).toBe(
      '?page=1&success=false&name=%E5%BC%A0+%E4%B8%89',
    );
    expect(toQuery({})).toBe('');
  });
});
