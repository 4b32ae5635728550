// Time from launch to the first 200 from /healthz, on an existing SQLite database, with the CPU time the
// server process used until then. Compares the compiled build (`npm start`: node dist/server/main.js)
// with the TypeScript sources through tsx (`npm run dev` without --watch).
//
//   npm run build && node bench/startup/run.js [--runs 5] [--modes compiled,tsx] [--baseline DIR]
//                                              [--out bench/startup/results.json]
//
// The database is prepared once (migrations + demo agency) by a first, untimed launch; timed launches
// run with DEMO=0, as production does. CPU time is utime+stime of the server process from /proc.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '5'));
const OUT = path.resolve(ROOT, arg('out', 'bench/startup/results.json'));
const TICKS = 100; // USER_HZ on Linux

// --baseline DIR: a checkout of another commit with its own compiled build (e.g. `git archive <commit>
// server contract migrations scripts package.json | tar -x -C DIR`, node_modules linked, then
// `node scripts/build-server.js` in DIR), launched as mode `baseline` on its own database. Modes run
// interleaved (one launch of each per round), so all of them see the same machine load.
const BASELINE = arg('baseline');
const ALL_MODES = {
  compiled: { cwd: ROOT, args: ['dist/server/main.js'] },
  tsx: { cwd: ROOT, args: ['--import', 'tsx', 'server/main.ts'] },
  ...(BASELINE ? { baseline: { cwd: path.resolve(BASELINE), args: ['dist/server/main.js'] } } : {}),
};
// --modes compiled,tsx[,baseline] (default: all)
const MODES = Object.fromEntries(
  arg('modes', Object.keys(ALL_MODES).join(','))
    .split(',')
    .map((m) => [m, ALL_MODES[m]]),
);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11] = utime, fields[12] = stime (0-based after the command name)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

/** Launches `spec` ({ cwd, args }) and times it to the first 200 from /healthz. */
async function launch(mode, spec, dataDir, env = {}, limitMs = 120_000) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.cwd,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SESSION_SECRET: 'bench-startup-bench-startup-bench-startup',
      LOG_LEVEL: 'warn',
      DEMO: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${mode} exited with ${child.exitCode}`);
      if (performance.now() - started > limitMs)
        throw new Error(`${mode}: no /healthz within ${limitMs / 1000} s`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) {
        const wallMs = Math.round(performance.now() - started);
        return { wallMs, cpuMs: cpuMs(child.pid) };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

if (!existsSync(path.join(ROOT, 'dist/server/main.js'))) {
  console.error('dist/server/main.js is missing: run `npm run build` first');
  process.exit(1);
}
// One database per build directory (a baseline may have fewer migrations), prepared by a first,
// untimed launch of that directory's compiled build.
const dataDirs = {};
for (const mode of Object.keys(MODES)) {
  const { cwd } = MODES[mode];
  dataDirs[mode] = path.join(tmpdir(), `gk-bench-startup-${process.pid}-${cwd === ROOT ? 'root' : mode}`);
}
try {
  for (const mode of Object.keys(MODES)) {
    if (existsSync(dataDirs[mode])) continue;
    mkdirSync(dataDirs[mode], { recursive: true });
    const build = { cwd: MODES[mode].cwd, args: ['dist/server/main.js'] };
    const prepared = await launch(mode, build, dataDirs[mode], { DEMO: '1' }, 900_000);
    console.log(`prepared database for ${mode} (migrations + demo) in ${prepared.wallMs} ms`);
  }
  const runs = Object.fromEntries(Object.keys(MODES).map((m) => [m, []]));
  for (let i = 0; i < RUNS; i++) {
    const order = Object.keys(MODES);
    if (i % 2) order.reverse();
    for (const mode of order) {
      const before = loadavg()[0];
      const r = await launch(mode, MODES[mode], dataDirs[mode]);
      const after = loadavg()[0];
      runs[mode].push({
        ...r,
        loadBefore: Math.round(before * 100) / 100,
        loadAfter: Math.round(after * 100) / 100,
      });
      console.log(
        `${mode} #${i + 1}: ${r.wallMs} ms to /healthz, ${r.cpuMs} ms CPU (load ${before.toFixed(2)} → ${after.toFixed(2)})`,
      );
    }
  }
  const results = {};
  for (const mode of Object.keys(MODES))
    results[mode] = {
      command: `node ${MODES[mode].args.join(' ')}`,
      ...(MODES[mode].cwd === ROOT ? {} : { cwd: MODES[mode].cwd }),
      medianWallMs: median(runs[mode].map((r) => r.wallMs)),
      medianCpuMs: median(runs[mode].map((r) => r.cpuMs)),
      runs: runs[mode],
    };
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    database: 'sqlite (existing, migrated, demo agency seeded)',
    runsPerMode: RUNS,
    results,
  };
  writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
} finally {
  for (const dir of new Set(Object.values(dataDirs))) rmSync(dir, { recursive: true, force: true });
}
