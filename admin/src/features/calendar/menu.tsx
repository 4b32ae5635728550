import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const CalendarPage = lazy(() => import('./CalendarPage'));

/** Console pages of this feature (lazy-loaded) and its 工作台 cards. */
export const menu: MenuEntry[] = [
  {
    key: 'calendar',
    path: '/calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    // Handlers use the calculator; calendar admins (政务公开办, 系统管理员) edit the years.
    anyOf: ['calendar.manage', 'business.read'],
    element: <CalendarPage />,
    group: 'business',
    order: 90,
  },
];
export const cards: DashboardCard[] = [];
