import { describe, it, expect } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import type { GridCell, TableLayout } from '../types.js';
import { format2019 } from './format-2019.js';
import { format2021 } from './format-2021.js';
import { formatById, formatForYear, REPORT_FORMATS, withTable3Of } from './registry.js';

/** Places every cell on an occupancy grid; throws on overlap or ragged rows. Returns the grid of cells. */
function occupancy(layout: TableLayout): (GridCell | undefined)[][] {
  const grid: (GridCell | undefined)[][] = layout.rows.map(
    () => new Array<GridCell | undefined>(layout.columnCount),
  );
  layout.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r]?.[c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const target = grid[r + dr];
          if (!target) throw new Error(`row ${r}: rowSpan runs past the table`);
          if (c + dc >= layout.columnCount) throw new Error(`row ${r}: too wide`);
          if (target[c + dc] !== undefined) throw new Error(`row ${r}: overlap at column ${c + dc}`);
          target[c + dc] = cell;
        }
      }
      c += cell.colSpan;
    }
  });
  grid.forEach((row, r) => {
    for (let c = 0; c < layout.columnCount; c++)
      if (row[c] === undefined) throw new Error(`row ${r}: hole at column ${c}`);
  });
  return grid;
}

const text = (c: GridCell | undefined): string =>
  c?.kind === 'label'
    ? c.text
    : c?.kind === 'value'
      ? `=${'row' in c.ref ? c.ref.row : ''}.${c.ref.col}`
      : '?';

describe('formatForYear / formatById', () => {
  it('chooses 2019 (试行) for report years up to 2020 and 2021 from 2021 on', () => {
    expect(formatForYear(2019).id).toBe('2019');
    expect(formatForYear(2020).id).toBe('2019');
    expect(formatForYear(2021).id).toBe('2021');
    expect(formatForYear(2025).id).toBe('2021');
  });

  it('looks formats up by id and rejects unknown ids and non-integer years', () => {
    expect(formatById('2021')).toBe(format2021);
    expect(() => formatById('2030')).toThrow(DomainError);
    expect(() => formatForYear(2020.5)).toThrow(DomainError);
  });

  it('registers the two formats with their issuing documents (〔〕 brackets)', () => {
    expect(REPORT_FORMATS.map((f) => f.issuingDocument)).toEqual([
      '国办公开办函〔2019〕60号',
      '国办公开办函〔2021〕30号',
    ]);
    expect(format2019.title).toBe('《中华人民共和国政府信息公开工作年度报告格式（试行）》');
    expect(format2021.title).toBe('《中华人民共和国政府信息公开工作年度报告格式》');
  });

  it('withTable3Of borrows only table 三', () => {
    const mixed = withTable3Of(format2021, format2019);
    expect(mixed.table2).toBe(format2021.table2);
    expect(mixed.table3.rows.some((r) => r.key === 'r6')).toBe(true);
  });
});

describe('section headings', () => {
  it('are the six verbatim headings in both formats', () => {
    for (const f of REPORT_FORMATS) {
      expect(f.sections.map((s) => s.heading)).toEqual([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]);
    }
  });
});

