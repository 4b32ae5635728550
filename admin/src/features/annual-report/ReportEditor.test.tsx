import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AuthContext, allows, type AuthValue } from '../../app/auth';
import type { Permission } from '../../api/types';
import { json, mockFetch, PERMS, Providers } from '../../test/helpers';
import { ReportEditor, renderLive } from './ReportEditor';
import type { ReportView } from './api';

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

const label = (text: string, colSpan = 1, header = false) => ({
  kind: 'label' as const,
  text,
  rowSpan: 1,
  colSpan,
  header,
});
const value = (row: string, col: string) => ({
  kind: 'value' as const,
  ref: { table: 'table3' as const, row, col },
  valueType: 'count' as const,
  rowSpan: 1,
  colSpan: 1,
});

function view(over: Partial<ReportView> = {}): ReportView {
  const layout = {
    columnCount: 2,
    headerRowCount: 1,
    rows: [
      [label('项目', 1, true), label('总计', 1, true)],
      [label('一、本年新收政府信息公开申请数量'), value('new', 'total')],
    ],
  };
  return {
    id: 'r1',
    orgId: 'o1',
    year: 2025,
    formatId: '2021',
    status: 'draft',
    statusLabel: '草稿',
    version: 1,
    correctionReason: null,
    publishedVersion: 0,
    generatedAt: '2026-01-10T00:00:00Z',
    checkedAt: null,
    approvedAt: null,
    updatedAt: '2026-01-10T00:00:00Z',
    deadline: '2026-01-31',
    daysLeft: 21,
    format: {
      id: '2021',
      title: '《中华人民共和国政府信息公开工作年度报告格式》',
      issuingDocument: '国办公开办函〔2021〕30号',
      sections: [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ].map((heading, i) => ({ numeral: String(i), heading })),
      table2: { layoutStyle: 'single', layouts: [], subTables: [] },
      table3: { columns: [], rows: [], headerNote: '', resultGroupLabel: '三、本年度办理结果', layout },
      table4: { columns: [], layout: { columnCount: 1, headerRowCount: 0, rows: [] } },
    },
    tables: { table2: {}, table3: { new: [0, 0, 0, 0, 0, 0, 2] }, table4: [] },
    drill: { 'table3|new|total': { source: 'requests', ids: ['case-a', 'case-b'] } },
    variables: { 本年新收: '2', 信息处理费: '0', 年度: '2025' },
    texts: {
      one: '本年新收政府信息公开申请{{本年新收}}件。',
      five: '无。',
      six: '共收取信息处理费{{信息处理费}}元。',
    },
    rendered: { one: '本年新收政府信息公开申请2件。', five: '无。', six: '共收取信息处理费0元。' },
    findings: [
      {
        key: 'R2:table3|r7|total',
        ruleId: 'R2',
        severity: 'error',
        cells: [{ table: 'table3', row: 'new', col: 'total' }],
        expected: 2,
        actual: 1,
        messageZh: '表三“总计”列：各项办理结果之和为2，与（七）总计1不符',
        override: null,
      },
    ],
    blocking: 1,
    versions: [],
    ...over,
  };
}

function renderEditor(perms: readonly string[]) {
  return render(
    <Providers>
      <AuthContext.Provider value={authFor(perms)}>
        <ReportEditor id="r1" />
      </AuthContext.Provider>
    </Providers>,
  );
}

describe('annual report editor', () => {
  it('renders placeholders live', () => {
    expect(renderLive('申请{{本年新收}}件{{未知}}', { 本年新收: '3' })).toBe('申请3件{{未知}}');
  });

  it('shows the table, drills down from a cell to its records and marks the flagged cell', async () => {
    mockFetch({ 'GET /api/annual-reports/r1': () => json(200, view()) });
    renderEditor(PERMS.office);
    const cellButton = await screen.findByRole('button', { name: '2，查看明细' });
    expect(cellButton.closest('td')?.className).toContain('ar-flagged');
    expect(screen.getByText('还有1项错误未更正或书面说明，不能进入审批和发布')).toBeTruthy();
    fireEvent.click(cellButton);
    const drawer = await screen.findByText('共 2 条记录：');
    expect(drawer).toBeTruthy();
    expect(screen.getByRole('link', { name: 'case-a' }).getAttribute('href')).toBe('/admin/requests/case-a');
  });

  it('saves a written override reason for an error', async () => {
    const { calls } = mockFetch({
      'GET /api/annual-reports/r1': () => json(200, view()),
      'PUT /api/annual-reports/r1/overrides': () =>
        json(
          200,
          view({
            blocking: 0,
            findings: [
              { ...view().findings[0]!, override: { reason: '待复核后更正', by: '王政务', at: 'x' } },
            ],
          }),
        ),
    });
    renderEditor(PERMS.office);
    fireEvent.click(await screen.findByRole('tab', { name: /校验结果/ }));
    const input = await screen.findByRole('textbox', { name: 'R2 的书面说明' });
    fireEvent.change(input, { target: { value: '待复核后更正' } });
    fireEvent.click(screen.getByRole('button', { name: '保存说明' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      key: 'R2:table3|r7|total',
      reason: '待复核后更正',
    });
    await screen.findByText('已书面说明');
  });

  it('offers approval only to the leader, on a checked report', async () => {
    mockFetch({
      'GET /api/annual-reports/r1': () =>
        json(200, view({ status: 'checked', statusLabel: '已校验', blocking: 0, findings: [] })),
    });
    renderEditor(['org.read', 'business.read', 'report.approve']);
    expect(await screen.findByRole('button', { name: '审批通过' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^校\s?验$/ })).toBeNull();
    cleanup();
    renderEditor(PERMS.office);
    await screen.findByRole('button', { name: /^校\s?验$/ });
    expect(screen.queryByRole('button', { name: '审批通过' })).toBeNull();
  });

  it('previews the narrative with live numbers while editing', async () => {
    mockFetch({ 'GET /api/annual-reports/r1': () => json(200, view()) });
    renderEditor(PERMS.office);
    fireEvent.click(await screen.findByRole('tab', { name: '正文' }));
    const box = await screen.findByRole('textbox', { name: '一、总体情况 正文' });
    fireEvent.change(box, { target: { value: '共收到申请{{本年新收}}件，办理及时。' } });
    const preview = screen.getByLabelText('一、总体情况 预览');
    expect(within(preview).getByText('共收到申请2件，办理及时。')).toBeTruthy();
  });
});
