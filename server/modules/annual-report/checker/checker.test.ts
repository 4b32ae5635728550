import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, it, expect } from 'vitest';
import { format2019 } from '../formats/format-2019.js';
import { format2021 } from '../formats/format-2021.js';
import { emptyTables } from '../tables.js';
import type { Cell, Finding, ReportFormat, ReportTables, TableLayout } from '../types.js';
import { checkReport, checkReportHtml, checkReportText } from './check-report.js';
import { decodeText, runReportCheck } from './cli.js';
import { extractFromText, parseValue, readRows, tokenize, toLines } from './extract-text.js';
import { alignLabels, labelScore } from './fuzzy.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const SHARED: Record<string, string> = {
  '003.txt': 'fixtures/annual-reports/003.txt',
  '004.txt': 'fixtures/annual-reports/004.txt',
  '005.txt': 'fixtures/annual-reports/005.txt',
  '003.expected.json': 'fixtures/annual-reports/003.expected.json',
  '004.expected.json': 'fixtures/annual-reports/004.expected.json',
  '005.expected.json': 'fixtures/annual-reports/005.expected.json',
  'seed-004.txt': 'seeds/004_452541e5d8850dfa.txt',
};

/** Reads a fixture: the committed copy beside this test, else the shared original (../shared from the repo). */
function fixture(name: string): string {
  const local = path.join(here, 'fixtures', name);
  if (existsSync(local)) return readFileSync(local, 'utf8');
  const shared = SHARED[name];
  if (!shared) throw new Error(`unknown fixture ${name}`);
  return readFileSync(path.resolve(repoRoot, '../shared', shared), 'utf8');
}

interface Expected {
  table3: Record<string, Cell[]>;
  table4: Cell[];
  table2?: Record<string, Record<string, Cell>>;
}

/** Table 三 keyed like the .expected.json files: '三、（三）不予公开/1.属于国家秘密'. */
function byLabel(format: ReportFormat, tables: ReportTables): Record<string, Cell[] | undefined> {
  const out: Record<string, Cell[] | undefined> = {};
  for (const r of format.table3.rows) {
    const label =
      r.group !== 'result' ? r.label : r.category ? `三、${r.category}/${r.label}` : `三、${r.label}`;
    out[label] = tables.table3[r.key];
  }
  return out;
}

const brief = (f: Finding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  expected: f.expected,
  actual: f.actual,
});

describe('fixture copies', () => {
  it('are identical to the shared originals when those are present', () => {
    for (const [name, shared] of Object.entries(SHARED)) {
      const local = path.join(here, 'fixtures', name);
      expect(existsSync(local)).toBe(true);
      const original = path.resolve(repoRoot, '../shared', shared);
      if (existsSync(original)) expect(readFileSync(local, 'utf8')).toBe(readFileSync(original, 'utf8'));
    }
  });
});

describe('fuzzy label matching', () => {
  it('scores a typo above the threshold and aligns rows in order', () => {
    // Fixture 003 misspells 2.其他法律行政法规禁止公开 as 2.其他法律行政止公开.
    expect(
      labelScore('2.其他法律行政法规禁止公开', '三 、本 年 度办 理 结果2.其他法律行政止公开'),
    ).toBeCloseTo(10 / 13, 5);
    const al = alignLabels(['规章', '噪声 行政规范性文件'], ['规章', '行政规范性文件']);
    expect(al.refToData).toEqual([0, 1]);
  });

  it('parses values: numbers, full-width digits, blanks (U+2002) and dashes', () => {
    expect(parseValue('　　0')).toBe(0);
    expect(parseValue('１２')).toBe(12);
    expect(parseValue('\u2002')).toBeNull();
    expect(parseValue('—')).toBeNull();
    expect(parseValue('7730.28')).toBe(7730.28);
    expect(parseValue('1.属于国家秘密')).toBeUndefined();
  });

  it('reads TAB-per-cell rows, dropping placeholder cells under rowspans', () => {
    const text = [
      '\t（一）予以公开',
      '\t1',
      '\t2',
      '\t',
      '',
      '\t',
      '\t（二）部分公开',
      '\t3',
      '\t\u2002',
      '\t4',
    ].join('\n');
    const lines = toLines(text);
    const rows = readRows(tokenize(lines, 0, lines.length), 3);
    expect(rows.map((r) => [r.label, r.values])).toEqual([
      ['（一）予以公开', [1, 2, null]],
      ['（二）部分公开', [3, null, 4]],
    ]);
  });
});

