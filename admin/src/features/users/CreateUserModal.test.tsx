import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CreateUserModal } from './UserFormModals';
import { api } from '../../api/client';
import { json, mockFetch, problem, Providers } from '../../test/helpers';
import type { OrgView } from '../../api/types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const org = (id: string, name: string, kind: OrgView['kind'], parentId: string | null): OrgView => ({
  id,
  parentId,
  kind,
  code: id,
  name,
  shortName: null,
  creditCode: null,
  address: null,
  postcode: null,
  officeHours: null,
  phone: null,
  fax: null,
  email: null,
  portalHost: null,
  footerSponsor: null,
  siteCode: null,
  icpNumber: null,
  policeRecordNumber: null,
  isDefault: false,
  sortOrder: 0,
  retired: false,
});

const ORGS = [
  org('a1', '某市人力资源和社会保障局', 'department', null),
  org('d1', '办公室', 'division', 'a1'),
];
const ROLES = {
  items: [
    { role: 'clerk', label: '信息员' },
    { role: 'reviewer', label: '保密审查员' },
    { role: 'sysadmin', label: '系统管理员' },
  ],
};

function renderModal(onClose = vi.fn()) {
  render(
    <Providers>
      <CreateUserModal open orgs={ORGS} defaultOrgId="a1" canAssignSystem={false} onClose={onClose} />
    </Providers>,
  );
  return onClose;
}

async function fillAndSubmit() {
  fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'zhangsan' } });
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
  fireEvent.click(await screen.findByRole('checkbox', { name: '信息员' }));
  fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
}

describe('create-user dialog', () => {
  it('shows the generated initial password once, with a copy button and warning, and forgets it on close', async () => {
    api.setCsrfToken('csrf-office');
    const { calls } = mockFetch({
      'GET /api/roles': () => json(200, ROLES),
      'POST /api/users': () =>
        json(201, {
          user: {
            id: 'u9',
            username: 'zhangsan',
            displayName: '张三',
            orgId: 'a1',
            divisionId: null,
            roles: ['clerk'],
            disabled: false,
            mustChangePassword: true,
            lockedUntil: null,
            lastLoginAt: null,
            createdAt: '2026-03-01T00:00:00Z',
          },
          initialPassword: 'Kp7#mQ2x@Rt9',
        }),
    });
    const onClose = renderModal();
    // 三员 cannot be handed out by the office: the box is there but disabled.
    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: '系统管理员' })).disabled).toBe(
      true,
    );
    await fillAndSubmit();

    expect(await screen.findByText('Kp7#mQ2x@Rt9')).toBeTruthy();
    expect(screen.getByText('初始密码仅显示这一次')).toBeTruthy();
    expect(screen.getByRole('button', { name: /复制密码/ })).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      username: 'zhangsan',
      displayName: '张三',
      orgId: 'a1',
      divisionId: null,
      roles: ['clerk'],
    });
    expect(post.headers['x-csrf-token']).toBe('csrf-office');

    fireEvent.click(screen.getByRole('button', { name: '我已记录，关闭' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByText('Kp7#mQ2x@Rt9')).toBeNull());
  });

  it("puts the server's field error under the matching form item", async () => {
    mockFetch({
      'GET /api/roles': () => json(200, ROLES),
      'POST /api/users': () => problem(409, 'username_taken', '用户名已存在', { field: 'username' }),
    });
    renderModal();
    await fillAndSubmit();
    const msg = await screen.findByText('用户名已存在');
    expect(msg.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('用户名');
    expect(screen.queryByText('初始密码仅显示这一次')).toBeNull();
  });

  it('requires at least one role before calling the server', async () => {
    const { calls } = mockFetch({ 'GET /api/roles': () => json(200, ROLES) });
    renderModal();
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'zhangsan' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    expect(await screen.findByText('至少分配一个角色')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});
