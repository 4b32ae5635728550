import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { json, mockFetch, Providers } from '../../test/helpers';
import type { ImportJobView } from './api';
import ImportPage, { percentOf } from './ImportPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const job = (over: Partial<ImportJobView>): ImportJobView => ({
  id: 'job-1',
  fileName: '决定.csv',
  format: 'csv',
  mode: 'valid',
  status: 'running',
  phase: 'reading',
  processedRows: 0,
  totalRows: 100,
  insertedRows: 0,
  updatedRows: 0,
  unchangedRows: 0,
  errorRows: 0,
  message: null,
  createdAt: '2026-03-02T02:00:00Z',
  finishedAt: null,
  ...over,
});

describe('ImportPage', () => {
  it('uploads with the chosen mode, polls progress and offers the error report', async () => {
    const polls = [
      job({ processedRows: 50 }),
      job({
        status: 'succeeded',
        phase: 'done',
        processedRows: 100,
        insertedRows: 97,
        errorRows: 3,
        message: '共100行：新增97条',
      }),
    ];
    const { calls } = mockFetch({
      'GET /api/enforcement/imports': () => json(200, { items: [] }),
      'POST /api/enforcement/imports': () => json(202, job({})),
      'GET /api/enforcement/imports/job-1': () => json(200, polls.shift() ?? polls[0]),
    });
    const { container } = render(
      <Providers>
        <ImportPage pollMs={5} />
      </Providers>,
    );
    const input = container.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['a,b'], '决定.csv', { type: 'text/csv' })] } });
    fireEvent.click(screen.getByLabelText(/仅导入正确的行/));
    fireEvent.click(await screen.findByRole('button', { name: /开始导入/ }));
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toContain('新增97条'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/enforcement/imports?mode=valid');
    const link = screen.getByRole('link', { name: /下载错误报告（3 行）/ });
    expect(link.getAttribute('href')).toBe('/api/enforcement/imports/job-1/errors.xlsx');
  });

  it('computes progress from processed and total rows', () => {
    expect(percentOf(job({ processedRows: 50 }))).toBe(45);
    expect(percentOf(job({ totalRows: null }))).toBe(0);
    expect(percentOf(job({ status: 'rejected' }))).toBe(100);
  });
});
