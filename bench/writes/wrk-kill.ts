/**
 * Durable submissions under load with a client that is not the bottleneck (wrk, C, with a Lua script
 * for the POST), and the server killed with SIGKILL *during* the run. Every submission wrk saw
 * acknowledged (201, case id written by the Lua response hook) must be in the database file afterwards.
 *
 *   node --import tsx bench/writes/wrk-kill.ts [--seconds 12] [--kill-after 6] [--connections 32]
 *
 * Needs wrk (Debian: apt-get install -y wrk). Route: staff intake POST /api/requests (in person, so the
 * receipt letter is issued — rendered lazily on first download), signed in as the office user.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { createBenchDatabase } from '../lib/db.js';
import { startGongkai } from '../lib/processes.js';
import { BENCH_PASSWORD, specOf } from '../generate/spec.js';
import { generateDataset } from '../generate/write.js';
import { SEED } from '../lib/growth-bench.js';
import { HttpSession, cpuSeconds } from './writes.bench.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const seconds = arg('seconds', 12);
const killAfter = arg('kill-after', 6);
const connections = arg('connections', 32);

const LUA = (cookie: string, csrf: string, outDir: string) => `
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  tid = tid or 0
  out = io.open("${outDir}/acks-" .. tostring(tid) .. ".txt", "a")
end
local W = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
local C = "10X98765432"
local function residentId(n)
  local birth = string.format("19%02d%02d%02d", 80 + n % 20, 1 + n % 12, 1 + n % 28)
  local body = "370302" .. birth .. string.format("%03d", n % 1000)
  local s = 0
  for i = 1, 17 do s = s + tonumber(body:sub(i, i)) * W[i] end
  local k = s % 11 + 1
  return body .. C:sub(k, k)
end
function request()
  counter = counter + 1
  local n = tid * 10000000 + counter
  local b = '{"channel":"in_person","applicantType":"natural","applicantName":"压测申请人' .. n ..
    '","idDocType":"resident_id","idNumber":"' .. residentId(n) ..
    '","phone":"13800138000","description":"申请公开本市危险化学品重大危险源清单（压测 ' .. n ..
    '）","requestedForm":"electronic","deliveryMethod":"online","submittedAt":"${new Date().toISOString()}"}'
  return wrk.format("POST", "/api/requests", {
    ["content-type"] = "application/json",
    ["cookie"] = "${cookie}",
    ["x-csrf-token"] = "${csrf}",
  }, b)
end
function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([^"]+)"')
    if id then out:write(id, "\\n"); out:flush() end
  end
end
`;

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'gk-wrk-'));
  const spec = specOf(SEED + 1, 2_000, 2_000, 2_000, 2);
  const bench = await createBenchDatabase('sqlite', 'wrkkill', { workDir });
  const database = bench.open();
  await generateDataset(database, spec, { passwordHash: await hashPassword(BENCH_PASSWORD), log: () => {} });
  await database.close();
  const server = await startGongkai({
    port: 18311,
    databaseUrl: bench.url,
    dataDir: path.join(workDir, 'server'),
    // The worker's jobs in process, as before: the receipt job is part of what a submission costs.
    env: { ROLE: 'both' },
  });
  const session = new HttpSession(server.url);
  await session.login('office', BENCH_PASSWORD);
  const cookie = (session as unknown as { cookies: Map<string, string> }).cookies;
  const cookieHeader = [...cookie].map(([k, v]) => `${k}=${v}`).join('; ');
  const outDir = path.join(workDir, 'acks');
  await promisify(execFile)('mkdir', ['-p', outDir]);
  writeFileSync(path.join(workDir, 'post.lua'), LUA(cookieHeader, session.csrf, outDir));
  const cpu0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  let cpuAtKill = 0;
  const killer = setTimeout(() => {
    cpuAtKill = cpuSeconds(server.pid);
    process.kill(server.pid, 'SIGKILL');
  }, killAfter * 1000);
  const wrk = await promisify(execFile)('wrk', [
    '-t2',
    `-c${connections}`,
    `-d${seconds}s`,
    '--timeout',
    '5s',
    '-s',
    path.join(workDir, 'post.lua'),
    server.url,
  ]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '', stderr: '' }));
  clearTimeout(killer);
  const load = loadavg();
  const acks = readdirSync(outDir).flatMap((f) =>
    readFileSync(path.join(outDir, f), 'utf8').split('\n').filter(Boolean),
  );
  const check = bench.open();
  let found = 0;
  for (let i = 0; i < acks.length; i += 500) {
    const chunk = acks.slice(i, i + 500);
    found += (await check.db.selectFrom('request_cases').select('id').where('id', 'in', chunk).execute())
      .length;
  }
  await check.close();
  await bench.drop();
  const elapsedToKill = Math.min(killAfter, (performance.now() - t0) / 1000);
  const perSecond = acks.length / elapsedToKill;
  const cpuMsEach = acks.length ? ((cpuAtKill - cpu0) * 1000) / acks.length : 0;
  console.log(wrk.stdout);
  console.log(
    JSON.stringify(
      {
        connections,
        killAfterSeconds: killAfter,
        acknowledged: acks.length,
        foundAfterKill: found,
        lost: acks.length - found,
        perSecondUntilKill: Math.round(perSecond),
        serverCpuMsEach: Number(cpuMsEach.toFixed(2)),
        loadAverage: load.map((x) => Number(x.toFixed(2))),
      },
      null,
      2,
    ),
  );
}

await main();