describe('pdftotext fixtures 003, 004, 005', () => {
  for (const id of ['003', '004', '005'] as const) {
    it(`${id}: extracted table 三 and 四 equal ${id}.expected.json`, () => {
      const expected = JSON.parse(fixture(`${id}.expected.json`)) as Expected;
      const r = checkReportText(fixture(`${id}.txt`), `${id}.txt`);
      expect(r.unreadable).toBeUndefined();
      const fmt = r.formatDetail.table3 === '2019' ? format2019 : format2021;
      expect(byLabel(fmt, r.tables)).toEqual(expected.table3);
      expect(r.tables.table4).toEqual(expected.table4);
      expect(r.notes).toEqual([]);
    });
  }

  it('003: mixed format (2021 table 二, 2019 table 三), findings = the two table-四 sums', () => {
    const r = checkReportText(fixture('003.txt'), '003.txt');
    expect(r.format).toBe('mixed');
    expect(r.formatDetail).toEqual({ table2: '2021', table3: '2019' });
    expect(r.year).toBe(2023);
    expect(r.findings.map(brief)).toEqual([
      { ruleId: 'R5', severity: 'error', expected: 11, actual: 0 },
      { ruleId: 'R5', severity: 'error', expected: 5, actual: 0 },
    ]);
    expect(r.findings[0]?.cells.at(-1)?.col).toBe('review_total');
    expect(r.findings[1]?.cells.at(-1)?.col).toBe('suitAfterReview_total');
    expect(r.tables.table2.normativeDoc).toEqual({ issued: 0, repealed: 5, inForce: 5 });
    expect(r.tables.table2.fee).toEqual({ feeAmount: 7730.28 });
  });

  it('004: the only finding is narrative 受理17件 vs table 新收95', () => {
    const r = checkReportText(fixture('004.txt'), '004.txt');
    expect(r.format).toBe('mixed');
    expect(r.findings.map(brief)).toEqual([{ ruleId: 'N1', severity: 'error', expected: 95, actual: 17 }]);
    expect(r.findings[0]?.cells.find((c) => c.table === 'table3')).toEqual({
      table: 'table3',
      row: 'new',
      col: 'total',
    });
    expect(r.findings[0]?.excerpt).toBe('受理政府信息公开申请17件');
  });

  it('005: full 2021 format, no findings although the narrative repeats many figures', () => {
    const r = checkReportText(fixture('005.txt'), '005.txt');
    expect(r.format).toBe('2021');
    expect(r.findings).toEqual([]);
    expect(r.tables.table2).toEqual({
      regulation: { issued: 1, repealed: 0, inForce: 11 },
      normativeDoc: { issued: 8, repealed: 26, inForce: 66 },
      license: { decisions: 447228 },
      penalty: { decisions: 3985758 },
      enforcement: { decisions: 88283 },
      fee: { feeAmount: 96171.6 },
    });
  });

  it('005 with a corrupted 行政复议 total is caught by both R5 and the narrative rule', () => {
    const text = fixture('005.txt').replace('72   64    178    37    351', '72   64    178    37    350');
    const r = checkReportText(text, '005-bad.txt');
    expect(r.findings.map(brief)).toEqual([
      { ruleId: 'R5', severity: 'error', expected: 351, actual: 350 },
      { ruleId: 'N1', severity: 'error', expected: 350, actual: 351 },
    ]);
  });

  it('005 with a dash in 复议后起诉/总计: blank cell, broken sum, narrative 46 vs 26', () => {
    const text = fixture('005.txt').replace('1    6       20', '1    6       —');
    const r = checkReportText(text, '005-dash.txt');
    expect(r.tables.table4[14]).toBeNull();
    expect(r.findings.map(brief)).toEqual([
      { ruleId: 'R5', severity: 'error', expected: 20, actual: 0 },
      { ruleId: 'R11B', severity: 'warning', expected: 0, actual: null },
      { ruleId: 'N1', severity: 'error', expected: 26, actual: 46 },
    ]);
  });
});

