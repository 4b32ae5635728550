/**
 * Fan-out of one warning to N recipients through the sending queue to an SMPP peer (loopback):
 * enqueue time (enqueueMany, one transaction, the warning path), then a separate worker process drains
 * the queue through SMPP; messages/s handed to the peer, the worker's peak RSS, lost and doubled counts.
 *
 *   node --import tsx bench/notify/fanout.ts [N=100000] [window=20] [postgres://… (an empty database)]
 *
 * Without a URL the queue lives in a fresh SQLite file; with one, on that PostgreSQL database (it must
 * be empty: the bench migrates it and counts every notify_messages row in it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { systemClock } from '../../server/platform/clock.js';
import { inTransaction } from '../../server/platform/context.js';
import { enqueueMany, setTemplateDefaults } from '../../server/modules/notify/notify.service.js';
import { seedAgency } from '../../server/modules/notify/notify.testing.js';
import { startSmppPeer } from '../../server/modules/notify/testing/peers.js';

const N = Number(process.argv[2] ?? 100_000);
const loadBefore = loadavg().map((l) => +l.toFixed(2));
const cpu0 = process.cpuUsage();
const WINDOW = Number(process.argv[3] ?? 20);
const PG_URL = process.argv[4];
const dir = mkdtempSync(path.join(tmpdir(), 'gk-fanout-'));
const file = path.join(dir, 'q.db');
const dbConfig = PG_URL ? ({ kind: 'postgres', url: PG_URL } as const) : ({ kind: 'sqlite', file } as const);
const engine = PG_URL ? 'postgres' : 'sqlite';
const database = openDatabase(dbConfig);
await migrateToLatest(database);
setTemplateDefaults([
  { key: 'bench.sms', channel: 'sms', name: '预警', body: '{{内容}}', placeholders: { 内容: '' } },
]);
const ctx = { db: database.db, dialect: database.dialect, clock: systemClock };
const { orgId } = await seedAgency(ctx.db, 'bench', []);
const text =
  '【示例市应急管理局】暴雨红色预警：预计未来3小时城区降雨量将达100毫米以上，请立即停止户外作业。回复“签收”确认。';
const t0 = performance.now();
await inTransaction(ctx, async (trx) => {
  for (let i = 0; i < N; i += 5000)
    await enqueueMany(
      trx,
      ctx.clock,
      { orgId, channel: 'sms', template: 'bench.sms', urgent: true },
      Array.from({ length: Math.min(5000, N - i) }, (_, k) => ({
        to: `139${String(i + k).padStart(8, '0')}`,
        recipientKind: 'unit' as const,
        data: { 内容: text },
        idempotencyKey: `bench:${i + k}`,
      })),
    );
});
const enqueueMs = performance.now() - t0;
const enqueueCpu = process.cpuUsage(cpu0);
await database.close();

const peer = await startSmppPeer({ receipts: true });
const t1 = performance.now();
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'server/modules/notify/testing/crash-worker.ts',
    PG_URL ?? `sqlite:${file}`,
    `${peer.url}&window=${WINDOW}&rate=1000000`,
    '3600',
  ],
  { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'ignore', 'inherit'] },
);
let peakRss = 0;
// the worker's CPU time (user + system clock ticks, fields 14 and 15 of /proc/<pid>/stat), last seen alive
let workerTicks = 0;
const poll = setInterval(() => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakRss = Math.max(peakRss, Number(m[1]) / 1024);
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    workerTicks = Number(fields[11]) + Number(fields[12]);
  } catch {
    /* exited */
  }
}, 200);
let lastParts = 0;
let firstAllAt = 0;
while (child.exitCode === null) {
  await new Promise((r) => setTimeout(r, 500));
  if (peer.parts.length >= N && !firstAllAt) firstAllAt = performance.now();
  lastParts = peer.parts.length;
}
clearInterval(poll);
const sendMs = (firstAllAt || performance.now()) - t1;
const counts = new Map<string, number>();
for (const p of peer.parts) counts.set(p.to, (counts.get(p.to) ?? 0) + 1);
const check = openDatabase(dbConfig);
const statuses = await check.db
  .selectFrom('notify_messages')
  .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('status')
  .execute();
await check.close();
await peer.close();
const result = {
  engine,
  recipients: N,
  window: WINDOW,
  enqueueSeconds: +(enqueueMs / 1000).toFixed(2),
  enqueuePerSecond: Math.round(N / (enqueueMs / 1000)),
  enqueueCpuSeconds: +((enqueueCpu.user + enqueueCpu.system) / 1e6).toFixed(2),
  sendSeconds: +(sendMs / 1000).toFixed(2),
  messagesPerSecond: Math.round(lastParts / (sendMs / 1000)),
  // clock ticks are 1/100 s on Linux (USER_HZ); sampled every 200 ms, so up to 0.2 s short
  workerCpuSeconds: +(workerTicks / 100).toFixed(1),
  workerPeakRssMb: Math.round(peakRss),
  receivedByPeer: counts.size,
  doubled: [...counts.values()].filter((n) => n > 1).length,
  lost: N - counts.size,
  statuses: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadavg().map((l) => +l.toFixed(2)),
  node: process.version,
  cpus: 2,
  at: new Date().toISOString(),
};
console.log(JSON.stringify(result, null, 2));
// kept beside the bench (bench/results/ is git-ignored), as bench/selfcheck does
writeFileSync(
  path.join(import.meta.dirname, `results-${N}${PG_URL ? '-postgres' : ''}.json`),
  JSON.stringify(result, null, 2) + '\n',
);
rmSync(dir, { recursive: true, force: true });
