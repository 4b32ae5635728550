/**
 * Edge validation of text, identical for SQLite and PostgreSQL (issue 14, item 1). Every string of the
 * query, the path parameters and the body (JSON, urlencoded, multipart fields) is checked before the
 * route's schema validation and before any database access: NUL and other C0 control characters (but
 * tab, line feed and carriage return), lone UTF-16 surrogates and the non-characters U+FFFE/U+FFFF are
 * refused with 400 `invalid_text`, and a field longer than the generic cap with 400 `text_too_long`.
 * PostgreSQL rejects NUL ("invalid byte sequence for encoding UTF8: 0x00") and SQLite stores lone
 * surrogates that break exports, so without this the two engines answered the same input differently.
 * Route schemas still state each field's own maximum (contract/common.ts `Text(max)`); the cap here is
 * the safety net for routes whose schema does not.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problemTitle, problemTypeUri } from '../../../contract/problems.js';
import { DomainError } from '../../platform/errors.js';

/** Longest string accepted in any field of an anonymous request (query, params, body). */
export const PUBLIC_TEXT_MAX = 20_000;
/** Longest string accepted in any query or path parameter, whoever calls. */
export const PARAM_TEXT_MAX = 2_000;
/** Longest string in a signed-in request's body (rich-text bodies of documents are long; bodyLimit bounds them too). */
export const STAFF_TEXT_MAX = 1_000_000;

// C0 controls except \t \n \r, DEL is allowed (harmless), lone surrogates, U+FFFE/U+FFFF.
// Written as a scan rather than a regex with the `u` flag, which would not see lone surrogates.
function firstInvalid(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      return i;
    }
    if (c < 0xd800) continue;
    if (c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c <= 0xdfff) return i;
    if (c === 0xfffe || c === 0xffff) return i;
  }
  return -1;
}

/** True when the string holds only characters every engine stores and every export writes. */
export function isCleanText(s: string): boolean {
  return firstInvalid(s) < 0;
}

export function invalidText(field: string): DomainError {
  return new DomainError(
    'invalid_text',
    `“${field}”含有不允许的字符（如空字符、控制字符或无效的Unicode字符），请删除后重新提交`,
    { field, errors: [{ field, message: 'invalid characters' }] },
    'invalid',
  );
}

export function textTooLong(field: string, max: number): DomainError {
  return new DomainError(
    'text_too_long',
    `“${field}”过长（最多${max}个字符）`,
    { field, errors: [{ field, message: `longer than ${max}` }] },
    'invalid',
  );
}

/** Throws on the first string (or object key) that is not clean or longer than `max`. */
export function assertCleanValue(value: unknown, field: string, max: number, depth = 0): void {
  if (typeof value === 'string') {
    if (!isCleanText(value)) throw invalidText(field);
    if (value.length > max) throw textTooLong(field, max);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return;
  if (Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertCleanValue(v, `${field}[${i}]`, max, depth + 1));
    return;
  }
  // Multipart fields attached to the body ({ type: 'field', value }) and files ({ type: 'file' }).
  const part = value as { type?: unknown; value?: unknown; fieldname?: unknown; file?: unknown };
  if (part.type === 'file' && part.file !== undefined) return;
  if (part.type === 'field' && typeof part.fieldname === 'string') {
    assertCleanValue(part.value, field, max, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const name = field ? `${field}.${k}` : k;
    if (!isCleanText(k)) throw invalidText(name);
    assertCleanValue(v, name, max, depth + 1);
  }
}

function isPublic(req: FastifyRequest): boolean {
  const access = req.routeOptions.config?.access as { public?: boolean } | undefined;
  return !access || access.public === true;
}

/**
 * Registers the guard: a preValidation hook (runs after body parsing, before schema validation and
 * before the access hook touches the session table) plus a check of multipart fields as the route
 * reads them through `req.file()` / `req.parts()`.
 */
export function registerTextGuard(app: FastifyInstance): void {
  // Which routes anonymous callers reach, with their declared schemas: the fuzzer (test/fuzz) walks these.
  const routes: GuardedRoute[] = [];
  app.decorate('publicRoutes', () => routes.filter((r) => r.isPublic));
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method])
      routes.push({
        method,
        url: r.url,
        get isPublic() {
          return Boolean((r.config as { access?: { public?: boolean } } | undefined)?.access?.public);
        },
        get schema() {
          return r.schema;
        },
      });
  });
  app.addHook('preValidation', async (req) => {
    const pub = isPublic(req);
    assertCleanValue(req.params, '', PARAM_TEXT_MAX);
    assertCleanValue(req.query, '', PARAM_TEXT_MAX);
    assertCleanValue(req.body, '', pub ? PUBLIC_TEXT_MAX : STAFF_TEXT_MAX);
    guardMultipart(req, pub ? PUBLIC_TEXT_MAX : STAFF_TEXT_MAX);
  });
  // Redirects built from a decoded path (`/a/<code>` → `/a/<code>/`) carry whatever the caller sent; a
  // Location header may only hold visible ASCII, so anything else is percent-encoded (Node refused the
  // header with a 500 before).
  app.addHook('onSend', async (_req, reply, payload) => {
    const location = reply.getHeader('location');
    if (typeof location === 'string' && /[^\x21-\x7e]/.test(location))
      reply.header('location', safeLocation(location));
    return payload;
  });
}

