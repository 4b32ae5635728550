/**
 * Generated datasets shared by the benchmarks of one run (and, for SQLite, reused across runs while
 * the generator and the migrations are unchanged: a 1M-item database takes minutes to build).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DialectName } from '../../server/db/database.js';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { generateDataset, type GenerateStats } from '../generate/write.js';
import { BENCH_PASSWORD, type DatasetSpec } from '../generate/spec.js';
import { openDatabase } from '../../server/db/database.js';
import { createBenchDatabase, type BenchDatabase } from './db.js';
import type { BenchEnv } from './suite.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const CACHE_DIR = path.join(ROOT, '.bench-data', 'datasets');

export interface Dataset {
  spec: DatasetSpec;
  db: BenchDatabase;
  /** generation statistics (from the run that built it) */
  stats: GenerateStats;
  reused: boolean;
}

/** Fingerprint of everything that shapes a generated database: generator code and migrations. */
function fingerprint(): string {
  const h = createHash('sha256');
  const dirs = [path.join(ROOT, 'bench/generate'), path.join(ROOT, 'migrations')];
  for (const dir of dirs)
    for (const f of readdirSync(dir).sort())
      if (f.endsWith('.ts') && !f.endsWith('.test.ts')) h.update(f).update(readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

const open = new Map<string, Dataset>();
let passwordHash: Promise<string> | undefined;

function keyOf(dialect: DialectName, spec: DatasetSpec): string {
  return `${dialect}-i${spec.items}-c${spec.cases}-d${spec.decisions}-a${spec.agencies}-s${spec.seed}`;
}

/** A generated database of this spec: from this run, from the SQLite cache, or generated now. */
export async function dataset(env: BenchEnv, dialect: DialectName, spec: DatasetSpec): Promise<Dataset> {
  const key = keyOf(dialect, spec);
  const hit = open.get(key);
  if (hit) return hit;
  const fp = fingerprint();
  if (dialect === 'sqlite') {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = path.join(CACHE_DIR, `${key}.db`);
    const marker = `${file}.ok`;
    if (!process.env.BENCH_FRESH && existsSync(file) && existsSync(marker)) {
      const saved = JSON.parse(readFileSync(marker, 'utf8')) as { fingerprint: string; stats: GenerateStats };
      if (saved.fingerprint === fp) {
        env.log(
          `dataset ${key}: reusing ${path.relative(ROOT, file)} (generated earlier in ${saved.stats.seconds.toFixed(0)} s)`,
        );
        const db: BenchDatabase = {
          dialect,
          url: `sqlite:${file}`,
          open: () => openDatabase({ kind: 'sqlite', file }),
          drop: async () => {},
        };
        const ds = { spec, db, stats: saved.stats, reused: true };
        open.set(key, ds);
        return ds;
      }
    }
    if (existsSync(marker)) rmSync(marker);
  }
  env.log(`dataset ${key}: generating…`);
  const db = await createBenchDatabase(dialect, dialect === 'sqlite' ? key : `ds_${spec.items}`, {
    workDir: dialect === 'sqlite' ? CACHE_DIR : env.workDir,
    postgresUrl: env.postgresUrl,
  });
  passwordHash ??= hashPassword(BENCH_PASSWORD);
  const database = db.open();
  let stats: GenerateStats;
  try {
    stats = await generateDataset(database, spec, { passwordHash: await passwordHash, log: env.log });
  } finally {
    await database.close();
  }
  env.log(`dataset ${key}: generated in ${stats.seconds.toFixed(1)} s`);
  if (dialect === 'sqlite') {
    const file = db.url.slice('sqlite:'.length);
    writeFileSync(`${file}.ok`, JSON.stringify({ fingerprint: fp, stats }));
  }
  const ds = { spec, db, stats, reused: false };
  open.set(key, ds);
  return ds;
}

/** Drops the PostgreSQL databases of this run (SQLite files stay cached under .bench-data/datasets). */
export async function dropRunDatabases(): Promise<void> {
  for (const [key, ds] of open) {
    if (ds.db.dialect === 'postgres') await ds.db.drop();
    open.delete(key);
  }
}
