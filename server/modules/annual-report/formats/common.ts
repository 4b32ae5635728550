/**
 * Parts shared by the 2019 (试行) and 2021 formats, and small builders that turn row/column
 * definitions into layout grids. Labels are verbatim (statute.md §2.2–2.5): full-width （）、：and
 * the curly quotes in 3.危及“三安全一稳定”.
 */
import type {
  ColumnDef,
  GridCell,
  SectionHeading,
  Table2Format,
  Table2SubTable,
  Table3ColKey,
  Table3Format,
  Table3RowDef,
  Table4ColumnDef,
  Table4Format,
  Table4Group,
  Table4Outcome,
  TableLayout,
} from '../types.js';

/** Section headings 一…六, identical in both formats (statute.md §2.2). */
export const SECTION_HEADINGS: readonly SectionHeading[] = [
  { numeral: '一', heading: '一、总体情况' },
  { numeral: '二', heading: '二、主动公开政府信息情况' },
  { numeral: '三', heading: '三、收到和处理政府信息公开申请情况' },
  { numeral: '四', heading: '四、政府信息公开行政复议、行政诉讼情况' },
  { numeral: '五', heading: '五、存在的主要问题及改进情况' },
  { numeral: '六', heading: '六、其他需要报告的事项' },
];

function label(text: string, rowSpan = 1, colSpan = 1, header = false): GridCell {
  return { kind: 'label', text, rowSpan, colSpan, header };
}

// ---------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------

/** The 7 applicant columns; there is no 法人或其他组织小计 column in either format (statute.md §2.4). */
export const TABLE3_COLUMNS: readonly (ColumnDef & { key: Table3ColKey })[] = [
  { key: 'natural', label: '自然人', valueType: 'count' },
  { key: 'commercial', label: '商业企业', valueType: 'count' },
  { key: 'research', label: '科研机构', valueType: 'count' },
  { key: 'publicInterest', label: '社会公益组织', valueType: 'count' },
  { key: 'legalService', label: '法律服务机构', valueType: 'count' },
  { key: 'other', label: '其他', valueType: 'count' },
  { key: 'total', label: '总计', valueType: 'count' },
];

/** Column keys of table 三 in order. */
export const TABLE3_COL_KEYS: readonly Table3ColKey[] = TABLE3_COLUMNS.map((c) => c.key);

export const TABLE3_HEADER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_RESULT_GROUP_LABEL = '三、本年度办理结果';

const CAT3 = '（三）不予公开';
const CAT4 = '（四）无法提供';
const CAT5 = '（五）不予处理';
const CAT6 = '（六）其他处理';

