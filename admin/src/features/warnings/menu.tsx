import { lazy } from 'react';
import { AlertOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const WarningsPage = lazy(() => import('./WarningsPage'));

/** Console pages of risk warnings (预警信息发布). */
export const menu: MenuEntry[] = [
  {
    key: 'warnings',
    path: '/warnings',
    label: '预警信息',
    icon: <AlertOutlined />,
    anyOf: ['warnings.draft', 'warnings.approve', 'business.read'],
    element: <WarningsPage />,
    group: 'business',
    order: 15,
  },
];
export const cards: DashboardCard[] = [];
