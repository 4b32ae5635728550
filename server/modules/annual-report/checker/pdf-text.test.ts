import { describe, expect, it } from 'vitest';
import { layoutBboxWords } from './pdf-text.js';

/** A `pdftotext -bbox` page: words as [x, y (top), text], 15.6 pt high, 10 pt wide per character. */
function page(words: [number, number, string][]): string {
  return `<page width="595" height="842">\n${words
    .map(
      ([x, y, t]) =>
        `<word xMin="${x}" yMin="${y}" xMax="${x + 10 * [...t].length}" yMax="${y + 15.6}">${t}</word>`,
    )
    .join('\n')}\n</page>`;
}

const HEADER: [number, number, string][] = [
  [58, 100, '三、收到和处理政府信息公开申请情况'],
  [58, 130, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'],
  [284, 150, '自然人'],
  [324, 150, '商业企业'],
  [539, 150, '总计'],
];

describe('layoutBboxWords (a PDF laid out from its word boxes)', () => {
  it('joins the lines of a wrapped label and gives the figures between them to that label', () => {
    const text = layoutBboxWords(
      page([
        ...HEADER,
        [167, 200, '1.本机关不掌握相关'],
        [284, 208, '252'],
        [324, 208, '12'],
        [167, 217.3, '政府信息'],
        [167, 251.5, '2.没有现成信息需要'],
        [167, 268.8, '另行制作'],
        [58, 300, '四、政府信息公开行政复议、行政诉讼情况'],
      ]),
    );
    const lines = text.split('\n');
    const row = lines.find((l) => l.startsWith('1.本机关不掌握相关政府信息'))!;
    expect(row.split(/\s+/)).toEqual(['1.本机关不掌握相关政府信息', '252', '12']);
    // a blank row stays its label alone, whole
    expect(lines).toContain('2.没有现成信息需要另行制作');
    // header words keep their x: 252 and 自然人 share a column, 12 and 商业企业 another
    const head = lines.find((l) => l.includes('自然人'))!;
    expect(row.indexOf('252')).toBe(head.indexOf('自然人'));
    expect(row.indexOf('12')).toBe(head.indexOf('商业企业'));
  });

  it('keeps a column across a page break and continues a label cut by it', () => {
    const text = layoutBboxWords(
      [
        page([
          ...HEADER,
          [119, 780, '（二）部分公开（区分处理'],
          [284, 788, '3'],
          [119, 797.3, '的，只计这一情形'],
        ]),
        page([
          [119, 32, '情形）'],
          [167, 66.5, '1.属于国家秘密'],
          [284, 65.6, '14'],
          [58, 200, '四、政府信息公开行政复议、行政诉讼情况'],
        ]),
      ].join('\n'),
    );
    const lines = text.split('\n');
    expect(lines.find((l) => l.startsWith('（二）'))?.split(/\s+/)).toEqual([
      '（二）部分公开（区分处理的，只计这一情形情形）',
      '3',
    ]);
    const secret = lines.find((l) => l.startsWith('1.属于国家秘密'))!;
    const head = lines.find((l) => l.includes('自然人'))!;
    expect(secret.indexOf('14')).toBe(head.indexOf('自然人'));
  });

  it('starts a row at a numbered label even right after the page break', () => {
    const text = layoutBboxWords(
      [
        page([...HEADER, [167, 780, '3.危及“三安全一稳'], [284, 788, '0'], [167, 797.3, '定”']]),
        page([
          [167, 32, '4.保护第三方合法权'],
          [284, 40, '0'],
          [167, 49.3, '益'],
          [58, 200, '四、政府信息公开行政复议、行政诉讼情况'],
        ]),
      ].join('\n'),
    );
    const lines = text.split('\n');
    expect(lines.some((l) => l.startsWith('3.危及“三安全一稳定” '))).toBe(true);
    expect(lines.some((l) => l.startsWith('4.保护第三方合法权益 '))).toBe(true);
  });

  it('leaves prose outside table 三 as it is, figures in their sentences', () => {
    const text = layoutBboxWords(
      page([
        [58, 50, '共受理政府信息公开申请'],
        [290, 50, '859'],
        [325, 50, '件。'],
        ...HEADER,
        [58, 300, '四、政府信息公开行政复议、行政诉讼情况'],
      ]),
    );
    expect(text.split('\n')[0]?.trim().split(/\s+/)).toEqual(['共受理政府信息公开申请', '859', '件。']);
  });
});
