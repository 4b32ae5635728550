/**
 * Page fetchers for the crawl: the Fastify app's `inject` (in-process: no network, no port, the same
 * routes and rendering the public gets) and, optionally, real HTTP against a deployed portal's base URL.
 */
import type { App } from '../../http/app.js';
import type { FetchedPage, PageFetcher } from './selfcheck.crawl.js';

const UA = 'Gongkai-Selfcheck/1.0 (检查指标自查)';

function header(v: string | string[] | number | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : v === undefined ? '' : String(v);
}

/** Fetches through `app.inject`; the host header selects the portal like a browser's would. */
export function injectFetcher(app: Pick<App, 'inject'>, host?: string): PageFetcher {
  return async (path) => {
    const res = await app.inject({
      method: 'GET',
      url: path,
      headers: { 'user-agent': UA, accept: 'text/html,*/*', ...(host ? { host } : {}) },
    });
    const contentType = header(res.headers['content-type']);
    return {
      status: res.statusCode,
      contentType,
      // Files are only checked for their status: do not keep their bytes as text.
      body: /html/i.test(contentType) ? res.body : '',
      location: header(res.headers.location) || null,
    };
  };
}

/** Real HTTP against a base URL (e.g. https://yjj.example.gov.cn); redirects are reported, not followed. */
export function httpFetcher(baseUrl: string, timeoutMs = 15_000): PageFetcher {
  const origin = new URL(baseUrl).origin;
  return async (path): Promise<FetchedPage> => {
    const res = await fetch(origin + path, {
      redirect: 'manual',
      headers: { 'user-agent': UA, accept: 'text/html,*/*' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const contentType = res.headers.get('content-type') ?? '';
    const body = /html/i.test(contentType) ? await res.text() : '';
    if (!body) await res.body?.cancel();
    return { status: res.status, contentType, body, location: res.headers.get('location') };
  };
}
