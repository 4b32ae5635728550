import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { json, mockFetch } from '../../test/helpers';
import { CheckpointsCard } from './CheckpointsCard';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const item = (seq: number, status: string, problem: string | null = null) => ({
  file: `checkpoint-${String(seq).padStart(12, '0')}.json`,
  seq,
  hash: 'ab'.repeat(32),
  // 17:30 UTC on New Year's Eve is already 1 January in China.
  at: '2026-12-31T17:30:00.000Z',
  status,
  problem,
});

describe('签名检查点 (auditor)', () => {
  it('lists each checkpoint with China time, its status in words and a download link', async () => {
    mockFetch({
      'GET /api/audit/checkpoints': () =>
        json(200, {
          configured: true,
          intervalMinutes: 60,
          items: [item(12, 'valid'), item(8, 'chain_mismatch', '第8条记录的哈希与检查点不符')],
        }),
    });
    render(<CheckpointsCard />);
    expect(await screen.findByText('与链不符')).toBeTruthy();
    expect(screen.getByText('有效')).toBeTruthy();
    expect(screen.getAllByText(/2027\/1\/1 01:30:00/)).toHaveLength(2);
    expect(screen.getByText('第8条记录的哈希与检查点不符')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('1 个检查点无效或与审计日志不符');
    const link = screen.getByRole('link', { name: '下载检查点文件 checkpoint-000000000012.json' });
    expect(link.getAttribute('href')).toBe('/api/audit/checkpoints/checkpoint-000000000012.json');
    expect(screen.getByText(/每 60 分钟一次/)).toBeTruthy();
  });

  it('says when no checkpoints are written because keys are not configured', async () => {
    mockFetch({
      'GET /api/audit/checkpoints': () => json(200, { configured: false, intervalMinutes: 60, items: [] }),
    });
    render(<CheckpointsCard />);
    expect(await screen.findByText(/未配置密钥目录，系统不会生成检查点/)).toBeTruthy();
    expect(screen.getByText('暂无检查点')).toBeTruthy();
  });
});
