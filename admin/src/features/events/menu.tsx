import { lazy } from 'react';
import { NotificationOutlined, SolutionOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const EventsPage = lazy(() => import('./EventsPage'));
const ProposalsPage = lazy(() => import('./ProposalsPage'));
const ProposalDueCard = lazy(() => import('./ProposalsPage').then((m) => ({ default: m.ProposalDueCard })));

/** Console pages of 新闻发布与听证 and 建议提案办理 (lazy-loaded). */
export const menu: MenuEntry[] = [
  {
    key: 'events',
    path: '/events',
    label: '新闻发布与听证',
    icon: <NotificationOutlined />,
    anyOf: ['events.manage', 'business.read'],
    element: <EventsPage />,
    group: 'business',
    order: 60,
  },
  {
    key: 'proposals',
    path: '/proposals',
    label: '建议提案办理',
    icon: <SolutionOutlined />,
    anyOf: ['events.manage', 'business.read'],
    element: <ProposalsPage />,
    group: 'business',
    order: 61,
  },
];

export const cards: DashboardCard[] = [
  {
    key: 'proposals-due',
    title: '建议提案办理期限',
    anyOf: ['events.manage'],
    element: <ProposalDueCard />,
    order: 60,
  },
];
