/**
 * Page fetchers for the crawl: the Fastify app's `inject` (in-process: no network, no port, the same
 * routes and rendering the public gets) and, optionally, real HTTP against a deployed portal's base URL.
 */
import type { App } from '../../http/app.js';
import type { FetchedPage, PageFetcher } from './selfcheck.crawl.js';

// HTTP header values are bytes (ISO-8859-1): fetch refuses a Chinese User-Agent outright.
const UA = 'Gongkai-Selfcheck/1.0 (site self-check)';

function header(v: string | string[] | number | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : v === undefined ? '' : String(v);
}

/**
 * The most HTML of one page the crawl reads (links and text beyond it are not seen). A portal page is
 * 5–200 kB; the cap only keeps a runaway page from taking the worker's memory.
 */
export const MAX_HTML_BYTES = 4 * 1024 * 1024;

/** Reads up to `cap` bytes of a body; what is read is decoded as UTF-8 (a character cut at the cap is dropped). */
async function readCapped(chunks: AsyncIterable<Uint8Array>, cap: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const b = Buffer.from(chunk);
    parts.push(size + b.length > cap ? b.subarray(0, cap - size) : b);
    size += b.length;
    if (size >= cap) break;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(parts));
  // A character cut by the cap decodes as U+FFFD at the very end: drop it (only then).
  return size >= cap ? text.replace(/\uFFFD$/, '') : text;
}

/**
 * Fetches through `app.inject`; the host header selects the portal like a browser's would. The body is
 * streamed: a file (an open-data download of two million enterprises, say) is checked for its status only
 * and its response closed at once, instead of being built in memory as one string.
 */
export function injectFetcher(app: Pick<App, 'inject'>, host?: string): PageFetcher {
  return async (path) => {
    const res = await app.inject({
      method: 'GET',
      url: path,
      headers: { 'user-agent': UA, accept: 'text/html,*/*', ...(host ? { host } : {}) },
      payloadAsStream: true,
    });
    const contentType = header(res.headers['content-type']);
    const stream = res.stream();
    try {
      return {
        status: res.statusCode,
        contentType,
        body: /html/i.test(contentType) ? await readCapped(stream, MAX_HTML_BYTES) : '',
        location: header(res.headers.location) || null,
      };
    } finally {
      // Closing the response stops the route's producer (a piped stream is destroyed with it).
      stream.on('error', () => undefined);
      stream.destroy();
      res.raw.res.destroy();
    }
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
    const body =
      /html/i.test(contentType) && res.body
        ? // Node's fetch body is async-iterable; the DOM typings of ReadableStream do not say so.
          await readCapped(res.body as unknown as AsyncIterable<Uint8Array>, MAX_HTML_BYTES)
        : '';
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, contentType, body, location: res.headers.get('location') };
  };
}
