/**
 * Benchmarks written by the modules' own sessions (bench/search, bench/import, bench/report).
 * A file there that implements the Benchmark contract (imports ../lib/suite.js and exports an object
 * with `name` and `run`) is imported; otherwise its known entry script is run in a child process and
 * its output (and results file) is carried into the report as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { markdownTable } from './stats.js';
import type { BenchEnv, BenchResult, Benchmark } from './suite.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function runScript(env: BenchEnv, script: string, args: string[]): { stdout: string; seconds: number } {
  const t = Date.now();
  env.log(`running ${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`${script} exited with ${r.status}`);
  return { stdout: r.stdout, seconds: (Date.now() - t) / 1000 };
}

const fence = (text: string) => '```\n' + text.trim() + '\n```';
/** A result value as table text (objects are left out of the table's columns). */
const cellOf = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** Files under bench/<dir> that implement the Benchmark contract. */
async function contractBenchmarks(dir: string): Promise<Benchmark[]> {
  const full = path.join(ROOT, 'bench', dir);
  if (!existsSync(full)) return [];
  const out: Benchmark[] = [];
  for (const f of readdirSync(full).sort()) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
    const text = readFileSync(path.join(full, f), 'utf8');
    if (!/lib\/suite\.js/.test(text) || !/export\s+(const|default)/.test(text)) continue;
    const mod = (await import(path.join(full, f))) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      const b = v as Partial<Benchmark>;
      if (b && typeof b === 'object' && typeof b.run === 'function' && typeof b.name === 'string')
        out.push(b as Benchmark);
    }
  }
  return out;
}

/** bench/import/run.ts (enforcement session): a script writing bench/import/results[.quick].json. */
const importScript: Benchmark = {
  name: 'import',
  title: '双公示 bulk import vs raw INSERT (bench/import)',
  async run(env: BenchEnv): Promise<BenchResult> {
    const quick = env.size === 'quick';
    const args = quick ? ['--quick'] : [];
    if (env.postgresUrl) args.push('--pg', env.postgresUrl);
    const { stdout, seconds } = runScript(env, 'bench/import/run.ts', args);
    const file = path.join(ROOT, 'bench/import', quick ? 'results.quick.json' : 'results.json');
    // The script creates PostgreSQL databases it does not drop: drop exactly those.
    if (env.postgresUrl) {
      const client = new pg.Client({ connectionString: env.postgresUrl });
      await client.connect();
      for (const name of ['x_valid', 'x_base', 'c_valid', 'c_base'])
        await client.query(`DROP DATABASE IF EXISTS gk_bench_${name} WITH (FORCE)`);
      await client.end();
    }
    const data = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { results: Record<string, unknown>[] })
      : { results: [] };
    const rows = data.results;
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
      (k) => typeof rows[0]?.[k] !== 'object',
    );
    const table = rows.length
      ? markdownTable(
          keys,
          rows.map((r) => keys.map((k) => cellOf(r[k]))),
        )
      : fence(stdout);
    return { markdown: `${table}\n\n(${seconds.toFixed(0)} s; raw: ${path.relative(ROOT, file)})`, data };
  },
};

/** bench/report/generate-large.ts (annual-report session): generation over a fake ledger, timed per step. */
const reportScript: Benchmark = {
  name: 'report-fake',
  title: 'Annual report generation over an in-memory ledger (bench/report)',
  async run(env: BenchEnv): Promise<BenchResult> {
    const cases = env.size === 'quick' ? 10_000 : 100_000;
    const { stdout } = runScript(env, 'bench/report/generate-large.ts', [String(cases)]);
    return { markdown: `${cases} cases:\n\n${fence(stdout)}`, data: { cases, output: stdout } };
  },
};

/**
 * bench/search/run.ts (search session): loads N documents through SearchIndex.upsert one by one and
 * prints its own Markdown tables. One document per upsert loads ~270 docs/s here, so the runner uses
 * 10k (quick) / 100k (full) documents; the 1M-item search numbers come from the growth benchmark.
 */
const searchScript: Benchmark = {
  name: 'search-upsert',
  title: 'Search over documents loaded through SearchIndex.upsert (bench/search)',
  async run(env: BenchEnv): Promise<BenchResult> {
    const n = env.size === 'quick' ? '10000' : '100000';
    const parts: string[] = [];
    parts.push(runScript(env, 'bench/search/run.ts', ['--n', n, '--dialect', 'sqlite']).stdout);
    if (env.postgresUrl)
      parts.push(
        runScript(env, 'bench/search/run.ts', ['--n', n, '--dialect', 'postgres', '--url', env.postgresUrl])
          .stdout,
      );
    return { markdown: parts.join('\n'), data: { n, output: parts } };
  },
};

/** The module sessions' benchmarks: contract implementations first, known scripts as a fallback. */
export async function scriptBenchmarks(): Promise<Benchmark[]> {
  const out: Benchmark[] = [];
  for (const dir of ['search', 'import', 'report']) {
    const found = await contractBenchmarks(dir);
    out.push(...found);
    if (found.length) continue;
    if (dir === 'search' && existsSync(path.join(ROOT, 'bench/search/run.ts'))) out.push(searchScript);
    if (dir === 'import' && existsSync(path.join(ROOT, 'bench/import/run.ts'))) out.push(importScript);
    if (dir === 'report' && existsSync(path.join(ROOT, 'bench/report/generate-large.ts')))
      out.push(reportScript);
  }
  return out;
}
