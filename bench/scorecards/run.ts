/**
 * 考核 scorecards at scale (issue 19): a government with N agencies (default 500) and M business records
 * (default 1,000,000: 60 % catalog items with 成文日期, 20 % request cases, 10 % interaction items, 10 %
 * 双公示 decisions) over 2025–2026 plus 督办 tasks — the data set of bench/supervision/run.ts
 * (bench/lib/government.ts) — loaded into a fresh migrated database of each engine. Timed:
 * computing the cards of a quarter for every agency (all automatic metrics through the modules' facts,
 * snapshots with records, one transaction), reading the ranking, and one card.
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
import { scorecardSources } from '../../server/modules/scorecards/scorecards.adapters.js';
import { METRIC_KEYS, parsePeriod } from '../../server/modules/scorecards/scorecards.rules.js';
import { sourceOf } from '../../server/modules/scorecards/scorecards.sources.js';
import { benchMain, engineBenchArgs, type BenchCase } from '../lib/engine-bench.js';
import { GOVERNMENT_NOW, loadGovernment } from '../lib/government.js';

const args = engineBenchArgs('scorecards', { items: 1_000_000 });

benchMain({
  name: 'scorecards',
  scriptUrl: import.meta.url,
  args,
  now: GOVERNMENT_NOW,
  async setup(ctx, log) {
    const { orgs, counts, loadSeconds } = await loadGovernment(
      ctx,
      { agencies: args.agencies, items: args.items },
      log,
    );
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
    const cases: BenchCase[] = [
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
    return { loadSeconds, cases, extra: () => ({ cards, counts }) };
  },
});
