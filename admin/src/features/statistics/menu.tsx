import { lazy } from 'react';
import { BarChartOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const StatisticsPage = lazy(() => import('./StatisticsPage'));

/** Console page of 统计分析 (lazy-loaded; ECharts ships in its chunk only). */
export const menu: MenuEntry[] = [
  {
    key: 'statistics',
    path: '/statistics',
    label: '统计分析',
    icon: <BarChartOutlined />,
    anyOf: ['business.read', 'supervise.read'],
    element: <StatisticsPage />,
    group: 'business',
    order: 90,
  },
];

export const cards: DashboardCard[] = [];
