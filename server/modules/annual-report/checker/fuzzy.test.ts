import { describe, expect, it } from 'vitest';
import { alignLabels, fillWrappedGaps } from './fuzzy.js';

const REFS = [
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
];

describe('fillWrappedGaps', () => {
  it('pairs a row whose label wraps around its figures (the rest opens the next row’s label)', () => {
    // pdftotext -layout of LibreOffice 7.4 (平潭 2023): "度办理结果" is the merged group cell
    const data = [
      '三、本年（一）予以公开',
      '度办理结果（二）部分公开（区分处理的，',
      '只计这一情形，不计其他情形）1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
    ];
    const first = alignLabels(data, REFS);
    expect(first.refToData[1]).toBe(-1); // 10 of 21 key characters: below the threshold alone
    const al = fillWrappedGaps(first, data, REFS);
    expect(al.refToData).toEqual([0, 1, 2, 3]);
    expect(al.dataToRef).toEqual([0, 1, 2, 3]);
  });

  it('leaves a gap alone when the counts differ (a stray line is not a row)', () => {
    const data = ['（一）予以公开', '第 3 页', '度办理结果（二）部分公开（区分处理的，', '1.属于国家秘密'];
    const al = fillWrappedGaps(alignLabels(data, REFS), data, REFS);
    expect(al.refToData[1]).toBe(-1);
  });

  it('leaves a 1:1 gap alone when the label and its continuation do not match the row', () => {
    const data = ['（一）予以公开', '合计', '1.属于国家秘密', '2.其他法律行政法规禁止公开'];
    const al = fillWrappedGaps(alignLabels(data, REFS), data, REFS);
    expect(al.refToData[1]).toBe(-1);
    expect(al.dataToRef[1]).toBe(-1);
  });
});
