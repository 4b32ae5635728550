import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { json, mockFetch, Providers } from '../../test/helpers';
import { WordTemplates } from './WordTemplates';

const T = { timeout: 8000 };
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LIST = {
  items: [
    {
      kind: 'reply',
      kindLabel: '答复告知书',
      fileName: '我局答复告知书.docx',
      sizeBytes: 12000,
      sha256: 'a'.repeat(64),
      placeholders: ['标题', '正文段落'],
      uploadedAt: '2026-12-07T01:30:00.000Z',
    },
  ],
  layout: [
    { name: '标题', description: '文书标题（必填）' },
    { name: '#正文段落', description: '正文循环开始（必填）' },
  ],
  kinds: [
    { kind: 'reply', kindLabel: '答复告知书', placeholders: ['标题', '申请人', '理由'] },
    { kind: 'receipt', kindLabel: '受理回执', placeholders: ['标题', '申请人', '查询码'] },
  ],
  maxBytes: 5242880,
};

describe('Word版式 (agencies’ own .docx layouts)', () => {
  it('shows the layout in force with its download, and lets the office remove it', async () => {
    const { calls } = mockFetch({
      'GET /api/requests/word-templates': () => json(200, LIST),
      'DELETE /api/requests/word-templates/reply': () => new Response(null, { status: 204 }),
    });
    render(
      <Providers>
        <WordTemplates kind="reply" kindLabel="答复告知书" canEdit />
      </Providers>,
    );
    expect(await screen.findByText(/我局答复告知书\.docx/, undefined, T)).toBeTruthy();
    expect(screen.getByText('使用本机关版式')).toBeTruthy();
    const starter = screen.getByText('下载内置版式模板').closest('a')!;
    expect(starter.getAttribute('href')).toBe('/api/requests/word-templates/reply/starter');
    expect(screen.getByText('下载本机关版式').closest('a')!.getAttribute('href')).toBe(
      '/api/requests/word-templates/reply/file',
    );
    expect(screen.getByText('更换Word版式')).toBeTruthy();
    fireEvent.click(screen.getByText('恢复内置版式'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }, T));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true), T);
  });

  it('a kind without a layout uses the built-in one; a reader cannot upload', async () => {
    mockFetch({ 'GET /api/requests/word-templates': () => json(200, LIST) });
    render(
      <Providers>
        <WordTemplates kind="receipt" kindLabel="受理回执" canEdit={false} />
      </Providers>,
    );
    expect(await screen.findByText('使用内置版式（GB/T 9704 信函格式）', undefined, T)).toBeTruthy();
    expect(screen.queryByText('上传Word版式')).toBeNull();
    expect(screen.queryByText('恢复内置版式')).toBeNull();
    expect(screen.getByText('只有政务公开办可以上传Word版式。')).toBeTruthy();
  });
});
