/**
 * Checker for existing annual reports: reads tables 二/三/四 and the prose from text, HTML or .docx,
 * works out which format the report follows, and runs the shared rules (checks.ts) on it.
 * Cross-year and ledger rules need inputs a single file does not have, so they stay silent here.
 */
import { ruleById, runChecks } from '../checks.js';
import { table3RowLabel } from '../tables.js';
import { formatById, withTable3Of } from '../formats/registry.js';
import type { Finding, FormatId, ReportFormat, ReportTables, Table3RowKey } from '../types.js';
import { extractFromText } from './extract-text.js';
import { htmlToCellText } from './html-to-text.js';

export interface CheckReportInput {
  text?: string;
  html?: string;
  docx?: Buffer | Uint8Array;
  /** a PDF: converted with `pdftotext -layout` when installed, else with pdfjs-dist */
  pdf?: Buffer | Uint8Array;
  /** a legacy Word file (.doc), read with word-extractor */
  doc?: Buffer | Uint8Array;
  /** an Excel workbook (.xlsx), read with exceljs */
  xlsx?: Buffer | Uint8Array;
  fileName: string;
}

/** '2019'/'2021' when tables 二 and 三 agree; 'mixed' when they follow different formats. */
export type DetectedFormat = FormatId | 'mixed' | 'unknown';

export interface CheckReportResult {
  fileName: string;
  format: DetectedFormat;
  /** which format each table follows, as read */
  formatDetail: { table2?: FormatId; table3?: FormatId };
  /** report year, from the title or the statistics period */
  year?: number;
  tables: ReportTables;
  findings: Finding[];
  /** extraction remarks (rows that could not be matched, …) */
  notes: string[];
  /** set when no table could be read: the file cannot be checked */
  unreadable?: string;
  /** how much of each table was read (the confidence behind the verdict) */
  reading: TableReading;
  /** every rule the checker knows for one file: ran and passed/failed, or not run and why */
  rules: RuleStatus[];
  /**
   * consistent: tables 三 and 四 read completely, every rule ran, no error;
   * inconsistent: at least one error from cells that were read whole;
   * incomplete: no error in what was read, but something could not be checked (never "一致");
   * unreadable: table 三 not found (and no error elsewhere).
   */
  verdict: Verdict;
}

export type Verdict = 'consistent' | 'inconsistent' | 'incomplete' | 'unreadable';

export interface TableReading {
  table3: {
    found: boolean;
    rowsExpected: number;
    rowsFound: number;
    columns: number;
    /** cells of the format's rows that could not be read (missing rows × 7) */
    cellsUnread: number;
    /** labels of the rows not read */
    missingRows: string[];
    /** rows whose blank cells were placed from column positions (-layout text) */
    rowsPlacedByColumn: number;
    complete: boolean;
  };
  table4: { found: boolean; columns: number; cellsUnread: number; complete: boolean };
  table2: { found: boolean; rowsFound: number };
}

export interface RuleStatus {
  ruleId: string;
  descriptionZh: string;
  status: 'passed' | 'failed' | 'not_run';
  /** why a rule did not run */
  reasonZh?: string;
  /** cells of the failures (when failed) */
  cells?: Finding['cells'];
}

/** Rules one file can support, with the table rows each needs. */
const FILE_RULES = ['R1', 'R2', 'R3', 'R5', 'R11', 'R11B', 'N1', 'N2', 'N3', 'N4', 'N5'] as const;
const NOT_FOR_ONE_FILE: readonly [string, string][] = [
  ['R4', '需要上一年度报告'],
  ['R6', '需要上一年度报告'],
  ['R7', '需要行政许可、处罚等业务系统数据'],
  ['R10', '需要信息处理费收费台账'],
  ['R12', '需要上一年度报告'],
  ['R13', '需要下级机关报告'],
];

