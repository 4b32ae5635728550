/**
 * The corpus of real annual reports the checker is tested on (reports/*.json, openings/*.txt, the
 * pdftotext fixtures and the seeds), and the renderings of each report into the forms people
 * actually have: the HTML page, that page saved as text (TAB-separated cells), Markdown (what PDF
 * converters and OCR tools produce), .docx, `pdftotext -layout` of a PDF printed by LibreOffice
 * (layout/*.txt, made by build-layout.ts) and text with OCR-style damage. Everything here is
 * deterministic so the tests can regenerate it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatById } from '../../formats/registry.js';
import { TABLE3_COL_KEYS } from '../../formats/common.js';
import { formatValue, placeGrid, valueOf, type ReportDocument } from '../../render/model.js';
import { renderDocx } from '../../render/docx.js';
import { renderXlsx } from '../../render/xlsx.js';
import type { Cell, FormatId, ReportFormat, ReportTables, TableLayout } from '../../types.js';

export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

/** A real report transcribed into data (reports/<id>.json). */
export interface CorpusReport {
  id: string;
  title: string;
  agency: string;
  province: string;
  kind: 'government' | 'department';
  year: number;
  format: FormatId;
  source: string;
  /** paragraphs before table 二 (title, preamble, section 一) */
  before: string[];
  table2: Record<string, Record<string, Cell>>;
  /** table 三 rows in the format's order, 7 values each (null = blank cell in the source) */
  table3: Cell[][];
  table4: Cell[];
  /** paragraphs after table 四 (sections 五 and 六) */
  after: string[];
}

/** What a careful reader finds in a report (reports/<id>.expected.json). */
export interface CorpusExpected {
  /** table rules that fail, with the cells (row/col keys) they name */
  tableFindings: { ruleId: string; row?: string; col?: string }[];
  /** narrative figures that contradict the tables, by rule and the figure as written */
  narrativeFindings: { ruleId: string; actual: number }[];
  /** true findings the rules do not claim to cover */
  notCovered: string[];
  /** sentences the narrative rules must NOT flag (negative examples) */
  negatives: string[];
}

export function loadReports(): CorpusReport[] {
  const dir = join(CORPUS_DIR, 'reports');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CorpusReport);
}

export function loadExpected(id: string): CorpusExpected {
  return JSON.parse(
    readFileSync(join(CORPUS_DIR, 'reports', `${id}.expected.json`), 'utf8'),
  ) as CorpusExpected;
}

export function formatOf(r: CorpusReport): ReportFormat {
  return formatById(r.format);
}

/** The report's tables in the shared ReportTables shape. */
export function tablesOf(r: CorpusReport): ReportTables {
  const format = formatOf(r);
  const table3: ReportTables['table3'] = {};
  format.table3.rows.forEach((def, i) => {
    const row = r.table3[i];
    if (!row || row.length !== TABLE3_COL_KEYS.length) throw new Error(`${r.id}: table 三 row ${def.key}`);
    table3[def.key] = row;
  });
  if (r.table3.length !== format.table3.rows.length)
    throw new Error(`${r.id}: table 三 has ${r.table3.length} rows`);
  return { table2: r.table2, table3, table4: r.table4 };
}

// --- renderings ------------------------------------------------------------------------------------

export type Rendering = 'html' | 'tabtext' | 'markdown' | 'docx' | 'xlsx' | 'layout' | 'ocr';
export const RENDERINGS: readonly Rendering[] = [
  'html',
  'tabtext',
  'markdown',
  'docx',
  'xlsx',
  'layout',
  'ocr',
];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function layouts(format: ReportFormat): { heading: string; layouts: TableLayout[] }[] {
  return [
    { heading: format.sections[1]?.heading ?? '二、主动公开政府信息情况', layouts: format.table2.layouts },
    {
      heading: format.sections[2]?.heading ?? '三、收到和处理政府信息公开申请情况',
      layouts: [format.table3.layout],
    },
    {
      heading: format.sections[3]?.heading ?? '四、政府信息公开行政复议、行政诉讼情况',
      layouts: [format.table4.layout],
    },
  ];
}

