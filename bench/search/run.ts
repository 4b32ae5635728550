/**
 * Search benchmark: loads N generated documents straight into the search index (the real
 * SearchIndex.upsertMany, one transaction per 1000 documents) and times the public query (count + page of 20 +
 * snippets) for two-character words, AND queries and phrases with filters, against a naive
 * `LIKE '%…%'` scan of the same table. Prints p50/p99 as a Markdown table for docs/performance.md.
 *
 *   node --import tsx bench/search/run.ts --n 100000 --dialect sqlite
 *   node --import tsx bench/search/run.ts --n 100000 --dialect postgres --url postgres://postgres@127.0.0.1:5432/postgres
 *
 * Options: --reuse (keep an existing dataset), --load-only, --iterations N (30), --like-iterations N (5),
 * --out bench/search/results/<dialect>-<n>.json (raw numbers, load average included).
 *
 * The databases are created fresh (a file under /tmp for SQLite, database gk_search_bench_<n> on the
 * server) unless --reuse is given and the data is already there.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase, type Database, type DialectName } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { searchIndexFor } from '../../server/modules/search/search.engines.js';
import type { SearchFilters, SearchIndex } from '../../server/modules/search/search.index.js';
import { adminQuery, withDatabase } from '../../test/pg-admin.js';
import { fmt, markdownTable, summarize, timeCalls } from '../lib/stats.js';
import { benchDocument, PUBLISHERS } from './generate.js';

const ORG_ID = '00000000-0000-7000-8000-00000000b001';
const NOW = '2026-06-01T00:00:00.000Z';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function open(
  dialect: DialectName,
  n: number,
  reuse: boolean,
): Promise<{ database: Database; fresh: boolean }> {
  if (dialect === 'sqlite') {
    const file = `/tmp/gk-search-bench-${n}.sqlite`;
    const fresh = !(reuse && existsSync(file));
    if (fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const database = openDatabase({ kind: 'sqlite', file });
    return { database, fresh };
  }
  const url = arg('url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `gk_search_bench_${n}`;
  if (!reuse) await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  let fresh = !reuse;
  try {
    await adminQuery(url, `CREATE DATABASE ${name}`);
    fresh = true;
  } catch {
    // exists (reuse)
  }
  return { database: openDatabase({ kind: 'postgres', url: withDatabase(url, name) }), fresh };
}

async function load(database: Database, index: SearchIndex, n: number, seed: number): Promise<number> {
  const db = database.db;
  await db
    .insertInto('orgs')
    .values({
      id: ORG_ID,
      parent_id: null,
      kind: 'department',
      code: 'bench',
      name: '基准测试机关',
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
      is_default: 0,
      sort_order: 0,
      retired_at: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  const started = Date.now();
  const batch = 1000;
  for (let from = 0; from < n; from += batch) {
    const docs = [];
    for (let i = from; i < Math.min(n, from + batch); i++) docs.push(benchDocument(seed, i, n, ORG_ID));
    // One transaction per batch, multi-row inserts (the path of `gongkai search reindex`).
    await index.upsertMany(db, docs, NOW);
    if ((from / batch) % 10 === 0) process.stderr.write(`\r  loaded ${from + batch}/${n}`);
  }
  process.stderr.write('\n');
  if (database.dialect === 'postgres') await sql`ANALYZE search_documents`.execute(db);
  else await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(db);
  return (Date.now() - started) / 1000;
}

/**
 * Runs `run` and records the process CPU time it took (ms): on a machine shared with other work the
 * wall time includes waiting for a core, the CPU time of the in-process SQLite engine does not.
 */
async function withCpu<T>(into: number[], run: () => Promise<T>): Promise<T> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  into.push((used.user + used.system) / 1000);
  return result;
}

interface Case {
  group: string;
  q: string;
  filters?: SearchFilters;
  order?: 'newest' | 'relevance';
  /** LIKE terms (the words as typed). */
  like: string[];
}

