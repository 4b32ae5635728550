import { lazy } from 'react';
import { TrophyOutlined } from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const ScorecardsPage = lazy(() => import('./ScorecardsPage'));

/** Console pages of 考核 scorecards (lazy-loaded). */
export const menu: MenuEntry[] = [
  {
    key: 'scorecards',
    path: '/scorecards',
    label: '考核评分',
    icon: <TrophyOutlined />,
    anyOf: ['scorecards.manage', 'scorecards.view-own'],
    element: <ScorecardsPage />,
    group: 'business',
    order: 92,
  },
];

/** No dashboard card: the menu entry shows open contests on the list page. */
export const cards: DashboardCard[] = [];
