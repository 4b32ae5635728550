/**
 * 互动交流 public letter list and search at scale (issue 16 "Must show"): loads N published letters
 * (rows of interaction_items plus their documents in the shared search index, both through the module's
 * own code paths: repository inserts and SearchIndex.upsertMany) into a SQLite file, then times the
 * uncached public page — the service call plus rendering the HTML page — for list and search cases.
 *
 *   node --import tsx bench/interaction/run.ts --n 1000000 [--dir /tmp/gk-bench] [--reuse] [--iterations 200]
 *
 * Results: bench/interaction/results/sqlite-<n>.json and a Markdown table on stdout (docs/performance.md
 * is edited by hand from them).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { fixedClock } from '../../server/platform/clock.js';
import type { Ctx } from '../../server/platform/context.js';
import { searchIndexFor } from '../../server/modules/search/search.engines.js';
import type { SearchDocument } from '../../server/modules/search/search.index.js';
import { renderDocument } from '../../server/modules/portal/portal.pages.js';
import type { PageContext } from '../../server/modules/portal/portal.layout.js';
import {
  letterDocument,
  publicLetters,
  type PublicLetterQuery,
} from '../../server/modules/interaction/publication.js';
import { LettersPage } from '../../server/modules/interaction/interaction.portal.js';
import type { ItemRow } from '../../server/modules/interaction/interaction.repository.js';
import type { InteractionKind } from '../../server/modules/interaction/interaction.tables.js';
import { rngFor } from '../generate/prng.js';
import { PLACES, TOPICS, sentencePool } from '../generate/vocab.js';
import { fmt, markdownTable, summarize, timeCalls } from '../lib/stats.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg('n', '100000'));
const DIR = arg('dir', path.join(os.tmpdir(), 'gk-bench-interaction'));
const ITERATIONS = Number(arg('iterations', '200'));
const REUSE = process.argv.includes('--reuse');
const SEED = 16;
const KINDS: InteractionKind[] = ['mailbox', 'consult', 'complaint', 'site_error'];
/** Letters are spread over 2016-01 … 2026-11 (131 months), newest last. */
const START_MS = Date.UTC(2016, 0, 1);
const END_MS = Date.UTC(2026, 10, 30);