const CASES: Case[] = [
  { group: '2-char word (frequent)', q: '安全', like: ['安全'] },
  { group: '2-char word (frequent)', q: '应急', like: ['应急'] },
  { group: '2-char word (medium)', q: '地震', like: ['地震'] },
  { group: '2-char word (medium)', q: '燃气', like: ['燃气'] },
  { group: '2-char part of a name (~3%)', q: '鑫达', like: ['鑫达'] },
  { group: 'AND of words', q: '危险化学品 检查', like: ['危险化学品', '检查'] },
  { group: 'AND of words', q: '防汛 应急预案', like: ['防汛', '应急预案'] },
  { group: 'AND of words', q: '森林防火 巡山', like: ['森林防火', '巡山'] },
  { group: 'phrase + filter', q: '"应急预案"', filters: { year: 2023 }, like: ['应急预案'] },
  { group: 'phrase + filter', q: '"安全生产"', filters: { columnId: 'col-3' }, like: ['安全生产'] },
  { group: 'phrase + filter', q: '"液氨制冷"', filters: { publisher: PUBLISHERS[1] }, like: ['液氨制冷'] },
  {
    group: 'phrase + filter',
    q: '"重大事故隐患"',
    filters: { validity: 'valid', year: 2020 },
    like: ['重大事故隐患'],
  },
  // The slow cases of docs/performance.md finding 8.
  { group: 'phrase + filter', q: '"安全生产责任制"', filters: { year: 2025 }, like: ['安全生产责任制'] },
  { group: '3-word AND', q: '消防 培训 企业', like: ['消防', '培训', '企业'] },
  { group: 'relevance order', q: '安全', order: 'relevance', like: ['安全'] },
];

/**
 * The naive alternative: substring scan over title/body/extra, same filters, newest first, with a count.
 * `cap`: the count stops there, as the index's does (issue 14, item 11: comparing the index's capped count
 * with an exact LIKE count flattered the index); without it the count is exact (the old column, kept).
 */
