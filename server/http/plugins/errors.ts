import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemTitle, problemTypeUri } from '../../../contract/problems.js';
import { DomainError, type ErrorKind } from '../../platform/errors.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  too_many: 429,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

/** Builds an RFC 9457 problem document. `detail` is the Chinese message for users. */
export function problem(
  req: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  // A domain error's details go first: none of them may replace the problem's own members (a detail
  // named `status` once turned a 409 into a 500).
  return {
    ...extra,
    type: problemTypeUri(code),
    title: problemTitle(code, status),
    status,
    code,
    detail,
    instance: req.url,
    requestId: req.id,
  };
}

/** Fastify-level failures (body parsing, limits, validation) mapped to stable codes and Chinese text. */
function fromFastifyError(req: FastifyRequest, error: FastifyError): Problem | null {
  if (error.validation) {
    const errors = error.validation.map((v) => ({
      field:
        (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
        String((v.params as { missingProperty?: string })?.missingProperty ?? ''),
      message: v.message ?? '',
    }));
    return problem(
      req,
      400,
      'validation_failed',
      `请求参数不正确：${errors.map((e) => e.field || '请求体').join('、')}`,
      { errors },
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(req, 413, 'payload_too_large', '提交的内容过大');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(req, 400, 'malformed_json', '请求体不是有效的JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(req, 415, 'unsupported_media_type', '不支持的内容类型');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return problem(req, 403, 'csrf_invalid', '页面已过期或请求来源无效，请刷新后重试');
    case 'FST_ERR_RATE_LIMIT':
      return problem(req, 429, 'rate_limited', '操作过于频繁，请稍后再试');
  }
  if (error.statusCode === 429) return problem(req, 429, 'rate_limited', '操作过于频繁，请稍后再试');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return problem(req, error.statusCode, 'bad_request', '请求无效');
  return null;
}

/** Maps any error to a problem document; 5xx never leaks internals (the log has them, keyed by request id). */
export function toProblem(req: FastifyRequest, error: unknown): Problem {
  if (error instanceof DomainError)
    return problem(req, STATUS[error.kind], error.code, error.messageZh, error.details ?? {});
  const fromFastify = fromFastifyError(req, error as FastifyError);
  if (fromFastify) return fromFastify;
  return problem(req, 500, 'internal_error', '服务器内部错误，请稍后再试或联系管理员（请提供请求编号）');
}

/** The one place errors become HTTP responses; portal pages get a Chinese HTML page instead of JSON. */
export function registerErrorHandling(
  app: FastifyInstance,
  renderHtmlError: (req: FastifyRequest, status: number) => string,
): void {
  app.setErrorHandler((error, req, reply: FastifyReply) => {
    const body = toProblem(req, error);
    if (body.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: body.code }, 'request rejected');
    if (wantsHtml(req))
      return reply
        .status(body.status)
        .type('text/html; charset=utf-8')
        .send(renderHtmlError(req, body.status));
    return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const allow = allowedMethods(app, req);
    if (allow.length > 0 && !allow.includes(req.method)) {
      reply.header('allow', allow.join(', '));
      if (wantsHtml(req))
        return reply.status(405).type('text/html; charset=utf-8').send(renderHtmlError(req, 405));
      return reply
        .status(405)
        .type('application/problem+json; charset=utf-8')
        .send(
          problem(
            req,
            405,
            'method_not_allowed',
            `该地址不支持 ${req.method} 方法（可用：${allow.join('、')}）`,
          ),
        );
    }
    if (wantsHtml(req))
      return reply.status(404).type('text/html; charset=utf-8').send(renderHtmlError(req, 404));
    return reply
      .status(404)
      .type('application/problem+json; charset=utf-8')
      .send(problem(req, 404, 'not_found', '请求的资源不存在'));
  });
}

/**
 * The methods the routes matching this request's path accept (empty when no route has this path).
 * Route patterns are compiled once, after the app is ready; only requests that found no route pay for it.
 */
function allowedMethods(app: FastifyInstance, req: FastifyRequest): string[] {
  const path = (req.url.split('?', 1)[0] ?? '/').replace(/\/+$/, '') || '/';
  const allow = new Set<string>();
  for (const r of routePatterns(app)) if (r.pattern.test(path)) for (const m of r.methods) allow.add(m);
  return [...allow].sort();
}

const patterns = new WeakMap<FastifyInstance, { pattern: RegExp; methods: string[] }[]>();
function routePatterns(app: FastifyInstance): { pattern: RegExp; methods: string[] }[] {
  let list = patterns.get(app);
  if (list) return list;
  const byUrl = new Map<string, Set<string>>();
  for (const r of app.routeInventory ?? []) {
    const set = byUrl.get(r.url) ?? new Set<string>();
    set.add(r.method);
    byUrl.set(r.url, set);
  }
  list = [...byUrl].map(([url, methods]) => ({ pattern: routeRegExp(url), methods: [...methods] }));
  patterns.set(app, list);
  return list;
}

/** `/api/x/:id/y` → /^\/api\/x\/[^/]+\/y$/ ; a trailing `*` matches the rest of the path. */
export function routeRegExp(url: string): RegExp {
  const trimmed = url.replace(/\/+$/, '') || '/';
  const source = trimmed
    .split('/')
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Portal and console pages are HTML; everything under /api is JSON. */
function wantsHtml(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
}
