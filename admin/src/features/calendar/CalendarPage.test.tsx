import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AuthContext, allows, type AuthValue } from '../../app/auth';
import { api } from '../../api/client';
import type { Permission } from '../../api/types';
import { json, mockFetch, PERMS, problem, Providers } from '../../test/helpers';
import CalendarPage from './CalendarPage';
import { cycleDay } from './yearGrid';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/admin/');
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

function renderAt(path: string, perms: readonly string[] = PERMS.office) {
  window.history.replaceState(null, '', `/admin${path}`);
  render(
    <Providers>
      <AuthContext.Provider value={authFor(perms)}>
        <CalendarPage />
      </AuthContext.Provider>
    </Providers>,
  );
}

const YEARS = {
  currentYear: 2026,
  calendarVersion: 'cal-1234[2004…2026]',
  items: [
    {
      year: 2027,
      status: 'missing',
      builtIn: false,
      source: null,
      holidayCount: 0,
      adjustedWorkdayCount: 0,
      updatedAt: null,
      updatedByName: null,
    },
    {
      year: 2026,
      status: 'builtin',
      builtIn: true,
      source: 'chinese-days',
      holidayCount: 33,
      adjustedWorkdayCount: 6,
      updatedAt: null,
      updatedByName: null,
    },
  ],
};

describe('cycleDay', () => {
  const empty = { holidays: [], adjustedWorkdays: [], holidayNames: {} };
  it('cycles weekdays between workday and holiday, weekends through holiday and 调休上班', () => {
    const h = cycleDay(empty, '2027-01-01', '元旦'); // Friday
    expect(h).toEqual({
      holidays: ['2027-01-01'],
      adjustedWorkdays: [],
      holidayNames: { '2027-01-01': '元旦' },
    });
    expect(cycleDay(h, '2027-01-01')).toEqual(empty);
    const sat = cycleDay(empty, '2027-01-02');
    expect(sat.holidays).toEqual(['2027-01-02']);
    const adj = cycleDay(sat, '2027-01-02');
    expect(adj).toMatchObject({ holidays: [], adjustedWorkdays: ['2027-01-02'] });
    expect(cycleDay(adj, '2027-01-02')).toEqual(empty);
  });
});

describe('工作日历 page', () => {
  it('lists year coverage and flags next year as missing', async () => {
    mockFetch({ 'GET /api/calendar/years': () => json(200, YEARS) });
    renderAt('/calendar');
    expect(await screen.findByText('2027年放假安排尚未录入', { exact: false })).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByText('未发布')).toBeTruthy();
    expect(within(table).getByText('内置数据')).toBeTruthy();
    expect(within(table).getByText('33 天 / 6 天')).toBeTruthy();
  });

  it('computes working days and shows the estimate warning and skipped days', async () => {
    const { calls } = mockFetch({
      'GET /api/calendar/years': () => json(200, YEARS),
      'GET /api/calendar/add-workdays': () =>
        json(200, {
          start: '2026-12-21',
          n: 20,
          date: '2027-01-18',
          countedDays: [],
          skippedDays: [{ date: '2026-12-26', reason: '周六休息日' }],
          adjustedWorkdaysCounted: [],
          uncoveredYears: [2027],
          estimated: true,
          notice: '截止日期为预估：2027年放假安排尚未发布',
          explanation: '自 2026-12-21 的次日起算……',
          calendarVersion: 'x',
        }),
    });
    renderAt('/calendar');
    const date = await screen.findByLabelText('起算日期');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2026-12-21' } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: /计\s*算/ }));
    expect(await screen.findByText('截止日期为预估：2027年放假安排尚未发布')).toBeTruthy();
    expect(screen.getByTestId('workday-result').textContent).toContain('2027-01-18');
    expect(screen.getByText('周六休息日')).toBeTruthy();
    const call = calls.find((c) => c.url.startsWith('/api/calendar/add-workdays'));
    expect(call?.url).toBe('/api/calendar/add-workdays?date=2026-12-21&n=20');
  });

  it('enters a missing year by clicking days, sends the lists with the source, and shows server errors', async () => {
    api.setCsrfToken('csrf');
    let putBody: unknown;
    let attempt = 0;
    const missing = {
      year: 2027,
      status: 'missing',
      builtIn: false,
      schedule: null,
      builtInSchedule: null,
      override: null,
    };
    mockFetch({
      'GET /api/calendar/years/2027': () => json(200, missing),
      'PUT /api/calendar/years/2027': (call) => {
        putBody = call.body;
        attempt += 1;
        if (attempt === 1)
          return problem(400, 'invalid_schedule', '2027年放假安排须注明来源（如国办通知文号）', {
            field: 'source',
          });
        return json(200, {
          changed: true,
          recomputed: [{ module: 'requests', summary: '已重新计算 2 件依申请公开案件的期限', affected: 2 }],
          year: {
            ...missing,
            status: 'override',
            schedule: { holidays: ['2027-01-01'], adjustedWorkdays: [], holidayNames: {}, source: '国办' },
            override: {
              source: '国办',
              note: null,
              updatedAt: '2026-12-01T00:00:00Z',
              updatedByName: '公开办',
              createdAt: '2026-12-01T00:00:00Z',
            },
          },
        });
      },
    });
    renderAt('/calendar/2027');
    expect(
      await screen.findByText('截止日期为预估：2027年放假安排尚未发布', undefined, { timeout: 5000 }),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('新标记放假日的节日名称'), { target: { value: '元旦' } });
    fireEvent.click(screen.getByTitle('2027-01-01 周五 工作日'));
    expect(screen.getByTitle('2027-01-01 周五 放假（元旦）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findAllByText('2027年放假安排须注明来源（如国办通知文号）')).not.toHaveLength(0);
    expect(putBody).toEqual({
      holidays: ['2027-01-01'],
      adjustedWorkdays: [],
      holidayNames: { '2027-01-01': '元旦' },
      source: '',
      note: null,
    });

    fireEvent.change(screen.getByLabelText('来源（国务院办公厅通知名称及文号）'), {
      target: { value: '国办' },
    });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('已重新计算 2 件依申请公开案件的期限')).toBeTruthy();
    await waitFor(() => expect(putBody).toMatchObject({ source: '国办' }));
  });

  it('is read-only for handlers without calendar.manage', async () => {
    mockFetch({
      'GET /api/calendar/years/2026': () =>
        json(200, {
          year: 2026,
          status: 'builtin',
          builtIn: true,
          schedule: {
            holidays: ['2026-01-01'],
            adjustedWorkdays: ['2026-01-04'],
            holidayNames: { '2026-01-01': '元旦' },
            source: 'chinese-days',
          },
          builtInSchedule: null,
          override: null,
        }),
    });
    renderAt('/calendar/2026', PERMS.clerk);
    expect(await screen.findByTitle('2026-01-04 周日 调休上班', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /保\s*存/ })).toBeNull();
  });
});
