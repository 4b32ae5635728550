import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { hardeningConfig, type HardeningConfig } from './platform/keys/hardening-config.js';

/**
 * The only reader of process.env. Every variable is declared here with its meaning and default;
 * loadConfig() collects every problem before failing so an operator fixes them in one go.
 */
export interface Config {
  /** PORT — HTTP port (default 3000). */
  port: number;
  /** HOST — interface to bind (default 0.0.0.0). */
  host: string;
  /** DATA_DIR — where the SQLite file, attachments and the generated session secret live (default ./data). */
  dataDir: string;
  /**
   * DATABASE_URL — `postgres://…` for PostgreSQL; `sqlite:<path>` or empty for the embedded SQLite file
   * `<DATA_DIR>/gongkai.db`. SQLITE_CACHE_MB — SQLite's page cache per connection (default
   * db/database.ts DEFAULT_SQLITE_CACHE_MB; 2–4096).
   */
  database: { kind: 'sqlite'; file: string; cacheMb?: number } | { kind: 'postgres'; url: string };
  /** PUBLIC_BASE_URL — the portal's public origin, used in RSS, sitemap and letters (default http://localhost:PORT). */
  publicBaseUrl: string;
  /** SESSION_SECRET — signs cookies; generated and persisted to DATA_DIR/session-secret on first run when absent. */
  sessionSecret: string;
  /** NODE_ENV — `production` disables demo seeding and enables Secure cookies behind HTTPS. */
  production: boolean;
  /** DEMO — `0` disables seeding the demo agency into an empty database outside production (default on). */
  demo: boolean;
  /** LOG_LEVEL — pino level (default info; `silent` in tests). */
  logLevel: string;
  /** TRUST_PROXY — addresses/CIDRs of trusted reverse proxies (`1` = loopback only); see platform/keys/hardening-config.ts. */
  trustProxy: false | string[];
  /** Shared storage, rate-limit store, keys outside the database, audit checkpoints (issue 14). */
  hardening: HardeningConfig;
  /** PAGE_CACHE_MB — bound of the per-process cache of rendered portal pages, in MB (default 32; 1–4096). */
  pageCacheMb: number;
  /** ROLE — `web`, `worker` or `both` (default both): which parts of the process to run. */
  role: 'web' | 'worker' | 'both';
  /** SMTP_URL — outgoing mail server, e.g. `smtps://user:pass@mail.example.gov.cn:465` (`?rate=20` messages/s); empty = e-mails are only recorded to DATA_DIR/outbox. */
  smtpUrl: string | null;
  /** SMTP_FROM — sender address of e-mails (default `政务公开 <noreply@<PUBLIC_BASE_URL host>>`). */
  smtpFrom: string | null;
  /** SMPP_URL — SMS gateway (SMPP 3.4), `smpp://<system id>:<password>@host:2775?from=<sender number>&rate=100`; empty = SMS are only recorded. */
  smppUrl: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Builds the typed configuration from an environment map, listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be an integer 0–65535, got "${env.PORT}"`);
  const dataDir = path.resolve(cwd, env.DATA_DIR || 'data');
  const rawDb = env.DATABASE_URL ?? '';
  let database: Config['database'] = { kind: 'sqlite', file: path.join(dataDir, 'gongkai.db') };
  if (/^postgres(ql)?:\/\//.test(rawDb)) database = { kind: 'postgres', url: rawDb };
  else if (rawDb.startsWith('sqlite:'))
    database = {
      kind: 'sqlite',
      file: rawDb.slice(7) === ':memory:' ? ':memory:' : path.resolve(cwd, rawDb.slice(7)),
    };
  else if (rawDb !== '') problems.push(`DATABASE_URL must start with postgres:// or sqlite:, got "${rawDb}"`);
  if (env.SQLITE_CACHE_MB) {
    const cacheMb = Number(env.SQLITE_CACHE_MB);
    if (!Number.isInteger(cacheMb) || cacheMb < 2 || cacheMb > 4096)
      problems.push(`SQLITE_CACHE_MB must be an integer 2–4096, got "${env.SQLITE_CACHE_MB}"`);
    else if (database.kind === 'sqlite') database.cacheMb = cacheMb;
  }
  const role = (env.ROLE || 'both') as Config['role'];
  if (!['web', 'worker', 'both'].includes(role))
    problems.push(`ROLE must be web, worker or both, got "${env.ROLE}"`);
  let publicBaseUrl = env.PUBLIC_BASE_URL || `http://localhost:${port}`;
  try {
    publicBaseUrl = new URL(publicBaseUrl).toString().replace(/\/$/, '');
  } catch {
    problems.push(`PUBLIC_BASE_URL must be an absolute URL, got "${env.PUBLIC_BASE_URL}"`);
  }
  const production = env.NODE_ENV === 'production';
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret !== '' && sessionSecret.length < 32)
    problems.push('SESSION_SECRET must be at least 32 characters');
  const pageCacheMb = env.PAGE_CACHE_MB ? Number(env.PAGE_CACHE_MB) : 32;
  if (!Number.isInteger(pageCacheMb) || pageCacheMb < 1 || pageCacheMb > 4096)
    problems.push(`PAGE_CACHE_MB must be an integer 1–4096, got "${env.PAGE_CACHE_MB}"`);
  const hardening = hardeningConfig(env, cwd, dataDir, database.kind, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  if (sessionSecret === '') sessionSecret = persistedSecret(dataDir);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    database,
    publicBaseUrl,
    sessionSecret,
    production,
    demo: env.DEMO !== '0' && !production,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: hardening.trustProxy,
    hardening,
    pageCacheMb,
    role,
    smtpUrl: env.SMTP_URL || null,
    smtpFrom: env.SMTP_FROM || null,
    smppUrl: env.SMPP_URL || null,
  };
}

/** A random secret kept in DATA_DIR so sessions survive restarts without manual set-up. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
