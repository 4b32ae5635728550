/**
 * Issue 18 item 6: the enterprise facts (inspections, hazards found and rectified, 失信 listings) reach the
 * report's narrative — gathered from the `enterprises` source, stated in section 一 with their numbers, and
 * worded so the narrative rules never read them as table 三's or 主动公开's figures.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../platform/context.js';
import { gatherFacts } from './annual-report.service.js';
import { formatForYear } from './formats/registry.js';
import { generateReport } from './generator.js';
import { extractNarrativeFigures } from './narrative.js';
import type { EnterprisesReportFacts } from './sources.js';
import { fakeFacts, fakeSources, sampleLedger } from './testing/fake-sources.js';

const enterprises: EnterprisesReportFacts = {
  inspections: 37,
  hazards: { found: 112, rectified: 98 },
  creditListings: 2,
};

describe('enterprise facts in the report narrative', () => {
  it('gathers the enterprises source with the core ones', async () => {
    const sources = { ...fakeSources(sampleLedger()), enterprises: async () => enterprises };
    const facts = await gatherFacts({} as Ctx, sources, 'org', 2025);
    expect(facts.enterprises).toEqual(enterprises);
    const without = await gatherFacts({} as Ctx, fakeSources(sampleLedger()), 'org', 2025);
    expect(without.enterprises).toBeUndefined();
  });

  it('states inspections, hazards found and rectified, and listings in section 一', () => {
    const report = generateReport({
      format: formatForYear(2025),
      year: 2025,
      agencyName: '示例市应急管理局',
      facts: { ...fakeFacts(sampleLedger(), 2025), enterprises },
    });
    const one = report.rendered.one;
    expect(one).toContain('开展安全生产执法检查37次');
    expect(one).toContain('共发现事故隐患112项');
    expect(one).toContain('已整改98项');
    expect(one).toContain('新列入安全生产严重失信主体名单2家');
    // Live numbers: the draft keeps placeholders, every one of them known.
    expect(report.texts.one).toContain('{{执法检查}}');
    expect(report.findings.filter((f) => f.ruleId === 'T2')).toEqual([]);
    // The sentence adds no figure the narrative rules compare with the tables.
    const sentence = one.split('\n').find((l) => l.includes('执法检查'))!;
    expect(extractNarrativeFigures(sentence)).toEqual([]);
  });

  it('changes with the facts (the numbers are not written into the draft)', () => {
    const facts = { ...fakeFacts(sampleLedger(), 2025), enterprises: { ...enterprises, inspections: 5 } };
    const report = generateReport({ format: formatForYear(2025), year: 2025, agencyName: '局', facts });
    expect(report.rendered.one).toContain('开展安全生产执法检查5次');
  });

  it('has no enterprise sentence when the agency has no enterprise source', () => {
    const report = generateReport({
      format: formatForYear(2025),
      year: 2025,
      agencyName: '示例市应急管理局',
      facts: fakeFacts(sampleLedger(), 2025),
    });
    expect(report.rendered.one).not.toContain('执法检查');
    expect(report.variables['执法检查']).toBeUndefined();
  });
});
