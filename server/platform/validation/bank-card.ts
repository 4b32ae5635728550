/**
 * Bank card numbers (银行卡号): 16–19 digits, Luhn check (ISO/IEC 7812), and a known issuer
 * prefix. The prefix list exists to cut false positives when scanning documents full of long
 * numbers (文件编号, 统计代码, 订单号): random digits pass Luhn one time in ten.
 */
import { maskDigits } from './id-card.js';

/**
 * Issuer prefixes accepted as "looks like a bank card": 62 (银联 UnionPay), 4 (Visa),
 * 51–55 (Mastercard), 60 and 9558/9559 (older domestic debit cards of 工行/农行 etc.).
 * Data, not logic: extend it here.
 */
export const BANK_CARD_PREFIXES: readonly string[] = [
  '62',
  '4',
  '51',
  '52',
  '53',
  '54',
  '55',
  '60',
  '9558',
  '9559',
];

export type BankCardFailure = 'charset' | 'length' | 'prefix' | 'luhn';

export type BankCardResult =
  { ok: true; normalized: string } | { ok: false; reason: BankCardFailure; messageZh: string };

const MESSAGES: Record<BankCardFailure, string> = {
  charset: '银行卡号只能由数字组成',
  length: '银行卡号应为16—19位',
  prefix: '银行卡号开头不是常见发卡机构号',
  luhn: '银行卡号校验位错误',
};

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Validates a bank card number (spaces and hyphens between digit groups are allowed). */
export function validateBankCard(value: string): BankCardResult {
  const normalized = value.replace(/[\s\u3000-]/g, '');
  const fail = (reason: BankCardFailure): BankCardResult => ({
    ok: false,
    reason,
    messageZh: MESSAGES[reason],
  });
  if (!/^\d+$/.test(normalized)) return fail('charset');
  if (normalized.length < 16 || normalized.length > 19) return fail('length');
  if (!BANK_CARD_PREFIXES.some((p) => normalized.startsWith(p))) return fail('prefix');
  if (!luhnValid(normalized)) return fail('luhn');
  return { ok: true, normalized };
}

/** True when the value passes length, prefix and Luhn checks. */
export function isLikelyBankCard(value: string): boolean {
  return validateBankCard(value).ok;
}

/** Masks a card number keeping the first 4 and last 4 digits and any separators. */
export function maskBankCard(value: string): string {
  return maskDigits(value, 4, 4);
}
