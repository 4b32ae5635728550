/**
 * Issue 14 items 10 and 11: search pages of the real server (production mode, one process, default
 * PAGE_CACHE_MB) against Debian's nginx serving a static copy of the same bytes, measured separately
 * for CACHED pages (the same URL again and again) and for UNCACHED ones (random query/page pairs, so
 * nearly every request renders), with the server's RSS sampled every 100 ms throughout.
 *
 *   nice node --import tsx bench/portal/search-vs-nginx.ts [--items 100000] [--seconds 10]
 *
 * Needs `wrk` and `nginx` (Debian packages). Prints Markdown and writes
 * bench/portal/results/search-vs-nginx-<items>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { dataset } from '../lib/datasets.js';
import { SEED } from '../lib/growth-bench.js';
import { rssMb, startGongkai, startNginx } from '../lib/processes.js';
import { fmt, markdownTable } from '../lib/stats.js';
import { runWrkAsync, wrkScript, type WrkResult } from '../lib/wrk.js';
import { specOf } from '../generate/spec.js';
import { sampleRss } from './portal.bench.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const items = arg('items', 100_000);
const seconds = arg('seconds', 10);
const connections = 50;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

async function main() {
  const workDir = path.join(ROOT, '.bench-data', 'portal-search');
  mkdirSync(workDir, { recursive: true });
  const env = { size: 'full' as const, workDir, log: (l: string) => console.error(l) };
  const spec = specOf(SEED, items, Math.round(items / 10), items);
  const ds = await dataset(env, 'sqlite', spec);
  const e = encodeURIComponent;
  const pages = [
    `/search?q=${e('安全')}`,
    `/search?q=${e('安全 生产')}`,
    `/search?q=${e('液氨制冷')}`,
    `/search?q=${e('消防')}&page=2`,
    `/search?q=${e('防汛')}&year=2025`,
    `/search?q=${e('安全')}&order=relevance`,
  ];
  const words = [
    '安全',
    '消防',
    '防汛',
    '执法',
    '检查',
    '预案',
    '培训',
    '企业',
    '液氨',
    '危险化学品',
    '应急',
    '演练',
  ];
  const randomPaths: string[] = [];
  for (const w of words) for (let p = 1; p <= 50; p++) randomPaths.push(`/search?q=${e(w)}&page=${p}`);

  const server = await startGongkai({
    port: 18340,
    databaseUrl: ds.db.url,
    dataDir: path.join(workDir, 'server-data'),
    env: { TRUST_PROXY: '1' },
    startTimeoutMs: 300_000,
  });
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idleMb = rssMb(server.pid);
    const staticRoot = path.join(workDir, 'static');
    const files: string[] = [];
    for (const [i, p] of pages.entries()) {
      const res = await fetch(server.url + p, { headers: { 'x-forwarded-for': `10.9.0.${i + 1}` } });
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
      const file = `search-${i}.html`;
      mkdirSync(staticRoot, { recursive: true });
      writeFileSync(path.join(staticRoot, file), Buffer.from(await res.arrayBuffer()));
      files.push(file);
    }
    nginx = await startNginx(staticRoot, 18341, path.join(workDir, 'nginx'));
    const visitors = path.join(workDir, 'visitors.lua');
    writeFileSync(visitors, wrkScript());
    const rows: { label: string; nginx: WrkResult; gongkai: WrkResult; peakMb: number; load: string }[] = [];
    for (const [i, p] of pages.entries()) {
      console.error(`cached ${decodeURIComponent(p)}`);
      const n = await runWrkAsync(`${nginx.url}/${files[i]}`, { seconds, connections, script: visitors });
      const g = await sampleRss(
        server.pid,
        runWrkAsync(server.url + p, { seconds, connections, script: visitors }),
      );
      rows.push({
        label: `cached ${decodeURIComponent(p)}`,
        nginx: n,
        gongkai: g.result,
        peakMb: g.peakMb,
        load: load(),
      });
    }
    // Uncached: random query/page pairs (600 distinct, most of them rendered on each visit once the
    // byte-bounded cache turns over), against nginx serving one of the same pages.
    const randomScript = path.join(workDir, 'random.lua');
    writeFileSync(randomScript, wrkScript(randomPaths));
    console.error('uncached random searches');
    const n = await runWrkAsync(`${nginx.url}/${files[0]}`, { seconds, connections, script: visitors });
    const g = await sampleRss(
      server.pid,
      runWrkAsync(server.url + '/', { seconds: seconds * 3, connections, script: randomScript }),
    );
    rows.push({
      label: `uncached: random searches (${randomPaths.length} query/page pairs)`,
      nginx: n,
      gongkai: g.result,
      peakMb: g.peakMb,
      load: load(),
    });
    const afterMb = rssMb(server.pid);
    const table = markdownTable(
      [
        'page',
        'nginx req/s',
        'nginx p50/p99 ms',
        'Gongkai req/s',
        'Gongkai p50/p99 ms',
        'non-2xx',
        'req/s vs nginx',
        'p99 vs nginx',
        'peak RSS MB',
        'load average',
      ],
      rows.map((r) => [
        r.label,
        fmt(r.nginx.requestsPerSecond, 0),
        `${fmt(r.nginx.p50Ms)} / ${fmt(r.nginx.p99Ms)}`,
        fmt(r.gongkai.requestsPerSecond, 0),
        `${fmt(r.gongkai.p50Ms)} / ${fmt(r.gongkai.p99Ms)}`,
        r.gongkai.non2xx,
        `${fmt((r.gongkai.requestsPerSecond / r.nginx.requestsPerSecond) * 100, 0)} %`,
        `${fmt(r.gongkai.p99Ms / r.nginx.p99Ms, 1)}×`,
        fmt(r.peakMb, 0),
        r.load,
      ]),
    );
    const note = `${items.toLocaleString('en-US')} items / ${spec.decisions.toLocaleString('en-US')} decisions (SQLite). wrk -t1 -c${connections} -d${seconds}s (uncached leg ${seconds * 3}s), random client addresses (TRUST_PROXY=1), nginx 1 worker serving the same bytes, Gongkai 1 process with the default PAGE_CACHE_MB. RSS idle ${fmt(idleMb, 0)} MB, after ${fmt(afterMb, 0)} MB, peak ${fmt(Math.max(...rows.map((r) => r.peakMb)), 0)} MB.`;
    console.log(`${table}\n\n${note}`);
    const out = path.join(ROOT, 'bench/portal/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, `search-vs-nginx-${items}.json`),
      JSON.stringify(
        { spec, seconds, connections, idleMb, afterMb, at: new Date().toISOString(), rows },
        null,
        2,
      ),
    );
  } finally {
    await nginx?.stop();
    await server.stop();
  }
}

await main();
