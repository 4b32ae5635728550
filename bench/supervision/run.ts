/**
 * Supervision boards at scale (issue 19): a government with N agencies (default 500) and M business
 * records (default 1,000,000: 60 % catalog items with 成文日期, 20 % request cases, 10 % interaction items,
 * 10 % 双公示 decisions) over 2025–2026, plus 督办 tasks, loaded through Kysely into a fresh migrated
 * database of each engine; then the supervisor's board over all agencies (every module's supervision
 * facts, boards.board — what GET /api/supervision/board runs), one agency's drill-downs and `tasksFacts`
 * for a quarter are timed. Open cases/items are realistic: only those received in the last ~40 days.
 *
 *   node --import tsx bench/supervision/run.ts [--agencies 500] [--items 1000000] [--iterations 5] [--no-pg]
 *     [--dir /tmp/gk-bench-supervision] [--pg postgres://postgres@127.0.0.1:5432]
 *
 * Prints a Markdown table and writes bench/supervision/results-<engine>-<items>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
// The module list first: it fixes the import order of the modules (they import each other's index.ts).
import '../../server/modules/index.js';
import { fixedClock } from '../../server/platform/clock.js';
import type { Ctx } from '../../server/platform/context.js';
import { newId } from '../../server/platform/ids.js';
import { userActor } from '../../server/platform/actor.js';
import type { DialectName } from '../../server/db/database.js';
import { board, columnRows, lateItems, requestRows } from '../../server/modules/supervision/boards.js';
import { tasksFacts } from '../../server/modules/supervision/index.js';
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
const DIR = arg('dir', path.join(os.tmpdir(), 'gk-bench-supervision'));
const PG = arg('pg', process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432');
const NO_PG = process.argv.includes('--no-pg');
const NOW = GOVERNMENT_NOW;

/** Each module's fact over all agencies on its own (`--profile`): where the board's time goes. */
async function profile(ctx: Ctx, ids: string[], log: (s: string) => void) {
  const { loadWorkCalendar } = await import('../../server/modules/calendar/calendar.service.js');
  const { requestCaseFacts } = await import('../../server/modules/requests/index.js');
  const { catalogTimelinessFacts } = await import('../../server/modules/catalog/index.js');
  const { enforcementFacts } = await import('../../server/modules/enforcement/index.js');
  const { interactionFacts } = await import('../../server/modules/interaction/index.js');
  const { reportReadinessFacts } = await import('../../server/modules/annual-report/index.js');
  const asOf = { today: '2026-12-07', calendar: await loadWorkCalendar(ctx) };
  const facts: [string, () => Promise<unknown>][] = [
    ['requests', () => requestCaseFacts(ctx.db, ids, asOf)],
    ['catalog', () => catalogTimelinessFacts(ctx.db, ids, asOf)],
    ['enforcement', () => enforcementFacts(ctx.db, ids, asOf)],
    ['interaction', () => interactionFacts(ctx.db, ids, asOf)],
    ['report', () => reportReadinessFacts(ctx.db, ids, 2026, asOf)],
  ];
  const cat = await import('../../server/modules/catalog/catalog.supervision.repository.js');
  const w = { from: '2025-12-07', to: '2026-12-07' };
  let pairs: (readonly [string, string])[] = [];
  facts.push(
    [
      'catalog: distinct 成文日期',
      async () => (pairs = (await cat.generatedDays(ctx.db, ids, w)).map((g) => [g, g] as const)),
    ],
    ['catalog: late counts', () => cat.lateCounts(ctx.db, ids, w, pairs)],
    ['catalog: columns with last', () => cat.liveColumnsWithLast(ctx.db, ids)],
  );
  for (const [name, f] of facts)
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      await f();
      log(`profile ${name}: ${(performance.now() - t0).toFixed(0)} ms`);
    }
}

async function runEngine(dialect: DialectName) {
  const log = (s: string) => console.error(`[${dialect}] ${s}`);
  mkdirSync(DIR, { recursive: true });
  const bench = await createBenchDatabase(dialect, `supervision_${ITEMS}`, { workDir: DIR, postgresUrl: PG });
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
    if (process.argv.includes('--profile'))
      await profile(
        ctx,
        orgs.slice(1).map((o) => o.id),
        log,
      );
    const supervisor = userActor({
      userId: newId(),
      name: '基准督查',
      orgId: orgs[0]!.id,
      divisionId: null,
      roles: ['supervisor'],
    });
    const one = orgs[7]!.id;
    const ids = orgs.slice(1).map((o) => o.id);
    let agencies = 0;
    const cases: [string, () => Promise<unknown>][] = [
      [
        `board: ${orgs.length - 1} agencies (all facts)`,
        async () => {
          agencies = (await board(ctx, supervisor, {})).agencies.length;
        },
      ],
      [
        'drill-down: one agency, overdue cases',
        () => requestRows(ctx, supervisor, one, { which: 'overdue' }),
      ],
      ['drill-down: one agency, late items', () => lateItems(ctx, supervisor, one, {})],
      ['drill-down: one agency, stale/blank columns', () => columnRows(ctx, supervisor, one, {})],
      [
        `tasksFacts: ${ids.length} agencies, quarter`,
        () => tasksFacts(ctx.db, ids, { from: '2026-07-01', to: '2026-09-30' }, { today: '2026-12-07' }),
      ],
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
      boardRows: agencies,
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
