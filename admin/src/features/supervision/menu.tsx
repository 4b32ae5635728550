import { lazy } from 'react';
import { AimOutlined, FileSearchOutlined, FundViewOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const SupervisionPage = lazy(() => import('./SupervisionPage'));
const SupervisionCard = lazy(() => import('./HomeCards').then((m) => ({ default: m.SupervisionCard })));
const ReceivedTasksCard = lazy(() => import('./HomeCards').then((m) => ({ default: m.ReceivedTasksCard })));

const page = <SupervisionPage />;

/** Console pages of the supervision feature (lazy-loaded) and its 工作台 cards. */
export const menu: MenuEntry[] = [
  {
    key: 'supervision-board',
    path: '/supervision',
    label: '监督看板',
    icon: <FundViewOutlined />,
    anyOf: ['supervise.read'],
    element: page,
    group: 'business',
    order: 5,
  },
  {
    // A supervisor handles no cases: its 依申请公开 menu opens the cases of the agencies below instead of
    // an always-empty "我的案件" (issue 19).
    key: 'supervision-requests',
    path: '/supervision/requests',
    label: '依申请公开',
    icon: <FileSearchOutlined />,
    anyOf: ['supervise.read'],
    noneOf: ['requests.handle'],
    replaces: ['requests', 'requests-board'],
    element: page,
    group: 'business',
    order: 30,
  },
  {
    key: 'supervision-tasks',
    path: '/supervision/tasks',
    label: '督办事项',
    icon: <AimOutlined />,
    anyOf: ['supervision.issue', 'supervision.reply'],
    element: page,
    group: 'business',
    order: 6,
  },
];

export const cards: DashboardCard[] = [
  {
    key: 'supervision-board',
    title: '下级机关监督概况',
    anyOf: ['supervise.read'],
    element: <SupervisionCard />,
    span: 24,
    order: 1,
  },
  {
    key: 'supervision-received',
    title: '交办给我的督办',
    anyOf: ['supervision.reply'],
    element: <ReceivedTasksCard />,
    order: 25,
  },
];
