/**
 * The self-check's crawl of one agency portal: breadth-first from the portal home, following internal
 * links only (pages under the agency's own prefix are crawled; shared pages outside it — /prefs,
 * /static/ files, the site group's other portals — are checked for their status but not parsed), with a page cap, a bounded queue and a visited set of 53-bit hashes of normalized URLs
 * (cache-busting query parameters dropped, the rest sorted). Pages come from a `PageFetcher`: the
 * Fastify app's `inject` (no network, no port) or, optionally, real HTTP against a base URL.
 * Records dead links (4xx) and error pages (5xx) with the page each link was found on and its anchor
 * text, and the wording errors of each page's main text.
 */
import type { HTMLElement } from 'node-html-parser';
import { htmlParser } from '../../platform/lazy-packages.js';
import { scanWording, type WordingHit } from './selfcheck.wording.js';
import { clip } from './selfcheck.rules.js';

export interface FetchedPage {
  status: number;
  contentType: string;
  body: string;
  /** Location header of a redirect. */
  location: string | null;
}

/** Fetches a path (with query) of the portal; must not throw for HTTP errors (return the status). */
export type PageFetcher = (path: string) => Promise<FetchedPage>;

export interface CrawlOptions {
  /** The agency prefix, e.g. /a/shili-yjj (no trailing slash); '' for a portal at the host root. */
  base: string;
  /** At most this many URLs fetched (pages and files). */
  maxPages: number;
  /** Parallel fetches. */
  concurrency?: number;
  /** Wording hits kept per report (deduplicated by word and excerpt). */
  maxWordingHits?: number;
  /** Dead links kept (the count goes on beyond). */
  maxDeadLinks?: number;
  /** Host names that count as the portal itself in absolute links (HTTP mode). */
  ownHosts?: readonly string[];
}

export interface DeadLink {
  url: string;
  status: number;
  foundOn: string;
  anchor: string;
  /** Further pages carrying the same link (up to 5) and how many in all. */
  alsoOn: string[];
  references: number;
}

export interface PageWordingHit extends WordingHit {
  url: string;
  /** How many pages carry the same excerpt (nav and footer text repeats). */
  pages: number;
}

export interface CrawlResult {
  home: { status: number; ok: boolean };
  pagesCrawled: number;
  htmlPages: number;
  linksChecked: number;
  truncated: boolean;
  dead: DeadLink[];
  deadTotal: number;
  errors: DeadLink[];
  wording: PageWordingHit[];
}

/** Query parameters that never change the page (cache busting, tracking, the return-to of /prefs). */
const IGNORED_PARAMS = new Set([
  'back',
  'v',
  't',
  '_',
  'ts',
  'timestamp',
  'rnd',
  'random',
  'cb',
  'nocache',
  'ver',
]);
const ORIGIN = 'http://portal.invalid';

/** cyrb53: a fast 53-bit string hash (collisions among 100k URLs: ~1e-6). */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export type Scope = 'page' | 'file' | null;

/**
 * The normalized in-scope path (+ sorted query) of a link found on `pageUrl`, and whether it is a page of
 * the agency (crawled) or a shared file (checked only); null when out of scope (external, another
 * agency, mailto:, javascript:, a fragment on the same page).
 */
export function normalizeLink(
  href: string,
  pageUrl: string,
  opts: Pick<CrawlOptions, 'base' | 'ownHosts'>,
): { url: string; scope: Exclude<Scope, null> } | null {
  const raw = href.trim();
  if (!raw || raw.startsWith('#')) return null;
  if (/^(?:mailto|tel|javascript|data|sms|weixin):/i.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw, ORIGIN + pageUrl);
  } catch {
    return null;
  }
  if (u.origin !== ORIGIN) {
    if (!/^https?:$/.test(u.protocol) || !(opts.ownHosts ?? []).includes(u.host)) return null;
  }
  let path = u.pathname.replace(/\/{2,}/g, '/');
  if (path.startsWith('/api/')) return null;
  const base = opts.base;
  if (path === base) path = `${base}/`;
  const params = [...u.searchParams].filter(([k]) => !IGNORED_PARAMS.has(k.toLowerCase()));
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const url = path + query;
  // Outside the agency's prefix: shared pages (/prefs, /static/…, the group's other portals) are
  // checked for their status but not crawled further.
  if (base && !path.startsWith(`${base}/`)) return { url, scope: 'file' };
  return {
    url,
    scope: /\.(?:css|js|png|jpe?g|gif|svg|ico|webp|pdf|docx?|xlsx?|zip|csv|json|xml)$/i.test(path)
      ? 'file'
      : 'page',
  };
}

interface QueueEntry {
  url: string;
  scope: Exclude<Scope, null>;
  from: string;
  anchor: string;
}

/**
 * A copy of a short string that does not share memory with the page it was cut from: V8 keeps a slice
 * (substring, trim) pointing into its parent, so an anchor text kept in the queue would otherwise hold
 * the whole page's HTML alive until the crawl ends.
 */
export const detach = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

const textOf = (el: HTMLElement) => el.textContent.replace(/\s+/g, ' ').trim();

/** The links of a page (href + anchor text; images and stylesheets too) and its main text. */
export function pageLinksAndText(html: string): { links: { href: string; anchor: string }[]; text: string } {
  const root = htmlParser().parse(html, {
    blockTextElements: { script: false, style: false, noscript: false },
  });
  const links: { href: string; anchor: string }[] = [];
  for (const a of root.querySelectorAll('a[href]')) {
    const anchor = textOf(a) || a.getAttribute('title') || a.querySelector('img')?.getAttribute('alt') || '';
    links.push({ href: a.getAttribute('href') ?? '', anchor: detach(clip(anchor, 60)) });
  }
  for (const img of root.querySelectorAll('img[src]'))
    links.push({
      href: img.getAttribute('src') ?? '',
      anchor: detach(clip(`图片：${img.getAttribute('alt') ?? ''}`, 60)),
    });
  for (const link of root.querySelectorAll('link[href]'))
    if ((link.getAttribute('rel') ?? '').includes('stylesheet'))
      links.push({ href: link.getAttribute('href') ?? '', anchor: '样式表' });
  const main = root.querySelector('main') ?? root.querySelector('body') ?? root;
  return { links, text: main.structuredText };
}

