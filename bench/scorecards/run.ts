/**
 * 考核 scorecards at scale (issue 19): a government with N agencies (default 500) and M business records
 * (default 1,000,000: 60 % catalog items with 成文日期, 20 % request cases, 10 % interaction items, 10 %
 * 双公示 decisions) over 2025–2026 — the same synthetic dataset as bench/supervision/run.ts (its loader is
 * copied here so each bench runs alone) — loaded into a fresh migrated database of each engine. Timed:
 * computing the cards of a quarter for every agency (all automatic metrics through the modules' facts,
 * snapshots with records, one transaction), reading the ranking, and one card.
 *
 *   node --import tsx bench/scorecards/run.ts [--agencies 500] [--items 1000000] [--iterations 5] [--no-pg]
 *
 * Prints a Markdown table and writes bench/scorecards/results-<engine>-<items>.json.
 */
// The module list first: modules import each other through their index files (as in the server's start-up).
import '../../server/modules/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { fixedClock } from '../../server/platform/clock.js';
import type { Ctx } from '../../server/platform/context.js';
import { newId } from '../../server/platform/ids.js';
import { systemActor, userActor } from '../../server/platform/actor.js';
import type { DialectName } from '../../server/db/database.js';
import { cardView, computeCards, getRanking } from '../../server/modules/scorecards/scorecards.cards.js';
import { createSet } from '../../server/modules/scorecards/scorecards.sets.js';
import { scorecardSources } from '../../server/modules/scorecards/scorecards.adapters.js';
import { METRIC_KEYS, parsePeriod } from '../../server/modules/scorecards/scorecards.rules.js';
import { sourceOf } from '../../server/modules/scorecards/scorecards.sources.js';
import { createBenchDatabase, postgresReachable } from '../lib/db.js';
import { GOVERNMENT_NOW, loadGovernment } from '../lib/government.js';
import { fmt, markdownTable, summarize, timeCalls } from '../lib/stats.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const AGENCIES = Number(arg('agencies', '500'));
const ITEMS = Number(arg('items', '1000000'));
const ITERATIONS = Number(arg('iterations', '5'));
const DIR = arg('dir', path.join(os.tmpdir(), 'gk-bench-scorecards'));
const PG = arg('pg', process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432');
const NO_PG = process.argv.includes('--no-pg');
const NOW = GOVERNMENT_NOW;

async function runEngine(dialect: DialectName) {
  const log = (s: string) => console.error(`[${dialect}] ${s}`);
  mkdirSync(DIR, { recursive: true });
  const bench = await createBenchDatabase(dialect, `scorecards_${ITEMS}`, { workDir: DIR, postgresUrl: PG });
  const database = bench.open();
  const ctx: Ctx = { db: database.db, dialect, clock: fixedClock(NOW) };
  try {
    const { orgs, counts, loadSeconds } = await loadGovernment(
      ctx,
      { agencies: AGENCIES, items: ITEMS },
      log,
    );
    await sql`analyze`.execute(database.db);
    log(`loaded in ${loadSeconds.toFixed(0)} s; timing`);
    const supervisor = userActor({
      userId: newId(),
      name: '基准督查',
      orgId: orgs[0]!.id,
      divisionId: null,
      roles: ['supervisor'],
    });
    // The set is created through the use case (audited) by the system on the government's behalf.
    const set = await createSet(ctx, systemActor('基准', orgs[0]!.id), { period: '2026-Q4' });
    let cards = 0;
    let cardId = '';
    const cases: [string, () => Promise<unknown>][] = [
      [
        `compute: ${orgs.length - 1} agencies, 2026-Q4 (all metrics, snapshots, one transaction)`,
        async () => {
          const r = await computeCards(ctx, supervisor, set.id);
          cards = r.rows.filter((x) => x.cardId).length;
          cardId = r.rows[0]!.cardId!;
        },
      ],
      ['ranking', () => getRanking(ctx, supervisor, set.id)],
      // Where the compute time goes: each metric's source over all agencies.
      ...METRIC_KEYS.flatMap((metric): [string, () => Promise<unknown>][] => {
        const src = sourceOf(scorecardSources(), metric);
        // A fresh agency list per call, as one compute builds it (sources share work per list).
        const ids = () => orgs.slice(1).map((o) => o.id);
        return src
          ? [
              [
                `  source ${metric}`,
                () => src.facts(ctx, metric, ids(), parsePeriod('2026-Q4'), '2026-12-07'),
              ],
            ]
          : [];
      }),
      ['one card (view with records)', () => cardView(ctx, supervisor, cardId)],
    ];
    const rows: { name: string; p50: number; max: number; n: number }[] = [];
    for (const [name, run] of cases) {
      const s = summarize(await timeCalls(run, ITERATIONS, 1));
      rows.push({ name, p50: s.p50, max: s.max, n: s.n });
      log(`${name}: p50 ${fmt(s.p50)} ms, max ${fmt(s.max)} ms`);
    }
    const result = {
      dialect,
      agencies: AGENCIES,
      cards,
      items: ITEMS,
      counts,
      loadSeconds,
      loadAverage: os.loadavg(),
      cpus: os.cpus().length,
      rows,
      at: new Date().toISOString(),
    };
    writeFileSync(
      path.join(path.dirname(new URL(import.meta.url).pathname), `results-${dialect}-${ITEMS}.json`),
      JSON.stringify(result, null, 2) + '\n',
    );
    return result;
  } finally {
    await database.close();
    await bench.drop();
  }
}

async function main() {
  const results = [await runEngine('sqlite')];
  if (!NO_PG && (await postgresReachable(PG))) results.push(await runEngine('postgres'));
  for (const r of results) {
    console.log(
      `\n### ${r.dialect}: ${r.agencies} agencies, ${r.items.toLocaleString('en')} items (load average ${r.loadAverage.map((x) => x.toFixed(2)).join(' ')})\n`,
    );
    console.log(
      markdownTable(
        ['case', 'p50 ms', 'max ms', 'runs'],
        r.rows.map((x) => [x.name, fmt(x.p50), fmt(x.max), x.n]),
      ),
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
