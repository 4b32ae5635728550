/**
 * Server-rendered charts of the public statistics page: ECharts in SSR mode renders SVG strings, so
 * the page needs no JavaScript (the same approach as interaction.chart.ts). The table under each
 * chart carries the same numbers and is what assistive technology reads (the SVG is aria-hidden).
 */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';

const require = createRequire(import.meta.url);
let loaded: typeof Echarts | undefined;
const echarts = (): typeof Echarts => (loaded ??= require('echarts') as typeof Echarts);
const FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif";
const COLORS = ['#1f5fa8', '#2e9d5b', '#a33b3b', '#b06f00', '#6b5aa8'];

export interface BarChart {
  title: string;
  categories: string[];
  series: { name: string; data: number[] }[];
  /** horizontal bars for long category names */
  horizontal?: boolean;
  width?: number;
}

/** A bar chart as an SVG string (class names made stable so two renders of the same data are equal). */
export function barChartSvg(c: BarChart): string {
  const width = c.width ?? 720;
  const rows = c.categories.length;
  const height = c.horizontal ? Math.max(160, 70 + rows * 26) : 320;
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  const category = {
    type: 'category' as const,
    data: c.categories,
    axisLabel: {
      fontFamily: FONT,
      color: '#333',
      ...(c.horizontal
        ? { width: 180, overflow: 'truncate' as const }
        : { interval: 0, rotate: rows > 8 ? 40 : 0 }),
    },
    ...(c.horizontal ? { inverse: true } : {}),
  };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { color: '#333' } };
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    title: {
      text: c.title,
      left: 'center',
      top: 4,
      textStyle: { fontSize: 15, fontFamily: FONT, color: '#222' },
    },
    legend: c.series.length > 1 ? { top: 28, textStyle: { fontFamily: FONT } } : undefined,
    grid: {
      left: c.horizontal ? 190 : 48,
      right: 24,
      top: c.series.length > 1 ? 64 : 44,
      bottom: !c.horizontal && rows > 8 ? 64 : 32,
    },
    xAxis: c.horizontal ? value : category,
    yAxis: c.horizontal ? category : value,
    color: COLORS,
    series: c.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      barMaxWidth: 28,
      label: { show: rows <= 16, position: c.horizontal ? 'right' : 'top', color: '#222' },
    })),
  });
  const seen = new Map<string, string>();
  const svg = chart
    .renderToSVGString()
    .replace(
      /\bzr\d+-cls-\d+\b/g,
      (m) => seen.get(m) ?? (seen.set(m, `st-c${seen.size}`), `st-c${seen.size - 1}`),
    );
  chart.dispose();
  return svg;
}
