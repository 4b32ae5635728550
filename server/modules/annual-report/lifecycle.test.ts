import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FROM,
  assertTransition,
  blockingErrors,
  canTransition,
  daysBetween,
  deadlineOf,
  dueReportYear,
  liveOverrides,
} from './lifecycle.js';
import { findingKey } from './generator.js';
import type { Finding } from './types.js';

const err: Finding = {
  ruleId: 'R1',
  severity: 'error',
  cells: [{ table: 'table3', row: 'new', col: 'total' }],
  expected: 1,
  actual: 2,
  messageZh: 'x',
};
const warn: Finding = { ...err, ruleId: 'R4', severity: 'warning' };

describe('lifecycle', () => {
  it('allows each action only from its statuses', () => {
    expect(canTransition('draft', 'check')).toBe(true);
    expect(canTransition('draft', 'approve')).toBe(false);
    expect(canTransition('checked', 'approve')).toBe(true);
    expect(canTransition('approved', 'publish')).toBe(true);
    expect(canTransition('checked', 'publish')).toBe(false);
    expect(canTransition('published', 'edit')).toBe(false);
    expect(canTransition('published', 'correct')).toBe(true);
    expect(ALLOWED_FROM.generate).not.toContain('approved');
    expect(() => assertTransition('published', 'generate')).toThrow(/已发布/);
  });

  it('only errors without a written override block', () => {
    expect(blockingErrors([err, warn], {})).toEqual([err]);
    expect(blockingErrors([err, warn], { [findingKey(err)]: { reason: 'r', by: 'b', at: 'a' } })).toEqual([]);
    expect(liveOverrides([warn], { [findingKey(err)]: { reason: 'r', by: 'b', at: 'a' } })).toEqual({});
  });

  it('the deadline is 31 January of the next year, a calendar date', () => {
    expect(deadlineOf(2025)).toBe('2026-01-31');
    expect(daysBetween('2026-01-10', '2026-01-31')).toBe(21);
    expect(daysBetween('2026-02-02', '2026-01-31')).toBe(-2);
    expect(dueReportYear('2026-02-02', false)).toBe(2025);
    expect(dueReportYear('2026-02-02', true)).toBe(2026);
  });
});
