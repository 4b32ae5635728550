/**
 * Extraction of tables 二, 三 and 四 from the text of a published annual report.
 *
 * Handles two text shapes, possibly mixed in one file:
 * - `pdftotext -layout` output: cells separated by runs of spaces, labels wrapped over several lines,
 *   vertical headers ("三 、本 年 度办 理 结果") interleaved with rows, page numbers (-3-) inside tables;
 * - one cell per line, each line starting with a TAB (copy-paste from Word/WPS and our own HTML→text
 *   conversion); blank cells are lines holding only spaces (U+2002, U+3000…) or nothing.
 *
 * Rows are found as "label text followed by N values" and matched to the format's rows by fuzzy,
 * order-preserving label alignment (see fuzzy.ts), never by exact strings.
 */
import { format2019 } from '../formats/format-2019.js';
import { format2021 } from '../formats/format-2021.js';
import type { Cell, FormatId, ReportFormat, ReportTables, Table2SubTable, Table3RowKey } from '../types.js';
import { fillBlankColumns, headerAnchors, repeatedHeaderAnchors, valueAnchors } from './columns.js';
import { alignLabels, fillWrappedGaps, keyChars } from './fuzzy.js';

export interface Token {
  kind: 'text' | 'value';
  text: string;
  value: Cell;
  line: number;
  /** set for cells of a multi-cell row (one table row per line: TAB text, Markdown, HTML) */
  row?: number;
}

export interface DataRow {
  label: string;
  values: Cell[];
  /** line of the last value */
  endLine: number;
}

export interface TextExtraction {
  tables: ReportTables;
  /** format of table 二 as read (undefined when table 二 was not found) */
  table2Format?: FormatId;
  /** layout of table 三 as read: '2019' single （六） row, '2021' three （六） sub-items */
  table3Layout?: FormatId;
  table3Found: boolean;
  table4Found: boolean;
  /** table 三 rows of the detected layout that could not be read (empty when complete) */
  table3Missing: Table3RowKey[];
  /** lines of table 三 whose blank cells were recovered from column positions */
  table3FilledLines: number;
  year?: number;
  /** report prose outside the tables (一 before table 二; 五 and 六 after table 四) */
  narrative: string;
  /** extraction remarks (rows not found, odd cells) */
  notes: string[];
}

const PAGE_NUMBER = /^\s*[-－—–]\s*\d+\s*[-－—–]\s*$/;
const BLANKISH = /[\s\u3000\u2002\u2003\u00a0\u200b\ufeff]/g;

const MD_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const MD_ROW = /^\s*\|.*\|\s*$/;

/**
 * One table row per line, as TAB-separated cells led by a TAB: "label<TAB>v1<TAB><TAB>v3" (a row copied
 * from a browser or saved as text, TABs anywhere in the line) and Markdown pipe rows "| a | b |  | c |"
 * both become "\ta\tb\t\tc"; blank cells are kept. Other lines are returned unchanged.
 */
export function normalizeRowLine(line: string): string {
  if (MD_ROW.test(line)) {
    if (MD_SEPARATOR.test(line)) return '';
    const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
    return `\t${inner
      .split('|')
      .map((c) => c.trim())
      .join('\t')}`;
  }
  if (line.includes('\t') && !line.startsWith('\t')) return `\t${line.replace(/^\s+/, '')}`;
  return line;
}

/** Splits text into lines, dropping form feeds and page-number lines such as "-3-"; see normalizeRowLine. */
export function toLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '')
    .split('\n')
    .map((l) => (PAGE_NUMBER.test(l) ? '' : normalizeRowLine(l)));
}

