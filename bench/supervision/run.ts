/**
 * Supervision boards at scale (issue 19): a government with N agencies (default 500) and M business
 * records (default 1,000,000: 60 % catalog items with 成文日期, 20 % request cases, 10 % interaction items,
 * 10 % 双公示 decisions) over 2025–2026, plus 督办 tasks, loaded through Kysely into a fresh migrated
 * database of each engine; then the supervisor's board over all agencies (every module's supervision
 * facts, boards.board — what GET /api/supervision/board runs), one agency's drill-downs and `tasksFacts`
 * for a quarter are timed. Open cases/items are realistic: only those received in the last ~40 days.
 *
 *   node --import tsx bench/supervision/run.ts [--agencies 500] [--items 1000000] [--iterations 5] [--no-pg]
 *     [--dir /tmp/gk-bench-supervision] [--pg postgres://postgres@127.0.0.1:5432] [--profile]
 *     (common arguments: bench/lib/engine-bench.ts)
 *
 * Prints a Markdown table and writes bench/supervision/results-<engine>-<items>.json.
 */
// The module list first: it fixes the import order of the modules (they import each other's index.ts).
import '../../server/modules/index.js';
import { sql } from 'kysely';
import type { Ctx } from '../../server/platform/context.js';
import { newId } from '../../server/platform/ids.js';
import { userActor } from '../../server/platform/actor.js';
import { board, columnRows, lateItems, requestRows } from '../../server/modules/supervision/boards.js';
import { tasksFacts } from '../../server/modules/supervision/index.js';
import { loadWorkCalendar } from '../../server/modules/calendar/calendar.service.js';
import {
  recountTimelinessCounts,
  timelinessCountsBuilt,
} from '../../server/modules/catalog/catalog.timeliness.repository.js';
import { benchMain, engineBenchArgs, type BenchCase } from '../lib/engine-bench.js';
import { GOVERNMENT_NOW, loadGovernment, readGovernment } from '../lib/government.js';

const args = engineBenchArgs('supervision', { items: 1_000_000 });
let recountMs: number | null = null;

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
  const { onTimeTable } = await import('../../server/modules/catalog/catalog.supervision.js');
  const w = { from: '2025-12-07', to: '2026-12-07' };
  const { openCasesWithEvents } =
    await import('../../server/modules/requests/requests.supervision.repository.js');
  facts.push(
    ['catalog: on-time table (JS)', () => Promise.resolve(onTimeTable(w, asOf.calendar))],
    [
      'catalog: late counts from the items',
      () => cat.lateCounts(ctx.db, ids, w, onTimeTable(w, asOf.calendar)),
    ],
    ['catalog: columns with last', () => cat.liveColumnsWithLast(ctx.db, ids)],
    ['requests: open cases + events (SQL)', () => openCasesWithEvents(ctx.db, ids)],
  );
  for (const [name, f] of facts)
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      await f();
      log(`profile ${name}: ${(performance.now() - t0).toFixed(0)} ms`);
    }
}

benchMain({
  // The data set of bench/lib/government.ts, shared with the other issue-19 benchmark (`--keep`/`--reuse`).
  name: 'government',
  scriptUrl: import.meta.url,
  args,
  now: GOVERNMENT_NOW,
  reusable: true,
  async setup(ctx, log, reused) {
    const { orgs, counts, loadSeconds } = reused
      ? await readGovernment(ctx)
      : await loadGovernment(ctx, { agencies: args.agencies, items: args.items }, log);
    // A server with the default autovacuum would have vacuumed and analyzed the freshly loaded tables
    // before anyone looks at a board; this machine's runs with autovacuum off, so do it once here.
    if (!reused && ctx.dialect === 'postgres') {
      const t0 = performance.now();
      await sql`VACUUM (ANALYZE)`.execute(ctx.db);
      log(`VACUUM (ANALYZE) after the load: ${Math.round(performance.now() - t0)} ms`);
    }
    // The loader inserts rows directly (no use case), so the late-publication counters are built here,
    // as `gongkai catalog recount` does after a bulk load; a kept data set keeps them.
    if (!(await timelinessCountsBuilt(ctx.db))) {
      const t0 = performance.now();
      await ctx.db
        .transaction()
        .execute(async (trx) => recountTimelinessCounts(trx, await loadWorkCalendar({ db: trx })));
      recountMs = Math.round(performance.now() - t0);
      log(`late-publication counters built in ${recountMs} ms`);
    }
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
    const cases: BenchCase[] = [
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
    return {
      loadSeconds,
      cases,
      extra: () => ({ boardRows: agencies, counts, timelinessRecountMs: recountMs }),
    };
  },
});
