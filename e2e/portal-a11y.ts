/**
 * Every portal page type of every module, in every display mode the portal has (标准, 大字体/长者模式,
 * 高对比度, both), with the pages' scripts blocked: axe-core (WCAG 2.1 A/AA) finds no violation and
 * nothing scrolls sideways at 320 px (WCAG 1.4.10 reflow); the standard mode is also checked at 1366 px.
 *
 * The page types are discovered, not listed: the XML sitemap (every public page kind registers there),
 * every link on those pages, the 404 page and the failed-form pages. One URL stands for each path pattern
 * (ids, codes and column slugs folded), so a new module's pages are checked as soon as they are linked.
 * Screenshots go to $PORTAL_A11Y_SHOTS when set.
 *
 * One test file per display mode (portal-a11y-<mode>.test.ts), so the four ~90-second passes run on as
 * many test workers as the machine has instead of one after another.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

const SHOTS = process.env.PORTAL_A11Y_SHOTS;

/** The display modes of the portal: the `gk_view` cookie the /prefs links set. */
export const MODES = [
  { name: 'standard', cookie: '' },
  { name: 'large', cookie: 'large' },
  { name: 'contrast', cookie: 'contrast' },
  { name: 'large-contrast', cookie: 'large,contrast' },
] as const satisfies readonly { name: string; cookie: string }[];

export type ModeName = (typeof MODES)[number]['name'];

/** Not pages: feeds, downloads, assets, the display-mode switch and the console. */
const NOT_A_PAGE = /\.(xml|csv|json|css|js|svg|png|docx|xlsx|pdf|zip)$|^\/(static|prefs|captcha|api|admin)\b/;

/**
 * The path pattern a URL stands for: the agency prefix dropped, and any segment that is an id, a code,
 * a year or a column slug folded to ':x'.
 */
export function pagePattern(pathname: string): string {
  const segs = pathname.replace(/^\/a\/[^/]+/, '').split('/');
  return segs
    .map((s, i) =>
      /\d/.test(s) || s.length >= 16 || ['columns', 'tongji'].includes(segs[i - 1] ?? '') ? ':x' : s,
    )
    .join('/');
}

/** One URL per page pattern: the sitemap's pages and everything they link to on the same site. */
async function discoverPages(base: string): Promise<Map<string, string>> {
  const xml = await (await fetch(`${base}/sitemap.xml`)).text();
  const seeds = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const found = new Map<string, string>();
  const add = (href: string) => {
    const url = new URL(href.replace(/&amp;/g, '&'), base);
    if (url.origin !== new URL(base).origin || NOT_A_PAGE.test(url.pathname)) return false;
    const key = pagePattern(url.pathname);
    if (found.has(key)) return false;
    found.set(key, url.pathname);
    return true;
  };
  for (const s of ['/', '/sitemap', ...seeds]) add(s);
  // Three rounds: list pages lead to detail pages, detail pages to their sub-pages; the last round only
  // learns which of the new URLs are HTML pages (downloads and feeds are dropped).
  const html = new Set<string>();
  const fetched = new Set<string>();
  for (let round = 0; round < 3; round++)
    for (const [key, p] of [...found]) {
      if (fetched.has(key)) continue;
      fetched.add(key);
      const res = await fetch(`${base}${p}`);
      if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
      html.add(key);
      const body = await res.text();
      if (round < 2) for (const m of body.matchAll(/href="([^"#]+)"/g)) add(m[1]!);
    }
  return new Map([...found].filter(([key]) => html.has(key)));
}

async function check(page: Page, label: string, width: number, problems: string[]): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of axe.violations)
    problems.push(`${label}@${width}: axe ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${label}@${width}: scrolls sideways by ${overflow}px`);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({
      path: path.join(SHOTS, `${label.replace(/[/:]+/g, '_')}-${width}.png`),
      fullPage: true,
    });
  }
}

/**
 * A browser context in one display mode where the pages' own scripts never load (every script request is
 * refused), so each page is checked as a visitor without JavaScript sees it. axe-core itself is injected
 * through the DevTools protocol; a context created with `javaScriptEnabled: false` would block it too.
 */