async function likeQuery(database: Database, c: Case, cap?: number): Promise<void> {
  const db = database.db;
  let base = db.selectFrom('search_documents').where('org_id', '=', ORG_ID);
  for (const w of c.like) {
    const pattern = `%${w}%`;
    base = base.where((eb) =>
      eb.or([eb('title', 'like', pattern), eb('body', 'like', pattern), eb('extra', 'like', pattern)]),
    );
  }
  const f = c.filters ?? {};
  if (f.year) base = base.where('year', '=', f.year);
  if (f.columnId) base = base.where('column_id', '=', f.columnId);
  if (f.publisher) base = base.where('publisher', '=', f.publisher);
  if (f.validity) base = base.where('validity', '=', f.validity);
  if (cap === undefined) await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  else
    await db
      .selectFrom(
        base
          .select(sql<number>`1`.as('one'))
          .limit(cap)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
  await base.select(['sort_key', 'title', 'body']).orderBy('sort_key', 'desc').limit(20).execute();
}

async function main(): Promise<void> {
  const n = Number(arg('n', '100000'));
  const dialect = arg('dialect', 'sqlite') as DialectName;
  const seed = Number(arg('seed', '20261123'));
  const iterations = Number(arg('iterations', '30'));
  const likeIterations = Number(arg('like-iterations', '5'));
  const reuse = process.argv.includes('--reuse');

  const { database, fresh } = await open(dialect, n, reuse);
  const index = searchIndexFor(dialect);
  try {
    let loadSeconds: number | null = null;
    // Also on reused data: later migrations (indexes) apply to an existing dataset.
    await migrateToLatest(database);
    if (fresh) {
      process.stderr.write(`${dialect}: loading ${n} documents (seed ${seed})\n`);
      loadSeconds = await load(database, index, n, seed);
      process.stderr.write(`${dialect}: loaded in ${fmt(loadSeconds, 0)} s\n`);
    }
    if (process.argv.includes('--load-only')) return;
    const rows: (string | number)[][] = [];
    const results: Record<string, unknown>[] = [];
    const loadBefore = os.loadavg();
    const search = (c: Case, page = 1) =>
      index.search(database.db, {
        q: c.q,
        orgIds: [ORG_ID],
        filters: c.filters,
        order: c.order,
        now: NOW,
        page,
      });
    for (const c of CASES) {
      const sample = await search(c);
      const cpu: number[] = [];
      const idx = summarize(await timeCalls(() => withCpu(cpu, () => search(c)), iterations));
      const idxCpu = summarize(cpu.slice(-iterations));
      const page25 = summarize(await timeCalls(() => search(c, 25), Math.max(5, Math.floor(iterations / 3))));
      const like = summarize(await timeCalls(() => likeQuery(database, c), likeIterations, 1));
      // The same count cap as the index answered with (it reports "N+" when it stopped at N).
      const cap = sample.totalCapped ? sample.total : 1000;
      const likeCpu: number[] = [];
      const likeCapped = summarize(
        await timeCalls(() => withCpu(likeCpu, () => likeQuery(database, c, cap)), likeIterations, 1),
      );
      const likeCappedCpu = summarize(likeCpu.slice(-likeIterations));
      const label =
        `\`${c.q}\`` +
        (c.filters ? ' ' + JSON.stringify(c.filters).replace(/"/g, '') : '') +
        (c.order === 'relevance' ? ' (relevance)' : '');
      const matches = `${sample.total}${sample.totalCapped ? '+' : ''}`;
      rows.push([
        c.group,
        label,
        matches,
        fmt(idx.p50),
        fmt(idx.p99),
        ...(dialect === 'sqlite' ? [fmt(idxCpu.p50)] : []),
        fmt(page25.p50),
        fmt(like.p50),
        fmt(like.p99),
        `${fmt(like.p50 / idx.p50, 0)}×`,
        fmt(likeCapped.p50),
        fmt(likeCapped.p99),
        ...(dialect === 'sqlite' ? [fmt(likeCappedCpu.p50)] : []),
        `${fmt(likeCapped.p50 / idx.p50, 1)}×`,
      ]);
      results.push({
        ...c,
        matches,
        index: idx,
        indexCpu: dialect === 'sqlite' ? idxCpu : undefined,
        page25,
        like,
        likeCapped: { cap, ...likeCapped },
        likeCappedCpu: dialect === 'sqlite' ? likeCappedCpu : undefined,
      });
      process.stderr.write(
        `  ${label}: index p50 ${fmt(idx.p50)} p99 ${fmt(idx.p99)} ms, LIKE p50 ${fmt(like.p50)} ms\n`,
      );
    }
    const loadAfter = os.loadavg();
    const size =
      dialect === 'sqlite'
        ? `${fmt(Number((await sql<{ s: number }>`SELECT page_count * page_size AS s FROM pragma_page_count(), pragma_page_size()`.execute(database.db)).rows[0]!.s) / 1e6, 0)} MB database file`
        : `${fmt(Number((await sql<{ s: string }>`SELECT pg_database_size(current_database()) AS s`.execute(database.db)).rows[0]!.s) / 1e6, 0)} MB database`;
    console.log(
      `\n### ${dialect === 'sqlite' ? 'SQLite (FTS5)' : 'PostgreSQL (tsvector + GIN)'}, ${n.toLocaleString('en-US')} documents\n`,
    );
    console.log(
      `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ${size}` +
        (loadSeconds !== null
          ? `; loaded in ${fmt(loadSeconds, 0)} s (${fmt(n / loadSeconds, 0)} docs/s, jieba included)`
          : '') +
        `. Times in ms per query: count (up to 1000; 5 pages ahead, i.e. 100, where counting is costly: phrases, 3+ words, non-year filters, and on PostgreSQL words in a few per cent of documents; relevance: the 200 ranked candidates) + first page of 20 + snippets${dialect === 'sqlite' ? '; "index CPU" is the process CPU time per query' : ''}; "page 25" is the 25th page; LIKE is \`title/body/extra LIKE '%word%'\` with the same filters, exact count + first page; "capped LIKE" counts only up to the index's own cap for that query (the number shown with "+", else 1000), the fair comparison.\n`,
    );
    console.log(
      markdownTable(
        [
          'query kind',
          'query',
          'matches',
          'index p50',
          'index p99',
          ...(dialect === 'sqlite' ? ['index CPU p50'] : []),
          'page 25 p50',
          'LIKE p50',
          'LIKE p99',
          'LIKE / index',
          'capped LIKE p50',
          'capped LIKE p99',
          ...(dialect === 'sqlite' ? ['capped LIKE CPU p50'] : []),
          'capped LIKE / index',
        ],
        rows,
      ),
    );
    const loadText = `load average (1/5/15 min) ${loadBefore.map((x) => x.toFixed(1)).join(' / ')} before, ${loadAfter.map((x) => x.toFixed(1)).join(' / ')} after`;
    console.log(`\n${iterations} timed calls per query (${likeIterations} for LIKE); ${loadText}.`);
    const out = arg('out', '');
    if (out) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(
        out,
        JSON.stringify(
          {
            dialect,
            documents: n,
            seed,
            at: new Date().toISOString(),
            machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}`,
            loadavg: { before: loadBefore, after: loadAfter },
            size,
            loadSeconds,
            iterations,
            likeIterations,
            results,
          },
          null,
          2,
        ) + '\n',
      );
    }
  } finally {
    await database.close();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
