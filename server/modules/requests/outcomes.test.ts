import { describe, it, expect } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import {
  APPLICANT_TYPES,
  OUTCOMES,
  TABLE3_ROWS_2019,
  TABLE3_ROWS_2021,
  outcomeByCode,
  remediesFor,
  remediesSentence,
  reportFormatForYear,
  tableRowFor,
} from './outcomes.js';

describe('outcome catalogue', () => {
  it('every 2021 table 三 row has at least one outcome, and every outcome maps to a 2021 row', () => {
    for (const r of TABLE3_ROWS_2021)
      expect(OUTCOMES.filter((o) => o.row2021 === r).length, r).toBeGreaterThanOrEqual(1);
    for (const o of OUTCOMES) expect(TABLE3_ROWS_2021).toContain(o.row2021);
    expect(TABLE3_ROWS_2021).toHaveLength(21);
  });

  it('2019 format collapses （六） into r6 and keeps the other rows', () => {
    expect(TABLE3_ROWS_2019).toHaveLength(19);
    for (const r of TABLE3_ROWS_2019)
      expect(OUTCOMES.filter((o) => tableRowFor(o, 2019) === r).length, r).toBeGreaterThanOrEqual(1);
    expect(tableRowFor('supplement_not_provided', 2021)).toBe('r6_1');
    expect(tableRowFor('fee_not_paid', 2021)).toBe('r6_2');
    expect(tableRowFor('withdrawn', 2021)).toBe('r6_3');
    expect(tableRowFor('fee_not_paid', 2019)).toBe('r6');
    expect(tableRowFor('partially_provided', 2019)).toBe('r2');
    expect(tableRowFor('information_not_exist', 2021)).toBe('r4_1');
    expect(tableRowFor('not_this_agency', 2021)).toBe('r4_1');
    expect(tableRowFor('special_access_regime', 2021)).toBe('r3_8');
    expect(reportFormatForYear(2020)).toBe(2019);
    expect(reportFormatForYear(2021)).toBe(2021);
  });

  it('codes are unique and unknown codes are rejected', () => {
    expect(new Set(OUTCOMES.map((o) => o.code)).size).toBe(OUTCOMES.length);
    expect(() => outcomeByCode('nope')).toThrow(DomainError);
  });

  it('flags content release and withheld-parts records', () => {
    expect(
      OUTCOMES.filter((o) => o.releasesContent)
        .map((o) => o.code)
        .sort(),
    ).toEqual(['partially_provided', 'provided']);
    expect(OUTCOMES.filter((o) => o.needsWithheldPartsRecord).map((o) => o.code)).toEqual([
      'partially_provided',
    ]);
  });

  it('carries legal bases with full-width punctuation', () => {
    expect(outcomeByCode('provided').basisRef).toBe('条例第三十六条（二）');
    expect(outcomeByCode('withheld_security_stability').labelZh).toContain('“三安全一稳定”');
    expect(outcomeByCode('petition_complaint').basisTextZh).toContain('信访、投诉、举报');
    for (const o of OUTCOMES) {
      expect(o.basisTextZh.length).toBeGreaterThan(5);
      expect(o.labelZh).not.toMatch(/[()]/);
    }
  });

  it('remedies: 60日 行政复议 / 6个月 行政诉讼, none for a withdrawal', () => {
    expect(outcomeByCode('withheld_third_party').remediesZh).toContain('60日内');
    expect(outcomeByCode('withheld_third_party').remediesZh).toContain('6个月内');
    expect(outcomeByCode('withdrawn').remediesZh).toBeNull();
    expect(remediesFor('withdrawn')).toBeNull();
    expect(remediesSentence({ reviewOrgan: '某县人民政府', court: '某县人民法院' })).toBe(
      '申请人如对本答复不服，可以在收到本答复之日起60日内向某县人民政府申请行政复议，或者在6个月内向某县人民法院提起行政诉讼。',
    );
  });

  it('applicant types are exactly the table 三 columns', () => {
    expect(APPLICANT_TYPES.map((a) => [a.code, a.labelZh])).toEqual([
      ['natural_person', '自然人'],
      ['commercial_enterprise', '商业企业'],
      ['research_institution', '科研机构'],
      ['social_welfare_org', '社会公益组织'],
      ['legal_service_org', '法律服务机构'],
      ['other_org', '其他'],
    ]);
  });
});
