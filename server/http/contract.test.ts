import Fastify from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  IdParams,
  Merge,
  Page,
  PageQuery,
  ProblemSchema,
  RequiredText,
  routeSchema,
  STAFF_ERRORS,
  type RouteContract,
} from '../../contract/common.js';
import { DomainError } from '../platform/errors.js';
import { registerErrorHandling, routeRegExp } from './plugins/errors.js';

const Widget = Type.Object({ id: Type.String(), name: Type.String() });
const updateWidget = {
  operationId: 'test.updateWidget',
  summary: '修改部件',
  tags: ['test'],
  params: IdParams,
  querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
  body: Type.Object({ name: RequiredText(20) }),
  response: { 200: Widget },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
const listWidgets = {
  operationId: 'test.listWidgets',
  summary: '部件列表',
  tags: ['test'],
  querystring: PageQuery,
  response: { 200: Page(Widget) },
  errors: [400],
} satisfies RouteContract;

async function build() {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  const inventory: { method: string; url: string; hasAccess: boolean }[] = [];
  app.decorate('routeInventory', inventory);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) inventory.push({ method, url: r.url, hasAccess: true });
  });
  registerErrorHandling(app, () => '<html></html>');
  app.addSchema(ProblemSchema);
  app.patch('/api/widgets/:id', { schema: routeSchema(updateWidget) }, async (req) => {
    // The type provider infers these from the contract: a renamed field breaks this file's typecheck.
    expectTypeOf(req.params).toEqualTypeOf<{ id: string }>();
    expectTypeOf(req.query.dryRun).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(req.body).toEqualTypeOf<{ name: string }>();
    if (req.body.name === 'taken')
      throw new DomainError('widget_taken', '名称已被使用', undefined, 'conflict');
    // `secret` is not in the response schema, so it never leaves the server.
    return { id: req.params.id, name: req.body.name, secret: 'x' } as { id: string; name: string };
  });
  app.get('/api/widgets', { schema: routeSchema(listWidgets) }, async (req) => {
    expectTypeOf(req.query.page).toEqualTypeOf<number | undefined>();
    return { items: [], total: 0, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 };
  });
  await app.ready();
  return app;
}

describe('routeSchema', () => {
  it('validates the request, serializes only declared fields and answers problem+json with a type URI', async () => {
    const app = await build();
    const ok = await app.inject({ method: 'PATCH', url: '/api/widgets/w1', payload: { name: '阀门' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: 'w1', name: '阀门' });

    const bad = await app.inject({ method: 'PATCH', url: '/api/widgets/w1', payload: { name: 'a\u0000b' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({
      type: '/api/problems/validation_failed',
      title: '请求参数不正确',
      code: 'validation_failed',
      errors: [{ field: 'name' }],
    });

    const taken = await app.inject({ method: 'PATCH', url: '/api/widgets/w1', payload: { name: 'taken' } });
    expect(taken.statusCode).toBe(409);
    // An unregistered code keeps a stable type URI and gets its status's generic title.
    expect(taken.json()).toMatchObject({
      type: '/api/problems/widget_taken',
      title: '状态冲突',
      detail: '名称已被使用',
    });

    const page = await app.inject({ method: 'GET', url: '/api/widgets?page=2' });
    expect(page.json()).toEqual({ items: [], total: 0, page: 2, pageSize: 20 });
    await app.close();
  });

  it('answers 405 with Allow for a known path and a wrong method, 404 for an unknown path', async () => {
    const app = await build();
    const wrong = await app.inject({ method: 'DELETE', url: '/api/widgets/w1?x=1' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('PATCH');
    expect(wrong.json()).toMatchObject({
      code: 'method_not_allowed',
      type: '/api/problems/method_not_allowed',
    });
    const list = await app.inject({ method: 'POST', url: '/api/widgets/' });
    expect(list.statusCode).toBe(405);
    expect(list.headers.allow).toBe('GET, HEAD');
    const missing = await app.inject({ method: 'DELETE', url: '/api/gadgets/w1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.allow).toBeUndefined();
    await app.close();
  });

  it('publishes the contract in the route schema (operationId, tags, problem+json errors)', () => {
    const s = routeSchema(updateWidget) as unknown as Record<string, unknown> & {
      response: Record<string, unknown>;
    };
    expect(s.operationId).toBe('test.updateWidget');
    expect(s.description).toBe('修改部件');
    expect(Object.keys(s.response).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(s.response[404]).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: 'Problem' } } },
    });
  });

  it('merges object schemas into one plain object (the Type.Composite of TypeBox 0.x)', () => {
    const M = Merge([PageQuery, Type.Object({ kind: Type.Optional(Type.String()), q: Type.String() })]);
    expectTypeOf<Static<typeof M>>().toEqualTypeOf<{
      page?: number;
      pageSize?: number;
      kind?: string;
      q: string;
    }>();
    expect(M).toMatchObject({ type: 'object', required: ['q'] });
    expect(Object.keys((M as unknown as { properties: object }).properties)).toEqual([
      'page',
      'pageSize',
      'kind',
      'q',
    ]);
  });

  it('compiles route patterns for the Allow lookup', () => {
    expect(routeRegExp('/api/x/:id/y').test('/api/x/1/y')).toBe(true);
    expect(routeRegExp('/api/x/:id/y').test('/api/x/1/2/y')).toBe(false);
    expect(routeRegExp('/admin/*').test('/admin/a/b')).toBe(true);
    expect(routeRegExp('/a.b').test('/aXb')).toBe(false);
  });
});
