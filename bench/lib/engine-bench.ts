/**
 * The scaffolding shared by the per-engine benchmarks of issue 19 (bench/supervision, scorecards,
 * statistics, sitegroup): command-line arguments, one fresh database per engine, timing a list of cases,
 * the results JSON beside the script and the Markdown tables printed at the end. Each benchmark keeps
 * only what differs — its data loader and its cases.
 *
 *   common arguments: [--agencies 500] [--items N] [--iterations 5] [--dir <scratch>] [--pg <url>]
 *                     [--no-pg] [--no-sqlite] [--engines sqlite,postgres] [--keep] [--reuse]
 *
 * `--keep` leaves the loaded database in place after the run; `--reuse` times a database an earlier
 * `--keep` run loaded (migrated to the latest schema first) instead of loading a new one — for benchmarks
 * whose setup can read its data set back (`reuse` in EngineBench), so a 1M load is paid once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { fixedClock } from '../../server/platform/clock.js';
import type { Ctx } from '../../server/platform/context.js';
import type { DialectName } from '../../server/db/database.js';
import { createBenchDatabase, existingBenchDatabase, postgresReachable } from './db.js';
import { fmt, markdownTable, percentile, summarize } from './stats.js';

/** The value after `--name` on the command line, else the fallback. */
export function argOf(name: string, fallback: string, argv: readonly string[] = process.argv): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

export interface EngineBenchArgs {
  agencies: number;
  items: number;
  iterations: number;
  /** Scratch directory of the SQLite files. */
  dir: string;
  /** PostgreSQL admin URL. */
  pg: string;
  /** Engines asked for (PostgreSQL still only when reachable). */
  engines: DialectName[];
  /** Leave the loaded database in place after the run. */
  keep: boolean;
  /** Time the database an earlier `--keep` run left, when there is one. */
  reuse: boolean;
}

/** Parses the common arguments; `name` names the scratch directory, `items` is the default size. */
export function engineBenchArgs(
  name: string,
  defaults: { items: number; agencies?: number },
  argv: readonly string[] = process.argv,
): EngineBenchArgs {
  const listed = argOf('engines', 'sqlite,postgres', argv).split(',');
  const engines = (['sqlite', 'postgres'] as const).filter(
    (e) =>
      listed.includes(e) &&
      !(e === 'postgres' && argv.includes('--no-pg')) &&
      !(e === 'sqlite' && argv.includes('--no-sqlite')),
  );
  return {
    agencies: Number(argOf('agencies', String(defaults.agencies ?? 500), argv)),
    items: Number(argOf('items', String(defaults.items), argv)),
    iterations: Number(argOf('iterations', '5', argv)),
    dir: argOf('dir', path.join(os.tmpdir(), `gk-bench-${name}`), argv),
    pg: argOf('pg', process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432', argv),
    engines: [...engines],
    keep: argv.includes('--keep'),
    reuse: argv.includes('--reuse'),
  };
}

export type BenchCase = [name: string, run: () => Promise<unknown>];

export interface CaseRow {
  name: string;
  /** Wall time per call, ms. */
  p50: number;
  max: number;
  /** CPU time of this Node process per call (user + system, ms, median): PostgreSQL's own CPU is not in it. */
  cpuP50: number;
  n: number;
}

export interface EngineResult {
  dialect: DialectName;
  agencies: number;
  items: number;
  loadSeconds: number;
  loadAverage: number[];
  cpus: number;
  rows: CaseRow[];
  at: string;
  [extra: string]: unknown;
}

/** Times each case `iterations` times (after one warm-up call): wall and process CPU, logging as it goes. */
export async function timeCases(
  cases: readonly BenchCase[],
  iterations: number,
  log: (s: string) => void,
): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (const [name, run] of cases) {
    await run();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await run();
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const s = summarize(wall);
    const cpuP50 = percentile(cpu, 50);
    rows.push({ name, p50: s.p50, max: s.max, cpuP50, n: s.n });
    log(`${name}: p50 ${fmt(s.p50)} ms, max ${fmt(s.max)} ms, node CPU p50 ${fmt(cpuP50)} ms`);
  }
  return rows;
}

