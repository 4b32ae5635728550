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
import { alignLabels, keyChars } from './fuzzy.js';

export interface Token {
  kind: 'text' | 'value';
  text: string;
  value: Cell;
  line: number;
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
  year?: number;
  /** report prose outside the tables (一 before table 二; 五 and 六 after table 四) */
  narrative: string;
  /** extraction remarks (rows not found, odd cells) */
  notes: string[];
}

const PAGE_NUMBER = /^\s*[-－—–]\s*\d+\s*[-－—–]\s*$/;
const BLANKISH = /[\s\u3000\u2002\u2003\u00a0\u200b\ufeff]/g;

/** Splits text into lines, dropping form feeds and page-number lines such as "-3-". */
export function toLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '')
    .split('\n')
    .map((l) => (PAGE_NUMBER.test(l) ? '' : l));
}

/** Parses a cell/token as a value: a number, null for a blank or dash, undefined for text. */
export function parseValue(raw: string): Cell | undefined {
  const s = raw
    .replace(BLANKISH, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (s === '') return null;
  if (/^[—–\-－/／]+$/.test(s)) return null;
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
  return undefined;
}

/** Tokenizes lines [from, to): TAB-led lines are single cells, other lines are split on whitespace. */
export function tokenize(lines: readonly string[], from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let prevWasCellText = false;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('\t')) {
      for (const cell of line.split('\t').slice(1)) {
        const v = parseValue(cell);
        if (v === undefined) {
          tokens.push({ kind: 'text', text: cell.replace(BLANKISH, ''), value: null, line: i });
          prevWasCellText = true;
        } else {
          tokens.push({ kind: 'value', text: cell, value: v, line: i });
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
    for (const part of line.split(/[\s\u3000]+/)) {
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
    if (t.kind === 'value') run.push(t);
    else {
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
}

function readTable3(lines: readonly string[], start: number, end: number): Table3Read | undefined {
  const data = readRows(tokenize(lines, start, end), 7);
  if (data.length === 0) return undefined;
  const candidates = [format2019, format2021].map((f) => {
    const al = alignLabels(
      data.map((d) => d.label),
      f.table3.rows.map((r) => r.label),
    );
    return { f, al };
  });
  const best = candidates.reduce((a, b) => (b.al.score > a.al.score ? b : a));
  const rows: Partial<Record<Table3RowKey, Cell[]>> = {};
  const notes: string[] = [];
  best.f.table3.rows.forEach((def, i) => {
    const d = best.al.refToData[i] ?? -1;
    const row = data[d];
    if (row) rows[def.key] = row.values;
    else notes.push(`表三未能识别“${def.category ? `${def.category} ` : ''}${def.label}”行`);
  });
  best.al.dataToRef.forEach((r, i) => {
    if (r === -1) notes.push(`表三有一行数据无法对应到格式中的行（标签：“${data[i]?.label ?? ''}”）`);
  });
  const matched = best.al.refToData.filter((x) => x >= 0).length;
  if (matched < best.f.table3.rows.length * 0.6) return undefined;
  const endLine = Math.max(...data.map((d) => d.endLine));
  return { rows, layout: best.f.id, endLine, notes };
}

interface Table4Read {
  values: Cell[];
  endLine: number;
}

function readTable4(lines: readonly string[], start: number, end: number): Table4Read | undefined {
  const tokens = tokenize(lines, start, end);
  let run: Token[] = [];
  for (const t of [...tokens, { kind: 'text', text: '', value: null, line: end } as Token]) {
    if (t.kind === 'value') {
      run.push(t);
      continue;
    }
    if (run.length >= 15) {
      const slice = run.slice(0, 15);
      return { values: slice.map((x) => x.value), endLine: slice[14]?.line ?? end };
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
  const t3Heading = findLine(lines, 0, (c) => c.includes('收到和处理政府信息公开申请'));
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
  const before = lines.slice(0, proseEnd.length ? Math.min(...proseEnd) : lines.length);
  const afterFrom = t4 ? t4.endLine + 1 : t3 ? t3.endLine + 1 : lines.length;
  const after = lines.slice(afterFrom);
  const narrative = [...before, '。', ...after].join('\n');

  const year = findYear(lines);
  return {
    tables: { table2: t2?.table2 ?? {}, table3: t3?.rows ?? {}, table4: t4?.values ?? [] },
    ...(t2?.format ? { table2Format: t2.format } : {}),
    ...(t3 ? { table3Layout: t3.layout } : {}),
    table3Found: t3 !== undefined,
    table4Found: t4 !== undefined,
    ...(year !== undefined ? { year } : {}),
    narrative,
    notes,
  };
}
