/** Whether an event may be appended to a case's timeline (order, dates, once-only steps), with a stable code and a Chinese message. */
import { DomainError } from '../../platform/errors.js';
import { compareIso, parseIsoDate } from '../../platform/calendar/iso-date.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import {
  CHANNEL_ZH,
  type ClockEvent,
  type ClockRules,
  type Clocks,
  DEFAULT_CLOCK_RULES,
  MAX_EXTENSION_WORKDAYS,
  SUPPLEMENT_NOTICE_WORKDAYS,
  TERMINAL,
  all,
  first,
  sortEvents,
} from './clock-events.js';
import { assertEventShape, computeClocks } from './deadlines.js';

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
