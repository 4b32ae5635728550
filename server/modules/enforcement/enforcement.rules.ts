/**
 * Pure rules of the 双公示 register: labels, field validation of a decision, masking of natural persons,
 * the publication clock and the publicity period. No I/O: today's date and the calendar are passed in.
 */
import { hash } from 'node:crypto';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { normalizeWenhao } from '../../platform/validation/wenhao.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { daysInMonth } from '../../platform/calendar/iso-date.js';
import type {
  AccidentLevel,
  CounterpartyType,
  DecisionKind,
  PubState,
  RectificationStatus,
} from './enforcement.tables.js';

// The labels are the contract's (the console shows the same ones); the lists and rules below are this file's.
export {
  ACCIDENT_LEVEL_LABELS,
  COUNTERPARTY_LABELS,
  KIND_LABELS,
  LEGAL_STATUS_LABELS,
  PUB_STATE_LABELS,
  RECTIFICATION_LABELS,
} from '../../../contract/enforcement.labels.js';

export const DECISION_KINDS: readonly DecisionKind[] = ['license', 'penalty', 'coercion'];
export const COUNTERPARTY_TYPES: readonly CounterpartyType[] = [
  'legal_person',
  'individual_business',
  'natural_person',
];
export const ACCIDENT_LEVELS: readonly AccidentLevel[] = ['general', 'larger', 'major', 'especially_major'];
export const RECTIFICATION_STATUSES: readonly RectificationStatus[] = [
  'pending',
  'in_progress',
  'rectified',
  'delisted',
];

/** A decision as entered in the console or read from an import row (amounts in fen). */
export interface DecisionInput {
  kind: DecisionKind;
  decisionNumber: string;
  decisionDate: string;
  itemName?: string | null;
  counterpartyType: CounterpartyType;
  counterpartyName: string;
  creditCode?: string | null;
  legalRepresentative?: string | null;
  legalBasis: string;
  content: string;
  fineFen?: number | null;
  confiscationFen?: number | null;
  validFrom?: string | null;
  validTo?: string | null;
  handlingDivision?: string | null;
}

/** The same after normalization: trimmed, optional fields null, 文号 brackets normalized, code upper-cased. */
export interface NormalizedDecision {
  kind: DecisionKind;
  decisionNumber: string;
  decisionDate: string;
  itemName: string | null;
  counterpartyType: CounterpartyType;
  counterpartyName: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  legalBasis: string;
  content: string;
  fineFen: number | null;
  confiscationFen: number | null;
  validFrom: string | null;
  validTo: string | null;
  handlingDivision: string | null;
}

export type DecisionField = keyof DecisionInput;

