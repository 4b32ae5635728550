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
import { migrateToLatest } from '../../server/db/migrate.js';
import { createBenchDatabase, safeBenchName, type BenchDatabase } from './db.js';
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

const sha12 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 12);

const sources = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();

/** Fingerprint of the generator code (what shapes the rows). */
function fingerprint(): string {
  return sha12(
    sources('bench/generate')
      .map((f) => f + sha12(readFileSync(path.join(ROOT, 'bench/generate', f))))
      .join(),
  );
}

/** Each migration file's content hash: a cached database stays valid while the migrations it was built
 *  with are unchanged; migrations added later (new indexes, columns) are applied on top when reusing it,
 *  so adding a migration does not cost a 1M-item regeneration. */
function migrationHashes(): Record<string, string> {
  return Object.fromEntries(
    // index.ts only lists the migrations (it changes with every new one), so it is not part of the check.
    sources('migrations')
      .filter((f) => f !== 'index.ts')
      .map((f) => [f, sha12(readFileSync(path.join(ROOT, 'migrations', f)))]),
  );
}

function builtWithCurrentMigrations(saved: Record<string, string> | undefined): boolean {
  if (!saved) return false;
  const now = migrationHashes();
  return Object.entries(saved).every(([f, h]) => now[f] === h);
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
    // the file createBenchDatabase makes for this key (so a generated dataset is found again)
    const file = path.join(CACHE_DIR, `${safeBenchName(key)}.db`);
    const marker = `${file}.ok`;
    if (!process.env.BENCH_FRESH && existsSync(file) && existsSync(marker)) {
      const saved = JSON.parse(readFileSync(marker, 'utf8')) as {
        fingerprint: string;
        migrations?: Record<string, string>;
        stats: GenerateStats;
      };
      if (saved.fingerprint === fp && builtWithCurrentMigrations(saved.migrations)) {
        env.log(
          `dataset ${key}: reusing ${path.relative(ROOT, file)} (generated earlier in ${saved.stats.seconds.toFixed(0)} s)`,
        );
        const db: BenchDatabase = {
          dialect,
          url: `sqlite:${file}`,
          open: () => openDatabase({ kind: 'sqlite', file }),
          drop: async () => {},
        };
        const database = db.open();
        try {
          const applied = await migrateToLatest(database);
          if (applied.length) env.log(`dataset ${key}: applied newer migrations ${applied.join(', ')}`);
        } finally {
          await database.close();
        }
        writeFileSync(marker, JSON.stringify({ ...saved, migrations: migrationHashes() }));
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
    writeFileSync(`${file}.ok`, JSON.stringify({ fingerprint: fp, migrations: migrationHashes(), stats }));
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
