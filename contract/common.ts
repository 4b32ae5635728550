/**
 * The contract's shared vocabulary: text fields with limits, paging, problem+json errors and the
 * route-schema builder. Imported by the server (route schemas, validation, OpenAPI) and the console
 * (types through `Static<typeof …>`). Nothing here may import from Node or the DOM.
 */
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

/**
 * A text field as people type it: a maximum length is mandatory (the same limit on SQLite and
 * PostgreSQL), NUL and lone surrogates are refused at the edge (PostgreSQL rejects NUL; lone
 * surrogates break exports). The pattern is checked by Ajv with the `u` flag.
 */
export const TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';
export const Text = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({ maxLength, pattern: TEXT_PATTERN, ...options });
/** A required text field that may not be blank. */
export const RequiredText = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: TEXT_PATTERN, ...(description ? { description } : {}) });
export const OptionalText = (maxLength: number, description?: string) =>
  Type.Optional(Nullable(Text(maxLength, description ? { description } : {})));

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * One object schema with the properties of all of them (TypeBox 1.x has no `Type.Composite`; this is
 * its replacement: an evaluated intersection, so OpenAPI sees a plain object).
 */
export const Merge = <const T extends TSchema[]>(schemas: [...T]) => Type.Evaluate(Type.Intersect(schemas));

/** Calendar date as people see it in China (YYYY-MM-DD, China time). */
export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description: '日期（北京时间，YYYY-MM-DD）',
});
/** Instant (ISO 8601 with offset). */
export const IsoDateTime = Type.String({ maxLength: 40, description: '时间（ISO 8601）' });
/** Row identifiers (uuid v7 or legacy ids). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IdParams = Type.Object({ id: Id });

/** Paging as clerks think of it: page number and page size (capped so no request scans without bound). */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type PageQueryT = Static<typeof PageQuery>;

/** A page of rows; `totalIsLowerBound` when the count stopped at a cap ("N 条以上"). */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
    totalIsLowerBound: Type.Optional(Type.Boolean()),
  });

export const Ok = Type.Object({ ok: Type.Boolean() });

/**
 * RFC 9457 problem details. `type` is a stable URI per code (documented in docs/api/errors.md),
 * `title` a short human title, `detail` the Chinese message for users, `code` the machine code.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI of the error kind: /api/problems/<code>' }),
    title: Type.String({ description: 'Short human title of the error kind' }),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail: Type.String({ description: 'Message for users (Chinese)' }),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, $id: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;

const ProblemRef = Type.Ref('Problem');

/** HTTP statuses a route can answer with problem+json. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 423 | 429 | 503;

export const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: '请求无效（参数校验失败或业务规则不允许）',
  401: '未登录或会话已过期',
  403: '无权执行此操作',
  404: '资源不存在',
  405: '方法不允许',
  409: '状态冲突（重复或当前状态不允许）',
  413: '提交的内容过大',
  415: '不支持的内容类型',
  422: '内容无法处理',
  423: '账户已锁定',
  429: '操作过于频繁',
  503: '服务暂不可用',
};

/** The error responses of a route: problem+json bodies referring to the shared Problem schema. */
export function problemResponses(statuses: readonly ErrorStatus[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const s of statuses)
    out[s] = { description: ERROR_TEXT[s], content: { 'application/problem+json': { schema: ProblemRef } } };
  return out;
}

/** Default error statuses by access kind: public routes can fail validation and be rate-limited; signed-in ones add 401/403. */
export const PUBLIC_ERRORS = [400, 404, 429] as const satisfies readonly ErrorStatus[];
export const STAFF_ERRORS = [400, 401, 403, 404, 409] as const satisfies readonly ErrorStatus[];

export interface RouteContract {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** 2xx responses by status; at least one. */
  response: Partial<Record<200 | 201 | 202 | 204, TSchema>>;
  errors: readonly ErrorStatus[];
  /** Content type of a non-JSON 2xx body (files, CSV, HTML). */
  produces?: string[];
  consumes?: string[];
  hide?: boolean;
}

/** The 2xx part of a contract's responses (what a handler may return). */
type SuccessResponses<C extends RouteContract> = C['response'];
/** The problem+json error responses, so `reply.status(503).send(problem)` type-checks where declared. */
type ErrorResponses<C extends RouteContract> = {
  [S in C['errors'][number]]: { content: { 'application/problem+json': { schema: TUnsafe<Problem> } } };
};

/**
 * The static shape of `routeSchema(c)`: only the parts the contract declares, so Fastify's TypeBox type
 * provider infers `req.params`, `req.query`, `req.body` and the handler's return type from it. Handlers
 * signal errors by throwing DomainError (the error handler writes the problem+json body); the declared
 * error statuses are typed too so a handler may `reply.status(s).send(problem)` where it must.
 */
export type RouteSchemaOf<C extends RouteContract> = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  response: SuccessResponses<C> & ErrorResponses<C>;
} & (C extends { params: infer P extends TSchema } ? { params: P } : unknown) &
  (C extends { querystring: infer Q extends TSchema } ? { querystring: Q } : unknown) &
  (C extends { body: infer B extends TSchema } ? { body: B } : unknown);

/**
 * Builds the Fastify route schema of a contract: Fastify validates params/query/body with it,
 * serializes only declared response fields and publishes it in /api/openapi.json (error statuses as
 * application/problem+json responses referring to the shared Problem schema).
 */
export function routeSchema<const C extends RouteContract>(c: C): RouteSchemaOf<C> {
  return {
    operationId: c.operationId,
    summary: c.summary,
    description: c.description ?? c.summary,
    tags: c.tags,
    ...(c.params ? { params: c.params } : {}),
    ...(c.querystring ? { querystring: c.querystring } : {}),
    ...(c.body ? { body: c.body } : {}),
    ...(c.produces ? { produces: c.produces } : {}),
    ...(c.consumes ? { consumes: c.consumes } : {}),
    ...(c.hide ? { hide: true } : {}),
    response: { ...successResponses(c), ...problemResponses(c.errors) },
  } as unknown as RouteSchemaOf<C>;
}

/** 2xx responses; a non-JSON answer (`produces`) is described under its own media type. */
function successResponses(c: RouteContract): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const [status, schema] of Object.entries(c.response)) {
    if (!schema) continue;
    out[Number(status)] = c.produces
      ? {
          description: (schema as { description?: string }).description ?? '成功',
          content: Object.fromEntries(c.produces.map((m) => [m, { schema }])),
        }
      : schema;
  }
  return out;
}

/** A binary or text file answer (documents, CSV, xlsx) described for OpenAPI. */
export const FileResponse = (description: string) =>
  Type.Unsafe<unknown>({ type: 'string', format: 'binary', description });

/** Shorthand for the static type of a contract schema (the console's types come through this). */
export type Of<T extends TSchema> = Static<T>;

/** A string that is one of the given values (OpenAPI `enum`; the static type is their union). */
export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
