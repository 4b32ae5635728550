/**
 * Page-cache hits answered straight from the Node request, before Fastify routes it (design.md "HTTP
 * throughput"; docs/perf/portal-memory.md has the numbers). Only anonymous GET/HEAD requests whose page
 * is in the rendered-page cache and still current in memory (agency lookup and content version read
 * less than a second ago, not bumped since: portal.cache.ts) qualify; everything else — a session
 * cookie, another method, a miss, a stale agency or version, a closing server — goes through Fastify,
 * which refreshes what the next request needs. The response is the one the routed request sends for the
 * same hit: same status, validators, content type, security headers and request id; per-visitor rate
 * limits (the search page) are not counted for these, as a cached page costs no search work.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import {
  etagMatches,
  pageHeaders,
  canonicalPageKey,
  rawCookie,
  type RenderedPageCache,
} from '../modules/portal/portal.cache.js';
import { SESSION_COOKIE } from './plugins/auth.js';
import { securityHeaders } from './plugins/security-headers.js';

const REQUEST_ID = /^[\w-]{8,64}$/;

/** The request id: the caller's X-Request-Id when it looks like one, else a new UUID. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Puts the early-hit check in front of Fastify's request handler on `app.server`. */
export function installEarlyPageHits(
  app: FastifyInstance,
  cache: RenderedPageCache,
  options: { https: boolean; trustProxy: boolean },
): void {
  const server = app.server;
  const listeners = server.listeners('request') as Listener[];
  if (listeners.length !== 1) {
    app.log.warn(
      { listeners: listeners.length },
      'early page-cache hits disabled: unexpected request listeners',
    );
    return;
  }
  const routed = listeners[0]!;
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const security = securityHeaders(options.https, '/');
  const log = app.log;
  // The logger is a no-op object without isLevelEnabled when logging is off (tests).
  const levels = log as { isLevelEnabled?: (level: string) => boolean };
  const logging = () => typeof levels.isLevelEnabled === 'function' && levels.isLevelEnabled('info');

  const serve = (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url === undefined) return false;
    const headers = req.headers;
    if (rawCookie(headers.cookie, SESSION_COOKIE) !== undefined) return false;
    const entry = cache.early(canonicalPageKey(headers, req.url));
    if (!entry) return false;
    const start = logging() ? performance.now() : 0;
    const id = requestIdOf(headers);
    const notModified = etagMatches(headers['if-none-match'], entry.etag);
    const out: string[] = [];
    for (const [k, v] of pageHeaders(entry, 'hit')) out.push(k, v);
    if (!notModified) out.push('content-type', entry.contentType);
    out.push('x-request-id', id);
    for (const [k, v] of security) out.push(k, v);
    if (!notModified) out.push('content-length', String(entry.body.length));
    res.writeHead(notModified ? 304 : 200, out);
    res.end(notModified ? undefined : entry.body);
    if (start) logLikeFastify(req, res, id, start);
    return true;
  };

  // The same two lines Fastify logs per request (at info), so access logs do not lose cached hits.
  const logLikeFastify = (req: IncomingMessage, res: ServerResponse, id: string, start: number) => {
    const child = log.child({ reqId: id });
    const forwarded = options.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    child.info(
      {
        req: {
          method: req.method,
          url: req.url,
          headers: req.headers,
          host: req.headers.host,
          ip: forwarded || req.socket.remoteAddress,
          socket: req.socket,
        },
      },
      'incoming request',
    );
    child.info(
      { res: { statusCode: res.statusCode }, responseTime: performance.now() - start },
      'request completed',
    );
  };

  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let served = false;
    if (!closing)
      try {
        served = serve(req, res);
      } catch (err) {
        // Never worse than no shortcut: unless the answer has started, the routed request answers.
        log.warn({ err }, 'early page-cache hit failed');
        served = res.headersSent;
        if (served && !res.writableEnded) res.destroy();
      }
    if (!served) routed.call(server, req, res);
  });
}
