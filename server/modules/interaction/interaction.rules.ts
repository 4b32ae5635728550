/**
 * Pure rules of 互动交流: kinds and their default settings, input validation, the accept/answer
 * clocks on the working-day calendar (with explanations), state transitions, redaction for
 * publication, statistics and the 意见征集 period rule. No I/O, no Date.now().
 */
import { DomainError, conflict, invalidField } from '../../platform/errors.js';
import { validatePhone } from '../../platform/validation/phone.js';
import { compareIso, daysBetween, isIsoDate } from '../../platform/calendar/iso-date.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { scanText, type Finding } from '../catalog/sensitive-scan.js';
import type { InteractionChannel, InteractionKind, InteractionStatus, Rating } from './interaction.tables.js';

export const KINDS: readonly InteractionKind[] = ['mailbox', 'consult', 'complaint', 'hotline', 'site_error'];

export const KIND_LABELS: Record<InteractionKind, string> = {
  mailbox: '局长信箱',
  consult: '咨询',
  complaint: '投诉举报',
  hotline: '12345热线工单',
  site_error: '我为政府网站找错',
};

/** Kinds a citizen can write to on the portal (12345 orders come from the city platform). */
export const PORTAL_KINDS: readonly InteractionKind[] = ['mailbox', 'consult', 'complaint', 'site_error'];

export const CHANNEL_LABELS: Record<InteractionChannel, string> = {
  portal: '网站留言',
  phone: '来电',
  visit: '来访',
  letter: '来信',
  email: '电子邮件',
  hotline_12345: '12345平台转办',
  request: '依申请公开转来',
};
/** Channels staff enter by hand (with the day received). */
export const STAFF_CHANNELS: readonly InteractionChannel[] = ['phone', 'visit', 'letter', 'email'];

export const STATUS_LABELS: Record<InteractionStatus, string> = {
  received: '待受理',
  accepted: '已受理待分办',
  assigned: '办理中',
  sign_off: '待领导签发',
  replied: '已答复',
  archived: '已办结归档',
  not_accepted: '不予受理',
  transferred: '已转办',
  converted: '已转依申请公开',
  merged: '已合并（重复件）',
};

export const RATINGS: readonly Rating[] = ['satisfied', 'basic', 'unsatisfied'];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export interface KindSettings {
  kind: InteractionKind;
  enabled: boolean;
  /** The division that handles this kind by default (pre-selected on assignment). */
  handlerDivisionId: string | null;
  /** Working days from arrival to the accept/not-accept decision. */
  acceptWorkdays: number;
  /** Working days from arrival to the reply. */
  answerWorkdays: number;
  /** Whether replies of this kind may be published (选登), with the correspondent's consent. */
  publishable: boolean;
  /** Whether the reply needs a leader's sign-off before it is sent. */
  signOffRequired: boolean;
}

/**
 * Defaults, configurable per agency. 找错: 国办《政府网站发展指引》asks for a reply within 3 working
 * days; the others follow common practice of municipal 领导信箱 rules (accept within 2–3, reply
 * within 10–15 working days) [I]. 12345 orders carry the platform's own deadline when given.
 */
export const DEFAULT_SETTINGS: Record<InteractionKind, Omit<KindSettings, 'kind'>> = {
  mailbox: {
    enabled: true,
    handlerDivisionId: null,
    acceptWorkdays: 2,
    answerWorkdays: 15,
    publishable: true,
    signOffRequired: true,
  },
  consult: {
    enabled: true,
    handlerDivisionId: null,
    acceptWorkdays: 2,
    answerWorkdays: 10,
    publishable: true,
    signOffRequired: false,
  },
  complaint: {
    enabled: true,
    handlerDivisionId: null,
    acceptWorkdays: 3,
    answerWorkdays: 15,
    publishable: false,
    signOffRequired: true,
  },
  hotline: {
    enabled: true,
    handlerDivisionId: null,
    acceptWorkdays: 1,
    answerWorkdays: 5,
    publishable: false,
    signOffRequired: false,
  },
  site_error: {
    enabled: true,
    handlerDivisionId: null,
    acceptWorkdays: 1,
    answerWorkdays: 3,
    publishable: true,
    signOffRequired: false,
  },
};

