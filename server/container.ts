import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { configureKeys } from './platform/keys/keys.js';
import { configureFileStorage, DatabaseStorage } from './platform/storage/storage.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Ctx } from './platform/context.js';
import { createEventBus, type EventBus } from './platform/events.js';
import { createProviderRegistry, type ProviderRegistry, type Providers } from './platform/providers.js';
import { modules as allModules } from './modules/index.js';
import type { GongkaiModule } from './modules/module.js';

/**
 * Everything the web process, the worker and the CLI share. Plain construction, no DI framework:
 * this file is the one place where modules are wired together (events, providers).
 */
export interface Container {
  config: Config;
  database: Database;
  /** The services' context; carries `events` and `providers` too. */
  ctx: Ctx;
  /** Typed domain events (`org.changed`, `catalog.itemPublished`, `calendar.changed`, …). */
  events: EventBus;
  /** Swappable implementations by key (search sources, report sources, channels, …). */
  providers: ProviderRegistry;
  close(): Promise<void>;
}

export interface ContainerOptions {
  clock?: Clock;
  database?: Database;
  migrate?: boolean;
  /** Replacements applied after the modules are wired (tests swap implementations here). */
  providers?: Partial<Providers>;
  /** The modules to wire (default: every module of server/modules/index.ts). */
  modules?: readonly GongkaiModule[];
}

/** Opens the database, migrates it, builds the event bus and providers, and wires every module. */
export async function buildContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  // Keys live outside the database (DATA_DIR/keys or configuration): loaded before anything writes.
  configureKeys(config.hardening);
  const database = options.database ?? openDatabase(config.database);
  if (options.migrate !== false) await migrateToLatest(database);
  // FILE_STORAGE=database: uploads live in the database, so every process serves every file (local disk
  // stays the default on SQLite, set up by the modules that store files).
  if (config.hardening.fileStorage === 'database') configureFileStorage(new DatabaseStorage(database.db));
  const events = createEventBus();
  const providers = createProviderRegistry();
  const ctx: Ctx = {
    db: database.db,
    dialect: database.dialect,
    clock: options.clock ?? systemClock,
    events,
    providers,
  };
  const container: Container = { config, database, ctx, events, providers, close: () => database.close() };
  for (const m of options.modules ?? allModules) m.wire?.(container);
  for (const [key, implementation] of Object.entries(options.providers ?? {}))
    providers.provide(key as keyof Providers, implementation);
  return container;
}
