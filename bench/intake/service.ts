/**
 * The intake transaction without HTTP: CPU time and SQL statements per submission of
 * `requests.createCase` (staff intake, in person, receipt letter) and `submitOnline` (the public form's
 * write), called with 32 submissions in flight as the HTTP server would, on a SQLite file with
 * synchronous = FULL (group commit as in the server).
 *
 *   nice node --import tsx bench/intake/service.ts [--n 3000] [--concurrency 32]
 *
 * Statements are counted by a Kysely plugin on the handle the services use (BEGIN / SAVEPOINT / COMMIT
 * of the group committer included). Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  SqliteDialect,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
} from 'kysely';
import { wrap } from '../../server/db/database.js';
import { cachedStatements } from '../../server/db/statement-cache.js';
import { Command } from 'commander';
import { loadConfig } from '../../server/config.js';
import { buildContainer } from '../../server/container.js';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { actorForUsername } from '../../server/modules/users/users.actors.js';
import { createCase, submitOnline } from '../../server/modules/requests/intake.js';
import { createBenchDatabase } from '../lib/db.js';
import { BENCH_PASSWORD, specOf } from '../generate/spec.js';
import { generateDataset } from '../generate/write.js';
import { SEED } from '../lib/growth-bench.js';
import { residentId } from '../writes/writes.bench.js';

const opts = new Command()
  .option('--n <n>', 'submissions per kind', '3000')
  .option('--concurrency <n>', 'submissions in flight', '32')
  .option('--by-statement', 'also print CPU time per SQL text (top 25)')
  .parse()
  .opts<{ n: string; concurrency: string; byStatement?: boolean }>();

/** better-sqlite3 with the server's pragmas and statement cache, timing every run/get/all by SQL text. */
function timedSqlite(file: string) {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = FULL');
  const spent = new Map<string, { calls: number; cpuUs: number }>();
  const cache = cachedStatements(raw);
  const timed = {
    prepare(sqlText: string) {
      const stmt = cache.prepare(sqlText) as unknown as BetterSqlite3.Statement;
      const wrapMethod = (m: 'run' | 'get' | 'all') => {
        const f = (...a: unknown[]): unknown => stmt[m](...a);
        return (...a: unknown[]) => {
          const c = process.cpuUsage();
          try {
            return f(...a);
          } finally {
            const u = process.cpuUsage(c);
            const e = spent.get(sqlText) ?? { calls: 0, cpuUs: 0 };
            e.calls++;
            e.cpuUs += u.user + u.system;
            spent.set(sqlText, e);
          }
        };
      };
      return new Proxy(stmt, {
        get(target, prop) {
          if (prop === 'run' || prop === 'get' || prop === 'all') return wrapMethod(prop);
          const v = Reflect.get(target, prop) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
    close: () => cache.close(),
  };
  return { database: wrap(new SqliteDialect({ database: timed }), 'sqlite'), spent };
}

class CountingPlugin implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    this.count++;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs) {
    return Promise.resolve(args.result);
  }
}

const workDir = mkdtempSync(path.join(tmpdir(), 'gk-intake-svc-'));
const bench = await createBenchDatabase('sqlite', 'svc', { workDir });
const database = bench.open();
await generateDataset(database, specOf(SEED + 1, 2_000, 2_000, 2_000, 2), {
  passwordHash: await hashPassword(BENCH_PASSWORD),
  log: () => {},
});
await database.close();
const timed = opts.byStatement ? timedSqlite(bench.url.slice('sqlite:'.length)) : null;
const container = await buildContainer(
  loadConfig({
    DATA_DIR: path.join(workDir, 'data'),
    DATABASE_URL: bench.url,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-12',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
  }),
  timed ? { database: timed.database } : {},
);
const counter = new CountingPlugin();
const ctx = { ...container.ctx, db: container.ctx.db.withPlugin(counter) };
const actor = (await actorForUsername(container.ctx, 'office'))!;
const orgId = actor.orgId!;
const n = Number(opts.n);
const concurrency = Number(opts.concurrency);
const submittedAt = new Date().toISOString();

async function measure(kind: string, one: (i: number) => Promise<unknown>) {
  // Warm-up (JIT, caches), not counted.
  for (let i = 0; i < 200; i++) await one(9_000_000 + i + kind.length * 1000);
  timed?.spent.clear();
  let next = 0;
  const statements0 = counter.count;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await one(next++);
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const byStatement = timed
    ? [...timed.spent]
        .sort((a, b) => b[1].cpuUs - a[1].cpuUs)
        .slice(0, 25)
        .map(
          ([text, e]) =>
            `${(e.cpuUs / n).toFixed(1)} µs/submission, ${(e.calls / n).toFixed(2)}×: ${text.slice(0, 160)}`,
        )
    : undefined;
  return {
    kind,
    submissions: n,
    ...(byStatement ? { byStatement } : {}),
    perSecond: Math.round(n / (wall / 1000)),
    cpuMsEach: Number(((cpu.user + cpu.system) / 1000 / n).toFixed(3)),
    statementsEach: Number(((counter.count - statements0) / n).toFixed(2)),
  };
}

const applicant = (i: number) => ({
  applicantType: 'natural',
  applicantName: `压测${i}`,
  idDocType: 'resident_id',
  idNumber: residentId(i),
  phone: '13800138000',
  description: `申请公开本市危险化学品重大危险源清单（压测 ${i}）`,
  requestedForm: 'electronic',
  deliveryMethod: 'online',
});
const results = [
  await measure('createCase (in person, receipt letter)', (i) =>
    createCase(ctx, actor, { ...applicant(i), channel: 'in_person', submittedAt }),
  ),
  await measure('submitOnline (public form)', (i) =>
    submitOnline(ctx, actor, orgId, applicant(i + 5_000_000)),
  ),
];
await container.close();
rmSync(workDir, { recursive: true, force: true });
console.log(JSON.stringify({ results, loadAverage: loadavg().map((x) => Number(x.toFixed(2))) }, null, 2));
