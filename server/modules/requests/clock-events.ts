/** The vocabulary of a case's statutory clocks: periods, event types, rules, the computed clock shape, and event-list helpers. */
import { compareIso } from '../../platform/calendar/iso-date.js';
import type { SkippedDay } from '../../platform/calendar/work-calendar.js';
import type { ReceiptChannel } from './receipt-date.js';

/** 第三十三条: 20 working days to answer. */
export const ANSWER_WORKDAYS = 20;
/** 第三十条: 补正 must be requested within 7 working days of receipt. */
export const SUPPLEMENT_NOTICE_WORKDAYS = 7;
/** 第三十二条 / 第三十四条: consulted parties reply within 15 working days of receiving the letter. */
export const CONSULTATION_REPLY_WORKDAYS = 15;
/** 第三十三条第二款: an extension is at most 20 working days. */
export const MAX_EXTENSION_WORKDAYS = 20;
/** 信息处理费办法: payment within 20 working days from the day after the notice is received. */
export const FEE_PAYMENT_WORKDAYS = 20;
/** Reminder thresholds in working days before the answer deadline. */
export const DUE_SOON_WORKDAYS = 5;

export type ConsultationKind = 'third_party' | 'other_agency';

export type ClockEvent =
  | { type: 'received'; date: string; channel: ReceiptChannel }
  | { type: 'supplement_requested'; date: string; items: string[]; supplementDeadline?: string } // 补正告知
  | { type: 'supplement_received'; date: string }
  | { type: 'supplement_expired'; date: string } // 逾期不补正，视为放弃
  | { type: 'third_party_consultation_sent'; date: string; consultationId: string; receivedOn?: string } // 征求第三方意见
  | { type: 'third_party_consultation_replied'; date: string; consultationId: string }
  | { type: 'agency_consultation_sent'; date: string; consultationId: string; receivedOn?: string } // 征求其他机关意见
  | { type: 'agency_consultation_replied'; date: string; consultationId: string }
  | { type: 'extension_approved'; date: string; workdays: number; approvedBy: string } // 延期，负责人同意
  | { type: 'extension_notified'; date: string } // 延期告知申请人
  | { type: 'fee_notice_sent'; date: string; receivedOn?: string } // 收费通知
  | { type: 'fee_paid'; date: string }
  | { type: 'fee_expired'; date: string } // 逾期未缴费，视为放弃
  | { type: 'deferred'; date: string; newDueDate: string; reason: string } // 第三十五条 延迟答复
  | { type: 'answered'; date: string }
  | { type: 'withdrawn'; date: string };

export type ClockEventType = ClockEvent['type'];

/** The timeline event types that move the statutory clocks (all others are ignored by computeClocks). */
export const CLOCK_EVENT_TYPES = [
  'received',
  'supplement_requested',
  'supplement_received',
  'supplement_expired',
  'third_party_consultation_sent',
  'third_party_consultation_replied',
  'agency_consultation_sent',
  'agency_consultation_replied',
  'extension_approved',
  'extension_notified',
  'fee_notice_sent',
  'fee_paid',
  'fee_expired',
  'deferred',
  'answered',
  'withdrawn',
] as const satisfies readonly ClockEventType[];

/**
 * The clock events besides the receipt and the answer: a case without any was due 20 working days after its
 * receipt (plainAnswerDue) and, once closed, answered on its closed_on (every other way of closing a case —
 * withdrawal, 补正 or fee lapsed — records one of these).
 */
export const CLOCK_CHANGING_EVENT_TYPES = CLOCK_EVENT_TYPES.filter(
  (t) => t !== 'received' && t !== 'answered',
);

const CLOCK_CHANGING: ReadonlySet<string> = new Set(CLOCK_CHANGING_EVENT_TYPES);

/** Whether an event of this type sets its case's `clock_moved` (one of CLOCK_CHANGING_EVENT_TYPES). */
export function movesClock(eventType: string): boolean {
  return CLOCK_CHANGING.has(eventType);
}

export interface ClockRules {
  /**
   * [M, uncertain] Whether the time between the 收费通知 and payment is excluded from the answer
   * period. Believed to be the national 办法's rule, not verified against its text (spec §3.1).
   */
  pauseDuringFeeNotice: boolean;
  /**
   * [I] A consultation pause ends at the consulted party's 15-working-day reply deadline at the latest,
   * so silence cannot stop the answer clock indefinitely (第三十二条: 逾期未提出意见的，由行政机关…决定;
   * 第三十四条: 逾期未提出意见的视为同意公开).
   */
  capConsultationPauseAtReplyDeadline: boolean;
}

export const DEFAULT_CLOCK_RULES: ClockRules = {
  pauseDuringFeeNotice: true,
  capConsultationPauseAtReplyDeadline: true,
};

