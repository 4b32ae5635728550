/**
 * Protection of identity-document numbers (身份证明): stored AES-256-GCM encrypted, grouped by an
 * HMAC so the same applicant is recognised (monthly volume, 按件计收) without decrypting.
 *
 * Keys live outside the database (issue 14, item 5): the data keys of `server/platform/keys` (KEYS_DIR or
 * DATA_KEY), versioned. Every ciphertext names its key — `k<version>:<iv>.<tag>.<data>` — and every
 * query-code hash too (`h2.<version>.<salt>.<mac>`), so rows written under an older key stay readable
 * after `gongkai keys rotate` adds a version. Installations from before kept their key in
 * `request_secrets`: while that row exists it is key version 0 (rows without a prefix, `h1` hashes) and
 * still the one written with; `gongkai keys rotate` moves it to KEYS_DIR/data-key-v0.key, re-encrypts
 * every row under a new version (recomputing the applicant HMACs) and deletes the database copy
 * (pii-rotation.ts). Query-code hashes cannot be recomputed (the codes are not stored), so old key
 * versions stay in KEYS_DIR to verify them.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { invalidText } from '../../http/plugins/text-guard.js';
import { isCleanText } from '../../http/plugins/text-guard.js';
import { currentDataKey, dataKeyVersion, reloadDataKeys } from '../../platform/keys/keys.js';
import * as piiRepo from './pii.repository.js';

/** The keys a piece of work uses: one to write with, any version to read. */
export interface PiiKeyring {
  /** Version written with (0: the pre-issue-14 key still in `request_secrets`). */
  writeVersion: number;
  write: Buffer;
  /** The key of a version, or null when neither this process nor KEYS_DIR holds it. */
  key(version: number): Buffer | null;
}

const LEGACY_KEY_NAME = 'pii_key_v1';
const RING_TTL_MS = 60_000;
const rings = new WeakMap<object, { ring: PiiKeyring; at: number }>();

function keyOf(version: number, legacy: Buffer | null): Buffer | null {
  if (version === 0 && legacy) return legacy;
  // Another process may have rotated since this one read KEYS_DIR.
  return dataKeyVersion(version) ?? (reloadDataKeys() ? dataKeyVersion(version) : null);
}

/** The keyring (reads the legacy row, if any; cached a minute per database handle outside transactions). */
export async function piiKeyring(db: Kysely<DB>): Promise<PiiKeyring> {
  const hit = rings.get(db);
  if (hit && Date.now() - hit.at < RING_TTL_MS) return hit.ring;
  if (hit) reloadDataKeys();
  const stored = await piiRepo.legacyKey(db, LEGACY_KEY_NAME);
  const legacy = stored ? Buffer.from(stored, 'base64') : null;
  const current = currentDataKey();
  const ring: PiiKeyring = legacy
    ? { writeVersion: 0, write: legacy, key: (v) => keyOf(v, legacy) }
    : { writeVersion: current.version, write: current.key, key: (v) => keyOf(v, null) };
  if (!db.isTransaction) rings.set(db, { ring, at: Date.now() });
  return ring;
}

/** Forgets the cached keyring of a handle (after a rotation in this process). */
export function forgetPiiKeyring(db: Kysely<DB>): void {
  rings.delete(db);
}

/** Encrypts under the ring's write key, naming the version. Refuses text no engine stores faithfully. */
export function sealPii(ring: PiiKeyring, plain: string, field = 'idNumber'): string {
  if (!isCleanText(plain)) throw invalidText(field);
  return `k${ring.writeVersion}:${encrypt(ring.write, plain)}`;
}

const SEALED = /^k(\d{1,6}):(.*)$/s;

/** The version a ciphertext was written under (0 for the unprefixed pre-issue-14 form). */
export function sealedVersion(sealed: string): number {
  const m = SEALED.exec(sealed);
  return m ? Number(m[1]) : 0;
}

/** Decrypts a ciphertext of any version this process can reach. */
export function openPii(ring: PiiKeyring, sealed: string): string {
  const m = SEALED.exec(sealed);
  const version = m ? Number(m[1]) : 0;
  const key = ring.key(version);
  if (!key) throw new Error(`data key version ${version} is not available (KEYS_DIR / DATA_KEY)`);
  return decrypt(key, m ? m[2]! : sealed);
}

