/**
 * The read phase of the decision import: streams the rows of a CSV or .xlsx file, validates each one
 * (pure rules, no I/O besides the file) and hands out batches of staging rows and error rows for
 * enforcement.import.ts to stage. Nothing here touches the database.
 */
import { randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { DomainError } from '../../platform/errors.js';
import type ExcelJSModule from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { decisionHash } from './enforcement.rules.js';
import { cellText, isBlankRow, mapHeader, parseImportRow, type RowProblem } from './import.columns.js';

export type ImportMode = 'all' | 'valid';
export type ImportFormat = 'csv' | 'xlsx';

export interface ReadOptions {
  path: string;
  format: ImportFormat;
  mode: ImportMode;
  /** China's date: decisions may not be dated after it. */
  today: string;
}

/**
 * A staged row in the order of the staging table's columns (enforcement.import.repository.ts, STAGE_COLUMNS) up to
 * handling_division; the importing side appends the publication deadline, which needs the calendar.
 * A row of only [row_no, 文号, hash] is staged for the checks alone ("all" mode after an error).
 */
export type StagedRow = (string | number | null)[];

export interface ErrorRow {
  row_no: number;
  column_name: string;
  reason: string;
}

export interface ReadBatch {
  /** Only in the first batch: the header row and its problems (none when it matches the template). */
  header?: { rowNo: number; problems: RowProblem[] };
  staged: StagedRow[];
  errors: ErrorRow[];
  /** Data rows read so far, and how many of them failed validation. */
  processed: number;
  errorRows: number;
  /** Bytes of the file consumed so far (the total row count is estimated from it while reading). */
  bytesRead: number;
}

/** Index of decision_date in a StagedRow. */
export const STAGED_DATE = 6;

/** Counts bytes flowing through (progress of an .xlsx, whose row count is unknown until the end). */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void) {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

interface SourceRow {
  rowNo: number;
  cells: string[];
}

interface RowSource {
  rows: AsyncGenerator<SourceRow>;
  bytesRead(): number;
}

/** A problem with the file as a whole (encoding, structure): the import is rejected with this message. */
export class ImportFileError extends DomainError {
  constructor(code: string, messageZh: string) {
    super(code, messageZh, { field: 'file' }, 'invalid');
  }
}

export const NOT_UTF8 =
  '文件编码不是UTF-8，请另存为UTF-8编码的CSV（Excel：另存为“CSV UTF-8(逗号分隔)”；WPS：另存为CSV时选择UTF-8编码）';

/**
 * Decodes the CSV bytes as UTF-8 (refusing anything else: a GBK file saved by Excel or WPS in Chinese
 * Windows is not valid UTF-8) and counts the file's physical records on the way: line ends (CRLF, LF or
 * CR, mixed as they come when rows are added in another editor) outside quoted cells. The parser's
 * record count is checked against it at the end, so a row can never be merged into another silently.
 */
class Utf8Records extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  records = 0;
  bytes = 0;
  private inQuotes = false;
  private fieldStart = true;
  private pendingCr = false;
  private lineHasContent = false;

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
    this.setEncoding('utf8');
  }

  private pendingQuote = false;

  private scan(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === 0x0a) continue; // the LF of a CRLF
      }
      if (this.pendingQuote) {
        // A quote inside a quoted cell ended the previous chunk: doubled, it stays inside; alone, it closed the cell.
        this.pendingQuote = false;
        if (ch === 0x22) continue;
        this.inQuotes = false;
        this.fieldStart = false;
      }
      if (this.inQuotes) {
        this.lineHasContent = true;
        if (ch === 0x22) {
          if (i + 1 === text.length) this.pendingQuote = true;
          else if (text.charCodeAt(i + 1) === 0x22) i++;
          else {
            this.inQuotes = false;
            this.fieldStart = false;
          }
        }
        continue;
      }
      if (ch === 0x0d || ch === 0x0a) {
        this.records++;
        this.fieldStart = true;
        this.lineHasContent = false;
        if (ch === 0x0d) this.pendingCr = true;
        continue;
      }
      this.lineHasContent = true;
      if (ch === 0x22 && this.fieldStart) this.inQuotes = true;
      this.fieldStart = ch === 0x2c;
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, d?: string) => void) {
    this.bytes += chunk.length;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(new ImportFileError('file_not_utf8', NOT_UTF8));
    }
    this.scan(text);
    done(null, text);
  }

  override _flush(done: (e?: Error | null, d?: string) => void) {
    let text: string;
    try {
      text = this.decoder.decode();
    } catch {
      return done(new ImportFileError('file_not_utf8', NOT_UTF8));
    }
    this.scan(text);
    if (this.lineHasContent) this.records++;
    done(null, text);
  }
}