/** Parses a cell/token as a value: a number, null for a blank or dash, undefined for text. */
export function parseValue(raw: string): Cell | undefined {
  const s = raw
    .replace(BLANKISH, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (s === '') return null;
  if (s === '⁇') return Number.NaN; // a cell seen but not placed (columns.ts): the row is not read
  if (/^[—–\-－/／]+$/.test(s)) return null;
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
  // OCR look-alikes in a figure: O/o → 0, l/I/| → 1 (a lone Latin token like "ll" in a Chinese
  // report's table is a damaged figure, not a word).
  if ((/\d/.test(s) || s.length <= 4) && /^[+-]?[\dOoIl|]+(\.[\dOoIl|]+)?$/.test(s)) {
    return Number(s.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1'));
  }
  return undefined;
}

/** "数量821" (a dropped separator between a label and its first value) → ["数量", "821"]. */
export function splitGluedValue(part: string): string[] {
  const m = /^(.*[\u4e00-\u9fff）)])([0-9０-９][0-9０-９OoIl]*)$/.exec(part);
  return m?.[1] && m[2] && parseValue(m[2]) !== undefined ? [m[1], m[2]] : [part];
}

/** Tokenizes lines [from, to): TAB-led lines are single cells, other lines are split on whitespace. */
export function tokenize(lines: readonly string[], from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let prevWasCellText = false;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('\t')) {
      const cells = line.split('\t').slice(1);
      const row = cells.length > 1 ? i : undefined;
      for (const cell of cells) {
        const v = parseValue(cell);
        if (v === undefined) {
          tokens.push({
            kind: 'text',
            text: cell.replace(BLANKISH, ''),
            value: null,
            line: i,
            ...(row !== undefined ? { row } : {}),
          });
          prevWasCellText = row === undefined;
        } else {
          tokens.push({
            kind: 'value',
            text: cell,
            value: v,
            line: i,
            ...(row !== undefined ? { row } : {}),
          });
          prevWasCellText = false;
        }
      }
      continue;
    }
    if (line.trim() === '') continue;
    const last = tokens[tokens.length - 1];
    if (prevWasCellText && last?.kind === 'text') {
      // A cell whose text wrapped onto an untabbed line ("\t（三）不予" … "公开").
      last.text += line.replace(BLANKISH, '');
      continue;
    }
    prevWasCellText = false;
    for (const part of line.split(/[\s\u3000]+/).flatMap(splitGluedValue)) {
      if (part === '') continue;
      // A lone dash stands for an empty cell; other text is label text.
      const v = parseValue(part);
      if (v === undefined) tokens.push({ kind: 'text', text: part, value: null, line: i });
      else tokens.push({ kind: 'value', text: part, value: v, line: i });
    }
  }
  return tokens;
}

/**
 * Groups tokens into rows of `width` values, each labelled with the text seen since the previous row.
 * A run of k·width values yields k rows (the extra ones unlabelled); values left over are dropped
 * (TAB layouts emit empty placeholder cells under rowspan labels).
 */
export function readRows(tokens: readonly Token[], width: number): DataRow[] {
  const rows: DataRow[] = [];
  let label = '';
  let run: Token[] = [];
  const flush = (): void => {
    // A whole table row on one line (HTML, Markdown, TAB text): cells covered by merged labels show
    // up as blank cells before or after the values — drop those first.
    const first = run[0];
    if (first?.row !== undefined && run.every((t) => t.row === first.row) && run.length > width) {
      while (run.length > width && run[0]?.value === null) run.shift();
      while (run.length > width && run[run.length - 1]?.value === null) run.pop();
    }
    const k = Math.floor(run.length / width);
    for (let r = 0; r < k; r++) {
      const slice = run.slice(r * width, (r + 1) * width);
      rows.push({
        label: r === 0 ? label : '',
        values: slice.map((t) => t.value),
        endLine: slice[slice.length - 1]?.line ?? 0,
      });
    }
    if (k > 0) label = '';
    run = [];
  };
  for (const t of tokens) {
    if (t.kind === 'value') {
      // Values of one multi-cell row never continue into another row's values.
      const last = run[run.length - 1];
      if (last && last.row !== undefined && t.row !== last.row) flush();
      run.push(t);
    } else {
      if (run.length > 0) flush();
      label += t.text;
    }
  }
  if (run.length > 0) flush();
  return rows;
}

function compact(line: string): string {
  return line.replace(BLANKISH, '');
}

