/** Notify module routes: the staff notification centre, preferences, templates, delivery log and counts. */
import { Type } from 'typebox';
import {
  Id,
  IsoDateTime,
  Nullable,
  Ok,
  PageQuery,
  STAFF_ERRORS,
  Text,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const TAGS = ['通知'];
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);
const QueueChannel = Type.Union([
  Type.Literal('email'),
  Type.Literal('sms'),
  Type.Literal('wechat'),
  Type.Literal('weibo'),
]);
const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('recorded'),
  Type.Literal('cancelled'),
]);
const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 });

export const InboxItem = Type.Object({
  id: Id,
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  read: Type.Boolean(),
  createdAt: IsoDateTime,
});

export const listInbox = {
  operationId: 'notify.listInbox',
  summary: '我的通知',
  tags: TAGS,
  querystring: Type.Object({ ...PageQuery.properties, unreadOnly: Type.Optional(Type.Boolean()) }),
  response: {
    200: Type.Object({
      items: Type.Array(InboxItem),
      total: Type.Integer(),
      unread: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const countUnread = {
  operationId: 'notify.countUnread',
  summary: '未读通知数',
  tags: TAGS,
  response: { 200: Type.Object({ unread: Type.Integer() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const markRead = {
  operationId: 'notify.markRead',
  summary: '标为已读',
  tags: TAGS,
  body: Type.Object({ ids: Type.Union([Type.Literal('all'), Type.Array(Id, { maxItems: 200 })]) }),
  response: { 200: Type.Object({ updated: Type.Integer() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const Prefs = Type.Object({
  email: Nullable(Text(254)),
  mobile: Nullable(Text(20)),
  emailEnabled: Type.Boolean(),
  smsEnabled: Type.Boolean(),
  mutedKinds: Type.Array(Text(60), { maxItems: 50 }),
  quietStart: Nullable(Type.Union([ClockTime, Type.Literal('')])),
  quietEnd: Nullable(Type.Union([ClockTime, Type.Literal('')])),
});

export const getPrefs = {
  operationId: 'notify.getPrefs',
  summary: '我的通知设置',
  tags: TAGS,
  response: { 200: Prefs },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const savePrefs = {
  operationId: 'notify.savePrefs',
  summary: '保存我的通知设置',
  tags: TAGS,
  body: Prefs,
  response: { 200: Prefs },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const Template = Type.Object({
  key: Type.String(),
  channel: Channel,
  name: Type.String(),
  subject: Nullable(Type.String()),
  body: Type.String(),
  defaultSubject: Nullable(Type.String()),
  defaultBody: Type.String(),
  placeholders: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
  customised: Type.Boolean(),
  updatedAt: Nullable(IsoDateTime),
});

export const listTemplates = {
  operationId: 'notify.listTemplates',
  summary: '消息模板',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(Template) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

const TemplateParams = Type.Object({
  key: Type.String({ maxLength: 100, pattern: '^[a-z0-9_.-]+$' }),
  channel: Channel,
});

export const saveTemplate = {
  operationId: 'notify.saveTemplate',
  summary: '修改消息模板（占位符须为模板列出的可用占位符）',
  tags: TAGS,
  params: TemplateParams,
  body: Type.Object({ subject: Type.Optional(Nullable(Text(300))), body: Text(4000) }),
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const resetTemplate = {
  operationId: 'notify.resetTemplate',
  summary: '恢复默认模板',
  tags: TAGS,
  params: TemplateParams,
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const Message = Type.Object({
  id: Id,
  channel: QueueChannel,
  recipientKind: Type.String(),
  to: Type.String(),
  template: Type.String(),
  subject: Nullable(Type.String()),
  status: Status,
  statusLabel: Type.String(),
  attempts: Type.Integer(),
  parts: Nullable(Type.Integer()),
  externalRef: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Nullable(IsoDateTime),
  source: Nullable(Type.String()),
  createdAt: IsoDateTime,
  completedAt: Nullable(IsoDateTime),
});

export const listMessages = {
  operationId: 'notify.listMessages',
  summary: '发送记录',
  tags: TAGS,
  querystring: Type.Object({
    ...PageQuery.properties,
    channel: Type.Optional(QueueChannel),
    status: Type.Optional(Status),
    sourceModule: Type.Optional(Text(40)),
    sourceId: Type.Optional(Text(64)),
  }),
  response: {
    200: Type.Object({
      items: Type.Array(Message),
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const retryMessage = {
  operationId: 'notify.retryMessage',
  summary: '重发失败的消息',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const ChannelCounts = Type.Object({
  channel: QueueChannel,
  label: Type.String(),
  /** platform-confirmed posts (WeChat/Weibo) or delivered messages (receipt / accepted by the mail server) */
  published: Type.Integer(),
  sent: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  recorded: Type.Integer(),
  pending: Type.Integer(),
});

export const channelStats = {
  operationId: 'notify.channelStats',
  summary: '各渠道发送统计（如实：仅记录未发送的单列）',
  tags: TAGS,
  querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
  response: { 200: Type.Object({ year: Type.Integer(), channels: Type.Array(ChannelCounts) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const runQueue = {
  operationId: 'notify.runQueue',
  summary: '立即发送到期的消息',
  tags: TAGS,
  response: { 200: Type.Object({ sent: Type.Integer() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

/** Problem types of the notify module (registered in contract/problems.ts). */
export const NOTIFY_PROBLEMS = {
  'notify.invalid_mobile': {
    status: 400,
    title: '手机号码不正确',
    description:
      '手机号码应为11位、以13至19开头的中国大陆手机号（可带 +86）。错误信息指出具体问题（位数、非数字字符等）。',
  },
  'notify.invalid_email': {
    status: 400,
    title: '电子邮箱不正确',
    description: '电子邮箱应为“用户名@域名”，只含一个@，不含空格。错误信息指出具体问题。',
  },
  'notify.email_required': {
    status: 400,
    title: '开启邮件提醒须填写电子邮箱',
    description: '在“通知设置”中开启邮件提醒前，请先填写本人的电子邮箱。',
  },
  'notify.mobile_required': {
    status: 400,
    title: '开启短信提醒须填写手机号码',
    description: '在“通知设置”中开启短信提醒前，请先填写本人的手机号码。',
  },
  'notify.quiet_incomplete': {
    status: 400,
    title: '免打扰时段不完整',
    description: '免打扰时段须同时填写开始和结束时间，或都留空。',
  },
  'notify.quiet_invalid': {
    status: 400,
    title: '免打扰时间格式不正确',
    description: '免打扰时间应为“时:分”（24小时制），例如 22:00。',
  },
  'notify.template_unknown_placeholder': {
    status: 400,
    title: '模板含有未知的占位符',
    description:
      '消息模板只能使用该模板列出的占位符（{{名称}}），且“{{”与“}}”须成对。错误信息列出未知的和可用的占位符；改正后再保存。',
  },
  'notify.template_empty': {
    status: 400,
    title: '模板正文不能为空',
    description: '请填写模板正文，或使用“恢复默认”。',
  },
  'notify.template_missing': {
    status: 500,
    title: '没有对应的消息模板',
    description: '发送的消息没有该渠道的模板（程序配置问题），请联系系统管理员。',
  },
  'notify.template_data_missing': {
    status: 500,
    title: '消息缺少占位符的值',
    description: '发送消息时模板中的某个占位符没有值（程序配置问题），请联系系统管理员。',
  },
  'notify.sms_attachment': {
    status: 400,
    title: '短信不能携带附件',
    description: '附件只能通过邮件发送；短信请改用链接。',
  },
  'notify.subscription_target': {
    status: 400,
    title: '订阅内容不正确',
    description: '请选择一个栏目，或填写检索词（二者选一）；检索词最多50个字，须包含文字或数字。',
  },
  'notify.bad_link': {
    status: 403,
    title: '链接无效',
    description: '确认订阅或退订链接经过签名，不能改动；请使用邮件中的原始链接（复制时注意完整）。',
  },
  'notify.subscription_ended': {
    status: 409,
    title: '该订阅已退订',
    description: '已退订的订阅不能再用原确认链接恢复；如需继续接收，请在“邮件订阅”页重新订阅。',
  },
} satisfies ProblemTypes;
