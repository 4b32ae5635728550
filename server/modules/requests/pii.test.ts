import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashQueryCode, verifyQueryCode } from './pii.js';

const key = randomBytes(32);

/** The format written before the switch to HMAC (and still by bench/generate/rows.ts). */
function legacyHash(code: string, N = 4096): string {
  const salt = randomBytes(16);
  const hash = scryptSync(code.toUpperCase(), salt, 32, { N });
  return `${N}.${salt.toString('base64')}.${hash.toString('base64')}`;
}

describe('query-code hashes (查询码)', () => {
  it('verifies a new hash, case-insensitively and ignoring surrounding blanks', () => {
    const stored = hashQueryCode(key, 'AB3DEF7H');
    expect(stored).toMatch(/^h1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(verifyQueryCode(key, 'AB3DEF7H', stored)).toBe(true);
    expect(verifyQueryCode(key, ' ab3def7h ', stored)).toBe(true);
    expect(verifyQueryCode(key, 'AB3DEF7J', stored)).toBe(false);
  });

  it('salts each hash and depends on the key', () => {
    const a = hashQueryCode(key, 'AB3DEF7H');
    const b = hashQueryCode(key, 'AB3DEF7H');
    expect(a).not.toBe(b);
    expect(verifyQueryCode(randomBytes(32), 'AB3DEF7H', a)).toBe(false);
  });

  it('still verifies the older scrypt format (N.salt.hash), whatever the key', () => {
    const stored = legacyHash('BENCH234');
    expect(verifyQueryCode(key, 'BENCH234', stored)).toBe(true);
    expect(verifyQueryCode(randomBytes(32), 'bench234', stored)).toBe(true);
    expect(verifyQueryCode(key, 'BENCH235', stored)).toBe(false);
    expect(verifyQueryCode(key, 'AB3DEF7H', legacyHash('AB3DEF7H', 1024))).toBe(true);
  });

  it('rejects malformed or tampered hashes without throwing', () => {
    const good = hashQueryCode(key, 'AB3DEF7H');
    const [, salt, hash] = good.split('.');
    for (const stored of [
      '',
      'h1',
      'h1..',
      `h1.${salt}.`,
      `h2.${salt}.${hash}`,
      `h1.${salt}.${hash!.slice(0, 8)}`,
      `3000.${salt}.${hash}`, // not a power of two
      `${2 ** 24}.${salt}.${hash}`, // absurd cost
      `x.${salt}.${hash}`,
    ]) {
      expect(verifyQueryCode(key, 'AB3DEF7H', stored), stored).toBe(false);
    }
  });
});