function findLine(lines: readonly string[], from: number, pred: (c: string) => boolean): number {
  for (let i = Math.max(0, from); i < lines.length; i++) if (pred(compact(lines[i] ?? ''))) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------

interface Table3Read {
  rows: Partial<Record<Table3RowKey, Cell[]>>;
  layout: FormatId;
  endLine: number;
  notes: string[];
  /** rows of the format that were not found */
  missing: Table3RowKey[];
  /** blank columns recovered from column positions (pdftotext -layout rows with blank cells) */
  filledLines: number;
}

/** Reads table 三 between [start, end); undefined when fewer than 3 of its rows can be recognised. */
const ROW_LABEL_KEYS = [
  ...new Set([...format2019.table3.rows, ...format2021.table3.rows].map((r) => keyChars(r.label))),
];

/** A -layout line holding only a complete table-三 row label (no values, not half of a wrapped label). */
function isBareRowLabel(line: string): boolean {
  if (line.startsWith('\t') || /\d\s*$/.test(line.replace(/^.*[\u4e00-\u9fff）)”]/, ''))) return false;
  if (parseValue(line.trim().split(/\s+/).pop() ?? '') !== undefined) return false;
  const key = keyChars(line);
  return ROW_LABEL_KEYS.some((k) => k.length >= 2 && key.endsWith(k) && key.length - k.length <= 10);
}

const T3_HEADER_WORDS = [/自然人/, /商业/, /科研/, /社会公益/, /法律服务/, /其他/, /总计/];

function readTable3(allLines: readonly string[], start: number, end: number): Table3Read | undefined {
  let lines = allLines.slice(start, end);
  const anchors =
    headerAnchors(allLines.slice(Math.max(0, start - 12), start), T3_HEADER_WORDS) ?? valueAnchors(lines, 7);
  let filledLines = 0;
  if (anchors) {
    const filled = fillBlankColumns(lines, 7, anchors);
    filledLines = filled.filter((l, i) => l !== lines[i]).length;
    lines = filled;
    // A producer that leaves blank cells out also prints an all-blank row as its label alone.
    if (filledLines > 0)
      lines = lines.map((l) => (isBareRowLabel(l) ? `${l.trim()} ${Array(7).fill('－').join(' ')}` : l));
  }
  const data = readRows(tokenize(lines, 0, lines.length), 7);
  if (data.length === 0) return undefined;
  const candidates = [format2019, format2021].map((f) => {
    const labels = data.map((d) => d.label);
    const refs = f.table3.rows.map((r) => r.label);
    const al = fillWrappedGaps(alignLabels(labels, refs), labels, refs);
    return { f, al };
  });
  const best = candidates.reduce((a, b) => (b.al.score > a.al.score ? b : a));
  const rows: Partial<Record<Table3RowKey, Cell[]>> = {};
  const notes: string[] = [];
  const missing: Table3RowKey[] = [];
  best.f.table3.rows.forEach((def, i) => {
    const d = best.al.refToData[i] ?? -1;
    const row = data[d];
    if (row && !row.values.some((v) => Number.isNaN(v))) rows[def.key] = row.values;
    else {
      missing.push(def.key);
      notes.push(`表三未能识别“${def.category ? `${def.category} ` : ''}${def.label}”行`);
    }
  });
  best.al.dataToRef.forEach((r, i) => {
    if (r === -1) notes.push(`表三有一行数据无法对应到格式中的行（标签：“${data[i]?.label ?? ''}”）`);
  });
  const matched = best.al.refToData.filter((x) => x >= 0).length;
  if (matched < 3) return undefined;
  const endLine = start + Math.max(...data.map((d) => d.endLine));
  return { rows, layout: best.f.id, endLine, notes, missing, filledLines };
}

interface Table4Read {
  values: Cell[];
  endLine: number;
}

const T4_HEADER_WORDS = /维持|纠正|其他|审结|总计/;

function readTable4(allLines: readonly string[], start: number, end: number): Table4Read | undefined {
  let lines = allLines.slice(start, end);
  const first = firstRunOf(lines, 15);
  if (first) return { values: first.values, endLine: start + first.endLine };
  // A data row with blank cells in -layout text: place its values under the 15 header columns.
  const anchors = repeatedHeaderAnchors(lines, T4_HEADER_WORDS, 15);
  if (!anchors) return undefined;
  lines = fillBlankColumns(lines, 15, anchors);
  const filled = firstRunOf(lines, 15);
  if (!filled || filled.values.some((v) => Number.isNaN(v))) return undefined;
  return { values: filled.values, endLine: start + filled.endLine };
}

