/**
 * Types of the 政府信息公开工作年度报告 core: the format registry (layout as data), the table values,
 * and the findings of the consistency rules. Pure data, no I/O.
 *
 * Statutory basis: 条例第四十九条、第五十条; formats 国办公开办函〔2019〕60号 (试行) and 〔2021〕30号.
 */

/** Identifier of a registered format. '2019' = 格式（试行）, '2021' = 修订后的格式. */
export type FormatId = '2019' | '2021';

/** How a value cell is typed. */
export type ValueType =
  /** non-negative integer count (件, 条, 项) */
  | 'count'
  /** signed integer, e.g. 2019 本年增/减 */
  | 'signedCount'
  /** non-negative decimal amount, e.g. 本年收费金额（单位：万元） */
  | 'amount';

/** A value in a report table. `null` = the cell was left blank (counts as 0 in checks, but is reported). */
export type Cell = number | null;

// ---------------------------------------------------------------------------------------------
// Layout grid: generic description of a table with merged cells, for Word/Excel/HTML renderers.
// ---------------------------------------------------------------------------------------------

/** A reference from a grid cell to a value in {@link ReportTables}. */
export type ValueRef =
  | { table: 'table2'; row: string; col: string }
  | { table: 'table3'; row: Table3RowKey; col: Table3ColKey }
  | { table: 'table4'; col: Table4ColKey };

/**
 * One cell of a layout grid. Like HTML, a row lists only the cells that START in that row; a cell
 * with rowSpan/colSpan > 1 covers the positions to its right/below. Every grid row spans exactly
 * `TableLayout.columnCount` columns once covered positions are counted.
 */
export type GridCell =
  | {
      kind: 'label';
      /** verbatim text (full-width punctuation), '' for an intentionally empty cell */
      text: string;
      rowSpan: number;
      colSpan: number;
      /** true for column-header cells (render bold / as <th>) */
      header: boolean;
    }
  | {
      kind: 'value';
      ref: ValueRef;
      valueType: ValueType;
      rowSpan: number;
      colSpan: number;
    };

/** A complete table drawn as a grid of rows. */
export interface TableLayout {
  columnCount: number;
  /** how many leading rows are header rows (repeat them on page breaks) */
  headerRowCount: number;
  rows: GridCell[][];
}

// ---------------------------------------------------------------------------------------------
// Section 二 — 主动公开政府信息情况
// ---------------------------------------------------------------------------------------------

export interface ColumnDef {
  key: string;
  /** verbatim header text */
  label: string;
  valueType: ValueType;
  /** unit shown in the label, if any (e.g. '万元') */
  unit?: string;
}

export interface Table2RowDef {
  /** unique across all sub-tables of one format (e.g. 'regulation', 'license') */
  key: string;
  label: string;
}

/** One 第二十条第（X）项 sub-table. */
export interface Table2SubTable {
  /** e.g. 'art20_1' for 第二十条第（一）项 */
  id: string;
  /** 第二十条 item number, 1-based (（一） = 1) */
  item: number;
  /** verbatim caption, e.g. '第二十条第（一）项' */
  caption: string;
  /** first column header, always '信息内容' */
  firstColumnHeader: string;
  columns: ColumnDef[];
  rows: Table2RowDef[];
}

export interface Table2Format {
  subTables: Table2SubTable[];
  /**
   * 'separate' (2019 practice [I]): one small table per sub-table — caption row (colspan = all
   * columns), header row (信息内容 + column labels), one row per item. `layouts[i]` ↔ `subTables[i]`.
   * 'single' (2021, statute.md §2.3): ONE 4-column table; each sub-table starts with a caption row
   * (colspan 4); sub-tables with a single value column span it over 3 columns. `layouts` has 1 entry.
   */
  layoutStyle: 'separate' | 'single';
  layouts: TableLayout[];
}

// ---------------------------------------------------------------------------------------------
// Section 三 — 收到和处理政府信息公开申请情况
// ---------------------------------------------------------------------------------------------

/** Applicant columns of table 三, in order. */
export type Table3ColKey =
  'natural' | 'commercial' | 'research' | 'publicInterest' | 'legalService' | 'other' | 'total';