/**
 * Rows of a CSV file (UTF-8, BOM allowed); row numbers count the header as row 1, as Excel shows them.
 * Every line end is a record boundary whatever the mix (csv-parse otherwise takes the first line's
 * ending as the only delimiter, and a CRLF template with rows added with LF became one record).
 */
async function csvSource(path: string): Promise<RowSource> {
  // csv-parse is loaded by the first CSV import, not at start-up (issue 12).
  const { parse } = await import('csv-parse');
  const decoded = new Utf8Records();
  const input = createReadStream(path);
  input.on('error', (e) => decoded.destroy(e));
  const parser = input.pipe(decoded).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }),
  );
  decoded.on('error', (e) => parser.destroy(e));
  async function* rows(): AsyncGenerator<SourceRow> {
    let rowNo = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNo += 1;
        yield { rowNo, cells: record };
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const line = (err as { lines?: number }).lines;
      throw new ImportFileError(
        'csv_malformed',
        `${line ? `第${line}行附近` : '文件中'}的引号不成对（单元格内的英文双引号应写成两个""，或整格用引号括起），未导入任何数据`,
      );
    }
    if (rowNo !== decoded.records)
      throw new ImportFileError(
        'row_count_mismatch',
        `文件有${decoded.records}行，但只能按CSV规则读出${rowNo}行（可能有未闭合的引号把几行并成了一行），未导入任何数据。请检查引号后重新导入`,
      );
  }
  return { rows: rows(), bytesRead: () => decoded.bytes };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const NOT_XLSX =
  '文件不是有效的 .xlsx 工作簿（可能已损坏，或是把其他格式的文件改成了 .xlsx 扩展名），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';

/** True when the file starts like a zip archive (an .xlsx is one). */
async function looksLikeZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_MAGIC);
  } finally {
    await fh.close();
  }
}

/** Decodes UTF-8 across chunk boundaries (a chunk may end inside a multi-byte character). */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type WorkbookReader = InstanceType<typeof ExcelJSModule.stream.xlsx.WorkbookReader>;
let utf8Reader:
  | (new (
      input: Readable,
      options: Partial<ExcelJSModule.stream.xlsx.WorkbookStreamReaderOptions>,
    ) => WorkbookReader)
  | undefined;

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own, so a Chinese character split across
 * two chunks turns into U+FFFD (exceljs issues #2063, #2084, #2316; about one row in a few hundred of a
 * Chinese sheet). Feeding its XML parser already-decoded text avoids that. These are exceljs internals:
 * the import tests read a large Chinese sheet and fail if this ever breaks. exceljs is loaded only for
 * .xlsx files (it is large and a CSV import does not need it).
 */
async function utf8WorkbookReader() {
  if (utf8Reader) return utf8Reader;
  const ExcelJS = (await import('exceljs')).default;
  const base = ExcelJS.stream.xlsx.WorkbookReader;
  const parent = base.prototype as unknown as {
    _parseWorksheet(this: unknown, it: AsyncIterable<string>, no: string): unknown;
    _parseSharedStrings(this: unknown, e: NodeJS.ReadableStream): unknown;
  };
  class Utf8WorkbookReader extends base {
    _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): unknown {
      return parent._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
    }
    _parseSharedStrings(entry: NodeJS.ReadableStream): unknown {
      entry.setEncoding('utf8');
      return parent._parseSharedStrings.call(this, entry);
    }
  }
  utf8Reader = Utf8WorkbookReader;
  return utf8Reader;
}

