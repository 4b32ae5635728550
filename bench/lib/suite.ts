/**
 * The contract every benchmark under bench/ follows, so `npm run bench` (bench/run.ts) can run them
 * all with one command and collect their Markdown sections for docs/performance.md.
 */
export type BenchSize = 'quick' | 'full';

export interface BenchEnv {
  size: BenchSize;
  /** scratch directory for databases, files and logs of this run */
  workDir: string;
  /** a PostgreSQL server URL (admin database) when one is reachable, else undefined: PostgreSQL legs are skipped */
  postgresUrl?: string;
  log(line: string): void;
}

export interface BenchResult {
  /** Markdown section body (tables, notes) for docs/performance.md */
  markdown: string;
  /** raw numbers, saved as JSON next to the Markdown */
  data: unknown;
}

export interface Benchmark {
  name: string;
  title: string;
  run(env: BenchEnv): Promise<BenchResult>;
}
