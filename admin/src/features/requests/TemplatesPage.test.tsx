import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuthContext, allows, type AuthValue } from '../../app/auth';
import type { Permission } from '../../api/types';
import { json, mockFetch, PERMS, problem, Providers } from '../../test/helpers';
import RequestsPage from './RequestsPage';
import { placeholderProblem } from './TemplatesPage';
import type { Templates } from './api';

const T = { timeout: 8000 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/admin/');
});

function renderAt(path: string, perms: readonly string[]) {
  const permissions = new Set(perms as Permission[]);
  const auth: AuthValue = {
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
  window.history.replaceState(null, '', `/admin${path}`);
  render(
    <Providers>
      <AuthContext.Provider value={auth}>
        <RequestsPage />
      </AuthContext.Provider>
    </Providers>,
  );
}

const PLACEHOLDERS = [
  { name: '机关名称', description: '本机关全称', sample: '示例市应急管理局' },
  { name: '申请人', description: '申请人姓名或名称', sample: '张三' },
  { name: '日期', description: '文书日期', sample: '2026年12月7日' },
  { name: '补正期限', description: '提交补正的期限', sample: '2026年12月22日', kinds: ['supplement'] },
];
const TEMPLATES: Templates = {
  placeholders: PLACEHOLDERS,
  settings: { reviewBody: '示例市人民政府', court: null },
  items: [
    {
      kind: 'receipt',
      kindLabel: '受理回执',
      outcomeCode: '',
      title: '政府信息公开申请受理回执',
      body: '{{申请人}}：\n\n本机关已收到您的申请。',
      customised: false,
      placeholders: ['申请人'],
    },
    {
      kind: 'supplement',
      kindLabel: '补正告知书',
      outcomeCode: '',
      title: '政府信息公开申请补正告知书',
      body: '{{申请人}}：\n\n请于{{补正期限}}前补正。',
      customised: true,
      placeholders: ['申请人', '补正期限'],
    },
  ],
};

describe('文书模板 (letter templates)', () => {
  it('previews the letter with sample values, flags a placeholder the kind cannot use, and saves', async () => {
    const { calls } = mockFetch({
      'GET /api/requests/meta': () =>
        json(200, {
          outcomes: [],
          applicantTypes: [],
          channels: [],
          stages: [],
          letterKinds: [],
          withholdingGrounds: [],
          clockRuleNotes: [],
          feeNotes: [],
        }),
      'GET /api/requests/templates': () => json(200, TEMPLATES),
      'PUT /api/requests/templates': (c) =>
        json(200, { ...TEMPLATES.items[0], ...(c.body as object), customised: true }),
    });
    renderAt('/requests/templates', PERMS.office);
    const preview = await screen.findByRole('document', { name: '文书预览' }, T);
    expect(preview.textContent).toContain('示例市应急管理局'); // 红头 and 落款
    expect(preview.textContent).toContain('张三：');
    expect(preview.textContent).toContain('（印章）');
    expect(preview.textContent).toContain('2026年12月7日');
    expect(screen.getByLabelText<HTMLInputElement>('行政复议机关').value).toBe('示例市人民政府');

    const body = screen.getByLabelText<HTMLTextAreaElement>('正文（空一行分段）');
    fireEvent.change(body, { target: { value: '{{申请人}}：\n\n请于{{补正期限}}前补正。' } });
    expect(await screen.findByText('该文书不能使用占位符{{补正期限}}')).toBeTruthy();
    expect(screen.getByRole('button', { name: '保存模板' })).toHaveProperty('disabled', true);

    fireEvent.change(body, { target: { value: '{{申请人}}：\n\n本机关已于今日收到您的申请。' } });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '保存模板' })).toHaveProperty('disabled', false),
    );
    fireEvent.click(screen.getByRole('button', { name: '保存模板' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toMatchObject({
      kind: 'receipt',
      outcomeCode: '',
      body: '{{申请人}}：\n\n本机关已于今日收到您的申请。',
    });
  });

  it("shows the server's Chinese message when it refuses the template", async () => {
    mockFetch({
      'GET /api/requests/meta': () =>
        json(200, {
          outcomes: [],
          applicantTypes: [],
          channels: [],
          stages: [],
          letterKinds: [],
          withholdingGrounds: [],
          clockRuleNotes: [],
          feeNotes: [],
        }),
      'GET /api/requests/templates': () => json(200, TEMPLATES),
      'PUT /api/requests/templates': () => problem(400, 'template_required', '文书标题和正文不能为空'),
    });
    renderAt('/requests/templates', PERMS.office);
    await screen.findByRole('document', { name: '文书预览' }, T);
    // Under load the button can come a render after the preview, and enabled one later still.
    const save = await screen.findByRole('button', { name: '保存模板' }, T);
    await waitFor(() => expect(save).toHaveProperty('disabled', false), T);
    fireEvent.click(save);
    expect(await screen.findByText('文书标题和正文不能为空', undefined, T)).toBeTruthy();
  });

  it('checks placeholders as the server does', () => {
    expect(placeholderProblem('{{申请人}}', PLACEHOLDERS)).toBeNull();
    expect(placeholderProblem('{{申清人}}', PLACEHOLDERS)).toBe('该文书不能使用占位符{{申清人}}');
    expect(placeholderProblem('{{申请人}', PLACEHOLDERS)).toBe('占位符的大括号不完整：应写作{{名称}}');
  });
});
