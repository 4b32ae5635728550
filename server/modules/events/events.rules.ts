/**
 * Pure rules of events and proposals: labels, the event and proposal state machines, the registration
 * window of hearings, proposal deadlines (3 months by default, 《建议提案办理》 practice) and due status on
 * the working-day calendar, and input checks. No I/O: the caller passes today's China date.
 */
import { RuleViolation } from '../../platform/rule-violation.js';
import type {
  ContactMethod,
  EventKind,
  EventState,
  Feedback,
  HandlingRole,
  ProposalKind,
  ReplyClass,
} from './events.tables.js';

export const EVENT_KINDS: readonly EventKind[] = [
  'press_conference',
  'policy_briefing',
  'hearing',
  'expert_review',
  'forum',
  'open_day',
  'campaign',
];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  press_conference: '新闻发布会',
  policy_briefing: '政策吹风会',
  hearing: '听证会',
  expert_review: '论证会/座谈会',
  forum: '政务论坛',
  open_day: '政府开放日',
  campaign: '宣传活动',
};

export const EVENT_STATE_LABELS: Record<EventState, string> = {
  planned: '计划中',
  announced: '已发布预告',
  held: '已举行',
  published: '已发布实录',
  cancelled: '已取消',
};

export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  suggestion: '人大代表建议',
  proposal: '政协委员提案',
};
export const PROPOSAL_KIND_SHORT: Record<ProposalKind, string> = { suggestion: '建议', proposal: '提案' };

export const ROLE_LABELS: Record<HandlingRole, string> = { lead: '主办', co: '会办' };

export const REPLY_CLASS_LABELS: Record<ReplyClass, string> = {
  A: 'A类（所提问题已经解决或基本解决、所提建议已采纳）',
  B: 'B类（所提问题正在解决或列入计划逐步解决）',
  C: 'C类（因目前条件限制或其他原因需以后解决或留作参考）',
};

export const FEEDBACK_LABELS: Record<Feedback, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export const CONTACT_LABELS: Record<ContactMethod, string> = {
  meeting: '面商',
  phone: '电话沟通',
  letter: '书面沟通',
  visit: '走访',
};

/** Kinds whose announcement must be published before the event (听证会: notice and registration). */
export function requiresAnnouncement(kind: EventKind): boolean {
  return kind === 'hearing';
}

/** Kinds whose 备案 with the supervising office is part of the procedure (发布会、听证会、论证会). */
export function requiresFiling(kind: EventKind): boolean {
  return (
    kind === 'press_conference' ||
    kind === 'policy_briefing' ||
    kind === 'hearing' ||
    kind === 'expert_review'
  );
}

export type EventAction = 'announce' | 'hold' | 'publish' | 'cancel';

export { RuleViolation };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Whether s is a real calendar date 'YYYY-MM-DD'. */
export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function needDate(s: string | null | undefined, field: string, label: string): string {
  if (!isIsoDate(s))
    throw new RuleViolation('invalid_date', `${label}不是有效日期（格式：2026-01-31）`, field);
  return s;
}

/** The inputs an event transition looks at. */
export interface EventFacts {
  kind: EventKind;
  state: EventState;
  eventDate: string;
  announcement?: string | null;
  registrationDeadline?: string | null;
  recordText?: string | null;
  opinionsHandling?: string | null;
  cancelReason?: string | null;
}

/**
 * The state an action leads to, or the reason it is refused. Hearings must be announced with a
 * registration deadline before the hearing; a record can be published only after the event was held,
 * and a hearing's record needs its 笔录 and how opinions were handled.
 */
