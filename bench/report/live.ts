/**
 * The annual report on a generated dataset (bench/generate), timed phase by phase:
 *   node --import tsx bench/report/live.ts <sqlite:/path/file.db | postgres://…/db> [--year 2025] [--n 5]
 *        [--no-migrate] [--render] [--consolidated]
 * Migrates the database to the latest schema first (a dataset built before a new migration gets its
 * indexes), then times each module's facts, every step of `generate` as the service runs it (facts,
 * last year's tables, tables + checks + narrative, ledger rules, chart, JSON of the stored fields,
 * the storing transaction) and the whole `generate` call, for the main agency. `--render` adds the
 * four output files (what publish and the downloads render); `--consolidated` generates the other
 * agencies' working reports once and times the government's consolidated report (R13) over them.
 */
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { openDatabase, type Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { fixedClock } from '../../server/platform/clock.js';
import { userActor } from '../../server/platform/actor.js';
import type { Ctx } from '../../server/platform/context.js';
import * as reports from '../../server/modules/annual-report/annual-report.service.js';
import { liveSources } from '../../server/modules/annual-report/report-sources.js';
import { formatForYear } from '../../server/modules/annual-report/formats/registry.js';
import { generateReport, ledgerFindings } from '../../server/modules/annual-report/generator.js';
import { toReportDocument } from '../../server/modules/annual-report/render/model.js';
import { OUTPUT_KINDS, renderOutput } from '../../server/modules/annual-report/render/index.js';
import { GENERATED_AT, MAIN_AGENCY_CODE } from '../generate/spec.js';
import { summarize } from '../lib/stats.js';

const program = new Command()
  .argument('<url>')
  .option('--year <y>', 'report year', '2025')
  .option('--n <n>', 'timed calls per phase', '5')
  .option('--no-migrate', 'do not migrate first')
  .option('--render', 'also render the output files')
  .option('--consolidated', 'also time the consolidated report of all agencies')
  .parse();
const url = program.args[0]!;
const o = program.opts<{
  year: string;
  n: string;
  migrate: boolean;
  render?: boolean;
  consolidated?: boolean;
}>();
const year = Number(o.year);
const n = Number(o.n);

const database: Database = url.startsWith('postgres')
  ? openDatabase({ kind: 'postgres', url })
  : openDatabase({ kind: 'sqlite', file: url.replace(/^sqlite:/, '') });
if (o.migrate) {
  const t = performance.now();
  const applied = await migrateToLatest(database);
  if (applied.length)
    console.log(`migrated: ${applied.join(', ')} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const ctx: Ctx = { db: database.db, dialect: database.dialect, clock: fixedClock(GENERATED_AT) };
const db = database.db;
const main = await db
  .selectFrom('orgs')
  .select(['id', 'name'])
  .where('code', '=', MAIN_AGENCY_CODE)
  .executeTakeFirstOrThrow();
async function actorOf(username: string) {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute()).map(
    (x) => x.role,
  );
  return userActor({ userId: u.id, name: u.display_name, orgId: u.org_id, divisionId: null, roles });
}
const office = await actorOf('office');

const count = async (table: 'request_cases' | 'catalog_items' | 'enforcement_decisions') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', main.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
console.log(
  `${database.dialect}: main agency ${main.name}: ${await count('catalog_items')} items, ` +
    `${await count('request_cases')} cases, ${await count('enforcement_decisions')} decisions; year ${year}`,
);

const results: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
/** Wall time and this process's CPU time (user + system) of a phase: on a shared machine the wall
 *  time includes waiting for a core, the CPU time does not (nor the database server's, on PostgreSQL). */
async function timed<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await f();
  (results[label] ??= []).push(performance.now() - t);
  const d = process.cpuUsage(c);
  (cpu[label] ??= []).push((d.user + d.system) / 1000);
  return r;
}

const sources = ['catalog', 'requests', 'enforcement'] as const;
for (let i = 0; i < n + 1; i++) {
  const warm = i === 0;
  for (const s of sources) await timed<unknown>(`facts: ${s}`, () => liveSources[s](ctx, main.id, year));
  const facts = await timed('facts: all three (parallel, as generate)', () =>
    reports.gatherFacts(ctx, liveSources, main.id, year),
  );
  const format = formatForYear(year);
  const generated = await timed('tables + checks + narrative (generateReport)', () =>
    generateReport({ format, year, agencyName: main.name, facts }),
  );
  await timed('ledger rules R8/R9', () => ledgerFindings(format, facts));
  await timed('chart (toReportDocument)', () =>
    toReportDocument({
      format,
      year,
      agency: { name: main.name },
      tables: generated.tables,
      rendered: generated.rendered,
      catalog: facts.catalog,
    }),
  );
  const drill = await timed('JSON of the stored fields', () =>
    JSON.stringify([
      generated.tables,
      generated.drill,
      generated.texts,
      generated.findings,
      generated.variables,
    ]),
  );
  (results['stored JSON size (kB)'] ??= []).push(drill.length / 1024);
  await timed('generate (whole service call, stored + audited)', () =>
    reports.generate(ctx, office, liveSources, { orgId: main.id, year }),
  );
  if (o.render) {
    const doc = toReportDocument({
      format,
      year,
      agency: { name: main.name },
      tables: generated.tables,
      rendered: generated.rendered,
      catalog: facts.catalog,
    });
    for (const kind of OUTPUT_KINDS) await timed(`render ${kind}`, () => renderOutput(doc, kind));
  }
  if (warm) for (const k of Object.keys(results)) [results[k], cpu[k]] = [[], []];
}

if (o.consolidated) {
  const agencies = await db
    .selectFrom('orgs')
    .select(['id', 'code'])
    .where('kind', '=', 'department')
    .execute();
  for (const a of agencies)
    if (a.id !== main.id)
      await reports.generate(ctx, await actorOf(`office-${a.code}`), liveSources, { orgId: a.id, year });
  const supervisor = await actorOf('supervisor');
  await reports.consolidated(ctx, supervisor, year);
  for (let i = 0; i < n; i++)
    await timed(`consolidated report of ${agencies.length} agencies`, () =>
      reports.consolidated(ctx, supervisor, year),
    );
}

const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(`\n${n} timed calls after one warm-up; load average ${load} at the end\n`);
console.log(`| phase | p50 ms | min ms | max ms | CPU p50 ms |\n| --- | --- | --- | --- | --- |`);
for (const [label, values] of Object.entries(results)) {
  const s = summarize(values);
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const c = label.startsWith('stored JSON') ? '' : f(summarize(cpu[label] ?? []).p50);
  console.log(`| ${label} | ${f(s.p50)} | ${f(Math.min(...values))} | ${f(s.max)} | ${c} |`);
}
await database.close();