export interface FieldProblem {
  field: DecisionField;
  code: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real (proleptic Gregorian) calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  // Arithmetic rather than a Date round trip: the import checks up to three dates per row.
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

const trimOrNull = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** Largest amount accepted (10 亿元 in fen): anything larger is a typing error, not a penalty. */
export const MAX_AMOUNT_FEN = 100_000_000_000;

function addProblem(problems: FieldProblem[], field: DecisionField, code: string, message: string): void {
  problems.push({ field, code, message });
}

function checkAmount(
  input: DecisionInput,
  problems: FieldProblem[],
  field: 'fineFen' | 'confiscationFen',
  label: string,
): number | null {
  const v = input[field];
  if (v === null || v === undefined) return null;
  if (!Number.isInteger(v) || v < 0)
    addProblem(problems, field, 'invalid_amount', `${label}应为不小于0的金额`);
  else if (v > MAX_AMOUNT_FEN) addProblem(problems, field, 'invalid_amount', `${label}超过10亿元，请核对`);
  else if (input.kind !== 'penalty')
    addProblem(problems, field, 'amount_not_penalty', `只有行政处罚决定可以填写${label}`);
  return v;
}

/**
 * Validates and normalizes a decision. Returns every problem found (the import reports them all; the
 * console shows the first on its field). `today` is China's calendar date: decisions cannot be dated after it.
 */
export function checkDecision(
  input: DecisionInput,
  today: string,
): { value: NormalizedDecision | null; problems: FieldProblem[] } {
  // Module-level helpers instead of closures: tsx compiles with keepNames, which makes every function
  // created per call costly, and the import validates every row of a file here.
  const problems: FieldProblem[] = [];

  if (!DECISION_KINDS.includes(input.kind))
    addProblem(problems, 'kind', 'invalid_kind', '决定类别应为“行政许可”“行政处罚”或“行政强制”');
  const decisionNumber = normalizeWenhao(input.decisionNumber ?? '');
  if (!decisionNumber) addProblem(problems, 'decisionNumber', 'required', '决定文号不能为空');
  else if (decisionNumber.length > 100)
    addProblem(problems, 'decisionNumber', 'too_long', '决定文号不能超过100个字符');

  const decisionDate = (input.decisionDate ?? '').trim();
  if (!decisionDate) addProblem(problems, 'decisionDate', 'required', '决定日期不能为空');
  else if (!isIsoDate(decisionDate))
    addProblem(problems, 'decisionDate', 'invalid_date', '决定日期格式应为YYYY-MM-DD');
  else if (decisionDate > today)
    addProblem(
      problems,
      'decisionDate',
      'future_decision_date',
      `决定日期${decisionDate}晚于今天（${today}），不能登记未来的决定`,
    );
  else if (decisionDate < '1990-01-01')
    addProblem(problems, 'decisionDate', 'invalid_date', '决定日期早于1990年，请核对');

  if (!COUNTERPARTY_TYPES.includes(input.counterpartyType))
    addProblem(
      problems,
      'counterpartyType',
      'invalid_counterparty_type',
      '相对人类别应为“法人及非法人组织”“个体工商户”或“自然人”',
    );
  const counterpartyName = (input.counterpartyName ?? '').trim();
  if (!counterpartyName) addProblem(problems, 'counterpartyName', 'required', '相对人名称不能为空');
  else if (counterpartyName.length > 200)
    addProblem(problems, 'counterpartyName', 'too_long', '相对人名称不能超过200个字符');

  let creditCode = trimOrNull(input.creditCode);
  if (input.counterpartyType === 'natural_person') {
    if (creditCode)
      addProblem(problems, 'creditCode', 'credit_code_for_person', '相对人为自然人时不填写统一社会信用代码');
    else if (counterpartyName && !/^[\p{Script=Han}·]{2,20}$/u.test(counterpartyName))
      addProblem(problems, 'counterpartyName', 'invalid_person_name', '自然人姓名应为2—20个汉字');
  } else if (COUNTERPARTY_TYPES.includes(input.counterpartyType)) {
    if (!creditCode)
      addProblem(
        problems,
        'creditCode',
        'required',
        '相对人为法人、非法人组织或个体工商户时，统一社会信用代码不能为空',
      );
    else {
      const r = validateCreditCode(creditCode);
      if (!r.ok)
        addProblem(
          problems,
          'creditCode',
          'invalid_credit_code',
          `统一社会信用代码“${creditCode}”无效：${r.messageZh}`,
        );
      else creditCode = r.normalized;
    }
  }

  const legalBasis = (input.legalBasis ?? '').trim();
  if (!legalBasis) addProblem(problems, 'legalBasis', 'required', '决定依据不能为空');
  const content = (input.content ?? '').trim();
  if (!content)
    addProblem(
      problems,
      'content',
      'required',
      input.kind === 'license' ? '许可内容不能为空' : '决定内容不能为空',
    );

  const fineFen = checkAmount(input, problems, 'fineFen', '罚款金额');
  const confiscationFen = checkAmount(input, problems, 'confiscationFen', '没收违法所得金额');

  const validFrom = trimOrNull(input.validFrom);
  const validTo = trimOrNull(input.validTo);
  if (validFrom && !isIsoDate(validFrom))
    addProblem(problems, 'validFrom', 'invalid_date', '有效期起始日期格式应为YYYY-MM-DD');
  if (validTo && !isIsoDate(validTo))
    addProblem(problems, 'validTo', 'invalid_date', '有效期截止日期格式应为YYYY-MM-DD');
  if (validFrom && validTo && isIsoDate(validFrom) && isIsoDate(validTo) && validTo < validFrom)
    addProblem(problems, 'validTo', 'invalid_validity', '有效期截止日期不能早于起始日期');
  if ((validFrom || validTo) && input.kind !== 'license')
    addProblem(
      problems,
      validFrom ? 'validFrom' : 'validTo',
      'validity_not_license',
      '只有行政许可决定可以填写有效期',
    );

  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      kind: input.kind,
      decisionNumber,
      decisionDate,
      itemName: trimOrNull(input.itemName),
      counterpartyType: input.counterpartyType,
      counterpartyName,
      creditCode: input.counterpartyType === 'natural_person' ? null : creditCode,
      legalRepresentative: trimOrNull(input.legalRepresentative),
      legalBasis,
      content,
      fineFen,
      confiscationFen,
      validFrom,
      validTo,
      handlingDivision: trimOrNull(input.handlingDivision),
    },
    problems,
  };
}

