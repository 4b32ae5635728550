import { describe, expect, it } from 'vitest';
import { checkReportText } from './check-report.js';
import { fillBlankColumns } from './columns.js';
import { layoutText, loadReports, tablesOf } from './corpus/corpus.js';

describe('blank cells in -layout text (columns.ts)', () => {
  it('a row the header anchors leave ambiguous is placed where the other rows’ figures sit', () => {
    const anchors = [10, 16, 22]; // header words drifted: the figures sit at 12, 20, 26
    const lines = ['一 5 6 7', '二 8 9', '三 4'].map((l, i) =>
      i === 0 ? `一${' '.repeat(11)}5${' '.repeat(7)}6${' '.repeat(5)}7` : l,
    );
    lines[1] = `二${' '.repeat(11)}8${' '.repeat(13)}9`; // columns 1 and 3
    lines[2] = `三${' '.repeat(19)}4`; // column 2 only
    const out = fillBlankColumns(lines, 3, anchors);
    expect(out[1]).toBe('二 8 － 9');
    expect(out[2]).toBe('三 － 4 －');
  });

  it('on a real report: rows read are read right, the rest stay unread (never guessed)', () => {
    const r = loadReports().find((x) => x.id === 'shanghai-office-2019')!;
    const truth = tablesOf(r).table3;
    const res = checkReportText(layoutText(r.id)!, 'shanghai.layout.txt');
    // every row present in the reading is the published row (unread rows are absent)
    for (const [key, values] of Object.entries(res.tables.table3))
      expect(values, key).toEqual(truth[key as keyof typeof truth]);
    // 无法提供 1 and 3, 不予处理 1 are recovered; 2.没有现成信息 and 2.重复申请 print a figure under
    // the wrong header and stay unread
    expect(res.tables.table3.r4_1).toEqual(truth.r4_1);
    expect(res.tables.table3.r4_3).toEqual(truth.r4_3);
    expect(res.tables.table3.r5_1).toEqual(truth.r5_1);
    expect(res.reading.table3.complete).toBe(false);
    expect(res.verdict).not.toBe('consistent');
  });
});
