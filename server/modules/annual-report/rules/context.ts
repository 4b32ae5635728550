/**
 * What every consistency rule sees (CheckContext), the rule shape (RuleDef) and the small helpers the
 * rule families share. The catalogue itself is assembled in ../checks.ts.
 */
import { TABLE3_COLUMNS } from '../formats/common.js';
import type {
  CellRef,
  Finding,
  ReportFormat,
  ReportTables,
  Severity,
  Table3ColKey,
  Table3RowKey,
} from '../types.js';

/** Everything a rule may look at. Optional inputs switch the corresponding rules on. */
export interface CheckContext {
  format: ReportFormat;
  tables: ReportTables;
  /** last year's tables: enables R4 (结转), R6 (现行有效), R12 (jumps) */
  previousYear?: ReportTables;
  /** report prose (一 … 六): enables N1, N2 and the narrative side of R10 */
  narrative?: string;
  /** 信息处理费 reported in 六, in 元; defaults to the figure found in the narrative */
  reportedFeeYuan?: number;
  /** Σ fee-ledger entries paid in the year, in 元: enables R10 */
  feeLedgerTotalYuan?: number;
  /** published decision counts from the licensing/penalty modules: enables R7 */
  moduleCounts?: { license?: number; penalty?: number; enforcement?: number };
  /** reports of subordinate departments: enables R13 (this report = their sum) */
  subordinates?: ReportTables[];
}

export interface RuleDef {
  id: string;
  /** statute.md §2.7 ids (C1–C7) */
  aliases: string[];
  severity: Severity;
  descriptionZh: string;
  /** Pure evaluation; returns [] when the rule holds or does not apply. */
  evaluate(ctx: CheckContext): Finding[];
}

export const T3_LABEL = (c: Table3ColKey): string => TABLE3_COLUMNS.find((x) => x.key === c)?.label ?? c;

export function cell3(row: string, col: string): CellRef {
  return { table: 'table3', row, col };
}
export function cell4(col: string): CellRef {
  return { table: 'table4', row: '', col };
}

export function finding(
  rule: Pick<RuleDef, 'id' | 'severity'>,
  f: Omit<Finding, 'ruleId' | 'severity'>,
): Finding {
  return { ruleId: rule.id, severity: rule.severity, ...f };
}

/** Result rows of table 三 excluding （七）总计, per the format (2019: r6; 2021: r6_1..3). */
export function resultRows(format: ReportFormat): Table3RowKey[] {
  return format.table3.rows.filter((r) => r.group === 'result' && !r.isTotal).map((r) => r.key);
}