/** Rows before （六）: identical in both formats. */
export const TABLE3_ROWS_HEAD: readonly Table3RowDef[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', group: 'intake' },
  { key: 'carried', label: '二、上年结转政府信息公开申请数量', group: 'intake' },
  { key: 'r1', label: '（一）予以公开', group: 'result' },
  { key: 'r2', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', group: 'result' },
  { key: 'r3_1', label: '1.属于国家秘密', group: 'result', category: CAT3 },
  { key: 'r3_2', label: '2.其他法律行政法规禁止公开', group: 'result', category: CAT3 },
  { key: 'r3_3', label: '3.危及“三安全一稳定”', group: 'result', category: CAT3 },
  { key: 'r3_4', label: '4.保护第三方合法权益', group: 'result', category: CAT3 },
  { key: 'r3_5', label: '5.属于三类内部事务信息', group: 'result', category: CAT3 },
  { key: 'r3_6', label: '6.属于四类过程性信息', group: 'result', category: CAT3 },
  { key: 'r3_7', label: '7.属于行政执法案卷', group: 'result', category: CAT3 },
  { key: 'r3_8', label: '8.属于行政查询事项', group: 'result', category: CAT3 },
  { key: 'r4_1', label: '1.本机关不掌握相关政府信息', group: 'result', category: CAT4 },
  { key: 'r4_2', label: '2.没有现成信息需要另行制作', group: 'result', category: CAT4 },
  { key: 'r4_3', label: '3.补正后申请内容仍不明确', group: 'result', category: CAT4 },
  { key: 'r5_1', label: '1.信访举报投诉类申请', group: 'result', category: CAT5 },
  { key: 'r5_2', label: '2.重复申请', group: 'result', category: CAT5 },
  { key: 'r5_3', label: '3.要求提供公开出版物', group: 'result', category: CAT5 },
  { key: 'r5_4', label: '4.无正当理由大量反复申请', group: 'result', category: CAT5 },
  { key: 'r5_5', label: '5.要求行政机关确认或重新出具已获取信息', group: 'result', category: CAT5 },
];

/** 2019 (试行): （六）其他处理 is one row. */
export const TABLE3_ROWS_OTHER_2019: readonly Table3RowDef[] = [{ key: 'r6', label: CAT6, group: 'result' }];

/** 2021: （六）其他处理 split into three sub-items (statute.md §2.6 #7). */
export const TABLE3_ROWS_OTHER_2021: readonly Table3RowDef[] = [
  {
    key: 'r6_1',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    group: 'result',
    category: CAT6,
  },
  {
    key: 'r6_2',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    group: 'result',
    category: CAT6,
  },
  { key: 'r6_3', label: '3.其他', group: 'result', category: CAT6 },
];

export const TABLE3_ROWS_TAIL: readonly Table3RowDef[] = [
  { key: 'r7', label: '（七）总计', group: 'result', isTotal: true },
  { key: 'next', label: '四、结转下年度继续办理', group: 'outgoing' },
];

/** Builds the table 三 format (rows + merged-cell grid) from its row list. */
export function buildTable3(rows: readonly Table3RowDef[]): Table3Format {
  const values = (key: Table3RowDef['key']): GridCell[] =>
    TABLE3_COLUMNS.map((c) => ({
      kind: 'value',
      ref: { table: 'table3', row: key, col: c.key },
      valueType: c.valueType,
      rowSpan: 1,
      colSpan: 1,
    }));
  const header: GridCell[][] = [
    [label(TABLE3_HEADER_NOTE, 3, 3, true), label('申请人情况', 1, 7, true)],
    [label('自然人', 2, 1, true), label('法人或其他组织', 1, 5, true), label('总计', 2, 1, true)],
    TABLE3_COLUMNS.slice(1, 6).map((c) => label(c.label, 1, 1, true)),
  ];
  const resultRowCount = rows.filter((r) => r.group === 'result').length;
  const categorySize = new Map<string, number>();
  for (const r of rows) if (r.category) categorySize.set(r.category, (categorySize.get(r.category) ?? 0) + 1);

  const body: GridCell[][] = [];
  let firstResult = true;
  const seenCategory = new Set<string>();
  for (const r of rows) {
    const cells: GridCell[] = [];
    if (r.group !== 'result') {
      cells.push(label(r.label, 1, 3));
    } else {
      if (firstResult) {
        cells.push(label(TABLE3_RESULT_GROUP_LABEL, resultRowCount, 1));
        firstResult = false;
      }
      if (r.category) {
        if (!seenCategory.has(r.category)) {
          cells.push(label(r.category, categorySize.get(r.category) ?? 1, 1));
          seenCategory.add(r.category);
        }
        cells.push(label(r.label));
      } else {
        cells.push(label(r.label, 1, 2));
      }
    }
    body.push([...cells, ...values(r.key)]);
  }
  const layout: TableLayout = { columnCount: 10, headerRowCount: 3, rows: [...header, ...body] };
  return {
    columns: [...TABLE3_COLUMNS],
    rows: [...rows],
    headerNote: TABLE3_HEADER_NOTE,
    resultGroupLabel: TABLE3_RESULT_GROUP_LABEL,
    layout,
  };
}

// ---------------------------------------------------------------------------------------------
// Table 四 (identical in both formats, statute.md §2.5)
// ---------------------------------------------------------------------------------------------

const T4_GROUPS: readonly [Table4Group, string][] = [
  ['review', '行政复议'],
  ['suitDirect', '未经复议直接起诉'],
  ['suitAfterReview', '复议后起诉'],
];
const T4_OUTCOMES: readonly [Table4Outcome, string][] = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
];

