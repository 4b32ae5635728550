import { describe, expect, it } from 'vitest';
import { format2019 } from './formats/format-2019.js';
import { format2021 } from './formats/format-2021.js';
import { cellKey, consolidateTables, findingKey, generateReport, recordSourceOf } from './generator.js';
import { runChecks } from './checks.js';
import { t3, t4 } from './tables.js';
import { fakeFacts, sampleLedger, type FakeLedger } from './testing/fake-sources.js';

function generate(ledger: FakeLedger, year = 2025, format = format2021) {
  const previous = generateReport({
    format,
    year: year - 1,
    agencyName: '示例局',
    facts: fakeFacts(ledger, year - 1),
  }).tables;
  return generateReport({ format, year, agencyName: '示例局', facts: fakeFacts(ledger, year), previous });
}

const errors = (r: ReturnType<typeof generate>) => r.findings.filter((f) => f.severity === 'error');

describe('generateReport', () => {
  it('computes every table from the facts and passes every check (2021)', () => {
    const r = generate(sampleLedger());
    expect(errors(r)).toEqual([]);
    // only the prompts the office has to fill are warned about
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['T1', 'T1', 'T1']);
    expect(t3(r.tables, 'new', 'total')).toBe(14);
    expect(t3(r.tables, 'carried', 'total')).toBe(2);
    expect(t3(r.tables, 'r7', 'total')).toBe(14);
    expect(t3(r.tables, 'next', 'total')).toBe(2);
    expect(t4(r.tables, 'review_total')).toBe(2);
    expect(r.tables.table2.normativeDoc).toEqual({ issued: 2, repealed: 1, inForce: 3 });
    expect(r.tables.table2.penalty).toEqual({ decisions: 7 });
    expect(r.tables.table2.fee).toEqual({ feeAmount: 0 });
  });

  it('links every non-zero cell to the records behind it', () => {
    const r = generate(sampleLedger());
    const key = cellKey({ table: 'table3', row: 'next', col: 'total' });
    expect(r.drill[key]?.sort()).toEqual(['case-21', 'case-22']);
    expect(r.drill[cellKey({ table: 'table4', col: 'review_upheld' })]).toEqual(['appeal-1']);
    expect(r.drill[cellKey({ table: 'table2', row: 'license', col: 'decisions' })]).toHaveLength(5);
    expect(recordSourceOf(key)).toBe('requests');
    expect(recordSourceOf('table2|normativeDoc|issued')).toBe('catalog');
    expect(recordSourceOf('table2|penalty|decisions')).toBe('enforcement');
    for (const [k, ids] of Object.entries(r.drill)) {
      const [table, row, col] = k.split('|');
      if (table === 'table3') expect(ids.length).toBe(t3(r.tables, row as never, col as never));
    }
  });

  it('uses the 2019 rows and columns for 2019-format years: （六） = Σ（六）1–3', () => {
    const ledger = sampleLedger();
    for (const c of ledger.cases) {
      c.receivedYear -= 5;
      if (c.closedYear) c.closedYear -= 5;
    }
    for (const d of ledger.decisions) d.year -= 5;
    const r = generate(ledger, 2020, format2019);
    expect(errors(r)).toEqual([]);
    expect(r.tables.table3.r6_1).toBeUndefined();
    const r6 = ledger.cases.filter((c) => c.closedYear === 2020 && c.outcome?.startsWith('r6')).length;
    expect(t3(r.tables, 'r6', 'total')).toBe(r6);
    expect(r.tables.table2.license).toEqual({ previousItems: 0, change: 0, decisions: 5 });
    expect(r.tables.table2.procurement).toEqual({ procurementItems: 0, procurementAmount: 0 });
  });

  it('drafts section 一 from the data with live numbers, and 六 always states the fee', () => {
    const r = generate(sampleLedger());
    expect(r.texts.one).toContain('{{本年新收}}');
    expect(r.rendered.one).toContain('本年新收政府信息公开申请14件');
    expect(r.rendered.one).toContain('主动公开政府信息36条');
    expect(r.rendered.one).toContain('“通知公告”栏目9条');
    expect(r.rendered.one).toContain('门户网站发布36条');
    expect(r.rendered.one).toContain('政务微信公众号发布12条');
    expect(r.rendered.six).toContain('共收取信息处理费380元');
    // the office deletes the fee sentence: it is put back
    const edited = generateReport({
      format: format2021,
      year: 2025,
      agencyName: '示例局',
      facts: fakeFacts(sampleLedger(), 2025),
      texts: { six: '无其他需要报告的事项。' },
    });
    expect(edited.rendered.six).toBe('无其他需要报告的事项。\n本机关2025年共收取信息处理费380元。');
    expect(edited.findings.filter((f) => f.ruleId === 'R10')).toEqual([]);
    // zero fee is still stated
    const ledger = sampleLedger();
    ledger.feesFen = {};
    expect(generate(ledger).rendered.six).toContain('共收取信息处理费0元');
  });

  it('an edited narrative with a wrong figure fails N1; an unknown placeholder fails T2', () => {
    const facts = fakeFacts(sampleLedger(), 2025);
    const r = generateReport({
      format: format2021,
      year: 2025,
      agencyName: '示例局',
      facts,
      texts: { one: '本年新收政府信息公开申请15件。{{不存在}}', five: '无。' },
    });
    const ids = errors(r).map((f) => f.ruleId);
    expect(ids).toContain('N1');
    expect(ids).toContain('T2');
  });

  it('altering one case outcome to "unclassified" makes R2 and R8 fail on that case', () => {
    const ledger = sampleLedger();
    const target = ledger.cases.find((c) => c.closedYear === 2025 && c.receivedYear === 2025)!;
    target.outcome = null;
    const r = generate(ledger);
    const errs = errors(r);
    expect(errs.map((f) => f.ruleId).sort()).toEqual(['R2', 'R2', 'R8']);
    const r8 = errs.find((f) => f.ruleId === 'R8')!;
    expect(r8.excerpt).toBe(target.id);
    expect(r8.messageZh).toContain('未归入任何办理结果');
    const r2cols = errs
      .filter((f) => f.ruleId === 'R2')
      .map((f) => f.cells.at(-1)!.col)
      .sort();
    expect(r2cols).toEqual([target.applicant, 'total'].sort());
  });

  it('a case counted in two outcome rows fails R8 naming both rows', () => {
    const facts = fakeFacts(sampleLedger(), 2025);
    const id = facts.requests.table3.r1.total.records[0]!;
    facts.requests.table3.r2.total = {
      count: facts.requests.table3.r2.total.count + 1,
      records: [...facts.requests.table3.r2.total.records, id],
    };
    const r = generateReport({ format: format2021, year: 2025, agencyName: '示例局', facts });
    const r8 = r.findings.filter((f) => f.ruleId === 'R8');
    expect(r8).toHaveLength(1);
    expect(r8[0]!.messageZh).toContain('同时计入');
    expect(r8[0]!.cells.map((c) => c.row)).toEqual(['r1', 'r2']);
  });

  it('a case carried out last year but missing from this year fails R4 (warning)', () => {
    const ledger = sampleLedger();
    const carried = ledger.cases.find((c) => c.receivedYear === 2024 && c.closedYear === 2025)!;
    const previous = generateReport({
      format: format2021,
      year: 2024,
      agencyName: '示例局',
      facts: fakeFacts(ledger, 2024),
    }).tables;
    carried.closedYear = 2024; // the ledger now says it closed in 2024, but last year's report carried it
    carried.outcome = 'r1';
    const r = generateReport({
      format: format2021,
      year: 2025,
      agencyName: '示例局',
      facts: fakeFacts(ledger, 2025),
      previous,
    });
    expect(r.findings.filter((f) => f.ruleId === 'R4').map((f) => f.cells[0]!.col)).toContain('total');
  });

  it('R7 fails when a decision count disagrees with the enforcement module', () => {
    const facts = fakeFacts(sampleLedger(), 2025);
    const r = generateReport({ format: format2021, year: 2025, agencyName: '示例局', facts });
    r.tables.table2.penalty!.decisions = 6;
    const f = runChecks({ format: format2021, tables: r.tables, moduleCounts: { penalty: 7 } }, ['R7']);
    expect(f).toHaveLength(1);
  });

  it('includes the 信息处理费 in 表二（八） in 万元 only when configured', () => {
    const r = generateReport({
      format: format2021,
      year: 2025,
      agencyName: '示例局',
      facts: fakeFacts(sampleLedger(), 2025),
      options: { feeInTable2: true },
    });
    expect(r.tables.table2.fee!.feeAmount).toBe(0.038);
  });

  it('consolidates agencies cell by cell so that R13 holds', () => {
    const a = generate(sampleLedger()).tables;
    const b = generate(sampleLedger()).tables;
    const sum = consolidateTables(format2021, [a, b]);
    expect(t3(sum, 'new', 'total')).toBe(28);
    expect(runChecks({ format: format2021, tables: sum, subordinates: [a, b] }, ['R13'])).toEqual([]);
    expect(runChecks({ format: format2021, tables: sum }, ['R1', 'R2', 'R3', 'R5'])).toEqual([]);
    sum.table4[0] = 99;
    expect(runChecks({ format: format2021, tables: sum, subordinates: [a, b] }, ['R13'])).toHaveLength(1);
  });

  it('finding keys are stable across regenerations', () => {
    const ledger = sampleLedger();
    ledger.cases.find((c) => c.closedYear === 2025)!.outcome = null;
    const k1 = generate(ledger).findings.map(findingKey);
    const k2 = generate(ledger).findings.map(findingKey);
    expect(k1).toEqual(k2);
    expect(new Set(k1).size).toBe(k1.length);
  });
});
