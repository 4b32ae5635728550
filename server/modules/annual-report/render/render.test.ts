import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { format2019 } from '../formats/format-2019.js';
import { format2021 } from '../formats/format-2021.js';
import { generateReport } from '../generator.js';
import { checkReport } from '../checker/check-report.js';
import { fakeFacts, sampleLedger } from '../testing/fake-sources.js';
import { toReportDocument, type ReportDocument } from './model.js';
import { renderOutput } from './index.js';
import { PAGE } from './docx.js';
import type { ReportFormat } from '../types.js';

function sampleDocument(format: ReportFormat = format2021, year = 2025): ReportDocument {
  const facts = fakeFacts(sampleLedger(), year);
  const r = generateReport({ format, year, agencyName: '示例市应急管理局', facts });
  return toReportDocument({
    format,
    year,
    agency: {
      name: '示例市应急管理局',
      address: '示例市人民路26号',
      postcode: '255000',
      phone: '0533-1234567',
    },
    tables: r.tables,
    rendered: r.rendered,
    catalog: facts.catalog,
  });
}

/** Unzips one part of an OOXML package (the test reads the raw XML, as Word would). */
function part(bytes: Buffer, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-docx-'));
  const file = path.join(dir, 'x.zip');
  writeFileSync(file, bytes);
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 20 * 1024 * 1024 });
}

