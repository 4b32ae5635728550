import { describe, expect, it } from 'vitest';
import { chinaToday, formatDateTime, formatDateTimeSeconds } from './format';

describe('times a person reads in the console are China time', () => {
  it('shows a UTC timestamp as China wall-clock time, whatever the browser’s zone', () => {
    // 17:11 UTC on 1 March is 01:11 on 2 March in China.
    expect(formatDateTime('2026-03-01T17:11:00.000Z')).toBe('2026-03-02 01:11');
    expect(formatDateTimeSeconds('2026-03-01T17:11:09Z')).toBe('2026-03-02 01:11:09');
    expect(formatDateTime('2026-03-02T01:11:00+08:00')).toBe('2026-03-02 01:11');
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
  });

  it('leaves text without a zone as written, and shows — for nothing', () => {
    expect(formatDateTime('2026-03-02')).toBe('2026-03-02 00:00');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('不是时间')).toBe('不是时间');
  });

  it('gives date pickers the China date: from 16:00 UTC it is already tomorrow (and next year on 31 December)', () => {
    expect(chinaToday(Date.parse('2026-12-07T15:59:59Z')).format('YYYY-MM-DD')).toBe('2026-12-07');
    expect(chinaToday(Date.parse('2026-12-07T16:00:00Z')).format('YYYY-MM-DD')).toBe('2026-12-08');
    expect(chinaToday(Date.parse('2026-12-31T16:30:00Z')).year()).toBe(2027);
    // A date the picker offers is compared by day with it: the China today is not "after" itself.
    const today = chinaToday(Date.parse('2026-12-07T17:00:00Z'));
    expect(today.isAfter(today.startOf('day'), 'day')).toBe(false);
  });
});
