import { lazy } from 'react';
import { AuditOutlined, FileDoneOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const ReportsPage = lazy(() => import('./ReportsPage'));
const CheckerPage = lazy(() => import('./CheckerPage'));
const SupervisionPage = lazy(() => import('./SupervisionPage'));
const CountdownCard = lazy(() => import('./CountdownCard').then((m) => ({ default: m.CountdownCard })));

/** Console pages of this feature (lazy-loaded) and its 工作台 cards. */
export const menu: MenuEntry[] = [
  {
    key: 'annual-reports',
    path: '/annual-reports',
    label: '年度报告',
    icon: <FileDoneOutlined />,
    anyOf: ['report.edit', 'report.approve'],
    element: <ReportsPage />,
    group: 'business',
    order: 80,
  },
  {
    key: 'annual-report-supervision',
    path: '/annual-report-supervision',
    label: '年报编制进度',
    icon: <FundProjectionScreenOutlined />,
    anyOf: ['supervise.read'],
    element: <SupervisionPage />,
    group: 'business',
    order: 81,
  },
  {
    key: 'annual-report-checker',
    path: '/annual-report-checker',
    label: '年报检查',
    icon: <AuditOutlined />,
    anyOf: ['report.edit', 'report.approve', 'supervise.read'],
    element: <CheckerPage />,
    group: 'business',
    order: 82,
  },
];

export const cards: DashboardCard[] = [
  {
    key: 'annual-report-countdown',
    title: '年度报告倒计时',
    anyOf: ['report.edit', 'report.approve'],
    element: <CountdownCard />,
    order: 30,
  },
];
