/**
 * Statutory clocks of a disclosure-on-request case (依申请公开), derived from its event log.
 *
 * Model (see README-clocks.md):
 * - A case's timeline is an append-only list of typed events; nothing about the clocks is stored.
 * - 补正 (第三十条) RESTARTS the 20-working-day answer clock from the day the corrected application arrives.
 * - Consultations (第三十二条 third party, 第三十四条 other agencies) and, by configurable rule, the fee
 *   notice period are EXCLUDED INTERVALS (第三十三条第三款: 所需时间不计算在前款规定的期限内).
 * - Pause convention: the working days in (start, end] of a pause are excluded, i.e. the day the pause
 *   starts still counts, the day it ends does not, counting resumes on the next working day.
 *   While a pause is open its end is taken as "as of" (today): the due date is provisional.
 * - Extension (第三十三条第二款): once, ≤ 20 working days, approved by the office head and notified
 *   to the applicant no later than the deadline it extends.
 * - 第三十五条 deferral: an agency-set answer date replaces the computed one.
 */
import { DomainError } from '../../platform/errors.js';
import { compareIso, formatDayNumber, parseIsoDate, yearOf } from '../../platform/calendar/iso-date.js';
import { estimateNotice } from '../../platform/calendar/work-calendar.js';
import type { SkippedDay, WorkCalendar } from '../../platform/calendar/work-calendar.js';
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

const CHANNEL_ZH: Record<ReceiptChannel, string> = {
  online: '互联网渠道',
  in_person: '当面提交',
  registered_mail: '邮寄（签收）',
  ordinary_mail: '平常信函',
  fax: '传真',
  email: '电子邮件',
  oral: '口头提出',
};

const TERMINAL: ReadonlySet<ClockEventType> = new Set([
  'answered',
  'withdrawn',
  'supplement_expired',
  'fee_expired',
]);

const EVENT_TYPES: ReadonlySet<string> = new Set<ClockEventType>([
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
]);

type Of<T extends ClockEventType> = Extract<ClockEvent, { type: T }>;

function first<T extends ClockEventType>(events: readonly ClockEvent[], type: T): Of<T> | undefined {
  return events.find((e): e is Of<T> => e.type === type);
}

function all<T extends ClockEventType>(events: readonly ClockEvent[], type: T): Of<T>[] {
  return events.filter((e): e is Of<T> => e.type === type);
}

/** Events in date order; same-day events keep their recorded order. */
function sortEvents(events: readonly ClockEvent[]): ClockEvent[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => compareIso(a[0].date, b[0].date) || a[1] - b[1])
    .map(([e]) => e);
}

function maxIso(a: string, b: string): string {
  return compareIso(a, b) >= 0 ? a : b;
}
function minIso(a: string, b: string): string {
  return compareIso(a, b) <= 0 ? a : b;
}

interface WalkResult {
  date: string;
  countedDays: string[];
  skippedDays: SkippedDay[];
  excludedDays: SkippedDay[];
}

const INTERVAL_ZH: Record<IntervalKind, string> = {
  third_party_consultation: '征求第三方意见',
  agency_consultation: '征求其他机关意见',
  fee_notice: '收费通知待缴费',
};

/** Collects uncovered years across every calendar computation of one clock evaluation. */
class Tracker {
  readonly years = new Set<number>();
  constructor(readonly cal: WorkCalendar) {}
  add(startIso: string, n: number): string {
    const r = this.cal.addWorkdays(startIso, n);
    r.uncoveredYears.forEach((y) => this.years.add(y));
    return r.date;
  }
  addDetailed(startIso: string, n: number): ReturnType<WorkCalendar['addWorkdays']> {
    const r = this.cal.addWorkdays(startIso, n);
    r.uncoveredYears.forEach((y) => this.years.add(y));
    return r;
  }
  between(a: string, b: string): number {
    const r = this.cal.workdaysBetweenDetailed(a, b);
    r.uncoveredYears.forEach((y) => this.years.add(y));
    return r.count;
  }
  /** Working days in (a, b] as a list. */
  workdaysIn(a: string, b: string): string[] {
    if (compareIso(b, a) <= 0) return [];
    const r = this.cal.workdaysBetweenDetailed(a, b);
    r.uncoveredYears.forEach((y) => this.years.add(y));
    return r.countedDays;
  }
  /** Counts `needed` working days after start, skipping excluded working days. */
  walk(start: string, needed: number, excluded: ReadonlyMap<string, string>): WalkResult {
    let day = parseIsoDate(start);
    const countedDays: string[] = [];
    const skippedDays: SkippedDay[] = [];
    const excludedDays: SkippedDay[] = [];
    while (countedDays.length < needed) {
      day += 1;
      const iso = formatDayNumber(day);
      const info = this.cal.dayInfo(iso);
      if (info.estimated) this.years.add(yearOf(iso));
      if (!info.workday) skippedDays.push({ date: iso, reason: this.cal.skipReason(info) });
      else if (excluded.has(iso)) excludedDays.push({ date: iso, reason: excluded.get(iso) ?? '' });
      else countedDays.push(iso);
    }
    return { date: formatDayNumber(day), countedDays, skippedDays, excludedDays };
  }
}

