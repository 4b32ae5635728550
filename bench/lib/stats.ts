/** Small statistics helpers for benchmarks (pure). */

/** The p-th percentile (0–100) by nearest rank of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(valuesMs: readonly number[]): LatencySummary {
  const n = valuesMs.length;
  return {
    n,
    p50: percentile(valuesMs, 50),
    p99: percentile(valuesMs, 99),
    max: n ? Math.max(...valuesMs) : Number.NaN,
    mean: n ? valuesMs.reduce((a, b) => a + b, 0) / n : Number.NaN,
  };
}

/** Times `run` `iterations` times after `warmup` untimed runs; milliseconds per call. */
export async function timeCalls(run: () => unknown, iterations: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await run();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/**
 * Names how cost grows between sizes: compares the ratio of costs with the ratio of sizes.
 * flat: cost barely moves; log: grows far slower than size; linear: proportional; worse: faster.
 */
export function growthClass(
  points: readonly { size: number; cost: number }[],
): 'flat' | 'log' | 'linear' | 'superlinear' {
  if (points.length < 2) return 'flat';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const sizeRatio = last.size / first.size;
  const costRatio = last.cost / Math.max(first.cost, 1e-9);
  if (costRatio < 1.5) return 'flat';
  // exponent k in cost ∝ size^k
  const k = Math.log(costRatio) / Math.log(sizeRatio);
  if (k < 0.35) return 'log';
  if (k < 1.25) return 'linear';
  return 'superlinear';
}

export const fmt = (n: number, digits = 2): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : '–';

/** A Markdown table (used to paste results into docs/performance.md). */
export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
