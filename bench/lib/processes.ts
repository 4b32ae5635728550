import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Resident set size of a process in MB, read from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
}

/**
 * Starts the real Gongkai server (production mode: no demo seed, warn-level logs) on a database.
 *
 * As a web process (ROLE=web) unless `env` says otherwise: with the worker in the same process, the
 * first start of a dataset on a given day runs the daily self-check, which crawls every agency's portal
 * through the app (16,100 pages of the main agency at 10k items, a minute of both cores) while the
 * load generator is timing it. That polluted the session-10 search runs (0–17 % of nginx, 903 MB RSS);
 * the worker's own costs are measured by its benches (bench/selfcheck, bench/notify).
 */
export async function startGongkai(options: {
  port: number;
  databaseUrl: string;
  dataDir: string;
  env?: Record<string, string>;
  /** how long to wait for /healthz (default 60 s; more on a loaded machine) */
  startTimeoutMs?: number;
}): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: options.dataDir,
      PUBLIC_BASE_URL: `http://127.0.0.1:${options.port}`,
      ROLE: 'web',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(`${url}/healthz`, child, options.startTimeoutMs ?? 60_000);
  return { url, pid: child.pid!, stop: stopper(child) };
}

/** Starts Debian's nginx on loopback serving `root` as static files (the throughput yardstick). */
export async function startNginx(root: string, port: number, workDir: string): Promise<RunningServer> {
  mkdirSync(workDir, { recursive: true });
  const conf = path.join(workDir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${workDir}/nginx.pid;
error_log ${workDir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path ${workDir}/body;
  proxy_temp_path ${workDir}/proxy;
  fastcgi_temp_path ${workDir}/fastcgi;
  uwsgi_temp_path ${workDir}/uwsgi;
  scgi_temp_path ${workDir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files $uri $uri/index.html =404; }
  }
}
`,
  );
  const child = spawn('/usr/sbin/nginx', ['-c', conf, '-p', workDir, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`, child, 10_000).catch(async () => {
    // the root may have no index page; any HTTP answer means it is up
    await waitForAny(url, child);
  });
  return { url, pid: child.pid!, stop: stopper(child) };
}

async function waitForAny(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('nginx did not start');
}
