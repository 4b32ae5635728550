import { lazy } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  FileSearchOutlined,
  FlagOutlined,
  ProfileOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const DecisionsPage = lazy(() => import('./DecisionsPage'));
const QueuePage = lazy(() => import('./DecisionsPage').then((m) => ({ default: m.QueuePage })));
const ImportPage = lazy(() => import('./ImportPage'));
const ItemsPage = lazy(() => import('./ItemsPage'));
const RecordsPage = lazy(() => import('./RecordsPage'));

/** Console pages of the 双公示 feature (lazy-loaded). */
export const menu: MenuEntry[] = [
  {
    key: 'enforcement',
    path: '/enforcement',
    label: '双公示决定',
    icon: <FileSearchOutlined />,
    anyOf: ['enforcement.manage', 'business.read'],
    element: <DecisionsPage />,
    group: 'business',
    order: 40,
  },
  {
    key: 'enforcement-queue',
    path: '/enforcement-queue',
    label: '双公示审核',
    icon: <AuditOutlined />,
    anyOf: ['catalog.review', 'catalog.approve'],
    element: <QueuePage />,
    group: 'business',
    order: 41,
  },
  {
    key: 'enforcement-import',
    path: '/enforcement-import',
    label: '双公示批量导入',
    icon: <UploadOutlined />,
    anyOf: ['enforcement.manage'],
    element: <ImportPage />,
    group: 'business',
    order: 42,
  },
  {
    key: 'enforcement-items',
    path: '/enforcement-items',
    label: '权责清单事项',
    icon: <ProfileOutlined />,
    anyOf: ['enforcement.manage', 'business.read'],
    element: <ItemsPage />,
    group: 'business',
    order: 43,
  },
  {
    key: 'enforcement-accidents',
    path: '/enforcement-accidents',
    label: '事故调查报告',
    icon: <AlertOutlined />,
    anyOf: ['enforcement.manage', 'business.read'],
    element: <RecordsPage kind="accidents" />,
    group: 'business',
    order: 44,
  },
  {
    key: 'enforcement-hazards',
    path: '/enforcement-hazards',
    label: '挂牌督办',
    icon: <FlagOutlined />,
    anyOf: ['enforcement.manage', 'business.read'],
    element: <RecordsPage kind="hazards" />,
    group: 'business',
    order: 45,
  },
];
export const cards: DashboardCard[] = [];