/** Which rules are not settled law, for labelling in the UI. */
export const CLOCK_RULE_NOTES: Record<keyof ClockRules, { uncertain: boolean; noteZh: string }> = {
  pauseDuringFeeNotice: {
    uncertain: true,
    noteZh: '收费通知发出至缴费期间是否不计入答复期限，系据《信息处理费管理办法》的理解，原文待核实。',
  },
  capConsultationPauseAtReplyDeadline: {
    uncertain: false,
    noteZh: '被征求意见方逾期未答复的，中止期间计至其15个工作日答复期限届满之日。',
  },
};

export type IntervalKind = 'third_party_consultation' | 'agency_consultation' | 'fee_notice';

export interface ExcludedInterval {
  kind: IntervalKind;
  /** Day the pause started (still counted); excluded days start the next day. */
  from: string;
  /** Day the pause ended (excluded), or null while open. */
  to: string | null;
  /** Working days in (from, to or as-of] after the clock start. */
  workdaysExcluded: number;
  excludedDays: string[];
  state: 'open' | 'closed' | 'lapsed';
  ref?: string;
}

export interface ConsultationDue {
  consultationId: string;
  kind: ConsultationKind;
  sentOn: string;
  /** The day the consulted party received the letter (defaults to the day it was sent). */
  windowStartsOn: string;
  replyDue: string;
  repliedOn: string | null;
  state: 'awaiting' | 'replied' | 'lapsed';
  silenceRuleZh: string;
}

export interface ExplanationStep {
  code: string;
  textZh: string;
  countedDays?: string[];
  skippedDays?: SkippedDay[];
  excludedDays?: SkippedDay[];
}

export type ClockStatus = 'running' | 'paused' | 'answered' | 'closed';

export interface Clocks {
  asOf: string;
  receivedOn: string;
  /** Start of the current answer clock: receipt, or receipt of the 补正 (restart). */
  clockStart: string;
  supplementNoticeDue: string;
  /** The 补正期限 the agency gave, if any. */
  supplementDue?: string;
  /** 20 working days from clockStart, ignoring pauses and extension. */
  answerDueBase: string;
  /** 20 working days from clockStart with pauses, before extension: the date an extension notice must meet. */
  answerDueBeforeExtension: string;
  answerDue: string;
  /** False while a pause is open or an extension awaits its notice: answerDue may still move. */
  dueDateFinal: boolean;
  extensionDays: number;
  extensionState: 'none' | 'effective' | 'pending_notice' | 'ineffective';
  deferredTo?: string;
  excludedIntervals: ExcludedInterval[];
  consultationsDue: ConsultationDue[];
  feePaymentDue?: string;
  feeState?: 'awaiting' | 'paid' | 'lapsed';
  status: ClockStatus;
  pausedBy: ('supplement' | IntervalKind)[];
  dueSoon: boolean;
  overdue: boolean;
  /** For answered cases: whether the answer came after the deadline. */
  answeredLate?: boolean;
  /** Working days in (asOf, answerDue]; negative once overdue. */
  workdaysLeft: number;
  explanation: ExplanationStep[];
  estimated: boolean;
  uncoveredYears: number[];
  calendarVersion: string;
  rules: ClockRules;
}

export const CHANNEL_ZH: Record<ReceiptChannel, string> = {
  online: '互联网渠道',
  in_person: '当面提交',
  registered_mail: '邮寄（签收）',
  ordinary_mail: '平常信函',
  fax: '传真',
  email: '电子邮件',
  oral: '口头提出',
};

export const TERMINAL: ReadonlySet<ClockEventType> = new Set([
  'answered',
  'withdrawn',
  'supplement_expired',
  'fee_expired',
]);

export const EVENT_TYPES: ReadonlySet<string> = new Set<ClockEventType>(CLOCK_EVENT_TYPES);

type Of<T extends ClockEventType> = Extract<ClockEvent, { type: T }>;

export function first<T extends ClockEventType>(events: readonly ClockEvent[], type: T): Of<T> | undefined {
  return events.find((e): e is Of<T> => e.type === type);
}

export function all<T extends ClockEventType>(events: readonly ClockEvent[], type: T): Of<T>[] {
  return events.filter((e): e is Of<T> => e.type === type);
}

/** Events in date order; same-day events keep their recorded order. */
export function sortEvents(events: readonly ClockEvent[]): ClockEvent[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => compareIso(a[0].date, b[0].date) || a[1] - b[1])
    .map(([e]) => e);
}

export function maxIso(a: string, b: string): string {
  return compareIso(a, b) >= 0 ? a : b;
}
export function minIso(a: string, b: string): string {
  return compareIso(a, b) <= 0 ? a : b;
}
