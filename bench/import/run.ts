/**
 * The import benchmark: generates the seeded files (100,000-row .xlsx with 1 % bad rows, 1,000,000-row
 * CSV) and measures each case in its own process (rows/s, peak RSS) against a raw-INSERT baseline.
 *   node --import tsx bench/import/run.ts [--quick] [--pg postgres://…/db]   (results in bench/import/results.json)
 * --quick uses 10,000 / 100,000 rows. --pg also runs the cases on PostgreSQL, each in a fresh database
 * named after the one in the URL (…/gk_imp → gk_imp_x_valid, …), created and dropped through that URL.
 * Each case's line has wall seconds, CPU seconds (user + system of that process) and the 1-minute load
 * average at its start and end: the build machine is shared, so compare cases run close together.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generate } from './generate.js';

const quick = process.argv.includes('--quick');
const pgIndex = process.argv.indexOf('--pg');
const pgUrl = pgIndex > 0 ? process.argv[pgIndex + 1] : undefined;
const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(HERE, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'gk-import-bench-'));

const XLSX_ROWS = quick ? 10_000 : 100_000;
const CSV_ROWS = quick ? 100_000 : 1_000_000;

const created: string[] = [];

async function fresh(kind: 'sqlite' | 'postgres', name: string): Promise<string> {
  if (kind === 'sqlite') return path.join(dir, `${name}.db`);
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const base = new URL(pgUrl!).pathname.slice(1) || 'gk_import_bench';
  const db = `${base}_${name.replace(/\W/g, '_')}`;
  created.push(db);
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const u = new URL(pgUrl!);
  u.pathname = `/${db}`;
  return u.toString();
}

function once(args: string[]): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'import-once.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const line = out.trim().split('\n').pop()!;
  const r = JSON.parse(line) as Record<string, unknown>;
  console.log(JSON.stringify(r));
  return r;
}

const xlsx = path.join(dir, `decisions-${XLSX_ROWS}.xlsx`);
const csv = path.join(dir, `decisions-${CSV_ROWS}.csv`);
const load0 = loadavg().map((l) => Math.round(l * 100) / 100);
const t = Date.now();
await generate({ rows: XLSX_ROWS, format: 'xlsx', bad: 0.01, seed: 2026, out: xlsx });
await generate({ rows: CSV_ROWS, format: 'csv', bad: 0.01, seed: 2027, out: csv });
console.log(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);

const results: Record<string, unknown>[] = [];
const add = (label: string, r: Record<string, unknown>) => results.push({ label, ...r });
add(
  'xlsx all-or-nothing (rejected)',
  once(['--file', xlsx, '--db', await fresh('sqlite', 'x-all'), '--mode', 'all']),
);
add(
  'xlsx valid rows, imported twice',
  once(['--file', xlsx, '--db', await fresh('sqlite', 'x-valid'), '--mode', 'valid', '--repeat']),
);
add(
  'xlsx raw INSERT baseline',
  once(['--file', xlsx, '--db', await fresh('sqlite', 'x-base'), '--baseline']),
);
add('csv valid rows', once(['--file', csv, '--db', await fresh('sqlite', 'c-valid'), '--mode', 'valid']));
add('csv raw INSERT baseline', once(['--file', csv, '--db', await fresh('sqlite', 'c-base'), '--baseline']));
if (pgUrl) {
  add(
    'pg: xlsx valid rows, imported twice',
    once(['--file', xlsx, '--db', await fresh('postgres', 'x_valid'), '--mode', 'valid', '--repeat']),
  );
  add(
    'pg: xlsx raw INSERT baseline',
    once(['--file', xlsx, '--db', await fresh('postgres', 'x_base'), '--baseline']),
  );
  add(
    'pg: csv valid rows',
    once(['--file', csv, '--db', await fresh('postgres', 'c_valid'), '--mode', 'valid']),
  );
  add(
    'pg: csv raw INSERT baseline',
    once(['--file', csv, '--db', await fresh('postgres', 'c_base'), '--baseline']),
  );
}
if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  for (const db of created) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
}
const outFile = path.join(HERE, quick ? 'results.quick.json' : 'results.json');
writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      load: { start: load0, end: loadavg().map((l) => Math.round(l * 100) / 100) },
      xlsxRows: XLSX_ROWS,
      csvRows: CSV_ROWS,
      results,
    },
    null,
    2,
  ),
);
console.log(`results: ${outFile}`);
if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
