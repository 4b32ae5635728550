/**
 * THE extension point of the console. A feature module adds its pages by appending a MenuEntry to
 * `menuEntries` and, optionally, a DashboardCard to `dashboardCards` (both below). The side menu,
 * the route guard and the 工作台 all read these lists and show only what the user's permissions
 * open (`anyOf`: at least one of them; an empty list means every signed-in user). The server
 * checks the same permissions on every call, so hiding is convenience, not security.
 *
 * Pages are lazy-loaded so each module's code ships in its own chunk.
 */
import { lazy, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '../api/types';
import { allows } from '../app/auth';
import { isUnder } from '../app/router';
import * as calendar from './calendar/menu';
import * as catalog from './catalog/menu';
import * as requests from './requests/menu';
import * as enforcement from './enforcement/menu';
import * as annualReport from './annual-report/menu';
import * as enterprises from './enterprises/menu';
import * as interaction from './interaction/menu';
import * as notify from './notify/menu';
import * as warnings from './warnings/menu';
import * as events from './events/menu';
import * as statistics from './statistics/menu';
import * as supervision from './supervision/menu';
import * as selfcheck from './selfcheck/menu';
import * as scorecards from './scorecards/menu';

/** Feature folders that contribute menu entries and dashboard cards (each has a menu.tsx). */
const features = [
  catalog,
  requests,
  enforcement,
  annualReport,
  calendar,
  interaction,
  enterprises,
  warnings,
  notify,
  events,
  statistics,
  supervision,
  selfcheck,
  scorecards,
];

/** Side-menu sections, in display order. */
export const MENU_GROUPS = [
  { key: 'home', label: '工作台' },
  { key: 'business', label: '公开业务' },
  { key: 'org', label: '机构与用户' },
  { key: 'security', label: '安全与审计' },
] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number]['key'];

export interface MenuEntry {
  /** Unique, stable key (also the menu item key). */
  key: string;
  /** Path inside the console (`/users` → `/admin/users`); sub-paths (`/users/…`) belong to the same entry. */
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown when the user holds at least one of these; `[]` = every signed-in user. */
  anyOf: Permission[];
  /** The page; it may read `useRoute().path` for its own sub-routes. */
  element: ReactNode;
  group: MenuGroup;
  /** Order inside the group (ascending; default 100). */
  order?: number;
  /** Hidden when the user holds any of these (e.g. a supervisor-only view that a case handler does not need). */
  noneOf?: Permission[];
  /** Keys of entries this one stands in for: while this entry is shown, those are hidden. */
  replaces?: string[];
}

export interface DashboardCard {
  key: string;
  title: string;
  anyOf: Permission[];
  element: ReactNode;
  /** Columns out of 24 on wide screens (default 12). */
  span?: number;
  order?: number;
}

const OrgsPage = lazy(() => import('./orgs/OrgsPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const LoginLogPage = lazy(() => import('./security/LoginLogPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const HomePage = lazy(() => import('./home/HomePage'));
const ManualPage = lazy(() => import('./help/ManualPage'));
const AccountCard = lazy(() => import('./home/cards').then((m) => ({ default: m.AccountCard })));
const ShortcutsCard = lazy(() => import('./home/cards').then((m) => ({ default: m.ShortcutsCard })));

export const menuEntries: MenuEntry[] = [
  {
    key: 'home',
    path: '/',
    label: '工作台',
    icon: <HomeOutlined />,
    anyOf: [],
    element: <HomePage />,
    group: 'home',
  },
  // Business modules contribute through their features/<name>/menu.tsx (see `features` above).
  ...features.flatMap((f) => f.menu),
  {
    // The user manual (docs/manual), opened by every page's 帮助 button at its section.
    key: 'manual',
    path: '/manual',
    label: '使用手册',
    icon: <ReadOutlined />,
    anyOf: [],
    element: <ManualPage />,
    group: 'home',
    order: 1000,
  },
  {
    key: 'orgs',
    path: '/orgs',
    label: '机构与设置',
    icon: <ApartmentOutlined />,
    anyOf: ['org.read'],
    element: <OrgsPage />,
    group: 'org',
    order: 10,
  },
  {
    key: 'users',
    path: '/users',
    label: '用户管理',
    icon: <TeamOutlined />,
    anyOf: ['user.manage.agency', 'user.manage.system', 'security.read'],
    element: <UsersPage />,
    group: 'org',
    order: 20,
  },
  {
    key: 'logins',
    path: '/security/logins',
    label: '登录日志',
    icon: <SafetyCertificateOutlined />,
    anyOf: ['security.read'],
    element: <LoginLogPage />,
    group: 'security',
    order: 10,
  },
  {
    key: 'audit',
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    anyOf: ['audit.read'],
    element: <AuditPage />,
    group: 'security',
    order: 20,
  },
];

export const dashboardCards: DashboardCard[] = [
  { key: 'account', title: '我的账号', anyOf: [], element: <AccountCard />, order: 10 },
  { key: 'shortcuts', title: '常用功能', anyOf: [], element: <ShortcutsCard />, order: 20 },
  ...features.flatMap((f) => f.cards),
];

const byOrder = <T extends { order?: number }>(a: T, b: T) => (a.order ?? 100) - (b.order ?? 100);

/** Menu entries the permissions open, grouped in MENU_GROUPS order (empty groups left out). */
export function visibleMenu(
  permissions: ReadonlySet<Permission>,
  entries: readonly MenuEntry[] = menuEntries,
) {
  const open = entries.filter(
    (e) => allows(permissions, e.anyOf) && !e.noneOf?.some((p) => permissions.has(p)),
  );
  const replaced = new Set(open.flatMap((e) => e.replaces ?? []));
  return MENU_GROUPS.map((g) => ({
    ...g,
    entries: open.filter((e) => e.group === g.key && !replaced.has(e.key)).sort(byOrder),
  })).filter((g) => g.entries.length > 0);
}

/** Dashboard cards the permissions open, in order. */
export function visibleDashboardCards(
  permissions: ReadonlySet<Permission>,
  cards: readonly DashboardCard[] = dashboardCards,
): DashboardCard[] {
  return cards.filter((c) => allows(permissions, c.anyOf)).sort(byOrder);
}

/** The entry owning `path` (longest matching prefix), whether or not the user may open it. */
export function entryForPath(
  path: string,
  entries: readonly MenuEntry[] = menuEntries,
): MenuEntry | undefined {
  return entries.filter((e) => isUnder(e.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
}
