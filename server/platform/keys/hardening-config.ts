/**
 * Settings of the hardening round (issue 14) parsed from the environment map that config.ts hands over
 * (config.ts stays the only reader of process.env). Each variable is documented in README.md
 * ("Several processes, keys and backups") and docs/operations/.
 */
import path from 'node:path';

export interface HardeningConfig {
  /**
   * TRUST_PROXY — addresses or CIDRs of the reverse proxies whose X-Forwarded-For is believed
   * (comma-separated; `loopback`, `linklocal`, `uniquelocal` allowed). `1`/`true` means `loopback`
   * (a proxy on the same machine). Empty: no proxy is trusted. A list, never "everyone": a client that
   * may set X-Forwarded-For itself would choose its own address and escape every per-IP limit.
   */
  trustProxy: false | string[];
  /** REDIS_URL — shared store of rate-limit counters for several processes (`redis://host:6379/0`). */
  redisUrl: string | null;
  /** RATE_LIMIT_STORE — `memory`, `database` or `redis` (default: redis with REDIS_URL, database on PostgreSQL, else memory). */
  rateLimitStore: 'memory' | 'database' | 'redis';
  /** FILE_STORAGE — `local` (DATA_DIR/files) or `database` (chunked rows, shared by every process); default local on SQLite, database on PostgreSQL. */
  fileStorage: 'local' | 'database';
  /** KEYS_DIR — where generated key files live (default DATA_DIR/keys; keep it out of database dumps and backups). */
  keysDir: string;
  /** DATA_KEY (base64, 32 bytes) or DATA_KEY_FILE — the key that encrypts ID numbers; default a generated file in KEYS_DIR. */
  dataKey: string | null;
  dataKeyFile: string | null;
  /** AUDIT_KEY (base64, ≥ 32 bytes) or AUDIT_KEY_FILE — the audit chain's MAC key; default a generated file in KEYS_DIR. */
  auditKey: string | null;
  auditKeyFile: string | null;
  /** AUDIT_CHECKPOINT_DIR — where signed audit checkpoints are written (default DATA_DIR/audit-checkpoints; copy them off the machine). */
  checkpointsDir: string;
  /** AUDIT_CHECKPOINT_MINUTES — how often the server writes a signed audit checkpoint (default 60; 0 = never). */
  auditCheckpointMinutes: number;
}

const PROXY_WORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IPV4 = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f:.]+(\/\d{1,3})?$/i;

export function parseTrustProxy(raw: string | undefined, problems: string[]): false | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return ['loopback'];
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list)
    if (!PROXY_WORDS.has(item) && !IPV4.test(item) && !(item.includes(':') && IPV6.test(item)))
      problems.push(
        `TRUST_PROXY must list proxy addresses or CIDRs (e.g. 10.0.0.5,10.1.0.0/16), got "${item}"`,
      );
  return list;
}

const b64Key = (name: string, raw: string | undefined, min: number, problems: string[]): string | null => {
  if (!raw) return null;
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length < min) problems.push(`${name} must be base64 of at least ${min} bytes`);
  return raw;
};

export function hardeningConfig(
  env: NodeJS.ProcessEnv,
  cwd: string,
  dataDir: string,
  databaseKind: 'sqlite' | 'postgres',
  problems: string[],
): HardeningConfig {
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push(`REDIS_URL must start with redis://, got "${redisUrl}"`);
  const store =
    env.RATE_LIMIT_STORE || (redisUrl ? 'redis' : databaseKind === 'postgres' ? 'database' : 'memory');
  if (!['memory', 'database', 'redis'].includes(store))
    problems.push(`RATE_LIMIT_STORE must be memory, database or redis, got "${store}"`);
  if (store === 'redis' && !redisUrl) problems.push('RATE_LIMIT_STORE=redis needs REDIS_URL');
  const files = env.FILE_STORAGE || (databaseKind === 'postgres' ? 'database' : 'local');
  if (!['local', 'database'].includes(files))
    problems.push(`FILE_STORAGE must be local or database, got "${files}"`);
  const minutes =
    env.AUDIT_CHECKPOINT_MINUTES === undefined || env.AUDIT_CHECKPOINT_MINUTES === ''
      ? 60
      : Number(env.AUDIT_CHECKPOINT_MINUTES);
  if (!Number.isFinite(minutes) || minutes < 0)
    problems.push('AUDIT_CHECKPOINT_MINUTES must be a number ≥ 0');
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    redisUrl,
    rateLimitStore: store as HardeningConfig['rateLimitStore'],
    fileStorage: files as HardeningConfig['fileStorage'],
    keysDir: path.resolve(cwd, env.KEYS_DIR || path.join(dataDir, 'keys')),
    dataKey: b64Key('DATA_KEY', env.DATA_KEY, 32, problems),
    dataKeyFile: env.DATA_KEY_FILE ? path.resolve(cwd, env.DATA_KEY_FILE) : null,
    auditKey: b64Key('AUDIT_KEY', env.AUDIT_KEY, 32, problems),
    auditKeyFile: env.AUDIT_KEY_FILE ? path.resolve(cwd, env.AUDIT_KEY_FILE) : null,
    checkpointsDir: path.resolve(cwd, env.AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints')),
    auditCheckpointMinutes: minutes,
  };
}
