/**
 * 收到申请之日 per 条例第三十一条. The answer clock (第三十三条) and the 补正 clock (第三十条)
 * both start from this date, so it must be resolved from the channel's own rule, never from
 * the moment a record happened to be created.
 */
import { DomainError } from '../../platform/errors.js';
import { compareIso, formatDayNumber, isIsoDate } from '../../platform/calendar/iso-date.js';

export type ReceiptChannel =
  'online' | 'in_person' | 'registered_mail' | 'ordinary_mail' | 'fax' | 'email' | 'oral';

export const RECEIPT_CHANNELS: readonly ReceiptChannel[] = [
  'online',
  'in_person',
  'registered_mail',
  'ordinary_mail',
  'fax',
  'email',
  'oral',
];

export interface ReceiptInput {
  channel: ReceiptChannel;
  /** When the applicant handed in / sent / the letter arrived: `YYYY-MM-DD` or an ISO timestamp. */
  submittedAt?: string;
  /** 签收之日 for mail that is signed for. */
  signedForOn?: string;
  /** 确认之日: both sides confirmed (internet, fax) or the office confirmed with the applicant (平常信函). */
  confirmedOn?: string;
}

export interface ReceiptResolution {
  receivedOn: string;
  /** The rule applied, quoting 第三十一条. */
  basisZh: string;
  /** Non-blocking remarks for the officer, in Chinese. */
  warnings: string[];
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Civil date in China for a date or timestamp. Timestamps with an offset are converted to
 * UTC+8 (no DST since 1991); timestamps without an offset are taken as Beijing local time.
 */
export function chinaDateOf(value: string, field: string): string {
  if (isIsoDate(value)) return value;
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (m && m[1] && isIsoDate(m[1])) {
    if (!m[4]) return m[1];
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return formatDayNumber(Math.floor((ms + BEIJING_OFFSET_MS) / 86_400_000));
  }
  throw new DomainError('invalid_date', `日期或时间格式不正确：${String(value)}`, { field, value });
}

function required(value: string | undefined, code: string, messageZh: string, field: string): string {
  if (value === undefined || value === '') throw new DomainError(code, messageZh, { field });
  return chinaDateOf(value, field);
}

/** Resolves the statutory receipt date (收到申请之日) for a channel under 第三十一条. */
export function resolveReceiptDate(input: ReceiptInput): ReceiptResolution {
  const warnings: string[] = [];
  const submitted = input.submittedAt ? chinaDateOf(input.submittedAt, 'submittedAt') : undefined;
  const notBeforeSubmission = (date: string, field: string): void => {
    if (submitted && compareIso(date, submitted) < 0) {
      throw new DomainError(
        'receipt_before_submission',
        `收到日期（${date}）不能早于提交日期（${submitted}）`,
        { field },
      );
    }
  };
  switch (input.channel) {
    case 'in_person':
    case 'oral': {
      // 第二十九条: an oral application is written down by the office on the spot, so it is received like 当面提交.
      const receivedOn = required(
        input.submittedAt,
        'receipt_date_missing',
        '当面或口头提出的申请须填写提交日期',
        'submittedAt',
      );
      return {
        receivedOn,
        basisZh: '第三十一条（一）：申请人当面提交政府信息公开申请的，以提交之日为收到申请之日',
        warnings,
      };
    }
    case 'registered_mail': {
      const receivedOn = required(
        input.signedForOn,
        'receipt_not_signed',
        '邮寄申请须填写行政机关签收之日',
        'signedForOn',
      );
      notBeforeSubmission(receivedOn, 'signedForOn');
      return {
        receivedOn,
        basisZh: '第三十一条（二）：申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日',
        warnings,
      };
    }
    case 'ordinary_mail': {
      const receivedOn = required(
        input.confirmedOn,
        'receipt_not_confirmed',
        '平常信函提交的申请须先与申请人确认，确认之日为收到申请之日',
        'confirmedOn',
      );
      notBeforeSubmission(receivedOn, 'confirmedOn');
      if (submitted && receivedOn !== submitted) {
        warnings.push(
          `信函于${submitted}到达，但确认日为${receivedOn}；第三十一条（二）要求于收到申请的当日与申请人确认`,
        );
      }
      return {
        receivedOn,
        basisZh:
          '第三十一条（二）：以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日',
        warnings,
      };
    }
    case 'online':
    case 'fax':
    case 'email': {
      // The 2015 guidance (国办公开办函〔2015〕207号) used the e-mail system's receipt date; the 2019 条例 requires 双方确认.
      const receivedOn = required(
        input.confirmedOn,
        'receipt_not_confirmed',
        '通过互联网渠道、电子邮件或传真提交的申请须经双方确认，确认之日为收到申请之日',
        'confirmedOn',
      );
      notBeforeSubmission(receivedOn, 'confirmedOn');
      return {
        receivedOn,
        basisZh:
          '第三十一条（三）：申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日',
        warnings,
      };
    }
    default:
      throw new DomainError(
        'invalid_channel',
        `不支持的申请渠道：${String((input as { channel: unknown }).channel)}`,
        { field: 'channel' },
      );
  }
}
