/**
 * Generates a dataset into a fresh database:
 *   node --import tsx bench/generate/cli.ts --size quick|middle|full [--items N --cases N --decisions N]
 *        [--dialect sqlite|postgres] [--name NAME] [--dir .bench-data] [--pg postgres://postgres@127.0.0.1:5432]
 * Prints the DATABASE_URL to use with the server.
 */
import { Command } from 'commander';
import { hashPassword } from '../../server/modules/users/users.service.js';
import { createBenchDatabase } from '../lib/db.js';
import { BENCH_PASSWORD, SIZES, specOf, type SizeName } from './spec.js';
import { generateDataset, insertSeconds } from './write.js';

const program = new Command()
  .option('--size <size>', 'quick | middle | full', 'quick')
  .option('--items <n>')
  .option('--cases <n>')
  .option('--decisions <n>')
  .option('--seed <n>', 'seed', '2026')
  .option('--dialect <d>', 'sqlite | postgres', 'sqlite')
  .option('--name <name>')
  .option('--dir <dir>', 'where SQLite files go', '.bench-data')
  .option('--pg <url>', 'PostgreSQL server', 'postgres://postgres@127.0.0.1:5432/postgres')
  .parse();
const o = program.opts<Record<string, string>>();
const base = SIZES[o.size as SizeName];
if (!base) throw new Error(`unknown size ${o.size}`);
const spec = specOf(
  Number(o.seed),
  Number(o.items ?? base.items),
  Number(o.cases ?? base.cases),
  Number(o.decisions ?? base.decisions),
);
const name = o.name ?? `gen_${spec.items}`;
const bench = await createBenchDatabase(o.dialect as 'sqlite' | 'postgres', name, {
  workDir: o.dir!,
  postgresUrl: o.pg,
});
const database = bench.open();
const stats = await generateDataset(database, spec, {
  passwordHash: await hashPassword(BENCH_PASSWORD),
  log: (l) => console.error(l),
});
await database.close();
console.error(JSON.stringify({ ...stats, insertSeconds }, null, 1));
console.log(bench.url);
