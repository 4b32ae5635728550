/**
 * One ECharts bar chart (tree-shaken: core + bar + SVG renderer). The table next to it carries the same
 * numbers for keyboard and screen-reader users, so the chart itself is aria-hidden.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = ['#1f5fa8', '#2e9d5b', '#a33b3b', '#b06f00', '#6b5aa8'];

export interface ChartSpec {
  categories: string[];
  series: { name: string; data: number[] }[];
  horizontal?: boolean;
}

export function BarChartView({ spec, height }: { spec: ChartSpec; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const rows = spec.categories.length;
  const h = height ?? (spec.horizontal ? Math.max(180, 60 + rows * 24) : 280);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const category = {
      type: 'category' as const,
      data: spec.categories,
      axisLabel: spec.horizontal
        ? { width: 160, overflow: 'truncate' as const }
        : { interval: 0, rotate: rows > 8 ? 40 : 0 },
      ...(spec.horizontal ? { inverse: true } : {}),
    };
    const value = { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      animation: false,
      color: COLORS,
      tooltip: { trigger: 'axis' },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: {
        left: spec.horizontal ? 170 : 40,
        right: 24,
        top: spec.series.length > 1 ? 32 : 12,
        bottom: !spec.horizontal && rows > 8 ? 56 : 24,
      },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? category : value,
      series: spec.series.map((s) => ({ type: 'bar', name: s.name, data: s.data, barMaxWidth: 28 })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [spec, rows]);
  return <div ref={ref} aria-hidden="true" style={{ width: '100%', height: h }} />;
}
