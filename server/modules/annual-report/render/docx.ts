/**
 * Word (.docx) rendering of the annual report in the official layout: A4 with GB/T 9704 margins,
 * 方正小标宋 title, 黑体 section headings, 仿宋_GB2312 body, and tables drawn from the format's layout
 * grids (merged header cells, table 三's three header rows repeated on each page, full-width labels).
 * Each font names a fallback (宋体/仿宋/楷体/黑体) in the document's font table, so Word and WPS on a
 * machine without the GB2312 fonts still pick a Chinese face of the same style.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { GridCell, TableLayout } from '../types.js';
import {
  formatValue,
  isSubHeading,
  placeGrid,
  paragraphs,
  preamble,
  reportTitle,
  valueOf,
  type ReportDocument,
} from './model.js';

/** Font faces with the fallback each falls back to (written into fontTable.xml as w:altName). */
export const DOCX_FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  heading: { name: '黑体', fallback: 'SimHei' },
  subHeading: { name: '楷体_GB2312', fallback: '楷体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  table: { name: '宋体', fallback: 'SimSun' },
  latin: { name: 'Times New Roman', fallback: 'Liberation Serif' },
} as const;

// A4 and GB/T 9704 margins (上37mm 下35mm 左28mm 右26mm), in twips (1 mm = 56.7 twips).
const MM = 56.6929;
export const PAGE = {
  width: 11906,
  height: 16838,
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
};
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const font = (face: { name: string }): IRunOptions['font'] => ({
  eastAsia: face.name,
  ascii: DOCX_FONTS.latin.name,
  hAnsi: DOCX_FONTS.latin.name,
});

const PT = (pt: number) => pt * 2; // docx sizes are half-points
const BODY_PT = 16; // 三号
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // fixed 28 pt

function bodyParagraph(text: string): Paragraph {
  const sub = isSubHeading(text);
  return new Paragraph({
    spacing: LINE,
    indent: { firstLine: PT(BODY_PT) * 20 }, // 2 characters
    alignment: AlignmentType.JUSTIFIED,
    children: [
      new TextRun({
        text,
        font: font(sub ? DOCX_FONTS.subHeading : DOCX_FONTS.body),
        size: PT(BODY_PT),
        bold: sub,
      }),
    ],
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE,
    indent: { firstLine: PT(BODY_PT) * 20 },
    keepNext: true,
    children: [new TextRun({ text, font: font(DOCX_FONTS.heading), size: PT(BODY_PT) })],
  });
}

/** Column widths (twips) of a layout grid, by its shape. */
export function columnWidths(layout: TableLayout): number[] {
  const n = layout.columnCount;
  if (n === 10) {
    // table 三: 三、本年度办理结果 | category | sub-item | 7 applicant columns
    const labels = [760, 1160, 2800];
    const value = Math.floor((TEXT_WIDTH - 4720) / 7);
    return [...labels, ...Array<number>(7).fill(value)];
  }
  if (n === 15) return Array<number>(15).fill(Math.floor(TEXT_WIDTH / 15));
  const first = n === 4 ? 2645 : 2845;
  const rest = Math.floor((TEXT_WIDTH - first) / (n - 1));
  return [first, ...Array<number>(n - 1).fill(rest)];
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/** A table drawn from a layout grid; `tablePt` is the font size of its cells. */
export function gridTable(
  layout: TableLayout,
  doc: ReportDocument,
  tablePt: number,
  /**
   * 'all': the table stays on one page (表四); 'groups': each captioned sub-table does (表二);
   * 'spans': rows merged by a category label stay together, e.g. （三）不予公开 1–8 (表三, which may
   * break between groups with its three header rows repeated).
   */
  keep: 'all' | 'groups' | 'spans' | 'none' = 'none',
): Table {
  const spanned = new Set<number>();
  for (const { cell, row } of placeGrid(layout))
    if (cell.rowSpan > 1 && cell.rowSpan <= 8)
      for (let r = row; r < row + cell.rowSpan - 1; r++) spanned.add(r);
  // a caption row is one label spanning the whole width (第二十条第（X）项)
  const isCaption = (r: number) =>
    layout.rows[r]?.length === 1 && layout.rows[r][0]!.colSpan === layout.columnCount;
  const keepWithNext = (r: number) =>
    r < layout.rows.length - 1 &&
    (keep === 'all' ||
      (keep === 'groups' && !isCaption(r + 1)) ||
      (keep === 'spans' && (r < layout.headerRowCount || spanned.has(r) || r >= layout.rows.length - 2)));
  const widths = columnWidths(layout);
  // position of each cell, to know its width (sum of the columns it spans)
  const taken = layout.rows.map(() => Array<boolean>(layout.columnCount).fill(false));
  const rows = layout.rows.map((cells, r) => {
    let c = 0;
    const children = cells.map((cell) => {
      while (taken[r]![c]) c++;
      const start = c;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) if (taken[r + dr]) taken[r + dr]![start + dc] = true;
      c += cell.colSpan;
      const width = widths.slice(start, start + cell.colSpan).reduce((s, w) => s + w, 0);
      return gridCell(cell, doc, width, tablePt, start, layout.columnCount);
    });
    return new TableRow({
      children,
      tableHeader: r < layout.headerRowCount,
      cantSplit: true,
      // a caption or header row never ends a page without its values; 表三 is read as one block
      keepNext: keepWithNext(r),
    });
  });
  return new Table({
    rows,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    alignment: AlignmentType.CENTER,
    borders: {
      ...BORDERS,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
  });
}

function gridCell(
  cell: GridCell,
  doc: ReportDocument,
  width: number,
  pt: number,
  col: number,
  columnCount: number,
): TableCell {
  const text = cell.kind === 'label' ? cell.text : formatValue(valueOf(doc.tables, cell.ref), cell.valueType);
  // Table 三: the sub-item labels (third label column) and the full-width rows 一、二、四 are
  // left-aligned as in the official sample; the vertical group and category labels stay centred.
  const left =
    columnCount === 10 && cell.kind === 'label' && !cell.header && (col === 2 || cell.colSpan === 3);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
    rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 30, bottom: 30, left: 50, right: 50 },
    borders: BORDERS,
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [
          new TextRun({
            text,
            font: font(DOCX_FONTS.table),
            size: PT(pt),
            bold: cell.kind === 'label' && cell.header,
          }),
        ],
      }),
    ],
  });
}

