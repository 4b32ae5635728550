import { describe, it, expect } from 'vitest';
import { isLikelyBankCard, luhnValid, maskBankCard, validateBankCard } from './bank-card.js';

describe('luhnValid', () => {
  it('accepts the classic Visa test number and rejects a changed digit', () => {
    // 4111111111111111: doubled 4→8, seven doubled 1→2 (=14), eight undoubled 1s (=8): 8+14+8 = 30.
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('rejects non-digits', () => {
    expect(luhnValid('4111-1111')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('validateBankCard', () => {
  it('accepts UnionPay 19-digit, 16-digit Mastercard and old domestic 9558 cards', () => {
    expect(validateBankCard('6222021234567890128')).toEqual({ ok: true, normalized: '6222021234567890128' });
    expect(validateBankCard('5312 3456 7890 1233')).toMatchObject({
      ok: true,
      normalized: '5312345678901233',
    });
    expect(validateBankCard('9558801234567890128')).toMatchObject({ ok: true });
    expect(validateBankCard('6013821234567890123')).toMatchObject({ ok: true });
  });

  it('reports each failure', () => {
    expect(validateBankCard('6222a21234567890128')).toMatchObject({ reason: 'charset' });
    expect(validateBankCard('531234567890123')).toMatchObject({ reason: 'length' }); // 15 digits
    expect(validateBankCard('12345678901234567890')).toMatchObject({ reason: 'length' });
    expect(validateBankCard('1234567890123452')).toMatchObject({ reason: 'prefix' }); // Luhn-valid, prefix 1
    expect(validateBankCard('6222021234567890127')).toMatchObject({
      reason: 'luhn',
      messageZh: '银行卡号校验位错误',
    });
  });

  it('isLikelyBankCard mirrors validateBankCard', () => {
    expect(isLikelyBankCard('4111111111111111')).toBe(true);
    expect(isLikelyBankCard('4111111111111112')).toBe(false);
  });
});

describe('maskBankCard', () => {
  it('keeps first 4 and last 4 digits and separators', () => {
    expect(maskBankCard('6222021234567890128')).toBe('6222***********0128');
    expect(maskBankCard('5312 3456 7890 1233')).toBe('5312 **** **** 1233');
  });
});