async function modeContext(
  browser: Browser,
  url: string,
  cookie: string,
  width: number,
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  await context.route('**/*', (route) =>
    route.request().resourceType() === 'script' ? route.abort() : route.continue(),
  );
  if (cookie) await context.addCookies([{ name: 'gk_view', value: cookie, url }]);
  return context;
}

/** The suite for one display mode; the standard mode's file also checks that every module's pages were found. */
export function describePortalA11y(modeName: ModeName): void {
  const mode = MODES.find((m) => m.name === modeName)!;
  describe(`every portal page type passes axe-core and reflows at 320 px: ${mode.name} mode`, () => {
    let server: RunningServer;
    let browser: Browser;
    let pages: Map<string, string>;
    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      pages = await discoverPages(server.url);
      // 邮件订阅 directly, and the pages behind its signed links (a real pending subscription's links)
      const { subscribe, confirmLink, unsubscribeLink } =
        await import('../server/modules/notify/notify.subscriptions.js');
      const ctx = server.container.ctx;
      const env = { secret: server.container.config.sessionSecret, baseUrl: server.url };
      const org = await ctx.db
        .selectFrom('orgs')
        .select('id')
        .where('is_default', '=', 1)
        .executeTakeFirstOrThrow();
      await subscribe(ctx, env, { orgId: org.id, email: 'a11y@example.com', words: '安全生产' });
      const sub = await ctx.db.selectFrom('notify_subscriptions').select('id').executeTakeFirstOrThrow();
      pages.set('/dingyue', '/dingyue');
      pages.set('/subscriptions/confirm/:x', new URL(confirmLink(env, sub.id)).pathname);
      pages.set('/subscriptions/unsubscribe/:x', new URL(unsubscribeLink(env, sub.id)).pathname);
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    if (mode.name === 'standard')
      it('discovers the page types of every module', () => {
        const kinds = [...pages.keys()];
        console.log(`${kinds.length} page types: ${kinds.join(' ')}`);
        // One page of each module that has a portal (a new module's pages join by being linked).
        for (const expected of [
          '/',
          '/sitemap',
          '/catalog',
          '/columns/:x',
          '/items/:x',
          '/guide',
          '/search',
          '/apply',
          '/track',
          '/reports',
          '/reports/:x',
          '/shuanggongshi',
          '/shuanggongshi/:x',
          '/shigu',
          '/guapai',
          '/hudong',
          '/hudong/letters/:x',
          '/fabu',
          '/jianyi',
          '/qiye',
          '/tongji',
          '/yujing',
        ])
          expect(kinds).toContain(expected);
      });

    it(`${mode.name}: axe-core clean and no sideways scroll at 320 px${mode.cookie ? '' : ' and 1366 px'}`, async () => {
      const problems: string[] = [];
      for (const width of mode.cookie ? [320] : [320, 1366]) {
        const context = await modeContext(browser, server.url, mode.cookie, width);
        const page = await context.newPage();
        for (const [kind, url] of pages) {
          const res = await page.goto(`${server.url}${url}`);
          if (res?.status() !== 200) problems.push(`${kind}: HTTP ${res?.status()} at ${url}`);
          await check(page, `${mode.name}${kind}`, width, problems);
        }
        // The 404 page (in the agency layout) and the forms as they come back with errors.
        expect((await page.goto(`${server.url}/no-such-page`))?.status()).toBe(404);
        await check(page, `${mode.name}/404`, width, problems);
        for (const [form, submit] of [
          ['/apply', '提交申请'],
          ['/hudong/write', '提交'],
          ['/dingyue', '订阅'],
        ] as const) {
          await page.goto(`${server.url}${form}`);
          // Past the browser's own checks of `required`, so the server answers with its error summary.
          await page.evaluate(() => document.querySelectorAll('form').forEach((f) => (f.noValidate = true)));
          await page.getByRole('button', { name: submit, exact: true }).first().click();
          await page.waitForLoadState('load');
          await check(page, `${mode.name}${form}-errors`, width, problems);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 900_000);
  });
}
