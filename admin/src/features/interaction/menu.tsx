import { lazy } from 'react';
import {
  AlertOutlined,
  CommentOutlined,
  FormOutlined,
  MessageOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const InteractionPage = lazy(() => import('./InteractionPage'));
const DueCard = lazy(() => import('./BoardPage').then((m) => ({ default: m.DueCard })));

const page = <InteractionPage />;
const base = { element: page, group: 'business' as const };

/** Console pages of 互动交流 (lazy-loaded) and its 工作台 card. */
export const menu: MenuEntry[] = [
  {
    ...base,
    key: 'interaction',
    path: '/interaction',
    label: '互动交流',
    icon: <MessageOutlined />,
    anyOf: ['business.read'],
    order: 50,
  },
  {
    ...base,
    key: 'interaction-board',
    path: '/interaction/board',
    label: '互动交流期限看板',
    icon: <AlertOutlined />,
    anyOf: ['business.read'],
    order: 51,
  },
  {
    ...base,
    key: 'interaction-new',
    path: '/interaction/new',
    label: '来电来访登记',
    icon: <FormOutlined />,
    anyOf: ['interaction.handle'],
    order: 52,
  },
  {
    ...base,
    key: 'interaction-consultations',
    path: '/interaction/consultations',
    label: '意见征集',
    icon: <CommentOutlined />,
    anyOf: ['business.read'],
    order: 53,
  },
  {
    ...base,
    key: 'interaction-settings',
    path: '/interaction/settings',
    label: '互动交流设置与统计',
    icon: <SettingOutlined />,
    anyOf: ['business.read'],
    order: 54,
  },
];

export const cards: DashboardCard[] = [
  {
    key: 'interaction-due',
    title: '互动交流期限',
    anyOf: ['business.read'],
    element: <DueCard />,
    order: 50,
  },
];
