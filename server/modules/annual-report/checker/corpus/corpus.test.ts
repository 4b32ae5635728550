/**
 * The checker on the whole corpus, in every rendering: every true table finding found, every
 * narrative finding the rules claim to cover found, no false alarm, and never "一致" when a table was
 * not read completely. The per-report results table in ../README.md is generated from this run
 * (UPDATE_CORPUS_README=1 rewrites it; otherwise the test checks it is current).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport, checkReportText, type CheckReportResult } from '../check-report.js';
import { layoutBboxWords } from '../pdf-text.js';
import type { Finding } from '../../types.js';
import {
  CORPUS_DIR,
  RENDERINGS,
  layoutText,
  loadReports,
  ocrDamage,
  render,
  renderFlat,
  renderTabText,
} from './corpus.js';

const FIXTURES = join(CORPUS_DIR, '..', 'fixtures');

/** A finding's identity: the rule and what it is about (row, column group or the figure as written). */
export function findingKey(f: Finding): string {
  const c = f.cells.find((x) => x.table !== 'narrative');
  switch (f.ruleId) {
    case 'R3':
      return `R3:${c?.row ?? ''}`;
    case 'R1':
    case 'R2':
      return `${f.ruleId}:${c?.col ?? ''}`;
    case 'R5':
      return `R5:${(c?.col ?? '').split('_')[0] ?? ''}`;
    default:
      return `${f.ruleId}:${String(f.actual)}`;
  }
}

const keysOf = (r: CheckReportResult): string[] =>
  [...new Set(r.findings.filter((f) => f.ruleId !== 'R11B').map(findingKey))].sort();

interface Row {
  report: string;
  source: string;
  layout: string;
  verdict: string;
  expected: number;
  found: number;
  missed: number;
  falseAlarms: number;
}
const results: Row[] = [];

function record(
  report: string,
  source: string,
  layout: string,
  res: CheckReportResult,
  expected: string[],
): {
  missed: string[];
  falseAlarms: string[];
} {
  const got = keysOf(res);
  const missed = expected.filter((k) => !got.includes(k));
  const falseAlarms = got.filter((k) => !expected.includes(k));
  results.push({
    report,
    source,
    layout,
    verdict: res.verdict,
    expected: expected.length,
    found: expected.length - missed.length,
    missed: missed.length,
    falseAlarms: falseAlarms.length,
  });
  return { missed, falseAlarms };
}

const expectedOf = (id: string): string[] =>
  (
    JSON.parse(readFileSync(join(CORPUS_DIR, 'reports', `${id}.expected.json`), 'utf8')) as {
      findings: string[];
    }
  ).findings;

async function check(input: { text?: string; html?: string; docx?: Buffer; xlsx?: Buffer }, name: string) {
  return checkReport({ ...input, fileName: name });
}

describe('full reports in every rendering', () => {
  for (const r of loadReports()) {
    for (const kind of RENDERINGS) {
      it(`${r.id} as ${kind}`, async () => {
        const input = await render(r, kind);
        expect(input, `rendering ${kind} of ${r.id} (run build-layout.ts)`).toBeDefined();
        const res = await check(input!, `${r.id}.${kind}`);
        // a workbook holds the tables only: the narrative findings are not in it
        const expected = expectedOf(r.id).filter((k) => kind !== 'xlsx' || !k.startsWith('N'));
        const { missed, falseAlarms } = record(r.id, r.agency, kind, res, expected);
        expect(falseAlarms, 'false alarms').toEqual([]);
        const complete = res.reading.table3.complete && res.reading.table4.complete;
        if (['html', 'tabtext', 'markdown', 'docx', 'xlsx'].includes(kind)) {
          expect(complete, 'tables read completely').toBe(true);
          expect(missed, 'missed findings').toEqual([]);
        }
        // What was read whole is checked; what was not is never called consistent.
        if (!complete) expect(res.verdict).not.toBe('consistent');
        if (complete) expect(missed).toEqual([]);
        if (expected.length === 0 && complete) expect(res.verdict).toBe('consistent');
      });
    }
  }
});

describe('the same reports printed by LibreOffice 7.4 (narrower text, labels wrapped around their figures)', () => {
  const dir = join(CORPUS_DIR, 'layout-lo74');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    const id = f.replace(/\.txt$/, '');
    const r = loadReports().find((x) => x.id === id)!;
    for (const kind of ['layout-lo74', 'ocr-lo74'] as const) {
      it(`${id} as ${kind}`, () => {
        const text = readFileSync(join(dir, f), 'utf8');
        const res = checkReportText(kind === 'ocr-lo74' ? ocrDamage(text) : text, `${id}.${kind}`);
        const expected = expectedOf(id);
        const { missed, falseAlarms } = record(id, r.agency, kind, res, expected);
        expect(falseAlarms, 'false alarms').toEqual([]);
        const complete = res.reading.table3.complete && res.reading.table4.complete;
        if (!complete) expect(res.verdict).not.toBe('consistent');
        else expect(missed).toEqual([]);
      });
    }
  }
  it('the 宿迁 reports are read whole although （二） and （六）2. wrap around their figures', () => {
    for (const id of ['suqian-gov-2023', 'suqian-gov-2024']) {
      const res = checkReportText(readFileSync(join(dir, `${id}.txt`), 'utf8'), id);
      expect(res.reading.table3.complete, id).toBe(true);
      expect(res.verdict, id).toBe('consistent');
    }
  });
});

