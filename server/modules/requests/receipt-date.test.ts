import { describe, it, expect } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { chinaDateOf, resolveReceiptDate } from './receipt-date.js';
import type { ReceiptChannel } from './receipt-date.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('第三十一条 receipt date per channel', () => {
  it('当面提交 / 口头: the submission day', () => {
    expect(resolveReceiptDate({ channel: 'in_person', submittedAt: '2025-01-20' })).toMatchObject({
      receivedOn: '2025-01-20',
      basisZh: expect.stringContaining('第三十一条（一）'),
    });
    expect(resolveReceiptDate({ channel: 'oral', submittedAt: '2025-01-20T10:00:00+08:00' }).receivedOn).toBe(
      '2025-01-20',
    );
    expect(codeOf(() => resolveReceiptDate({ channel: 'in_person' }))).toBe('receipt_date_missing');
  });

  it('邮寄: the 签收 day', () => {
    expect(
      resolveReceiptDate({ channel: 'registered_mail', submittedAt: '2025-01-17', signedForOn: '2025-01-20' })
        .receivedOn,
    ).toBe('2025-01-20');
    expect(codeOf(() => resolveReceiptDate({ channel: 'registered_mail', submittedAt: '2025-01-17' }))).toBe(
      'receipt_not_signed',
    );
  });

  it('平常信函: the confirmation day, warning if not the arrival day', () => {
    const r = resolveReceiptDate({
      channel: 'ordinary_mail',
      submittedAt: '2025-01-20',
      confirmedOn: '2025-01-21',
    });
    expect(r.receivedOn).toBe('2025-01-21');
    expect(r.warnings[0]).toContain('当日');
    expect(
      resolveReceiptDate({ channel: 'ordinary_mail', submittedAt: '2025-01-20', confirmedOn: '2025-01-20' })
        .warnings,
    ).toEqual([]);
    expect(codeOf(() => resolveReceiptDate({ channel: 'ordinary_mail', submittedAt: '2025-01-20' }))).toBe(
      'receipt_not_confirmed',
    );
  });

  it('互联网 / 传真 / 电子邮件: the day both sides confirmed', () => {
    for (const channel of ['online', 'fax', 'email'] as ReceiptChannel[]) {
      // Submitted Friday night, confirmed on the 调休 Sunday 2025-01-26.
      expect(
        resolveReceiptDate({ channel, submittedAt: '2025-01-24T22:30:00+08:00', confirmedOn: '2025-01-26' })
          .receivedOn,
      ).toBe('2025-01-26');
      expect(codeOf(() => resolveReceiptDate({ channel, submittedAt: '2025-01-24T22:30:00+08:00' }))).toBe(
        'receipt_not_confirmed',
      );
    }
    expect(
      codeOf(() =>
        resolveReceiptDate({ channel: 'online', submittedAt: '2025-01-24', confirmedOn: '2025-01-23' }),
      ),
    ).toBe('receipt_before_submission');
  });

  it('rejects unknown channels and bad dates', () => {
    expect(
      codeOf(() => resolveReceiptDate({ channel: 'pigeon' as ReceiptChannel, submittedAt: '2025-01-20' })),
    ).toBe('invalid_channel');
    expect(codeOf(() => resolveReceiptDate({ channel: 'in_person', submittedAt: '2025-02-30' }))).toBe(
      'invalid_date',
    );
  });

  it('converts timestamps to the Beijing civil date', () => {
    // 2025-01-20T17:30Z = 2025-01-21 01:30 北京时间
    expect(chinaDateOf('2025-01-20T17:30:00Z', 'x')).toBe('2025-01-21');
    expect(chinaDateOf('2025-01-20T15:59:59Z', 'x')).toBe('2025-01-20');
    expect(chinaDateOf('2025-01-20T23:00', 'x')).toBe('2025-01-20');
  });
});
