import { describe, it, expect } from 'vitest';
import { DomainError } from '../errors.js';
import { assertPhone, isLandline, isMobile, validatePhone } from './phone.js';

describe('validatePhone', () => {
  it('accepts mobile numbers with separators and +86', () => {
    expect(validatePhone('13812345678')).toEqual({ ok: true, kind: 'mobile', normalized: '13812345678' });
    expect(validatePhone('138-1234-5678')).toMatchObject({ kind: 'mobile', normalized: '13812345678' });
    expect(validatePhone('+86 138 1234 5678')).toMatchObject({ kind: 'mobile', normalized: '13812345678' });
    expect(validatePhone('008619912345678')).toMatchObject({ kind: 'mobile', normalized: '19912345678' });
  });

  it('rejects mobile-like numbers with a bad second digit or length', () => {
    expect(validatePhone('12812345678').ok).toBe(false);
    expect(validatePhone('1381234567').ok).toBe(false);
    expect(validatePhone('138123456789').ok).toBe(false);
  });

  it('accepts landlines with 3- and 4-digit area codes and extensions', () => {
    expect(validatePhone('010-12345678').ok).toBe(false); // local numbers never start with 1
    expect(validatePhone('010-62345678')).toEqual({ ok: true, kind: 'landline', normalized: '010-62345678' });
    expect(validatePhone('0591-87654321')).toMatchObject({ normalized: '0591-87654321' });
    expect(validatePhone('(0591)87654321')).toMatchObject({ normalized: '0591-87654321' });
    expect(validatePhone('（0591） 87654321')).toMatchObject({ normalized: '0591-87654321' });
    expect(validatePhone('0591-87654321-8001')).toMatchObject({ normalized: '0591-87654321-8001' });
    expect(validatePhone('0591-87654321转8001')).toMatchObject({ normalized: '0591-87654321-8001' });
    expect(validatePhone('02087654321')).toMatchObject({ normalized: '020-87654321' });
  });

  it('rejects a 3-digit area code that does not exist (only 010 and 02x have 3 digits)', () => {
    // 059 is not an area code on its own: 0591-8765432 is read as a 4-digit area code.
    expect(validatePhone('059-87654321').ok).toBe(false);
  });

  it('accepts service numbers', () => {
    expect(validatePhone('12345')).toMatchObject({ kind: 'service' });
    expect(validatePhone('400-123-4567')).toMatchObject({ kind: 'service', normalized: '4001234567' });
  });

  it('rejects junk', () => {
    expect(validatePhone('电话')).toMatchObject({ ok: false, reason: 'format' });
    expect(validatePhone('')).toMatchObject({ ok: false });
  });
});

describe('isMobile / isLandline / assertPhone', () => {
  it('classifies', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('0591-87654321')).toBe(false);
    expect(isLandline('0591-87654321')).toBe(true);
  });

  it('asserts with allowed kinds', () => {
    expect(assertPhone('0591 87654321', 'contactPhone')).toBe('0591-87654321');
    expect(() => assertPhone('0591-87654321', 'mobile', ['mobile'])).toThrow(DomainError);
    try {
      assertPhone('abc', 'contactPhone');
    } catch (e) {
      expect((e as DomainError).code).toBe('invalid_phone');
      expect((e as DomainError).details).toEqual({ field: 'contactPhone' });
    }
    expect.assertions(4);
  });
});
