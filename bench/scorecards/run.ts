/**
 * 考核 scorecards at scale (issue 19): a government with N agencies (default 500) and M business records
 * (default 1,000,000: 60 % catalog items with 成文日期, 20 % request cases, 10 % interaction items, 10 %
 * 双公示 decisions) over 2025–2026 plus 督办 tasks — the data set of bench/supervision/run.ts
 * (bench/lib/government.ts) — loaded into a fresh migrated database of each engine (or a kept one:
 * `--keep`/`--reuse`, shared with bench/supervision). Timed: computing the cards of the open quarter for
 * every agency (all automatic metrics through the modules' facts, snapshots with records, one
 * transaction); a closed quarter forced (every agency re-read), again with nothing changed (cards reused:
 * scorecards.versions.ts) and after one agency's audited change; the ranking, and one card.
 *
 *   node --import tsx bench/scorecards/run.ts [--agencies 500] [--items 1000000] [--iterations 5] [--no-pg]
 *     (common arguments: bench/lib/engine-bench.ts)
 *
 * Prints a Markdown table and writes bench/scorecards/results-<engine>-<items>.json.
 */
// The module list first: modules import each other through their index files (as in the server's start-up).
import '../../server/modules/index.js';
import { newId } from '../../server/platform/ids.js';
import { systemActor, userActor } from '../../server/platform/actor.js';
import { cardView, computeCards, getRanking } from '../../server/modules/scorecards/scorecards.cards.js';
import { createSet } from '../../server/modules/scorecards/scorecards.sets.js';
import { findSetByPeriod } from '../../server/modules/scorecards/scorecards.repository.js';
import { recordAudit } from '../../server/modules/audit/audit.service.js';
import { inTransaction } from '../../server/platform/context.js';
import { scorecardSources } from '../../server/modules/scorecards/scorecards.adapters.js';
import { METRIC_KEYS, parsePeriod } from '../../server/modules/scorecards/scorecards.rules.js';
import { sourceOf } from '../../server/modules/scorecards/scorecards.sources.js';
import { benchMain, engineBenchArgs, type BenchCase } from '../lib/engine-bench.js';
import { GOVERNMENT_NOW, loadGovernment, readGovernment } from '../lib/government.js';

const args = engineBenchArgs('scorecards', { items: 1_000_000 });

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
    const supervisor = userActor({
      userId: newId(),
      name: '基准督查',
      orgId: orgs[0]!.id,
      divisionId: null,
      roles: ['supervisor'],
    });
    // The sets are created through the use case (audited) by the system on the government's behalf; a
    // kept data set (`--reuse`) already has them.
    const system = systemActor('基准', orgs[0]!.id);
    const setOf = async (period: string) =>
      (await findSetByPeriod(ctx.db, orgs[0]!.id, period)) ?? (await createSet(ctx, system, { period }));
    const [open, closed] = [await setOf('2026-Q4'), await setOf('2026-Q3')];
    let cards = 0;
    let cardId = '';
    const reuse: Record<string, { reread: number; reused: number }> = {};
    const compute = (label: string, setId: string, force: boolean) => async () => {
      const r = await computeCards(ctx, supervisor, setId, undefined, undefined, { force });
      cards = r.rows.filter((x) => x.cardId).length;
      cardId = r.rows[0]!.cardId!;
      if (r.compute) reuse[label] = { reread: r.compute.reread, reused: r.compute.reused };
    };
    // One audited change of one agency (what any use case appends with its write): its card is re-read.
    let changes = 0;
    const touch = () =>
      inTransaction(ctx, (trx) =>
        recordAudit(trx, ctx.clock, system, {
          action: 'bench.change',
          targetType: 'bench',
          targetId: String(++changes),
          orgId: orgs[9]!.id,
        }),
      );
    const cases: BenchCase[] = [
      [
        `compute: ${orgs.length - 1} agencies, 2026-Q4 (open period: every agency read)`,
        compute('open', open.id, false),
      ],
      ['compute: 2026-Q3 (closed), force: every agency re-read', compute('closed-force', closed.id, true)],
      ['compute: 2026-Q3 (closed), no data changed: cards reused', compute('closed-same', closed.id, false)],
      [
        'compute: 2026-Q3 (closed), one agency changed (1 audited write + compute)',
        async () => {
          await touch();
          await compute('closed-one', closed.id, false)();
        },
      ],
      ['ranking', () => getRanking(ctx, supervisor, open.id)],
      // Where the compute time goes: each metric's source over all agencies.
      ...METRIC_KEYS.flatMap((metric): BenchCase[] => {
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
    return { loadSeconds, cases, extra: () => ({ cards, counts, reuse }) };
  },
});
