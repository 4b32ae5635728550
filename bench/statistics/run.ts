/**
 * Statistics at scale (issue 19): a government with N agencies (default 500) and M business records
 * (default 1,000,000: 60 % catalog items, 20 % request cases, 10 % interaction items, 10 % 双公示
 * decisions) spread over 2025–2026, loaded row by row through Kysely into a fresh migrated database of
 * each engine, then the statistics of one agency and the supervisor's roll-up over all agencies are timed
 * (the service function the console route calls: every module's facts + the built tables).
 *
 *   node --import tsx bench/statistics/run.ts [--agencies 500] [--items 1000000] [--iterations 5] [--no-pg]
 *     [--engines sqlite,postgres] [--dir /tmp/gk-bench-statistics] [--pg postgres://postgres@127.0.0.1:5432]
 *
 * Prints a Markdown table and writes bench/statistics/results-<engine>-<items>.json.
 */
import type { Ctx } from '../../server/platform/context.js';
import { newId } from '../../server/platform/ids.js';
import { insertEvents } from '../../server/modules/requests/requests.repository.js';
import { computeStatistics } from '../../server/modules/statistics/statistics.service.js';
import { resolvePeriod } from '../../server/modules/statistics/statistics.rules.js';
import { buildCase, buildCatalogItem, buildDecision, buildOrg } from '../../test/factories.js';
import { rngFor } from '../generate/prng.js';
import { benchMain, engineBenchArgs, type BenchCase } from '../lib/engine-bench.js';

const args = engineBenchArgs('statistics', { items: 1_000_000 });
const AGENCIES = args.agencies;
const ITEMS = args.items;
const NOW = '2026-12-06T02:00:00.000Z';
const BATCH = 500;
const DAY0 = Date.UTC(2025, 0, 1);
const DAYS = 705; // 2025-01-01 … 2026-12-05

const day = (n: number) => new Date(DAY0 + n * 86400_000).toISOString().slice(0, 10);
const CHANNELS = ['online', 'in_person', 'registered_mail', 'email', 'fax'] as const;
const TYPES = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other'] as const;
const OUTCOMES = [
  'provided',
  'partially_provided',
  'already_published',
  'not_held_by_agency',
  'withheld_state_secret',
];
const IKINDS = ['mailbox', 'consult', 'complaint', 'hotline', 'site_error'] as const;
const RATINGS = ['satisfied', 'basic', 'unsatisfied', null] as const;
const DKINDS = ['license', 'penalty', 'coercion'] as const;