/** The 15 columns of table 四 in order. */
export const TABLE4_COLUMNS: readonly Table4ColumnDef[] = T4_GROUPS.flatMap(([group, groupLabel]) =>
  T4_OUTCOMES.map(([outcome, outcomeLabel]) => ({
    key: `${group}_${outcome}` as const,
    group,
    outcome,
    groupLabel,
    label: outcomeLabel,
  })),
);

/** Builds the table 四 format (15 columns, 3 header rows, 1 data row). */
export function buildTable4(): Table4Format {
  const outcomeCells = (rowSpan: number): GridCell[] =>
    T4_OUTCOMES.map(([, t]) => label(t, rowSpan, 1, true));
  const layout: TableLayout = {
    columnCount: 15,
    headerRowCount: 3,
    rows: [
      [label('行政复议', 1, 5, true), label('行政诉讼', 1, 10, true)],
      [...outcomeCells(2), label('未经复议直接起诉', 1, 5, true), label('复议后起诉', 1, 5, true)],
      [...outcomeCells(1), ...outcomeCells(1)],
      TABLE4_COLUMNS.map((c) => ({
        kind: 'value',
        ref: { table: 'table4', col: c.key },
        valueType: 'count',
        rowSpan: 1,
        colSpan: 1,
      })),
    ],
  };
  return { columns: [...TABLE4_COLUMNS], layout };
}

// ---------------------------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------------------------

function valueCell(row: string, col: ColumnDef, colSpan = 1): GridCell {
  return {
    kind: 'value',
    ref: { table: 'table2', row, col: col.key },
    valueType: col.valueType,
    rowSpan: 1,
    colSpan,
  };
}

/**
 * 'separate' layout: one table per sub-table, each with a caption row (colspan = all columns),
 * a header row (信息内容 + column labels) and one row per item.
 */
export function buildTable2Separate(subTables: readonly Table2SubTable[]): Table2Format {
  const layouts = subTables.map((st): TableLayout => {
    const n = st.columns.length + 1;
    return {
      columnCount: n,
      headerRowCount: 2,
      rows: [
        [label(st.caption, 1, n, true)],
        [label(st.firstColumnHeader, 1, 1, true), ...st.columns.map((c) => label(c.label, 1, 1, true))],
        ...st.rows.map((r) => [label(r.label), ...st.columns.map((c) => valueCell(r.key, c))]),
      ],
    };
  });
  return { subTables: [...subTables], layoutStyle: 'separate', layouts };
}

/**
 * 'single' layout (2021): one 4-column table; each sub-table starts with a caption row (colspan 4);
 * a sub-table with one value column spans it over 3 columns (statute.md §2.3 layout note).
 */
export function buildTable2Single(subTables: readonly Table2SubTable[]): Table2Format {
  const rows: GridCell[][] = [];
  for (const st of subTables) {
    const span = st.columns.length === 1 ? 3 : 1;
    rows.push([label(st.caption, 1, 4, true)]);
    rows.push([
      label(st.firstColumnHeader, 1, 1, true),
      ...st.columns.map((c) => label(c.label, 1, span, true)),
    ]);
    for (const r of st.rows) rows.push([label(r.label), ...st.columns.map((c) => valueCell(r.key, c, span))]);
  }
  return {
    subTables: [...subTables],
    layoutStyle: 'single',
    layouts: [{ columnCount: 4, headerRowCount: 0, rows }],
  };
}
