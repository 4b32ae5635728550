/**
 * Protection of identity-document numbers (身份证明): stored AES-256-GCM encrypted, grouped by an
 * HMAC so the same applicant is recognised (monthly volume, 按件计收) without decrypting.
 *
 * The key lives in `request_secrets` (generated on first use). That protects the numbers in exports,
 * backups of single tables and console screens, not against someone holding the whole database; a
 * deployment-level key (KMS / config) would be the next step (reported as a follow-up).
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

const KEY_NAME = 'pii_key_v1';
const keyCache = new WeakMap<object, Buffer>();

/** The module's data key (32 bytes), created on first use. Safe inside a transaction. */
export async function piiKey(db: Kysely<DB>, nowIso: string): Promise<Buffer> {
  const row = await db
    .selectFrom('request_secrets')
    .select('value')
    .where('name', '=', KEY_NAME)
    .executeTakeFirst();
  if (row) return Buffer.from(row.value, 'base64');
  const value = randomBytes(32).toString('base64');
  await db
    .insertInto('request_secrets')
    .values({ name: KEY_NAME, value, created_at: nowIso })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const again = await db
    .selectFrom('request_secrets')
    .select('value')
    .where('name', '=', KEY_NAME)
    .executeTakeFirstOrThrow();
  return Buffer.from(again.value, 'base64');
}

/** Cached per database handle (the key never changes once created). */
export async function cachedPiiKey(db: Kysely<DB>, nowIso: string): Promise<Buffer> {
  const hit = keyCache.get(db);
  if (hit) return hit;
  const key = await piiKey(db, nowIso);
  keyCache.set(db, key);
  return key;
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

/** Keyed hash of a query code (`key` is the module's data key, see piiKey). */
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
