/**
 * PDF → text laid out like `pdftotext -layout` (columns by position), for the checker. Uses poppler's
 * pdftotext when it is installed (it lays tables out best); otherwise pdfjs-dist (legacy build, no
 * worker), placing each text item at the character column its x position corresponds to.
 *
 * `pdftotext -layout` sizes its character grid per page region, so a table that runs over a page
 * break can come out at another scale on the next page (LibreOffice 7.4's print of the 上海 report: on
 * the page after the header, the gap between 商业企业 and 法律服务机构 shrinks from 13 characters to 5,
 * and a figure of 法律服务机构 lands where 科研机构 is on the header's page). `pdfWordLayout` lays the
 * words out from their boxes (`pdftotext -bbox`) with one character unit for the whole document, so the
 * same x is the same column on every page; the checker uses it when the -layout text leaves a table
 * not read whole.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function pdftotext(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 }, (err, stdout) =>
      resolve(err ? undefined : stdout),
    );
  });
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** The character unit of a set of items: the lower quartile of their widths per character. */
function charUnit(items: readonly Item[]): number {
  const perChar = items
    .map((i) => i.width / Math.max(1, [...i.str].length))
    .filter((w) => w > 0)
    .sort((a, b) => a - b);
  return perChar[Math.floor(perChar.length / 4)] ?? 5;
}