describe('PDF words: the LibreOffice 7.4 print laid out from its word boxes (pdftotext -bbox)', () => {
  const dir = join(CORPUS_DIR, 'words');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.bbox.txt'))) {
    const id = f.replace(/\.bbox\.txt$/, '');
    const r = loadReports().find((x) => x.id === id)!;
    it(`${id} as words is read whole, with every finding and no false alarm`, () => {
      const res = checkReportText(layoutBboxWords(readFileSync(join(dir, f), 'utf8')), `${id}.words`);
      const expected = expectedOf(id);
      const { missed, falseAlarms } = record(id, r.agency, 'words', res, expected);
      expect(falseAlarms, 'false alarms').toEqual([]);
      expect(res.reading.table3.complete && res.reading.table4.complete, 'tables read completely').toBe(true);
      expect(missed, 'missed findings').toEqual([]);
    });
  }
  it('the 上海 print stays 无法检查 as -layout text: after the page break pdftotext squeezes the columns', () => {
    // In the PDF the 1 of （四）1. 本机关不掌握 stands under 法律服务机构 (same x as the header word) …
    const bbox = readFileSync(join(dir, 'shanghai-office-2019.bbox.txt'), 'utf8');
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(
      (m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] ?? '' }),
    );
    const legal = words.find((w) => w.text === '法律服务')!;
    const row = words.find((w) => w.text === '252')!;
    const one = words.find((w) => w.text === '1' && Math.abs(w.y - row.y) < 1)!;
    expect(Math.abs(one.x - legal.x)).toBeLessThan(1);
    // … but -layout prints the page after the header at another scale: 5 characters after 12, where
    // 科研机构 sits on the header's page, so the text alone cannot tell the column, and the checker
    // does not guess.
    const text = readFileSync(join(CORPUS_DIR, 'layout-lo74', 'shanghai-office-2019.txt'), 'utf8');
    const line = text.split('\n').find((l) => /^\s+252\s+12\s+1\s*$/.test(l))!;
    expect(line.indexOf(' 1', line.indexOf('12')) - line.indexOf('12')).toBeLessThan(8);
    const header = text.split('\n').find((l) => l.includes('科研') && l.includes('法律服务'))!;
    expect(header.indexOf('法律服务') - header.indexOf('科研')).toBeGreaterThan(5);
    expect(checkReportText(text, 'shanghai-lo74').verdict).toBe('unreadable');
  });
});

describe('flat: the page saved without cell breaks (as the crawler page.txt has it)', () => {
  for (const r of loadReports()) {
    it(`${r.id} as flat text is never called consistent and raises no false alarm`, () => {
      const res = checkReportText(renderFlat(r), `${r.id}.flat`);
      const expected = expectedOf(r.id);
      const { falseAlarms } = record(r.id, r.agency, 'flat', res, expected);
      expect(falseAlarms, 'false alarms').toEqual([]);
      expect(res.verdict).not.toBe('consistent');
    });
  }
});

const FIXTURE_EXPECTED: Record<string, string[]> = {
  '003': ['R5:review', 'R5:suitAfterReview'],
  '004': ['N1:17'],
  '005': [],
};

describe('real PDFs: pdftotext fixtures, the same PDFs read by pdfjs-dist, and OCR damage', () => {
  const pdfjs = JSON.parse(readFileSync(join(CORPUS_DIR, 'pdfjs', 'index.json'), 'utf8')) as {
    reports: { id: string; expected: string[] }[];
  };
  for (const [id, expected] of Object.entries(FIXTURE_EXPECTED)) {
    const meta = JSON.parse(readFileSync(join(FIXTURES, `${id}.meta.json`), 'utf8')) as { agency: string };
    it(`${id}: the pdfjs manifest states the same hand-verified findings`, () => {
      expect(pdfjs.reports.find((r) => r.id === id)?.expected).toEqual(expected);
    });
    for (const layout of ['layout', 'ocr', 'pdfjs'] as const) {
      it(`${id} (${meta.agency}) as ${layout}`, () => {
        const text =
          layout === 'pdfjs'
            ? readFileSync(join(CORPUS_DIR, 'pdfjs', `${id}.txt`), 'utf8')
            : readFileSync(join(FIXTURES, `${id}.txt`), 'utf8');
        const res = checkReportText(layout === 'ocr' ? ocrDamage(text, 11) : text, id);
        const { missed, falseAlarms } = record(id, meta.agency, layout, res, expected);
        expect(falseAlarms).toEqual([]);
        expect(missed).toEqual([]);
        expect(res.verdict).toBe(expected.length ? 'inconsistent' : 'consistent');
      });
    }
  }
});

