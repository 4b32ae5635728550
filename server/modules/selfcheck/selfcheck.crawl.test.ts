import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crawlPortal, normalizeLink, type FetchedPage, type PageFetcher } from './selfcheck.crawl.js';

const opts = { base: '/a/x' };

const html = (body: string, nav = '') =>
  `<!doctype html><html><body><nav><a href="/a/x/">首页</a>${nav}</nav><main>${body}</main></body></html>`;

/** A fetcher over a map of path → page (anything else 404). */
function site(pages: Record<string, string | Partial<FetchedPage>>): PageFetcher & { calls: string[] } {
  const calls: string[] = [];
  const f = async (path: string): Promise<FetchedPage> => {
    calls.push(path);
    const p = pages[path];
    if (p === undefined) return { status: 404, contentType: 'text/html', body: 'not found', location: null };
    if (typeof p === 'string')
      return { status: 200, contentType: 'text/html; charset=utf-8', body: p, location: null };
    return { status: 200, contentType: 'text/html', body: '', location: null, ...p };
  };
  return Object.assign(f, { calls });
}

describe('normalizeLink', () => {
  it('keeps the agency pages, checks shared ones, drops external, mail and fragments', () => {
    expect(normalizeLink('/a/x/columns/gzdt', '/a/x/', opts)).toEqual({
      url: '/a/x/columns/gzdt',
      scope: 'page',
    });
    expect(normalizeLink('items/1', '/a/x/columns/', opts)).toEqual({
      url: '/a/x/columns/items/1',
      scope: 'page',
    });
    expect(normalizeLink('/a/x', '/a/x/', opts)).toEqual({ url: '/a/x/', scope: 'page' });
    expect(normalizeLink('/static/portal.css?v=3', '/a/x/', opts)).toEqual({
      url: '/static/portal.css',
      scope: 'file',
    });
    expect(normalizeLink('/prefs?large=1&back=%2Fa%2Fx%2F', '/a/x/', opts)).toEqual({
      url: '/prefs?large=1',
      scope: 'file',
    });
    expect(normalizeLink('/a/y/', '/a/x/', opts)).toEqual({ url: '/a/y/', scope: 'file' });
    expect(normalizeLink('/a/x/files/a.pdf', '/a/x/', opts)?.scope).toBe('file');
    for (const href of [
      'https://www.gov.cn/',
      'mailto:a@b.cn',
      'tel:12345',
      'javascript:void(0)',
      '#main',
      '',
      '/api/x',
    ])
      expect(normalizeLink(href, '/a/x/', opts)).toBeNull();
    expect(
      normalizeLink('https://yjj.example.gov.cn/a/x/columns/a', '/a/x/', {
        ...opts,
        ownHosts: ['yjj.example.gov.cn'],
      }),
    ).toEqual({ url: '/a/x/columns/a', scope: 'page' });
  });

  it('normalizes queries: cache busting dropped, parameters sorted, fragment dropped', () => {
    expect(normalizeLink('/a/x/search?q=安全&page=2&_=123#top', '/a/x/', opts)?.url).toBe(
      `/a/x/search?page=2&q=${encodeURIComponent('安全')}`,
    );
    expect(normalizeLink('/a/x/search?page=2&q=%E5%AE%89%E5%85%A8', '/a/x/', opts)?.url).toBe(
      normalizeLink('/a/x/search?q=安全&page=2&v=9', '/a/x/', opts)?.url,
    );
  });

  it('property: never throws on any href', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ maxLength: 20 }),
        (href, page) => {
          const r = normalizeLink(href, `/a/x/${page}`, opts);
          if (r) expect(r.url.startsWith('/')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('crawlPortal', () => {
  it('records dead links with the page they are on and their anchor text, error pages, and files', async () => {
    const f = site({
      '/a/x/': html(
        '<a href="/a/x/columns/a">栏目A</a><a href="/a/x/items/gone">已删除的方案</a><img src="/static/logo.png" alt="标志">',
      ),
      '/a/x/columns/a': html(
        '<a href="/a/x/items/1">信息一</a><a href="/a/x/items/gone">方案</a><a href="/a/x/boom">出错页</a>',
      ),
      '/a/x/items/1': html('<p>正文</p>'),
      '/a/x/boom': { status: 500, body: '' },
      '/static/logo.png': { contentType: 'image/png' },
    });
    const r = await crawlPortal(f, { ...opts, maxPages: 100 });
    expect(r.home).toEqual({ status: 200, ok: true });
    expect(r.dead).toEqual([
      {
        url: '/a/x/items/gone',
        status: 404,
        foundOn: '/a/x/',
        anchor: '已删除的方案',
        alsoOn: ['/a/x/columns/a'],
        references: 2,
      },
    ]);
    expect(r.errors.map((e) => [e.url, e.status, e.foundOn, e.anchor])).toEqual([
      ['/a/x/boom', 500, '/a/x/columns/a', '出错页'],
    ]);
    expect(r.pagesCrawled).toBe(6);
    expect(r.htmlPages).toBe(3);
    expect(r.truncated).toBe(false);
    // every URL fetched once
    expect(new Set(f.calls).size).toBe(f.calls.length);
  });

  it('stops at the page cap (truncated) and never fetches more than the cap', async () => {
    const f: PageFetcher = async (path) => {
      const n = Number(/\/p\/(\d+)/.exec(path)?.[1] ?? 0);
      return {
        status: 200,
        contentType: 'text/html',
        body: html(`<a href="/a/x/p/${n * 2 + 1}">左</a><a href="/a/x/p/${n * 2 + 2}?v=${n}">右</a>`),
        location: null,
      };
    };
    const r = await crawlPortal(f, { ...opts, maxPages: 50, concurrency: 3 });
    expect(r.pagesCrawled).toBe(50);
    expect(r.truncated).toBe(true);
    expect(r.dead).toEqual([]);
  });

  it('a home page that does not answer 2xx stops the crawl (站点无法访问)', async () => {
    const r = await crawlPortal(site({}), { ...opts, maxPages: 10 });
    expect(r.home).toEqual({ status: 404, ok: false });
    expect(r.pagesCrawled).toBe(1);
    const thrown = await crawlPortal(async () => Promise.reject(new Error('ECONNREFUSED')), {
      ...opts,
      maxPages: 10,
    });
    expect(thrown.home).toEqual({ status: 599, ok: false });
  });

  it('follows redirects to their target; a rate-limited answer (429) is not a dead link', async () => {
    const f = site({
      '/a/x/': html('<a href="/a/x/old">旧地址</a><a href="/a/x/search?q=1">搜索</a>'),
      '/a/x/old': { status: 301, location: '/a/x/new' },
      '/a/x/new': html('<p>新页面</p>'),
      '/a/x/search?q=1': { status: 429 },
    });
    const r = await crawlPortal(f, { ...opts, maxPages: 10 });
    expect(f.calls).toContain('/a/x/new');
    expect(r.dead).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it('scans the main text of each page for wording errors, once per distinct excerpt', async () => {
    const f = site({
      '/a/x/': html('<p>请向安监局报告。</p>', '<a href="/a/x/b">b</a>'),
      '/a/x/b': html('<p>请向安监局报告。</p><script>var s="布署";</script>'),
    });
    const r = await crawlPortal(f, { ...opts, maxPages: 10 });
    expect(r.wording.map((w) => [w.found, w.url, w.pages])).toEqual([['安监局', '/a/x/', 2]]);
  });
});
