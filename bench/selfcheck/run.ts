/**
 * Self-check crawl at scale (issue 19): a synthetic agency portal of ~100,000 pages served in-process by
 * a bare Fastify app (home → 100 columns × 50 list pages → 95,000 item pages, each page with a nav bar,
 * a stylesheet, a shared /prefs link and ~3 KB of text; one item in 997 links to a page that does not
 * exist, one in 5,000 carries an outdated agency name), crawled through `inject` by the real
 * `crawlPortal` (link parsing with node-html-parser, URL normalization, hashed visited set, wording scan).
 * Measures pages/s, peak RSS and heap, and the live heap after full collections, and checks that every planted dead
 * link and wording error was found with the page it is on.
 *
 *   node --import tsx bench/selfcheck/run.ts [--columns 100] [--lists 50] [--per 19] [--concurrency 4]
 *
 * Prints a Markdown row and writes bench/selfcheck/results-<pages>.json.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { crawlPortal } from '../../server/modules/selfcheck/selfcheck.crawl.js';
import { injectFetcher } from '../../server/modules/selfcheck/selfcheck.fetch.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const COLUMNS = arg('columns', 100);
const LISTS = arg('lists', 50);
const PER = arg('per', 19);
const CONCURRENCY = arg('concurrency', 4);
const ITEMS = COLUMNS * LISTS * PER;
const BASE = '/a/bench';

const PARAGRAPH =
  '市应急管理局深入贯彻落实安全生产责任制，部署开展危险化学品、非煤矿山、建筑施工等重点行业领域安全隐患排查整治，' +
  '督促企业落实主体责任，强化执法检查和应急值守，切实防范遏制各类生产安全事故发生，保障人民群众生命财产安全。';

const nav = () =>
  `<nav><a href="${BASE}/">首页</a>${Array.from({ length: 10 }, (_, c) => `<a href="${BASE}/columns/c${c}">栏目${c}</a>`).join('')}` +
  `<a href="/prefs?large=1&back=${encodeURIComponent(BASE)}">大字体</a></nav>`;
const page = (title: string, main: string) =>
  `<!doctype html><html lang="zh-CN"><head><title>${title}</title><link rel="stylesheet" href="/static/portal.css?v=7"></head>` +
  `<body>${nav()}<main><h1>${title}</h1>${main}</main><footer>示例市应急管理局 主办</footer></body></html>`;

/** Item i's column and list page (items are numbered 0 … ITEMS-1, PER per list page). */
const listOf = (i: number) => Math.floor(i / PER);

function itemPage(i: number): string {
  const list = listOf(i);
  const col = Math.floor(list / LISTS);
  const related = [(i + 1) % ITEMS, (i + 7919) % ITEMS].map(
    (r) => `<a href="${BASE}/items/${r}">相关信息${r}</a>`,
  );
  if (i % 997 === 0) related.push(`<a href="${BASE}/items/missing-${i}">已删除的附件${i}</a>`);
  const prefix = i % 5000 === 0 ? '请各单位向市安监局报送材料。' : '';
  return page(
    `信息${i}`,
    `<p>${prefix}${PARAGRAPH.repeat(4)}</p><p>栏目：<a href="${BASE}/columns/c${col}?page=${(list % LISTS) + 1}">返回列表</a></p>${related.join('')}`,
  );
}

function listPage(col: number, n: number): string {
  const list = col * LISTS + (n - 1);
  const items = Array.from({ length: PER }, (_, k) => list * PER + k).map(
    (i) => `<li><a href="${BASE}/items/${i}">信息${i}</a> <span>2026-12-0${(i % 6) + 1}</span></li>`,
  );
  const pager = [
    n > 1 ? `<a href="${BASE}/columns/c${col}?page=${n - 1}">上一页</a>` : '',
    n < LISTS ? `<a href="${BASE}/columns/c${col}?page=${n + 1}&_=${Date.now() % 7}">下一页</a>` : '',
  ];
  return page(`栏目${col}`, `<ul>${items.join('')}</ul>${pager.join(' ')}`);
}

