/**
 * The 双随机 draw, reproducible by anyone from its record.
 *
 * Algorithm "sha256-ctr/fisher-yates/v1":
 * 1. The inputs are the candidate enterprise ids and the active inspector ids, each sorted ascending
 *    (plain code-unit order), so the draw does not depend on the order rows come from the database.
 * 2. The random stream: block i is SHA-256(seed + ":" + i) (UTF-8); each block gives eight 32-bit
 *    big-endian integers, used in order.
 * 3. A uniform integer below n is drawn by rejection: take the next 32-bit integer x; reject it while
 *    x ≥ 2^32 − (2^32 mod n); the result is x mod n.
 * 4. Enterprises: a partial Fisher–Yates shuffle of the sorted pool: for i = 0 … k−1, j = i + uniform(n − i),
 *    swap positions i and j; the first k are selected, in that order.
 * 5. Inspectors: for each selected enterprise in order, the same partial shuffle over a fresh copy of the
 *    sorted inspector pool picks m inspectors (the stream continues; nothing else consumes it).
 * The seed, the sorted pools and the parameters are stored with the draw (ent_draws), and
 * `runDraw(record)` reproduces the result exactly.
 */
import { createHash } from 'node:crypto';

export const DRAW_ALGORITHM = 'sha256-ctr/fisher-yates/v1';

export class SeededStream {
  private block = 0;
  private words: number[] = [];

  constructor(private readonly seed: string) {}

  private next32(): number {
    if (this.words.length === 0) {
      const digest = createHash('sha256').update(`${this.seed}:${this.block++}`, 'utf8').digest();
      for (let i = 0; i < 32; i += 4) this.words.push(digest.readUInt32BE(i));
    }
    return this.words.shift()!;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError('n out of range');
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.next32();
      if (x < limit) return x % n;
    }
  }
}

/** The first k of a partial Fisher–Yates shuffle of `pool` (not modified). */
export function pick<T>(stream: SeededStream, pool: readonly T[], k: number): T[] {
  const a = [...pool];
  const n = a.length;
  const take = Math.min(k, n);
  for (let i = 0; i < take; i++) {
    const j = i + stream.below(n - i);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, take);
}

export interface DrawInput {
  seed: string;
  enterprisePool: readonly string[];
  inspectorPool: readonly string[];
  enterpriseCount: number;
  inspectorsPerEnterprise: number;
}

export interface DrawAssignment {
  enterpriseId: string;
  inspectorIds: string[];
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Runs the draw; pools are sorted here, so callers may pass them in any order. */
export function runDraw(input: DrawInput): DrawAssignment[] {
  const enterprises = [...new Set(input.enterprisePool)].sort(byCodeUnits);
  const inspectors = [...new Set(input.inspectorPool)].sort(byCodeUnits);
  const stream = new SeededStream(input.seed);
  const chosen = pick(stream, enterprises, input.enterpriseCount);
  return chosen.map((enterpriseId) => ({
    enterpriseId,
    inspectorIds: pick(stream, inspectors, input.inspectorsPerEnterprise),
  }));
}

/** Problems with the draw's parameters (Chinese), or null. */
export function drawProblem(i: {
  enterprisePool: number;
  inspectorPool: number;
  enterpriseCount: number;
  inspectorsPerEnterprise: number;
}): string | null {
  if (!Number.isInteger(i.enterpriseCount) || i.enterpriseCount < 1) return '抽取企业数量应为正整数';
  if (!Number.isInteger(i.inspectorsPerEnterprise) || i.inspectorsPerEnterprise < 2)
    return '每家企业至少由2名执法人员检查';
  if (i.enterprisePool === 0) return '符合条件的企业为0家，无法抽取';
  if (i.inspectorPool < i.inspectorsPerEnterprise)
    return `在岗执法人员不足${i.inspectorsPerEnterprise}名，无法抽取`;
  return null;
}
