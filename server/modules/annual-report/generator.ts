/**
 * The generator of the 政府信息公开工作年度报告: a pure function from the format, the facts the other
 * modules report for the agency and year (sources.ts), and last year's tables to the report tables —
 * every cell with the ids of the records behind it — plus the narrative with live numbers, and the
 * findings of every rule (checks.ts) and of the ledger rules R8/R9 that only the generator can run.
 *
 * Nothing here queries a database: the service gathers the facts, this file only computes.
 */
import { TABLE3_COL_KEYS, TABLE4_COLUMNS } from './formats/common.js';
import { runChecks, type CheckContext } from './checks.js';
import { emptyTables, num, t3, t4, table3RowLabel } from './tables.js';
import {
  draftTexts,
  narrativeVariables,
  renderTexts,
  textFindings,
  type RenderedTexts,
  type ReportTexts,
} from './narrative-draft.js';
import type {
  CatalogReportFacts,
  Counted,
  EnforcementReportFacts,
  EnterprisesReportFacts,
  EventsReportFacts,
  NotifyReportFacts,
  RequestReportFacts,
} from './sources.js';
import { recordedOnlyFindings } from './channel-facts.js';
import type {
  CellRef,
  Finding,
  ReportFormat,
  ReportTables,
  Table3ColKey,
  Table3RowKey,
  ValueRef,
} from './types.js';

/** Everything the sources report for one agency and year. */
export interface ReportFacts {
  catalog: CatalogReportFacts;
  requests: RequestReportFacts;
  enforcement: EnforcementReportFacts;
  /** optional: events and proposals (section 一 and 六 sentences instead of prompts) */
  events?: EventsReportFacts;
  /** optional: notification channels (delivered vs recorded-only, warning F1) */
  notify?: NotifyReportFacts;
  /** optional: enterprise supervision (inspections, hazards, 失信 listings: a section 一 sentence) */
  enterprises?: EnterprisesReportFacts;
}

/** Cell key → ids of the records counted in it (drill-down). */
export type DrillDown = Record<string, string[]>;

/** Which module the records of a cell come from (the console links each id to its page). */
export type RecordSource = 'catalog' | 'requests' | 'enforcement';

export interface GenerateOptions {
  /**
   * Count the 信息处理费 as 行政事业性收费 in 表二 第二十条第（八）项 (statute.md §3.3: open question,
   * default exclude and report it in 六 only).
   */
  feeInTable2?: boolean;
}

export interface GenerateInput {
  format: ReportFormat;
  year: number;
  agencyName: string;
  facts: ReportFacts;
  /** last year's tables (published snapshot), enabling R4/R6/R12 */
  previous?: ReportTables;
  /** edited texts; absent sections are drafted from the data */
  texts?: Partial<ReportTexts>;
  options?: GenerateOptions;
}

export interface GeneratedReport {
  formatId: string;
  year: number;
  tables: ReportTables;
  drill: DrillDown;
  /** placeholder name → value, as the narrative renders it */
  variables: Record<string, string>;
  /** texts with {{placeholders}} (what the office edits) */
  texts: ReportTexts;
  /** texts with the numbers filled in (what is published and checked) */
  rendered: RenderedTexts;
  findings: Finding[];
}

/** Stable key of a cell, used for drill-down and finding overrides: `table3|r1|natural`. */
export function cellKey(ref: ValueRef | CellRef): string {
  if (ref.table === 'table4') return `table4||${ref.col}`;
  return `${ref.table}|${'row' in ref ? ref.row : ''}|${ref.col}`;
}

/** Which module a table cell's records come from. */
export function recordSourceOf(key: string): RecordSource {
  const [table, row] = key.split('|');
  if (table === 'table2') return row === 'regulation' || row === 'normativeDoc' ? 'catalog' : 'enforcement';
  return 'requests';
}

/** 2019 （六）其他处理 = the three 2021 sub-rows together. */
const R6_PARTS: readonly Exclude<Table3RowKey, 'r6'>[] = ['r6_1', 'r6_2', 'r6_3'];

function unionCounted(parts: readonly Counted[]): Counted {
  return {
    count: parts.reduce((s, p) => s + p.count, 0),
    records: [...new Set(parts.flatMap((p) => p.records))],
  };
}

/** Rounds 万元 to 4 decimals (1 元 precision), as the 2021 format asks 本年收费金额（单位：万元）. */
export function fenToWanYuan(fen: number): number {
  return Math.round(fen / 100) / 10000;
}

