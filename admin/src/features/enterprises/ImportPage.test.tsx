import { describe, expect, it } from 'vitest';
import { percentOf } from './ImportPage';
import type { ImportJob } from './api';

const job = (over: Partial<ImportJob>): ImportJob => ({
  id: 'j1',
  fileName: '企业.csv',
  mode: 'valid',
  status: 'running',
  processedRows: 0,
  totalRows: 200,
  insertedRows: 0,
  updatedRows: 0,
  unchangedRows: 0,
  errorRows: 0,
  message: null,
  createdAt: '2026-03-02T02:00:00Z',
  finishedAt: null,
  ...over,
});

describe('enterprise import progress', () => {
  it('shows rows read of the rows expected, below 100 % until the job ends', () => {
    expect(percentOf(job({ processedRows: 50 }))).toBe(25);
    expect(percentOf(job({ processedRows: 200 }))).toBe(99);
    expect(percentOf(job({ totalRows: null, processedRows: 30 }))).toBe(0);
    expect(percentOf(job({ status: 'succeeded', processedRows: 200 }))).toBe(100);
    expect(percentOf(job({ status: 'rejected' }))).toBe(100);
  });
});
