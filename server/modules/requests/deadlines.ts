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
import {
  ANSWER_WORKDAYS,
  CHANNEL_ZH,
  CONSULTATION_REPLY_WORKDAYS,
  type ClockEvent,
  type ClockRules,
  type ClockStatus,
  type Clocks,
  type ConsultationDue,
  DEFAULT_CLOCK_RULES,
  DUE_SOON_WORKDAYS,
  EVENT_TYPES,
  type ExcludedInterval,
  type ExplanationStep,
  FEE_PAYMENT_WORKDAYS,
  type IntervalKind,
  SUPPLEMENT_NOTICE_WORKDAYS,
  TERMINAL,
  all,
  first,
  maxIso,
  minIso,
  sortEvents,
} from './clock-events.js';

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
      const info = this.cal.dayInfoAt(day);
      const iso = info.date;
      if (info.estimated) this.years.add(yearOf(iso));
      if (!info.workday) skippedDays.push({ date: iso, reason: this.cal.skipReason(info) });
      else if (excluded.has(iso)) excludedDays.push({ date: iso, reason: excluded.get(iso) ?? '' });
      else countedDays.push(iso);
    }
    return { date: formatDayNumber(day), countedDays, skippedDays, excludedDays };
  }
}

export function assertEventShape(e: ClockEvent): void {
  if (!e || typeof e !== 'object' || !EVENT_TYPES.has((e as { type: string }).type)) {
    throw new DomainError('invalid_event', `未知的办理事件类型：${String((e as { type?: unknown })?.type)}`);
  }
  parseIsoDate(e.date, `${e.type}.date`);
}

/**
 * Answer due date of a case whose clock nothing moved (no 补正, consultation, extension, fee or 第三十五条
 * deferral): 20 working days after 收到申请之日 (第三十三条), the start day not counted — what
 * computeClocks gives such a case (requests.supervision.test.ts checks it for every channel and day).
 * Remembered per calendar object and receipt day: statistics and scorecards ask it for thousands of
 * answered cases received on a few hundred days.
 */
export function plainAnswerDue(calendar: WorkCalendar, receivedOn: string): string {
  let byDay = plainDues.get(calendar);
  if (!byDay) plainDues.set(calendar, (byDay = new Map<string, string>()));
  let due = byDay.get(receivedOn);
  if (due === undefined) {
    if (byDay.size >= 4096) byDay.clear();
    byDay.set(receivedOn, (due = calendar.addWorkdays(receivedOn, ANSWER_WORKDAYS).date));
  }
  return due;
}

const plainDues = new WeakMap<WorkCalendar, Map<string, string>>();

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

// The clock's vocabulary, event validation and reminders live beside it; callers import all of it from here.
export {
  ANSWER_WORKDAYS,
  SUPPLEMENT_NOTICE_WORKDAYS,
  CONSULTATION_REPLY_WORKDAYS,
  MAX_EXTENSION_WORKDAYS,
  FEE_PAYMENT_WORKDAYS,
  DUE_SOON_WORKDAYS,
  DEFAULT_CLOCK_RULES,
  CLOCK_RULE_NOTES,
  CLOCK_EVENT_TYPES,
  CLOCK_CHANGING_EVENT_TYPES,
} from './clock-events.js';
export type {
  ConsultationKind,
  ClockEvent,
  ClockEventType,
  ClockRules,
  IntervalKind,
  ExcludedInterval,
  ConsultationDue,
  ExplanationStep,
  ClockStatus,
  Clocks,
} from './clock-events.js';
export { validateEvent } from './clock-validation.js';
export { remindersDue, type Reminder } from './clock-reminders.js';
