import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Ctx } from './platform/context.js';

/** Everything the web process, the worker and the CLI share. Plain construction, no DI framework. */
export interface Container {
  config: Config;
  database: Database;
  ctx: Ctx;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and wires the shared services. */
export async function buildContainer(
  config: Config,
  options: { clock?: Clock; database?: Database; migrate?: boolean } = {},
): Promise<Container> {
  const database = options.database ?? openDatabase(config.database);
  if (options.migrate !== false) await migrateToLatest(database);
  const ctx: Ctx = { db: database.db, dialect: database.dialect, clock: options.clock ?? systemClock };
  return {
    config,
    database,
    ctx,
    close: () => database.close(),
  };
}
