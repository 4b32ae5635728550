import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { api } from '../../api/client';
import { json, mockFetch, PERMS, problem } from '../../test/helpers';
import { ItemEditor } from './ItemEditor';
import { COLUMNS, finding, item, WithAuth } from './testFixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderEditor(current: ReturnType<typeof item> | null) {
  render(
    <WithAuth perms={PERMS.clerk}>
      <ItemEditor item={current} columns={COLUMNS} autosaveDelayMs={5} scanDelayMs={5} />
    </WithAuth>,
  );
}

const NOTHING = { findings: [], unresolved: 0, unscannedAttachments: [] };

describe('item editor', () => {
  it('saves the draft while the clerk types and shows the live scan findings with the snippet marked', async () => {
    api.setCsrfToken('csrf-clerk');
    // A stored scan: the editor shows it at once and does not rescan on opening.
    const draft = item({}, { scanFindings: [] });
    const { calls } = mockFetch({
      'PATCH /api/catalog/items/i1': (c) =>
        json(200, item({}, { title: (c.body as { title: string }).title })),
      'POST /api/catalog/scan': () =>
        json(200, {
          findings: [
            finding(),
            finding({
              kind: 'secrecy_mark',
              labelZh: '密级标志（密级★保密期限）',
              severity: 'block',
              masked: '机密★1年',
              context: '机密★1年 关于开展',
              fingerprint: 'secrecy_mark:x',
              source: 'title',
            }),
          ],
          unresolved: 2,
          unscannedAttachments: ['现场照片.zip'],
        }),
    });
    renderEditor(draft);

    fireEvent.change(screen.getByLabelText('标题'), {
      target: { value: '机密★1年 关于开展安全生产大检查的通知' },
    });

    const rows = await screen.findAllByTestId('scan-finding');
    expect(rows).toHaveLength(2);
    const id = rows[0]!;
    expect(within(id).getByText('居民身份证号')).toBeTruthy();
    expect(within(id).getByText('位于正文')).toBeTruthy();
    // The masked value is what is highlighted; the full number never reaches the page.
    expect(id.querySelector('mark')?.textContent).toBe('330102********1234');
    expect(within(rows[1]!).getByText('禁止发布')).toBeTruthy();
    expect(within(rows[1]!).getByText('位于标题')).toBeTruthy();
    expect(screen.getByText('发现 2 处待处理')).toBeTruthy();
    expect(screen.getByText(/现场照片\.zip/)).toBeTruthy();

    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['x-csrf-token']).toBe('csrf-clerk');
    // Only the changed field is sent, so the history names what changed.
    expect(patch.body).toEqual({ title: '机密★1年 关于开展安全生产大检查的通知' });
    // The scan reads the form's text itself (no need to wait for the save) and stores nothing.
    const scan = calls.find((c) => c.url === '/api/catalog/scan')!;
    expect(scan.headers['x-csrf-token']).toBe('csrf-clerk');
    expect(scan.body).toMatchObject({
      title: '机密★1年 关于开展安全生产大检查的通知',
      summary: '部署全市安全生产大检查',
      bodyHtml: '<p>各区应急管理局：</p>',
      attachmentIds: [],
      itemId: 'i1',
    });
    expect(calls.some((c) => c.url.endsWith('/i1/scan'))).toBe(false);
  });

  it('checks a new item while it is typed, before any save', async () => {
    const { calls } = mockFetch({
      'POST /api/catalog/scan': () =>
        json(200, { findings: [finding({ source: 'title' })], unresolved: 1, unscannedAttachments: [] }),
    });
    renderEditor(null);
    expect(screen.getByText('输入标题或正文后将自动检查')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '王某身份证号330102199001011234' } });
    expect(await screen.findByText('发现 1 处待处理')).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/catalog/scan']);
    expect(calls[0]!.body).toMatchObject({ itemId: null, attachmentIds: [] });
  });

  it('scans an opened draft that has no stored scan, and says so when a scan fails', async () => {
    let fail = false;
    const { calls } = mockFetch({
      'POST /api/catalog/scan': () =>
        fail ? problem(500, 'internal', '服务器内部错误') : json(200, NOTHING),
      'PATCH /api/catalog/items/i1': () => json(200, item()),
    });
    renderEditor(item({ attachments: [] }));
    expect(await screen.findByText('未发现待处理问题')).toBeTruthy();
    expect(calls[0]!.url).toBe('/api/catalog/scan');
    fail = true;
    fireEvent.change(screen.getByLabelText('内容概述'), { target: { value: '部署检查' } });
    expect(await screen.findByText('检查失败，修改内容后将重试')).toBeTruthy();
    // A failed check is no form error.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the scan finds nothing', async () => {
    mockFetch({
      'PATCH /api/catalog/items/i1': () => json(200, item()),
      'POST /api/catalog/scan': () => json(200, NOTHING),
    });
    renderEditor(item());
    fireEvent.change(screen.getByLabelText('内容概述'), { target: { value: '部署检查' } });
    expect(await screen.findByText('未发现待处理问题')).toBeTruthy();
    expect(screen.queryAllByTestId('scan-finding')).toHaveLength(0);
  });

  it('validates required fields and the 文号 before calling the server', async () => {
    const { calls } = mockFetch({});
    renderEditor(null);
    fireEvent.change(screen.getByLabelText('文号'), { target: { value: '示应急2026年3号' } });
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    expect(await screen.findByText('请输入标题')).toBeTruthy();
    // Each field's validator settles on its own tick (the 文号 one is async): wait for all three messages.
    await waitFor(() => {
      const errors = [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);
      expect(errors).toContain('请选择栏目');
      expect(errors.some((e) => e?.startsWith('文号格式应为“机关代字〔年份〕序号号”'))).toBe(true);
    });
    expect(calls).toEqual([]);
  });

  it('turns other brackets around the year into 〔〕', async () => {
    mockFetch({});
    renderEditor(null);
    const input = screen.getByLabelText<HTMLInputElement>('文号');
    fireEvent.change(input, { target: { value: '示应急[2026]3号' } });
    fireEvent.blur(input);
    await waitFor(() => expect(input.value).toBe('示应急〔2026〕3号'));
  });

  it("puts the server's field error under the field and keeps the form", async () => {
    mockFetch({
      'PATCH /api/catalog/items/i1': () =>
        problem(400, 'generated_on_in_future', '成文日期不能晚于今天', { field: 'generatedOn' }),
      'POST /api/catalog/scan': () => json(200, NOTHING),
    });
    renderEditor(item());
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '新标题' } });
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => {
      const explained = [...document.querySelectorAll('.ant-form-item-explain-error')].find(
        (e) => e.textContent === '成文日期不能晚于今天',
      );
      expect(explained?.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('成文日期');
    });
    expect(screen.getByRole('alert').textContent).toContain('成文日期不能晚于今天');
  });

  it('shows the opinion of a returned draft and is read-only once submitted', () => {
    mockFetch({ 'POST /api/catalog/scan': () => json(200, NOTHING) });
    renderEditor(item({}, { returnedOpinion: '正文第二段含有当事人身份证号，请删除后重新提交' }));
    expect(screen.getByText(/正文第二段含有当事人身份证号/)).toBeTruthy();
    cleanup();
    renderEditor(item({ allowedActions: ['recall'] }, { state: 'submitted' }));
    expect(screen.getByText('当前状态不能修改')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /提交审查/ })).toBeNull();
  });
});