/** Crawls the portal from its home page. */
export async function crawlPortal(fetcher: PageFetcher, opts: CrawlOptions): Promise<CrawlResult> {
  const home = opts.base ? `${opts.base}/` : '/';
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const maxWording = opts.maxWordingHits ?? 500;
  const maxDead = opts.maxDeadLinks ?? 2000;
  const visited = new Set<number>();
  const queue: QueueEntry[] = [{ url: home, scope: 'page', from: '', anchor: '首页' }];
  let head = 0;
  visited.add(hash53(home));
  const dead = new Map<number, DeadLink>();
  const done = new Set<number>();
  const pending = new Map<number, Pick<DeadLink, 'alsoOn' | 'references' | 'foundOn'>>();
  const errors = new Map<number, DeadLink>();
  let deadTotal = 0;
  const wordingByKey = new Map<string, PageWordingHit>();
  let fetched = 0;
  let htmlPages = 0;
  let linksChecked = 0;
  let truncated = false;
  let homeStatus = 0;

  const enqueue = (href: string, pageUrl: string, anchor: string) => {
    const n = normalizeLink(href, pageUrl, opts);
    if (!n) return;
    linksChecked++;
    const h = hash53(n.url);
    if (visited.has(h)) {
      // A further page carrying a known link: remember it on the dead link's record, or — while the
      // target is still queued — aside until it is fetched (entries only for queued URLs: bounded).
      let known: Pick<DeadLink, 'alsoOn' | 'references' | 'foundOn'> | undefined =
        dead.get(h) ?? errors.get(h);
      if (!known && !done.has(h)) {
        known = pending.get(h);
        if (!known) pending.set(h, (known = { alsoOn: [], references: 0, foundOn: '' }));
      }
      if (known && known.foundOn !== pageUrl) {
        known.references++;
        if (known.alsoOn.length < 5 && !known.alsoOn.includes(pageUrl)) known.alsoOn.push(pageUrl);
      }
      return;
    }
    if (visited.size >= opts.maxPages) {
      truncated = true;
      return;
    }
    visited.add(h);
    queue.push({ url: n.url, scope: n.scope, from: pageUrl, anchor });
  };

  const visit = async (e: QueueEntry) => {
    let page: FetchedPage;
    try {
      page = await fetcher(e.url);
    } catch {
      page = { status: 599, contentType: '', body: '', location: null };
    }
    fetched++;
    const h = hash53(e.url);
    done.add(h);
    const extra = pending.get(h);
    pending.delete(h);
    if (e.url === home) homeStatus = page.status;
    if (page.status >= 300 && page.status < 400 && page.location) {
      enqueue(page.location, e.url, e.anchor);
      return;
    }
    // 429: the portal's rate limit (search) answered, not a dead page; nothing to follow either.
    if (page.status === 429) return;
    if (page.status >= 400) {
      const record: DeadLink = {
        url: e.url,
        status: page.status,
        foundOn: e.from,
        anchor: e.anchor,
        alsoOn: (extra?.alsoOn ?? []).filter((u) => u !== e.from),
        references: 1 + (extra?.references ?? 0),
      };
      if (page.status >= 500) errors.set(h, record);
      else {
        deadTotal++;
        if (dead.size < maxDead) dead.set(h, record);
      }
      return;
    }
    if (e.scope !== 'page' || !/html/i.test(page.contentType)) return;
    htmlPages++;
    const { links, text } = pageLinksAndText(page.body);
    for (const l of links) enqueue(l.href, e.url, l.anchor);
    if (wordingByKey.size >= maxWording) return;
    for (const hit of scanWording(text, 50)) {
      const key = `${hit.found}\u0000${hit.excerpt}`;
      const known = wordingByKey.get(key);
      if (known) known.pages++;
      else if (wordingByKey.size < maxWording)
        wordingByKey.set(detach(key), {
          ...hit,
          found: detach(hit.found),
          excerpt: detach(hit.excerpt),
          url: e.url,
          pages: 1,
        });
    }
  };

  const worker = async () => {
    for (;;) {
      if (head >= queue.length) return;
      const e = queue[head]!;
      // Release consumed entries now and then so the queue array does not hold the whole crawl.
      queue[head++] = undefined as unknown as QueueEntry;
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      await visit(e);
      // Let the event loop turn: in-process requests resolve as microtasks, so without this the server's
      // timers and I/O would wait for the whole crawl, and so would the setImmediate callbacks that
      // release each injected response (light-my-request) — memory would grow with every page.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  // The home page first (it decides 站点无法访问), then the pool.
  head = 1;
  await visit(queue[0]!);
  const homeOk = homeStatus >= 200 && homeStatus < 300;
  if (homeOk) {
    // Workers stop when the queue is momentarily empty while others still fetch: loop until all settle.
    for (;;) {
      if (head >= queue.length) break;
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
  }
  return {
    home: { status: homeStatus, ok: homeOk },
    pagesCrawled: fetched,
    htmlPages,
    linksChecked,
    truncated,
    dead: [...dead.values()],
    deadTotal,
    errors: [...errors.values()],
    wording: [...wordingByKey.values()],
  };
}
