/** Chinese descriptions of table cells for messages and the checker's output. */
import { TABLE4_COLUMNS } from '../formats/common.js';
import { table3RowLabel } from '../tables.js';
import type { CellRef, ReportFormat, Table3ColKey } from '../types.js';
import { T3_LABEL } from './context.js';

export function describeTable4Col(col: string): string {
  const c = TABLE4_COLUMNS.find((x) => x.key === col);
  return c ? `${c.groupLabel}/${c.label}` : col;
}

/** Chinese description of a cell reference, e.g. 表三“（一）予以公开”行“自然人”列. */
export function describeCell(format: ReportFormat, ref: CellRef): string {
  switch (ref.table) {
    case 'table2': {
      for (const st of format.table2.subTables) {
        const r = st.rows.find((x) => x.key === ref.row);
        const c = st.columns.find((x) => x.key === ref.col);
        if (r && c) return `表二“${r.label}”“${c.label}”`;
      }
      return `表二${ref.row}/${ref.col}`;
    }
    case 'table3':
      return `表三“${table3RowLabel(format, ref.row)}”行“${T3_LABEL(ref.col as Table3ColKey)}”列`;
    case 'table4':
      return `表四“${describeTable4Col(ref.col)}”`;
    default:
      return '正文';
  }
}
