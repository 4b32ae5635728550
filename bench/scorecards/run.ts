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
import { buildCase, buildCatalogItem, buildDecision, buildOrg } from '../../test/factories.js';
import { rngFor } from '../generate/prng.js';
import { createBenchDatabase, postgresReachable } from '../lib/db.js';
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
const NOW = '2026-12-07T02:00:00.000Z';
const BATCH = 500;
const DAY0 = Date.UTC(2025, 0, 1);
const DAYS = 705; // 2025-01-01 … 2026-12-06

const day = (n: number) => new Date(DAY0 + n * 86400_000).toISOString().slice(0, 10);
const IKINDS = ['mailbox', 'consult', 'complaint', 'hotline', 'site_error'] as const;
const DKINDS = ['license', 'penalty', 'coercion'] as const;

async function load(ctx: Ctx, log: (s: string) => void) {
  const db = ctx.db;
  const gov = buildOrg({ kind: 'government', name: '基准市人民政府', code: 'bench-gov' });
  const orgs = [gov];
  for (let i = 1; i < AGENCIES; i++)
    orgs.push(buildOrg({ parent_id: gov.id, name: `基准市第${i}局`, code: `bench-${i}`, sort_order: i }));
  for (let i = 0; i < orgs.length; i += BATCH)
    await db
      .insertInto('orgs')
      .values(orgs.slice(i, i + BATCH))
      .execute();
  // Per agency: 政策文件 (periodic) with a child, 通知公告 (periodic), 工作动态 (dynamic), 规划计划 (blank).
  const columns: { id: string; org: string }[] = [];
  const colRows = orgs.flatMap((o) => {
    const [top1, child, top2, dyn, blank] = [newId(), newId(), newId(), newId(), newId()];
    columns.push({ id: child, org: o.id }, { id: top2, org: o.id }, { id: dyn, org: o.id });
    const common = {
      org_id: o.id,
      art20_items: '[]',
      second_approval: 0,
      channels: '["portal"]',
      description: null,
      retired_at: null,
      created_at: NOW,
      updated_at: NOW,
    };
    const col = (
      id: string,
      parent: string | null,
      code: string,
      name: string,
      depth: number,
      cls: 'periodic' | 'dynamic',
      sort: number,
    ) => ({
      id,
      parent_id: parent,
      code,
      name,
      depth,
      sort_order: sort,
      update_class: cls,
      ...common,
    });
    return [
      col(top1, null, 'zcwj', '政策文件', 1, 'periodic', 0),
      col(child, top1, 'gfxwj', '规范性文件', 2, 'periodic', 0),
      col(top2, null, 'tzgg', '通知公告', 1, 'periodic', 1),
      col(dyn, null, 'gzdt', '工作动态', 1, 'dynamic', 2),
      col(blank, null, 'ghjh', '规划计划', 1, 'periodic', 3),
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
    const r = rngFor(41, 'item', i);
    const col = columns[r.int(columns.length)]!;
    const p = r.int(DAYS);
    // Most published within 3 weeks of 成文日期, one in eight later (late under 第二十六条).
    const g = Math.max(0, p - (r.int(8) === 0 ? 30 + r.int(60) : r.int(20)));
    return buildCatalogItem({
      org_id: col.org,
      column_id: col.id,
      status: 'published',
      generated_on: day(g),
      published_on: day(p),
      published_at: `${day(p)}T02:00:00.000Z`,
      title: `基准信息${i}`,
    });
  });
  let seq = 0;
  await insert(
    'request_cases',
    counts.requests,
    (i) => {
      const r = rngFor(41, 'case', i);
      const org = orgs[r.int(orgs.length)]!;
      const received = r.int(DAYS);
      // Open only when received in the last 40 days (a real register), else answered in 3–55 days.
      const open = received > DAYS - 40 && r.int(2) === 0;
      const took = r.int(6) === 0 ? 25 + r.int(30) : 3 + r.int(22);
      const closed = !open && received + took < DAYS ? day(received + took) : null;
      return buildCase({
        org_id: org.id,
        case_number: `B-${i}`,
        received_on: day(received),
        closed_on: closed,
        outcome_code: closed ? 'provided' : null,
        stage: closed ? 'replied' : 'assigned',
        id_number_hmac: `h${i % 5000}`,
      });
    },
    async (rows) => {
      const events = rows.flatMap((c) =>
        (
          [
            ['received', c.received_on!, { channel: c.channel }],
            ...(c.closed_on ? [['answered', c.closed_on, {}]] : []),
          ] as [string, string, object][]
        ).map(([type, date, payload]) => ({
          id: newId(),
          org_id: c.org_id,
          case_id: c.id,
          seq: ++seq,
          type,
          event_date: date,
          payload: JSON.stringify(payload),
          public: 1,
          actor_id: null,
          actor_name: '基准',
          created_at: NOW,
        })),
      );
      for (let k = 0; k < events.length; k += BATCH)
        await db
          .insertInto('request_events')
          .values(events.slice(k, k + BATCH))
          .execute();
    },
  );
  await insert('interaction_items', counts.interaction, (i) => {
    const r = rngFor(41, 'letter', i);
    const org = orgs[r.int(orgs.length)]!;
    const received = r.int(DAYS);
    const open = received > DAYS - 30 && r.int(2) === 0;
    const replied = open ? null : Math.min(DAYS, received + 1 + r.int(20));
    return {
      id: newId(),
      org_id: org.id,
      number: `HD-${i}`,
      query_code_hash: '!',
      kind: IKINDS[r.int(IKINDS.length)]!,
      channel: 'portal' as const,
      status: open ? ('assigned' as const) : ('replied' as const),
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
      accepted_on: day(received),
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
      replied_on: replied === null ? null : day(replied),
      replied_at: null,
      answer_restart_on: null,
      reopen_count: 0,
      rating: null,
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
    const r = rngFor(41, 'decision', i);
    const org = orgs[r.int(orgs.length)]!;
    const d = r.int(DAYS);
    const unpublished = d > DAYS - 30 && r.int(3) === 0;
    return buildDecision({
      org_id: org.id,
      kind: DKINDS[r.int(DKINDS.length)]!,
      decision_number: `基准〔${i}〕号`,
      decision_date: day(d),
      publish_due: day(Math.min(d + 9, DAYS + 20)),
      pub_state: unpublished ? 'review' : 'published',
      published_at: unpublished ? null : `${day(Math.min(d + r.int(12), DAYS))}T02:00:00.000Z`,
    });
  });
  return { orgs, counts, loadSeconds: (Date.now() - started) / 1000 };
}

async function runEngine(dialect: DialectName) {
  const log = (s: string) => console.error(`[${dialect}] ${s}`);
  mkdirSync(DIR, { recursive: true });
  const bench = await createBenchDatabase(dialect, `scorecards_${ITEMS}`, { workDir: DIR, postgresUrl: PG });
  const database = bench.open();
  const ctx: Ctx = { db: database.db, dialect, clock: fixedClock(NOW) };
  try {
    const { orgs, counts, loadSeconds } = await load(ctx, log);
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
