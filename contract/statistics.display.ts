/**
 * How the statistics tables (contract/statistics.ts TABLE_KEYS) are shown, alike on the public 政务公开数据
 * page (server/modules/statistics/statistics.portal.tsx, SVG drawn on the server) and in the console
 * (ECharts): the titled sections the tables are grouped in, the columns each table's bar chart draws,
 * and the chart's data taken from a table. Plain values without TypeBox, so the console bundle takes
 * them without the schema library.
 */
import type { TABLE_KEYS } from './statistics.js';

type TableKey = (typeof TABLE_KEYS)[number];

/** The columns a table's chart draws: one category column and the value columns (one bar series each). */
export interface ChartColumns {
  category: string;
  values: string[];
  horizontal?: boolean;
}

/** Charts of the tables the public sees too (the console adds the per-agency roll-up). */
export const TABLE_CHARTS: Partial<Record<TableKey, ChartColumns>> = {
  publications_by_month: { category: 'month', values: ['published'] },
  publications_by_column: { category: 'column', values: ['published'], horizontal: true },
  publications_by_channel: { category: 'channel_name', values: ['delivered'] },
  requests_by_channel: { category: 'channel_name', values: ['received'] },
  requests_by_applicant_type: { category: 'applicant_type_name', values: ['received'] },
  requests_by_outcome: { category: 'outcome', values: ['answered'], horizontal: true },
  interaction_by_kind: { category: 'kind_name', values: ['received', 'answered', 'answered_on_time'] },
  interaction_by_month: { category: 'month', values: ['received', 'answered'] },
  decisions_by_kind: { category: 'kind_name', values: ['decisions', 'published'] },
};

/** The sections of the public tables, in page order (the console puts its 各机关汇总 first). */
export const TABLE_SECTIONS: readonly { title: string; tables: TableKey[] }[] = [
  {
    title: '主动公开',
    tables: ['publications_by_month', 'publications_by_column', 'publications_by_channel'],
  },
  {
    title: '依申请公开',
    tables: [
      'requests_by_channel',
      'requests_by_applicant_type',
      'requests_by_outcome',
      'requests_timeliness',
    ],
  },
  { title: '互动交流', tables: ['interaction_by_kind', 'interaction_by_month'] },
  { title: '“双公示”', tables: ['decisions_by_kind'] },
];

/** A bar chart's data: category names and one series of numbers per value column. */
export interface ChartData {
  categories: string[];
  series: { name: string; data: number[] }[];
  horizontal?: boolean;
}

/** The chart of a table (series named by the columns' labels), or null for a table without chart or rows. */
export function tableChart(
  t: {
    key: string;
    columns: readonly { key: string; label: string }[];
    rows: readonly Record<string, string | number | null>[];
  },
  charts: Partial<Record<string, ChartColumns>> = TABLE_CHARTS,
): ChartData | null {
  const spec = charts[t.key];
  if (!spec || t.rows.length === 0) return null;
  return {
    categories: t.rows.map((r) => String(r[spec.category] ?? '')),
    series: spec.values.map((v) => ({
      name: t.columns.find((c) => c.key === v)?.label ?? v,
      data: t.rows.map((r) => Number(r[v] ?? 0)),
    })),
    ...(spec.horizontal ? { horizontal: true } : {}),
  };
}