/** Checks report text (pdftotext -layout output, TAB/Markdown rows, or TAB-per-cell text). */
export function checkReportText(text: string, fileName: string): CheckReportResult {
  const ex = extractFromText(text);
  const formatDetail: CheckReportResult['formatDetail'] = {
    ...(ex.table2Format ? { table2: ex.table2Format } : {}),
    ...(ex.table3Layout ? { table3: ex.table3Layout } : {}),
  };
  const t2 = ex.table2Format;
  const t3 = ex.table3Layout;
  const format: DetectedFormat =
    !ex.table3Found && !ex.table4Found
      ? 'unknown'
      : t2 && t3 && t2 !== t3
        ? 'mixed'
        : (t2 ?? t3 ?? (ex.year !== undefined && ex.year <= 2020 ? '2019' : '2021'));
  // Check against the format each table actually follows.
  const baseFormat: ReportFormat = formatById(
    t2 ??
      t3 ??
      (format === 'mixed' || format === 'unknown'
        ? ex.year !== undefined && ex.year <= 2020
          ? '2019'
          : '2021'
        : format),
  );
  const checkFormat = t3 && t3 !== baseFormat.id ? withTable3Of(baseFormat, formatById(t3)) : baseFormat;
  const missing = new Set<Table3RowKey>(
    ex.table3Found ? ex.table3Missing : checkFormat.table3.rows.map((r) => r.key),
  );
  const rowsExpected = checkFormat.table3.rows.length;
  const reading: TableReading = {
    table3: {
      found: ex.table3Found,
      rowsExpected,
      rowsFound: rowsExpected - missing.size,
      columns: ex.table3Found ? 7 : 0,
      cellsUnread: missing.size * 7,
      missingRows: [...missing].map((k) => table3RowLabel(checkFormat, k)),
      rowsPlacedByColumn: ex.table3FilledLines,
      complete: ex.table3Found && missing.size === 0,
    },
    table4: {
      found: ex.table4Found,
      columns: ex.table4Found ? 15 : 0,
      cellsUnread: ex.table4Found ? 0 : 15,
      complete: ex.table4Found,
    },
    table2: {
      found: Object.keys(ex.tables.table2).length > 0,
      rowsFound: Object.keys(ex.tables.table2).length,
    },
  };
  const notes = [...ex.notes];
  if (!ex.table3Found) notes.push('未能读取表三，相关检查未执行');
  else if (missing.size > 0) notes.push(`表三有${missing.size}行未能读取，涉及这些行的检查未执行`);
  if (!ex.table4Found) notes.push('未能读取表四，相关检查未执行');

  // Which rules can run on what was read.
  const needs: Record<string, Table3RowKey[] | 'table4' | 'table3' | null> = {
    R1: ['new', 'carried', 'r7', 'next'],
    R2: [...checkFormat.table3.rows.filter((r) => r.group === 'result').map((r) => r.key)],
    R3: 'table3',
    R5: 'table4',
  };
  const notRun = new Map<string, string>();
  for (const [id, need] of Object.entries(needs)) {
    if (need === 'table3' && !ex.table3Found) notRun.set(id, '未能读取表三');
    else if (need === 'table4' && !ex.table4Found) notRun.set(id, '未能读取表四');
    else if (Array.isArray(need)) {
      if (!ex.table3Found) notRun.set(id, '未能读取表三');
      else {
        const lacking = need.filter((k) => missing.has(k));
        if (lacking.length > 0)
          notRun.set(id, `表三缺少${lacking.map((k) => `“${table3RowLabel(checkFormat, k)}”`).join('、')}行`);
      }
    }
  }
  if (!ex.narrative.replace(/[\s。]/g, ''))
    for (const id of ['N1', 'N2', 'N3', 'N4', 'N5']) notRun.set(id, '未找到正文');
  const only = FILE_RULES.filter((id) => !notRun.has(id));
  const isUnread = (c: Finding['cells'][number]): boolean =>
    (c.table === 'table3' && (!ex.table3Found || missing.has(c.row as Table3RowKey))) ||
    (c.table === 'table4' && !ex.table4Found);
  // Findings resting on a cell that was not read are not findings: drop them.
  const findings = runChecks(
    { format: checkFormat, tables: ex.tables, narrative: ex.narrative },
    only,
  ).filter((f) => !f.cells.some(isUnread));
  if (!ex.table3Found || !ex.table4Found || missing.size > 0) {
    for (const id of ['N1', 'N4', 'N5']) {
      if (!notRun.has(id) && only.includes(id as never)) {
        notRun.set(id, '部分检查未执行：表格未完整读取，引用未读单元格的正文数字未核对');
      }
    }
  }
  const rules: RuleStatus[] = [
    ...FILE_RULES.map((id): RuleStatus => {
      const def = ruleById(id);
      const failed = findings.filter((f) => f.ruleId === id);
      const why = notRun.get(id);
      const descriptionZh = def?.descriptionZh ?? id;
      if (failed.length > 0)
        return {
          ruleId: id,
          descriptionZh,
          status: 'failed',
          cells: failed.flatMap((f) => f.cells),
          ...(why ? { reasonZh: why } : {}),
        };
      return why
        ? { ruleId: id, descriptionZh, status: 'not_run', reasonZh: why }
        : { ruleId: id, descriptionZh, status: 'passed' };
    }),
    ...NOT_FOR_ONE_FILE.map(([id, why]): RuleStatus => ({
      ruleId: id,
      descriptionZh: ruleById(id)?.descriptionZh ?? id,
      status: 'not_run',
      reasonZh: `单个文件无法检查：${why}`,
    })),
  ];
  const errors = findings.some((f) => f.severity === 'error');
  const fileRulesRan = rules
    .filter((r) => (FILE_RULES as readonly string[]).includes(r.ruleId))
    .every((r) => r.status !== 'not_run');
  const verdict: Verdict = errors
    ? 'inconsistent'
    : !ex.table3Found
      ? 'unreadable'
      : reading.table3.complete && reading.table4.complete && fileRulesRan
        ? 'consistent'
        : 'incomplete';
  const unreadable =
    !ex.table3Found && !ex.table4Found
      ? `未找到“收到和处理政府信息公开申请情况”表（表三）或“行政复议、行政诉讼情况”表（表四）${
          ex.year !== undefined && ex.year < 2019
            ? `；${ex.year}年度的报告早于2019年统一格式，没有统一表格`
            : ''
        }`
      : undefined;
  return {
    fileName,
    formatDetail,
    ...(ex.year !== undefined ? { year: ex.year } : {}),
    tables: ex.tables,
    notes,
    format,
    findings,
    reading,
    rules,
    verdict,
    ...(unreadable ? { unreadable } : {}),
  };
}

