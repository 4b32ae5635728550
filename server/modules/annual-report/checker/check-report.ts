/**
 * Checker for existing annual reports: reads tables 二/三/四 and the prose from text, HTML or .docx,
 * works out which format the report follows, and runs the shared rules (checks.ts) on it.
 * Cross-year and ledger rules need inputs a single file does not have, so they stay silent here.
 */
import { runChecks } from '../checks.js';
import { formatById, withTable3Of } from '../formats/registry.js';
import type { Finding, FormatId, ReportFormat, ReportTables } from '../types.js';
import { extractFromText } from './extract-text.js';
import { htmlToCellText } from './html-to-text.js';

export interface CheckReportInput {
  text?: string;
  html?: string;
  docx?: Buffer | Uint8Array;
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
}

/** Checks report text (pdftotext -layout output or TAB-per-cell text). */
export function checkReportText(text: string, fileName: string): CheckReportResult {
  const ex = extractFromText(text);
  const formatDetail: CheckReportResult['formatDetail'] = {
    ...(ex.table2Format ? { table2: ex.table2Format } : {}),
    ...(ex.table3Layout ? { table3: ex.table3Layout } : {}),
  };
  const base = {
    fileName,
    formatDetail,
    ...(ex.year !== undefined ? { year: ex.year } : {}),
    tables: ex.tables,
    notes: ex.notes,
  };
  if (!ex.table3Found && !ex.table4Found) {
    return {
      ...base,
      format: 'unknown',
      findings: [],
      unreadable: `未找到“收到和处理政府信息公开申请情况”表（表三）或“行政复议、行政诉讼情况”表（表四）${
        ex.year !== undefined && ex.year < 2019
          ? `；${ex.year}年度的报告早于2019年统一格式，没有统一表格`
          : ''
      }`,
    };
  }
  const t2 = ex.table2Format;
  const t3 = ex.table3Layout;
  const format: DetectedFormat =
    t2 && t3 && t2 !== t3
      ? 'mixed'
      : (t2 ?? t3 ?? (ex.year !== undefined && ex.year <= 2020 ? '2019' : '2021'));
  // Check against the format each table actually follows.
  const baseFormat: ReportFormat = formatById(t2 ?? t3 ?? (format === 'mixed' ? '2021' : format));
  const checkFormat = t3 && t3 !== baseFormat.id ? withTable3Of(baseFormat, formatById(t3)) : baseFormat;
  const notes = [...ex.notes];
  if (!ex.table3Found) notes.push('未能读取表三，相关检查未执行');
  if (!ex.table4Found) notes.push('未能读取表四，相关检查未执行');
  const only = [
    ...(ex.table3Found ? ['R1', 'R2', 'R3'] : []),
    ...(ex.table4Found ? ['R5'] : []),
    'R11',
    'R11B',
    'N1',
    'N2',
  ];
  const findings = runChecks({ format: checkFormat, tables: ex.tables, narrative: ex.narrative }, only);
  return { ...base, notes, format, findings };
}

/** Checks an HTML report (tables with rowspan/colspan). */
export function checkReportHtml(html: string, fileName: string): CheckReportResult {
  return checkReportText(htmlToCellText(html), fileName);
}

/** Checks a report given as text, HTML or .docx (converted to HTML with mammoth). */
export async function checkReport(input: CheckReportInput): Promise<CheckReportResult> {
  if (input.docx) {
    const buffer = Buffer.from(input.docx);
    // mammoth (~12 MB resident) loads with the first .docx checked, not at server start.
    const { default: mammoth } = await import('mammoth');
    const { value } = await mammoth.convertToHtml({ buffer });
    return checkReportHtml(value, input.fileName);
  }
  if (input.html !== undefined) return checkReportHtml(input.html, input.fileName);
  if (input.text !== undefined) return checkReportText(input.text, input.fileName);
  return {
    fileName: input.fileName,
    format: 'unknown',
    formatDetail: {},
    tables: { table2: {}, table3: {}, table4: [] },
    findings: [],
    notes: [],
    unreadable: '没有可检查的内容',
  };
}
