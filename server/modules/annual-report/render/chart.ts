/**
 * The disclosure chart of section 一 (like seed 004's 图1): items published per column (bars) and per
 * release channel (pie), rendered server-side by ECharts into a self-contained SVG string.
 */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { ReportDocument } from './model.js';

// ECharts is loaded on the first chart, not at server start: its ES-module build costs ~40 MB of
// resident memory, the CommonJS build (same version, same SVG) about half, and most processes never draw.
const require = createRequire(import.meta.url);
let loaded: typeof Echarts | undefined;
const echarts = (): typeof Echarts => (loaded ??= require('echarts') as typeof Echarts);

// Single quotes: ECharts writes the family inside a double-quoted style attribute.
const FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','SimHei',sans-serif";

export function renderChartSvg(
  doc: Pick<ReportDocument, 'chart' | 'year'>,
  width = 760,
  height = 360,
): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  const columns = doc.chart.byColumn.filter((c) => c.count > 0);
  const channels = doc.chart.byChannel.filter((c) => c.count > 0);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    title: [
      {
        text: `${doc.year}年主动公开政府信息情况`,
        left: 'center',
        top: 4,
        textStyle: { fontSize: 16, fontFamily: FONT },
      },
      {
        text: '按栏目（条）',
        left: '28%',
        top: 34,
        textAlign: 'center',
        textStyle: { fontSize: 12, fontFamily: FONT },
      },
      {
        text: '按发布渠道（条）',
        left: '78%',
        top: 34,
        textAlign: 'center',
        textStyle: { fontSize: 12, fontFamily: FONT },
      },
    ],
    grid: { left: 110, right: '45%', top: 60, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: columns.map((c) => c.name),
      axisLabel: { fontFamily: FONT, width: 96, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: columns.map((c) => c.count),
        itemStyle: { color: '#1f5fa8' },
        label: { show: true, position: 'right', fontFamily: FONT },
        barMaxWidth: 22,
      },
      {
        type: 'pie',
        center: ['78%', '58%'],
        radius: ['28%', '52%'],
        data: channels.map((c) => ({ name: c.name, value: c.count })),
        label: { formatter: '{b}\n{c}', fontFamily: FONT, overflow: 'none' },
        labelLayout: { hideOverlap: false },
        color: ['#1f5fa8', '#2e9d5b', '#d08a1f', '#a33b3b', '#6b5aa8'],
      },
    ],
  });
  // zrender numbers its CSS classes with process-wide counters (zr1-cls-7); renumber them in order of
  // appearance so that equal charts are equal bytes (published files are identified by their hash)
  const seen = new Map<string, string>();
  const svg = chart
    .renderToSVGString()
    .replace(
      /\bzr\d+-cls-\d+\b/g,
      (m) => seen.get(m) ?? (seen.set(m, `ar-c${seen.size}`), `ar-c${seen.size - 1}`),
    );
  chart.dispose();
  return svg;
}
