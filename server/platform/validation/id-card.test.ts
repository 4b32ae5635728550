import { describe, it, expect } from 'vitest';
import { DomainError } from '../errors.js';
import {
  assertIdCard,
  idCardCheckChar,
  maskDigits,
  maskIdCard,
  maskMiddle,
  maskName,
  maskPhone,
  validateIdCard,
} from './id-card.js';

describe('idCardCheckChar', () => {
  it('matches the GB 11643 worked example 11010519491231002X', () => {
    // Σ = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → 'X'.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it('maps remainder 0 to 1 and 8 to 4', () => {
    expect(idCardCheckChar('51010819800101123')).toBe('1'); // Σ = 176 = 16·11
    expect(idCardCheckChar('11010119900307451')).toBe('4'); // Σ = 206, 206 mod 11 = 8
  });
});

describe('validateIdCard', () => {
  it('accepts a valid number and returns its parts', () => {
    expect(validateIdCard('110101199003074514')).toEqual({
      ok: true,
      normalized: '110101199003074514',
      region: '110101',
      birthDate: '1990-03-07',
      sex: 'male',
    });
  });

  it('accepts a lower-case x and reports sex from the 17th digit', () => {
    expect(validateIdCard('11010519491231002x')).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
      sex: 'female',
    });
  });

  it('accepts 29 February in a leap year', () => {
    expect(validateIdCard('440304200002290014')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('rejects each failure type', () => {
    expect(validateIdCard('11010119900307451')).toMatchObject({ ok: false, reason: 'length' });
    expect(validateIdCard('1101011990030745X4')).toMatchObject({ ok: false, reason: 'charset' });
    expect(validateIdCard('990101199003074514')).toMatchObject({ ok: false, reason: 'region' });
    expect(validateIdCard('110101199002304514')).toMatchObject({ ok: false, reason: 'birth_date' }); // 30 Feb
    expect(validateIdCard('110101190002294514')).toMatchObject({ ok: false, reason: 'birth_date' }); // 1900 not leap
    expect(validateIdCard('110101189912314514')).toMatchObject({ ok: false, reason: 'birth_date' });
    expect(validateIdCard('110101199003074515')).toEqual({
      ok: false,
      reason: 'check_char',
      messageZh: '居民身份证号码校验位错误',
    });
  });

  it('rejects a birth date after the given today', () => {
    expect(validateIdCard('110101199003074514', { today: '1990-03-06' })).toMatchObject({
      reason: 'birth_date',
    });
    expect(validateIdCard('110101199003074514', { today: '1990-03-07' })).toMatchObject({ ok: true });
  });
});

describe('assertIdCard', () => {
  it('returns the normalized number', () => {
    expect(assertIdCard(' 11010519491231002x ', 'idNumber')).toBe('11010519491231002X');
  });

  it('throws invalid_id_number with the field', () => {
    const err = (() => {
      try {
        assertIdCard('110101199003074515', 'applicant.idNumber');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('invalid_id_number');
    expect((err as DomainError).details).toEqual({ field: 'applicant.idNumber', reason: 'check_char' });
  });
});

describe('masking', () => {
  it('masks an ID number keeping first 3 and last 4, preserving length', () => {
    expect(maskIdCard('110101199003074514')).toBe('110***********4514');
    expect(maskIdCard('110101199003074514')).toHaveLength(18);
  });

  it('masks names by keeping the first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('买买提·艾力')).toBe('买**·**');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('masks mobile and landline numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138-****-5678');
    expect(maskPhone('0591-87654321')).toBe('0591-****4321');
    expect(maskPhone('010-1234567')).toBe('010-***4567');
    expect(maskPhone('(0591)87654321')).toBe('(0591)****4321');
  });

  it('masks short values entirely', () => {
    expect(maskMiddle('12345', 3, 4)).toBe('*****');
    expect(maskDigits('12-34', 3, 4)).toBe('**-**');
  });
});
