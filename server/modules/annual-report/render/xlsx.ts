/**
 * Excel (.xlsx) of the report tables: one sheet per table section (二, 三, 四), each drawn from the
 * format's layout grids with the same merged cells as the Word output; values are numeric cells.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { TableLayout } from '../types.js';
import { formatValue, placeGrid, reportTitle, valueOf, type ReportDocument } from './model.js';

// exceljs (~28 MB resident) loads with the first workbook, not at server start.
const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;
const Excel = (): typeof ExcelJS => (excel ??= require('exceljs') as typeof ExcelJS);

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Draws a layout grid starting at `top` (1-based row); returns the next free row. */
function drawGrid(ws: ExcelJS.Worksheet, layout: TableLayout, doc: ReportDocument, top: number): number {
  for (const { cell, row, col } of placeGrid(layout)) {
    const r = top + row;
    const c = 1 + col;
    const target = ws.getCell(r, c);
    if (cell.kind === 'label') {
      target.value = cell.text;
      target.font = { name: '宋体', size: 10, bold: cell.header };
    } else {
      const v = valueOf(doc.tables, cell.ref);
      target.value = v === null ? null : Number(formatValue(v, cell.valueType));
      target.font = { name: '宋体', size: 10 };
      if (cell.valueType === 'amount') target.numFmt = '0.####';
    }
    target.alignment = {
      vertical: 'middle',
      horizontal: cell.kind === 'label' && !cell.header && cell.colSpan < 3 && col > 0 ? 'left' : 'center',
      wrapText: true,
    };
    if (cell.rowSpan > 1 || cell.colSpan > 1) ws.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
    // borders on every covered position, so the merged area is outlined in every viewer
    for (let dr = 0; dr < cell.rowSpan; dr++)
      for (let dc = 0; dc < cell.colSpan; dc++) ws.getCell(r + dr, c + dc).border = BORDER;
  }
  return top + layout.rows.length;
}

/**
 * Print setup: A4, fitted to one page wide (as many pages tall as needed), the table's header rows
 * repeated on every printed page, page numbers in the footer.
 */
function printSetup(
  ws: ExcelJS.Worksheet,
  opts: { landscape: boolean; headerRows?: [number, number] },
): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: opts.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(opts.headerRows ? { printTitlesRow: `${opts.headerRows[0]}:${opts.headerRows[1]}` } : {}),
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: '&C第 &P 页，共 &N 页' };
}

function titleRow(ws: ExcelJS.Worksheet, row: number, text: string, width: number): void {
  ws.mergeCells(row, 1, row, width);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: '黑体', size: 12, bold: true };
  c.alignment = { horizontal: 'left', vertical: 'middle' };
}

/** The workbook (exported for tests that inspect merges without a round trip). */
export function buildWorkbook(doc: ReportDocument): ExcelJS.Workbook {
  const wb = new (Excel().Workbook)();
  wb.creator = doc.agency.name;
  wb.title = reportTitle(doc);
  const { format } = doc;

  const ws2 = wb.addWorksheet('表二 主动公开');
  const width2 = Math.max(...format.table2.layouts.map((l) => l.columnCount));
  titleRow(ws2, 1, `${reportTitle(doc)}　${format.sections[1]!.heading}`, width2);
  let next = 3;
  for (const layout of format.table2.layouts) next = drawGrid(ws2, layout, doc, next) + 1;
  ws2.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 16));
  // several sub-tables with their own headers: repeat the sheet title only
  printSetup(ws2, { landscape: false, headerRows: [1, 1] });

  const ws3 = wb.addWorksheet('表三 依申请公开');
  titleRow(ws3, 1, format.sections[2]!.heading, 10);
  drawGrid(ws3, format.table3.layout, doc, 3);
  ws3.columns.forEach((c, i) => (c.width = [8, 12, 36][i] ?? 10));
  ws3.getRow(3).height = 30;
  printSetup(ws3, { landscape: false, headerRows: [3, 2 + format.table3.layout.headerRowCount] });

  const ws4 = wb.addWorksheet('表四 复议诉讼');
  titleRow(ws4, 1, format.sections[3]!.heading, 15);
  drawGrid(ws4, format.table4.layout, doc, 3);
  ws4.columns.forEach((c) => (c.width = 9));
  printSetup(ws4, { landscape: true, headerRows: [3, 2 + format.table4.layout.headerRowCount] });
  return wb;
}

/** Renders the .xlsx bytes. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = buildWorkbook(doc);
  // exceljs stamps created/modified with the wall clock; pin them to the report so bytes are reproducible
  const at = new Date(`${doc.publishedOn ?? `${doc.year + 1}-01-01`}T00:00:00Z`);
  wb.created = at;
  wb.modified = at;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
