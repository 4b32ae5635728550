/**
 * Durable submissions through HTTP on SQLite, with the server killed (SIGKILL) *during* the load
 * (issue 14 item 9):
 *
 *   nice node --import tsx bench/intake/run.ts [--mode api|apply] [--procs 2] [--connections 16]
 *     [--segment 10] [--kills 2] [--cases 2000] [--json out.json]
 *
 * A fresh SQLite database (generated agency with `--cases` cases), the real server (`server/main.ts`,
 * production mode) and `--procs` client processes (bench/intake/client.ts, node:http keep-alive,
 * `--connections` each). The load runs in `--kills + 1` segments of `--segment` seconds: at the end
 * of every segment but the last the server gets SIGKILL while requests are in flight and is started
 * again on the same files; the clients keep submitting and reconnect when it is back. At the end the
 * server stops and the database file is checked: every acknowledged submission is there exactly once
 * (by its marker, with the id / case number the 201 carried), no marker is stored twice, and nothing
 * is stored that was never sent.
 *
 * Per segment it prints the acknowledged rate and the server's CPU per acknowledged submission (user +
 * system of the server process from /proc, from 2 s after it answered /healthz until the kill — the
 * figure that does not depend on how many other processes share the cores), plus the load average.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { createBenchDatabase } from '../lib/db.js';
import { startGongkai, type RunningServer } from '../lib/processes.js';
import { BENCH_PASSWORD, specOf } from '../generate/spec.js';
import { generateDataset } from '../generate/write.js';
import { SEED } from '../lib/growth-bench.js';
import { HttpSession, cpuSeconds } from '../writes/writes.bench.js';
import type { ClientOptions, ClientReport } from './client.js';

const opts = new Command()
  .option('--mode <mode>', 'api (staff intake) | apply (public form)', 'api')
  .option('--procs <n>', 'client processes', '2')
  .option('--connections <n>', 'connections per client process', '16')
  .option('--segment <s>', 'seconds between kills', '10')
  .option('--kills <n>', 'SIGKILLs during the run', '2')
  .option('--cases <n>', 'cases in the generated database', '2000')
  .option('--port <n>', 'server port', '18330')
  .option('--json <file>', 'write the result as JSON')
  .option(
    '--role <role>',
    'ROLE of the server: both (worker jobs in process) | web (+ a worker process)',
    'web',
  )
  .option('--cpu-prof <dir>', 'profile the server (the last segment; written when it stops)')
  .parse()
  .opts<{
    mode: 'api' | 'apply';
    procs: string;
    connections: string;
    segment: string;
    kills: string;
    cases: string;
    port: string;
    json?: string;
    cpuProf?: string;
    role: string;
  }>();

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const round = (x: number, d = 2) => Number(x.toFixed(d));

interface Segment {
  segment: number;
  endedBy: 'SIGKILL' | 'stop';
  seconds: number;
  acknowledged: number;
  perSecond: number;
  /** From 2 s after start (warm-up excluded) to the kill. */
  steadyPerSecond: number;
  serverCpuMsEach: number;
  steadyServerCpuMsEach: number;
  clientCpuMsEach: number;
  restartSeconds: number | null;
  loadAverage: number[];
}

