/**
 * What every output (Word, Excel, portal HTML, chart) renders: one report, frozen. Renderers walk the
 * format's layout grids, so a new format renders without touching them.
 */
import { CHANNEL_LABELS, deliveredByChannel } from '../channel-facts.js';
import type { RenderedTexts } from '../narrative-draft.js';
import type { CatalogReportFacts } from '../sources.js';
import { table3ColIndex, table4ColIndex } from '../tables.js';
import type {
  Cell,
  GridCell,
  ReportFormat,
  ReportTables,
  TableLayout,
  ValueRef,
  ValueType,
} from '../types.js';

export interface ReportDocument {
  format: ReportFormat;
  year: number;
  agency: { name: string; address?: string | null; postcode?: string | null; phone?: string | null };
  tables: ReportTables;
  rendered: RenderedTexts;
  /** disclosure by column and channel (section 一 chart, like seed 004's 图1) */
  chart: { byColumn: { name: string; count: number }[]; byChannel: { name: string; count: number }[] };
  /** 1 = first publication; > 1 = a corrected version */
  version?: number;
  correctionReason?: string | null;
  /** 'YYYY-MM-DD' shown under the title when published */
  publishedOn?: string | null;
  /** consolidated government-level report (R13): the number of agencies summed */
  consolidatedFrom?: number;
}

export function reportTitle(doc: Pick<ReportDocument, 'agency' | 'year'>): string {
  return `${doc.agency.name}${doc.year}年政府信息公开工作年度报告`;
}

/** The customary preamble (statute.md §2.2: statutory basis, statistics period, contact). */
export function preamble(doc: ReportDocument): string[] {
  const a = doc.agency;
  const contact = [
    a.address ? `地址：${a.address}` : '',
    a.postcode ? `邮编：${a.postcode}` : '',
    a.phone ? `电话：${a.phone}` : '',
  ].filter(Boolean);
  return [
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和${doc.format.title}要求编制。` +
      `全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。` +
      `本报告中所列数据的统计期限为${doc.year}年1月1日至12月31日。` +
      (contact.length ? `如对本报告有疑问，请与${a.name}联系（${contact.join('；')}）。` : ''),
  ];
}

/** The value a grid cell refers to. */
export function valueOf(tables: ReportTables, ref: ValueRef): Cell {
  if (ref.table === 'table2') return tables.table2[ref.row]?.[ref.col] ?? null;
  if (ref.table === 'table3') return tables.table3[ref.row]?.[table3ColIndex(ref.col)] ?? null;
  return tables.table4[table4ColIndex(ref.col)] ?? null;
}

/** A value as printed: integers plain, 万元 amounts with up to 4 decimals, blank as empty. */
export function formatValue(v: Cell, type: ValueType): string {
  if (v === null) return '';
  if (type === 'amount') return String(Math.round(v * 10000) / 10000);
  return String(v);
}

export interface PlacedCell {
  cell: GridCell;
  /** 0-based grid position of the cell's top-left corner */
  row: number;
  col: number;
}

/** Positions of the cells of a layout grid (HTML convention: covered positions are skipped). */
export function placeGrid(layout: TableLayout): PlacedCell[] {
  const taken: boolean[][] = layout.rows.map(() => Array<boolean>(layout.columnCount).fill(false));
  const out: PlacedCell[] = [];
  layout.rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken[r]![c]) c++;
      out.push({ cell, row: r, col: c });
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) if (taken[r + dr]) taken[r + dr]![c + dc] = true;
      c += cell.colSpan;
    }
  });
  return out;
}

/** The tables of a report in document order, with their section captions. */
export function reportTableLayouts(
  format: ReportFormat,
): { section: '二' | '三' | '四'; layout: TableLayout }[] {
  return [
    ...format.table2.layouts.map((layout) => ({ section: '二' as const, layout })),
    { section: '三', layout: format.table3.layout },
    { section: '四', layout: format.table4.layout },
  ];
}

/** Paragraphs of a section text (blank lines dropped). */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** True for a sub-heading line such as （一）主动公开情况 (rendered bold / 楷体 in official reports). */
export function isSubHeading(line: string): boolean {
  return /^（[一二三四五六七八九十]+）[^。；，]{1,30}$/.test(line);
}

/** The document of a freshly generated report (chart data from the catalog facts). */
export function toReportDocument(input: {
  format: ReportFormat;
  year: number;
  agency: ReportDocument['agency'];
  tables: ReportTables;
  rendered: RenderedTexts;
  catalog?: Pick<CatalogReportFacts, 'publishedByColumn' | 'publishedByChannel' | 'channelReleases'>;
  chart?: ReportDocument['chart'];
}): ReportDocument {
  const chart = input.chart ?? {
    byColumn: (input.catalog?.publishedByColumn ?? []).map((c) => ({ name: c.name, count: c.count })),
    byChannel: Object.entries(input.catalog ? deliveredByChannel(input.catalog) : {}).map(([k, count]) => ({
      name: CHANNEL_LABELS[k] ?? k,
      count,
    })),
  };
  return {
    format: input.format,
    year: input.year,
    agency: input.agency,
    tables: input.tables,
    rendered: input.rendered,
    chart,
  };
}
