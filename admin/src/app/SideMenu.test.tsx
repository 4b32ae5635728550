import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { AuthContext, type AuthValue, allows } from './auth';
import { SideMenu } from './AppLayout';
import { visibleMenu, type MenuEntry } from '../features/registry';
import { PERMS, Providers } from '../test/helpers';
import type { Permission } from '../api/types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function authFor(perms: readonly string[]): AuthValue {
  const permissions = new Set(perms as Permission[]);
  return {
    status: 'authenticated',
    user: null,
    permissions,
    agency: null,
    notice: null,
    loadError: null,
    login: async () => undefined,
    logout: async () => undefined,
    refresh: async () => undefined,
    can: (...anyOf) => allows(permissions, anyOf),
  };
}

function menuLabels(perms: readonly string[]): string[] {
  render(
    <Providers>
      <AuthContext.Provider value={authFor(perms)}>
        <SideMenu />
      </AuthContext.Provider>
    </Providers>,
  );
  const nav = screen.getByRole('navigation', { name: '主菜单' });
  return within(nav)
    .getAllByRole('menuitem')
    .map((li) => li.textContent?.trim() ?? '');
}

describe('side menu (role-aware navigation)', () => {
  it('shows a clerk the business pages of drafting and handling, but no administration', () => {
    const labels = menuLabels(PERMS.clerk);
    expect(labels[0]).toBe('工作台');
    expect(labels).toEqual(expect.arrayContaining(['信息发布', '依申请公开', '机构与设置']));
    for (const hidden of ['栏目管理', '用户管理', '登录日志', '审计日志'])
      expect(labels).not.toContain(hidden);
  });

  it("shows the office its agency's administration but no security or audit pages", () => {
    const labels = menuLabels(PERMS.office);
    expect(labels).toEqual(
      expect.arrayContaining([
        '工作台',
        '栏目管理',
        '信息发布',
        '依申请公开',
        '年度报告',
        '工作日历',
        '用户管理',
      ]),
    );
    expect(labels).not.toContain('登录日志');
    expect(labels).not.toContain('审计日志');
  });

  it('shows the auditor the audit log but not user management or the login log', () => {
    expect(menuLabels(PERMS.auditor)).toEqual(['工作台', '通知中心', '使用手册', '机构与设置', '审计日志']);
  });

  it('shows the security admin users (read, unlock) and the login log', () => {
    expect(menuLabels(PERMS.secadmin)).toEqual([
      '工作台',
      '通知中心',
      '使用手册',
      '机构与设置',
      '用户管理',
      '登录日志',
    ]);
  });

  it('puts an appended module entry in its group, in order, for holders of any listed permission', () => {
    const entries: MenuEntry[] = [
      { key: 'home', path: '/', label: '工作台', icon: null, anyOf: [], element: null, group: 'home' },
      {
        key: 'requests',
        path: '/requests',
        label: '依申请公开',
        icon: null,
        anyOf: ['requests.handle', 'requests.admin'],
        element: null,
        group: 'business',
        order: 20,
      },
      {
        key: 'catalog',
        path: '/catalog',
        label: '栏目与信息发布',
        icon: null,
        anyOf: ['catalog.draft'],
        element: null,
        group: 'business',
        order: 10,
      },
      {
        key: 'report',
        path: '/report',
        label: '年度报告',
        icon: null,
        anyOf: ['report.edit', 'report.approve'],
        element: null,
        group: 'business',
        order: 40,
      },
    ];
    const clerk = visibleMenu(new Set(PERMS.clerk), entries);
    expect(clerk.map((g) => [g.label, g.entries.map((e) => e.label)])).toEqual([
      ['工作台', ['工作台']],
      ['公开业务', ['栏目与信息发布', '依申请公开']],
    ]);
    const auditor = visibleMenu(new Set(PERMS.auditor), entries);
    expect(auditor.map((g) => g.label)).toEqual(['工作台']);
  });
});