export function nextEventState(e: EventFacts, action: EventAction, today: string): EventState {
  switch (action) {
    case 'announce': {
      if (e.state !== 'planned')
        throw new RuleViolation('event_state', `当前状态为“${EVENT_STATE_LABELS[e.state]}”，不能发布预告`);
      if (!e.announcement?.trim())
        throw new RuleViolation('announcement_required', '请填写预告（公告）内容', 'announcement');
      if (e.eventDate < today)
        throw new RuleViolation('event_in_past', '活动日期已过，不能再发布预告', 'eventDate');
      if (e.kind === 'hearing') {
        const deadline = needDate(e.registrationDeadline, 'registrationDeadline', '报名截止日期');
        if (deadline < today)
          throw new RuleViolation(
            'registration_deadline_past',
            '报名截止日期不能早于今天',
            'registrationDeadline',
          );
        if (deadline >= e.eventDate)
          throw new RuleViolation(
            'registration_deadline_after_event',
            '报名截止日期须早于听证会日期（需留出遴选和通知参加人的时间）',
            'registrationDeadline',
          );
      }
      return 'announced';
    }
    case 'hold': {
      if (e.state !== 'planned' && e.state !== 'announced')
        throw new RuleViolation(
          'event_state',
          `当前状态为“${EVENT_STATE_LABELS[e.state]}”，不能登记为已举行`,
        );
      if (requiresAnnouncement(e.kind) && e.state !== 'announced')
        throw new RuleViolation('announcement_missing', '听证会须先发布公告并组织报名，才能举行');
      if (e.eventDate > today)
        throw new RuleViolation('event_in_future', '活动日期尚未到，不能登记为已举行', 'eventDate');
      return 'held';
    }
    case 'publish': {
      if (e.state !== 'held') throw new RuleViolation('event_state', '只有已举行的活动才能发布实录');
      if (!e.recordText?.trim())
        throw new RuleViolation('record_required', '请填写实录（笔录）内容', 'recordText');
      if (e.kind === 'hearing' && !e.opinionsHandling?.trim())
        throw new RuleViolation(
          'opinions_handling_required',
          '听证会须说明听证意见的采纳情况',
          'opinionsHandling',
        );
      return 'published';
    }
    case 'cancel': {
      if (e.state !== 'planned' && e.state !== 'announced')
        throw new RuleViolation('event_state', `当前状态为“${EVENT_STATE_LABELS[e.state]}”，不能取消`);
      if (!e.cancelReason?.trim())
        throw new RuleViolation('reason_required', '请填写取消原因', 'cancelReason');
      return 'cancelled';
    }
  }
}

/** Whether the public may register for the event today (hearings, announced, deadline not passed). */
export function registrationOpen(
  e: { kind: EventKind; state: EventState; registrationDeadline: string | null },
  today: string,
): boolean {
  return (
    e.kind === 'hearing' &&
    e.state === 'announced' &&
    e.registrationDeadline !== null &&
    today <= e.registrationDeadline
  );
}

/** Why registration is refused (Chinese), or null when it is open. */
export function registrationProblem(
  e: { kind: EventKind; state: EventState; registrationDeadline: string | null },
  today: string,
): { code: string; message: string } | null {
  if (e.kind !== 'hearing' || e.state === 'planned')
    return { code: 'registration_not_open', message: '该活动不接受公众报名' };
  if (e.state !== 'announced' || !e.registrationDeadline || today > e.registrationDeadline)
    return {
      code: 'registration_closed',
      message: `报名已于${e.registrationDeadline ?? ''}截止`.replace('于截止', '截止'),
    };
  return null;
}

/** Mainland mobile numbers (11 digits starting 1[3-9]) or landlines with area code (0533-1234567). */
export function checkPhone(raw: string): string {
  const s = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s)) return s;
  throw new RuleViolation('invalid_phone', '联系电话格式不正确（手机号11位，或带区号的固定电话）', 'phone');
}

/** A loose but honest e-mail check (one @, a dot in the domain, no spaces). */
export function checkEmail(raw: string): string {
  const s = raw.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 200) return s;
  throw new RuleViolation('invalid_email', '电子邮箱格式不正确', 'email');
}

/** Adds calendar months, clamping to the month's last day (3 months after 30 Nov is 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The reply deadline: assignment date + N months (3 by default; a calendar rule, not working days). */
export function proposalDeadline(assignedOn: string, months: number): string {
  needDate(assignedOn, 'assignedOn', '交办日期');
  if (!Number.isInteger(months) || months < 1 || months > 12)
    throw new RuleViolation('invalid_deadline_months', '办理期限应为1至12个月', 'deadlineMonths');
  return addMonths(assignedOn, months);
}

export type DueStatus = 'done' | 'overdue' | 'due_soon' | 'on_track';

