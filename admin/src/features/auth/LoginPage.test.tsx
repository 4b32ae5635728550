import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../app/App';
import { json, mockFetch, PERMS, problem, Providers } from '../../test/helpers';
import type { UserView } from '../../api/types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const clerk: UserView = {
  id: 'u-clerk',
  username: 'clerk',
  displayName: '王信息',
  orgId: 'org-1',
  divisionId: null,
  roles: ['clerk'],
  disabled: false,
  mustChangePassword: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-01-05T00:00:00.000Z',
  passwordPending: false,
};

function renderApp() {
  return render(
    <Providers>
      <App />
    </Providers>,
  );
}

async function submitLogin(username: string, password: string) {
  fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
}

describe('login screen', () => {
  it("shows the server's Chinese message on wrong credentials and clears the password", async () => {
    const { calls } = mockFetch({
      'GET /api/auth/session': () => json(200, { user: null, permissions: [], csrfToken: 'csrf-anon' }),
      'POST /api/auth/login': () =>
        problem(401, 'invalid_credentials', '用户名或密码错误（还可尝试3次）', { remainingAttempts: 3 }),
    });
    renderApp();
    await submitLogin('clerk', 'wrong');

    expect(await screen.findByText('用户名或密码错误（还可尝试3次）')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('登录失败');
    expect(screen.getByLabelText<HTMLInputElement>('密码').value).toBe('');
    const login = calls.find((c) => c.url === '/api/auth/login')!;
    expect(login.body).toEqual({ username: 'clerk', password: 'wrong' });
    expect(login.headers['x-csrf-token']).toBe('csrf-anon');
  });

  it('shows the lock message of a locked account', async () => {
    mockFetch({
      'GET /api/auth/session': () => json(200, { user: null, permissions: [], csrfToken: 't' }),
      'POST /api/auth/login': () =>
        problem(423, 'account_locked', '连续5次密码错误，账号已锁定15分钟', {
          lockedUntil: '2026-03-01T08:15:00Z',
        }),
    });
    renderApp();
    await submitLogin('clerk', 'wrong');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('账号已锁定'));
    expect(alert.textContent).toContain('连续5次密码错误，账号已锁定15分钟');
  });

  it('validates empty fields in Chinese without calling the server', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/session': () => json(200, { user: null, permissions: [], csrfToken: 't' }),
    });
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('signs in, re-reads the session for a new CSRF token, and returns to login after an idle timeout', async () => {
    let signedIn = false;
    const { calls } = mockFetch({
      'GET /api/auth/session': () =>
        json(
          200,
          signedIn
            ? { user: clerk, permissions: PERMS.clerk, csrfToken: 'csrf-user' }
            : { user: null, permissions: [], csrfToken: 'csrf-anon' },
        ),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, { user: clerk, permissions: PERMS.clerk });
      },
      'GET /api/orgs/org-1': () => problem(401, 'unauthenticated', '请先登录（或登录已超时）'),
      'GET /api/roles': () => json(200, { items: [{ role: 'clerk', label: '信息员' }] }),
    });
    renderApp();
    await submitLogin('clerk', 'Gongkai@2026');
    // The first authenticated call finds the session expired (30-minute idle timeout).
    signedIn = false;
    // The 工作台 lazy-loads every module's cards first; on a loaded machine that takes longer than the default 1 s.
    expect(await screen.findByText('登录已超时，请重新登录', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByLabelText('用户名')).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.url}`).slice(0, 3)).toEqual([
      'GET /api/auth/session',
      'POST /api/auth/login',
      'GET /api/auth/session',
    ]);
  });

  it('leads a signed-in user from a bookmarked /admin/login to the 工作台', async () => {
    window.history.replaceState(null, '', '/admin/login');
    mockFetch({
      'GET /api/auth/session': () => json(200, { user: clerk, permissions: PERMS.clerk, csrfToken: 't' }),
    });
    renderApp();
    await waitFor(() => expect(window.location.pathname).toBe('/admin/'));
    // The not-found page of /login stays in the DOM (hidden by Suspense) until the 工作台's lazily loaded
    // module cards arrive, which takes seconds on a loaded machine (see the idle-timeout test above).
    await waitFor(() => expect(screen.queryByText('页面不存在')).toBeNull(), { timeout: 20_000 });
  }, 30_000);

  it('forces the change-password screen when the account must change its password', async () => {
    mockFetch({
      'GET /api/auth/session': () =>
        json(200, { user: { ...clerk, mustChangePassword: true }, permissions: PERMS.clerk, csrfToken: 't' }),
      'POST /api/auth/password': () =>
        problem(400, 'weak_password', '密码不能包含用户名', { field: 'newPassword' }),
    });
    renderApp();
    expect(await screen.findByRole('heading', { name: '请先修改密码' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '主菜单' })).toBeNull();
    expect(
      screen.getAllByText(/≥8位，至少包含大写字母、小写字母、数字、符号中的三类/).length,
    ).toBeGreaterThan(0);
    fireEvent.change(screen.getByLabelText('原密码'), { target: { value: 'Init@1234' } });
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: 'Clerk@2026x' } });
    fireEvent.change(screen.getByLabelText('确认新密码'), { target: { value: 'Clerk@2026x' } });
    fireEvent.click(screen.getByRole('button', { name: '确认修改' }));
    // The server's message lands on the 新密码 form item (problem `field`), not in a generic banner.
    const msg = await screen.findByText('密码不能包含用户名');
    expect(msg.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('新密码');
  });
});
