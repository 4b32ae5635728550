/**
 * Database templates the test suites start from, built on first use and cached across runs in
 * node_modules/.cache/gongkai-test/, keyed by the files they depend on (path, size, mtime): the migrated
 * PGlite data directory by migrations/ only; the seeded ones (demo agency) by server/ and migrations/.
 * A run that needs no seeded database never builds one; concurrent builders write to a temporary name
 * and rename, so the last complete file wins.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { openDatabase, wrap } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { seedTemplate } from './seed-template.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, 'node_modules/.cache/gongkai-test');

function fingerprint(dirs: string[]): string {
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (!/\.test\.tsx?$/.test(name))
        hash.update(`${path.relative(ROOT, full)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const d of dirs) {
    const full = path.join(ROOT, d);
    if (statSync(full).isDirectory()) walk(full);
    else hash.update(`${d}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

const building = new Map<string, Promise<string>>();

async function cached(name: string, deps: string[], build: (file: string) => Promise<void>): Promise<string> {
  const file = path.join(CACHE, `${name}-${fingerprint(deps)}`);
  if (existsSync(file)) return file;
  let pending = building.get(file);
  if (!pending) {
    pending = (async () => {
      mkdirSync(CACHE, { recursive: true });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        await build(tmp);
        renameSync(tmp, file);
      } finally {
        rmSync(tmp, { force: true });
      }
      return file;
    })();
    building.set(file, pending);
  }
  return pending;
}

/** A migrated SQLite file with the demo agency seeded. */
export function sqliteSeededTemplate(): Promise<string> {
  return cached('sqlite-seeded', ['server', 'migrations', 'test/seed-template.ts'], async (file) => {
    const database = openDatabase({ kind: 'sqlite', file });
    try {
      await migrateToLatest(database);
      await seedTemplate(database);
    } finally {
      await database.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  });
}

/** A PGlite data-directory dump: migrated, or migrated and seeded. */
export function pgliteTemplate(seeded: boolean): Promise<string> {
  const deps = seeded ? ['server', 'migrations', 'test/seed-template.ts'] : ['migrations'];
  return cached(seeded ? 'pglite-seeded' : 'pglite-migrated', deps, async (file) => {
    const pglite = new PGlite();
    const database = wrap(new PGliteDialect(pglite), 'postgres');
    try {
      await migrateToLatest(database);
      if (seeded) await seedTemplate(database);
      writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    } finally {
      await database.close();
    }
  });
}