export interface GuardedRoute {
  method: string;
  url: string;
  readonly isPublic: boolean;
  readonly schema: { querystring?: unknown; body?: unknown; params?: unknown } | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Routes anonymous callers may reach (method, url, declared schema), for the public-input fuzzer. */
    publicRoutes: () => GuardedRoute[];
  }
}

/** Percent-encodes every character of a Location value that HTTP headers cannot carry. */
export function safeLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]/gu, (c) => (isCleanText(c) ? encodeURIComponent(c) : ''));
}

type MultipartPart = { type?: string; fieldname?: string; value?: unknown; fields?: Record<string, unknown> };

/** Wraps the multipart readers so text fields are checked as they arrive (files pass untouched). */
function guardMultipart(req: FastifyRequest, max: number): void {
  const r = req as unknown as {
    isMultipart?: () => boolean;
    file?: (...a: unknown[]) => Promise<MultipartPart | undefined>;
    parts?: (...a: unknown[]) => AsyncIterable<MultipartPart>;
  };
  if (typeof r.isMultipart !== 'function' || !r.isMultipart()) return;
  const checkFields = (p: MultipartPart | undefined) => {
    if (!p?.fields) return;
    for (const [name, f] of Object.entries(p.fields)) {
      if (!isCleanText(name)) throw invalidText(name);
      for (const one of Array.isArray(f) ? f : [f]) {
        const field = one as MultipartPart;
        if (field?.type === 'field') assertCleanValue(field.value, name, max);
      }
    }
  };
  if (typeof r.file === 'function') {
    const original = r.file.bind(req);
    r.file = async (...args: unknown[]) => {
      const p = await original(...args);
      checkFields(p);
      return p;
    };
  }
  if (typeof r.parts === 'function') {
    const original = r.parts.bind(req);
    r.parts = (...args: unknown[]) => {
      const it = original(...args);
      return (async function* () {
        for await (const p of it) {
          if (p.type === 'field') assertCleanValue(p.value, p.fieldname ?? 'field', max);
          yield p;
        }
      })();
    };
  }
}

/**
 * Fastify's `frameworkErrors` handler: a URL whose percent-encoding is not UTF-8 (`/a/%80/`) is refused
 * by the router before any hook runs; it becomes the same Chinese problem+json as every other 400.
 */
export function frameworkErrors(
  error: { code?: string; statusCode?: number },
  req: FastifyRequest,
  reply: import('fastify').FastifyReply,
): void {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const code = error.code === 'FST_ERR_BAD_URL' ? 'invalid_url' : 'bad_request';
  const detail =
    code === 'invalid_url' ? '请求地址含有无效的字符编码（应为UTF-8），请检查链接是否完整' : '请求无效';
  void reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      // The registry's type URI and title, like every other problem answer.
      type: problemTypeUri(code),
      title: problemTitle(code, status),
      status,
      code,
      detail,
      instance: req.url,
      requestId: req.id,
    });
}
