import type { FastifyInstance } from 'fastify';

// Computed once: setting a handful of constant headers in one hook costs far less than a full helmet
// pass per request (design.md: Fastify drops from 27k to 10k req/s with helmet on every route).
const BASE: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['permissions-policy', 'camera=(), microphone=(), geolocation=()'],
];
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'";

/**
 * The security headers of a response to `url`, in the order they are sent; HSTS only when the site is
 * served over HTTPS. Also used by the page-cache hits answered before routing (http/app.ts).
 */
export function securityHeaders(https: boolean, url: string): [string, string][] {
  const headers = https
    ? [...BASE, ['strict-transport-security', 'max-age=31536000'] as [string, string]]
    : [...BASE];
  // Swagger UI ships inline bootstrapping; it is the only page without our CSP.
  if (!url.startsWith('/api/docs')) headers.push(['content-security-policy', CSP]);
  return headers;
}

/** Adds security headers to every response. */
export function registerSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const withCsp = securityHeaders(https, '/');
  const withoutCsp = securityHeaders(https, '/api/docs');
  app.addHook('onSend', (req, reply, payload, done) => {
    for (const [k, v] of req.url.startsWith('/api/docs') ? withoutCsp : withCsp) reply.header(k, v);
    done(null, payload);
  });
}
