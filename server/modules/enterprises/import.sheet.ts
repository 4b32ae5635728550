/**
 * What Excel, WPS and LibreOffice make of the registry template before the shared 双公示 reader
 * (enforcement/import.reader.ts) sees it:
 *   - a CSV saved as "CSV (逗号分隔)" on Chinese Windows is GBK, not UTF-8; the shared reader refuses
 *     anything but UTF-8, so such a file is transcoded (GB18030, the superset of GBK) to a UTF-8 copy first;
 *     UTF-16 ("Unicode 文本") is refused with the way out;
 *   - the header row is found below a merged title row ("示例市监管企业名录", merged across the columns:
 *     only its first cell holds the text), header cells may be wrapped (Alt+Enter) or carry "*"/"（必填）",
 *     and a two-row header whose merged group cell ("许可证") sits above short sub-headers ("种类", "编号")
 *     is read as one header.
 * BOM and mixed CRLF/LF line ends are handled by the shared reader.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ImportFileError } from '../enforcement/import.reader.js';

export const UTF16_REFUSED =
  '文件是UTF-16编码（Excel的“Unicode文本”），请在Excel或WPS中另存为“CSV UTF-8(逗号分隔)”或 .xlsx 后重新导入';
export const ENCODING_UNKNOWN =
  '无法识别文件编码（既不是UTF-8也不是GBK），请在Excel或WPS中另存为“CSV UTF-8(逗号分隔)”或 .xlsx 后重新导入';

/** Whether the whole file is valid UTF-8 (streamed; a BOM is allowed). */
async function isUtf8(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>)
      decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function head(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * A CSV as UTF-8: the file itself when it is UTF-8, otherwise a GB18030-decoded copy in the temporary
 * directory (removed by `cleanup`). Refuses UTF-16 and bytes that are not GB18030 either.
 */
export async function csvAsUtf8(
  file: string,
): Promise<{ path: string; encoding: 'utf-8' | 'gb18030'; cleanup: () => Promise<void> }> {
  const start = await head(file, 2);
  if (
    start.length === 2 &&
    ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff))
  )
    throw new ImportFileError('file_utf16', UTF16_REFUSED);
  if (await isUtf8(file)) return { path: file, encoding: 'utf-8', cleanup: async () => {} };
  const target = path.join(tmpdir(), `gk-ent-import-${randomUUID()}.csv`);
  const cleanup = () => unlink(target).catch(() => {});
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const out = createWriteStream(target);
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (!out.write(text)) await once(out, 'drain');
    }
    out.write(decoder.decode());
    out.end();
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    await cleanup();
    if (err instanceof TypeError) throw new ImportFileError('file_encoding_unknown', ENCODING_UNKNOWN);
    throw err;
  }
  return { path: target, encoding: 'gb18030', cleanup };
}

/**
 * Physical lines of a file (line feeds, plus a last line without one), counted fast over the bytes: the
 * progress bar's total for a CSV (a cell with a line break inside makes it a slight overestimate).
 */
export async function countLines(file: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  return last === 10 ? n : n + 1;
}

/** A header cell as typed: no BOM, no whitespace (wrapped cells), no required marks ("*", "（必填）"). */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .replace(/\s+/g, '')
    .replace(/[(（]必填[)）]$/, '')
    .replace(/[*＊]+$/, '')
    .replace(/^[*＊]+/, '');
}

export type HeaderStep =
  | { kind: 'skip' }
  | { kind: 'header'; positions: Map<string, number> }
  | { kind: 'problems'; rowNo: number; problems: string[] };

/** Title rows allowed above the header (a merged title, a date line, a blank line). */
export const MAX_ROWS_BEFORE_HEADER = 10;

/**
 * Finds the header among the first rows, one row at a time. `anchor` is a header every header row has
 * (统一社会信用代码); `known` are all header texts; `map` maps normalized cells to column positions.
 */
export class HeaderFinder {
  private seen = 0;
  private candidate: { rowNo: number; cells: string[]; problems: string[] } | null = null;

  constructor(
    private readonly anchor: string,
    private readonly known: ReadonlySet<string>,
    private readonly map: (cells: string[]) => { positions: Map<string, number>; problems: string[] },
  ) {}

  offer(rowNo: number, raw: string[]): HeaderStep {
    const cells = raw.map(normalizeHeader);
    if (this.candidate) {
      const first = this.candidate;
      this.candidate = null;
      const joined = this.map(joinHeaderRows(first.cells, cells, this.known));
      if (joined.problems.length === 0) return { kind: 'header', positions: joined.positions };
      return { kind: 'problems', rowNo: first.rowNo, problems: first.problems };
    }
    this.seen++;
    if (cells.includes(this.anchor)) {
      const m = this.map(cells);
      if (m.problems.length === 0) return { kind: 'header', positions: m.positions };
      // Perhaps the first of two header rows; the next row decides.
      this.candidate = { rowNo, cells, problems: m.problems };
      return { kind: 'skip' };
    }
    if (this.seen < MAX_ROWS_BEFORE_HEADER && cells.filter(Boolean).length <= 2) return { kind: 'skip' };
    return { kind: 'problems', rowNo, problems: this.map(cells).problems };
  }

  /** At the end of the file: the problems of a header never completed, or none if no row was seen. */
  finish(): { rowNo: number; problems: string[] } | null {
    return this.candidate ? { rowNo: this.candidate.rowNo, problems: this.candidate.problems } : null;
  }
}

/**
 * Two header rows as one: a sub-header cell wins (prefixed with its merged group's text when that makes
 * a known header: "许可证" + "种类" → "许可证种类"); where the second row is blank, the first row's text
 * stands (cells merged vertically over both rows).
 */
export function joinHeaderRows(first: string[], second: string[], known: ReadonlySet<string>): string[] {
  const width = Math.max(first.length, second.length);
  const out: string[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const top = first[i] ?? '';
    const sub = second[i] ?? '';
    if (top) group = top;
    if (!sub) out.push(top);
    else if (known.has(sub)) out.push(sub);
    else if (known.has(group + sub)) out.push(group + sub);
    else out.push(sub);
  }
  return out;
}
