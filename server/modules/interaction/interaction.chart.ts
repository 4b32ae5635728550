/** The statistics chart, rendered server-side by ECharts into SVG (the page's table carries the same data). */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { KINDS, KIND_LABELS, type StatCell } from './interaction.rules.js';

// Loaded on the first chart (ECharts is large; most processes never draw).
const require = createRequire(import.meta.url);
let loaded: typeof Echarts | undefined;
const echarts = (): typeof Echarts => (loaded ??= require('echarts') as typeof Echarts);
const FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif";

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Stacked bars: items received per month, by kind. */
export function statsChartSvg(
  cells: readonly StatCell[],
  from: string,
  to: string,
  width = 760,
  height = 340,
): string {
  const months = monthsBetween(from, to);
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: '各月收件数', left: 'center', top: 4, textStyle: { fontSize: 15, fontFamily: FONT } },
    legend: { top: 30, textStyle: { fontFamily: FONT } },
    grid: { left: 48, right: 16, top: 70, bottom: 36 },
    xAxis: {
      type: 'category',
      data: months.map((m) => `${Number(m.slice(5))}月`),
      axisLabel: { fontFamily: FONT },
    },
    yAxis: { type: 'value', minInterval: 1 },
    color: ['#1f5fa8', '#2e9d5b', '#a33b3b', '#d08a1f', '#6b5aa8'],
    series: KINDS.map((k) => ({
      type: 'bar',
      stack: 'all',
      name: KIND_LABELS[k],
      data: months.map((m) => cells.find((c) => c.month === m && c.kind === k)?.received ?? 0),
      barMaxWidth: 28,
    })),
  });
  const seen = new Map<string, string>();
  const svg = chart
    .renderToSVGString()
    .replace(
      /\bzr\d+-cls-\d+\b/g,
      (m) => seen.get(m) ?? (seen.set(m, `hd-c${seen.size}`), `hd-c${seen.size - 1}`),
    );
  chart.dispose();
  return svg;
}
