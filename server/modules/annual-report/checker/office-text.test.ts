import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportText } from './check-report.js';
import { runReportCheck } from './cli.js';
import { docBodyToRowText } from './office-text.js';
import { loadReports, renderTabText, renderXlsxFile } from './corpus/corpus.js';

/**
 * The body word-extractor returns for a Word 97–2003 file: every table cell ends with a cell mark and
 * every row with one more, both turned into TABs, rows not separated by line breaks.
 */
function wordBody(tabText: string): string {
  let out = '';
  for (const line of tabText.split('\n')) {
    if (line.includes('\t')) out += `${line}\t\t`;
    else out += `${out.endsWith('\t') ? '\n' : ''}${line}\n`;
  }
  return out;
}

const byId = (id: string) => loadReports().find((r) => r.id === id)!;

describe('.doc (word-extractor body)', () => {
  it('splits rows at the row-end mark and keeps the paragraphs', () => {
    expect(docBodyToRowText('标题\n表头1\t表头2\t\t行一\t1\t2\t\t行二\t3\t4\t\t\n正文。')).toBe(
      '标题\n表头1\t表头2\n行一\t1\t2\n行二\t3\t4\n正文。',
    );
  });

  it('reads a report without blank cells completely, with the same findings as its web page', () => {
    const r = byId('suqian-gov-2023');
    const res = checkReportText(docBodyToRowText(wordBody(renderTabText(r))), 'suqian-2023.doc');
    expect(res.reading.table3.complete).toBe(true);
    expect(res.reading.table4.complete).toBe(true);
    expect(res.verdict).toBe('consistent');
  });

  it('a row with blank cells cannot be told from a row end: never consistent, never a wrong error', () => {
    const r = byId('shanghai-office-2019');
    const res = checkReportText(docBodyToRowText(wordBody(renderTabText(r))), 'shanghai-2019.doc');
    expect(res.verdict).not.toBe('consistent');
    // whatever is reported rests on rows read whole: no R3 on a row whose cells are in fact blank
    const r3Rows = res.findings.filter((f) => f.ruleId === 'R3').map((f) => f.cells[0]?.row);
    for (const row of r3Rows)
      expect(['r1', 'r2', 'r3_1', 'r3_5', 'r3_6', 'r3_8', 'r4_1', 'r4_2', 'r4_3', 'r5_1', 'r5_2']).toContain(
        row,
      );
  });

  it('a real .doc without the statutory tables is unreadable (exit 2) with the reason', async () => {
    const file = join(process.cwd(), 'server/modules/catalog/fixtures/notice-libreoffice.doc');
    const out = await runReportCheck(['report', 'check', file], async (p) => readFileSync(p));
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toContain('无法检查');
    expect(out.stdout).toContain('未找到');
  });
});

describe('.xlsx (exceljs)', () => {
  it('the CLI reads a workbook of the tables (merged cells left out, blank cells kept)', async () => {
    const bytes = await renderXlsxFile(byId('shanghai-office-2019'));
    const out = await runReportCheck(['report', 'check', 'shanghai.xlsx', '--json'], async () => bytes);
    const res = JSON.parse(out.stdout) as { verdict: string; reading: { table3: { complete: boolean } } };
    expect(out.exitCode).toBe(1); // the 总计 column of the result rows is blank in the published table
    expect(res.verdict).toBe('inconsistent');
    expect(res.reading.table3.complete).toBe(true);
  });

  it('a broken workbook is refused with the reason, never checked', async () => {
    const out = await runReportCheck(['report', 'check', 'x.xlsx'], async () => Buffer.from('not a zip'));
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toContain('无法解析文件');
  });
});
