/** Risk warnings (预警信息发布): record, approve (one leader), push, 签收, escalate, update, 解除. */
import { Type } from 'typebox';
import {
  Id,
  IsoDateTime,
  Nullable,
  Ok,
  PageQuery,
  RequiredText,
  STAFF_ERRORS,
  Text,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const TAGS = ['预警信息'];
export const WarningKind = Type.Union([
  Type.Literal('meteorological'),
  Type.Literal('geological'),
  Type.Literal('forest_fire'),
  Type.Literal('work_safety'),
  Type.Literal('other'),
]);
export const WarningLevel = Type.Union([
  Type.Literal('blue'),
  Type.Literal('yellow'),
  Type.Literal('orange'),
  Type.Literal('red'),
]);
const Group = Type.Union([Type.Literal('unit'), Type.Literal('staff'), Type.Literal('enterprise')]);
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('pending'),
  Type.Literal('published'),
  Type.Literal('superseded'),
  Type.Literal('lifted'),
  Type.Literal('expired'),
]);

export const WarningBody = Type.Object({
  kind: WarningKind,
  event: RequiredText(40, '预警事件，如：暴雨'),
  level: WarningLevel,
  area: RequiredText(500),
  effectiveAt: IsoDateTime,
  expiresAt: IsoDateTime,
  source: RequiredText(500),
  content: RequiredText(4000),
  actions: RequiredText(4000),
  ackMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  groups: Type.Array(Group, { minItems: 1, maxItems: 3 }),
  enterpriseFilter: Type.Optional(
    Nullable(
      Type.Object({
        regionCodes: Type.Optional(Type.Array(Text(12), { maxItems: 50 })),
        industryCodes: Type.Optional(Type.Array(Text(8), { maxItems: 50 })),
      }),
    ),
  ),
  refId: Type.Optional(Nullable(Id)),
  submit: Type.Optional(Type.Boolean()),
});

export const WarningView = Type.Object({
  id: Id,
  kind: WarningKind,
  event: Type.String(),
  level: WarningLevel,
  title: Type.String(),
  area: Type.String(),
  effectiveAt: IsoDateTime,
  expiresAt: IsoDateTime,
  source: Type.String(),
  content: Type.String(),
  actions: Type.String(),
  msgType: Type.Union([Type.Literal('alert'), Type.Literal('update'), Type.Literal('cancel')]),
  refId: Nullable(Type.String()),
  rootId: Type.String(),
  status: Status,
  groups: Type.Array(Group),
  ackMinutes: Type.Integer(),
  rejectReason: Nullable(Type.String()),
  createdAt: IsoDateTime,
  publishedAt: Nullable(IsoDateTime),
  recipients: Type.Object({ total: Type.Integer(), acked: Type.Integer(), escalated: Type.Integer() }),
});

export const listWarnings = {
  operationId: 'warnings.listWarnings',
  summary: '预警信息列表',
  tags: TAGS,
  querystring: Type.Object({ ...PageQuery.properties, status: Type.Optional(Status) }),
  response: {
    200: Type.Object({
      items: Type.Array(WarningView),
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getWarning = {
  operationId: 'warnings.getWarning',
  summary: '预警信息详情（含更新与解除）',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  response: { 200: Type.Object({ warning: WarningView, chain: Type.Array(WarningView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const RecipientView = Type.Object({
  id: Id,
  group: Group,
  name: Type.String(),
  mobile: Nullable(Type.String()),
  email: Nullable(Type.String()),
  ackedAt: Nullable(IsoDateTime),
  ackVia: Nullable(Type.String()),
  escalatedAt: Nullable(IsoDateTime),
});

export const listRecipients = {
  operationId: 'warnings.listRecipients',
  summary: '接收对象与签收情况',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  querystring: PageQuery,
  response: { 200: Type.Object({ items: Type.Array(RecipientView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const createWarning = {
  operationId: 'warnings.createWarning',
  summary: '录入预警信息（refId 为更新已发布的预警；submit 直接提交审批）',
  tags: TAGS,
  body: WarningBody,
  response: { 201: Type.Object({ id: Id, status: Status }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const submitWarning = {
  operationId: 'warnings.submitWarning',
  summary: '提交审批',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const approveWarning = {
  operationId: 'warnings.approveWarning',
  summary: '审批并发布（一名领导即可）',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  response: { 200: Type.Object({ recipients: Type.Integer(), messages: Type.Integer() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const rejectWarning = {
  operationId: 'warnings.rejectWarning',
  summary: '退回',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  body: Type.Object({ reason: RequiredText(1000) }),
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const liftWarning = {
  operationId: 'warnings.liftWarning',
  summary: '解除预警（发布解除信息，横幅撤下）',
  tags: TAGS,
  params: Type.Object({ id: Id }),
  body: Type.Object({ note: Text(2000) }),
  response: { 200: Type.Object({ id: Id }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const runJobs = {
  operationId: 'warnings.runJobs',
  summary: '立即执行未签收催办、过期处理与发送队列',
  tags: TAGS,
  response: {
    200: Type.Object({ escalated: Type.Integer(), expired: Type.Integer(), sent: Type.Integer() }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

/** Problem types of the warnings module (registered in contract/problems.ts). */
export const WARNINGS_PROBLEMS = {
  'warnings.invalid': {
    status: 400,
    title: '预警信息填写不完整或不正确',
    description:
      '错误信息逐项指出问题：气象预警的事件须为 GB/T 27962 的预警信号、级别须为该信号有的级别；失效时间须晚于生效时间；未签收催办时限为1至1440分钟；至少选择一类接收对象。',
  },
  'warnings.bad_filter': {
    status: 400,
    title: '企业筛选条件无效',
    description: '按区域、行业推送时，区域代码和行业代码须为有效的代码。',
  },
  'warnings.bad_link': {
    status: 403,
    title: '签收链接无效',
    description: '签收链接经过签名，不能改动；请使用短信或邮件中的原始链接，或直接回复短信“签收”。',
  },
  'warnings.not_draft': { status: 409, title: '只有草稿可以提交审批', description: '该预警已提交或已发布。' },
  'warnings.not_pending': {
    status: 409,
    title: '该预警不在待审批状态',
    description: '只有待审批的预警可以批准或退回；请刷新页面查看当前状态。',
  },
  'warnings.not_published': {
    status: 409,
    title: '该预警不在生效中',
    description: '只有正在生效的预警可以更新或解除；已解除、已过期或已被更新的预警不能再操作。',
  },
  'warnings.reason_required': {
    status: 400,
    title: '退回须说明理由',
    description: '退回预警时请填写理由，录入人据此修改。',
  },
} satisfies ProblemTypes;
