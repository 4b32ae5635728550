import { describe, it, expect } from 'vitest';
import { DomainError } from '../errors.js';
import { assertWenhao, normalizeWenhao, validateWenhao } from './wenhao.js';

describe('normalizeWenhao', () => {
  it.each([
    ['国办发[2017]47号', '国办发〔2017〕47号'],
    ['国办发【2017】47号', '国办发〔2017〕47号'],
    ['国办发(2017)47号', '国办发〔2017〕47号'],
    ['国办发（2017）47号', '国办发〔2017〕47号'],
    ['国办发［2017］47号', '国办发〔2017〕47号'],
    ['国办发﹝2017﹞47号', '国办发〔2017〕47号'],
    ['国办发(2017〕47号', '国办发〔2017〕47号'],
    ['国办发 〔 2017 〕 47 号', '国办发〔2017〕47号'],
    ['榕应急函〔２０２３〕２号', '榕应急函〔2023〕2号'],
    ['国办公开办函〔2021〕30号', '国办公开办函〔2021〕30号'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeWenhao(input)).toBe(expected);
  });

  it('turns other ASCII parentheses into full-width ones instead of 〔〕', () => {
    expect(normalizeWenhao('民委(政)字[1990]217号')).toBe('民委（政）字〔1990〕217号');
  });
});

describe('validateWenhao', () => {
  it('returns the parts of a valid 文号', () => {
    expect(validateWenhao('国办公开办函[2021]30号')).toEqual({
      ok: true,
      normalized: '国办公开办函〔2021〕30号',
      agencyCode: '国办公开办函',
      year: 2021,
      serial: 30,
    });
  });

  it('accepts a 机关代字 with a parenthesised part', () => {
    expect(validateWenhao('民委(政)字〔1990〕217号')).toMatchObject({
      ok: true,
      agencyCode: '民委（政）字',
      serial: 217,
    });
  });

  it('rejects each malformed shape', () => {
    expect(validateWenhao('  ')).toMatchObject({ reason: 'empty' });
    expect(validateWenhao('国办发2017年47号')).toMatchObject({ reason: 'shape' });
    expect(validateWenhao('〔2017〕47号')).toMatchObject({ reason: 'shape' });
    expect(validateWenhao('国办发〔2017〕47')).toMatchObject({ reason: 'shape' });
    expect(validateWenhao('国办发2号〔2017〕47号')).toMatchObject({ reason: 'agency_code' });
    expect(validateWenhao('国办<发>〔2017〕47号')).toMatchObject({ reason: 'agency_code' });
    expect(validateWenhao('国办发〔1899〕1号')).toMatchObject({ reason: 'year' });
    expect(validateWenhao('国办发〔2017〕第47号')).toMatchObject({ reason: 'serial' });
    expect(validateWenhao('国办发〔2017〕047号')).toMatchObject({ reason: 'serial' });
  });

  it('assertWenhao throws invalid_wenhao', () => {
    expect(assertWenhao('国发[2018]43号', 'docNumber')).toBe('国发〔2018〕43号');
    try {
      assertWenhao('国发〔2018〕第43号', 'docNumber');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('invalid_wenhao');
      expect((e as DomainError).details).toEqual({ field: 'docNumber', reason: 'serial' });
    }
  });
});