describe('seeds', () => {
  const dir = join(CORPUS_DIR, 'seeds');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  it('000–003 (old free-text reports, no statutory tables) are never called consistent and raise nothing', () => {
    for (const f of files.filter((x) => !x.startsWith('004'))) {
      const res = checkReportText(readFileSync(join(dir, f), 'utf8'), f);
      record(f.slice(0, 3), 'seed', 'text', res, []);
      expect(res.verdict, f).toBe('unreadable');
      expect(keysOf(res), f).toEqual([]);
      expect(res.unreadable).toMatch(/未找到/);
    }
  });
  it('000 (2013): the year is read and the text says why it has no tables', () => {
    const res = checkReportText(
      readFileSync(
        join(
          dir,
          files.find((f) => f.startsWith('000'))!,
        ),
        'utf8',
      ),
      '000',
    );
    expect(res.year).toBe(2013);
    expect(res.unreadable).toContain('早于2019年统一格式');
  });
  it('004 (2020, Word copy-paste) finds the two 主动公开 figures and nothing else', () => {
    const res = checkReportText(
      readFileSync(
        join(
          dir,
          files.find((f) => f.startsWith('004'))!,
        ),
        'utf8',
      ),
      '004',
    );
    const { missed, falseAlarms } = record('seed 004', 'seed', 'tabtext', res, ['N2:285']);
    expect(missed).toEqual([]);
    expect(falseAlarms).toEqual([]);
  });
});

describe('openings of real reports (tables not in the stored copy)', () => {
  const index = JSON.parse(readFileSync(join(CORPUS_DIR, 'openings', 'index.json'), 'utf8')) as {
    reports: { id: string; agency: string; listFindings: { total: number; sum: number }[] }[];
  };
  for (const o of index.reports) {
    it(`${o.id}: never consistent; category lists as hand-checked`, () => {
      const res = checkReportText(readFileSync(join(CORPUS_DIR, 'openings', `${o.id}.txt`), 'utf8'), o.id);
      const expected = o.listFindings.map((l) => `N3:${l.sum}`).sort();
      const { missed, falseAlarms } = record(o.id, o.agency, 'opening', res, expected);
      expect(falseAlarms).toEqual([]);
      expect(missed).toEqual([]);
      expect(res.verdict).not.toBe('consistent');
      expect(res.verdict).toBe(expected.length ? 'inconsistent' : 'unreadable');
    });
  }
});

describe('never "一致" without table 三', () => {
  it('cutting a consistent report anywhere inside table 三 or before it never yields consistent', () => {
    const r = loadReports().find((x) => x.id === 'suqian-gov-2023')!;
    const lines = renderTabText(r).split('\n');
    const t3 = lines.findIndex((l) => l.includes('本年新收政府信息公开申请数量'));
    const t4 = lines.findIndex((l, i) => i > t3 && l.includes('行政复议'));
    for (let cut = 0; cut < t4; cut += 2) {
      const res = checkReportText([...lines.slice(0, cut), ...lines.slice(t4)].join('\n'), `cut-${cut}`);
      expect(res.verdict, `cut at ${cut}`).not.toBe('consistent');
    }
  });
  it('two figures of a row run together (a lost separator) is not read as consistent', () => {
    const r = loadReports().find((x) => x.id === 'suqian-gov-2023')!;
    for (const text of [renderTabText(r), layoutText(r.id)!]) {
      const broken = text.replace(/(上年结转政府信息公开申请数量\s+)91\s+3(?=\s)/, '$1913');
      expect(broken).not.toBe(text);
      expect(checkReportText(broken, 'merged').verdict).not.toBe('consistent');
    }
  });
  it('a table-三 heading with no readable rows is unreadable (exit 2), not consistent', () => {
    const res = checkReportText('三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\n', 'x');
    expect(res.verdict).toBe('unreadable');
  });
});

describe('results table', () => {
  it('README.md lists every report, rendering and result', () => {
    const table = [
      '| report | source | layout | verdict | expected | found | missed | false alarms |',
      '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
      ...results.map(
        (x) =>
          `| ${x.report} | ${x.source} | ${x.layout} | ${x.verdict} | ${x.expected} | ${x.found} | ${x.missed} | ${x.falseAlarms} |`,
      ),
    ].join('\n');
    const file = join(CORPUS_DIR, '..', 'README.md');
    const readme = readFileSync(file, 'utf8');
    const begin = '<!-- corpus-results:begin -->';
    const end = '<!-- corpus-results:end -->';
    const next = `${readme.slice(0, readme.indexOf(begin) + begin.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`;
    if (process.env.UPDATE_CORPUS_README) writeFileSync(file, next);
    else expect(readme).toBe(next);
    expect(results.reduce((a, x) => a + x.falseAlarms, 0)).toBe(0);
  });
});