async function main() {
  const app = Fastify({ logger: false });
  const html = 'text/html; charset=utf-8';
  app.get(`${BASE}/`, async (_req, reply) =>
    reply
      .type(html)
      .send(
        page(
          '首页',
          Array.from({ length: COLUMNS }, (_, c) => `<a href="${BASE}/columns/c${c}">栏目${c}</a>`).join(''),
        ),
      ),
  );
  app.get(`${BASE}/columns/:col`, async (req, reply) => {
    const col = Number((req.params as { col: string }).col.slice(1));
    const n = Number((req.query as { page?: string }).page ?? 1);
    if (!(col >= 0 && col < COLUMNS && n >= 1 && n <= LISTS))
      return reply.code(404).type(html).send(page('未找到', ''));
    return reply.type(html).send(listPage(col, n));
  });
  app.get(`${BASE}/items/:id`, async (req, reply) => {
    const i = Number((req.params as { id: string }).id);
    if (!(Number.isInteger(i) && i >= 0 && i < ITEMS))
      return reply.code(404).type(html).send(page('未找到', ''));
    return reply.type(html).send(itemPage(i));
  });
  app.get('/static/portal.css', async (_req, reply) => reply.type('text/css').send('body{}'));
  app.get('/prefs', async (_req, reply) => reply.redirect(`${BASE}/`, 303));
  await app.ready();

  const expectedPages = 1 + COLUMNS * LISTS + ITEMS;
  const plantedDead = Math.floor((ITEMS - 1) / 997) + 1;
  const plantedWording = Math.floor((ITEMS - 1) / 5000) + 1;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  global.gc?.();
  sample();
  const startRss = process.memoryUsage().rss;
  // Sampled from inside the fetcher (timers may starve while in-process requests chain as microtasks):
  // memory every 500 fetches; with --expose-gc, the heap still in use after a full collection every
  // 5,000 fetches — what the crawl retains, as opposed to garbage a lazy collector has not reclaimed yet.
  let peakLive = 0;
  let calls = 0;
  const inner = injectFetcher(app);
  const fetcher: typeof inner = (p) => {
    calls++;
    if (calls % 500 === 0) sample();
    if (calls % 5000 === 0 && global.gc) {
      global.gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
    return inner(p);
  };
  const load0 = os.loadavg();
  const t0 = performance.now();
  const r = await crawlPortal(fetcher, {
    base: BASE,
    maxPages: expectedPages + 1000,
    concurrency: CONCURRENCY,
  });
  const seconds = (performance.now() - t0) / 1000;
  sample();
  const load1 = os.loadavg();
  await app.close();

  const deadFoundWithPlace = r.dead.filter(
    (d) => /\/items\/missing-\d+$/.test(d.url) && /\/items\/\d+$/.test(d.foundOn),
  );
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.cpus().length,
    pages: expectedPages,
    fetched: r.pagesCrawled,
    htmlPages: r.htmlPages,
    linksChecked: r.linksChecked,
    truncated: r.truncated,
    seconds: Math.round(seconds * 10) / 10,
    pagesPerSecond: Math.round(r.pagesCrawled / seconds),
    startRssMB: Math.round(startRss / 2 ** 20),
    peakRssMB: Math.round(peakRss / 2 ** 20),
    peakHeapMB: Math.round(peakHeap / 2 ** 20),
    peakLiveHeapMB: global.gc ? Math.round(peakLive / 2 ** 20) : null,
    deadPlanted: plantedDead,
    deadFound: r.deadTotal,
    deadFoundWithPlace: deadFoundWithPlace.length,
    wordingPlanted: plantedWording,
    wordingFound: r.wording.filter((w) => w.found === '安监局').reduce((n, w) => n + w.pages, 0),
    loadAvgBefore: load0.map((x) => x.toFixed(2)).join(' / '),
    loadAvgAfter: load1.map((x) => x.toFixed(2)).join(' / '),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `| ${result.pages.toLocaleString('en')} | ${result.fetched.toLocaleString('en')} | ${result.seconds} s | ${result.pagesPerSecond} | ${result.peakRssMB} MB | ${result.peakHeapMB} MB | ${result.peakLiveHeapMB ?? '–'} MB | ${result.deadFoundWithPlace}/${result.deadPlanted} | ${result.wordingFound}/${result.wordingPlanted} | ${result.loadAvgBefore} → ${result.loadAvgAfter} |`,
  );
  writeFileSync(
    path.join(import.meta.dirname, `results-${expectedPages}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  if (r.truncated || deadFoundWithPlace.length !== plantedDead || result.wordingFound !== plantedWording)
    process.exitCode = 1;
}

await main();