describe('table 三', () => {
  it('has 23 data rows in 2019 and 25 in 2021, differing only in （六）其他处理', () => {
    expect(format2019.table3.rows).toHaveLength(23);
    expect(format2021.table3.rows).toHaveLength(25);
    const k19 = format2019.table3.rows.map((r) => r.key);
    const k21 = format2021.table3.rows.map((r) => r.key);
    expect(k19.filter((k) => !k21.includes(k))).toEqual(['r6']);
    expect(k21.filter((k) => !k19.includes(k))).toEqual(['r6_1', 'r6_2', 'r6_3']);
  });

  it('keeps verbatim labels with full-width punctuation and curly quotes', () => {
    const byKey = new Map(format2021.table3.rows.map((r) => [r.key, r]));
    expect(byKey.get('r3_3')?.label).toBe('3.危及\u201c三安全一稳定\u201d');
    expect(byKey.get('r2')?.label).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(byKey.get('r6_2')?.label).toBe(
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
    expect(byKey.get('r4_1')?.category).toBe('（四）无法提供');
    expect(format2021.table3.headerNote).toBe(
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    );
    expect(format2021.table3.columns.map((c) => c.label)).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
  });

  it('lays out the 3 header rows exactly as statute.md §2.4', () => {
    const l = format2021.table3.layout;
    expect(l.columnCount).toBe(10);
    expect(l.headerRowCount).toBe(3);
    const [h0, h1, h2] = l.rows;
    expect(h0?.map((c) => [text(c), c.rowSpan, c.colSpan])).toEqual([
      [format2021.table3.headerNote, 3, 3],
      ['申请人情况', 1, 7],
    ]);
    expect(h1?.map((c) => [text(c), c.rowSpan, c.colSpan])).toEqual([
      ['自然人', 2, 1],
      ['法人或其他组织', 1, 5],
      ['总计', 2, 1],
    ]);
    expect(h2?.map(text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  });

  it('spans 三、本年度办理结果 over 20 rows (2019) / 22 rows (2021) and the categories over their sub-items', () => {
    for (const [f, span] of [
      [format2019, 20],
      [format2021, 22],
    ] as const) {
      const grid = occupancy(f.table3.layout);
      // Data row r1 is grid row 5 (3 header rows + new + carried).
      expect(text(grid[5]?.[0])).toBe('三、本年度办理结果');
      expect(f.table3.layout.rows[5]?.[0]?.rowSpan).toBe(span);
      expect(text(grid[5 + span - 1]?.[0])).toBe('三、本年度办理结果');
      expect(text(grid[5 + span]?.[0])).toBe('四、结转下年度继续办理');
    }
    const grid = occupancy(format2021.table3.layout);
    const col1 = grid.slice(3).map((r) => text(r[1]));
    expect(col1.filter((t) => t === '（三）不予公开')).toHaveLength(8);
    expect(col1.filter((t) => t === '（四）无法提供')).toHaveLength(3);
    expect(col1.filter((t) => t === '（五）不予处理')).toHaveLength(5);
    expect(col1.filter((t) => t === '（六）其他处理')).toHaveLength(3);
    // 2019: （六）其他处理 is a single row spanning the two label columns.
    const row19 = format2019.table3.layout.rows.find((r) => r.some((c) => text(c) === '（六）其他处理'));
    expect(row19?.find((c) => text(c) === '（六）其他处理')?.colSpan).toBe(2);
  });

  it('puts the 7 value cells of each data row in the last 7 columns', () => {
    const grid = occupancy(format2019.table3.layout);
    expect(grid[3]?.slice(3).map(text)).toEqual(
      ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'].map(
        (c) => `=new.${c}`,
      ),
    );
    expect(grid[grid.length - 1]?.slice(0, 3).map(text)).toEqual(Array(3).fill('四、结转下年度继续办理'));
  });
});

describe('table 四', () => {
  it('has 2 header rows of group labels, outcome labels and 15 value columns', () => {
    const l = format2019.table4.layout;
    const grid = occupancy(l);
    expect(grid[0]?.map(text)).toEqual([...Array(5).fill('行政复议'), ...Array(10).fill('行政诉讼')]);
    expect(grid[1]?.map(text)).toEqual([
      '结果维持',
      '结果纠正',
      '其他结果',
      '尚未审结',
      '总计',
      ...Array(5).fill('未经复议直接起诉'),
      ...Array(5).fill('复议后起诉'),
    ]);
    expect(grid[2]?.slice(0, 5).map(text)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(grid[2]?.slice(5, 10).map(text)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(grid[3]?.map(text)[14]).toBe('=.suitAfterReview_total');
    expect(format2021.table4.columns.map((c) => c.key)).toEqual(format2019.table4.columns.map((c) => c.key));
  });
});

describe('table 二', () => {
  it('2021: one 4-column table, captions colspan 4, single-value rows colspan 3', () => {
    const t2 = format2021.table2;
    expect(t2.layoutStyle).toBe('single');
    expect(t2.layouts).toHaveLength(1);
    const l = t2.layouts[0];
    if (!l) throw new Error('no layout');
    const grid = occupancy(l);
    expect(grid.map((r) => text(r[0]))).toEqual([
      '第二十条第（一）项',
      '信息内容',
      '规章',
      '行政规范性文件',
      '第二十条第（五）项',
      '信息内容',
      '行政许可',
      '第二十条第（六）项',
      '信息内容',
      '行政处罚',
      '行政强制',
      '第二十条第（八）项',
      '信息内容',
      '行政事业性收费',
    ]);
    expect(grid[1]?.map(text)).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect(l.rows[6]?.[1]?.colSpan).toBe(3);
    expect(grid[12]?.[1] && text(grid[12][1])).toBe('本年收费金额（单位：万元）');
    const fee = t2.subTables.find((s) => s.item === 8)?.columns[0];
    expect(fee).toMatchObject({ valueType: 'amount', unit: '万元' });
  });

  it('2019: five separate sub-tables including （九） 政府集中采购 and signed 本年增/减', () => {
    const t2 = format2019.table2;
    expect(t2.layoutStyle).toBe('separate');
    expect(t2.subTables.map((s) => s.caption)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '第二十条第（九）项',
    ]);
    t2.layouts.forEach((l) => occupancy(l));
    expect(t2.layouts.map((l) => l.columnCount)).toEqual([4, 4, 4, 3, 3]);
    expect(t2.subTables[1]?.rows.map((r) => r.label)).toEqual(['行政许可', '其他对外管理服务事项']);
    expect(t2.subTables[1]?.columns.find((c) => c.key === 'change')?.valueType).toBe('signedCount');
    expect(t2.subTables[0]?.rows[1]?.label).toBe('规范性文件');
  });
});
