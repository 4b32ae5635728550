import { lazy } from 'react';
import { AuditOutlined, FileTextOutlined, PartitionOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const ItemsRoutes = lazy(() => import('./ItemsPage'));
const QueuesPage = lazy(() => import('./QueuesPage'));
const ColumnsPage = lazy(() => import('./ColumnsPage'));
const WaitingCard = lazy(() => import('./DashboardCards').then((m) => ({ default: m.WaitingCard })));
const TimelinessCard = lazy(() => import('./DashboardCards').then((m) => ({ default: m.TimelinessCard })));

/** Console pages of this feature (lazy-loaded) and its 工作台 cards. */
export const menu: MenuEntry[] = [
  {
    key: 'catalog-items',
    path: '/catalog/items',
    label: '信息发布',
    icon: <FileTextOutlined />,
    anyOf: [
      'catalog.draft',
      'catalog.review',
      'catalog.approve',
      'catalog.approve.principal',
      'catalog.admin',
    ],
    element: <ItemsRoutes />,
    group: 'business',
    order: 10,
  },
  {
    key: 'catalog-queues',
    path: '/catalog/queues',
    label: '审核审批',
    icon: <AuditOutlined />,
    anyOf: ['catalog.review', 'catalog.approve', 'catalog.approve.principal', 'catalog.admin'],
    element: <QueuesPage />,
    group: 'business',
    order: 11,
  },
  {
    key: 'catalog-columns',
    path: '/catalog/columns',
    label: '栏目管理',
    icon: <PartitionOutlined />,
    anyOf: ['catalog.admin'],
    element: <ColumnsPage />,
    group: 'business',
    order: 12,
  },
];

export const cards: DashboardCard[] = [
  {
    key: 'catalog-waiting',
    title: '主动公开待办',
    anyOf: [
      'catalog.draft',
      'catalog.review',
      'catalog.approve',
      'catalog.approve.principal',
      'catalog.admin',
    ],
    element: <WaitingCard />,
    order: 5,
  },
  {
    key: 'catalog-timeliness',
    title: '公开时效与栏目更新',
    anyOf: ['catalog.admin', 'catalog.approve', 'catalog.approve.principal'],
    element: <TimelinessCard />,
    order: 6,
  },
];
