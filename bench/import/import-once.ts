/**
 * One measured import in a fresh process (so peak RSS is this run's alone), printed as JSON:
 *   node --import tsx bench/import/import-once.ts --file f.csv --db /tmp/x.db [--mode valid] [--baseline] [--repeat]
 * --db is a SQLite file path or a postgres:// URL (an empty database; it is migrated here).
 * --baseline: parse the file and INSERT the raw cells into a plain table (no validation, no staging,
 * no merge) — the floor the real import is compared with. --repeat: import the file twice (idempotency).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { systemClock } from '../../server/platform/clock.js';
import { systemActor } from '../../server/platform/actor.js';
import type { Ctx } from '../../server/platform/context.js';
import { createOrg } from '../../server/modules/orgs/orgs.service.js';
import * as orgRepo from '../../server/modules/orgs/orgs.repository.js';
import {
  createImportJob,
  importErrors,
  runImport,
} from '../../server/modules/enforcement/enforcement.import.js';
import { cellText } from '../../server/modules/enforcement/import.columns.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const file = arg('file')!;
const dbArg = arg('db')!;
const mode = (arg('mode') ?? 'valid') as 'all' | 'valid';
const database = openDatabase(
  dbArg.startsWith('postgres') ? { kind: 'postgres', url: dbArg } : { kind: 'sqlite', file: dbArg },
);
await migrateToLatest(database);
const ctx: Ctx = { db: database.db, dialect: database.dialect, clock: systemClock };
const startRss = process.memoryUsage().rss / 1048576;

async function* rows(): AsyncGenerator<string[]> {
  if (file.endsWith('.csv')) {
    for await (const r of createReadStream(file).pipe(
      parse({ bom: true, relax_column_count: true }),
    ) as AsyncIterable<string[]>)
      yield r;
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
      yield (row.values as unknown[]).slice(1).map(cellText);
    return;
  }
}

let result: Record<string, unknown>;
// CPU seconds and load averages next to the wall time: the machine is shared, so wall time alone says
// little about the code when other processes compete for the cores.
const cpu0 = process.cpuUsage();
const load0 = loadavg()[0]!;
const t0 = performance.now();
if (flag('baseline')) {
  await sql`CREATE TABLE IF NOT EXISTS bench_raw (${sql.raw(Array.from({ length: 15 }, (_, i) => `c${i} text`).join(', '))})`.execute(
    ctx.db,
  );
  let batch: Record<string, string>[] = [];
  let n = 0;
  const flush = async () => {
    const b = batch;
    batch = [];
    // bench_raw is the benchmark's own table, outside the schema's types
    await ctx.db
      .transaction()
      .execute((trx) =>
        (trx as unknown as Kysely<{ bench_raw: Record<string, string> }>)
          .insertInto('bench_raw')
          .values(b)
          .execute(),
      );
  };
  let header = true;
  for await (const cells of rows()) {
    if (header) {
      header = false;
      continue;
    }
    n++;
    batch.push(Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`c${i}`, cells[i] ?? ''])));
    if (batch.length >= 500) await flush();
  }
  if (batch.length) await flush();
  result = { kind: 'baseline', rows: n };
} else {
  const sys = systemActor('基准测试');
  const agency =
    (await orgRepo.findByCode(ctx.db, 'bench')) ??
    (await createOrg(ctx, sys, {
      parentId: null,
      kind: 'department',
      code: 'bench',
      name: '基准测试应急管理局',
    }));
  const actor = systemActor('基准测试', agency.id);
  const runs = [];
  for (let i = 0; i < (flag('repeat') ? 2 : 1); i++) {
    const s = performance.now();
    const job = await createImportJob(ctx, actor, { fileName: path.basename(file), mode, orgId: agency.id });
    // Seconds spent in each phase (reading = parse + validate + stage; checking; merging = the commit).
    const phases: Record<string, { seconds: number; cpuSeconds: number }> = {};
    let phase = 'reading';
    let phaseAt = s;
    let phaseCpu = process.cpuUsage();
    const endPhase = () => {
      const c = process.cpuUsage(phaseCpu);
      phases[phase] = {
        seconds: (performance.now() - phaseAt) / 1000,
        cpuSeconds: (c.user + c.system) / 1e6,
      };
      phaseAt = performance.now();
      phaseCpu = process.cpuUsage();
    };
    const done = await runImport(ctx, actor, job, file, (p) => {
      if (p.phase === phase) return;
      endPhase();
      phase = p.phase;
    });
    endPhase();
    const errorRows = new Set<number>();
    for await (const e of importErrors(ctx, job.id)) errorRows.add(e.row_no);
    let exact: boolean | null = null;
    try {
      const expected = JSON.parse(readFileSync(`${file}.bad.json`, 'utf8')) as number[];
      exact = expected.length === errorRows.size && expected.every((r) => errorRows.has(r));
    } catch {
      exact = null;
    }
    runs.push({
      seconds: (performance.now() - s) / 1000,
      phases,
      status: done.status,
      rows: done.processed_rows,
      inserted: done.inserted_rows,
      updated: done.updated_rows,
      unchanged: done.unchanged_rows,
      errorRows: done.error_rows,
      errorReportExact: exact,
    });
  }
  const count = await ctx.db
    .selectFrom('enforcement_decisions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  result = { kind: 'import', mode, runs, decisionsInTable: Number(count?.n), rows: runs[0]!.rows };
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const runSeconds = ((result.runs ?? []) as { seconds: number }[]).map((r) => r.seconds);
await database.close();
console.log(
  JSON.stringify({
    ...result,
    file: path.basename(file),
    dialect: database.dialect,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    load: [load0, loadavg()[0]!].map((l) => Math.round(l * 10) / 10),
    // With --repeat: the first import's rate (the re-import of unchanged rows is reported apart).
    rowsPerSecond: Math.round(Number(result.rows) / (runSeconds[0] ?? seconds)),
    ...(runSeconds[1] ? { reimportRowsPerSecond: Math.round(Number(result.rows) / runSeconds[1]) } : {}),
    startRssMb: Math.round(startRss),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
