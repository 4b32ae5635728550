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
