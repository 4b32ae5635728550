/**
 * Who is told what about a case (issue 17): the applicant by the channel they chose (SMS or e-mail)
 * at submission, receipt, 补正, consultation pause, extension, fee notice and reply (the reply letter
 * attached to the e-mail); staff at 5 and 1 working days before the deadline, and the office heads
 * when a case is overdue. Messages go through the notify module's durable queue inside the case's
 * transaction, so they exist only if the change commits, and idempotency keys send each once.
 */
import type { NotifyTemplateDefault } from '../notify/index.js';
import { enqueueNotification, notifyStaff } from '../notify/index.js';
import * as userRepo from '../users/users.repository.js';
import type { Trx } from './case-writes.js';
import type { CaseRow } from './requests.repository.js';
import type { LetterKind } from './requests.tables.js';

/** Steps the applicant hears about, with the placeholders each message uses. */
const STEPS = {
  submitted: { name: '申请已提交', placeholders: { 编号: '受理编号', 查询码: '查询码' } },
  receipt: {
    name: '已收到申请（受理）',
    placeholders: { 编号: '受理编号', 查询码: '查询码', 收到日期: '收到申请之日', 答复期限: '答复期限' },
  },
  supplement: { name: '补正告知', placeholders: { 编号: '受理编号', 补正期限: '补正期限' } },
  consultation: { name: '征求意见（期限中止）', placeholders: { 编号: '受理编号' } },
  extension: { name: '延期答复告知', placeholders: { 编号: '受理编号', 延长后期限: '延长后的答复期限' } },
  fee: { name: '收费通知', placeholders: { 编号: '受理编号', 收费金额: '收费金额', 缴费期限: '缴费期限' } },
  reply: { name: '答复', placeholders: { 编号: '受理编号', 办理结果: '答复告知书标题' } },
} as const;
export type ApplicantStep = keyof typeof STEPS;

const SMS: Record<ApplicantStep, string> = {
  submitted:
    '您的政府信息公开申请已提交，受理编号{{编号}}，查询码{{查询码}}。工作机构确认收到后答复期限开始计算。',
  receipt:
    '您的政府信息公开申请已收到，受理编号{{编号}}，收到申请之日{{收到日期}}，答复期限{{答复期限}}。查询码：{{查询码}}。',
  supplement:
    '您的政府信息公开申请（{{编号}}）需要补正，请于{{补正期限}}前补正，详见补正告知书（可在申请查询中下载）。',
  consultation: '您的政府信息公开申请（{{编号}}）需征求第三方或其他机关意见，征求意见时间不计入答复期限。',
  extension: '您的政府信息公开申请（{{编号}}）答复期限已依法延长至{{延长后期限}}。',
  fee: '您的政府信息公开申请（{{编号}}）需缴纳信息处理费{{收费金额}}，请于{{缴费期限}}前缴纳，逾期视为放弃申请。',
  reply:
    '您的政府信息公开申请（{{编号}}）已答复：{{办理结果}}。请凭受理编号和查询码在申请查询中下载答复文书。',
};

/** Default message templates of this module (GongkaiModule.notifyTemplates): SMS and e-mail per step. */
export const REQUEST_NOTIFY_TEMPLATES: NotifyTemplateDefault[] = (
  Object.keys(STEPS) as ApplicantStep[]
).flatMap((step) => [
  {
    key: `requests.${step}`,
    channel: 'sms' as const,
    name: `依申请公开：${STEPS[step].name}（短信）`,
    body: SMS[step],
    placeholders: { ...STEPS[step].placeholders },
  },
  {
    key: `requests.${step}`,
    channel: 'email' as const,
    name: `依申请公开：${STEPS[step].name}（邮件）`,
    subject: `政府信息公开申请${STEPS[step].name}（{{编号}}）`,
    body: `您好：\n\n${SMS[step]}\n\n本邮件由系统发送，请勿直接回复。`,
    placeholders: { ...STEPS[step].placeholders },
  },
]);

const LETTER_STEP: Partial<Record<LetterKind, ApplicantStep>> = {
  receipt: 'receipt',
  supplement: 'supplement',
  extension: 'extension',
  third_party: 'consultation',
  fee_notice: 'fee',
  reply: 'reply',
};

/** The step an issued letter tells the applicant about (none for letters to others). */
export function stepOfLetter(kind: LetterKind): ApplicantStep | undefined {
  return LETTER_STEP[kind];
}

/**
 * Enqueues the applicant's message for a step, by the channel they chose; nothing when they chose
 * none or the address is missing. `values` holds at least the step's placeholders (others ignored).
 */
export async function noticeApplicant(
  t: Trx,
  c: CaseRow,
  step: ApplicantStep,
  values: Record<string, string | undefined>,
  opts: { key?: string; attachment?: { filename: string; content: Uint8Array } } = {},
): Promise<void> {
  const channel = c.notify_channel;
  const to = channel === 'sms' ? c.phone : channel === 'email' ? c.email : null;
  if ((channel !== 'sms' && channel !== 'email') || !to) return;
  const data: Record<string, string> = {};
  for (const k of Object.keys(STEPS[step].placeholders)) data[k] = values[k] ?? '—';
  data.编号 = c.case_number;
  await enqueueNotification(t.db, t.ctx.clock, {
    orgId: c.org_id,
    channel,
    to,
    recipientKind: 'applicant',
    template: `requests.${step}`,
    data,
    idempotencyKey: `requests.${step}:${c.id}:${opts.key ?? ''}:${channel}`,
    source: { module: 'requests', id: c.id },
    ...(opts.attachment && channel === 'email'
      ? {
          attachments: [
            {
              filename: opts.attachment.filename,
              contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              content: opts.attachment.content,
            },
          ],
        }
      : {}),
  });
}

/**
 * A deadline reminder to staff: the handler (or, without one, the office), and for an overdue case
 * also the agency's leaders (逾期升级).
 */
export async function remindStaff(
  t: Trx,
  c: CaseRow,
  reminder: { id: string; kind: 'T-5' | 'T-1' | 'overdue'; due: string; message: string },
): Promise<void> {
  const users = new Set<string>();
  if (c.handler_id) users.add(c.handler_id);
  const roleUsers = async (role: 'office' | 'leader' | 'principal_leader') =>
    (await userRepo.list(t.db, { orgIds: [c.org_id], role }, { limit: 50, offset: 0 })).rows.map((u) => u.id);
  if (!c.handler_id || reminder.kind === 'overdue') for (const u of await roleUsers('office')) users.add(u);
  if (reminder.kind === 'overdue') for (const u of await roleUsers('leader')) users.add(u);
  const title =
    reminder.kind === 'overdue'
      ? `申请 ${c.case_number} 已逾期`
      : `申请 ${c.case_number} 距答复期限还有${reminder.kind === 'T-5' ? 5 : 1}个工作日`;
  await notifyStaff(t.db, t.ctx.clock, {
    orgId: c.org_id,
    userIds: [...users],
    kind: reminder.kind === 'overdue' ? 'requests.overdue' : 'requests.reminder',
    title,
    body: reminder.message,
    link: `/admin/requests/${c.id}`,
    idempotencyKey: `requests.reminder:${c.id}:${reminder.kind}:${reminder.due}`,
  });
}
