import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { json, mockFetch } from '../../test/helpers';
import { collapseEdits, History, ItemDetail } from './ItemDetail';
import type { ItemEvent } from './api';
import { item, WithAuth } from './testFixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ev = (id: string, action: string, actorName: string, comment: string | null = null): ItemEvent => ({
  id,
  revisionId: 'r1',
  action,
  fromState: null,
  toState: null,
  actorName,
  comment,
  at: `2026-03-02T02:0${id}:00Z`,
});

describe('item history', () => {
  it('folds consecutive autosaves of one person into one step with the changed fields', () => {
    const out = collapseEdits([
      ev('1', 'create', '李信息'),
      ev('2', 'edit', '李信息', 'title'),
      ev('3', 'edit', '李信息', 'bodyHtml,title'),
      ev('4', 'submit', '李信息'),
      ev('5', 'edit', '李信息', 'summary'),
    ]);
    expect(out.map((e) => [e.action, e.times, e.comment])).toEqual([
      ['create', 1, null],
      ['edit', 2, 'title,bodyHtml'],
      ['submit', 1, null],
      ['edit', 1, 'summary'],
    ]);
  });

  it('shows each step with its actor and opinion, in Chinese', async () => {
    mockFetch({
      'GET /api/catalog/items/i1/history': () =>
        json(200, {
          events: [
            ev('1', 'edit', '李信息', 'title,docNumber'),
            {
              ...ev('2', 'review_reject', '赵保密', '正文含身份证号'),
              toState: 'draft',
              fromState: 'reviewing',
            },
          ],
        }),
    });
    render(
      <WithAuth perms={['business.read']}>
        <History itemId="i1" tick={0} />
      </WithAuth>,
    );
    expect(await screen.findByText('修改了标题、文号')).toBeTruthy();
    expect(screen.getByText('保密审查退回')).toBeTruthy();
    expect(screen.getByText('正文含身份证号')).toBeTruthy();
    expect(screen.getByText(/赵保密/)).toBeTruthy();
  });
});

describe('item detail actions', () => {
  it('offers only the actions the server allows, and withdraws with a reason', async () => {
    const published = item(
      {
        status: 'published',
        allowedActions: ['withdraw', 'repeal', 'new_revision'],
        working: null,
        workingRevision: null,
      },
      {},
    );
    const { calls } = mockFetch({
      'GET /api/catalog/items/i1/history': () => json(200, { events: [] }),
      'POST /api/catalog/items/i1/withdraw': () => json(200, { ...published, status: 'withdrawn' }),
    });
    const onChanged = vi.fn();
    render(
      <WithAuth perms={['catalog.admin', 'catalog.draft', 'business.read']}>
        <ItemDetail item={published} onChanged={onChanged} />
      </WithAuth>,
    );
    expect(screen.queryByRole('button', { name: /编辑草稿/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /提交审查/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /撤回发布/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /撤回发布/ }));
    expect(await within(dialog).findByText('请填写撤回理由')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('撤回理由'), { target: { value: '内容已过时' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /撤回发布/ }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: '内容已过时' });
  });
});