function firstRunOf(
  lines: readonly string[],
  width: number,
): { values: Cell[]; endLine: number } | undefined {
  const tokens = tokenize(lines, 0, lines.length);
  let run: Token[] = [];
  for (const t of [...tokens, { kind: 'text', text: '', value: null, line: lines.length } as Token]) {
    if (t.kind === 'value') {
      run.push(t);
      continue;
    }
    if (run.length >= width) {
      const slice = run.slice(0, width);
      return { values: slice.map((x) => x.value), endLine: slice[width - 1]?.line ?? lines.length };
    }
    run = [];
  }
  return undefined;
}

interface Table2Read {
  table2: ReportTables['table2'];
  format?: FormatId;
  notes: string[];
}

const CAPTION = /第二十条\s*第\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*项/;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function readTable2(lines: readonly string[], start: number, end: number): Table2Read {
  const table2: ReportTables['table2'] = {};
  const notes: string[] = [];
  const captions: { line: number; item: number }[] = [];
  for (let i = start; i < end; i++) {
    const m = CAPTION.exec(compact(lines[i] ?? ''));
    if (m?.[1]) captions.push({ line: i, item: NUMERALS.indexOf(m[1]) + 1 });
  }
  if (captions.length === 0) return { table2, notes };
  const votes: Record<FormatId, number> = { '2019': 0, '2021': 0 };
  captions.forEach((cap, ci) => {
    const segEnd = captions[ci + 1]?.line ?? end;
    const segLines = lines
      .slice(cap.line, segEnd)
      .map((l, k) => (k === 0 ? l.replace(CAPTION, '').replace(/第二十条\s*第.*?项/, '') : l));
    const segText = keyChars(segLines.join(''));
    const options: { f: ReportFormat; st: Table2SubTable; hits: number }[] = [];
    for (const f of [format2019, format2021]) {
      const st = f.table2.subTables.find((s) => s.item === cap.item);
      if (!st) continue;
      const hits = st.columns.filter((c) => segText.includes(keyChars(c.label))).length;
      options.push({ f, st, hits });
    }
    const best = options.sort((a, b) => b.hits / b.st.columns.length - a.hits / a.st.columns.length)[0];
    if (!best) {
      notes.push(`表二出现格式中没有的“第二十条第（${NUMERALS[cap.item - 1] ?? cap.item}）项”`);
      return;
    }
    if (best.hits > 0) votes[best.f.id] += 1;
    const data = readRows(tokenize(segLines, 0, segLines.length), best.st.columns.length);
    const al = alignLabels(
      data.map((d) => d.label),
      best.st.rows.map((r) => r.label),
    );
    best.st.rows.forEach((r, i) => {
      const row = data[al.refToData[i] ?? -1];
      if (!row) {
        notes.push(`表二“${best.st.caption}”未能识别“${r.label}”行`);
        return;
      }
      const out: Record<string, Cell> = {};
      best.st.columns.forEach((c, k) => (out[c.key] = row.values[k] ?? null));
      table2[r.key] = out;
    });
  });
  const format: FormatId | undefined =
    votes['2019'] === 0 && votes['2021'] === 0 ? undefined : votes['2019'] > votes['2021'] ? '2019' : '2021';
  return { table2, ...(format ? { format } : {}), notes };
}

function findYear(lines: readonly string[]): number | undefined {
  const head = lines.slice(0, 12).map(compact).join('');
  const title = /(20\d{2})年度?政府信息公开(?:工作)?年度?报告/.exec(head) ?? /(20\d{2})年/.exec(head);
  if (title?.[1]) return Number(title[1]);
  const period = /(20\d{2})年1月1日/.exec(lines.map(compact).join(''));
  return period?.[1] ? Number(period[1]) : undefined;
}

// Where a table starts (not a preamble sentence listing the sections by name).
const TABLE_MARKERS = [
  /二[、.．]\s*主动公开政府信息情况/,
  /第二十条第[（(]一[)）]项/,
  /本年新收政府信息公开申请/,
];

