/**
 * Server memory on the largest dataset: RSS at idle after start, then under a crawl-like load that
 * defeats the page cache on purpose (random item pages out of many thousands, random search queries
 * and result pages), sampled every 100 ms. Import memory for the large file is measured by the
 * import benchmark (bench/import, peak RSS of a fresh process).
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { growthSpecs } from '../lib/growth-bench.js';
import { dataset } from '../lib/datasets.js';
import { rssMb, startGongkai } from '../lib/processes.js';
import { fmt, markdownTable } from '../lib/stats.js';
import type { BenchEnv, BenchResult, Benchmark } from '../lib/suite.js';
import { runWrkAsync, wrkScript } from '../lib/wrk.js';
import { publishedItemIds, sampleRss } from '../portal/portal.bench.js';
import { TOPICS } from '../generate/vocab.js';

export const memoryBenchmark: Benchmark = {
  name: 'memory',
  title: 'Server memory (RSS) at idle and under cache-defeating load',
  async run(env: BenchEnv): Promise<BenchResult> {
    const specs = growthSpecs(env.size);
    const spec = specs[specs.length - 1]!;
    const ds = await dataset(env, 'sqlite', spec);
    const ids = await publishedItemIds(env, 20_000);
    const itemPaths = ids.map((id) => `/items/${id}`);
    const words = ['安全', '消防', '防汛', '执法', '检查', '预案', '培训', '企业', ...TOPICS];
    const searchPaths: string[] = [];
    for (const w of words)
      for (let page = 1; page <= 10; page++)
        searchPaths.push(`/search?q=${encodeURIComponent(w)}&page=${page}`);
    const seconds = env.size === 'quick' ? 8 : 30;
    const server = await startGongkai({
      port: 18320,
      databaseUrl: ds.db.url,
      dataDir: path.join(env.workDir, 'memory-server'),
      env: { TRUST_PROXY: '1' },
    });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const idleMb = rssMb(server.pid);
      const legs = [
        {
          label: `random item pages (${itemPaths.length.toLocaleString('en-US')} distinct)`,
          paths: itemPaths,
        },
        { label: `random searches (${searchPaths.length} distinct query/page pairs)`, paths: searchPaths },
        { label: 'both mixed', paths: [...itemPaths.slice(0, 5000), ...searchPaths] },
      ];
      const rows: { label: string; rps: number; p99: number; non2xx: number; peakMb: number }[] = [];
      for (const [i, leg] of legs.entries()) {
        env.log(`memory: ${leg.label}`);
        const script = path.join(env.workDir, `memory-${i}.lua`);
        writeFileSync(script, wrkScript(leg.paths));
        const { result, peakMb } = await sampleRss(
          server.pid,
          runWrkAsync(server.url + '/', { seconds, connections: 50, script }),
        );
        rows.push({
          label: leg.label,
          rps: result.requestsPerSecond,
          p99: result.p99Ms,
          non2xx: result.non2xx,
          peakMb,
        });
      }
      const afterMb = rssMb(server.pid);
      const markdown = `${markdownTable(
        ['load (wrk -c50, random client addresses)', 'req/s', 'p99 ms', 'non-2xx', 'peak RSS MB'],
        rows.map((r) => [r.label, fmt(r.rps, 0), fmt(r.p99), r.non2xx, fmt(r.peakMb, 0)]),
      )}

Dataset: ${spec.items.toLocaleString('en-US')} items, ${spec.decisions.toLocaleString('en-US')} decisions, ${spec.cases.toLocaleString('en-US')} cases (SQLite). RSS idle after start: **${fmt(idleMb, 0)} MB**; after the load: ${fmt(afterMb, 0)} MB; highest sample: **${fmt(Math.max(...rows.map((r) => r.peakMb)), 0)} MB**.`;
      return { markdown, data: { spec, seconds, idleMb, afterMb, rows } };
    } finally {
      await server.stop();
    }
  },
};
