/**
 * The checker on a 40-page report (issue 13: "checking a 40-page report ≤ 2 s"), in every form a
 * reader has it: the PDF (pdftotext -layout, and pdfjs-dist where pdftotext is missing), the text a
 * reader saved from it, the web page and the Word file.
 *
 *   node --import tsx bench/report/check-40-pages.ts [--report pingtan-gov-2023] [--pages 40] [--n 15]
 *
 * The report is a real one from the checker's corpus whose own prose (一、总体情况 (一)–(五)) is
 * repeated after section 六 until LibreOffice prints it on at least --pages A4 pages, so every figure
 * of the prose still agrees with the tables (the verdict must stay the short report's). Needs soffice
 * and pdftotext (apt-get install -y libreoffice-writer-nogui poppler-utils).
 *
 * Each form is measured in its own child process (so the peak RSS is that form's): one cold call
 * (lazy imports of mammoth / pdfjs-dist, JIT) then --n warm calls; wall and CPU time per call.
 * Baselines: the bare `pdftotext -layout` run on the same PDF, and the same report unpadded.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  checkReport,
  checkReportText,
  type CheckReportResult,
} from '../../server/modules/annual-report/checker/check-report.js';
import { pdfToLayoutText, pdfWordLayout } from '../../server/modules/annual-report/checker/pdf-text.js';
import {
  loadReports,
  renderDocxFile,
  renderHtml,
  type CorpusReport,
} from '../../server/modules/annual-report/checker/corpus/corpus.js';

type Kind = 'pdf' | 'pdf-words' | 'pdf-pdfjs' | 'layout-text' | 'html' | 'docx';
const KINDS: readonly Kind[] = ['pdf', 'pdf-words', 'pdf-pdfjs', 'layout-text', 'html', 'docx'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

async function checkOnce(kind: Kind, dir: string): Promise<CheckReportResult> {
  switch (kind) {
    case 'pdf':
      return checkReport({ pdf: readFileSync(join(dir, 'report.pdf')), fileName: 'report.pdf' });
    case 'pdf-words': {
      // the fallback for a PDF whose -layout text leaves a table not read whole: its cost on its own
      // (pdftotext -bbox + layoutBboxWords + reading), as if it ran after the -layout reading
      const text = await pdfWordLayout(readFileSync(join(dir, 'report.pdf')));
      return checkReportText(text ?? '', 'report.pdf');
    }
    case 'pdf-pdfjs': {
      const text = await pdfToLayoutText(readFileSync(join(dir, 'report.pdf')), { preferPdfjs: true });
      return checkReportText(text, 'report.pdf');
    }
    case 'layout-text':
      return checkReport({ text: readFileSync(join(dir, 'report.txt'), 'utf8'), fileName: 'report.txt' });
    case 'html':
      return checkReport({ html: readFileSync(join(dir, 'report.html'), 'utf8'), fileName: 'report.html' });
    case 'docx':
      return checkReport({ docx: readFileSync(join(dir, 'report.docx')), fileName: 'report.docx' });
  }
}

/** Child process: one kind, cold then warm; prints one JSON line. */
async function runKind(kind: Kind, dir: string, n: number): Promise<void> {
  const timed = async (): Promise<{ wall: number; cpu: number; verdict: string }> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await checkOnce(kind, dir);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1000, verdict: r.verdict };
  };
  const cold = await timed();
  const walls: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = await timed();
    walls.push(t.wall);
    cpuMs.push(t.cpu);
  }
  console.log(
    JSON.stringify({
      kind,
      verdict: cold.verdict,
      coldMs: cold.wall,
      coldCpuMs: cold.cpu,
      p50: quantile(walls, 0.5),
      p99: quantile(walls, 0.99),
      max: Math.max(...walls),
      cpuP50: quantile(cpuMs, 0.5),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    }),
  );
}

function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf]).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** The report with its own (一)–(五) paragraphs repeated `times` times after section 六. */
function padded(r: CorpusReport, times: number): CorpusReport {
  const prose = r.before.filter((p) => /^（[一二三四五]）/.test(p));
  if (prose.length === 0) throw new Error(`${r.id}: no (一)–(五) paragraphs to repeat`);
  const extra: string[] = [];
  for (let i = 0; i < times; i++) extra.push(...prose);
  return { ...r, after: [...r.after, ...extra] };
}

function printToPdf(r: CorpusReport, dir: string): number {
  writeFileSync(join(dir, 'report.html'), renderHtml(r));
  execFileSync(
    'soffice',
    ['--headless', '--convert-to', 'pdf:writer_web_pdf_Export', '--outdir', dir, join(dir, 'report.html')],
    {
      stdio: 'ignore',
      env: { ...process.env, HOME: dir },
    },
  );
  return pdfPages(join(dir, 'report.pdf'));
}

