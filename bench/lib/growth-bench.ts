/**
 * Cost growth: search (with the LIKE baseline), list pages and report generation measured on three
 * generated datasets of increasing size, on SQLite and PostgreSQL, with the growth class of each.
 */
import type { DialectName } from '../../server/db/database.js';
import { specOf, type DatasetSpec } from '../generate/spec.js';
import { dataset } from './datasets.js';
import {
  measureLists,
  measureReport,
  measureSearch,
  type ListMeasurement,
  type ReportMeasurement,
  type SearchMeasurement,
} from './growth.js';
import { fmt, growthClass, markdownTable } from './stats.js';
import type { BenchEnv, BenchResult, Benchmark, BenchSize } from './suite.js';

export const SEED = 2026;

/** The three sizes of the curves (items; cases and decisions scale with them). */
export function growthSpecs(size: BenchSize): DatasetSpec[] {
  return size === 'quick'
    ? [specOf(SEED, 1_000, 200, 1_000), specOf(SEED, 3_000, 600, 3_000), specOf(SEED, 10_000, 2_000, 10_000)]
    : [
        specOf(SEED, 10_000, 1_000, 10_000),
        specOf(SEED, 100_000, 10_000, 100_000),
        specOf(SEED, 1_000_000, 100_000, 1_000_000),
      ];
}

/** PostgreSQL sizes: all three for quick; full stops at 100k unless BENCH_PG_FULL=1 (1M takes long to load). */
function postgresSpecs(size: BenchSize): DatasetSpec[] {
  const all = growthSpecs(size);
  return size === 'full' && !process.env.BENCH_PG_FULL ? all.slice(0, 2) : all;
}

export interface SizePoint {
  dialect: DialectName;
  spec: DatasetSpec;
  generationSeconds: number;
  generationReused: boolean;
  search: SearchMeasurement[];
  lists: ListMeasurement[];
  report: ReportMeasurement;
}

const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
const ms = (n: number) => fmt(n, n < 10 ? 2 : 0);

function searchTable(points: SizePoint[]): string {
  const last = points[points.length - 1]!;
  const rows = last.search.map((s, qi) => {
    const p50s = points.map((p) => p.search[qi]!.search.p50);
    return [
      s.label,
      `${s.total}${s.totalCapped ? '+' : ''}`,
      ...p50s.map(ms),
      ms(s.search.p99),
      `${ms(s.like.p50)} (${s.likeCount})`,
      `${fmt(s.speedup, 0)}×`,
      growthClass(points.map((p, i) => ({ size: p.spec.items, cost: p50s[i]! }))),
    ];
  });
  return markdownTable(
    [
      'query',
      `matches @${k(last.spec.items)}`,
      ...points.map((p) => `p50 ms @${k(p.spec.items)}`),
      `p99 ms @${k(last.spec.items)}`,
      `LIKE p50 ms @${k(last.spec.items)} (matches)`,
      'search vs LIKE',
      'growth',
    ],
    rows,
  );
}

function listTable(points: SizePoint[]): string {
  const last = points[points.length - 1]!;
  return markdownTable(
    [
      'list page (page of 20 + count)',
      ...points.map((p) => `p50 ms @${k(p.spec.items)}`),
      `items @${k(last.spec.items)}`,
      'growth',
    ],
    last.lists.map((l, li) => {
      const p50s = points.map((p) => p.lists[li]!.latency.p50);
      return [
        l.label,
        ...p50s.map(ms),
        l.count,
        growthClass(points.map((p, i) => ({ size: p.spec.items, cost: p50s[i]! }))),
      ];
    }),
  );
}

function reportTable(points: SizePoint[]): string {
  const rows = points.map((p) => [
    k(p.report.cases),
    k(p.report.reportYearCases),
    ms(p.report.facts.p50),
    ms(p.report.generate.p50),
    ms(p.report.generate.max),
    p.report.agencies,
    ms(p.report.consolidated.p50),
  ]);
  const g = (f: (r: ReportMeasurement) => number) =>
    growthClass(points.map((p) => ({ size: p.report.cases, cost: f(p.report) })));
  rows.push([
    'growth',
    '',
    g((r) => r.facts.p50),
    g((r) => r.generate.p50),
    '',
    '',
    g((r) => r.consolidated.p50),
  ]);
  return markdownTable(
    [
      'cases (main agency)',
      'in report year 2025',
      'facts p50 ms',
      'generate p50 ms',
      'generate max ms',
      'agencies',
      'consolidated p50 ms',
    ],
    rows,
  );
}

export const growthBenchmark: Benchmark = {
  name: 'growth',
  title: 'Search, list pages and report: latency and cost growth',
  async run(env: BenchEnv): Promise<BenchResult> {
    // BENCH_DIALECTS=sqlite|postgres restricts the legs (e.g. to run them in two processes).
    const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
    const plan: { dialect: DialectName; specs: DatasetSpec[] }[] = [];
    if (dialects.includes('sqlite')) plan.push({ dialect: 'sqlite', specs: growthSpecs(env.size) });
    if (env.postgresUrl && dialects.includes('postgres'))
      plan.push({ dialect: 'postgres', specs: postgresSpecs(env.size) });
    const points: SizePoint[] = [];
    for (const { dialect, specs } of plan) {
      for (const spec of specs) {
        const ds = await dataset(env, dialect, spec);
        const database = ds.db.open();
        try {
          const big = spec.items >= 1_000_000;
          env.log(`${dialect} ${k(spec.items)}: search…`);
          const search = await measureSearch(database, {
            iterations: big ? 100 : 200,
            likeIterations: big ? 2 : 5,
          });
          env.log(`${dialect} ${k(spec.items)}: lists…`);
          const lists = await measureLists(database, 50);
          env.log(`${dialect} ${k(spec.items)}: report…`);
          const report = await measureReport(database, 5);
          points.push({
            dialect,
            spec,
            generationSeconds: ds.stats.seconds,
            generationReused: ds.reused,
            search,
            lists,
            report,
          });
        } finally {
          await database.close();
        }
      }
    }
    const sections: string[] = [];
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const pts = points.filter((p) => p.dialect === dialect);
      if (pts.length === 0) continue;
      const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      sections.push(
        `#### ${name}: generated datasets\n\n` +
          markdownTable(
            ['items', 'cases', 'decisions', 'agencies', 'generation s'],
            pts.map((p) => [
              p.spec.items,
              p.spec.cases,
              p.spec.decisions,
              p.spec.agencies,
              `${fmt(p.generationSeconds, 0)}${p.generationReused ? ' (cached)' : ''}`,
            ]),
          ),
        `#### ${name}: search (first page of 20, newest first, count capped at 1,000) vs naive LIKE (first page + exact count)\n\n${searchTable(pts)}`,
        `#### ${name}: column list pages (database part of a cache miss)\n\n${listTable(pts)}`,
        `#### ${name}: annual report (main agency, year 2025) and consolidated report\n\n${reportTable(pts)}`,
      );
    }
    return { markdown: sections.join('\n\n'), data: points };
  },
};