/** Checks an HTML report (tables with rowspan/colspan). */
export function checkReportHtml(html: string, fileName: string): CheckReportResult {
  return checkReportText(htmlToCellText(html), fileName);
}

/** Tables 三 and 四 were both read completely. */
export const readWhole = (r: CheckReportResult): boolean =>
  r.reading.table3.complete && r.reading.table4.complete;

export const PDF_WORD_LAYOUT_NOTE =
  'pdftotext -layout 的文本中表格跨页后列位置错乱，已按PDF中各词的实际位置重新排版后读取';

/** Checks a report given as text, HTML, .docx (mammoth → HTML), .doc, .xlsx or PDF. */
export async function checkReport(input: CheckReportInput): Promise<CheckReportResult> {
  if (input.docx) {
    const buffer = Buffer.from(input.docx);
    // mammoth (~12 MB resident) loads with the first .docx checked, not at server start.
    const { default: mammoth } = await import('mammoth');
    const { value } = await mammoth.convertToHtml({ buffer });
    return checkReportHtml(value, input.fileName);
  }
  if (input.doc) {
    const { docToRowText } = await import('./office-text.js');
    return checkReportText(await docToRowText(input.doc), input.fileName);
  }
  if (input.xlsx) {
    const { xlsxToRowText } = await import('./office-text.js');
    return checkReportText(await xlsxToRowText(input.xlsx), input.fileName);
  }
  if (input.pdf) {
    const { pdfToLayoutText, pdfWordLayout } = await import('./pdf-text.js');
    const first = checkReportText(await pdfToLayoutText(input.pdf), input.fileName);
    if (readWhole(first)) return first;
    // pdftotext -layout can print the part of a table after a page break at another scale: lay the
    // words out again from their boxes, one column unit for the whole document, and keep that reading
    // only if it reads the tables whole (the two readings are never mixed).
    const words = await pdfWordLayout(input.pdf);
    if (words === undefined) return first;
    const second = checkReportText(words, input.fileName);
    return readWhole(second) ? { ...second, notes: [...second.notes, PDF_WORD_LAYOUT_NOTE] } : first;
  }
  if (input.html !== undefined) return checkReportHtml(input.html, input.fileName);
  if (input.text !== undefined) return checkReportText(input.text, input.fileName);
  return { ...checkReportText('', input.fileName), unreadable: '没有可检查的内容' };
}