export function isKind(v: unknown): v is InteractionKind {
  return typeof v === 'string' && (KINDS as readonly string[]).includes(v);
}

export function validateSettings(s: KindSettings): void {
  const check = (field: string, n: number, label: string) => {
    if (!Number.isInteger(n) || n < 1 || n > 60)
      throw invalidField(field, 'invalid_workdays', `${label}须为1—60个工作日`);
  };
  check('acceptWorkdays', s.acceptWorkdays, '受理时限');
  check('answerWorkdays', s.answerWorkdays, '答复时限');
  if (s.acceptWorkdays > s.answerWorkdays)
    throw invalidField('acceptWorkdays', 'accept_after_answer', '受理时限不能长于答复时限');
}

// ---------------------------------------------------------------------------------------------
// Input validation

export const LIMITS = {
  subject: 100,
  body: 5000,
  name: 50,
  phone: 30,
  email: 100,
  address: 200,
  reply: 10000,
  reason: 500,
  comment: 2000,
  orderNumber: 60,
} as const;

// Plain-text fields never carry markup; a script payload is refused (pages escape everything anyway).
const SCRIPT_RE =
  /<\s*\/?\s*(script|iframe|object|embed|svg|img|style|link|meta)\b|javascript:|\bon[a-z]+\s*=/i;
const EMAIL_RE = /^[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}$/;

/** Field → Chinese message; thrown as one DomainError (`details.fields`) so forms show all at once. */
export type FieldErrors = Record<string, string>;

export function fieldsError(fields: FieldErrors): DomainError {
  const first = Object.values(fields)[0] ?? '输入有误';
  return new DomainError('invalid_input', first, { fields, field: Object.keys(fields)[0] }, 'invalid');
}