/** Tables of document.xml, each as rows of cells with their gridSpan / vMerge and text. */
function parseTables(xml: string) {
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
  return tables.map((t) => ({
    gridCols: [...t.matchAll(/<w:gridCol /g)].length,
    rows: [...t.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => ({
      header: /<w:tblHeader\/>|<w:tblHeader w:val="(true|1)"\/>/.test(r[1]!),
      cells: [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => ({
        span: Number(/<w:gridSpan w:val="(\d+)"/.exec(c[1]!)?.[1] ?? 1),
        vMerge: /<w:vMerge w:val="restart"\/>/.test(c[1]!)
          ? 'restart'
          : /<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(c[1]!)
            ? 'continue'
            : null,
        text: [...c[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
      })),
    })),
  }));
}

describe('Word output', () => {
  it('has the official table structure, merged cells and labels (2021)', async () => {
    const file = await renderOutput(sampleDocument(), 'docx');
    const xml = part(file.bytes, 'word/document.xml');
    const tables = parseTables(xml);
    expect(tables).toHaveLength(3); // 二 (single 4-column table), 三, 四
    const [t2, t3, t4] = tables;

    // 表二: 4 grid columns; caption rows span 4; single-value columns span 3.
    expect(t2!.gridCols).toBe(4);
    expect(t2!.rows[0]!.cells).toEqual([{ span: 4, vMerge: null, text: '第二十条第（一）项' }]);
    expect(t2!.rows[1]!.cells.map((c) => c.text)).toEqual([
      '信息内容',
      '本年制发件数',
      '本年废止件数',
      '现行有效件数',
    ]);
    expect(t2!.rows[3]!.cells.map((c) => c.text)).toEqual(['行政规范性文件', '2', '1', '3']);
    const fee = t2!.rows.find((r) => r.cells[0]!.text === '行政事业性收费')!;
    expect(fee.cells[1]!.span).toBe(3);

    // 表三: 10 grid columns, three header rows repeated on each page, the 勾稽 note spans 3×3.
    expect(t3!.gridCols).toBe(10);
    expect(t3!.rows.filter((r) => r.header)).toHaveLength(3);
    const note = t3!.rows[0]!.cells[0]!;
    expect(note).toMatchObject({ span: 3, vMerge: 'restart' });
    expect(note.text).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(t3!.rows[0]!.cells[1]).toMatchObject({ span: 7, text: '申请人情况' });
    expect(t3!.rows[1]!.cells.map((c) => [c.text, c.span, c.vMerge])).toEqual([
      ['', 3, 'continue'],
      ['自然人', 1, 'restart'],
      ['法人或其他组织', 5, null],
      ['总计', 1, 'restart'],
    ]);
    expect(t3!.rows[2]!.cells.map((c) => c.text)).toEqual([
      '',
      '',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '',
    ]);
    // 3 header rows + 25 data rows; every row covers 10 grid columns
    expect(t3!.rows).toHaveLength(28);
    for (const r of t3!.rows) expect(r.cells.reduce((s, c) => s + c.span, 0)).toBe(10);
    const result = t3!.rows[5]!.cells[0]!;
    expect(result).toMatchObject({ text: '三、本年度办理结果', vMerge: 'restart' });
    expect(
      t3!.rows.filter((r) => r.cells[0]!.vMerge === 'continue' && r.cells[0]!.text === '').length,
    ).toBeGreaterThanOrEqual(21);
    expect(xml).toContain('3.危及“三安全一稳定”');
    const newRow = t3!.rows[3]!;
    expect(newRow.cells[0]).toMatchObject({ text: '一、本年新收政府信息公开申请数量', span: 3 });
    expect(newRow.cells.at(-1)!.text).toBe('14');

    // 表四: 15 columns, 行政复议 spans 5, 行政诉讼 spans 10, outcomes of 复议 merged down 2 rows.
    expect(t4!.gridCols).toBe(15);
    expect(t4!.rows[0]!.cells.map((c) => [c.text, c.span])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(t4!.rows[1]!.cells.slice(0, 5).every((c) => c.vMerge === 'restart')).toBe(true);
    expect(t4!.rows[3]!.cells.map((c) => c.text).slice(0, 5)).toEqual(['1', '0', '0', '1', '2']);

    // headings, fee sentence, A4 page with GB/T 9704 margins, fonts with fallbacks
    for (const h of ['一、总体情况', '四、政府信息公开行政复议、行政诉讼情况', '六、其他需要报告的事项'])
      expect(xml).toContain(h);
    expect(xml).toContain('共收取信息处理费380元');
    expect(xml).toContain(`<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"`);
    expect(xml).toMatch(
      new RegExp(
        `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}"`,
      ),
    );
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    const fonts = part(file.bytes, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });

  it('2019 format: five separate table 二 sub-tables and the single （六） row', async () => {
    const file = await renderOutput(sampleDocument(format2019, 2020), 'docx');
    const tables = parseTables(part(file.bytes, 'word/document.xml'));
    expect(tables).toHaveLength(7);
    expect(tables.slice(0, 5).map((t) => t.rows[0]!.cells[0]!.text)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '第二十条第（九）项',
    ]);
    expect(tables[5]!.rows).toHaveLength(26);
  });

  it('reads back through the checker with the same tables and no finding', async () => {
    const doc = sampleDocument();
    const file = await renderOutput(doc, 'docx');
    const result = await checkReport({ docx: file.bytes, fileName: file.fileName });
    expect(result.format).toBe('2021');
    expect(result.tables.table3).toEqual(doc.tables.table3);
    expect(result.tables.table4).toEqual(doc.tables.table4);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('Excel output', () => {
  it('has the three table sheets with the layout merges and numeric values', async () => {
    const file = await renderOutput(sampleDocument(), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表二 主动公开', '表三 依申请公开', '表四 复议诉讼']);
    const ws3 = wb.getWorksheet('表三 依申请公开')!;
    const merges = (ws3 as unknown as { model: { merges: string[] } }).model.merges;
    expect(merges).toContain('A3:C5'); // 勾稽 note: 3 rows × 3 columns
    expect(merges).toContain('D3:J3'); // 申请人情况
    expect(merges).toContain('D4:D5'); // 自然人
    expect(merges).toContain('E4:I4'); // 法人或其他组织
    expect(merges).toContain('J4:J5'); // 总计
    expect(merges).toContain('A6:C6'); // 一、本年新收
    expect(ws3.getCell('A8').value).toBe('三、本年度办理结果');
    expect(merges).toContain('A8:A29'); // 22 result rows (2021)
    expect(ws3.getCell('J6').value).toBe(14);
    const ws4 = wb.getWorksheet('表四 复议诉讼')!;
    const m4 = (ws4 as unknown as { model: { merges: string[] } }).model.merges;
    expect(m4).toEqual(expect.arrayContaining(['A3:E3', 'F3:O3', 'A4:A5', 'F4:J4', 'K4:O4']));
    expect(ws4.getCell('E6').value).toBe(2);
  });

  it('prints on A4, one page wide, with the table headers repeated on every page', async () => {
    const file = await renderOutput(sampleDocument(), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const setup = (name: string) => wb.getWorksheet(name)!.pageSetup;
    for (const name of ['表二 主动公开', '表三 依申请公开', '表四 复议诉讼']) {
      expect(setup(name).paperSize).toBe(9);
      expect(setup(name).fitToPage).toBe(true);
      expect(setup(name).fitToWidth).toBe(1);
      expect(setup(name).fitToHeight).toBe(0);
      expect(wb.getWorksheet(name)!.headerFooter.oddFooter).toContain('&P');
    }
    expect(setup('表三 依申请公开').orientation).toBe('portrait');
    expect(setup('表四 复议诉讼').orientation).toBe('landscape');
    // the three header rows of tables 三 and 四 (rows 3–5 under the title)
    expect(setup('表三 依申请公开').printTitlesRow).toBe('3:5');
    expect(setup('表四 复议诉讼').printTitlesRow).toBe('3:5');
    // read back from the workbook's _xlnm.Print_Titles defined names, as Excel and WPS read them
    expect(setup('表二 主动公开').printTitlesRow).toBe('1:1');
  });
});

describe('HTML and chart', () => {
  it('the standalone page has the tables with spans, header scopes and the SVG chart', async () => {
    const html = (await renderOutput(sampleDocument(), 'html')).bytes.toString('utf8');
    expect(html).toMatch(
      /<th (?=[^>]*rowspan="3")(?=[^>]*colspan="3")(?=[^>]*scope="colgroup")[^>]*>（本列数据的勾稽关系为/,
    );
    expect(html).toMatch(/<th scope="row" class="row-label"[^>]*>1\.属于国家秘密<\/th>/);
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(html).toContain('示例市应急管理局2025年政府信息公开工作年度报告');
    const checked = await checkReport({ html, fileName: 'x.html' });
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the chart shows every column and channel', async () => {
    const svg = (await renderOutput(sampleDocument(), 'svg')).bytes.toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const t of ['通知公告', '政策文件', '门户网站', '政务微信公众号']) expect(svg).toContain(t);
  });

  it('hashes identify the bytes', async () => {
    const f = await renderOutput(sampleDocument(), 'html');
    const g = await renderOutput(sampleDocument(), 'html');
    expect(f.sha256).toBe(g.sha256);
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