describe('seed 004 (2019 format, TAB-per-cell text with blank cells)', () => {
  const expected = JSON.parse(fixture('seed-004.expected.json')) as Expected & {
    year: number;
    format: string;
    exit_code: number;
    findings: {
      ruleId: string;
      severity: string;
      table?: string;
      blankRows?: string[];
      cells?: unknown[];
      expected: unknown;
      actual: unknown;
    }[];
  };
  const r = checkReportText(fixture('seed-004.txt'), 'seed-004.txt');

  it('reads the 2019 format and all three tables, blanks as null', () => {
    expect(r.format).toBe(expected.format);
    expect(r.year).toBe(expected.year);
    expect(r.tables.table2).toEqual(expected.table2);
    expect(byLabel(format2019, r.tables)).toEqual(expected.table3);
    expect(r.tables.table4).toEqual(expected.table4);
  });

  it('finds exactly the hand-derived findings of seed-004.expected.json', () => {
    expect(r.findings.map(brief)).toEqual(
      expected.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        expected: f.expected,
        actual: f.actual,
      })),
    );
    const blank3 = expected.findings[0];
    const cols = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'];
    expect(r.findings[0]?.cells).toEqual(
      (blank3?.blankRows ?? []).flatMap((row) => cols.map((col) => ({ table: 'table3', row, col }))),
    );
    expect(r.findings[1]?.cells).toEqual(expected.findings[1]?.cells);
  });
});

// ---------------------------------------------------------------------------------------------
// HTML and .docx, built from the format's own layout grids (the way a renderer would draw them)
// ---------------------------------------------------------------------------------------------

function cellValue(
  tables: ReportTables,
  ref: Extract<TableLayout['rows'][number][number], { kind: 'value' }>['ref'],
): Cell {
  if (ref.table === 'table2') return tables.table2[ref.row]?.[ref.col] ?? null;
  if (ref.table === 'table3') {
    return tables.table3[ref.row]?.[format2021.table3.columns.findIndex((c) => c.key === ref.col)] ?? null;
  }
  return tables.table4[format2021.table4.columns.findIndex((c) => c.key === ref.col)] ?? null;
}

function layoutToHtml(layout: TableLayout, tables: ReportTables): string {
  const rows = layout.rows.map(
    (row) =>
      `<tr>${row
        .map((c) => {
          const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
          const content = c.kind === 'label' ? c.text : String(cellValue(tables, c.ref) ?? '');
          return `<td${span}><p>${content}</p></td>`;
        })
        .join('')}</tr>`,
  );
  return `<table border="1">${rows.join('\n')}</table>`;
}

function reportHtml(format: ReportFormat, tables: ReportTables, prose: { one: string; six: string }): string {
  return `<!doctype html><html><head><title>年报</title><style>td{border:1px}</style></head><body>
<h1>某县应急管理局2023年政府信息公开工作年度报告</h1>
<p>${format.sections[0]?.heading}</p><p>${prose.one}</p>
<p>${format.sections[1]?.heading}</p>${format.table2.layouts.map((l) => layoutToHtml(l, tables)).join('\n')}
<p>${format.sections[2]?.heading}</p>${layoutToHtml(format.table3.layout, tables)}
<p>${format.sections[3]?.heading}</p>${layoutToHtml(format.table4.layout, tables)}
<p>${format.sections[4]?.heading}</p><p>无。</p>
<p>${format.sections[5]?.heading}</p><p>${prose.six}</p></body></html>`;
}

/** Consistent 2021 values (see checks.test.ts for the hand check of R1/R2). */
function sample2021(): ReportTables {
  const t = emptyTables(format2021, 0);
  t.table3.new = [10, 2, 0, 0, 0, 0, 12];
  t.table3.carried = [1, 0, 0, 0, 0, 0, 1];
  t.table3.r1 = [5, 1, 0, 0, 0, 0, 6];
  t.table3.r2 = [2, 0, 0, 0, 0, 0, 2];
  t.table3.r4_1 = [2, 0, 0, 0, 0, 0, 2];
  t.table3.r6_2 = [0, 1, 0, 0, 0, 0, 1];
  t.table3.r7 = [9, 2, 0, 0, 0, 0, 11];
  t.table3.next = [2, 0, 0, 0, 0, 0, 2];
  t.table4 = [1, 1, 0, 1, 3, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0];
  t.table2 = {
    regulation: { issued: 1, repealed: 0, inForce: 5 },
    normativeDoc: { issued: 2, repealed: 1, inForce: 10 },
    license: { decisions: 100 },
    penalty: { decisions: 50 },
    enforcement: { decisions: 3 },
    fee: { feeAmount: 1.25 },
  };
  return t;
}