async function prepare(
  r: CorpusReport,
  pages: number,
  dir: string,
): Promise<{ pages: number; times: number }> {
  // Pages grow linearly with the repeats: measure one, then size the rest (and top up if short).
  const base = printToPdf(r, dir);
  const one = printToPdf(padded(r, 1), dir);
  let times = Math.max(1, Math.ceil((pages - base) / Math.max(1, one - base)));
  let got = printToPdf(padded(r, times), dir);
  while (got < pages) got = printToPdf(padded(r, ++times), dir);
  const report = padded(r, times);
  writeFileSync(
    join(dir, 'report.txt'),
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'report.pdf'), '-']),
  );
  writeFileSync(join(dir, 'report.docx'), await renderDocxFile(report));
  return { pages: got, times };
}

function child(kind: Kind, dir: string, n: number): Record<string, number | string> {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', self, '--child', kind, '--dir', dir, '--n', String(n)],
    {
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`${kind}: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number | string>;
}

/** `pdftotext -layout` alone on the PDF: wall time, and its own CPU time (bash's `time`, since Node
 * reports no CPU time of child processes — the "pdf" rows' CPU column leaves pdftotext out). */
function pdftotextBaseline(dir: string, n: number): { p50: number; p99: number; cpuP50: number } {
  const walls: number[] = [];
  const cpuMs: number[] = [];
  const pdf = join(dir, 'report.pdf');
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = spawnSync(
      'bash',
      ['-c', 'TIMEFORMAT="%3U %3S"; time pdftotext -layout -enc UTF-8 "$0" /dev/null', pdf],
      {
        encoding: 'utf8',
      },
    );
    walls.push(performance.now() - t);
    const [u = 0, s = 0] = res.stderr.trim().split(/\s+/).slice(-2).map(Number);
    cpuMs.push((u + s) * 1000);
  }
  return { p50: quantile(walls, 0.5), p99: quantile(walls, 0.99), cpuP50: quantile(cpuMs, 0.5) };
}

async function main(): Promise<void> {
  const childKind = arg('child', '');
  const n = Number(arg('n', '15'));
  if (childKind) return runKind(childKind as Kind, arg('dir', ''), n);

  const id = arg('report', 'pingtan-gov-2023');
  const pages = Number(arg('pages', '40'));
  const report = loadReports().find((r) => r.id === id);
  if (!report) throw new Error(`no corpus report ${id}`);
  const dir = mkdtempSync(join(tmpdir(), 'gk-check40-'));
  const shortDir = mkdtempSync(join(tmpdir(), 'gk-check-short-'));
  try {
    const big = await prepare(report, pages, dir);
    const shortPages = printToPdf(report, shortDir);
    writeFileSync(
      join(shortDir, 'report.txt'),
      execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(shortDir, 'report.pdf'), '-']),
    );
    writeFileSync(join(shortDir, 'report.docx'), await renderDocxFile(report));
    const sizes = {
      pdfKb: readFileSync(join(dir, 'report.pdf')).length / 1024,
      textChars: readFileSync(join(dir, 'report.txt'), 'utf8').length,
      htmlChars: readFileSync(join(dir, 'report.html'), 'utf8').length,
      docxKb: readFileSync(join(dir, 'report.docx')).length / 1024,
    };
    console.log(
      `report ${id}: ${big.pages} pages (prose repeated ${big.times}×; the report alone: ${shortPages} pages) — ` +
        `PDF ${sizes.pdfKb.toFixed(0)} KB, text ${sizes.textChars} chars, HTML ${sizes.htmlChars} chars, .docx ${sizes.docxKb.toFixed(0)} KB`,
    );
    console.log(
      `node ${process.version}, ${cpus().length} cores; n = ${n} warm calls per form after one cold call`,
    );
    const rows: string[] = [
      '| form | pages | verdict | cold ms (CPU) | p50 ms | p99 ms | max ms | CPU p50 ms | peak RSS MB |',
      '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const fmt = (x: number | string | undefined): string =>
      typeof x === 'number' ? x.toFixed(0) : String(x);
    for (const [label, d, p] of [
      [`${pages}-page`, dir, big.pages],
      ['short', shortDir, shortPages],
    ] as const) {
      for (const kind of KINDS) {
        const r = child(kind, d, n);
        rows.push(
          `| ${kind} (${label}) | ${p} | ${r.verdict} | ${fmt(r.coldMs)} (${fmt(r.coldCpuMs)}) | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.cpuP50)} | ${fmt(r.maxRssMb)} |`,
        );
      }
    }
    const base = pdftotextBaseline(dir, n);
    console.log(rows.join('\n'));
    console.log(
      `baseline: pdftotext -layout alone on the ${big.pages}-page PDF: p50 ${base.p50.toFixed(0)} ms, p99 ${base.p99.toFixed(0)} ms, pdftotext's own CPU p50 ${base.cpuP50.toFixed(0)} ms (not in the pdf rows' CPU column)`,
    );
    console.log(
      `load average (1/5/15 min) at the end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(shortDir, { recursive: true, force: true });
  }
}

await main();