function assertEventShape(e: ClockEvent): void {
  if (!e || typeof e !== 'object' || !EVENT_TYPES.has((e as { type: string }).type)) {
    throw new DomainError('invalid_event', `未知的办理事件类型：${String((e as { type?: unknown })?.type)}`);
  }
  parseIsoDate(e.date, `${e.type}.date`);
}

/** Computes every clock of a case from its events as of `today` (pure; nothing is stored). */
export function computeClocks(
  events: readonly ClockEvent[],
  calendar: WorkCalendar,
  rules: ClockRules = DEFAULT_CLOCK_RULES,
  today: string,
): Clocks {
  parseIsoDate(today, 'today');
  events.forEach(assertEventShape);
  // "As of today": events dated after today are not yet facts.
  const ev = sortEvents(events).filter((e) => compareIso(e.date, today) <= 0);
  const received = first(ev, 'received');
  if (!received)
    throw new DomainError('receipt_missing', '尚未登记收到申请之日（或其晚于计算日），无法计算期限');
  const t = new Tracker(calendar);
  const explanation: ExplanationStep[] = [];
  const R = received.date;

  const terminal = ev.find((e) => TERMINAL.has(e.type));
  // Clocks freeze when the case ends; open pauses are closed provisionally at the as-of day.
  const asOf = terminal ? terminal.date : today;

  explanation.push({
    code: 'receipt',
    textZh: `收到申请之日：${R}（${CHANNEL_ZH[received.channel] ?? received.channel}，第三十一条）。依《民法典》第二百零一条，开始的当日不计入，自次日起算。`,
  });

  // 补正 (第三十条)
  const supNotice = t.addDetailed(R, SUPPLEMENT_NOTICE_WORKDAYS);
  const supReq = first(ev, 'supplement_requested');
  const supRec = first(ev, 'supplement_received');
  explanation.push({
    code: 'supplement_notice_due',
    textZh:
      `补正告知期限（第三十条）：自收到申请之日起${SUPPLEMENT_NOTICE_WORKDAYS}个工作日内，至${supNotice.date}。` +
      (supReq ? `已于${supReq.date}一次性告知补正。` : ''),
    countedDays: supNotice.countedDays,
    skippedDays: supNotice.skippedDays,
  });

  const pausedBy: Clocks['pausedBy'] = [];
  let clockStart = R;
  if (supReq && supRec) {
    clockStart = supRec.date;
    explanation.push({
      code: 'supplement_restart',
      textZh: `申请人于${supRec.date}提交补正，答复期限自该日重新起算（第三十条：答复期限自行政机关收到补正的申请之日起计算）。`,
    });
  } else if (supReq) {
    clockStart = maxIso(asOf, supReq.date);
    if (!terminal) pausedBy.push('supplement');
    explanation.push({
      code: 'supplement_awaiting',
      textZh:
        `正在等待申请人补正${supReq.supplementDeadline ? `（补正期限：${supReq.supplementDeadline}）` : '（未载明补正期限）'}。` +
        `答复期限将自收到补正之日起重新计算，以下暂按${clockStart}收到补正预估。`,
    });
  }

  // Consultations (第三十二条、第三十四条) and fee notice: excluded intervals.
  const intervals: ExcludedInterval[] = [];
  const consultationsDue: ConsultationDue[] = [];
  const consultKinds = [
    {
      kind: 'third_party' as const,
      sent: 'third_party_consultation_sent' as const,
      replied: 'third_party_consultation_replied' as const,
      interval: 'third_party_consultation' as const,
      article: '第三十二条',
      silenceRuleZh: '第三方逾期未提出意见的，由行政机关依照条例规定决定是否公开（第三十二条）',
    },
    {
      kind: 'other_agency' as const,
      sent: 'agency_consultation_sent' as const,
      replied: 'agency_consultation_replied' as const,
      interval: 'agency_consultation' as const,
      article: '第三十四条',
      silenceRuleZh: '被征求意见机关逾期未提出意见的视为同意公开（第三十四条）',
    },
  ];
  for (const k of consultKinds) {
    for (const sent of all(ev, k.sent)) {
      const windowStartsOn = sent.receivedOn ?? sent.date;
      const replyDue = t.add(windowStartsOn, CONSULTATION_REPLY_WORKDAYS);
      const reply = all(ev, k.replied).find(
        (r) => r.consultationId === sent.consultationId && compareIso(r.date, asOf) <= 0,
      );
      let to: string | null;
      let state: ExcludedInterval['state'];
      if (reply) {
        to = rules.capConsultationPauseAtReplyDeadline ? minIso(reply.date, replyDue) : reply.date;
        state = 'closed';
      } else if (rules.capConsultationPauseAtReplyDeadline && compareIso(asOf, replyDue) > 0) {
        to = replyDue;
        state = 'lapsed';
      } else {
        to = null;
        state = terminal ? 'closed' : 'open';
      }
      consultationsDue.push({
        consultationId: sent.consultationId,
        kind: k.kind,
        sentOn: sent.date,
        windowStartsOn,
        replyDue,
        repliedOn: reply ? reply.date : null,
        state: reply ? 'replied' : state === 'lapsed' ? 'lapsed' : 'awaiting',
        silenceRuleZh: k.silenceRuleZh,
      });
      intervals.push({
        kind: k.interval,
        from: sent.date,
        to,
        workdaysExcluded: 0,
        excludedDays: [],
        state,
        ref: sent.consultationId,
      });
    }
  }

  let feePaymentDue: string | undefined;
  let feeState: Clocks['feeState'];
  const feeNotice = first(ev, 'fee_notice_sent');
  if (feeNotice) {
    // Payment window: 20 WD from the day after the applicant receives the notice (receipt = sent unless given).
    feePaymentDue = t.add(feeNotice.receivedOn ?? feeNotice.date, FEE_PAYMENT_WORKDAYS);
    const paid = first(ev, 'fee_paid');
    const paidOn = paid && compareIso(paid.date, asOf) <= 0 ? paid.date : undefined;
    feeState = paidOn ? 'paid' : compareIso(asOf, feePaymentDue) > 0 ? 'lapsed' : 'awaiting';
    explanation.push({
      code: 'fee_payment_due',
      textZh:
        `收费通知于${feeNotice.date}发出，申请人应在收到通知次日起${FEE_PAYMENT_WORKDAYS}个工作日内（至${feePaymentDue}）缴费，逾期未缴纳视为放弃申请。` +
        (paidOn ? `已于${paidOn}缴费。` : ''),
    });
    if (rules.pauseDuringFeeNotice) {
      const to = paidOn ?? (feeState === 'lapsed' ? feePaymentDue : null);
      intervals.push({
        kind: 'fee_notice',
        from: feeNotice.date,
        to,
        workdaysExcluded: 0,
        excludedDays: [],
        state: paidOn ? 'closed' : feeState === 'lapsed' ? 'lapsed' : terminal ? 'closed' : 'open',
      });
    }
  }

  // Excluded working days: (from, to ?? asOf], only after the clock start; overlapping pauses count once.
  const excluded = new Map<string, string>();
  for (const iv of intervals) {
    const end = iv.to ?? asOf;
    const days = t.workdaysIn(maxIso(iv.from, clockStart), end);
    iv.excludedDays = days;
    iv.workdaysExcluded = days.length;
    if (iv.state === 'open') pausedBy.push(iv.kind);
    for (const d of days) if (!excluded.has(d)) excluded.set(d, `${INTERVAL_ZH[iv.kind]}期间不计入`);
    const article =
      iv.kind === 'third_party_consultation'
        ? '第三十二条'
        : iv.kind === 'agency_consultation'
          ? '第三十四条'
          : '《信息处理费管理办法》';
    const endText =
      iv.state === 'open'
        ? `尚未结束，暂计至${end}`
        : iv.state === 'lapsed'
          ? `对方逾期未答复/未缴费，计至期限届满日${end}`
          : `于${end}结束`;
    explanation.push({
      code: `interval_${iv.kind}`,
      textZh: `${INTERVAL_ZH[iv.kind]}（${article}）：${iv.from}开始，${endText}；${iv.from}次日至${end}（含）的${iv.workdaysExcluded}个工作日不计入答复期限（第三十三条第三款）。`,
      excludedDays: days.map((d) => ({ date: d, reason: INTERVAL_ZH[iv.kind] })),
    });
  }

  // Answer deadline (第三十三条).
  const base = t.addDetailed(clockStart, ANSWER_WORKDAYS);
  explanation.push({
    code: 'answer_base',
    textZh: `答复期限（第三十三条）：自${clockStart}起${ANSWER_WORKDAYS}个工作日，未计中止期间为${base.date}。`,
    countedDays: base.countedDays,
    skippedDays: base.skippedDays,
  });
  const beforeExt = t.walk(clockStart, ANSWER_WORKDAYS, excluded);

  const approved = first(ev, 'extension_approved');
  const notified = first(ev, 'extension_notified');
  let extensionState: Clocks['extensionState'] = 'none';
  let extensionDays = 0;
  if (approved) {
    if (notified && compareIso(notified.date, beforeExt.date) <= 0 && compareIso(notified.date, asOf) <= 0) {
      extensionState = 'effective';
      extensionDays = approved.workdays;
      explanation.push({
        code: 'extension',
        textZh: `经政府信息公开工作机构负责人${approved.approvedBy}于${approved.date}同意，延长答复期限${approved.workdays}个工作日，并于${notified.date}告知申请人（第三十三条第二款）。`,
      });
    } else if (!notified && compareIso(asOf, beforeExt.date) <= 0 && !terminal) {
      extensionState = 'pending_notice';
      extensionDays = approved.workdays;
      explanation.push({
        code: 'extension_pending',
        textZh: `负责人${approved.approvedBy}已于${approved.date}同意延长${approved.workdays}个工作日，但尚未告知申请人；须在${beforeExt.date}前告知，否则延期无效。`,
      });
    } else {
      extensionState = 'ineffective';
      explanation.push({
        code: 'extension_ineffective',
        textZh: `延期未在原答复期限${beforeExt.date}前告知申请人，不产生延期效力（第三十三条第二款）。`,
      });
    }
  }

  const finalWalk =
    extensionDays > 0 ? t.walk(clockStart, ANSWER_WORKDAYS + extensionDays, excluded) : beforeExt;
  let answerDue = finalWalk.date;
  const deferred = first(ev, 'deferred');
  if (deferred && compareIso(deferred.date, asOf) <= 0) {
    answerDue = deferred.newDueDate;
    explanation.push({
      code: 'deferred',
      textZh: `依第三十五条，行政机关于${deferred.date}确定延迟答复的合理期限至${deferred.newDueDate}（理由：${deferred.reason}）。`,
    });
  }

  let status: ClockStatus;
  if (terminal?.type === 'answered') status = 'answered';
  else if (terminal) status = 'closed';
  else status = pausedBy.length > 0 ? 'paused' : 'running';

  const workdaysLeft = t.between(asOf, answerDue);
  const live = status === 'running' || status === 'paused';
  const overdue = live && compareIso(today, answerDue) > 0;
  const dueSoon = live && !overdue && workdaysLeft <= DUE_SOON_WORKDAYS;
  const dueDateFinal = !deferred && pausedBy.length === 0 && extensionState !== 'pending_notice';

  explanation.push({
    code: 'answer_due',
    textZh:
      `答复截止日：${answerDue}` +
      (deferred
        ? '（第三十五条延迟答复期限）'
        : `（计入${finalWalk.countedDays.length}个工作日，跳过${finalWalk.skippedDays.length}个休息日，扣除${finalWalk.excludedDays.length}个中止期间工作日）`) +
      (dueDateFinal || deferred ? '。' : '；期限尚未最终确定（中止尚未结束或延期待告知）。'),
    countedDays: finalWalk.countedDays,
    skippedDays: finalWalk.skippedDays,
    excludedDays: finalWalk.excludedDays,
  });

  const clocks: Clocks = {
    asOf,
    receivedOn: R,
    clockStart,
    supplementNoticeDue: supNotice.date,
    answerDueBase: base.date,
    answerDueBeforeExtension: beforeExt.date,
    answerDue,
    dueDateFinal,
    extensionDays,
    extensionState,
    excludedIntervals: intervals,
    consultationsDue,
    status,
    pausedBy,
    dueSoon,
    overdue,
    workdaysLeft,
    explanation,
    estimated: false,
    uncoveredYears: [],
    calendarVersion: calendar.versionId(),
    rules: { ...rules },
  };
  if (supReq?.supplementDeadline) clocks.supplementDue = supReq.supplementDeadline;
  if (deferred && compareIso(deferred.date, asOf) <= 0) clocks.deferredTo = deferred.newDueDate;
  if (feePaymentDue) clocks.feePaymentDue = feePaymentDue;
  if (feeState) clocks.feeState = feeState;
  if (terminal?.type === 'answered') clocks.answeredLate = compareIso(terminal.date, answerDue) > 0;

  const uncoveredYears = [...t.years].sort((a, b) => a - b);
  clocks.uncoveredYears = uncoveredYears;
  clocks.estimated = uncoveredYears.length > 0;
  if (clocks.estimated) explanation.push({ code: 'estimate', textZh: estimateNotice(uncoveredYears) });
  return clocks;
}

