/**
 * Helpers over {@link ReportTables} values: empty tables for a format, blank-as-zero reads, labels.
 */
import { TABLE3_COL_KEYS, TABLE4_COLUMNS } from './formats/common.js';
import type { Cell, ReportFormat, ReportTables, Table3ColKey, Table3RowKey, Table4ColKey } from './types.js';

/** A cell read for arithmetic: blank (null) counts as 0 (the cells are still reported by rule R11B). */
export function num(cell: Cell | undefined): number {
  return cell ?? 0;
}

/** Tables of a format with every cell set to `fill` (0 for a fresh generator run, null for "not entered"). */
export function emptyTables(format: ReportFormat, fill: 0 | null = 0): ReportTables {
  const table2: ReportTables['table2'] = {};
  for (const st of format.table2.subTables) {
    for (const r of st.rows) {
      const row: Record<string, Cell> = (table2[r.key] ??= {});
      for (const c of st.columns) row[c.key] = fill;
    }
  }
  const table3: ReportTables['table3'] = {};
  for (const r of format.table3.rows) table3[r.key] = TABLE3_COL_KEYS.map(() => fill);
  return { table2, table3, table4: TABLE4_COLUMNS.map(() => fill) };
}

/** Index of a table 三 column key (0 = 自然人 … 6 = 总计). */
export function table3ColIndex(col: Table3ColKey): number {
  return TABLE3_COL_KEYS.indexOf(col);
}

/** Index of a table 四 column key (0 … 14). */
export function table4ColIndex(col: Table4ColKey): number {
  return TABLE4_COLUMNS.findIndex((c) => c.key === col);
}

/** Value of a table 三 cell (blank/missing → 0). */
export function t3(tables: ReportTables, row: Table3RowKey, col: Table3ColKey): number {
  return num(tables.table3[row]?.[table3ColIndex(col)]);
}

/** Value of a table 四 cell (blank/missing → 0). */
export function t4(tables: ReportTables, col: Table4ColKey): number {
  return num(tables.table4[table4ColIndex(col)]);
}

/** Human label of a table 三 row in a format, e.g. '（三）不予公开 1.属于国家秘密'. */
export function table3RowLabel(format: ReportFormat, row: string): string {
  const def = format.table3.rows.find((r) => r.key === row);
  if (!def) return row;
  return def.category ? `${def.category} ${def.label}` : def.label;
}
