// Time from launch to the first 200 from /healthz, on an existing SQLite database, with the CPU time the
// server process used until then. Compares the compiled build (`npm start`: node dist/server/main.js)
// with the TypeScript sources through tsx (`npm run dev` without --watch).
//
//   npm run build && node bench/startup/run.js [--runs 5] [--out bench/startup/results.json]
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

const MODES = {
  compiled: ['dist/server/main.js'],
  tsx: ['--import', 'tsx', 'server/main.ts'],
};

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

async function launch(mode, dataDir, env = {}, limitMs = 120_000) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, MODES[mode], {
    cwd: ROOT,
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
const dataDir = path.join(tmpdir(), `gk-bench-startup-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
try {
  const prepared = await launch('compiled', dataDir, { DEMO: '1' }, 900_000);
  console.log(`prepared database (migrations + demo) in ${prepared.wallMs} ms`);
  const results = {};
  for (const mode of Object.keys(MODES)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const before = loadavg()[0];
      const r = await launch(mode, dataDir);
      runs.push({ ...r, loadBefore: Math.round(before * 100) / 100 });
      console.log(
        `${mode} #${i + 1}: ${r.wallMs} ms to /healthz, ${r.cpuMs} ms CPU (load ${before.toFixed(2)})`,
      );
    }
    results[mode] = {
      command: `node ${MODES[mode].join(' ')}`,
      medianWallMs: median(runs.map((r) => r.wallMs)),
      medianCpuMs: median(runs.map((r) => r.cpuMs)),
      runs,
    };
  }
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
  rmSync(dataDir, { recursive: true, force: true });
}