function fail(code: string, messageZh: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, messageZh, details, 'conflict');
}

function requireText(value: unknown, code: string, messageZh: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainError(code, messageZh);
}

/**
 * Checks that `newEvent` may be appended to the case's events; throws DomainError with a stable
 * code and a Chinese message otherwise. Returns nothing on success.
 */
export function validateEvent(
  existingEvents: readonly ClockEvent[],
  newEvent: ClockEvent,
  calendar: WorkCalendar,
  rules: ClockRules = DEFAULT_CLOCK_RULES,
): void {
  assertEventShape(newEvent);
  const ev = sortEvents(existingEvents);
  const received = first(ev, 'received');
  if (newEvent.type === 'received') {
    if (received) fail('already_received', '已登记收到申请之日，不能重复登记');
    if (!CHANNEL_ZH[newEvent.channel])
      throw new DomainError('invalid_channel', `不支持的申请渠道：${String(newEvent.channel)}`);
    return;
  }
  if (!received) fail('receipt_missing', '须先登记收到申请之日');
  const terminal = ev.find((e) => TERMINAL.has(e.type));
  if (terminal)
    fail('case_closed', `该申请已于${terminal.date}办结或终止，不能再登记办理事件`, {
      closedOn: terminal.date,
      by: terminal.type,
    });
  if (compareIso(newEvent.date, received.date) < 0) {
    fail('event_before_receipt', `事件日期（${newEvent.date}）早于收到申请之日（${received.date}）`, {
      receivedOn: received.date,
    });
  }
  const clocksAt = (): Clocks => computeClocks(ev, calendar, rules, newEvent.date);

  switch (newEvent.type) {
    case 'supplement_requested': {
      if (first(ev, 'supplement_requested'))
        fail('supplement_already_requested', '补正只能一次性告知（第三十条），本案已告知过补正');
      const due = calendar.addWorkdays(received.date, SUPPLEMENT_NOTICE_WORKDAYS).date;
      if (compareIso(newEvent.date, due) > 0) {
        fail('supplement_notice_late', `补正告知应自收到申请之日起7个工作日内（${due}前）作出（第三十条）`, {
          due,
        });
      }
      if (
        !Array.isArray(newEvent.items) ||
        newEvent.items.filter((i) => typeof i === 'string' && i.trim()).length === 0
      ) {
        throw new DomainError('supplement_items_required', '补正告知须说明需要补正的事项（第三十条）');
      }
      if (newEvent.supplementDeadline !== undefined) {
        parseIsoDate(newEvent.supplementDeadline, 'supplementDeadline');
        if (compareIso(newEvent.supplementDeadline, newEvent.date) <= 0) {
          throw new DomainError('invalid_supplement_deadline', '补正期限应晚于补正告知日期');
        }
      }
      return;
    }
    case 'supplement_received': {
      const req = first(ev, 'supplement_requested');
      if (!req || compareIso(newEvent.date, req.date) < 0)
        fail('supplement_before_request', '尚未告知补正，不能登记收到补正材料');
      if (first(ev, 'supplement_received')) fail('supplement_already_received', '已登记收到补正材料');
      return;
    }
    case 'supplement_expired': {
      const req = first(ev, 'supplement_requested');
      if (!req) fail('supplement_not_requested', '尚未告知补正，不能按逾期不补正处理');
      if (first(ev, 'supplement_received'))
        fail('supplement_already_received', '申请人已提交补正，不能按逾期不补正处理');
      if (req.supplementDeadline && compareIso(newEvent.date, req.supplementDeadline) <= 0) {
        fail('supplement_not_expired', `补正期限（${req.supplementDeadline}）尚未届满`, {
          supplementDeadline: req.supplementDeadline,
        });
      }
      return;
    }
    case 'third_party_consultation_sent':
    case 'agency_consultation_sent': {
      requireText(newEvent.consultationId, 'consultation_id_required', '须填写征求意见编号');
      if (newEvent.receivedOn !== undefined) {
        parseIsoDate(newEvent.receivedOn, 'receivedOn');
        if (compareIso(newEvent.receivedOn, newEvent.date) < 0)
          throw new DomainError('invalid_consultation_receipt', '对方收到征求意见书的日期不能早于发出日期');
      }
      const dup = ev.some(
        (e) =>
          (e.type === 'third_party_consultation_sent' || e.type === 'agency_consultation_sent') &&
          e.consultationId === newEvent.consultationId,
      );
      if (dup) fail('consultation_duplicate', `征求意见编号 ${newEvent.consultationId} 已存在`);
      return;
    }
    case 'third_party_consultation_replied':
    case 'agency_consultation_replied': {
      const sentType =
        newEvent.type === 'third_party_consultation_replied'
          ? 'third_party_consultation_sent'
          : 'agency_consultation_sent';
      const sent = all(ev, sentType).find((s) => s.consultationId === newEvent.consultationId);
      if (!sent)
        fail(
          'consultation_not_sent',
          `未找到已发出的征求意见（编号 ${String(newEvent.consultationId)}），不能登记答复`,
        );
      if (compareIso(newEvent.date, sent.date) < 0)
        fail(
          'consultation_reply_before_sent',
          `答复日期（${newEvent.date}）早于征求意见发出日期（${sent.date}）`,
        );
      const replyType = newEvent.type;
      if (all(ev, replyType).some((r) => r.consultationId === newEvent.consultationId))
        fail('consultation_already_replied', '该征求意见已登记答复');
      return;
    }
    case 'extension_approved': {
      if (first(ev, 'extension_approved'))
        fail('deadline_already_extended', '答复期限只能延长一次（第三十三条第二款）');
      const n = newEvent.workdays;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
        throw new DomainError('invalid_extension', '延长的工作日数须为正整数');
      if (n > MAX_EXTENSION_WORKDAYS)
        throw new DomainError(
          'extension_too_long',
          `延长的期限最长不得超过${MAX_EXTENSION_WORKDAYS}个工作日（第三十三条第二款）`,
          { workdays: n },
        );
      requireText(
        newEvent.approvedBy,
        'extension_approver_required',
        '延长答复期限须经政府信息公开工作机构负责人同意，请填写审批人',
      );
      const c = clocksAt();
      if (compareIso(newEvent.date, c.answerDueBeforeExtension) > 0) {
        fail('extension_late', `原答复期限已于${c.answerDueBeforeExtension}届满，不能再延长`, {
          due: c.answerDueBeforeExtension,
        });
      }
      return;
    }
    case 'extension_notified': {
      const approved = first(ev, 'extension_approved');
      if (!approved) fail('extension_not_approved', '延长答复期限尚未经负责人同意，不能告知申请人');
      if (first(ev, 'extension_notified')) fail('extension_already_notified', '已登记延期告知');
      if (compareIso(newEvent.date, approved.date) < 0)
        fail('extension_notice_before_approval', '延期告知日期早于负责人同意日期');
      const c = clocksAt();
      if (compareIso(newEvent.date, c.answerDueBeforeExtension) > 0) {
        fail(
          'extension_notice_late',
          `延期告知须在原答复期限（${c.answerDueBeforeExtension}）届满前送达申请人（第三十三条第二款）`,
          { due: c.answerDueBeforeExtension },
        );
      }
      return;
    }
    case 'fee_notice_sent': {
      if (first(ev, 'fee_notice_sent')) fail('fee_notice_already_sent', '本案已发出收费通知');
      if (newEvent.receivedOn !== undefined) {
        parseIsoDate(newEvent.receivedOn, 'receivedOn');
        if (compareIso(newEvent.receivedOn, newEvent.date) < 0)
          throw new DomainError('invalid_fee_notice_receipt', '申请人收到收费通知的日期不能早于发出日期');
      }
      const c = clocksAt();
      if (compareIso(newEvent.date, c.answerDue) > 0) {
        fail('fee_notice_late', `收费通知应在申请处理期限内（${c.answerDue}前）发出`, { due: c.answerDue });
      }
      return;
    }
    case 'fee_paid': {
      const notice = first(ev, 'fee_notice_sent');
      if (!notice) fail('fee_not_noticed', '尚未发出收费通知，不能登记缴费');
      if (compareIso(newEvent.date, notice.date) < 0)
        fail('fee_paid_before_notice', '缴费日期早于收费通知发出日期');
      if (first(ev, 'fee_paid')) fail('fee_already_paid', '已登记缴费');
      const due = clocksAt().feePaymentDue;
      if (due && compareIso(newEvent.date, due) > 0)
        fail('fee_payment_late', `缴费期限已于${due}届满，逾期未缴纳的视为放弃申请`, { due });
      return;
    }
    case 'fee_expired': {
      const notice = first(ev, 'fee_notice_sent');
      if (!notice) fail('fee_not_noticed', '尚未发出收费通知');
      if (first(ev, 'fee_paid')) fail('fee_already_paid', '申请人已缴费');
      const due = clocksAt().feePaymentDue;
      if (due && compareIso(newEvent.date, due) <= 0)
        fail('fee_not_expired', `缴费期限（${due}）尚未届满`, { due });
      return;
    }
    case 'deferred': {
      if (first(ev, 'deferred')) fail('already_deferred', '已依第三十五条确定延迟答复期限');
      parseIsoDate(newEvent.newDueDate, 'newDueDate');
      requireText(newEvent.reason, 'deferral_reason_required', '延迟答复须说明理由（第三十五条）');
      const c = clocksAt();
      if (compareIso(newEvent.newDueDate, c.answerDue) <= 0) {
        throw new DomainError('invalid_deferral_date', `延迟答复期限应晚于原答复期限（${c.answerDue}）`, {
          due: c.answerDue,
        });
      }
      if (compareIso(newEvent.date, c.answerDue) > 0) {
        fail('deferral_late', `答复期限已于${c.answerDue}届满，不能再确定延迟答复期限`, { due: c.answerDue });
      }
      return;
    }
    case 'answered':
    case 'withdrawn':
      return;
  }
}