/** sha256 of the business fields: equal hashes mean a re-imported row changes nothing. */
export function decisionHash(d: NormalizedDecision): string {
  const ordered = [
    d.kind,
    d.decisionNumber,
    d.decisionDate,
    d.itemName,
    d.counterpartyType,
    d.counterpartyName,
    d.creditCode,
    d.legalRepresentative,
    d.legalBasis,
    d.content,
    d.fineFen,
    d.confiscationFen,
    d.validFrom,
    d.validTo,
    d.handlingDivision,
  ];
  // One-shot hash: no Hash object per call (the import hashes every row of a file).
  return hash('sha256', JSON.stringify(ordered), 'hex');
}

/**
 * A natural person's name as shown to the public: the surname (first character) and one * per
 * remaining character (张三 → 张*, 欧阳娜娜 → 欧***). 法人 and 个体工商户 names are public as registered.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The counterparty name the portal may show. */
export function publicCounterpartyName(type: CounterpartyType, name: string): string {
  return type === 'natural_person' ? maskPersonName(name) : name;
}

/** Yuan text (两位小数) of an amount in fen. */
export function formatYuan(fen: number | null): string {
  if (fen === null) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** The last day on which a decision is due on the portal: N working days after the decision date. */
export function publishDue(
  calendar: WorkCalendar,
  decisionDate: string,
  workdays: number,
): { date: string; estimated: boolean } {
  const r = calendar.addWorkdays(decisionDate, workdays);
  return { date: r.date, estimated: r.estimated };
}

/** True when an unpublished decision is past its publication deadline (derived, never stored). */
export function isPublicationOverdue(pubState: PubState, publishDueDate: string, today: string): boolean {
  return pubState !== 'published' && pubState !== 'taken_down' && today > publishDueDate;
}

/** Adds calendar months to a date, clamping to the month's last day (2025-01-31 + 1 → 2025-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface PublicitySettings {
  publishWorkdays: number;
  licensePublicMonths: number | null;
  penaltyPublicMonths: number | null;
  coercionPublicMonths: number | null;
}

/**
 * Defaults. 7 working days follows the 双公示 practice named in the issue; the publicity periods are
 * [M] (一般失信行为的行政处罚信息公示期 1 年 per 发展改革委 rules as remembered): each agency can change them.
 */
export const DEFAULT_SETTINGS: PublicitySettings = {
  publishWorkdays: 7,
  licensePublicMonths: null,
  penaltyPublicMonths: 12,
  coercionPublicMonths: 12,
};

/** The last day of the publicity period, counted from the decision date; null when it does not end. */
export function publicUntil(kind: DecisionKind, decisionDate: string, s: PublicitySettings): string | null {
  const months =
    kind === 'license'
      ? s.licensePublicMonths
      : kind === 'penalty'
        ? s.penaltyPublicMonths
        : s.coercionPublicMonths;
  return months === null ? null : addMonths(decisionDate, months);
}

/** Whether a published record is still in its publicity period on `today`. */
export function inPublicityPeriod(publicUntilDate: string | null, today: string): boolean {
  return publicUntilDate === null || today <= publicUntilDate;
}