/** Computes the tables and their drill-down from the facts. */
export function computeTables(
  format: ReportFormat,
  facts: ReportFacts,
  options: GenerateOptions = {},
): { tables: ReportTables; drill: DrillDown } {
  const tables = emptyTables(format, 0);
  const drill: DrillDown = {};
  const set2 = (row: string, col: string, value: number, records: string[] = []) => {
    const r = tables.table2[row];
    if (!r || !(col in r)) return; // this format has no such cell
    r[col] = value;
    if (records.length) drill[cellKey({ table: 'table2', row, col })] = records;
  };

  // 表二 第二十条第（一）项: 规章 / （行政）规范性文件.
  for (const row of ['regulation', 'normativeDoc'] as const) {
    const d = facts.catalog.documents[row];
    // 2021
    set2(row, 'issued', d.issued.count, d.issued.records);
    set2(row, 'repealed', d.repealed.count, d.repealed.records);
    set2(row, 'inForce', d.inForce.count, d.inForce.records);
    // 2019
    set2(row, 'newlyMade', d.issued.count, d.issued.records);
    set2(row, 'newlyPublished', d.published.count, d.published.records);
    set2(row, 'totalPublished', d.inForce.count, d.inForce.records);
  }
  // 第（五）（六）项: decisions, and 2019's 事项 counts. The table row of 行政强制 is 'enforcement'.
  for (const [kind, row] of [
    ['license', 'license'],
    ['penalty', 'penalty'],
    ['coercion', 'enforcement'],
  ] as const) {
    const k = facts.enforcement.kinds[kind];
    set2(row, 'decisions', k.decisions.count, k.decisions.records);
    set2(row, 'previousItems', k.previousItems);
    set2(row, 'change', k.itemChange);
  }
  // 第（八）项 2021: 本年收费金额（万元）.
  if (options.feeInTable2) set2('fee', 'feeAmount', fenToWanYuan(facts.requests.feesCollectedFen));

  // 表三: every row from the request facts; 2019 （六） = Σ （六）1–3.
  for (const def of format.table3.rows) {
    tables.table3[def.key] = TABLE3_COL_KEYS.map((col) => {
      const c =
        def.key === 'r6'
          ? unionCounted(R6_PARTS.map((p) => facts.requests.table3[p][col]))
          : facts.requests.table3[def.key][col];
      if (c.records.length) drill[cellKey({ table: 'table3', row: def.key, col })] = c.records;
      return c.count;
    });
  }
  // 表四.
  tables.table4 = TABLE4_COLUMNS.map((c) => {
    const v = facts.requests.table4[c.key];
    if (v.records.length) drill[cellKey({ table: 'table4', col: c.key })] = v.records;
    return v.count;
  });
  return { tables, drill };
}

/**
 * R8 (anchors.md §5): every case closed in the year maps to exactly one outcome row; none
 * unclassified, none counted twice. R9: a case carried forward is not also counted as closed.
 * Checked on the records behind the 总计 column (only where the source did not cap the id lists).
 */
export function ledgerFindings(format: ReportFormat, facts: ReportFacts): Finding[] {
  const out: Finding[] = [];
  const t = facts.requests.table3;
  const complete = (c: Counted) => c.records.length === c.count;
  const resultRows = format.table3.rows
    .filter((r) => r.group === 'result' && !r.isTotal)
    .flatMap((r) => (r.key === 'r6' ? R6_PARTS : [r.key]));
  const closed = t.r7.total;
  const rows = resultRows.map((r) => ({ row: r, c: t[r].total }));
  if (complete(closed) && rows.every((r) => complete(r.c))) {
    const seen = new Map<string, Table3RowKey[]>();
    for (const { row, c } of rows) for (const id of c.records) seen.set(id, [...(seen.get(id) ?? []), row]);
    const closedSet = new Set(closed.records);
    const displayRow = (r: Table3RowKey): Table3RowKey =>
      format.table3.rows.some((d) => d.key === r) ? r : 'r6';
    for (const id of closed.records) {
      const where = seen.get(id) ?? [];
      if (where.length === 0) {
        out.push({
          ruleId: 'R8',
          severity: 'error',
          cells: [{ table: 'table3', row: 'r7', col: 'total' }],
          expected: 1,
          actual: 0,
          messageZh: `申请 ${id} 已计入（七）总计，但未归入任何办理结果`,
          excerpt: id,
        });
      } else if (where.length > 1) {
        out.push({
          ruleId: 'R8',
          severity: 'error',
          cells: where.map((r) => ({ table: 'table3', row: displayRow(r), col: 'total' })),
          expected: 1,
          actual: where.length,
          messageZh: `申请 ${id} 同时计入${where.map((r) => `“${table3RowLabel(format, displayRow(r))}”`).join('和')}`,
          excerpt: id,
        });
      }
    }
    for (const [id, where] of seen) {
      if (closedSet.has(id)) continue;
      out.push({
        ruleId: 'R8',
        severity: 'error',
        cells: where.map((r) => ({ table: 'table3', row: displayRow(r), col: 'total' })),
        expected: 0,
        actual: where.length,
        messageZh: `申请 ${id} 计入“${table3RowLabel(format, displayRow(where[0]!))}”，但未计入（七）总计`,
        excerpt: id,
      });
    }
  }
  const next = t.next.total;
  if (complete(next) && complete(closed)) {
    const closedSet = new Set(closed.records);
    for (const id of next.records) {
      if (!closedSet.has(id)) continue;
      out.push({
        ruleId: 'R9',
        severity: 'error',
        cells: [
          { table: 'table3', row: 'r7', col: 'total' },
          { table: 'table3', row: 'next', col: 'total' },
        ],
        expected: 0,
        actual: 1,
        messageZh: `申请 ${id} 既计入本年办结，又计入结转下年度继续办理`,
        excerpt: id,
      });
    }
  }
  return out;
}

