/**
 * Durable submissions: many concurrent clients register applications through the HTTP API of the real
 * server on SQLite (synchronous = FULL: a commit is on disk before the 201 is sent). Afterwards the
 * server is killed with SIGKILL (no graceful shutdown) and every acknowledged case is looked up in the
 * database file: none may be missing.
 *
 * The route is the staff intake API (POST /api/requests, permission requests.admin) signed in as the
 * agency's office user with the CSRF token, as the console sends it. The public form (/apply) runs
 * the same createCaseIn transaction but needs a captcha per submission, which no benchmark can solve.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { createBenchDatabase } from '../lib/db.js';
import { startGongkai } from '../lib/processes.js';
import { fmt, markdownTable, summarize, type LatencySummary } from '../lib/stats.js';
import type { BenchEnv, BenchResult, Benchmark } from '../lib/suite.js';
import { BENCH_PASSWORD, specOf } from '../generate/spec.js';
import { generateDataset } from '../generate/write.js';
import { SEED } from '../lib/growth-bench.js';
import { sampleRss } from '../portal/portal.bench.js';

/** A resident ID number with a valid GB 11643 check digit (born 1980–1999). */
export function residentId(n: number): string {
  const birth = `19${80 + (n % 20)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const body = `370302${birth}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A cookie jar + CSRF token over fetch, like the console's client. */
export class HttpSession {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  async request(method: string, url: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.base + url, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    this.remember(res);
    return res;
  }

  async refresh(): Promise<void> {
    const res = await this.request('GET', '/api/auth/session');
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async login(username: string, password: string): Promise<void> {
    await this.refresh();
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    await this.refresh();
  }
}

export interface Leg {
  channel: 'online' | 'in_person';
  label: string;
  clients: number;
  seconds: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th (clock ticks).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

interface LegResult {
  label: string;
  clients: number;
  seconds: number;
  acknowledged: number;
  failed: number;
  failures: string[];
  perSecond: number;
  latency: LatencySummary;
  peakRssMb: number;
  /** Server CPU time per acknowledged submission: what the rate would be on a machine to itself. */
  serverCpuMsEach: number;
  ids: string[];
}

export async function runLeg(
  session: HttpSession,
  leg: Leg,
  offset: number,
  pid: number,
): Promise<LegResult> {
  const ids: string[] = [];
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let n = offset;
  const deadline = Date.now() + leg.seconds * 1000;
  const today = new Date().toISOString();
  const client = async () => {
    while (Date.now() < deadline) {
      const i = n++;
      const t = performance.now();
      const res = await session.request('POST', '/api/requests', {
        channel: leg.channel,
        applicantType: 'natural',
        applicantName: `压测申请人${i}`,
        idDocType: 'resident_id',
        idNumber: residentId(i),
        phone: '13800138000',
        description: `申请公开本市危险化学品重大危险源清单（压测 ${i}）`,
        requestedForm: 'electronic',
        deliveryMethod: 'online',
        submittedAt: today,
      });
      const text = await res.text();
      if (res.status === 201) {
        ids.push((JSON.parse(text) as { case: { id: string } }).case.id);
        latencies.push(performance.now() - t);
      } else {
        failed++;
        if (failures.length < 3) failures.push(`${res.status} ${text.slice(0, 200)}`);
      }
    }
  };
  const started = performance.now();
  const cpuBefore = cpuSeconds(pid);
  const { peakMb } = await sampleRss(pid, Promise.all(Array.from({ length: leg.clients }, client)));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    label: leg.label,
    clients: leg.clients,
    seconds: elapsed,
    acknowledged: ids.length,
    failed,
    failures,
    perSecond: ids.length / elapsed,
    latency: summarize(latencies),
    peakRssMb: peakMb,
    serverCpuMsEach: ids.length ? (cpu * 1000) / ids.length : 0,
    ids,
  };
}

export const writesBenchmark: Benchmark = {
  name: 'writes',
  title: 'Durable application submissions through the HTTP API (SQLite)',
  async run(env: BenchEnv): Promise<BenchResult> {
    const quick = env.size === 'quick';
    // A fresh database (the run adds rows): the size's cases, few items.
    const spec = specOf(SEED + 1, 2_000, quick ? 2_000 : 100_000, 2_000, 2);
    const bench = await createBenchDatabase('sqlite', 'writes', { workDir: env.workDir });
    const database = bench.open();
    await generateDataset(database, spec, { passwordHash: await hashPassword(BENCH_PASSWORD), log: env.log });
    await database.close();
    const server = await startGongkai({
      port: 18310,
      databaseUrl: bench.url,
      dataDir: path.join(env.workDir, 'writes-server'),
      // The worker's jobs in process, as before: the receipt job is part of what a submission costs.
      env: { ROLE: 'both' },
    });
    let results: LegResult[] = [];
    let killed = false;
    try {
      const session = new HttpSession(server.url);
      await session.login('office', BENCH_PASSWORD);
      const seconds = quick ? 5 : 15;
      const legs: Leg[] = [
        {
          channel: 'online',
          label: 'online application (awaits confirmation), 32 clients',
          clients: 32,
          seconds,
        },
        { channel: 'online', label: 'online application, 8 clients', clients: 8, seconds },
        {
          channel: 'in_person',
          label: 'in-person application (receipt letter .docx generated), 32 clients',
          clients: 32,
          seconds,
        },
      ];
      for (const [i, leg] of legs.entries()) {
        env.log(`writes: ${leg.label}`);
        results.push(await runLeg(session, leg, i * 1_000_000, server.pid));
      }
      // No graceful shutdown: whatever was acknowledged must already be on disk.
      process.kill(server.pid, 'SIGKILL');
      killed = true;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      if (!killed) await server.stop();
    }
    const check = bench.open();
    const acknowledged = results.flatMap((r) => r.ids);
    let found = 0;
    for (let i = 0; i < acknowledged.length; i += 500) {
      const chunk = acknowledged.slice(i, i + 500);
      const rows = await check.db.selectFrom('request_cases').select('id').where('id', 'in', chunk).execute();
      found += rows.length;
    }
    await check.close();
    await bench.drop();
    const lost = acknowledged.length - found;
    results = results.map((r) => ({ ...r, ids: [] }));
    const table = markdownTable(
      [
        'submissions',
        'acknowledged',
        'errors',
        'per second',
        'p50 / p99 ms',
        'server CPU ms each',
        'server peak RSS MB',
      ],
      results.map((r) => [
        r.label,
        r.acknowledged,
        r.failed,
        fmt(r.perSecond, 0),
        `${fmt(r.latency.p50)} / ${fmt(r.latency.p99)}`,
        fmt(r.serverCpuMsEach, 2),
        fmt(r.peakRssMb, 0),
      ]),
    );
    const errors = results.flatMap((r) => r.failures);
    const markdown = `${table}

After SIGKILL of the server: ${found.toLocaleString('en-US')} of ${acknowledged.length.toLocaleString('en-US')} acknowledged submissions are in the database file (**${lost === 0 ? 'none lost' : `${lost} LOST`}**). SQLite WAL, synchronous = FULL (server/db/database.ts). The database held ${spec.cases.toLocaleString('en-US')} generated cases before the run. Clients run in the benchmark process on the same 2 cores as the server. Server CPU ms each: user + system CPU time of the server process (from /proc) per acknowledged submission — less dependent on other load on the machine than the rate.${errors.length ? `\n\nFirst errors: ${errors.map((e) => `\`${e}\``).join('; ')}` : ''}`;
    return { markdown, data: { spec, results, acknowledged: acknowledged.length, found, lost } };
  },
};