async function load(ctx: Ctx, log: (s: string) => void) {
  const db = ctx.db;
  const gov = buildOrg({ kind: 'government', name: '基准市人民政府', code: 'bench-gov' });
  const orgs = [gov];
  for (let i = 1; i < AGENCIES; i++)
    orgs.push(buildOrg({ parent_id: gov.id, name: `基准市第${i}局`, code: `bench-${i}`, sort_order: i }));
  await db.insertInto('orgs').values(orgs).execute();
  // Two top columns per agency, one child under the first.
  const columns: { id: string; org: string }[] = [];
  const colRows = orgs.flatMap((o) => {
    const top1 = newId();
    const top2 = newId();
    const child = newId();
    columns.push({ id: top1, org: o.id }, { id: child, org: o.id }, { id: top2, org: o.id });
    const base = {
      org_id: o.id,
      art20_items: '[]',
      second_approval: 0,
      channels: '["portal"]',
      description: null,
    };
    const common = { retired_at: null, created_at: NOW, updated_at: NOW, ...base };
    return [
      {
        id: top1,
        parent_id: null,
        code: 'zcwj',
        name: '政策文件',
        depth: 1,
        sort_order: 0,
        update_class: 'periodic' as const,
        ...common,
      },
      {
        id: child,
        parent_id: top1,
        code: 'gfxwj',
        name: '规范性文件',
        depth: 2,
        sort_order: 0,
        update_class: 'periodic' as const,
        ...common,
      },
      {
        id: top2,
        parent_id: null,
        code: 'tzgg',
        name: '通知公告',
        depth: 1,
        sort_order: 1,
        update_class: 'periodic' as const,
        ...common,
      },
    ];
  });
  for (let i = 0; i < colRows.length; i += BATCH)
    await db
      .insertInto('catalog_columns')
      .values(colRows.slice(i, i + BATCH))
      .execute();

  const counts = {
    catalog: Math.round(ITEMS * 0.6),
    requests: Math.round(ITEMS * 0.2),
    interaction: Math.round(ITEMS * 0.1),
    decisions: ITEMS - Math.round(ITEMS * 0.6) - Math.round(ITEMS * 0.2) - Math.round(ITEMS * 0.1),
  };
  const started = Date.now();
  const insert = async <T>(
    table: string,
    n: number,
    row: (i: number) => T,
    extra?: (rows: T[]) => Promise<void>,
  ) => {
    for (let i = 0; i < n; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => row(i + k));
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto(table as 'orgs')
          .values(rows as never)
          .execute();
      });
      if (extra) await extra(rows);
      if ((i / BATCH) % 200 === 0)
        log(`${table}: ${i}/${n} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await insert('catalog_items', counts.catalog, (i) => {
    const r = rngFor(19, 'item', i);
    const col = columns[r.int(columns.length)]!;
    const d = day(r.int(DAYS));
    return buildCatalogItem({
      org_id: col.org,
      column_id: col.id,
      status: 'published',
      published_on: d,
      published_at: `${d}T02:00:00.000Z`,
      title: `基准信息${i}`,
    });
  });
  let seq = 0;
  await insert(
    'request_cases',
    counts.requests,
    (i) => {
      const r = rngFor(19, 'case', i);
      const org = orgs[r.int(orgs.length)]!;
      const received = r.int(DAYS);
      const open = r.int(10) === 0;
      // Most answers within 10–25 days; one in six slower (the clock decides whether it was late).
      const took = r.int(6) === 0 ? 25 + r.int(30) : 3 + r.int(22);
      const closed = received + took < DAYS && !open ? day(received + took) : null;
      return buildCase({
        org_id: org.id,
        case_number: `B-${i}`,
        received_on: day(received),
        channel: CHANNELS[r.int(CHANNELS.length)]!,
        applicant_type: TYPES[r.int(TYPES.length)]!,
        closed_on: closed,
        outcome_code: closed ? OUTCOMES[r.int(OUTCOMES.length)]! : null,
        stage: closed ? 'replied' : 'assigned',
        id_number_hmac: `h${i % 5000}`,
      });
    },
    async (rows) => {
      const events = rows.flatMap((c) =>
        c.closed_on && c.received_on
          ? [
              ['received', c.received_on, { channel: c.channel }],
              ['answered', c.closed_on, {}],
            ].map(([type, date, payload]) => ({
              id: newId(),
              org_id: c.org_id,
              case_id: c.id,
              seq: ++seq,
              type: type as string,
              event_date: date as string,
              payload: JSON.stringify(payload),
              public: 1,
              actor_id: null,
              actor_name: '基准',
              created_at: NOW,
            }))
          : [],
      );
      // Through the repository's insert, which keeps each case's clock_moved flag.
      for (let k = 0; k < events.length; k += BATCH) await insertEvents(db, events.slice(k, k + BATCH));
    },
  );
  await insert('interaction_items', counts.interaction, (i) => {
    const r = rngFor(19, 'letter', i);
    const org = orgs[r.int(orgs.length)]!;
    const received = r.int(DAYS);
    const replied = r.int(8) === 0 ? null : received + 1 + r.int(20);
    return {
      id: newId(),
      org_id: org.id,
      number: `HD-${i}`,
      query_code_hash: '!',
      kind: IKINDS[r.int(IKINDS.length)]!,
      channel: 'portal' as const,
      status: replied !== null && replied < DAYS ? ('replied' as const) : ('assigned' as const),
      subject: `基准来信${i}`,
      body: '内容',
      anonymous: 0,
      identity_enc: null,
      name_masked: null,
      contact_masked: null,
      notify_by: null,
      publish_consent: 0,
      submitted_at: `${day(received)}T02:00:00.000Z`,
      received_on: day(received),
      order_number: null,
      order_hash: null,
      external_due_on: null,
      accepted_on: null,
      decision_reason: null,
      transferred_to_org_id: null,
      merged_into_id: null,
      request_case_id: null,
      request_case_number: null,
      enforcement_ref: null,
      division_id: null,
      handler_id: null,
      draft_reply: null,
      draft_scan: null,
      scan_passed_at: null,
      signed_by: null,
      signed_at: null,
      reply: null,
      reply_unit: null,
      replied_on: replied !== null && replied < DAYS ? day(replied) : null,
      replied_at: null,
      answer_restart_on: null,
      reopen_count: 0,
      rating: replied !== null && replied < DAYS ? RATINGS[r.int(RATINGS.length)]! : null,
      rating_comment: null,
      rated_at: null,
      archived_on: null,
      published: 0,
      published_at: null,
      published_month: null,
      public_subject: null,
      public_question: null,
      public_reply: null,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    };
  });
  await insert('enforcement_decisions', counts.decisions, (i) => {
    const r = rngFor(19, 'decision', i);
    const org = orgs[r.int(orgs.length)]!;
    return buildDecision({
      org_id: org.id,
      kind: DKINDS[r.int(DKINDS.length)]!,
      decision_number: `基准〔${i}〕号`,
      decision_date: day(r.int(DAYS)),
      published_at: r.int(5) === 0 ? null : NOW,
    });
  });
  return { orgs, counts, loadSeconds: (Date.now() - started) / 1000 };
}

benchMain({
  name: 'statistics',
  scriptUrl: import.meta.url,
  args,
  now: NOW,
  async setup(ctx, log) {
    const { orgs, counts, loadSeconds } = await load(ctx, log);
    const year = resolvePeriod({ period: 'year', year: 2026 }, '2026-12-06');
    const quarter = resolvePeriod({ period: 'quarter', year: 2026, quarter: 3 }, '2026-12-06');
    const all = orgs.map((o) => ({ id: o.id, name: o.name }));
    const one = [all[7]!];
    const cases: BenchCase[] = [
      ['one agency, year 2026', () => computeStatistics(ctx, one, year)],
      ['one agency, quarter', () => computeStatistics(ctx, one, quarter)],
      [`roll-up of ${all.length} agencies, quarter`, () => computeStatistics(ctx, all, quarter)],
      [`roll-up of ${all.length} agencies, year 2026`, () => computeStatistics(ctx, all, year)],
    ];
    return { loadSeconds, cases, extra: () => ({ counts }) };
  },
});
