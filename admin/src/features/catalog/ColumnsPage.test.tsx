import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { json, mockFetch, PERMS, problem } from '../../test/helpers';
import ColumnsPage from './ColumnsPage';
import { column, COLUMNS, WithAuth } from './testFixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage(perms: readonly string[] = PERMS.office) {
  render(
    <WithAuth perms={perms}>
      <ColumnsPage />
    </WithAuth>,
  );
}

const tree = () => screen.getByRole('tree', { name: '栏目树' });

describe('column tree editor', () => {
  it('shows the three-level tree and the selected column’s rules', async () => {
    mockFetch({ 'GET /api/catalog/columns': () => json(200, { columns: COLUMNS }) });
    renderPage();
    expect(await within(await screen.findByRole('tree')).findByText('规范性文件')).toBeTruthy();
    const t = tree();
    for (const name of ['法定主动公开内容', '政策文件', '通知公告', '政府信息公开指南']) {
      expect(within(t).getByText(name)).toBeTruthy();
    }
    // The first column is selected: its form is shown.
    expect((await screen.findByLabelText<HTMLInputElement>('栏目名称')).value).toBe('法定主动公开内容');
  });

  it('finds a column by typing part of its name (type-to-search)', async () => {
    mockFetch({ 'GET /api/catalog/columns': () => json(200, { columns: COLUMNS }) });
    renderPage();
    await within(await screen.findByRole('tree')).findByText('规范性文件');
    fireEvent.change(screen.getByRole('searchbox', { name: '查找栏目' }), { target: { value: '规范' } });
    await waitFor(() => expect(within(tree()).queryByText('通知公告')).toBeNull());
    expect(within(tree()).getByText('规范性文件')).toBeTruthy();
    expect(within(tree()).getByText('政策文件')).toBeTruthy(); // its parent stays, for context
    fireEvent.change(screen.getByRole('searchbox', { name: '查找栏目' }), { target: { value: '没有这个' } });
    expect(await screen.findByText('没有名称包含“没有这个”的栏目')).toBeTruthy();
  });

  it('offers no sub-column under a third-level column', async () => {
    mockFetch({ 'GET /api/catalog/columns': () => json(200, { columns: COLUMNS }) });
    renderPage();
    fireEvent.click(await within(await screen.findByRole('tree')).findByText('规范性文件'));
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('栏目名称').value).toBe('规范性文件'));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /新增下级栏目/ }).disabled).toBe(true);
  });

  it('creates a sub-column under the selected column, inheriting its rules', async () => {
    const created = column({ id: 'c13', name: '预警信息', parentId: 'c1', depth: 2, art20Items: [12] });
    let list = COLUMNS;
    const { calls } = mockFetch({
      'GET /api/catalog/columns': () => json(200, { columns: list }),
      'POST /api/catalog/columns': () => {
        list = [...COLUMNS, created];
        return json(201, created);
      },
    });
    renderPage();
    await within(await screen.findByRole('tree')).findByText('规范性文件');
    fireEvent.click(screen.getByRole('button', { name: /新增下级栏目/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('栏目名称'), { target: { value: '预警信息' } });
    fireEvent.change(within(dialog).getByLabelText('栏目代码'), { target: { value: 'yjxx' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '短信' }));
    fireEvent.click(within(dialog).getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      parentId: 'c1',
      name: '预警信息',
      code: 'yjxx',
      art20Items: [],
      updateClass: 'periodic',
      secondApproval: false,
      channels: ['portal', 'sms'],
      description: null,
    });
    expect(await within(tree()).findByText('预警信息')).toBeTruthy();
  });

  it('shows a duplicate name under the field', async () => {
    mockFetch({
      'GET /api/catalog/columns': () => json(200, { columns: COLUMNS }),
      'PATCH /api/catalog/columns/c1': () =>
        problem(409, 'column_name_taken', '同级栏目中已有同名栏目', { field: 'name' }),
    });
    renderPage();
    const name = await screen.findByLabelText<HTMLInputElement>('栏目名称');
    fireEvent.change(name, { target: { value: '政府信息公开指南' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => {
      const err = [...document.querySelectorAll('.ant-form-item-explain-error')].find(
        (e) => e.textContent === '同级栏目中已有同名栏目',
      );
      expect(err?.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('栏目名称');
    });
  });

  it('is read-only without catalog.admin', async () => {
    mockFetch({ 'GET /api/catalog/columns': () => json(200, { columns: COLUMNS }) });
    renderPage(PERMS.clerk);
    expect(await screen.findByText('您的角色只能查看栏目设置，不能修改。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新增一级栏目/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /保\s*存/ })).toBeNull();
  });

  it('offers to create the first column when there is none', async () => {
    mockFetch({ 'GET /api/catalog/columns': () => json(200, { columns: [] }) });
    renderPage();
    expect(await screen.findByText('尚未设置栏目')).toBeTruthy();
  });
});