export interface Reminder {
  kind: 'T-5' | 'T-1' | 'overdue';
  due: string;
  workdaysLeft: number;
  messageZh: string;
}

/**
 * The answer-deadline reminders that apply on the clocks' as-of day: T-5 and T-1 working days,
 * and overdue. Only on working days, and not while paused (the due date is still moving).
 */
export function remindersDue(clocks: Clocks, calendar: WorkCalendar): Reminder[] {
  if (clocks.status !== 'running' || !calendar.isWorkday(clocks.asOf)) return [];
  const est = clocks.estimated ? `（${estimateNotice(clocks.uncoveredYears)}）` : '';
  if (clocks.overdue) {
    return [
      {
        kind: 'overdue',
        due: clocks.answerDue,
        workdaysLeft: clocks.workdaysLeft,
        messageZh: `答复期限已于${clocks.answerDue}届满，已逾期${-clocks.workdaysLeft}个工作日${est}`,
      },
    ];
  }
  if (clocks.workdaysLeft === 5) {
    return [
      {
        kind: 'T-5',
        due: clocks.answerDue,
        workdaysLeft: 5,
        messageZh: `距答复截止日${clocks.answerDue}还有5个工作日${est}`,
      },
    ];
  }
  if (clocks.workdaysLeft === 1) {
    return [
      {
        kind: 'T-1',
        due: clocks.answerDue,
        workdaysLeft: 1,
        messageZh: `答复截止日${clocks.answerDue}为下一个工作日，请今日完成答复审批${est}`,
      },
    ];
  }
  return [];
}
