/**
 * Regenerates layout/<id>.txt: each corpus report's HTML printed to PDF by LibreOffice, then
 * `pdftotext -layout` — the text people get from a published PDF. Needs soffice and pdftotext
 * (apt-get install -y libreoffice-writer-nogui poppler-utils). Run:
 *   npx tsx server/modules/annual-report/checker/corpus/build-layout.ts [outDir] [id…]
 * (outDir `layout` by default, every report by default). The files of layout/ for shanghai-office-2019
 * and suqian-gov-* were printed by an earlier LibreOffice with a wider text area; LibreOffice 7.4.7
 * wraps labels and splits table 三 across pages differently: those three are kept in layout-lo74/
 * as well (`build-layout.ts layout-lo74 shanghai-office-2019 suqian-gov-2023 suqian-gov-2024`).
 * `build-layout.ts words` writes words/<id>.bbox.txt instead: `pdftotext -bbox` of the same print
 * (every word with its box), which the checker lays out itself when the -layout text of a PDF leaves a
 * table not read whole (pdf-text.ts layoutBboxWords).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR, loadReports, renderHtml } from './corpus.js';

const [outDir = 'layout', ...only] = process.argv.slice(2);
const out = join(CORPUS_DIR, outDir);
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'gk-corpus-'));
try {
  for (const r of loadReports().filter((x) => only.length === 0 || only.includes(x.id))) {
    const html = join(dir, `${r.id}.html`);
    writeFileSync(html, renderHtml(r));
    execFileSync(
      'soffice',
      ['--headless', '--convert-to', 'pdf:writer_web_pdf_Export', '--outdir', dir, html],
      {
        stdio: 'ignore',
        env: { ...process.env, HOME: dir },
      },
    );
    const words = outDir === 'words';
    const text = execFileSync('pdftotext', [
      words ? '-bbox' : '-layout',
      '-enc',
      'UTF-8',
      join(dir, `${r.id}.pdf`),
      '-',
    ]).toString('utf8');
    // the print date would make every rebuild differ
    const kept = words ? text.replace(/^<meta name="(?:CreationDate|ModDate)"[^\n]*\n/gm, '') : text;
    writeFileSync(join(out, words ? `${r.id}.bbox.txt` : `${r.id}.txt`), kept);
    console.log(
      `${r.id}: ${text.split('\n').length} lines (${readFileSync(join(dir, `${r.id}.pdf`)).length} bytes of PDF)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