function cellText(tables: ReportTables, cell: TableLayout['rows'][number][number]): string {
  return cell.kind === 'label' ? cell.text : formatValue(valueOf(tables, cell.ref), cell.valueType);
}

/** The report as a web page: paragraphs and the three statutory tables with rowspan/colspan. */
export function renderHtml(r: CorpusReport): string {
  const tables = tablesOf(r);
  const out = [
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title></head><body>`,
  ];
  for (const p of r.before) out.push(`<p>${esc(p)}</p>`);
  for (const section of layouts(formatOf(r))) {
    out.push(`<p>${esc(section.heading)}</p>`);
    for (const layout of section.layouts) {
      out.push('<table border="1" cellspacing="0">');
      for (const row of layout.rows) {
        out.push(
          `<tr>${row
            .map((c) => {
              const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
              const text = cellText(tables, c);
              return `<td${span}>${text === '' ? '&nbsp;' : esc(text)}</td>`;
            })
            .join('')}</tr>`,
        );
      }
      out.push('</table>');
    }
  }
  for (const p of r.after) out.push(`<p>${esc(p)}</p>`);
  out.push('</body></html>');
  return out.join('\n');
}

/** The page saved as text by a browser: one line per table row, its cells separated by TABs. */
export function renderTabText(r: CorpusReport): string {
  const tables = tablesOf(r);
  const out: string[] = [...r.before];
  for (const section of layouts(formatOf(r))) {
    out.push(section.heading);
    for (const layout of section.layouts)
      for (const row of layout.rows) out.push(row.map((c) => cellText(tables, c)).join('\t'));
  }
  out.push(...r.after);
  return `${out.join('\n')}\n`;
}

/**
 * The page as a crawler or a careless copy saves it: the text of every cell run together with no
 * break between cells or rows ("一、本年新收政府信息公开申请数量21710000218", 平潭 page.txt). The figures
 * cannot be told apart: the checker must never conclude on it.
 */
export function renderFlat(r: CorpusReport): string {
  const tables = tablesOf(r);
  const out: string[] = [r.before.join('')];
  for (const section of layouts(formatOf(r))) {
    out.push(section.heading);
    for (const layout of section.layouts)
      out.push(layout.rows.map((row) => row.map((c) => cellText(tables, c)).join('')).join(''));
  }
  out.push(r.after.join(''));
  return out.join('');
}

/** Markdown pipe tables as converters write them: every grid position a cell, covered ones empty. */
export function renderMarkdown(r: CorpusReport): string {
  const tables = tablesOf(r);
  const out: string[] = r.before.map((p) => `${p}\n`);
  for (const section of layouts(formatOf(r))) {
    out.push(`## ${section.heading}\n`);
    for (const layout of section.layouts) {
      const grid: string[][] = Array.from({ length: layout.rows.length }, () =>
        Array<string>(layout.columnCount).fill(''),
      );
      for (const p of placeGrid(layout)) grid[p.row]![p.col] = cellText(tables, p.cell);
      grid.forEach((row, i) => {
        out.push(`| ${row.join(' | ')} |`);
        if (i === 0) out.push(`|${row.map(() => '---').join('|')}|`);
      });
      out.push('');
    }
  }
  out.push(...r.after.map((p) => `${p}\n`));
  return `${out.join('\n')}\n`;
}

/** The report as a Word file (tables with gridSpan/vMerge), via the platform's own .docx renderer. */
export async function renderDocxFile(r: CorpusReport): Promise<Buffer> {
  const format = formatOf(r);
  const body = r.before.filter((p) => p !== r.title && p !== format.sections[0]?.heading);
  const after = r.after.filter((p) => p !== format.sections[4]?.heading && p !== format.sections[5]?.heading);
  const doc: ReportDocument = {
    format,
    year: r.year,
    agency: { name: r.agency },
    tables: tablesOf(r),
    rendered: { one: body.join('\n'), five: after.join('\n'), six: '' },
    chart: { byColumn: [], byChannel: [] },
  };
  return renderDocx(doc);
}

