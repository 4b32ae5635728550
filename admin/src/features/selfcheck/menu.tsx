import { lazy } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const SelfcheckPage = lazy(() => import('./SelfcheckPage'));

/** Console page of 检查指标自查 (lazy-loaded). */
export const menu: MenuEntry[] = [
  {
    key: 'selfcheck',
    path: '/selfcheck',
    label: '网站自查',
    icon: <FileSearchOutlined />,
    anyOf: ['selfcheck.run', 'business.read', 'supervise.read'],
    element: <SelfcheckPage />,
    group: 'business',
    order: 85,
  },
];

/** No 工作台 card: the report list is one click away and the scorecards carry the findings. */
export const cards: DashboardCard[] = [];