function letter(i: number, orgId: string): ItemRow {
  const rng = rngFor(SEED, 'letter', i);
  const sentences = sentencePool();
  const topic = TOPICS[rng.int(TOPICS.length)]!;
  const place = PLACES[rng.int(PLACES.length)]!;
  const kind = KINDS[rng.int(KINDS.length)]!;
  const ms = Math.floor(START_MS + (i * (END_MS - START_MS)) / N);
  const publishedAt = new Date(ms).toISOString();
  const received = new Date(ms - 10 * 86400_000).toISOString().slice(0, 10);
  const replied = new Date(ms - 86400_000).toISOString().slice(0, 10);
  const q: string[] = [];
  for (let k = rng.between(2, 5); k > 0; k--) q.push(sentences[rng.int(sentences.length)]!);
  const r: string[] = [];
  for (let k = rng.between(2, 5); k > 0; k--) r.push(sentences[rng.int(sentences.length)]!);
  const subject = `关于${place}${topic}的${['建议', '咨询', '反映', '问题'][rng.int(4)]}`;
  return {
    id: `bench-${String(i).padStart(8, '0')}`,
    org_id: orgId,
    number: `BENCH-HD-${String(i).padStart(8, '0')}`,
    query_code_hash: 'h1.x.x',
    kind,
    channel: 'portal',
    status: 'archived',
    subject,
    body: q.join('。'),
    anonymous: 0,
    identity_enc: null,
    name_masked: null,
    contact_masked: null,
    notify_by: null,
    publish_consent: 1,
    submitted_at: `${received}T01:00:00.000Z`,
    received_on: received,
    order_number: null,
    order_hash: null,
    external_due_on: null,
    accepted_on: received,
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
    reply: r.join('。'),
    reply_unit: '示例市应急管理局办公室',
    replied_on: replied,
    replied_at: `${replied}T02:00:00.000Z`,
    answer_restart_on: null,
    reopen_count: 0,
    rating: 'satisfied',
    rating_comment: null,
    rated_at: null,
    archived_on: replied,
    published: 1,
    published_at: publishedAt,
    published_month: new Date(ms + 8 * 3600_000).toISOString().slice(0, 7),
    public_subject: subject,
    public_question: q.join('。'),
    public_reply: r.join('。'),
    created_by: null,
    created_at: publishedAt,
    updated_at: publishedAt,
  };
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `interaction-${N}.db`);
  const fresh = !REUSE || !existsSync(file);
  const database = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database);
  const clock = fixedClock('2026-12-01T02:00:00Z');
  const ctx: Ctx = { db: database.db, dialect: 'sqlite', clock };
  let loadSeconds: number | null = null;
  let orgId: string;
  if (fresh) {
    orgId = 'bench-org';
    const at = '2026-12-01T02:00:00.000Z';
    const none = {
      short_name: null,
      credit_code: null,
      address: null,
      postcode: null,
      office_hours: null,
      phone: null,
      fax: null,
      email: null,
      portal_host: null,
      footer_sponsor: null,
      site_code: null,
      icp_number: null,
      police_record_number: null,
      retired_at: null,
    };
    await database.db
      .insertInto('orgs')
      .values({
        id: orgId,
        parent_id: null,
        kind: 'department',
        code: 'bench-hd',
        name: '示例市应急管理局',
        is_default: 1,
        sort_order: 0,
        created_at: at,
        updated_at: at,
        ...none,
      })
      .execute();
    const index = searchIndexFor('sqlite');
    const started = Date.now();
    const BATCH = 1000;
    for (let from = 0; from < N; from += BATCH) {
      const rows: ItemRow[] = [];
      for (let i = from; i < Math.min(N, from + BATCH); i++) rows.push(letter(i, orgId));
      await database.db.transaction().execute(async (trx) => {
        // 60 columns per row: 15 rows per statement stay under SQLite's parameter limit comfortably.
        for (let k = 0; k < rows.length; k += 15)
          await trx
            .insertInto('interaction_items')
            .values(rows.slice(k, k + 15))
            .execute();
        const docs: SearchDocument[] = rows.map(letterDocument);
        await index.upsertMany(trx, docs, '2026-12-01T02:00:00.000Z');
      });
      if ((from / BATCH) % 20 === 0)
        process.stderr.write(
          `\r  loaded ${from + BATCH}/${N} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
    process.stderr.write('\n');
    await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(database.db);
    await sql`ANALYZE`.execute(database.db);
    loadSeconds = (Date.now() - started) / 1000;
  } else {
    orgId = (
      await database.db
        .selectFrom('orgs')
        .select('id')
        .where('code', '=', 'bench-hd')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const agency = await database.db
    .selectFrom('orgs')
    .selectAll()
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const page: PageContext = {
    agency,
    base: '',
    nav: [{ href: '/', label: '首页' }],
    prefs: { largeFont: false, highContrast: false },
    path: '/hudong/letters',
  };
  const months = ['2026-11', '2021-06', '2018-03'];

  const cases: { name: string; q: Omit<PublicLetterQuery, 'orgId' | 'pageSize'> }[] = [
    { name: 'list, page 1', q: { page: 1 } },
    { name: 'list, page 50', q: { page: 50 } },
    { name: 'list, kind 咨询', q: { page: 1, kind: 'consult' } },
    { name: 'list, month 2021-06', q: { page: 1, month: months[1] } },
    { name: 'list, kind + month', q: { page: 2, kind: 'complaint', month: months[2] } },
    { name: 'search 安全 (frequent word)', q: { page: 1, q: '安全' } },
    { name: 'search 危险化学品 检查', q: { page: 1, q: '危险化学品 检查' } },
    { name: 'search 燃气 + kind', q: { page: 1, q: '燃气', kind: 'mailbox' } },
    { name: 'search 应急预案 + month', q: { page: 1, q: '应急预案', month: months[1] } },
    { name: 'search 地震, page 10', q: { page: 10, q: '地震' } },
  ];
  const rows: (string | number)[][] = [];
  const results: Record<string, unknown> = {};
  for (const c of cases) {
    let total = 0;
    const run = async () => {
      const result = await publicLetters(ctx, { orgId, pageSize: 20, ...c.q });
      total = result.total;
      renderDocument(
        LettersPage({
          ctx: page,
          q: c.q.q ?? '',
          kind: c.q.kind ?? '',
          month: c.q.month ?? '',
          months,
          page: c.q.page,
          result,
        }),
      );
    };
    // Wall time per call, and the process CPU time per call: on a machine shared with other work the wall
    // time includes waiting for a core; the CPU time of the in-process SQLite engine does not.
    const cpu: number[] = [];
    const timed = async () => {
      const before = process.cpuUsage();
      await run();
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    };
    const s = summarize(await timeCalls(timed, ITERATIONS, 5));
    const c2 = summarize(cpu.slice(5));
    results[c.name] = { ...s, total, cpu: c2 };
    rows.push([c.name, total, fmt(s.p50), fmt(s.p99), fmt(c2.p50), fmt(c2.p99)]);
  }
  const count = Number(
    (
      await database.db
        .selectFrom('interaction_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const out = {
    n: count,
    loadSeconds,
    iterations: ITERATIONS,
    at: new Date().toISOString(),
    loadavg: os.loadavg(),
    cpus: os.cpus().length,
    node: process.version,
    results,
  };
  const resultsDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, `sqlite-${N}.json`), JSON.stringify(out, null, 2) + '\n');
  console.log(
    `\n互动交流 public letters, SQLite, ${count.toLocaleString('en')} letters${loadSeconds ? `, loaded in ${loadSeconds.toFixed(0)} s` : ''}, ${ITERATIONS} calls each (ms, service + page render):\n`,
  );
  console.log(
    markdownTable(['case', 'matches (capped)', 'wall p50', 'wall p99', 'CPU p50', 'CPU p99'], rows),
  );
  await database.close();
}

await main();
