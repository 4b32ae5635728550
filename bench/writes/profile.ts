/**
 * One leg of the durable-submission benchmark against a server that can be profiled, for working on
 * the write path (the full benchmark, bench/run.ts --only writes, ends with SIGKILL, which loses a
 * CPU profile):
 *
 *   node --import tsx bench/writes/profile.ts [--clients 32] [--seconds 10] [--channel online] [--cpu-prof DIR]
 *
 * The generated database (2,000 cases) is made once under .bench-data/writes-profile/ and copied for
 * each run. With --cpu-prof the server writes a .cpuprofile into DIR when it stops (SIGTERM;
 * bench/writes/cpu-profile.mjs).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { createBenchDatabase } from '../lib/db.js';
import { startGongkai } from '../lib/processes.js';
import { fmt } from '../lib/stats.js';
import { BENCH_PASSWORD, specOf } from '../generate/spec.js';
import { generateDataset } from '../generate/write.js';
import { SEED } from '../lib/growth-bench.js';
import { HttpSession, runLeg } from './writes.bench.js';

const opts = new Command()
  .option('--clients <n>', 'concurrent clients', '32')
  .option('--seconds <n>', 'how long to submit', '10')
  .option('--channel <channel>', 'online | in_person', 'online')
  .option('--cpu-prof <dir>', 'write a CPU profile of the server into this directory')
  .parse()
  .opts<{ clients: string; seconds: string; channel: 'online' | 'in_person'; cpuProf?: string }>();

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const workDir = path.join(ROOT, '.bench-data', 'writes-profile');
mkdirSync(workDir, { recursive: true });
const template = path.join(workDir, 'template.db');
const file = path.join(workDir, 'run.db');

/** A copy of the generated database, migrated; false when the template no longer fits the migrations. */
async function copyTemplate(): Promise<boolean> {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  if (!existsSync(template)) return false;
  copyFileSync(template, file);
  const database = openDatabase({ kind: 'sqlite', file });
  try {
    await migrateToLatest(database);
    return true;
  } catch {
    return false; // e.g. a migration renamed since the template was made
  } finally {
    await database.close();
  }
}

if (!(await copyTemplate())) {
  rmSync(template, { force: true });
  const bench = await createBenchDatabase('sqlite', 'template', { workDir });
  const database = bench.open();
  await generateDataset(database, specOf(SEED + 1, 2_000, 2_000, 2_000, 2), {
    passwordHash: await hashPassword(BENCH_PASSWORD),
    log: (m) => console.log(m),
  });
  await database.close();
  if (!(await copyTemplate())) throw new Error('cannot prepare the database');
}

const server = await startGongkai({
  port: 18311,
  databaseUrl: `sqlite:${file}`,
  dataDir: path.join(workDir, 'server'),
  // Node 20 refuses --cpu-prof in NODE_OPTIONS; a preloaded script runs the same profiler.
  env: opts.cpuProf
    ? {
        NODE_OPTIONS: `--import ${path.join(ROOT, 'bench/writes/cpu-profile.mjs')}`,
        CPU_PROFILE_DIR: path.resolve(opts.cpuProf),
        ROLE: 'both',
      }
    : { ROLE: 'both' },
});
try {
  const session = new HttpSession(server.url);
  await session.login('office', BENCH_PASSWORD);
  const clientCpu = process.cpuUsage();
  const r = await runLeg(
    session,
    {
      channel: opts.channel,
      label: opts.channel,
      clients: Number(opts.clients),
      seconds: Number(opts.seconds),
    },
    0,
    server.pid,
  );
  const client = process.cpuUsage(clientCpu);
  console.log(
    `${r.acknowledged} acknowledged, ${r.failed} errors, ${fmt(r.perSecond, 0)}/s, p50 ${fmt(r.latency.p50)} ms, ` +
      `p99 ${fmt(r.latency.p99)} ms, server CPU ${fmt(r.serverCpuMsEach, 2)} ms each, ` +
      `benchmark client CPU ${fmt((client.user + client.system) / 1000 / Math.max(1, r.acknowledged), 2)} ms each${r.failures.length ? `\n${r.failures.join('\n')}` : ''}`,
  );
} finally {
  await server.stop();
}
