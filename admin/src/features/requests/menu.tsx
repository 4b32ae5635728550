import { lazy } from 'react';
import {
  AlertOutlined,
  BellOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FileSearchOutlined,
  MoneyCollectOutlined,
  RiseOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const RequestsPage = lazy(() => import('./RequestsPage'));
const DueCard = lazy(() => import('./BoardPage').then((m) => ({ default: m.DueCard })));

const page = <RequestsPage />;
const base = { element: page, group: 'business' as const };

/** Console pages of this feature (lazy-loaded) and its 工作台 cards. */
export const menu: MenuEntry[] = [
  {
    ...base,
    key: 'requests',
    path: '/requests',
    label: '依申请公开',
    icon: <FileSearchOutlined />,
    anyOf: ['business.read'],
    order: 30,
  },
  {
    ...base,
    key: 'requests-new',
    path: '/requests/new',
    label: '申请登记',
    icon: <FileAddOutlined />,
    anyOf: ['requests.admin'],
    order: 31,
  },
  {
    ...base,
    key: 'requests-board',
    path: '/requests/board',
    label: '期限看板',
    icon: <AlertOutlined />,
    anyOf: ['business.read'],
    order: 32,
  },
  {
    ...base,
    key: 'requests-reminders',
    path: '/requests/reminders',
    label: '办理提醒',
    icon: <BellOutlined />,
    anyOf: ['requests.handle'],
    order: 33,
  },
  {
    ...base,
    key: 'requests-fees',
    path: '/requests/fees',
    label: '收费台账',
    icon: <MoneyCollectOutlined />,
    anyOf: ['business.read'],
    order: 34,
  },
  {
    ...base,
    key: 'requests-appeals',
    path: '/requests/appeals',
    label: '复议与诉讼',
    icon: <SafetyOutlined />,
    anyOf: ['business.read'],
    order: 35,
  },
  {
    ...base,
    key: 'requests-promotions',
    path: '/requests/promotions',
    label: '转为主动公开',
    icon: <RiseOutlined />,
    anyOf: ['business.read'],
    order: 36,
  },
  {
    ...base,
    key: 'requests-templates',
    path: '/requests/templates',
    label: '文书模板',
    icon: <FileTextOutlined />,
    anyOf: ['business.read'],
    order: 37,
  },
];

export const cards: DashboardCard[] = [
  { key: 'requests-due', title: '依申请公开期限', anyOf: ['business.read'], element: <DueCard />, order: 30 },
];
