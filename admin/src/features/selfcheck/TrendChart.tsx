/**
 * The trend of an agency's self-check reports as an ECharts line chart (单项否决 / 扣分 / 提示 per report).
 * The table under it carries the same numbers for keyboard and screen-reader users (chart aria-hidden).
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Trend } from './api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function TrendChart({ trend }: { trend: Trend }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const series = [
      { name: '单项否决', key: 'veto' as const, color: '#a33b3b' },
      { name: '扣分', key: 'deduct' as const, color: '#b06f00' },
      { name: '提示', key: 'hint' as const, color: '#1f5fa8' },
    ];
    chart.setOption({
      animation: false,
      color: series.map((s) => s.color),
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 24, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: trend.points.map((p) => p.runOn) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: trend.points.map((p) => p[s.key]),
        symbolSize: 6,
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [trend]);
  return <div ref={ref} aria-hidden="true" style={{ width: '100%', height: 240 }} />;
}
