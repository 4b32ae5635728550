import { spawnSync } from 'node:child_process';

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
  return { requestsPerSecond: rps, p50Ms: p50 ? toMs(p50) : Number.NaN, p99Ms: p99 ? toMs(p99) : Number.NaN, non2xx };
}

/** Runs wrk (Debian package) against one URL. wrk rather than autocannon: autocannon saturates first. */
export function runWrk(url: string, options: { seconds: number; connections: number; threads?: number }): WrkResult {
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
