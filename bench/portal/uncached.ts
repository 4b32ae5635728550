/**
 * Issue 14 item 8: every portal page kind rendered UNCACHED on a generated SQLite dataset, in process
 * (the real app through `app.inject`, the rendered-page cache cleared before every request, so each
 * request costs its queries and its render; agency and content-version lookups stay in memory as on a
 * live server). Target: p99 ≤ 20 ms at 1M items/decisions.
 *
 *   nice node --import tsx bench/portal/uncached.ts [--items 100000] [--runs 60]
 *
 * Prints a Markdown table (with the load average before and after) and writes the numbers to
 * bench/portal/results/uncached-<items>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { buildContainer } from '../../server/container.js';
import { buildApp } from '../../server/http/app.js';
import { dataset } from '../lib/datasets.js';
import { SEED } from '../lib/growth-bench.js';
import { fmt, markdownTable } from '../lib/stats.js';
import { specOf } from '../generate/spec.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const items = arg('items', 100_000);
const runs = arg('runs', 60);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main() {
  const workDir = path.join(ROOT, '.bench-data', 'portal-uncached');
  mkdirSync(workDir, { recursive: true });
  const env = { size: 'full' as const, workDir, log: (l: string) => console.error(l) };
  const spec = specOf(SEED, items, Math.round(items / 10), items);
  const ds = await dataset(env, 'sqlite', spec);
  const database = ds.db.open();
  const config = loadConfig({
    DATA_DIR: path.join(workDir, 'data'),
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1',
    LOG_LEVEL: 'silent',
    DATABASE_URL: ds.db.url,
    NODE_ENV: 'production',
    ROLE: 'web',
  });
  const container = await buildContainer(config, { database, migrate: false });
  const app = await buildApp(container, { logger: false });
  await app.ready();
  const db = container.ctx.db;
  const main = await db.selectFrom('orgs').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow();
  const item = await db
    .selectFrom('catalog_items')
    .select('id')
    .where('org_id', '=', main.id)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const decision = await db
    .selectFrom('enforcement_decisions')
    .select(['id', 'counterparty_name'])
    .where('org_id', '=', main.id)
    .where('pub_state', '=', 'published')
    .orderBy('decision_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  const nameWord = encodeURIComponent((decision?.counterparty_name ?? '化工').slice(0, 2));
  const pages: [string, string][] = [
    ['home', '/'],
    ['双公示 list', '/shuanggongshi'],
    ['双公示 by kind', '/shuanggongshi?kind=penalty'],
    ['双公示 by year', '/shuanggongshi?year=2025'],
    ['双公示 by name', `/shuanggongshi?name=${nameWord}`],
    ['双公示 last page (50)', '/shuanggongshi?page=50'],
    ['双公示 decision', `/shuanggongshi/${decision?.id ?? 'none'}`],
    ['事故调查报告 list', '/shigu'],
    ['挂牌督办 list', '/guapai'],
    ['column list', '/columns/gzdt'],
    ['column list page 50', '/columns/gzdt?page=50'],
    ['item page', `/items/${item?.id ?? 'none'}`],
    ['catalog', '/catalog'],
    ['catalog by year', '/catalog?year=2025'],
    ['search 安全', `/search?q=${encodeURIComponent('安全')}`],
    ['search 安全 生产', `/search?q=${encodeURIComponent('安全 生产')}`],
    ['search 液氨制冷 page 3', `/search?q=${encodeURIComponent('液氨制冷')}&page=3`],
    ['guide', '/guide'],
    ['reports', '/reports'],
    ['hudong', '/hudong'],
    ['hudong letters', '/hudong/letters'],
    ['hudong consultations', '/hudong/consultations'],
    ['hudong stats', '/hudong/stats'],
    ['events 发布', '/fabu'],
    ['proposals 建议', '/jianyi'],
    ['qiye', '/qiye'],
    ['qiye 失信', '/qiye/shixin'],
    ['qiye 抽查', '/qiye/choucha'],
    ['yujing', '/yujing'],
    ['tongji', '/tongji'],
    ['apply form', '/apply'],
    ['track form', '/track'],
    ['sitemap (HTML)', '/map'],
    ['contact', '/contact'],
  ];
  const loadBefore = load();
  const rows: {
    cpuP50: number;
    cpuP99: number;
    label: string;
    url: string;
    status: number;
    bytes: number;
    p50: number;
    p99: number;
    max: number;
    n: number;
  }[] = [];
  let visitor = 0;
  const get = (url: string) =>
    app.inject({
      method: 'GET',
      url,
      // a new visitor each time: the per-visitor search limit must not answer 429 instead of the page
      remoteAddress: `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor++ & 255}`,
    });
  for (const [label, url] of pages) {
    for (let i = 0; i < 3; i++) {
      app.portalPages.clear();
      await get(url);
    }
    const times: number[] = [];
    const cpus: number[] = [];
    let status = 0;
    let bytes = 0;
    const budget = performance.now() + 6_000;
    for (let i = 0; i < runs && performance.now() < budget; i++) {
      app.portalPages.clear();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await get(url);
      const c1 = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpus.push((c1.user + c1.system) / 1000);
      status = res.statusCode;
      bytes = res.rawPayload.length;
    }
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    rows.push({
      cpuP50: quantile(cpus, 0.5),
      cpuP99: quantile(cpus, 0.99),
      label,
      url,
      status,
      bytes,
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      max: times[times.length - 1]!,
      n: times.length,
    });
    console.error(
      `${label}: p50 ${fmt(quantile(times, 0.5))} ms p99 ${fmt(quantile(times, 0.99))} ms (${status})`,
    );
  }
  const loadAfter = load();
  await app.close();
  await container.close();
  const table = markdownTable(
    [
      'page kind',
      'URL',
      'status',
      'bytes',
      'runs',
      'wall p50 / p99 ms',
      'CPU p50 / p99 ms',
      '≤ 20 ms p99 (wall / CPU)',
    ],
    rows.map((r) => [
      r.label,
      `\`${decodeURIComponent(r.url).replace(/\|/g, '\\|')}\``,
      r.status,
      r.bytes,
      r.n,
      `${fmt(r.p50)} / ${fmt(r.p99)}`,
      `${fmt(r.cpuP50)} / ${fmt(r.cpuP99)}`,
      `${r.p99 <= 20 ? 'yes' : '**no**'} / ${r.cpuP99 <= 20 ? 'yes' : '**no**'}`,
    ]),
  );
  const note = `${items.toLocaleString('en-US')} items / ${spec.cases.toLocaleString('en-US')} cases / ${spec.decisions.toLocaleString('en-US')} decisions (SQLite, seed ${SEED}), page cache cleared before each request, in process (app.inject); CPU = this process's user+system time during the request (what the page costs, whatever the machine's load). Load average before ${loadBefore}, after ${loadAfter}.`;
  console.log(`${table}\n\n${note}`);
  const out = path.join(ROOT, 'bench/portal/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, `uncached-${items}.json`),
    JSON.stringify({ spec, runs, loadBefore, loadAfter, at: new Date().toISOString(), rows }, null, 2),
  );
}

await main();