const PROSE = {
  one: '2023年，本局受理政府信息公开申请12件，主动公开政府信息88条。',
  six: '全年收取信息处理费0元。',
};

describe('HTML reports (rowspan/colspan tables)', () => {
  it('reads back every value of a consistent 2021 report and finds nothing', () => {
    const tables = sample2021();
    const r = checkReportHtml(reportHtml(format2021, tables, PROSE), 'r.html');
    expect(r.format).toBe('2021');
    expect(r.year).toBe(2023);
    expect(r.tables).toEqual(tables);
    expect(r.findings).toEqual([]);
  });

  it('reports a blank table-四 cell, a broken sum and a narrative mismatch', () => {
    const tables = sample2021();
    tables.table4[14] = null;
    tables.table3.r1 = [5, 1, 0, 0, 0, 0, 7]; // 5+1 ≠ 7
    const r = checkReportHtml(
      reportHtml(format2021, tables, { ...PROSE, one: '本局受理政府信息公开申请20件。' }),
      'r.html',
    );
    expect(r.tables.table4[14]).toBeNull();
    expect(r.findings.map((f) => [f.ruleId, f.expected, f.actual])).toEqual([
      ['R2', 12, 11], // 总计 column: 7+2+2+1 = 12 vs （七）总计 11
      ['R3', 6, 7],
      ['R11B', 0, null],
      ['N1', 12, 20],
    ]);
  });

  it('reads a 2019-format HTML report (separate table 二 sub-tables, single （六） row)', () => {
    const tables = emptyTables(format2019, 0);
    tables.table2.license = { previousItems: 3, change: -1, decisions: 18 };
    tables.table3.new = [4, 0, 0, 0, 0, 0, 4];
    tables.table3.r6 = [4, 0, 0, 0, 0, 0, 4];
    tables.table3.r7 = [4, 0, 0, 0, 0, 0, 4];
    const r = checkReportHtml(
      reportHtml(format2019, tables, { one: '收到政府信息公开申请4件。', six: '' }),
      'r.htm',
    );
    expect(r.format).toBe('2019');
    expect(r.tables).toEqual(tables);
    expect(r.findings).toEqual([]);
  });
});

