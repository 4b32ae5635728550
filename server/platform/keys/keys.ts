/**
 * Key material kept outside the database (issue 14, item 5). A dump of the database alone then holds
 * neither the key that encrypts ID numbers nor the key that seals the audit chain:
 *
 * - data keys (AES-256, versioned): DATA_KEY (base64) or DATA_KEY_FILE, else generated into
 *   KEYS_DIR/data-key-v<N>.key (0600) on first start; `gongkai keys rotate` adds version N+1 and
 *   re-encrypts every ciphertext under it;
 * - the audit MAC key (HMAC-SHA-256 over each row's chain hash): AUDIT_KEY / AUDIT_KEY_FILE, else
 *   KEYS_DIR/audit-mac.key;
 * - the audit signing key (Ed25519) for checkpoints: KEYS_DIR/audit-signing.pem (its public half in
 *   audit-signing.pub.pem and inside every checkpoint).
 *
 * configureKeys() runs once per process (buildContainer). Code that runs without it (unit tests building a
 * bare Ctx) gets process-local random keys, so nothing silently falls back to keys in the database.
 */
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HardeningConfig } from './hardening-config.js';

export interface DataKey {
  version: number;
  key: Buffer;
}

interface KeyRing {
  dir: string | null;
  checkpointsDir: string | null;
  dataKeys: Map<number, Buffer>;
  current: number;
  /** True when the data key comes from DATA_KEY / DATA_KEY_FILE (rotation then needs the operator). */
  dataKeyFromConfig: boolean;
  auditKey: Buffer;
  signing: { privateKey: KeyObject; publicKey: KeyObject } | null;
}

let ring: KeyRing | null = null;

function readOrCreate(file: string, make: () => Buffer | string): Buffer {
  if (existsSync(file)) return readFileSync(file);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readFileSync(file);
}

const b64 = (s: Buffer | string) => Buffer.from(String(s).trim(), 'base64');
const newKeyText = () => randomBytes(32).toString('base64') + '\n';
const DATA_KEY_FILE = /^data-key-v(\d+)\.key$/;

/** Loads (or generates, 0600) every key from configuration and KEYS_DIR. Idempotent per directory. */
export function configureKeys(h: HardeningConfig): void {
  if (ring?.dir === h.keysDir) return;
  mkdirSync(h.keysDir, { recursive: true, mode: 0o700 });
  const dataKeys = new Map<number, Buffer>();
  for (const f of readdirSync(h.keysDir)) {
    const m = DATA_KEY_FILE.exec(f);
    if (m) dataKeys.set(Number(m[1]), b64(readFileSync(path.join(h.keysDir, f), 'utf8')));
  }
  let fromConfig = false;
  if (h.dataKey || h.dataKeyFile) {
    // A configured key is version 1 unless rotated keys exist beside it; it is never written to disk here.
    const key = h.dataKey ? b64(h.dataKey) : b64(readFileSync(h.dataKeyFile!, 'utf8'));
    if (!dataKeys.has(1)) dataKeys.set(1, key);
    fromConfig = dataKeys.size === 1;
  }
  if (dataKeys.size === 0)
    dataKeys.set(1, b64(readOrCreate(path.join(h.keysDir, 'data-key-v1.key'), newKeyText)));
  const auditKey = h.auditKey
    ? b64(h.auditKey)
    : h.auditKeyFile
      ? b64(readFileSync(h.auditKeyFile, 'utf8'))
      : b64(readOrCreate(path.join(h.keysDir, 'audit-mac.key'), newKeyText));
  const pem = readOrCreate(path.join(h.keysDir, 'audit-signing.pem'), () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    return privateKey.export({ type: 'pkcs8', format: 'pem' });
  });
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const pub = path.join(h.keysDir, 'audit-signing.pub.pem');
  if (!existsSync(pub)) writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  ring = {
    dir: h.keysDir,
    checkpointsDir: h.checkpointsDir,
    dataKeys,
    current: Math.max(...dataKeys.keys()),
    dataKeyFromConfig: fromConfig,
    auditKey,
    signing: { privateKey, publicKey },
  };
}

function keys(): KeyRing {
  if (!ring) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    ring = {
      dir: null,
      checkpointsDir: null,
      dataKeys: new Map([[1, randomBytes(32)]]),
      current: 1,
      dataKeyFromConfig: false,
      auditKey: randomBytes(32),
      signing: { privateKey, publicKey },
    };
  }
  return ring;
}

/** The data key new ciphertexts are written under. */
export function currentDataKey(): DataKey {
  const r = keys();
  return { version: r.current, key: r.dataKeys.get(r.current)! };
}

/** The data key of a version (to decrypt older ciphertexts), or null when this process does not hold it. */
export function dataKeyVersion(version: number): Buffer | null {
  return keys().dataKeys.get(version) ?? null;
}

