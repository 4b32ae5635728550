/**
 * Legacy Word (.doc) and Excel (.xlsx) reports → the checker's row text (one table row per line, cells
 * separated by TABs, blank cells kept; see extract-text.ts `normalizeRowLine`).
 *
 * - .doc (OLE compound file) through word-extractor: Word ends every table cell with a cell mark and
 *   every row with one more, which word-extractor turns into TABs, so a row reads "c1⇥c2⇥…⇥cn⇥⇥".
 *   A blank cell inside a row also gives "⇥⇥"; such a row splits into two short lines, its values no
 *   longer fill the table's width and the row is reported as not read (never guessed).
 * - .xlsx through exceljs: every sheet, row by row; cells covered by a merge are left out (like HTML's
 *   rowspan/colspan), so the layout is the same as a saved web page.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);

/** Row text of a .doc body as word-extractor returns it (exported for tests). */
export function docBodyToRowText(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((para) =>
      para.includes('\t')
        ? para
            .split(/\t\t/)
            .map((row) => row.replace(/\t$/, ''))
            .filter((row) => row.trim() !== '')
            .map((row) => (row.includes('\t') ? row : `${row}\t`))
        : [para],
    )
    .join('\n');
}

/** Text of a legacy Word file (word-extractor loads with the first .doc checked). */
export async function docToRowText(bytes: Uint8Array): Promise<string> {
  const WordExtractor = require('word-extractor') as new () => {
    extract(input: Buffer): Promise<{ getBody(): string }>;
  };
  const doc = await new WordExtractor().extract(Buffer.from(bytes));
  return docBodyToRowText(doc.getBody());
}

/** A formula result or hyperlink text: numbers, text, booleans and dates read; an error value is blank. */
function scalarText(r: unknown): string {
  if (typeof r === 'string') return r;
  if (typeof r === 'number' || typeof r === 'boolean') return String(r);
  if (r instanceof Date) return r.toISOString().slice(0, 10);
  return '';
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return scalarText(v.result);
    if ('text' in v) return scalarText(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}

/** Text of a workbook: each sheet's rows as TAB lines, merged-over cells left out, text cells as paragraphs. */
export async function xlsxToRowText(bytes: Uint8Array): Promise<string> {
  const Excel = require('exceljs') as typeof ExcelJS;
  const wb = new Excel.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        if (cell.isMerged && cell.master !== cell) continue; // covered by a merge
        cells.push(cellText(cell).replace(/[\t\r\n]+/g, ''));
      }
      const filled = cells.filter((x) => x.trim() !== '');
      if (filled.length === 0) return;
      // a row that is one cell (a title merged across the sheet, a heading, prose) is a paragraph;
      // others are table rows whose blank cells (trailing ones included) are kept
      out.push(cells.length === 1 ? (cells[0] ?? '') : `\t${cells.join('\t')}`);
    });
    out.push('');
  }
  return out.join('\n');
}
