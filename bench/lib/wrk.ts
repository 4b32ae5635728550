import { spawn, spawnSync } from 'node:child_process';

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

/** Parses `wrk --latency` output. */
export function parseWrk(output: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const p50 = /\s50%\s+([\d.]+\w+)/.exec(output)?.[1];
  const p99 = /\s99%\s+([\d.]+\w+)/.exec(output)?.[1];
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  return {
    requestsPerSecond: rps,
    p50Ms: p50 ? toMs(p50) : Number.NaN,
    p99Ms: p99 ? toMs(p99) : Number.NaN,
    non2xx,
  };
}

/** Runs wrk (Debian package) against one URL. wrk rather than autocannon: autocannon saturates first. */
export function runWrk(
  url: string,
  options: { seconds: number; connections: number; threads?: number },
): WrkResult {
  const result = spawnSync(
    'wrk',
    [
      `-t${options.threads ?? 1}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--latency',
      '-H',
      'Accept-Encoding: identity',
      url,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr || result.error?.message}`);
  return parseWrk(result.stdout);
}

/** The wrk arguments for one run (a Lua script sets per-request headers or paths when given). */
function wrkArgs(
  url: string,
  options: { seconds: number; connections: number; threads?: number; script?: string },
): string[] {
  return [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    '-H',
    'Accept-Encoding: identity',
    ...(options.script ? ['-s', options.script] : []),
    url,
  ];
}

/**
 * Runs wrk without blocking this process's event loop, so the caller can sample the server's RSS
 * while the load runs.
 */
export function runWrkAsync(
  url: string,
  options: { seconds: number; connections: number; threads?: number; script?: string },
): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs(url, options), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk failed: ${err}`)),
    );
  });
}

/**
 * A wrk Lua script: each request gets a random client address in X-Forwarded-For (the server runs
 * with TRUST_PROXY=1, so per-IP rate limits see many visitors, not one) and, when `paths` is given,
 * a random path from the list (cache misses on purpose).
 */
export function wrkScript(paths?: readonly string[]): string {
  const list = paths?.length
    ? `local paths = {\n${paths.map((p) => `  ${JSON.stringify(p)},`).join('\n')}\n}\n`
    : 'local paths = nil\n';
  return `${list}
math.randomseed(os.time())
request = function()
  local ip = math.random(1, 223) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local path = nil
  if paths then path = paths[math.random(1, #paths)] end
  return wrk.format(nil, path, { ["X-Forwarded-For"] = ip })
end
`;
}
