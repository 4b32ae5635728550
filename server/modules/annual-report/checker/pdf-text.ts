/**
 * PDF → text laid out like `pdftotext -layout` (columns by position), for the checker. Uses poppler's
 * pdftotext when it is installed (it lays tables out best); otherwise pdfjs-dist (legacy build, no
 * worker), placing each text item at the character column its x position corresponds to.
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

/** Lays text items out in lines and character columns (exported for tests). */
export function layoutItems(items: readonly Item[]): string {
  const real = items.filter((i) => i.str.trim() !== '');
  if (real.length === 0) return '';
  const perChar = real
    .map((i) => i.width / Math.max(1, [...i.str].length))
    .filter((w) => w > 0)
    .sort((a, b) => a - b);
  const unit = perChar[Math.floor(perChar.length / 4)] ?? 5;
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
