/**
 * Portal throughput: the real server (production mode) on the largest generated SQLite dataset, and
 * Debian's nginx serving the same rendered pages as static files, loaded by wrk one after the other in
 * the same run with the same connections and duration. Also the server's RSS at idle and under load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { growthSpecs } from '../lib/growth-bench.js';
import { dataset } from '../lib/datasets.js';
import { rssMb, startGongkai, startNginx, type RunningServer } from '../lib/processes.js';
import { fmt, markdownTable } from '../lib/stats.js';
import type { BenchEnv, BenchResult, Benchmark } from '../lib/suite.js';
import { runWrkAsync, wrkScript, type WrkResult } from '../lib/wrk.js';

export interface PagePlan {
  label: string;
  /** path on the Gongkai server */
  url: string;
  /** file (under the static root) holding the same bytes, and the path nginx serves it at */
  file: string;
  staticUrl: string;
}

/** Load under which RSS is sampled (every 100 ms) while `work` runs. */
export async function sampleRss<T>(pid: number, work: Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      // process gone
    }
  }, 100);
  try {
    const result = await work;
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Paths of published items (newest first) for item-page URLs. */
export async function publishedItemIds(env: BenchEnv, limit: number): Promise<string[]> {
  const specs = growthSpecs(env.size);
  const ds = await dataset(env, 'sqlite', specs[specs.length - 1]!);
  const database = ds.db.open();
  try {
    const rows = await database.db
      .selectFrom('catalog_items')
      .innerJoin('orgs', 'orgs.id', 'catalog_items.org_id')
      .select('catalog_items.id')
      .where('orgs.is_default', '=', 1)
      .where('catalog_items.status', '=', 'published')
      .orderBy('catalog_items.published_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  } finally {
    await database.close();
  }
}

export const portalBenchmark: Benchmark = {
  name: 'portal',
  title: 'Portal throughput: Gongkai vs nginx serving the same HTML',
  async run(env: BenchEnv): Promise<BenchResult> {
    const specs = growthSpecs(env.size);
    const spec = specs[specs.length - 1]!;
    const ds = await dataset(env, 'sqlite', spec);
    const [itemId] = await publishedItemIds(env, 1);
    const q = encodeURIComponent('安全 生产');
    const pages: PagePlan[] = [
      { label: 'home /', url: '/', file: 'index.html', staticUrl: '/' },
      {
        label: 'column list /columns/gzdt',
        url: '/columns/gzdt',
        file: 'columns/gzdt/index.html',
        staticUrl: '/columns/gzdt',
      },
      {
        label: 'item page /items/:id',
        url: `/items/${itemId}`,
        file: `items/${itemId}/index.html`,
        staticUrl: `/items/${itemId}`,
      },
      {
        label: 'search /search?q=安全 生产',
        url: `/search?q=${q}`,
        file: 'search/index.html',
        staticUrl: `/search?q=${q}`,
      },
    ];
    const seconds = env.size === 'quick' ? 5 : 15;
    const connections = 50;
    const staticRoot = path.join(env.workDir, 'portal-static');
    const script = path.join(env.workDir, 'visitors.lua');
    writeFileSync(script, wrkScript());

    let server: RunningServer | undefined;
    let nginx: RunningServer | undefined;
    try {
      server = await startGongkai({
        port: 18300,
        databaseUrl: ds.db.url,
        dataDir: path.join(env.workDir, 'server-data'),
        env: { TRUST_PROXY: '1' },
      });
      const idleMb = rssMb(server.pid);
      const sizes: Record<string, number> = {};
      for (const p of pages) {
        const res = await fetch(server.url + p.url);
        if (res.status !== 200) throw new Error(`${p.url} answered ${res.status}`);
        const body = Buffer.from(await res.arrayBuffer());
        sizes[p.label] = body.length;
        const file = path.join(staticRoot, p.file);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, body);
      }
      nginx = await startNginx(staticRoot, 18301, path.join(env.workDir, 'nginx'));
      const warmMb = rssMb(server.pid);
      const rows: {
        label: string;
        bytes: number;
        nginx: WrkResult;
        gongkai: WrkResult;
        ratio: number;
        peakRssMb: number;
      }[] = [];
      for (const p of pages) {
        env.log(`portal: ${p.label}`);
        const n = await runWrkAsync(nginx.url + p.staticUrl, { seconds, connections, script });
        const g = await sampleRss(
          server.pid,
          runWrkAsync(server.url + p.url, { seconds, connections, script }),
        );
        rows.push({
          label: p.label,
          bytes: sizes[p.label]!,
          nginx: n,
          gongkai: g.result,
          ratio: g.result.requestsPerSecond / n.requestsPerSecond,
          peakRssMb: g.peakMb,
        });
      }
      const afterMb = rssMb(server.pid);
      const table = markdownTable(
        [
          'page',
          'bytes',
          'nginx req/s',
          'nginx p50/p99 ms',
          'Gongkai req/s',
          'Gongkai p50/p99 ms',
          'Gongkai non-2xx',
          'ratio',
          'server peak RSS MB',
        ],
        rows.map((r) => [
          r.label,
          r.bytes,
          fmt(r.nginx.requestsPerSecond, 0),
          `${fmt(r.nginx.p50Ms)} / ${fmt(r.nginx.p99Ms)}`,
          fmt(r.gongkai.requestsPerSecond, 0),
          `${fmt(r.gongkai.p50Ms)} / ${fmt(r.gongkai.p99Ms)}`,
          r.gongkai.non2xx,
          `${fmt(r.ratio * 100, 0)} %`,
          fmt(r.peakRssMb, 0),
        ]),
      );
      const markdown = `${table}

Dataset: ${spec.items.toLocaleString('en-US')} items, ${spec.decisions.toLocaleString('en-US')} decisions (SQLite). wrk -t1 -c${connections} -d${seconds}s, every request from a random client address (X-Forwarded-For, TRUST_PROXY=1, so the per-visitor search rate limit does not turn the run into 429s); nginx 1 worker, Gongkai 1 process. Server RSS: ${fmt(idleMb, 0)} MB idle after start, ${fmt(warmMb, 0)} MB after rendering the pages once, ${fmt(afterMb, 0)} MB after the runs.`;
      return { markdown, data: { spec, seconds, connections, idleMb, warmMb, afterMb, rows } };
    } finally {
      await nginx?.stop();
      await server?.stop();
    }
  },
};
