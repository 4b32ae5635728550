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
 * scrypt cost for query codes. 2^12 (not the 2^14 default) keeps intake and demo seeding fast; the
 * codes have ~39 bits of entropy and /track is rate-limited, so the KDF only matters for a stolen table.
 * The cost is stored with each hash, so raising it later needs no migration.
 */
const QUERY_CODE_COST = 4096;

/** scrypt hash of a query code: `N.salt.hash` (base64). */
export function hashQueryCode(code: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(code.toUpperCase(), salt, 32, { N: QUERY_CODE_COST });
  return `${QUERY_CODE_COST}.${salt.toString('base64')}.${hash.toString('base64')}`;
}

export function verifyQueryCode(code: string, stored: string): boolean {
  const [n, salt, hash] = stored.split('.');
  if (!n || !salt || !hash || !/^\d+$/.test(n)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(code.trim().toUpperCase(), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
  });
  return timingSafeEqual(expected, actual);
}