/** The prose that stands before the first table marker on a line that also holds a table (or ''). */
function proseHead(line: string | undefined): string {
  if (!line) return '';
  const at = Math.min(...TABLE_MARKERS.map((re) => line.search(re)).filter((i) => i >= 0));
  // only a long run of prose counts (not a row label or a caption's own numbering)
  return Number.isFinite(at) && at >= 40 && /[。；]/.test(line.slice(0, at)) ? line.slice(0, at) : '';
}

/** Section 五 onwards when it follows the last table on the same line (or ''). */
function proseTail(line: string | undefined): string {
  if (!line) return '';
  const at = line.search(/五[、.．]\s*(?:政府信息公开工作)?存在的主要问题/);
  return at > 0 ? line.slice(at) : '';
}

/** Extracts tables, layout and narrative from report text (pdftotext -layout or TAB-per-cell). */
export function extractFromText(text: string): TextExtraction {
  const lines = toLines(text);
  const notes: string[] = [];
  const t3Start = findLine(
    lines,
    0,
    (c) => c.includes('本年新收政府信息公开申请') || c.includes('本年新收政府信息'),
  );
  let t3End = -1;
  let t3: Table3Read | undefined;
  if (t3Start >= 0) {
    t3End = findLine(lines, t3Start + 1, (c) => c.includes('行政复议') || c.includes('行政诉讼'));
    t3 = readTable3(lines, t3Start, t3End >= 0 ? t3End : lines.length);
    if (t3) notes.push(...t3.notes);
  }
  const t4Start =
    t3End >= 0
      ? t3End
      : findLine(lines, 0, (c) => c.includes('行政复议') && c.includes('行政诉讼') && !c.includes('。'));
  let t4: Table4Read | undefined;
  if (t4Start >= 0) {
    const five = findLine(lines, t4Start + 1, (c) => c.includes('存在的主要问题') || /^五[、.．]/.test(c));
    t4 = readTable4(lines, t4Start, five >= 0 ? five : Math.min(lines.length, t4Start + 60));
  }
  // Table 二 runs from its first caption to the start of table 三 (or its heading).
  // The heading, not a preamble sentence listing the sections ("全文包括…收到和处理政府信息公开申请情况…").
  const t3Heading = findLine(lines, 0, (c) => c.includes('收到和处理政府信息公开申请') && c.length <= 24);
  const t2Limit =
    t3Heading >= 0 && (t3Start < 0 || t3Heading <= t3Start)
      ? t3Heading
      : t3Start >= 0
        ? t3Start
        : lines.length;
  const t2Start = findLine(lines, 0, (c) => CAPTION.test(c));
  const t2 = t2Start >= 0 && t2Start < t2Limit ? readTable2(lines, t2Start, t2Limit) : undefined;
  if (t2) notes.push(...t2.notes);

  const proseEnd = [t2Start >= 0 && t2Start < t2Limit ? t2Start : -1, t3Heading, t3Start].filter(
    (x) => x >= 0,
  );
  const firstTableLine = proseEnd.length ? Math.min(...proseEnd) : lines.length;
  const before = lines.slice(0, firstTableLine);
  // A page saved without line breaks (a crawler's page.txt) holds the prose and the tables on one
  // line: the prose before the first table marker, and 五、六 after the last table, are still prose.
  const head = proseHead(lines[firstTableLine]);
  if (head) before.push(head);
  const afterFrom = t4 ? t4.endLine + 1 : t3 ? t3.endLine + 1 : lines.length;
  const after = lines.slice(afterFrom);
  const tail = proseTail(lines[afterFrom - 1]);
  if (tail) after.unshift(tail);
  const narrative = [...before, '。', ...after].join('\n');

  const year = findYear(lines);
  return {
    tables: { table2: t2?.table2 ?? {}, table3: t3?.rows ?? {}, table4: t4?.values ?? [] },
    ...(t2?.format ? { table2Format: t2.format } : {}),
    ...(t3 ? { table3Layout: t3.layout } : {}),
    table3Found: t3 !== undefined,
    table4Found: t4 !== undefined,
    table3Missing: t3?.missing ?? [],
    table3FilledLines: t3?.filledLines ?? 0,
    ...(year !== undefined ? { year } : {}),
    narrative,
    notes,
  };
}