/** The applicant's grouping HMAC under the ring's write key (recomputed for every row by a rotation). */
export function applicantIndex(ring: PiiKeyring, idNumber: string): string {
  return applicantKey(ring.write, idNumber);
}

/** Hash of a query code under the write key, naming the version (`h2.<version>.<salt>.<mac>`). */
export function sealQueryCode(ring: PiiKeyring, code: string): string {
  if (ring.writeVersion === 0) return hashQueryCode(ring.write, code);
  const salt = randomBytes(16);
  return `h2.${ring.writeVersion}.${salt.toString('base64')}.${queryCodeMac(ring.write, salt, code).toString('base64')}`;
}

/** Checks a query code against a stored hash of any version (h2, h1 or the older scrypt form). */
export function checkQueryCode(ring: PiiKeyring, code: string, stored: string): boolean {
  if (stored.startsWith('h2.')) {
    const [, v, salt, hash] = stored.split('.');
    const key = ring.key(Number(v));
    if (!key || !salt || !hash || !/^\d+$/.test(v ?? '')) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = queryCodeMac(key, Buffer.from(salt, 'base64'), code);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  const legacy = ring.key(0);
  return legacy ? verifyQueryCode(legacy, code, stored) : false;
}

export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

export function decrypt(key: Buffer, sealed: string): string {
  const [iv, tag, data] = sealed.split('.');
  if (!iv || !tag || data === undefined) throw new Error('malformed ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** Keyed hash of a normalised document number (hex, 64 chars). */
export function applicantKey(key: Buffer, idNumber: string): string {
  return createHmac('sha256', key).update(`id:${idNumber}`).digest('hex');
}

/**
 * Query codes (查询码) are hashed with HMAC-SHA-256 under a key derived from the module's data key:
 * `h1.salt.hash` (base64). A code has ~39 bits of entropy and /track is rate-limited, so a slow KDF
 * only mattered for someone holding the table — and then also the key, which sits in the same
 * database. scrypt (the previous format, still verified) cost ~8 ms of event-loop time per intake,
 * more than half of the server's CPU under concurrent submissions.
 */
const QUERY_CODE_FORMAT = 'h1';
const queryCodeKeys = new WeakMap<Buffer, Buffer>();

/** A key of its own for query codes, so the hash never equals an HMAC made for another purpose. */
function queryCodeKey(key: Buffer): Buffer {
  let derived = queryCodeKeys.get(key);
  if (!derived) {
    derived = createHmac('sha256', key).update('gongkai/query-code/v1').digest();
    queryCodeKeys.set(key, derived);
  }
  return derived;
}

function queryCodeMac(key: Buffer, salt: Buffer, code: string): Buffer {
  return createHmac('sha256', queryCodeKey(key))
    .update(salt)
    .update(code.trim().toUpperCase(), 'utf8')
    .digest();
}

/** Keyed hash of a query code in the pre-versioned `h1` form (interaction's letters use it with their own key). */
export function hashQueryCode(key: Buffer, code: string): string {
  const salt = randomBytes(16);
  return `${QUERY_CODE_FORMAT}.${salt.toString('base64')}.${queryCodeMac(key, salt, code).toString('base64')}`;
}

/**
 * Checks a code against a stored hash: the current `h1.salt.hash` or the older scrypt `N.salt.hash`
 * (cases registered before the switch, and generated benchmark data). The old format runs scrypt
 * synchronously, which only /track does, rate-limited.
 */
export function verifyQueryCode(key: Buffer, code: string, stored: string): boolean {
  const [format, salt, hash] = stored.split('.');
  if (!format || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  let actual: Buffer;
  if (format === QUERY_CODE_FORMAT) {
    actual = queryCodeMac(key, Buffer.from(salt, 'base64'), code);
  } else if (/^\d+$/.test(format)) {
    const N = Number(format);
    // Any power of two scrypt accepts; a corrupt cost must not make verification throw or take forever.
    if (N < 2 || N > 2 ** 16 || (N & (N - 1)) !== 0) return false;
    actual = scryptSync(code.trim().toUpperCase(), Buffer.from(salt, 'base64'), expected.length, {
      N,
      maxmem: 2 * 128 * N * 8,
    });
  } else {
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(expected, actual);
}