/** The whole document as a docx `Document`. */
export function buildDocx(doc: ReportDocument): Document {
  const { format } = doc;
  const heading2 = format.sections[1]!.heading;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 400, line: 700, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: reportTitle(doc), font: font(DOCX_FONTS.title), size: PT(22) })],
    }),
  ];
  if (doc.consolidatedFrom) {
    children.push(bodyParagraph(`本报告由所属${doc.consolidatedFrom}个部门的年度报告汇总生成。`));
  }
  if (doc.version && doc.version > 1) {
    children.push(
      bodyParagraph(
        `（更正版第${doc.version}版${doc.correctionReason ? `，更正原因：${doc.correctionReason}` : ''}）`,
      ),
    );
  }
  for (const p of preamble(doc)) children.push(bodyParagraph(p));

  children.push(heading(format.sections[0]!.heading));
  for (const p of paragraphs(doc.rendered.one)) children.push(bodyParagraph(p));

  children.push(heading(heading2));
  format.table2.layouts.forEach((layout, i) => {
    if (i > 0) children.push(new Paragraph({ children: [] }));
    children.push(gridTable(layout, doc, 10.5, 'groups'));
  });
  children.push(heading(format.sections[2]!.heading));
  children.push(gridTable(format.table3.layout, doc, 9, 'spans'));
  children.push(heading(format.sections[3]!.heading));
  children.push(gridTable(format.table4.layout, doc, 9, 'all'));
  children.push(heading(format.sections[4]!.heading));
  for (const p of paragraphs(doc.rendered.five)) children.push(bodyParagraph(p));
  children.push(heading(format.sections[5]!.heading));
  for (const p of paragraphs(doc.rendered.six)) children.push(bodyParagraph(p));
  if (doc.publishedOn) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { ...LINE, before: 560 },
        keepNext: true, // the signature never stands on a page without its date
        children: [new TextRun({ text: doc.agency.name, font: font(DOCX_FONTS.body), size: PT(BODY_PT) })],
      }),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: LINE,
        children: [
          new TextRun({ text: chineseDate(doc.publishedOn), font: font(DOCX_FONTS.body), size: PT(BODY_PT) }),
        ],
      }),
    );
  }

  return new Document({
    creator: doc.agency.name,
    title: reportTitle(doc),
    description: `${format.title}（${format.issuingDocument}）`,
    styles: {
      default: {
        document: { run: { font: font(DOCX_FONTS.body), size: PT(BODY_PT) } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font(DOCX_FONTS.table),
                    size: PT(14),
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * word/fontTable.xml with a fallback face for each font (`w:altName`, charset 86 = GB2312), which the
 * docx package does not expose: Word/WPS use the altName when the GB2312 face is not installed.
 */
export function fontTableXml(): string {
  const entries = Object.values(DOCX_FONTS)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/>` +
        `<w:charset w:val="${f === DOCX_FONTS.latin ? '00' : '86'}"/><w:family w:val="${f === DOCX_FONTS.heading ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries +
    '</w:fonts>'
  );
}

/** Renders the .docx bytes. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc), false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
