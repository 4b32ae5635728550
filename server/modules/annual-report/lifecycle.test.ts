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
  publicationBlocks,
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

describe('publication guards', () => {
  const t1: Finding = {
    ruleId: 'T1',
    severity: 'warning',
    cells: [],
    expected: null,
    actual: null,
    messageZh: '提示',
  };
  const err: Finding = {
    ruleId: 'R1',
    severity: 'error',
    cells: [],
    expected: 1,
    actual: 2,
    messageZh: '错',
  };
  it('a prompt left blocks like an error and cannot be overridden', () => {
    const b = publicationBlocks({ year: 2025, today: '2026-01-10', findings: [t1], overrides: {} });
    expect(b.map((x) => x.code)).toEqual(['report_has_prompts']);
    expect(b[0]?.messageZh).toContain('【请填写…】');
  });
  it('the year must have ended: 2026 on 2026-07-15 and 2026-12-31 is refused, on 2027-01-01 and 2027-01-03 allowed', () => {
    for (const today of ['2026-07-15', '2026-12-31']) {
      const b = publicationBlocks({ year: 2026, today, findings: [], overrides: {} });
      expect(b.map((x) => x.code)).toEqual(['report_year_not_ended']);
      expect(b[0]?.messageZh).toBe('2026年度尚未结束，2027年1月1日起方可审定和发布（现在可以起草和检查）');
    }
    for (const today of ['2027-01-01', '2027-01-03']) {
      expect(publicationBlocks({ year: 2026, today, findings: [], overrides: {} })).toEqual([]);
    }
  });
  it('lists every reason, errors first; an overridden error no longer blocks', () => {
    const all = publicationBlocks({ year: 2026, today: '2026-07-15', findings: [err, t1], overrides: {} });
    expect(all.map((x) => x.code)).toEqual([
      'report_has_errors',
      'report_has_prompts',
      'report_year_not_ended',
    ]);
  });
});
