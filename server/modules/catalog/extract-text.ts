/**
 * Text extraction from attachments, for the 保密审查 scanner (sensitive-scan.ts) and search.
 * Formats our installed packages can read: .txt/.csv/.md (UTF-8, UTF-16 with BOM, else GB18030),
 * .docx (mammoth), .xlsx (exceljs), .html/.htm (node-html-parser). PDF, legacy .doc/.xls, OFD and
 * images cannot be read: they come back `unsupported` so the caller tells the reviewer the file was
 * NOT scanned and must be checked by hand.
 */
import type ExcelJS from 'exceljs';
import { DomainError } from '../../platform/errors.js';
import { htmlToPlainText } from './rich-text.js';

export type ExtractFormat = 'text' | 'docx' | 'xlsx' | 'html' | 'pdf' | 'unknown';

export interface ExtractResult {
  text: string;
  /** True when the format cannot be read (e.g. PDF): the text is empty and the file was not scanned. */
  unsupported?: boolean;
  format: ExtractFormat;
}

const BY_EXTENSION: Record<string, ExtractFormat> = {
  txt: 'text',
  csv: 'text',
  md: 'text',
  docx: 'docx',
  xlsx: 'xlsx',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
};

const BY_MIME: Record<string, ExtractFormat> = {
  'text/plain': 'text',
  'text/csv': 'text',
  'text/markdown': 'text',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/pdf': 'pdf',
};

/** The format by file extension, falling back to the MIME type (parameters such as charset ignored). */
export function detectFormat(fileName: string, mimeType?: string): ExtractFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : BY_EXTENSION[ext];
  if (byExt) return byExt;
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  return (mime && BY_MIME[mime]) || 'unknown';
}

/**
 * Decodes plain text: a BOM decides (UTF-8 / UTF-16LE / UTF-16BE); otherwise strict UTF-8, and if
 * that fails GB18030 (a superset of GBK/GB2312, what Chinese Windows tools save as “ANSI”).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Formats a Date cell as YYYY-MM-DD (Excel dates carry no zone; exceljs gives them as UTC). */
function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** Text of one exceljs cell value (rich text, hyperlinks, formula results, dates). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return String(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result instanceof Date) return isoDate(result);
    return result === undefined || result === null || typeof result === 'object' ? '' : String(result);
  }
  if ('error' in value) return '';
  return '';
}

/** All sheets: a line with the sheet name, then one line per row with cells separated by tabs. */
async function xlsxText(bytes: Uint8Array): Promise<string> {
  // exceljs and mammoth (~40 MB resident together) load with the first such file, not at server start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(toBuffer(bytes) as unknown as ExcelJS.Buffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cellText(cell.value)));
      lines.push(cells.join('\t').replace(/\t+$/, ''));
    });
  });
  return lines.join('\n');
}

/** A Buffer view over the bytes without copying. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Extracts plain text from an attachment. Unreadable formats return `{ text: '', unsupported: true }`;
 * a file that claims a readable format but is corrupt throws DomainError `text_extraction_failed`.
 */
export async function extractText(
  buffer: Uint8Array,
  fileName: string,
  mimeType?: string,
): Promise<ExtractResult> {
  const format = detectFormat(fileName, mimeType);
  try {
    switch (format) {
      case 'text':
        return { text: decodeText(buffer), format };
      case 'html':
        return { text: htmlToPlainText(decodeText(buffer)), format };
      case 'docx': {
        const { default: mammoth } = await import('mammoth');
        return { text: (await mammoth.extractRawText({ buffer: toBuffer(buffer) })).value, format };
      }
      case 'xlsx':
        return { text: await xlsxText(buffer), format };
      case 'pdf':
      case 'unknown':
        return { text: '', unsupported: true, format };
    }
  } catch (e) {
    throw new DomainError('text_extraction_failed', `附件“${fileName}”无法读取文本，请人工审查其内容`, {
      fileName,
      format,
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}
