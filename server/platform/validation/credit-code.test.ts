import { describe, it, expect } from 'vitest';
import { DomainError } from '../errors.js';
import {
  assertCreditCode,
  creditCodeCheckChar,
  isNaturalPersonLike,
  orgCodeCheckChar,
  validateCreditCode,
} from './credit-code.js';

describe('creditCodeCheckChar / orgCodeCheckChar', () => {
  it('computes the GB 32100 check char by hand-worked example', () => {
    // 91350100M000100Y4: Σ value×weight = 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20
    //   +0+0+0+1·8+0+0+Y(30)·30+4·28 = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31−28 = 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('maps a remainder of 0 to check char 0 (31 → 0)', () => {
    // All zeros: Σ = 0, 31 − 0 = 31 → '0'.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('computes the GB 11714 organisation-code check char', () => {
    // M000100Y: M=22·3 + 1·5 + Y=34·2 = 66+5+68 = 139; 139 mod 11 = 7; 11−7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    // 00001434: 1·5+4·8+3·4+4·2 = 57; 57 mod 11 = 2; 11−2 = 9 (国务院办公厅 000014349, spec §4.2).
    expect(orgCodeCheckChar('00001434')).toBe('9');
    // 11 − 0 = 11 → '0': body 00000000.
    expect(orgCodeCheckChar('00000000')).toBe('0');
    // 10 → 'X': need Σ mod 11 = 1; 0000000 then 6·2 = 12 → 12 mod 11 = 1.
    expect(orgCodeCheckChar('00000006')).toBe('X');
  });
});

describe('validateCreditCode', () => {
  it('accepts real public codes and returns their parts', () => {
    const r = validateCreditCode('91350100M000100Y43');
    expect(r).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      authority: '9',
      type: '91',
      region: '350100',
      orgCode: 'M000100Y4',
      typeNameZh: '企业',
    });
    // Central-government codes seen in public 电子证照 / 国办 data-service identifiers.
    expect(validateCreditCode('11100000000013127D')).toMatchObject({
      ok: true,
      type: '11',
      region: '100000',
    });
    expect(validateCreditCode('111000000000143498')).toMatchObject({ ok: true, orgCode: '000014349' });
  });

  it('normalizes lower case, spaces and hyphens', () => {
    expect(validateCreditCode(' 91350100m000100y43 ')).toMatchObject({
      ok: true,
      normalized: '91350100M000100Y43',
    });
    expect(validateCreditCode('913501-00M000100Y43')).toMatchObject({ ok: true });
  });

  it('rejects wrong length', () => {
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, reason: 'length' });
    expect(validateCreditCode('')).toMatchObject({ ok: false, reason: 'length' });
  });

  it('rejects forbidden letters I, O, Z, S, V and non-digits in the region', () => {
    expect(validateCreditCode('91350100M000100I43')).toMatchObject({ ok: false, reason: 'charset' });
    expect(validateCreditCode('9135010OM000100Y43')).toMatchObject({ ok: false, reason: 'charset' });
    expect(validateCreditCode('91350A00M000100Y43')).toMatchObject({ ok: false, reason: 'charset' });
  });

  it('rejects a wrong final check char', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r).toEqual({ ok: false, reason: 'check_char', messageZh: '统一社会信用代码校验位错误' });
  });

  it('rejects a wrong organisation-code check char even when the final char is recomputed', () => {
    const first17 = '91350100M000100Y5'; // org check should be 4
    const code = first17 + creditCodeCheckChar(first17);
    expect(validateCreditCode(code)).toMatchObject({ ok: false, reason: 'org_code_check' });
    expect(validateCreditCode(code, { checkOrgCode: false })).toMatchObject({ ok: true });
  });

  it('accepts generated codes of other types (民政 社会团体, 个体工商户)', () => {
    const body = '51350102' + 'MJ000001';
    const f17 = body + orgCodeCheckChar('MJ000001');
    const code = f17 + creditCodeCheckChar(f17);
    expect(validateCreditCode(code)).toMatchObject({ ok: true, authority: '5', typeNameZh: '社会团体' });
  });
});

describe('assertCreditCode', () => {
  it('returns the normalized code', () => {
    expect(assertCreditCode('91350100m000100y43', 'creditCode')).toBe('91350100M000100Y43');
  });

  it('throws invalid_credit_code with the field', () => {
    try {
      assertCreditCode('91350100M000100Y44', 'agency.creditCode');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('invalid_credit_code');
      expect(err.details).toEqual({ field: 'agency.creditCode', reason: 'check_char' });
      expect(err.messageZh).toBe('统一社会信用代码校验位错误');
    }
  });

  it('prefixes a custom Chinese field name', () => {
    expect(() => assertCreditCode('123', 'x', '申请人统一社会信用代码')).toThrow(
      '申请人统一社会信用代码：统一社会信用代码应为18位',
    );
  });
});

describe('isNaturalPersonLike', () => {
  const make = (first8: string, org8: string): string => {
    const f17 = first8 + org8 + orgCodeCheckChar(org8);
    return f17 + creditCodeCheckChar(f17);
  };

  it('is true for a valid 个体工商户 (92) code', () => {
    const code = make('92350102', 'MA2Y0X1B');
    expect(validateCreditCode(code)).toMatchObject({ ok: true, type: '92', typeNameZh: '个体工商户' });
    expect(isNaturalPersonLike(code)).toBe(true);
  });

  it('is false for an enterprise or an invalid 92 code', () => {
    expect(isNaturalPersonLike('91350100M000100Y43')).toBe(false);
    const code = make('92350102', 'MA2Y0X1B');
    const broken = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    expect(isNaturalPersonLike(broken)).toBe(false);
  });
});