/** Rows of the first worksheet of an .xlsx, streamed (shared strings are cached; styles give dates). */
async function* xlsxRows(input: Readable): AsyncGenerator<SourceRow> {
  const Reader = await utf8WorkbookReader();
  const reader = new Reader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJSModule.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { rowNo: row.number, cells };
    }
    return; // only the first sheet holds data; the template's second sheet is instructions
  }
}

function xlsxSource(path: string): RowSource {
  const counter = new ByteCounter();
  async function* rows(): AsyncGenerator<SourceRow> {
    if (!(await looksLikeZip(path))) throw new ImportFileError('xlsx_unreadable', NOT_XLSX);
    try {
      yield* xlsxRows(createReadStream(path).pipe(counter));
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new ImportFileError('xlsx_unreadable', NOT_XLSX);
    }
  }
  return { rows: rows(), bytesRead: () => counter.bytes };
}

/**
 * uuid v7 ids (the layout and monotonic order of newId()) from a pooled random buffer: uuid's v7() asks
 * crypto.getRandomValues for 16 bytes per id, a syscall each, which was a tenth of an import's CPU time.
 */
export function pooledIds(): () => string {
  const pool = new Uint8Array(16 * 1024);
  let offset = pool.length;
  let msecs = -Infinity;
  let seq = 0;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const random = pool.subarray(offset, (offset += 16));
    const now = Date.now();
    if (now > msecs) {
      msecs = now;
      seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    } else {
      seq = (seq + 1) | 0;
      if (seq === 0) msecs++;
    }
    return uuidv7({ random, msecs, seq });
  };
}

/**
 * Reads and validates the file, yielding a batch every `batchRows` data rows (and a last one). The first
 * batch carries the header; when the header does not match the template, nothing else follows. An empty
 * file yields nothing.
 */
export async function* readImportFile(o: ReadOptions, batchRows = 500): AsyncGenerator<ReadBatch> {
  const source = o.format === 'csv' ? await csvSource(o.path) : xlsxSource(o.path);
  const nextId = pooledIds();
  let positions: ReturnType<typeof mapHeader>['positions'] | null = null;
  let batch: ReadBatch | null = null;
  let processed = 0;
  let errorRows = 0;
  const take = (): ReadBatch => {
    const b = batch ?? { staged: [], errors: [], processed, errorRows, bytesRead: 0 };
    batch = null;
    return { ...b, processed, errorRows, bytesRead: source.bytesRead() };
  };
  for await (const { rowNo, cells } of source.rows) {
    if (positions === null) {
      const header = mapHeader(cells);
      yield { ...take(), header: { rowNo, problems: header.problems } };
      if (header.problems.length > 0) return;
      positions = header.positions;
      continue;
    }
    if (isBlankRow(cells)) continue;
    processed += 1;
    batch ??= { staged: [], errors: [], processed, errorRows, bytesRead: 0 };
    const { value, problems } = parseImportRow(cells, positions, o.today);
    if (!value) {
      errorRows += 1;
      for (const p of problems) batch.errors.push({ row_no: rowNo, column_name: p.column, reason: p.reason });
    } else if (o.mode === 'all' && errorRows > 0) {
      // The file will be rejected: the checks still need every 文号, nothing else.
      batch.staged.push([rowNo, value.decisionNumber, decisionHash(value)]);
    } else {
      batch.staged.push([
        rowNo,
        value.decisionNumber,
        decisionHash(value),
        nextId(),
        nextId(),
        value.kind,
        value.decisionDate,
        value.itemName,
        value.counterpartyType,
        value.counterpartyName,
        value.creditCode,
        value.legalRepresentative,
        value.legalBasis,
        value.content,
        value.fineFen,
        value.confiscationFen,
        value.validFrom,
        value.validTo,
        value.handlingDivision,
      ]);
    }
    if (processed % batchRows === 0) yield take();
  }
  if (positions !== null) yield take();
}

/**
 * Rows of a CSV or .xlsx file as text cells, streamed (row numbers as Excel shows them). Other
 * modules' imports (互动交流 12345 orders) reuse the readers through this.
 */
export async function* readSheetRows(
  path: string,
  format: ImportFormat,
): AsyncGenerator<{ rowNo: number; cells: string[] }> {
  const source = format === 'csv' ? await csvSource(path) : xlsxSource(path);
  yield* source.rows;
}