export interface EngineBench {
  /** Scratch database name prefix (the item count is appended). */
  name: string;
  /** import.meta.url of the benchmark script: results-<engine>-<items>.json goes beside it. */
  scriptUrl: string;
  args: EngineBenchArgs;
  /** The fixed clock of the run (the data set is relative to it). */
  now: string;
  /**
   * Loads the data into the fresh database and returns the cases to time; `extra` is read after the
   * timing (figures the cases found out, e.g. how many cards were computed) and lands in the JSON.
   */
  setup(
    ctx: Ctx,
    log: (s: string) => void,
    reused?: boolean,
  ): Promise<{ loadSeconds: number; cases: BenchCase[]; extra?: () => Record<string, unknown> }>;
  /** Whether setup can read a kept data set back (`reused` true) instead of loading it. */
  reusable?: boolean;
}

/** One engine: fresh database, load, ANALYZE, time the cases, write the JSON, drop the database. */
export async function runEngine(bench: EngineBench, dialect: DialectName): Promise<EngineResult> {
  const { args } = bench;
  const log = (s: string) => console.error(`[${dialect}] ${s}`);
  mkdirSync(args.dir, { recursive: true });
  const where = { workDir: args.dir, postgresUrl: args.pg };
  const name = `${bench.name}_${args.items}`;
  const kept = args.reuse && bench.reusable ? await existingBenchDatabase(dialect, name, where) : null;
  const scratch = kept ?? (await createBenchDatabase(dialect, name, where));
  const database = scratch.open();
  const ctx: Ctx = { db: database.db, dialect, clock: fixedClock(bench.now) };
  try {
    const { loadSeconds, cases, extra } = await bench.setup(ctx, log, kept !== null);
    await sql`analyze`.execute(database.db);
    log(`${kept ? 'reused the kept data set' : `loaded in ${loadSeconds.toFixed(0)} s`}; timing`);
    const rows = await timeCases(cases, args.iterations, log);
    const result: EngineResult = {
      dialect,
      reusedDataSet: kept !== null,
      agencies: args.agencies,
      items: args.items,
      ...(extra ? extra() : {}),
      loadSeconds,
      loadAverage: os.loadavg(),
      cpus: os.cpus().length,
      rows,
      at: new Date().toISOString(),
    };
    writeFileSync(
      path.join(path.dirname(new URL(bench.scriptUrl).pathname), `results-${dialect}-${args.items}.json`),
      JSON.stringify(result, null, 2) + '\n',
    );
    return result;
  } finally {
    await database.close();
    if (!args.keep) await scratch.drop();
  }
}

/** A results section: heading with sizes and load average, then the table of cases. */
export function resultsMarkdown(r: EngineResult): string {
  return [
    `### ${r.dialect}: ${r.agencies} agencies, ${r.items.toLocaleString('en')} items (load average ${r.loadAverage.map((x) => x.toFixed(2)).join(' ')})`,
    '',
    markdownTable(
      ['case', 'p50 ms', 'max ms', 'Node CPU p50 ms', 'runs'],
      r.rows.map((x) => [x.name, fmt(x.p50), fmt(x.max), fmt(x.cpuP50), x.n]),
    ),
  ].join('\n');
}

/** Runs the benchmark on each engine asked for (PostgreSQL when reachable) and prints the tables. */
export async function runEngineBench(bench: EngineBench): Promise<EngineResult[]> {
  const results: EngineResult[] = [];
  for (const dialect of bench.args.engines) {
    if (dialect === 'postgres' && !(await postgresReachable(bench.args.pg))) {
      console.error('[postgres] not reachable: skipped');
      continue;
    }
    results.push(await runEngine(bench, dialect));
  }
  for (const r of results) console.log(`\n${resultsMarkdown(r)}`);
  return results;
}

/** The script's entry: runs, and exits non-zero on a failure. */
export function benchMain(bench: EngineBench): void {
  runEngineBench(bench).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