/** Every data key version held, oldest first. */
export function dataKeyVersions(): number[] {
  return [...keys().dataKeys.keys()].sort((a, b) => a - b);
}

/**
 * Adds data key version N+1 under KEYS_DIR and makes it current (`gongkai keys rotate`). Returns the new
 * version. Needs a key directory (not a key given only through DATA_KEY).
 */
export function addDataKeyVersion(): number {
  const r = keys();
  if (!r.dir) throw new Error('keys are not configured');
  const version = r.current + 1;
  const key = b64(readOrCreate(path.join(r.dir, `data-key-v${version}.key`), newKeyText));
  // A configured v1 has to stay readable for the re-encryption; it is written beside the new one only
  // if it was not in the directory (the operator may delete it once the rotation finished).
  if (r.dataKeyFromConfig && !existsSync(path.join(r.dir, 'data-key-v1.key')))
    writeFileSync(path.join(r.dir, 'data-key-v1.key'), r.dataKeys.get(1)!.toString('base64') + '\n', {
      mode: 0o600,
    });
  r.dataKeys.set(version, key);
  r.current = version;
  return version;
}

/**
 * Picks up data key versions another process added to KEYS_DIR since this one started (`gongkai keys
 * rotate` run beside a live server): every new version becomes readable and the newest becomes current.
 * Returns whether anything changed.
 */
export function reloadDataKeys(): boolean {
  const r = keys();
  if (!r.dir || !existsSync(r.dir)) return false;
  let changed = false;
  for (const f of readdirSync(r.dir)) {
    const m = DATA_KEY_FILE.exec(f);
    if (!m || r.dataKeys.has(Number(m[1]))) continue;
    r.dataKeys.set(Number(m[1]), b64(readFileSync(path.join(r.dir, f), 'utf8')));
    changed = true;
  }
  const newest = Math.max(...r.dataKeys.keys());
  if (newest > r.current) {
    r.current = newest;
    changed = true;
  }
  return changed;
}

/**
 * Keeps a key that used to live elsewhere (the requests module's key in the database, before issue 14)
 * as data key `version` under KEYS_DIR (0600), so what it encrypted stays readable once the database
 * copy is deleted. Never replaces an existing file; does not make the key current.
 */
export function adoptDataKey(version: number, key: Buffer): void {
  const r = keys();
  if (r.dir) {
    const file = path.join(r.dir, `data-key-v${version}.key`);
    const stored = b64(readOrCreate(file, () => key.toString('base64') + '\n'));
    if (!stored.equals(key)) throw new Error(`${file} already holds a different key`);
  }
  r.dataKeys.set(version, key);
}

const NAMED_KEY = /^[a-z][a-z0-9-]{0,40}$/;
/** Retired keys kept by name in processes without a key directory (unit tests). */
const namedInMemory = new Map<string, Buffer>();

/**
 * Keeps a retired key under a name of its own — KEYS_DIR/<name>.key (0600) — so what it protected stays
 * readable once its old home is emptied; used for the interaction module's pre-issue-14 database key,
 * which must not become a data key version (its ciphertexts carry no version). Never replaces a
 * different key already stored under the name.
 */
export function adoptNamedKey(name: string, key: Buffer): void {
  if (!NAMED_KEY.test(name)) throw new Error(`invalid key name ${name}`);
  const r = keys();
  if (r.dir) {
    const file = path.join(r.dir, `${name}.key`);
    const stored = b64(readOrCreate(file, () => key.toString('base64') + '\n'));
    if (!stored.equals(key)) throw new Error(`${file} already holds a different key`);
  } else namedInMemory.set(name, key);
}

/** A retired key kept by adoptNamedKey, or null. */
export function namedKey(name: string): Buffer | null {
  if (!NAMED_KEY.test(name)) throw new Error(`invalid key name ${name}`);
  const r = keys();
  if (!r.dir) return namedInMemory.get(name) ?? null;
  const file = path.join(r.dir, `${name}.key`);
  return existsSync(file) ? b64(readFileSync(file, 'utf8')) : null;
}

/** HMAC-SHA-256 (hex) of an audit row's chain hash under the audit key. */
export function auditMac(hash: string): string {
  return createHmac('sha256', keys().auditKey).update(`audit:${hash}`).digest('hex');
}

/** The Ed25519 key pair that signs audit checkpoints. */
export function auditSigningKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  return keys().signing!;
}

/** The configured key directory (null in tests that never configured keys). */
export function keysDir(): string | null {
  return keys().dir;
}

/** Where signed audit checkpoints are written (null when keys were never configured). */
export function checkpointsDir(): string | null {
  return keys().checkpointsDir;
}

/** Test hook: forget the configured keys (the next use generates process-local ones or reconfigures). */
export function resetKeysForTests(): void {
  ring = null;
  namedInMemory.clear();
}