/**
 * The report's tables as an Excel workbook (what an office exports from its statistics sheet): the
 * platform's own .xlsx renderer, merged cells as in the statutory layout. No prose: the narrative
 * rules have nothing to read in this rendering.
 */
export async function renderXlsxFile(r: CorpusReport): Promise<Buffer> {
  return renderXlsx({
    format: formatOf(r),
    year: r.year,
    agency: { name: r.agency },
    tables: tablesOf(r),
    rendered: { one: '', five: '', six: '' },
    chart: { byColumn: [], byChannel: [] },
  });
}

/** `pdftotext -layout` of the HTML printed to PDF by LibreOffice (made by build-layout.ts). */
export function layoutText(id: string): string | undefined {
  const file = join(CORPUS_DIR, 'layout', `${id}.txt`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

// --- OCR-style damage --------------------------------------------------------------------------------

/** Characters OCR confuses in these reports (each pair is swapped in labels, never in figures). */
export const OCR_SWAPS: readonly [string, string][] = [
  ['公', '侯'],
  ['开', '幵'],
  ['申', '甲'],
  ['请', '清'],
  ['处', '外'],
  ['理', '埋'],
  ['政', '攻'],
  ['复', '夏'],
  ['议', '仪'],
  ['（', '('],
  ['）', ')'],
  ['、', ','],
];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * OCR-style damage of the table rows of layout text, deterministic for a seed: similar-character swaps in words (about
 * one character in six of those listed), digits read as look-alike letters (0→O, 1→l) in some
 * figures, and the separator between a row label and its first figure dropped. Figures are never
 * merged with each other (that destroys the table; the checker must then refuse to conclude, which is
 * tested separately).
 */
export function ocrDamage(text: string, seed = 7): string {
  const rnd = prng(seed);
  const swaps = new Map(OCR_SWAPS);
  return text
    .split('\n')
    .map((line) => {
      // Only table rows are damaged (lines with several separate figures and no sentence punctuation).
      if ((line.match(/(^|\s)\d+(?=\s|$)/g) ?? []).length < 2 || /[，。；]/.test(line)) return line;
      let out = line.replace(
        /(\S*[\u4e00-\u9fff）)])(\s+)(\d)/,
        (m, label: string, _sp: string, d: string) => (rnd() < 0.3 ? `${label}${d}` : m),
      );
      out = out.replace(/\b\d+\b/g, (n) =>
        rnd() < 0.15 && /[01]/.test(n) && n.length > 1 ? n.replace(/0/g, 'O').replace(/1/g, 'l') : n,
      );
      return [...out].map((ch) => (swaps.has(ch) && rnd() < 0.17 ? swaps.get(ch)! : ch)).join('');
    })
    .join('\n');
}

/** Text of a report in one rendering (docx as bytes). */
export async function render(
  r: CorpusReport,
  kind: Rendering,
): Promise<{ text?: string; html?: string; docx?: Buffer; xlsx?: Buffer } | undefined> {
  switch (kind) {
    case 'html':
      return { html: renderHtml(r) };
    case 'tabtext':
      return { text: renderTabText(r) };
    case 'markdown':
      return { text: renderMarkdown(r) };
    case 'docx':
      return { docx: await renderDocxFile(r) };
    case 'xlsx':
      return { xlsx: await renderXlsxFile(r) };
    case 'layout': {
      const t = layoutText(r.id);
      return t === undefined ? undefined : { text: t };
    }
    case 'ocr': {
      const t = layoutText(r.id);
      return t === undefined ? undefined : { text: ocrDamage(t) };
    }
  }
}