/** Row keys of table 三 (2019 uses r6, 2021 uses r6_1..r6_3). */
export type Table3RowKey =
  | 'new'
  | 'carried'
  | 'r1'
  | 'r2'
  | 'r3_1'
  | 'r3_2'
  | 'r3_3'
  | 'r3_4'
  | 'r3_5'
  | 'r3_6'
  | 'r3_7'
  | 'r3_8'
  | 'r4_1'
  | 'r4_2'
  | 'r4_3'
  | 'r5_1'
  | 'r5_2'
  | 'r5_3'
  | 'r5_4'
  | 'r5_5'
  | 'r6'
  | 'r6_1'
  | 'r6_2'
  | 'r6_3'
  | 'r7'
  | 'next';

export interface Table3RowDef {
  key: Table3RowKey;
  /** verbatim label of the row's own cell, e.g. '1.属于国家秘密' or '（一）予以公开' */
  label: string;
  /** 'result' for rows under 三、本年度办理结果 (including （七）总计) */
  group: 'intake' | 'result' | 'outgoing';
  /** category rowspan label for sub-items, e.g. '（三）不予公开' */
  category?: string;
  /** true for （七）总计 */
  isTotal?: boolean;
}

export interface Table3Format {
  columns: ColumnDef[];
  /** data rows in order (23 in 2019, 25 in 2021) */
  rows: Table3RowDef[];
  /** verbatim 勾稽 note in the top-left header cell */
  headerNote: string;
  /** verbatim rowspan label of the result block: '三、本年度办理结果' */
  resultGroupLabel: string;
  /** full grid: 3 header rows + data rows */
  layout: TableLayout;
}

// ---------------------------------------------------------------------------------------------
// Section 四 — 政府信息公开行政复议、行政诉讼情况
// ---------------------------------------------------------------------------------------------

export type Table4Group = 'review' | 'suitDirect' | 'suitAfterReview';
export type Table4Outcome = 'upheld' | 'corrected' | 'other' | 'pending' | 'total';
/** e.g. 'review_upheld', 'suitAfterReview_total' */
export type Table4ColKey = `${Table4Group}_${Table4Outcome}`;

export interface Table4ColumnDef {
  key: Table4ColKey;
  group: Table4Group;
  outcome: Table4Outcome;
  /** verbatim group label: 行政复议 / 未经复议直接起诉 / 复议后起诉 */
  groupLabel: string;
  /** verbatim outcome label: 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计 */
  label: string;
}

export interface Table4Format {
  /** the 15 columns in order */
  columns: Table4ColumnDef[];
  /** full grid: 3 header rows + 1 data row */
  layout: TableLayout;
}

// ---------------------------------------------------------------------------------------------
// Format and values
// ---------------------------------------------------------------------------------------------

export interface SectionHeading {
  /** 一 … 六 */
  numeral: string;
  /** verbatim heading, e.g. '三、收到和处理政府信息公开申请情况' */
  heading: string;
}

/** A versioned annual-report format. Adding a format = adding one data file that exports this. */
export interface ReportFormat {
  id: FormatId;
  /** 《…格式（试行）》 / 《…格式》 */
  title: string;
  /** issuing document, with 〔〕 */
  issuingDocument: string;
  /** inclusive report-year range this format applies to (undefined = open) */
  appliesFrom?: number;
  appliesTo?: number;
  sections: SectionHeading[];
  table2: Table2Format;
  table3: Table3Format;
  table4: Table4Format;
}

/**
 * The values of one report.
 * - table2: row key → column key → value (keys from the format's table2 sub-tables).
 * - table3: row key → 7 values in Table3ColKey order (natural … total). Rows absent = not present/read.
 * - table4: 15 values in Table4ColKey order (review ×5, suitDirect ×5, suitAfterReview ×5).
 */
export interface ReportTables {
  table2: Record<string, Record<string, Cell>>;
  table3: Partial<Record<Table3RowKey, Cell[]>>;
  table4: Cell[];
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning';

/** A located cell (or the narrative) a finding points to. */
export interface CellRef {
  table: 'table2' | 'table3' | 'table4' | 'narrative';
  /** row key ('' for table4 and narrative) */
  row: string;
  /** column key (Table3ColKey, Table4ColKey, table2 column key), '' for narrative */
  col: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  cells: CellRef[];
  /** value the rule expects (e.g. the sum), or a description */
  expected: number | string | null;
  /** value found */
  actual: number | string | null;
  messageZh: string;
  /** narrative excerpt for narrative rules */
  excerpt?: string;
}
