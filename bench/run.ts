/**
 * Runs the benchmark suite:  npm run bench  (full)  |  npm run bench:quick
 *   node --import tsx bench/run.ts --size quick|full [--only growth,portal,…] [--no-pg]
 * Prints one Markdown section per benchmark and writes the raw numbers to
 * bench/results/<size>-<timestamp>.json (and bench/results/latest-<size>.json for a complete run).
 * docs/performance.md is edited by hand from these numbers: nothing is rewritten silently.
 *
 * BENCH_PG=postgres://… chooses the PostgreSQL server (default postgres://postgres@127.0.0.1:5432);
 * PostgreSQL legs are skipped when it does not answer. BENCH_FRESH=1 regenerates cached SQLite datasets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { dropRunDatabases } from './lib/datasets.js';
import { postgresReachable } from './lib/db.js';
import { growthBenchmark } from './lib/growth-bench.js';
import type { BenchEnv, Benchmark } from './lib/suite.js';
import { portalBenchmark } from './portal/portal.bench.js';
import { writesBenchmark } from './writes/writes.bench.js';
import { memoryBenchmark } from './memory/memory.bench.js';
import { scriptBenchmarks } from './lib/external.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const program = new Command()
  .option('--size <size>', 'quick | full', 'quick')
  .option('--only <names>', 'comma-separated benchmark names')
  .option('--no-pg', 'skip PostgreSQL legs')
  .parse();
const opts = program.opts<{ size: string; only?: string; pg: boolean }>();
if (opts.size !== 'quick' && opts.size !== 'full')
  throw new Error(`--size must be quick or full, got ${opts.size}`);
const size = opts.size;

function machine() {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const sqliteVersion = sh(process.execPath, [
    '-e',
    "console.log(new (require('better-sqlite3'))(':memory:').prepare('select sqlite_version() v').get().v)",
  ]);
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion,
    postgres: sh('psql', ['--version']),
    nginx: spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr.trim(),
    wrk: sh('sh', ['-c', 'wrk -v 2>&1 | head -1']),
    kernel: os.release(),
    loadAverage: os.loadavg(),
  };
}

async function main(): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const workDir = path.join(ROOT, '.bench-data', `run-${stamp}`);
  mkdirSync(workDir, { recursive: true });
  const pgCandidate = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const postgresUrl = opts.pg && (await postgresReachable(pgCandidate)) ? pgCandidate : undefined;
  const started = Date.now();
  const log = (line: string) =>
    console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);
  const env: BenchEnv = { size, workDir, postgresUrl, log };

  const all: Benchmark[] = [
    growthBenchmark,
    portalBenchmark,
    memoryBenchmark,
    writesBenchmark,
    ...(await scriptBenchmarks()),
  ];
  const only = opts.only?.split(',').map((s) => s.trim());
  const selected = only ? all.filter((b) => only.includes(b.name)) : all;
  if (only && selected.length !== only.length)
    throw new Error(`unknown benchmark in --only (known: ${all.map((b) => b.name).join(', ')})`);

  const info = machine();
  log(
    `size ${size}; ${info.cpus} CPU, ${info.memoryGb} GB, Node ${info.node}; PostgreSQL ${postgresUrl ? 'on' : 'off'}`,
  );
  const results: Record<
    string,
    { title: string; seconds: number; markdown: string; data: unknown; error?: string }
  > = {};
  const sections: string[] = [];
  try {
    for (const b of selected) {
      // Runs split by dialect (BENCH_DIALECTS) keep their growth results apart in latest-<size>.json.
      const key =
        b.name === 'growth' && process.env.BENCH_DIALECTS ? `growth-${process.env.BENCH_DIALECTS}` : b.name;
      log(`== ${b.name}: ${b.title}`);
      const t = Date.now();
      try {
        const r = await b.run(env);
        results[key] = {
          title: b.title,
          seconds: (Date.now() - t) / 1000,
          markdown: r.markdown,
          data: r.data,
        };
        sections.push(`### ${b.title}\n\n${r.markdown}`);
      } catch (e) {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        log(`!! ${b.name} failed: ${message}`);
        results[key] = {
          title: b.title,
          seconds: (Date.now() - t) / 1000,
          markdown: '',
          data: null,
          error: message,
        };
        sections.push(`### ${b.title}\n\n**failed**: \`${message.split('\n')[0]}\``);
      }
      log(`== ${b.name} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
  } finally {
    await dropRunDatabases();
  }

  const resultsDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${size}-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { size, at: new Date().toISOString(), machine: info, postgres: Boolean(postgresUrl), results },
      null,
      2,
    ),
  );
  // latest-<size>.json accumulates: each benchmark's newest successful result (partial runs merge in).
  const latestFile = path.join(resultsDir, `latest-${size}.json`);
  const latest = existsSync(latestFile)
    ? (JSON.parse(readFileSync(latestFile, 'utf8')) as { results: Record<string, unknown>; runs: string[] })
    : { results: {}, runs: [] as string[] };
  for (const [name, r] of Object.entries(results))
    if (!r.error) latest.results[name] = { ...r, run: path.basename(file) };
  writeFileSync(
    latestFile,
    JSON.stringify(
      { size, machine: info, runs: [...latest.runs, path.basename(file)], results: latest.results },
      null,
      2,
    ),
  );
  const complete = Object.values(results).every((r) => !r.error);
  console.log(`## Benchmark results (${size}, ${new Date().toISOString().slice(0, 16)}Z)\n`);
  console.log(
    `Machine: ${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB RAM, Node ${info.node}, SQLite ${info.sqlite}, ${info.postgres}, ${info.nginx}; load average at start ${info.loadAverage.map((x) => x.toFixed(1)).join(' ')}\n`,
  );
  console.log(sections.join('\n\n'));
  log(
    `raw results: ${path.relative(ROOT, file)} (merged into latest-${size}.json)${complete ? '' : '; some benchmarks FAILED'}`,
  );
  // Keep the scratch directory only when asked (server data dirs, nginx logs).
  if (!process.env.BENCH_KEEP && existsSync(workDir)) execFileSync('rm', ['-rf', workDir]);
}

await main();
