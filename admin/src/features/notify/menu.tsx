import { lazy } from 'react';
import { BellOutlined, FileTextOutlined, SendOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const NotificationsPage = lazy(() => import('./NotificationsPage'));
const TemplatesPage = lazy(() => import('./TemplatesPage'));
const DeliveryLogPage = lazy(() => import('./DeliveryLogPage'));

/** Console pages of the notify feature. */
export const menu: MenuEntry[] = [
  {
    key: 'notifications',
    path: '/notifications',
    label: '通知中心',
    icon: <BellOutlined />,
    anyOf: [],
    element: <NotificationsPage />,
    group: 'home',
    order: 200,
  },
  {
    key: 'notify-templates',
    path: '/notify-templates',
    label: '消息模板',
    icon: <FileTextOutlined />,
    anyOf: ['org.settings'],
    element: <TemplatesPage />,
    group: 'org',
    order: 150,
  },
  {
    key: 'notify-log',
    path: '/notify-log',
    label: '发送记录',
    icon: <SendOutlined />,
    anyOf: ['business.read'],
    element: <DeliveryLogPage />,
    group: 'business',
    order: 190,
  },
];
export const cards: DashboardCard[] = [];