export const DUE_STATUS_LABELS: Record<DueStatus, string> = {
  done: '已办结',
  overdue: '已超期',
  due_soon: '即将到期',
  on_track: '办理中',
};

/**
 * Due status of an open item: overdue after the deadline; due soon when at most `dueSoonWorkdays`
 * working days remain (counted by the caller on the shared calendar and passed in).
 */
export function dueStatus(
  p: { deadline: string; finished: boolean },
  today: string,
  workdaysLeft: number,
  dueSoonWorkdays: number,
): DueStatus {
  if (p.finished) return 'done';
  if (today > p.deadline) return 'overdue';
  return workdaysLeft <= dueSoonWorkdays ? 'due_soon' : 'on_track';
}

export interface ReplyFacts {
  state: 'assigned' | 'replied' | 'closed';
  assignedOn: string;
  role: HandlingRole;
  pendingCoOpinions: number;
}

/**
 * Checks a reply: not before assignment nor in the future, a classification in A/B/C, and for the 主办
 * unit, every 会办 opinion received first (the 会办 unit's opinion goes to the 主办 unit before it replies).
 */
export function checkReply(
  p: ReplyFacts,
  input: { repliedOn: string; replyClass: string; replyText: string },
  today: string,
): ReplyClass {
  if (p.state !== 'assigned') throw new RuleViolation('already_replied', '该件已答复，不能重复答复');
  const on = needDate(input.repliedOn, 'repliedOn', '答复日期');
  if (on < p.assignedOn)
    throw new RuleViolation(
      'reply_before_assignment',
      `答复日期不能早于交办日期（${p.assignedOn}）`,
      'repliedOn',
    );
  if (on > today) throw new RuleViolation('reply_in_future', '答复日期不能晚于今天', 'repliedOn');
  if (input.replyClass !== 'A' && input.replyClass !== 'B' && input.replyClass !== 'C')
    throw new RuleViolation('invalid_reply_class', '办理结果分类只能是A、B、C三类之一', 'replyClass');
  if (!input.replyText.trim()) throw new RuleViolation('reply_text_required', '请填写答复内容', 'replyText');
  if (p.role === 'lead' && p.pendingCoOpinions > 0)
    throw new RuleViolation(
      'co_opinions_pending',
      `还有${p.pendingCoOpinions}个会办单位的意见未收到，收齐后再答复`,
    );
  return input.replyClass;
}

/** A feedback (代表委员的反馈意见) can be recorded once, after the reply, not before it. */
export function checkFeedback(
  p: { state: 'assigned' | 'replied' | 'closed'; repliedOn: string | null; feedback: string | null },
  input: { feedback: string; feedbackOn: string },
  today: string,
): Feedback {
  if (p.state === 'assigned' || !p.repliedOn)
    throw new RuleViolation('not_replied', '尚未答复，不能登记反馈意见');
  if (p.feedback) throw new RuleViolation('feedback_exists', '反馈意见已登记，不能重复登记');
  const on = needDate(input.feedbackOn, 'feedbackOn', '反馈日期');
  if (on < p.repliedOn)
    throw new RuleViolation('feedback_before_reply', '反馈日期不能早于答复日期', 'feedbackOn');
  if (on > today) throw new RuleViolation('feedback_in_future', '反馈日期不能晚于今天', 'feedbackOn');
  if (
    input.feedback !== 'satisfied' &&
    input.feedback !== 'basically_satisfied' &&
    input.feedback !== 'dissatisfied'
  )
    throw new RuleViolation('invalid_feedback', '反馈意见只能是满意、基本满意或不满意', 'feedback');
  return input.feedback;
}

/** Publication of a reply: only after replying; withholding needs the reason (e.g. 涉及国家秘密). */
export function checkPublication(
  p: { state: 'assigned' | 'replied' | 'closed'; replyText: string | null },
  input: { action: 'publish' | 'withhold'; summary?: string | null; reason?: string | null },
): void {
  if (p.state === 'assigned') throw new RuleViolation('not_replied', '尚未答复，不能公开办理结果');
  if (input.action === 'withhold' && !input.reason?.trim())
    throw new RuleViolation('reason_required', '不公开须记录理由', 'reason');
}

/** The year a proposal belongs to: the year of its assignment. */
export const yearOf = (date: string) => Number(date.slice(0, 4));