/** Lays text items out in lines and character columns (exported for tests). */
export function layoutItems(items: readonly Item[], fixedUnit?: number): string {
  const real = items.filter((i) => i.str.trim() !== '');
  if (real.length === 0) return '';
  const unit = fixedUnit ?? charUnit(real);
  const byLine: Item[][] = [];
  for (const it of [...real].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = byLine[byLine.length - 1];
    if (line && Math.abs((line[0]?.y ?? 0) - it.y) <= unit * 0.6) line.push(it);
    else byLine.push([it]);
  }
  return byLine
    .map((line) => {
      let out = '';
      for (const it of line.sort((a, b) => a.x - b.x)) {
        const col = Math.round(it.x / unit);
        out += out.length < col ? ' '.repeat(col - out.length) : out.length > 0 ? ' ' : '';
        out += it.str;
      }
      return out;
    })
    .join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Word extends Item {
  /** y growing downwards, continuous over pages (the next page follows the last line of this one) */
  top: number;
  height: number;
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const ROW_NUMBER = /^\s*(?:\d+[.．、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/;

/** A figure (or a blank-cell dash) as a table cell holds it: no label text in it. */
const isFigure = (s: string): boolean => /^[\d.,%－—–/-]+$/.test(s.trim());

/**
 * Table 三 rebuilt row by row from the word boxes. A narrow label column wraps a row label over
 * two or three lines with the row's figures vertically centred between them ("1.本机关不掌握相关" /
 * "252 12 1" / "政府信息"), and a merged group label (（三）不予公开) runs down beside its sub-rows.
 * The lines of one cell sit one line pitch apart, one row from the next farther (cell padding), so
 * text words at the same left edge less than 1.25 pitches apart are one label; the figures of a line
 * belong to the label farthest right whose lines span them. Each row label is printed on one line
 * (from column 0, so a long label never pushes the figures out of their columns) with its figures at
 * their x; header words over the figures keep their x, the column anchors.
 */
function table3Rows(words: Word[], pitch: number): Item[] {
  const text = words.filter((w) => !isFigure(w.str)).sort((a, b) => a.top - b.top || a.x - b.x);
  const figures = words.filter((w) => isFigure(w.str));
  const chains: { x: number; first: number; last: number; parts: string[]; figures: Word[] }[] = [];
  for (const w of text) {
    // A numbered label (1. / （三） / 四、) always starts a row, also at the top of a page.
    const chain = ROW_NUMBER.test(w.str)
      ? undefined
      : chains.find(
          (c) => Math.abs(c.x - w.x) < 1.5 && w.top - c.last > 0.5 && w.top - c.last <= pitch * 1.25,
        );
    if (chain) {
      chain.last = w.top;
      chain.parts.push(w.str);
    } else chains.push({ x: w.x, first: w.top, last: w.top, parts: [w.str], figures: [] });
  }
  const loose: Word[] = [];
  for (const f of figures) {
    const owner = chains
      .filter((c) => c.x < f.x && f.top >= c.first - pitch / 2 && f.top <= c.last + pitch / 2)
      .sort((a, b) => b.x - a.x)[0];
    if (owner) owner.figures.push(f);
    else loose.push(f);
  }
  // Header words (自然人, 社会公益组织 …) stand over the figures: they keep their x (the column anchors).
  const firstFigure = Math.min(...figures.map((f) => f.x));
  const out: Item[] = [];
  for (const c of chains) {
    if (c.x >= firstFigure - 1) {
      out.push({ str: c.parts.join(''), x: c.x, y: -c.first, width: 0 });
      continue;
    }
    // a label and its figures on one line, at the label's first line (group labels that start on
    // the same line join it, as in a one-line row: "三、本年度办理结果 （一）予以公开 258 12 1 1")
    out.push({ str: c.parts.join(''), x: c.x / 1000, y: -c.first, width: 0 });
    for (const f of c.figures) out.push({ str: f.str, x: f.x, y: -c.first, width: f.width });
  }
  for (const f of loose) out.push({ str: f.str, x: f.x, y: -f.top, width: f.width });
  return out;
}

/**
 * `pdftotext -bbox` output (one `<page>` of `<word xMin yMin xMax yMax>` per page) laid out with one
 * character unit for the whole document: a column keeps its position across page breaks, and table
 * 三 is rebuilt row by row (table3Rows) (exported for tests).
 */
export function layoutBboxWords(bbox: string): string {
  const pages: Word[][] = [];
  for (const page of bbox.split(/<page\b/).slice(1)) {
    const items: Word[] = [];
    for (const m of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const str = (m[5] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');
      if (str.trim() === '') continue;
      const x = Number(m[1]);
      const top = Number(m[2]);
      items.push({ str, x, y: 0, width: Number(m[3]) - x, top, height: Number(m[4]) - top });
    }
    pages.push(items);
  }
  const all = pages.flat();
  if (all.length === 0) return '';
  const unit = charUnit(all);
  // The line pitch of wrapped text: a word box is a line's height, and LibreOffice, Word and WPS set
  // lines about 1.1 heights apart; a table row ends with cell padding, so the next row starts farther.
  const pitch = median(all.map((w) => w.height)) * 1.1;
  // Continuous y: each page's first line one pitch below the previous page's last line.
  let offset = 0;
  let lastBottom: number | undefined;
  for (const items of pages) {
    if (items.length === 0) continue;
    const first = Math.min(...items.map((w) => w.top));
    if (lastBottom !== undefined) offset = lastBottom + pitch - first;
    for (const w of items) w.top += offset;
    lastBottom = Math.max(...items.map((w) => w.top));
  }
  // Table 三: from its heading to the heading of table 四.
  const ordered = [...all].sort((a, b) => a.top - b.top || a.x - b.x);
  // (its head cells, not the heading: a preamble may name the section "收到和处理政府信息公开申请情况")
  const start = ordered.find((w) => /申请人情况|本列数据的勾稽/.test(w.str))?.top;
  const end =
    start === undefined
      ? undefined
      : ordered.find((w) => w.top > start && /行政复议|行政诉讼/.test(w.str))?.top;
  const inTable = (w: Word): boolean =>
    start !== undefined && end !== undefined && w.top > start + 0.5 && w.top < end - 0.5;
  const items: Item[] = [
    ...all.filter((w) => !inTable(w)).map((w) => ({ str: w.str, x: w.x, y: -w.top, width: w.width })),
    ...table3Rows(all.filter(inTable), pitch),
  ];
  return layoutItems(items, unit);
}

/** The PDF laid out from its word boxes (pdftotext -bbox); undefined when pdftotext is absent. */
export async function pdfWordLayout(pdf: Uint8Array): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'gk-report-'));
  try {
    const file = join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const html = await new Promise<string | undefined>((resolve) => {
      execFile('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 256 << 20 }, (err, stdout) =>
        resolve(err ? undefined : stdout),
      );
    });
    return html === undefined ? undefined : layoutBboxWords(html);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function withPdfjs(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    useSystemFonts: true,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      items.push({
        str: raw.str,
        x: raw.transform[4] as number,
        y: raw.transform[5] as number,
        width: raw.width,
      });
    }
    pages.push(layoutItems(items));
  }
  await doc.destroy();
  return pages.join('\n\f');
}

/** Text of a PDF in -layout form; pdftotext when present, pdfjs-dist otherwise. */
export async function pdfToLayoutText(
  pdf: Uint8Array,
  options: { preferPdfjs?: boolean } = {},
): Promise<string> {
  if (!options.preferPdfjs) {
    const dir = await mkdtemp(join(tmpdir(), 'gk-report-'));
    try {
      const file = join(dir, 'report.pdf');
      await writeFile(file, pdf);
      const text = await pdftotext(file);
      if (text !== undefined) return text;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return withPdfjs(pdf);
}
