/**
 * Generates seeded import files for the 双公示 import benchmark:
 *   node --import tsx bench/import/generate.ts --rows 100000 --format xlsx --bad 0.01 --out /tmp/x.xlsx
 * Writes <out>.bad.json with the spreadsheet row numbers of the deliberately bad rows (1 % by default),
 * so a run can check that the error report lists exactly those rows. Streams, so 1,000,000 rows is fine.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../server/modules/enforcement/import.columns.js';
import { sampleCreditCode } from '../../server/modules/enforcement/sample-credit-codes.js';

/** mulberry32: a tiny seeded PRNG so every run generates the same file. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIX = [
  '恒安',
  '鑫达',
  '东港',
  '华泰',
  '永盛',
  '顺通',
  '瑞丰',
  '金诚',
  '宏远',
  '利民',
  '安泰',
  '兴业',
];
const TRADE = ['化工', '危险化学品经营', '石化储运', '精细化工', '金属制品', '物流', '烟花爆竹', '燃气'];
const BAD_KINDS = ['credit', 'future', 'kind', 'content', 'amount'] as const;

export interface GeneratedRow {
  cells: string[];
  bad: boolean;
}

/** The i-th row (1-based data row); `bad` rows carry exactly one deliberate error. */
export function makeRow(i: number, random: () => number, badShare: number): GeneratedRow {
  const kind = random() < 0.6 ? '行政处罚' : random() < 0.8 ? '行政许可' : '行政强制';
  const month = 1 + Math.floor(random() * 22); // 2025-01 … 2026-10
  const year = month > 12 ? 2026 : 2025;
  const date = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const ent = Math.floor(random() * 50_000);
  const v: Record<string, string> = {
    决定类别: kind,
    决定文号: `示应急${kind === '行政许可' ? '许' : kind === '行政处罚' ? '罚' : '强'}〔${year}〕${i}号`,
    决定日期: date,
    事项名称: kind === '行政处罚' ? '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚' : '',
    相对人类别: '法人及非法人组织',
    相对人名称: `示例市${PREFIX[ent % PREFIX.length]}${TRADE[ent % TRADE.length]}有限公司第${ent}分公司`,
    统一社会信用代码: sampleCreditCode(ent),
    法定代表人: '王建国',
    决定依据: '《中华人民共和国安全生产法》第九十七条',
    决定内容: `第${i}号决定：未按规定开展安全生产教育和培训，责令限期改正。`,
    '罚款金额（元）': kind === '行政处罚' ? String(1000 * (1 + Math.floor(random() * 100))) : '',
    承办科室: '执法监督科',
  };
  const bad = random() < badShare;
  if (bad) {
    const what = BAD_KINDS[i % BAD_KINDS.length]!;
    if (what === 'credit')
      v['统一社会信用代码'] =
        v['统一社会信用代码']!.slice(0, 17) + (v['统一社会信用代码']!.endsWith('0') ? '1' : '0');
    if (what === 'future') v['决定日期'] = '2099-01-01';
    if (what === 'kind') v['决定类别'] = '行政奖励';
    if (what === 'content') v['决定内容'] = '';
    if (what === 'amount') v['罚款金额（元）'] = '两万元';
    if (what === 'amount' && kind !== '行政处罚') v['决定类别'] = '行政处罚';
  }
  return { cells: IMPORT_COLUMNS.map((c) => v[c.header] ?? ''), bad };
}

export async function generate(opts: {
  rows: number;
  format: 'csv' | 'xlsx';
  bad: number;
  seed: number;
  out: string;
}): Promise<number[]> {
  const random = rng(opts.seed);
  const badRows: number[] = [];
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  if (opts.format === 'csv') {
    const out = createWriteStream(opts.out);
    const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    out.write('\ufeff' + headers.join(',') + '\n');
    for (let i = 1; i <= opts.rows; i++) {
      const r = makeRow(i, random, opts.bad);
      if (r.bad) badRows.push(i + 1);
      if (!out.write(r.cells.map(esc).join(',') + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: opts.out,
      useSharedStrings: false,
      useStyles: false,
    });
    const ws = wb.addWorksheet('导入数据');
    ws.addRow(headers).commit();
    for (let i = 1; i <= opts.rows; i++) {
      const r = makeRow(i, random, opts.bad);
      if (r.bad) badRows.push(i + 1);
      ws.addRow(r.cells).commit();
    }
    ws.commit();
    await wb.commit();
  }
  writeFileSync(`${opts.out}.bad.json`, JSON.stringify(badRows));
  return badRows;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rows = Number(arg('rows', '100000'));
  const format = arg('format', 'xlsx') as 'csv' | 'xlsx';
  const out = arg('out', `/tmp/gk-bench-${rows}.${format}`);
  const bad = await generate({
    rows,
    format,
    bad: Number(arg('bad', '0.01')),
    seed: Number(arg('seed', '2026')),
    out,
  });
  console.log(JSON.stringify({ out, rows, badRows: bad.length }));
}