/** Builds a .docx holding a heading and the 2021 table 三, drawn from the layout grid with real merges. */
async function docxWithTable3(tables: ReportTables): Promise<Buffer> {
  const rows = format2021.table3.layout.rows.map(
    (row) =>
      new TableRow({
        children: row.map(
          (c) =>
            new TableCell({
              rowSpan: c.rowSpan,
              columnSpan: c.colSpan,
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [
                    new TextRun(c.kind === 'label' ? c.text : String(cellValue(tables, c.ref) ?? '')),
                  ],
                }),
              ],
            }),
        ),
      }),
  );
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('某区司法局2024年政府信息公开工作年度报告'),
          new Paragraph('三、收到和处理政府信息公开申请情况'),
          new Table({ rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('.docx reports (via mammoth)', () => {
  it('finds a deliberate error in a 2021 table 三 with merged cells', async () => {
    const tables = sample2021();
    tables.table3.r7 = [8, 2, 0, 0, 0, 0, 10]; // rows still add up (R3), columns do not
    const r = await checkReport({ docx: await docxWithTable3(tables), fileName: 'r.docx' });
    expect(r.formatDetail.table3).toBe('2021');
    expect(r.tables.table3).toEqual(tables.table3);
    expect(r.findings.map((f) => [f.ruleId, f.cells[0]?.col, f.expected, f.actual])).toEqual([
      ['R1', 'natural', 11, 10],
      ['R1', 'total', 13, 12],
      ['R2', 'natural', 9, 8],
      ['R2', 'total', 11, 10],
    ]);
    expect(r.notes).toContain('未能读取表四，相关检查未执行');
  });
});

// ---------------------------------------------------------------------------------------------
// CLI contract
// ---------------------------------------------------------------------------------------------

describe('gongkai report check <file> [--json]', () => {
  const files = new Map<string, Buffer>([
    ['003.txt', Buffer.from(fixture('003.txt'))],
    ['005.txt', Buffer.from(fixture('005.txt'))],
    ['seed.txt', Buffer.from(fixture('seed-004.txt'))],
    ['empty.txt', Buffer.from('这是一份没有表格的文件。')],
    ['r.html', Buffer.from(reportHtml(format2021, sample2021(), PROSE))],
  ]);
  const readFile = async (p: string): Promise<Buffer> => {
    const b = files.get(p);
    if (!b) throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    return b;
  };

  it('exits 1 with a Chinese text report for an inconsistent file', async () => {
    const r = await runReportCheck(['report', 'check', '003.txt'], readFile);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('混合格式（表二为2021版，表三为2019版）');
    expect(r.stdout).toContain('R5 表四“行政复议”：结果维持+结果纠正+其他结果+尚未审结=11，与总计0不符');
    expect(r.stdout).toContain('结论：不一致');
  });

  it('exits 0 for consistent files (warnings allowed) and emits JSON with --json', async () => {
    const ok = await runReportCheck(['005.txt', '--json'], readFile);
    expect(ok.exitCode).toBe(0);
    const parsed = JSON.parse(ok.stdout) as { format: string; findings: unknown[]; tables: ReportTables };
    expect(parsed.format).toBe('2021');
    expect(parsed.findings).toEqual([]);
    expect(parsed.tables.table4[4]).toBe(351);
    const seed = await runReportCheck(['seed.txt'], readFile);
    expect(seed.exitCode).toBe(0);
    expect(seed.stdout).toContain('结论：一致（有警告）');
    expect((await runReportCheck(['check', 'r.html'], readFile)).exitCode).toBe(0);
  });

  it('exits 2 when the file cannot be read or checked', async () => {
    const missing = await runReportCheck(['nope.txt'], readFile);
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout).toContain('无法检查：文件不存在');
    expect(missing.stdout).toContain('结论：无法检查');
    expect((await runReportCheck(['report.pdf'], readFile)).stdout).toContain('文件不存在');
    expect((await runReportCheck(['report.pdf'], readFile)).exitCode).toBe(2);
    expect((await runReportCheck(['report.xls'], readFile)).stdout).toContain('不支持的文件类型');
    const empty = await runReportCheck(['empty.txt', '--json'], readFile);
    expect(empty.exitCode).toBe(2);
    expect((JSON.parse(empty.stdout) as { unreadable?: string }).unreadable).toMatch(/未找到/);
    expect((await runReportCheck([], readFile)).exitCode).toBe(2);
    expect((await runReportCheck(['a.txt', '--verbose'], readFile)).exitCode).toBe(2);
  });

  it('decodes UTF-8 (with BOM) and falls back to GB18030', () => {
    // 受理 in GB18030 is CA DC C0 ED (invalid as UTF-8).
    expect(decodeText(Uint8Array.from([0xca, 0xdc, 0xc0, 0xed]))).toBe('受理');
    expect(decodeText(Buffer.from('\ufeff受理'))).toBe('受理');
  });
});

describe('extractFromText narrative', () => {
  it('keeps the prose before table 二 and after table 四 only', () => {
    const ex = extractFromText(fixture('005.txt'));
    expect(ex.narrative).toContain('全市共受理政府信息公开申请 3119 件');
    expect(ex.narrative).toContain('收取政府信息公开信息处理费 3940 元');
    expect(ex.narrative).not.toContain('本年新收政府信息公开申请数量');
  });
});

describe('a page saved without line breaks (prose and tables on one line, as a crawler page.txt)', () => {
  const line =
    '平潭综合实验区2020年政府信息公开工作年度报告 本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分。' +
    '一、总体情况全年共公布政府信息100条(其中机构职能类信息60条，规划计划类信息50条)，主要通过政府门户网站公开。' +
    '二、主动公开政府信息情况 第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000' +
    '三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量200000121' +
    '五、存在的主要问题及改进情况共开展培训10次，其中线上6次、线下5次。';

  it('still reads the prose before the first table and 五 after it, never the glued figures', () => {
    const ex = extractFromText(line);
    expect(ex.narrative).toContain('其中机构职能类信息60条');
    expect(ex.narrative).toContain('其中线上6次');
    expect(ex.narrative).not.toContain('200000121');
    const res = checkReportText(line, 'page.txt');
    expect(res.findings.map((f) => `${f.ruleId}:${String(f.actual)}`).sort()).toEqual(['N3:11', 'N3:110']);
    expect(res.verdict).not.toBe('consistent');
  });

  it('a preamble that names the sections is not taken for the start of a table', () => {
    const ex = extractFromText(line);
    expect(ex.narrative).toContain('一、总体情况');
  });
});