async function main(): Promise<void> {
  const mode = opts.mode;
  const procs = Number(opts.procs);
  const segmentSeconds = Number(opts.segment);
  const kills = Number(opts.kills);
  const port = Number(opts.port);
  const workDir = mkdtempSync(path.join(tmpdir(), 'gk-intake-'));
  const loadBefore = load();
  const spec = specOf(SEED + 1, 2_000, Number(opts.cases), 2_000, 2);
  const bench = await createBenchDatabase('sqlite', 'intake', { workDir });
  const database = bench.open();
  await generateDataset(database, spec, { passwordHash: await hashPassword(BENCH_PASSWORD), log: () => {} });
  await database.close();
  const start = () =>
    startGongkai({
      port,
      databaseUrl: bench.url,
      dataDir: path.join(workDir, 'server'),
      // The clients stand for visitors behind the loopback proxy (X-Forwarded-For per visitor).
      env: {
        TRUST_PROXY: '1',
        ROLE: opts.role,
        ...(opts.cpuProf
          ? {
              NODE_OPTIONS: `--import ${path.join(ROOT, 'bench/intake/cpu-profile.mjs')}`,
              CPU_PROFILE_DIR: path.resolve(opts.cpuProf),
            }
          : {}),
      },
    });
  let server: RunningServer = await start();
  let cookie: string | undefined;
  let csrf: string | undefined;
  if (mode === 'api') {
    const session = new HttpSession(server.url);
    await session.login('office', BENCH_PASSWORD);
    const jar = (session as unknown as { cookies: Map<string, string> }).cookies;
    cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    csrf = session.csrf;
  }

  const clients: ChildProcess[] = [];
  for (let i = 0; i < procs; i++) {
    const o: ClientOptions = {
      index: i + 1,
      mode,
      host: '127.0.0.1',
      port,
      connections: Number(opts.connections),
      ...(cookie ? { cookie, csrf: csrf! } : {}),
    };
    clients.push(
      fork(path.join(ROOT, 'bench/intake/client.ts'), [JSON.stringify(o)], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }
  await Promise.all(clients.map((c) => new Promise((resolve) => c.once('message', resolve))));
  for (const c of clients) c.send('start');
  const clientCpu = () => clients.reduce((s, c) => s + cpuSeconds(c.pid!), 0);
  // Whatever happens, no client or server outlives the run.
  const cleanup = () => {
    for (const c of clients) if (c.exitCode === null) c.kill('SIGKILL');
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', cleanup);

  const windows: {
    from: number;
    warm: number;
    to: number;
    cpu0: number;
    cpuWarm: number;
    cpu1: number;
    client0: number;
    client1: number;
    restart: number | null;
    endedBy: 'SIGKILL' | 'stop';
    load: number[];
  }[] = [];
  for (let s = 0; s <= kills; s++) {
    const from = Date.now();
    const cpu0 = cpuSeconds(server.pid);
    const client0 = clientCpu();
    await sleep(2000);
    const warm = Date.now();
    const cpuWarm = cpuSeconds(server.pid);
    if (opts.cpuProf && s === kills) process.kill(server.pid, 'SIGUSR2');
    await sleep(segmentSeconds * 1000 - 2000);
    const cpu1 = cpuSeconds(server.pid);
    const client1 = clientCpu();
    const to = Date.now();
    const last = s === kills;
    let restart: number | null = null;
    if (!last) {
      // Mid-load: requests are in flight on every connection.
      process.kill(server.pid, 'SIGKILL');
      const t = Date.now();
      await sleep(100);
      server = await start();
      restart = (Date.now() - t) / 1000;
    }
    windows.push({
      from,
      warm,
      to,
      cpu0,
      cpuWarm,
      cpu1,
      client0,
      client1,
      restart,
      endedBy: last ? 'stop' : 'SIGKILL',
      load: load(),
    });
  }
  const reports = await Promise.all(
    clients.map(
      (c) =>
        new Promise<ClientReport>((resolve) => {
          c.once('message', (m) => resolve(m as ClientReport));
          c.send('stop');
        }),
    ),
  );
  await server.stop();

  const ackTimes = reports.flatMap((r) => r.ackTimes);
  const within = (a: number, b: number) => ackTimes.filter((t) => t >= a && t < b).length;
  const segments: Segment[] = windows.map((w, i) => {
    const acks = within(w.from, w.to);
    const steady = within(w.warm, w.to);
    return {
      segment: i + 1,
      endedBy: w.endedBy,
      seconds: round((w.to - w.from) / 1000, 1),
      acknowledged: acks,
      perSecond: round(acks / ((w.to - w.from) / 1000), 0),
      steadyPerSecond: round(steady / ((w.to - w.warm) / 1000), 0),
      serverCpuMsEach: acks ? round(((w.cpu1 - w.cpu0) * 1000) / acks) : 0,
      steadyServerCpuMsEach: steady ? round(((w.cpu1 - w.cpuWarm) * 1000) / steady) : 0,
      clientCpuMsEach: acks ? round(((w.client1 - w.client0) * 1000) / acks) : 0,
      restartSeconds: w.restart === null ? null : round(w.restart, 1),
      loadAverage: w.load,
    };
  });

  // The check: every acknowledged marker exactly once with the answer it got; nothing stored twice.
  const check = bench.open();
  const rows = await check.db
    .selectFrom('request_cases')
    .select(['id', 'case_number', 'applicant_name'])
    .where('applicant_name', 'like', '压测%')
    .execute();
  await check.close();
  const stored = new Map<number, { id: string; number: string }[]>();
  for (const r of rows) {
    const n = Number(r.applicant_name.slice(2));
    stored.set(n, [...(stored.get(n) ?? []), { id: r.id, number: r.case_number }]);
  }
  const acknowledged = reports.flatMap((r) => r.acknowledged);
  const inDoubt = new Set(reports.flatMap((r) => r.inDoubt));
  let lost = 0;
  let mismatched = 0;
  for (const [n, answer] of acknowledged) {
    const s = stored.get(n);
    if (!s) lost++;
    else if (!s.some((x) => x.id === answer || x.number === answer)) mismatched++;
  }
  const doubled = [...stored.values()].filter((s) => s.length > 1).length;
  const ackedSet = new Set(acknowledged.map(([n]) => n));
  const unexplained = [...stored.keys()].filter((n) => !ackedSet.has(n) && !inDoubt.has(n)).length;
  const inDoubtStored = [...inDoubt].filter((n) => stored.has(n)).length;
  const numbers = rows.map((r) => r.case_number);
  const duplicateNumbers = numbers.length - new Set(numbers).size;
  rmSync(workDir, { recursive: true, force: true });

  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const pct = (p: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0, 1);
  const result = {
    mode,
    route: mode === 'api' ? 'POST /api/requests (in person, receipt letter)' : 'POST /apply (text captcha)',
    procs,
    connectionsEach: Number(opts.connections),
    casesBefore: spec.cases,
    segments,
    acknowledged: acknowledged.length,
    storedMarkers: stored.size,
    lost,
    mismatched,
    doubled,
    duplicateCaseNumbers: duplicateNumbers,
    unexplainedStored: unexplained,
    inDoubt: inDoubt.size,
    inDoubtStored,
    refused: reports.reduce((s, r) => s + r.refused, 0),
    refusedSamples: reports.flatMap((r) => r.refusedSamples).slice(0, 3),
    latencyMs: { p50: pct(0.5), p99: pct(0.99) },
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
  };
  console.log(JSON.stringify(result, null, 2));
  if (opts.json) writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
  if (lost || mismatched || doubled || unexplained || duplicateNumbers) process.exitCode = 1;
}

await main();
