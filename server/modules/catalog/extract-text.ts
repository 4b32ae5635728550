/**
 * Text extraction from attachments, for the 保密审查 scanner (sensitive-scan.ts) and search.
 * Formats read: .txt/.csv/.md (UTF-8, UTF-16 with BOM, else GB18030), .docx (mammoth), .xlsx (exceljs),
 * .html/.htm (node-html-parser), .pdf (pdfjs-dist, with the CJK character maps), legacy .doc
 * (word-extractor) and OFD (a zip of XML: the TextCode runs of each page, in page order). Images,
 * legacy .xls, and PDFs without a text layer (scans) come back `unsupported` so the caller tells the
 * reviewer the file was NOT scanned and must be checked by hand.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { DomainError } from '../../platform/errors.js';
import { htmlToPlainText } from './rich-text.js';

export type ExtractFormat = 'text' | 'docx' | 'xlsx' | 'html' | 'pdf' | 'doc' | 'ofd' | 'unknown';

export interface ExtractResult {
  text: string;
  /** True when no text could be read (image, scanned PDF, …): the text is empty and the file was not scanned. */
  unsupported?: boolean;
  /** Why nothing was read, in Chinese, for the reviewer's screen. */
  reason?: string;
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
  doc: 'doc',
  ofd: 'ofd',
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
  'application/msword': 'doc',
  'application/ofd': 'ofd',
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
    return typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean'
      ? String(result)
      : '';
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

const require = createRequire(import.meta.url);

/** Text of a PDF's text layer, page by page (pdfjs-dist legacy build, which runs on Node). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      pages.push(lines.join('\n'));
      page.cleanup();
    }
    return pages.join('\n\f');
  } finally {
    await doc.destroy();
  }
}

/** Body text of a legacy Word (.doc, OLE compound) file. */
async function docText(bytes: Uint8Array): Promise<string> {
  const WordExtractor = require('word-extractor') as new () => {
    extract(input: Buffer): Promise<{ getBody(): string }>;
  };
  const doc = await new WordExtractor().extract(toBuffer(bytes));
  return doc.getBody();
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (XML_ENTITIES[e.toLowerCase()] ?? ''),
  );
}

/**
 * Text of an OFD document (GB/T 33190): a zip whose pages are Doc_N/Pages/Page_M/Content.xml with the
 * text in <ofd:TextCode> elements. Pages in document then page order; one line per text object.
 */
async function ofdText(bytes: Uint8Array): Promise<string> {
  const { default: PizZip } = await import('pizzip');
  const zip = new PizZip(toBuffer(bytes));
  const pageNo = (name: string) =>
    (/Doc_(\d+)/i.exec(name)?.[1] ?? '0').padStart(6, '0') +
    (/Page_(\d+)/i.exec(name)?.[1] ?? '0').padStart(6, '0');
  const pages = Object.keys(zip.files)
    .filter((n) => /Pages\/Page_\d+\/Content\.xml$/i.test(n))
    .sort((a, b) => pageNo(a).localeCompare(pageNo(b)));
  if (pages.length === 0 && !zip.file(/OFD\.xml$/i).length) throw new Error('not an OFD package');
  return pages
    .map((n) => {
      const xml = zip.file(n)!.asText();
      const runs: string[] = [];
      for (const obj of xml.matchAll(/<(?:\w+:)?TextObject\b[\s\S]*?<\/(?:\w+:)?TextObject>/g)) {
        const codes = [...obj[0].matchAll(/<(?:\w+:)?TextCode\b[^>]*>([\s\S]*?)<\/(?:\w+:)?TextCode>/g)];
        runs.push(codes.map((c) => unescapeXml(c[1]!)).join(''));
      }
      return runs.join('\n');
    })
    .join('\n\f');
}

/** An empty text layer means a scanned image: not read, so not scanned. */
function readOrUnsupported(text: string, format: ExtractFormat, what: string): ExtractResult {
  return text.trim()
    ? { text, format }
    : { text: '', unsupported: true, format, reason: `${what}没有可读取的文字（可能是扫描件或图片）` };
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
        return readOrUnsupported(await pdfText(buffer), format, 'PDF');
      case 'doc':
        return readOrUnsupported(await docText(buffer), format, 'Word文档');
      case 'ofd':
        return readOrUnsupported(await ofdText(buffer), format, 'OFD文档');
      case 'unknown':
        return { text: '', unsupported: true, format, reason: '该格式无法自动读取文本' };
    }
  } catch (e) {
    throw new DomainError('text_extraction_failed', `附件“${fileName}”无法读取文本，请人工审查其内容`, {
      fileName,
      format,
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}