/** The check context of a generated report (the generator, the service and the publisher share it). */
export function checkContextFor(
  format: ReportFormat,
  tables: ReportTables,
  rendered: RenderedTexts,
  facts: ReportFacts | undefined,
  previous: ReportTables | undefined,
): CheckContext {
  return {
    format,
    tables,
    ...(previous ? { previousYear: previous } : {}),
    narrative: [rendered.one, rendered.five, rendered.six].join('\n'),
    ...(facts
      ? {
          feeLedgerTotalYuan: facts.requests.feesCollectedFen / 100,
          moduleCounts: {
            license: facts.enforcement.kinds.license.decisions.count,
            penalty: facts.enforcement.kinds.penalty.decisions.count,
            enforcement: facts.enforcement.kinds.coercion.decisions.count,
          },
        }
      : {}),
  };
}

/**
 * Findings about the facts themselves, frozen at generation: the ledger rules R8/R9 and F1 (releases
 * or messages only recorded, never sent).
 */
export function factFindings(format: ReportFormat, facts: ReportFacts): Finding[] {
  return [...ledgerFindings(format, facts), ...recordedOnlyFindings(facts)];
}

/** Generates a whole report: tables, drill-down, narrative (drafted or edited), findings. */
export function generateReport(input: GenerateInput): GeneratedReport {
  const { format, facts, previous } = input;
  const { tables, drill } = computeTables(format, facts, input.options);
  const variables = narrativeVariables({
    year: input.year,
    agencyName: input.agencyName,
    tables,
    catalog: facts.catalog,
    feesCollectedFen: facts.requests.feesCollectedFen,
    ...(facts.events ? { events: facts.events } : {}),
    ...(facts.enterprises ? { enterprises: facts.enterprises } : {}),
  });
  const drafted = draftTexts(format, facts.catalog, facts.events, facts.enterprises);
  const texts: ReportTexts = {
    one: input.texts?.one ?? drafted.one,
    five: input.texts?.five ?? drafted.five,
    six: input.texts?.six ?? drafted.six,
  };
  const rendered = renderTexts(texts, variables);
  const findings = [
    ...runChecks(checkContextFor(format, tables, rendered, facts, previous)),
    ...factFindings(format, facts),
    ...textFindings(texts, variables),
  ];
  return { formatId: format.id, year: input.year, tables, drill, variables, texts, rendered, findings };
}

/** Sums agencies' tables cell by cell (R13: the government's consolidated report). */
export function consolidateTables(format: ReportFormat, parts: readonly ReportTables[]): ReportTables {
  const out = emptyTables(format, 0);
  for (const p of parts) {
    for (const [row, cols] of Object.entries(out.table2)) {
      for (const col of Object.keys(cols)) {
        const sum = num(cols[col]) + num(p.table2[row]?.[col]);
        // amounts keep 4 decimals (万元); counts stay integers
        cols[col] = Math.round(sum * 10000) / 10000;
      }
    }
    for (const def of format.table3.rows) {
      out.table3[def.key] = TABLE3_COL_KEYS.map(
        (col, i) => num(out.table3[def.key]?.[i]) + (p.table3[def.key] ? t3(p, def.key, col) : 0),
      );
    }
    out.table4 = TABLE4_COLUMNS.map((c, i) => num(out.table4[i]) + t4(p, c.key));
  }
  return out;
}

/** A finding's override key: rule + cells (stable across regenerations of the same data). */
export function findingKey(f: Finding): string {
  return `${f.ruleId}:${f.cells.map(cellKey).join(',')}${f.excerpt ? `:${f.excerpt}` : ''}`;
}

export type { Table3ColKey };