/** Checks one text: required, max length, no script. Returns the trimmed value ('' when absent). */
export function checkText(
  errors: FieldErrors,
  field: string,
  label: string,
  value: unknown,
  max: number,
  required: boolean,
): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (required && !v) errors[field] = `请填写${label}`;
  else if ([...v].length > max) errors[field] = `${label}不能超过${max}个字（现有${[...v].length}个字）`;
  else if (SCRIPT_RE.test(v)) errors[field] = `${label}含有不允许的脚本或网页代码，请删除后再提交`;
  else if (/[\u0000\uD800-\uDFFF]/.test(v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')))
    errors[field] = `${label}含有无法识别的字符`;
  return v;
}

export interface SubmissionInput {
  kind: string;
  subject?: string | null;
  body?: string | null;
  anonymous?: boolean;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  notifyBy?: string | null;
  publishConsent?: boolean;
}

export interface Identity {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface ValidSubmission {
  kind: InteractionKind;
  subject: string;
  body: string;
  anonymous: boolean;
  identity: Identity | null;
  notifyBy: 'sms' | 'email' | null;
  publishConsent: boolean;
}

/**
 * Validates what a citizen (or staff for them) submits. Anonymous is allowed only for 投诉举报 (a
 * whistle-blower may stay unknown); everyone else leaves a name and a phone or e-mail for the reply.
 */
export function validateSubmission(
  input: SubmissionInput,
  allowedKinds: readonly InteractionKind[] = KINDS,
): ValidSubmission {
  const errors: FieldErrors = {};
  if (!isKind(input.kind) || !allowedKinds.includes(input.kind)) errors.kind = '请选择留言类别';
  const subject = checkText(errors, 'subject', '标题', input.subject, LIMITS.subject, true);
  const body = checkText(errors, 'body', '内容', input.body, LIMITS.body, true);
  const anonymous = input.anonymous === true;
  if (anonymous && input.kind !== 'complaint') errors.anonymous = '只有投诉举报可以匿名提交';
  let identity: Identity | null = null;
  let notifyBy: 'sms' | 'email' | null = null;
  if (!anonymous) {
    const name = checkText(errors, 'name', '姓名', input.name, LIMITS.name, true);
    const phoneRaw = checkText(errors, 'phone', '联系电话', input.phone, LIMITS.phone, false);
    const email = checkText(errors, 'email', '电子邮箱', input.email, LIMITS.email, false);
    const address = checkText(errors, 'address', '通信地址', input.address, LIMITS.address, false);
    let phone: string | null = null;
    if (phoneRaw) {
      const r = validatePhone(phoneRaw);
      if (!r.ok) errors.phone = '联系电话格式不正确（手机号码为11位数字，固定电话请带区号）';
      else phone = r.normalized;
    }
    if (email && !EMAIL_RE.test(email)) errors.email = '电子邮箱格式不正确';
    if (!phoneRaw && !email && !errors.name)
      errors.phone = '请至少填写联系电话或电子邮箱中的一项，以便答复您';
    if (input.notifyBy === 'sms') {
      if (!phone || !/^1[3-9]\d{9}$/.test(phone)) errors.notifyBy = '短信通知需要填写手机号码';
      notifyBy = 'sms';
    } else if (input.notifyBy === 'email') {
      if (!email) errors.notifyBy = '邮件通知需要填写电子邮箱';
      notifyBy = 'email';
    } else if (input.notifyBy) errors.notifyBy = '通知方式无效';
    identity = { name, phone, email: email || null, address: address || null };
  }
  if (Object.keys(errors).length > 0) throw fieldsError(errors);
  return {
    kind: input.kind as InteractionKind,
    subject,
    body,
    anonymous,
    identity,
    notifyBy,
    publishConsent: !anonymous && input.publishConsent === true,
  };
}

/** 张三 → 张*; 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; a@b.cn → a***@b.cn. */
export function maskContact(identity: Identity): string {
  const parts: string[] = [];
  if (identity.phone) {
    const p = identity.phone;
    parts.push(
      p.length >= 7 ? `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}` : '*'.repeat(p.length),
    );
  }
  if (identity.email) {
    const [user = '', domain = ''] = identity.email.split('@');
    parts.push(`${user.slice(0, 1)}***@${domain}`);
  }
  return parts.join(' / ');
}

// ---------------------------------------------------------------------------------------------
// Clocks

export const DUE_SOON_WORKDAYS = 2;

export interface ClockInput {
  kind: InteractionKind;
  status: InteractionStatus;
  received_on: string;
  accepted_on: string | null;
  replied_on: string | null;
  external_due_on: string | null;
  answer_restart_on: string | null;
}

export interface ItemClock {
  acceptDue: string;
  answerDue: string;
  /** Working days left to the relevant due date (accept while received, else answer); negative when late. */
  workdaysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  acceptedLate: boolean;
  answeredLate: boolean;
  running: boolean;
  estimatedNotice: string | null;
  explanation: string[];
}

const OPEN_STATUSES: ReadonlySet<InteractionStatus> = new Set([
  'received',
  'accepted',
  'assigned',
  'sign_off',
]);
export function isOpen(status: InteractionStatus): boolean {
  return OPEN_STATUSES.has(status);
}

function skippedSummary(skipped: { date: string; reason: string }[]): string {
  if (skipped.length === 0) return '期间无节假日';
  const holidays = skipped.filter((s) => s.reason.startsWith('法定节假日'));
  return `跳过${skipped.length}个非工作日${holidays.length ? `（含法定节假日${holidays.length}天）` : ''}`;
}

/**
 * Accept and answer clocks on the shared working-day calendar. The start day is not counted
 * (民法典第二百零一条, as for request clocks). A 12345 order's own deadline replaces the answer clock;
 * a reopened item (不满意) gets a fresh answer period from the reopening day.
 */
export function computeClock(
  item: ClockInput,
  settings: Pick<KindSettings, 'acceptWorkdays' | 'answerWorkdays'>,
  calendar: WorkCalendar,
  today: string,
): ItemClock {
  const explanation: string[] = [];
  const years = new Set<number>();
  const accept = calendar.addWorkdays(item.received_on, settings.acceptWorkdays);
  accept.uncoveredYears.forEach((y) => years.add(y));
  explanation.push(
    `${item.received_on}收到，次日起算${settings.acceptWorkdays}个工作日内决定是否受理：${accept.date}（${skippedSummary(accept.skippedDays)}）`,
  );
  let answerDue: string;
  if (item.external_due_on && !item.answer_restart_on) {
    answerDue = item.external_due_on;
    explanation.push(`12345平台工单办理时限：${answerDue}（以平台规定为准）`);
  } else {
    const start = item.answer_restart_on ?? item.received_on;
    const answer = calendar.addWorkdays(start, settings.answerWorkdays);
    answer.uncoveredYears.forEach((y) => years.add(y));
    answerDue = answer.date;
    explanation.push(
      item.answer_restart_on
        ? `${start}因不满意重新办理，次日起算${settings.answerWorkdays}个工作日：${answerDue}（${skippedSummary(answer.skippedDays)}）`
        : `答复期限：收到次日起算${settings.answerWorkdays}个工作日：${answerDue}（${skippedSummary(answer.skippedDays)}）`,
    );
  }
  const running = isOpen(item.status);
  const awaitingAccept = item.status === 'received';
  const due = awaitingAccept ? accept.date : answerDue;
  const workdaysLeft = running ? calendar.workdaysBetween(today, due) : null;
  const overdue = running && compareIso(today, due) > 0;
  const dueSoon = running && !overdue && workdaysLeft !== null && workdaysLeft <= DUE_SOON_WORKDAYS;
  const acceptedLate = item.accepted_on !== null && compareIso(item.accepted_on, accept.date) > 0;
  const answeredLate = item.replied_on !== null && compareIso(item.replied_on, answerDue) > 0;
  if (running)
    explanation.push(
      overdue
        ? `已逾期${-(workdaysLeft ?? 0)}个工作日（${awaitingAccept ? '受理' : '答复'}期限${due}）`
        : `距${awaitingAccept ? '受理' : '答复'}期限还有${workdaysLeft}个工作日`,
    );
  else if (item.replied_on)
    explanation.push(answeredLate ? `${item.replied_on}答复，超过期限` : `${item.replied_on}答复，在期限内`);
  const uncovered = [...years].sort();
  return {
    acceptDue: accept.date,
    answerDue,
    workdaysLeft,
    dueSoon,
    overdue,
    acceptedLate,
    answeredLate,
    running,
    estimatedNotice: uncovered.length ? calendar.estimateNotice(uncovered) : null,
    explanation,
  };
}

// ---------------------------------------------------------------------------------------------
// Transitions

export type Action =
  | 'accept'
  | 'not_accept'
  | 'transfer'
  | 'convert'
  | 'merge'
  | 'assign'
  | 'draft'
  | 'submit_sign_off'
  | 'sign_off'
  | 'send'
  | 'rate'
  | 'archive'
  | 'file_case'
  | 'publish';

const ALLOWED: Record<Action, readonly InteractionStatus[]> = {
  accept: ['received'],
  not_accept: ['received'],
  transfer: ['received', 'accepted'],
  convert: ['received', 'accepted'],
  merge: ['received', 'accepted'],
  assign: ['accepted', 'assigned'],
  draft: ['assigned'],
  submit_sign_off: ['assigned'],
  sign_off: ['sign_off'],
  send: ['assigned', 'sign_off'],
  rate: ['replied'],
  archive: ['replied'],
  file_case: ['accepted', 'assigned', 'sign_off', 'replied', 'archived'],
  publish: ['replied', 'archived'],
};

const ACTION_LABELS: Record<Action, string> = {
  accept: '受理',
  not_accept: '不予受理',
  transfer: '转办',
  convert: '转为依申请公开',
  merge: '合并',
  assign: '分办',
  draft: '拟写答复',
  submit_sign_off: '提交领导签发',
  sign_off: '签发',
  send: '答复',
  rate: '评价',
  archive: '归档',
  file_case: '立案',
  publish: '选登',
};

/** Throws a Chinese conflict error unless the action is allowed in the current status. */
export function assertTransition(status: InteractionStatus, action: Action): void {
  if (!ALLOWED[action].includes(status))
    throw conflict(`cannot_${action}`, `当前状态为“${STATUS_LABELS[status]}”，不能${ACTION_LABELS[action]}`, {
      status,
      action,
    });
}

// ---------------------------------------------------------------------------------------------
// Publication (选登): names and contacts removed, personal data scanned

const REMOVED_LABEL: Partial<Record<Finding['kind'], string>> = {
  mobile: '[电话已隐去]',
  id_number: '[证件号已隐去]',
  bank_card: '[卡号已隐去]',
  credit_code_person: '[证件号已隐去]',
};
const EMAIL_ANY = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LANDLINE_ANY = /(?<!\d)0\d{2,3}[-－\s]?\d{7,8}(?!\d)/g;

export interface Redaction {
  text: string;
  /** What was removed, by kind (for the console's preview). */
  removed: { kind: string; count: number }[];
  /** Findings the scan still reports (block severity means it may not be published). */
  blocking: Finding[];
}

/**
 * Removes the correspondent's name and every contact (phone, mobile, e-mail, ID numbers …) from a
 * text before publication. The personal-data scan of 保密审查 (catalog/sensitive-scan.ts) finds ID
 * numbers, mobiles, bank cards; e-mails and landlines are matched here; known names are replaced.
 */
export function redactForPublication(text: string, names: readonly string[]): Redaction {
  let out = text;
  const removed: { kind: string; count: number }[] = [];
  const count = (kind: string, n: number) => {
    if (n > 0) removed.push({ kind, count: n });
  };
  for (const name of names.filter((n) => n && [...n].length >= 2)) {
    const parts = out.split(name);
    count('姓名', parts.length - 1);
    out = parts.join('某某');
  }
  let n = 0;
  out = out.replace(EMAIL_ANY, () => {
    n++;
    return '[邮箱已隐去]';
  });
  count('电子邮箱', n);
  n = 0;
  out = out.replace(LANDLINE_ANY, () => {
    n++;
    return '[电话已隐去]';
  });
  count('固定电话', n);
  const findings = scanText(out);
  const personal = findings.filter((f) => f.kind !== 'secrecy_mark');
  if (personal.length) {
    // Removed outright, not masked: a published letter keeps no part of a contact or document number.
    for (const f of [...personal].sort((a, b) => b.start - a.start))
      out = out.slice(0, f.start) + (REMOVED_LABEL[f.kind] ?? '[个人信息已隐去]') + out.slice(f.end);
    count('个人信息（证件号、手机号、银行卡号）', personal.length);
  }
  return { text: out, removed, blocking: findings.filter((f) => f.severity === 'block') };
}

/** The 保密审查 scan of a draft reply: findings a reviewer must resolve before the reply is sent. */
export function scanReply(text: string): Finding[] {
  return scanText(text);
}

// ---------------------------------------------------------------------------------------------
// 12345 orders

export interface HotlineOrder {
  orderNumber: string;
  receivedOn: string;
  subject: string;
  body: string;
  name: string | null;
  phone: string | null;
  dueOn: string | null;
}

/** The columns of the 12345 import file, in template order (header text → field). */
export const ORDER_COLUMNS: readonly { field: keyof HotlineOrder; header: string; required: boolean }[] = [
  { field: 'orderNumber', header: '工单编号', required: true },
  { field: 'receivedOn', header: '转办日期', required: true },
  { field: 'subject', header: '工单标题', required: true },
  { field: 'body', header: '诉求内容', required: true },
  { field: 'name', header: '来电人', required: false },
  { field: 'phone', header: '联系电话', required: false },
  { field: 'dueOn', header: '办理时限', required: false },
];

export interface OrderProblem {
  column: string;
  reason: string;
}

/** Maps a header row to column positions; missing required columns are problems. */
export function mapOrderHeader(cells: string[]): {
  positions: Map<keyof HotlineOrder, number>;
  problems: OrderProblem[];
} {
  const positions = new Map<keyof HotlineOrder, number>();
  cells.forEach((c, i) => {
    const col = ORDER_COLUMNS.find((o) => o.header === c.trim().replace(/^\uFEFF/, ''));
    if (col) positions.set(col.field, i);
  });
  const problems = ORDER_COLUMNS.filter((c) => c.required && !positions.has(c.field)).map((c) => ({
    column: c.header,
    reason: `缺少“${c.header}”列`,
  }));
  return { positions, problems };
}

function normalizeDate(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text.trim());
  if (!m) return text.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Validates one 12345 order (from a file row or the inbound endpoint); problems name the column. */
export function checkOrder(
  raw: Record<keyof HotlineOrder, string | null | undefined>,
  today: string,
): { value: HotlineOrder | null; problems: OrderProblem[] } {
  const problems: OrderProblem[] = [];
  const header = (f: keyof HotlineOrder) => ORDER_COLUMNS.find((c) => c.field === f)!.header;
  const text = (f: keyof HotlineOrder, max: number, required: boolean): string => {
    const errors: FieldErrors = {};
    const v = checkText(errors, f, header(f), raw[f], max, required);
    if (errors[f]) problems.push({ column: header(f), reason: errors[f] });
    return v;
  };
  const orderNumber = text('orderNumber', LIMITS.orderNumber, true);
  if (orderNumber && !/^[A-Za-z0-9_-]+$/.test(orderNumber))
    problems.push({
      column: header('orderNumber'),
      reason: `工单编号“${orderNumber}”只能由字母、数字、横线组成`,
    });
  const receivedRaw = text('receivedOn', 20, true);
  const receivedOn = normalizeDate(receivedRaw);
  if (receivedRaw && !isIsoDate(receivedOn))
    problems.push({ column: header('receivedOn'), reason: `日期“${receivedRaw}”无效，应为2026-03-02格式` });
  else if (receivedRaw && compareIso(receivedOn, today) > 0)
    problems.push({ column: header('receivedOn'), reason: `转办日期${receivedOn}晚于今天` });
  const subject = text('subject', LIMITS.subject, true);
  const body = text('body', LIMITS.body, true);
  const name = text('name', LIMITS.name, false);
  const phoneRaw = text('phone', LIMITS.phone, false);
  let phone: string | null = null;
  if (phoneRaw) {
    const r = validatePhone(phoneRaw);
    if (!r.ok) problems.push({ column: header('phone'), reason: `联系电话“${phoneRaw}”格式不正确` });
    else phone = r.normalized;
  }
  const dueRaw = text('dueOn', 20, false);
  const dueOn = dueRaw ? normalizeDate(dueRaw) : null;
  if (dueRaw && !isIsoDate(dueOn))
    problems.push({ column: header('dueOn'), reason: `日期“${dueRaw}”无效，应为2026-03-02格式` });
  else if (dueOn && isIsoDate(receivedOn) && compareIso(dueOn, receivedOn) < 0)
    problems.push({ column: header('dueOn'), reason: '办理时限早于转办日期' });
  if (problems.length) return { value: null, problems };
  return {
    value: { orderNumber, receivedOn, subject, body, name: name || null, phone, dueOn },
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// 意见征集

/** 《重大行政决策程序暂行条例》第十四条: 征求意见期限一般不少于30日; shorter needs a stated reason. */
export const MAJOR_DECISION_MIN_DAYS = 30;

export function checkConsultationPeriod(input: {
  opensOn: string;
  closesOn: string;
  majorDecision: boolean;
  shortPeriodReason?: string | null;
}): void {
  if (!isIsoDate(input.opensOn)) throw invalidField('opensOn', 'invalid_date', '开始日期无效');
  if (!isIsoDate(input.closesOn)) throw invalidField('closesOn', 'invalid_date', '截止日期无效');
  const days = daysBetween(input.opensOn, input.closesOn);
  if (days < 1) throw invalidField('closesOn', 'period_too_short', '截止日期须晚于开始日期');
  if (input.majorDecision && days < MAJOR_DECISION_MIN_DAYS && !input.shortPeriodReason?.trim())
    throw invalidField(
      'closesOn',
      'major_decision_period',
      `重大行政决策草案征求意见期限一般不少于${MAJOR_DECISION_MIN_DAYS}日（现为${days}日）；缩短期限须说明理由（《重大行政决策程序暂行条例》第十四条）`,
    );
}

export type ConsultationState = 'draft' | 'upcoming' | 'open' | 'closed' | 'concluded';
export const CONSULTATION_STATE_LABELS: Record<ConsultationState, string> = {
  draft: '未发布',
  upcoming: '即将开始',
  open: '征集中',
  closed: '已截止（待公布采纳情况）',
  concluded: '已公布采纳情况',
};

export function consultationState(
  c: { published_at: string | null; opens_on: string; closes_on: string; result_published_at: string | null },
  today: string,
): ConsultationState {
  if (!c.published_at) return 'draft';
  if (c.result_published_at) return 'concluded';
  if (compareIso(today, c.opens_on) < 0) return 'upcoming';
  if (compareIso(today, c.closes_on) <= 0) return 'open';
  return 'closed';
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface StatRow {
  kind: InteractionKind;
  status: InteractionStatus;
  received_on: string;
  replied_on: string | null;
  due_on: string | null;
  rating: Rating | null;
  workdays: number | null;
}

export interface StatCell {
  month: string;
  kind: InteractionKind;
  received: number;
  accepted: number;
  answered: number;
  answeredOnTime: number;
  avgWorkdays: number | null;
  rated: number;
  satisfied: number;
  /** (满意 + 基本满意) ÷ rated, percent with one decimal; null when none rated. */
  satisfactionRate: number | null;
}

const NOT_ACCEPTED: ReadonlySet<InteractionStatus> = new Set([
  'not_accepted',
  'transferred',
  'converted',
  'merged',
]);

/** Per month (of arrival) and kind: received, accepted, answered (on time), average working days, satisfaction. */
export function summarize(rows: readonly StatRow[]): StatCell[] {
  const cells = new Map<string, StatCell & { wdSum: number; wdN: number }>();
  for (const r of rows) {
    const month = r.received_on.slice(0, 7);
    const key = `${month}|${r.kind}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        month,
        kind: r.kind,
        received: 0,
        accepted: 0,
        answered: 0,
        answeredOnTime: 0,
        avgWorkdays: null,
        rated: 0,
        satisfied: 0,
        satisfactionRate: null,
        wdSum: 0,
        wdN: 0,
      };
      cells.set(key, c);
    }
    c.received++;
    if (r.status !== 'received' && !NOT_ACCEPTED.has(r.status)) c.accepted++;
    if (r.replied_on) {
      c.answered++;
      if (!r.due_on || compareIso(r.replied_on, r.due_on) <= 0) c.answeredOnTime++;
      if (r.workdays !== null) {
        c.wdSum += r.workdays;
        c.wdN++;
      }
    }
    if (r.rating) {
      c.rated++;
      if (r.rating !== 'unsatisfied') c.satisfied++;
    }
  }
  return [...cells.values()]
    .map(({ wdSum, wdN, ...c }) => ({
      ...c,
      avgWorkdays: wdN ? Math.round((wdSum / wdN) * 10) / 10 : null,
      satisfactionRate: c.rated ? Math.round((c.satisfied / c.rated) * 1000) / 10 : null,
    }))
    .sort((a, b) =>
      a.month === b.month ? KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) : a.month < b.month ? -1 : 1,
    );
}

/** Statistics as CSV (UTF-8 with BOM so Excel opens Chinese correctly). */
export function statsCsv(cells: readonly StatCell[]): string {
  const head = ['月份', '类别', '收件', '受理', '答复', '按期答复', '平均办理工作日', '评价数', '满意率(%)'];
  const lines = cells.map((c) =>
    [
      c.month,
      KIND_LABELS[c.kind],
      c.received,
      c.accepted,
      c.answered,
      c.answeredOnTime,
      c.avgWorkdays ?? '',
      c.rated,
      c.satisfactionRate ?? '',
    ].join(','),
  );
  return '\uFEFF' + [head.join(','), ...lines].join('\r\n') + '\r\n';
}
