/**
 * API contract of 互动交流 (interaction): items (letters, questions, complaints, 12345 orders, 找错),
 * triage, handling, publication, settings, snippets, 12345 import/inbound, consultations, statistics.
 */
import { Type } from 'typebox';
import type { ProblemTypes } from './problems.js';
import {
  FileResponse,
  Id,
  IdParams,
  IsoDate,
  Nullable,
  Ok,
  OptionalText,
  PUBLIC_ERRORS,
  RequiredText,
  STAFF_ERRORS,
  Text,
  type RouteContract,
} from './common.js';

const tags = ['互动交流'];
const lit = <const T extends readonly string[]>(values: T) => Type.Enum(values);

export const KIND_VALUES = ['mailbox', 'consult', 'complaint', 'hotline', 'site_error'] as const;
export const STATUS_VALUES = [
  'received',
  'accepted',
  'assigned',
  'sign_off',
  'replied',
  'archived',
  'not_accepted',
  'transferred',
  'converted',
  'merged',
] as const;
export const Kind = lit(KIND_VALUES);
export const Status = lit(STATUS_VALUES);
export const Rating = lit(['satisfied', 'basic', 'unsatisfied'] as const);

export const ItemSummary = Type.Object({
  id: Id,
  number: Type.String(),
  kind: Kind,
  kindLabel: Type.String(),
  channelLabel: Type.String(),
  status: Status,
  statusLabel: Type.String(),
  subject: Type.String(),
  anonymous: Type.Boolean(),
  nameMasked: Nullable(Type.String()),
  receivedOn: IsoDate,
  orderNumber: Nullable(Type.String()),
  divisionId: Nullable(Type.String()),
  handlerId: Nullable(Type.String()),
  acceptDue: IsoDate,
  answerDue: IsoDate,
  workdaysLeft: Nullable(Type.Integer()),
  dueSoon: Type.Boolean(),
  overdue: Type.Boolean(),
  published: Type.Boolean(),
});

const Finding = Type.Object({
  kind: Type.String(),
  labelZh: Type.String(),
  masked: Type.String(),
  severity: Type.String(),
});

export const ItemDetail = Type.Object({
  ...ItemSummary.properties,
  body: Type.String(),
  channel: Type.String(),
  contactMasked: Nullable(Type.String()),
  notifyBy: Nullable(Type.String()),
  publishConsent: Type.Boolean(),
  acceptedOn: Nullable(IsoDate),
  decisionReason: Nullable(Type.String()),
  transferredToOrgId: Nullable(Type.String()),
  mergedIntoId: Nullable(Type.String()),
  requestCaseId: Nullable(Type.String()),
  requestCaseNumber: Nullable(Type.String()),
  fromRequest: Nullable(
    Type.Object({ caseId: Type.String(), caseNumber: Type.String(), handedOverOn: IsoDate }),
  ),
  enforcementRef: Nullable(Type.String()),
  draftReply: Nullable(Type.String()),
  draftFindings: Type.Array(Finding),
  scanPassed: Type.Boolean(),
  signOffRequired: Type.Boolean(),
  signedBy: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  reply: Nullable(Type.String()),
  replyUnit: Nullable(Type.String()),
  repliedOn: Nullable(IsoDate),
  reopenCount: Type.Integer(),
  rating: Nullable(Rating),
  ratingLabel: Nullable(Type.String()),
  ratingComment: Nullable(Type.String()),
  archivedOn: Nullable(IsoDate),
  publishable: Type.Boolean(),
  publicSubject: Nullable(Type.String()),
  publicQuestion: Nullable(Type.String()),
  publicReply: Nullable(Type.String()),
  externalDueOn: Nullable(IsoDate),
  clockExplanation: Type.Array(Type.String()),
  estimatedNotice: Nullable(Type.String()),
  acceptedLate: Type.Boolean(),
  answeredLate: Type.Boolean(),
});

const ItemAction = (operationId: string, summary: string, body?: ReturnType<typeof Type.Object>) =>
  ({
    operationId: `interaction.${operationId}`,
    summary,
    tags,
    params: IdParams,
    ...(body ? { body } : {}),
    response: { 200: ItemDetail },
    errors: STAFF_ERRORS,
  }) satisfies RouteContract;

const Labelled = Type.Array(Type.Object({ value: Type.String(), label: Type.String() }));

export const getMeta = {
  operationId: 'interaction.getMeta',
  summary: '互动交流参考数据（类别、渠道、状态、评价）',
  tags,
  response: {
    200: Type.Object({
      kinds: Labelled,
      channels: Labelled,
      staffChannels: Labelled,
      statuses: Labelled,
      ratings: Labelled,
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listItems = {
  operationId: 'interaction.listItems',
  summary: '来信来访列表（期限为读取时计算）',
  tags,
  querystring: Type.Object({
    kind: Type.Optional(Kind),
    status: Type.Optional(Status),
    mine: Type.Optional(Type.Boolean()),
    q: Type.Optional(Text(60)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  }),
  response: {
    200: Type.Object({
      items: Type.Array(ItemSummary),
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getBoard = {
  operationId: 'interaction.getBoard',
  summary: '临期 / 逾期看板',
  tags,
  response: {
    200: Type.Object({
      overdue: Type.Array(ItemSummary),
      dueSoon: Type.Array(ItemSummary),
      open: Type.Integer(),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const SubmissionFields = {
  kind: Kind,
  subject: RequiredText(100),
  body: RequiredText(5000),
  anonymous: Type.Optional(Type.Boolean()),
  name: OptionalText(50),
  phone: OptionalText(30),
  email: OptionalText(100),
  address: OptionalText(200),
  notifyBy: Type.Optional(Nullable(lit(['sms', 'email'] as const))),
  publishConsent: Type.Optional(Type.Boolean()),
};

export const createItem = {
  operationId: 'interaction.createItem',
  summary: '登记来电、来访、来信（注明收到日期）',
  tags,
  body: Type.Object({
    ...SubmissionFields,
    channel: lit(['phone', 'visit', 'letter', 'email'] as const),
    receivedOn: IsoDate,
  }),
  response: { 201: Type.Object({ item: ItemDetail, queryCode: Type.String() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getItem = {
  operationId: 'interaction.getItem',
  summary: '来信详情（含期限说明）',
  tags,
  params: IdParams,
  response: { 200: ItemDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getHistory = {
  operationId: 'interaction.getHistory',
  summary: '办理记录（审计日志）',
  tags,
  params: IdParams,
  response: {
    200: Type.Array(
      Type.Object({
        at: Type.String(),
        actorName: Type.String(),
        action: Type.String(),
        summary: Type.String(),
      }),
    ),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const acceptItem = ItemAction('acceptItem', '受理');
export const notAcceptItem = ItemAction(
  'notAcceptItem',
  '不予受理（说明理由）',
  Type.Object({ reason: RequiredText(500) }),
);
export const transferItem = ItemAction(
  'transferItem',
  '转办至站群内其他机关',
  Type.Object({ toOrgId: Id, reason: RequiredText(500) }),
);
export const convertItem = ItemAction(
  'convertItem',
  '转为依申请公开（按原来件日期和渠道确定收到申请之日，条例第二十九条、第三十一条）',
  Type.Object({
    applicantType: RequiredText(20),
    idDocType: RequiredText(20),
    idNumber: RequiredText(40),
    requestedForm: OptionalText(20),
    deliveryMethod: OptionalText(20),
    confirmedOn: Type.Optional(Nullable(IsoDate)),
  }),
);
export const mergeItem = ItemAction('mergeItem', '合并重复件', Type.Object({ intoNumber: RequiredText(60) }));
export const assignItem = ItemAction(
  'assignItem',
  '分办至科室和承办人',
  Type.Object({ divisionId: Id, handlerId: Id }),
);
export const saveDraft = ItemAction(
  'saveDraft',
  '拟写答复（保存即做保密审查扫描）',
  Type.Object({ text: RequiredText(10000) }),
);
export const confirmScan = ItemAction(
  'confirmScan',
  '保密审查：确认扫描发现已核对',
  Type.Object({ note: RequiredText(500) }),
);
export const submitSignOff = ItemAction('submitSignOff', '提交领导签发');
export const signOff = ItemAction(
  'signOff',
  '领导签发（同意即答复）或退回',
  Type.Object({ approve: Type.Boolean(), note: OptionalText(500) }),
);
export const sendReply = ItemAction(
  'sendReply',
  '答复（无需签发的类别）',
  Type.Object({ repliedOn: Type.Optional(Nullable(IsoDate)) }),
);
export const archiveItem = ItemAction('archiveItem', '归档');
export const fileCase = ItemAction(
  'fileCase',
  '立案（关联执法案件）',
  Type.Object({ reference: RequiredText(200) }),
);
export const PublicationEdits = Type.Object({
  subject: OptionalText(100),
  question: OptionalText(5000),
  reply: OptionalText(10000),
});
export const publishItem = ItemAction('publishItem', '选登（去除姓名和联系方式后公开）', PublicationEdits);
export const unpublishItem = ItemAction(
  'unpublishItem',
  '撤下选登',
  Type.Object({ reason: RequiredText(500) }),
);

export const previewPublication = {
  operationId: 'interaction.previewPublication',
  summary: '选登预览（个人信息扫描与去除）',
  tags,
  params: IdParams,
  body: PublicationEdits,
  response: {
    200: Type.Object({
      subject: Type.String(),
      question: Type.String(),
      reply: Type.String(),
      removed: Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer() })),
      blocking: Type.Array(Type.Object({ labelZh: Type.String(), masked: Type.String() })),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const unmaskIdentity = {
  operationId: 'interaction.unmaskIdentity',
  summary: '查看来信人身份（记录审计）',
  tags,
  params: IdParams,
  body: Type.Object({ reason: RequiredText(500) }),
  response: {
    200: Type.Object({
      name: Type.String(),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
      address: Nullable(Type.String()),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const resetQueryCode = {
  operationId: 'interaction.resetQueryCode',
  summary: '重置查询码',
  tags,
  params: IdParams,
  response: { 200: Type.Object({ queryCode: Type.String() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listTransferTargets = {
  operationId: 'interaction.listTransferTargets',
  summary: '可转办的站群机关',
  tags,
  response: { 200: Type.Array(Type.Object({ id: Id, name: Type.String() })) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const KindSettings = Type.Object({
  kind: Kind,
  enabled: Type.Boolean(),
  handlerDivisionId: Nullable(Id),
  acceptWorkdays: Type.Integer({ minimum: 1, maximum: 60 }),
  answerWorkdays: Type.Integer({ minimum: 1, maximum: 60 }),
  publishable: Type.Boolean(),
  signOffRequired: Type.Boolean(),
});
const KindSettingsView = Type.Object({ ...KindSettings.properties, label: Type.String() });

export const getSettings = {
  operationId: 'interaction.getSettings',
  summary: '各类别设置（承办科室、受理与答复时限、是否可选登、是否需签发）',
  tags,
  response: { 200: Type.Array(KindSettingsView) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const putSettings = {
  operationId: 'interaction.putSettings',
  summary: '修改一个类别的设置',
  tags,
  body: KindSettings,
  response: { 200: Type.Array(KindSettingsView) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

const Snippet = Type.Object({ id: Id, title: Type.String(), body: Type.String() });
export const listSnippets = {
  operationId: 'interaction.listSnippets',
  summary: '常用答复',
  tags,
  response: { 200: Type.Array(Snippet) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const saveSnippet = {
  operationId: 'interaction.saveSnippet',
  summary: '新增或修改常用答复',
  tags,
  body: Type.Object({ id: Type.Optional(Nullable(Id)), title: RequiredText(100), body: RequiredText(5000) }),
  response: { 200: Snippet },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const deleteSnippet = {
  operationId: 'interaction.deleteSnippet',
  summary: '删除常用答复',
  tags,
  params: IdParams,
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const StatCell = Type.Object({
  month: Type.String(),
  kind: Kind,
  received: Type.Integer(),
  accepted: Type.Integer(),
  answered: Type.Integer(),
  answeredOnTime: Type.Integer(),
  avgWorkdays: Nullable(Type.Number()),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  satisfactionRate: Nullable(Type.Number()),
});
export const StatsQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 })),
});
export const Stats = Type.Object({ from: Type.String(), to: Type.String(), cells: Type.Array(StatCell) });

export const getStats = {
  operationId: 'interaction.getStats',
  summary: '按月份和类别统计（收件、受理、按期答复、平均工作日、满意率）',
  tags,
  querystring: StatsQuery,
  response: { 200: Stats },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getPublicStats = {
  operationId: 'interaction.getPublicStats',
  summary: '公开的互动交流统计（JSON）',
  tags,
  params: Type.Object({ code: Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9_-]+$' }) }),
  querystring: StatsQuery,
  response: { 200: Stats },
  errors: PUBLIC_ERRORS,
} satisfies RouteContract;

export const ImportResult = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), reason: Type.String() })),
});

export const importOrders = {
  operationId: 'interaction.importOrders',
  summary: '导入12345工单（CSV 或 .xlsx，按工单编号去重）',
  tags,
  consumes: ['multipart/form-data'],
  response: { 200: ImportResult },
  errors: [...STAFF_ERRORS, 413, 415],
} satisfies RouteContract;

export const orderTemplate = {
  operationId: 'interaction.getOrderTemplate',
  summary: '12345工单导入模板（CSV）',
  tags,
  produces: ['text/csv'],
  response: { 200: FileResponse('CSV 模板') },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getInboundToken = {
  operationId: 'interaction.getInboundToken',
  summary: '12345接口令牌状态',
  tags,
  response: { 200: Type.Object({ issuedAt: Nullable(Type.String()) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const rotateInboundToken = {
  operationId: 'interaction.rotateInboundToken',
  summary: '生成新的12345接口令牌（旧令牌立即失效；只显示一次）',
  tags,
  response: { 200: Type.Object({ token: Type.String() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const receiveOrder = {
  operationId: 'interaction.receiveOrder',
  summary: '12345平台推送工单（Bearer 令牌；同一工单重复推送不产生变化）',
  description:
    '城市12345平台以 `Authorization: Bearer <令牌>` 推送一张工单。首次接收返回 201，重复推送同一内容返回 200 且不作任何改变；同一工单编号内容不同返回 409。',
  tags,
  body: Type.Object({
    orderNumber: RequiredText(60),
    receivedOn: Text(20),
    subject: RequiredText(100),
    body: RequiredText(5000),
    name: OptionalText(50),
    phone: OptionalText(30),
    dueOn: OptionalText(20),
  }),
  response: {
    200: Type.Object({ created: Type.Boolean(), number: Type.String() }),
    201: Type.Object({ created: Type.Boolean(), number: Type.String() }),
  },
  errors: [400, 401, 409, 429],
} satisfies RouteContract;

export const ConsultationInput = Type.Object({
  title: RequiredText(200),
  summary: RequiredText(2000),
  draftText: RequiredText(100000),
  catalogItemId: Type.Optional(Nullable(Id)),
  majorDecision: Type.Boolean(),
  shortPeriodReason: OptionalText(500),
  opensOn: IsoDate,
  closesOn: IsoDate,
  commentDisplay: lit(['moderated', 'hidden'] as const),
});
export const Consultation = Type.Object({
  id: Id,
  title: Type.String(),
  summary: Type.String(),
  draftText: Type.String(),
  catalogItemId: Nullable(Type.String()),
  majorDecision: Type.Boolean(),
  shortPeriodReason: Nullable(Type.String()),
  opensOn: IsoDate,
  closesOn: IsoDate,
  commentDisplay: Type.String(),
  state: lit(['draft', 'upcoming', 'open', 'closed', 'concluded'] as const),
  stateLabel: Type.String(),
  commentCount: Type.Integer(),
  adoptedCount: Type.Integer(),
  adoptionSummary: Nullable(Type.String()),
  finalText: Nullable(Type.String()),
  resultPublishedAt: Nullable(Type.String()),
});
export const Comment = Type.Object({
  id: Id,
  author: Nullable(Type.String()),
  body: Type.String(),
  status: lit(['pending', 'approved', 'rejected'] as const),
  adopted: Nullable(Type.Boolean()),
  adoptionNote: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const listConsultations = {
  operationId: 'interaction.listConsultations',
  summary: '意见征集列表',
  tags,
  response: { 200: Type.Array(Consultation) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const createConsultation = {
  operationId: 'interaction.createConsultation',
  summary: '新建意见征集（重大行政决策一般不少于30日）',
  tags,
  body: ConsultationInput,
  response: { 201: Consultation },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getConsultation = {
  operationId: 'interaction.getConsultation',
  summary: '意见征集详情（含全部意见）',
  tags,
  params: IdParams,
  response: { 200: Type.Object({ ...Consultation.properties, comments: Type.Array(Comment) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const publishConsultation = {
  operationId: 'interaction.publishConsultation',
  summary: '发布意见征集',
  tags,
  params: IdParams,
  response: { 200: Consultation },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const publishConsultationResult = {
  operationId: 'interaction.publishConsultationResult',
  summary: '公布采纳情况和最终文件',
  tags,
  params: IdParams,
  body: Type.Object({ adoptionSummary: RequiredText(20000), finalText: RequiredText(100000) }),
  response: { 200: Consultation },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const moderateComment = {
  operationId: 'interaction.moderateComment',
  summary: '审核意见（展示或不展示）',
  tags,
  params: IdParams,
  body: Type.Object({ approve: Type.Boolean() }),
  response: { 200: Comment },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const adoptComment = {
  operationId: 'interaction.adoptComment',
  summary: '标注意见是否采纳及理由',
  tags,
  params: IdParams,
  body: Type.Object({ adopted: Type.Boolean(), note: Text(500) }),
  response: { 200: Comment },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

/**
 * Machine codes of the interaction module (互动交流) and what they mean to the person who gets them. The
 * module's codes are not prefixed (they predate the registry); the HTTP status is the one they are sent with.
 */
export const INTERACTION_PROBLEMS = {
  adoption_undecided: {
    status: 409,
    title: '还有意见未标注是否采纳',
    description: '公布采纳情况前，须对每条未被驳回的意见标注“采纳”或“未采纳”（未采纳须写理由）。',
  },
  already_published: {
    status: 409,
    title: '已发布，不能重复发布',
    description: '该意见征集或信件已经发布。需要更正时请修改后重新保存，或先撤下。',
  },
  already_rated: {
    status: 409,
    title: '已评价过本次答复',
    description: '每次答复只能评价一次；“不满意”可重新办理一次。',
  },
  anonymous: {
    status: 409,
    title: '匿名来件没有身份信息',
    description: '匿名投诉举报不保存身份信息，无法查看或解除保护。',
  },
  anonymous_request: {
    status: 409,
    title: '匿名来件不能转为依申请公开',
    description:
      '依申请公开须有申请人的姓名或名称及联系方式（条例第二十九条）；请告知来信人通过依申请公开渠道提出。',
  },
  came_from_request: {
    status: 409,
    title: '该件由依申请公开转来',
    description: '依申请公开已按信访举报投诉类申请答复并转来办理的投诉举报，不能再转回依申请公开。',
  },
  catalog_item_not_found: {
    status: 400,
    title: '关联的主动公开信息不存在',
    description: '意见征集关联的草案须是本机关政府信息公开目录中的信息；请重新搜索选择，或不关联。',
  },
  closes_in_past: {
    status: 400,
    title: '截止日期已过',
    description: '截止日期已过的意见征集不能发布；请修改征集期限。',
  },
  comments_hidden: {
    status: 409,
    title: '本征集不公开展示意见',
    description: '该征集设置为不在网站展示意见，无需审核展示；仍须标注每条意见是否采纳。',
  },
  consultation_closed: {
    status: 409,
    title: '不在征集期内',
    description: '只能在征集开始日至截止日（含）之间提交意见。',
  },
  consultation_not_closed: {
    status: 409,
    title: '征集期尚未结束',
    description: '征集期结束后才能公布意见采纳情况和最终文件。',
  },
  file_required: {
    status: 400,
    title: '请选择要导入的文件',
    description: '导入12345工单须上传 CSV 或 .xlsx 文件。',
  },
  file_too_large: { status: 400, title: '文件过大', description: '导入文件不超过50MB；请拆分后分批导入。' },
  invalid_date: { status: 400, title: '日期不正确', description: '日期应为 YYYY-MM-DD 格式的有效日期。' },
  invalid_division: {
    status: 400,
    title: '承办科室不正确',
    description: '只能交本机关的科室（内设机构）承办；请在列表中选择。',
  },
  invalid_handler: { status: 400, title: '承办人不正确', description: '承办人须是所选科室的在岗工作人员。' },
  invalid_input: {
    status: 400,
    title: '填写内容不正确',
    description: '`errors` 列出每个有问题的字段及原因。',
  },
  invalid_kind: { status: 400, title: '来件类别不正确', description: '请选择本机关开通的来件类别。' },
  invalid_month: { status: 400, title: '月份不正确', description: '月份应为 YYYY-MM 格式。' },
  invalid_range: { status: 400, title: '统计区间不正确', description: '起始月份不能晚于结束月份。' },
  invalid_token: {
    status: 401,
    title: '接口令牌无效',
    description: '12345工单推送接口的令牌不正确或已更换；请向本机关政务公开办索取新令牌。',
  },
  invalid_transfer_target: {
    status: 400,
    title: '不能转办给该机关',
    description: '只能转办给同一站群中的其他机关（不能转给本机关）。',
  },
  invalid_workdays: { status: 400, title: '办理时限不正确', description: '受理和答复时限须为1—60个工作日。' },
  accept_after_answer: {
    status: 400,
    title: '受理时限长于答复时限',
    description: '受理时限不能长于答复时限。',
  },
  item_changed: {
    status: 409,
    title: '该件已被他人处理',
    description: '在您打开之后，该件的状态已被他人改变；请刷新后查看最新状态再操作。',
  },
  kind_disabled: {
    status: 400,
    title: '该类别未开通',
    description: '本机关未开通该类来件，请选择其他类别。',
  },
  kind_not_publishable: {
    status: 409,
    title: '该类别不选登',
    description: '本机关设置为不公开该类别的答复。',
  },
  merge_self: { status: 400, title: '不能与自身合并', description: '请填写另一件重复来件的编号。' },
  merge_target_closed: {
    status: 409,
    title: '原件已办结，不能作为合并目标',
    description: '原件已不予受理、转办、转换或合并，不能再合并其他来件。',
  },
  merge_target_not_found: { status: 400, title: '找不到要合并到的来件', description: '请核对原件编号。' },
  no_consent: { status: 409, title: '来信人未同意公开', description: '只有来信人同意公开的答复才能选登。' },
  no_draft: { status: 409, title: '尚未拟写答复', description: '请先拟写答复，再提交签发或发送。' },
  not_a_complaint: {
    status: 409,
    title: '该件不能立案',
    description: '只有投诉举报和12345工单可以立案查处。',
  },
  not_published: { status: 409, title: '该件未选登', description: '该件没有选登，无需撤下。' },
  not_replied: { status: 409, title: '尚未答复', description: '答复发出后才能评价。' },
  order_changed: {
    status: 409,
    title: '工单内容与已接收的不同',
    description: '同一工单号再次推送时内容不同；工单如有变更，请在12345平台退回后重新派发。',
  },
  period_too_short: {
    status: 400,
    title: '征集期限不足30日',
    description:
      '重大行政决策草案征求意见的期限一般不少于30日（《重大行政决策程序暂行条例》第十四条）；缩短的须说明理由。',
  },
  publication_blocked: {
    status: 409,
    title: '内容含有不得公开的标志',
    description: '选登前的扫描发现密级标志等不得公开的内容；请修改后再选登。',
  },
  range_too_long: { status: 400, title: '统计区间过长', description: '一次最多统计36个月。' },
  reply_in_future: { status: 400, title: '答复日期晚于今天', description: '答复日期不能晚于今天。' },
  scan_blocked: {
    status: 409,
    title: '答复含有不得公开的内容',
    description: '答复中含有密级标志等不得公开的内容，请修改答复后重新保存。',
  },
  scan_pending: { status: 409, title: '答复未通过保密审查扫描', description: '请先处理扫描发现的问题。' },
  sign_off_not_required: {
    status: 409,
    title: '无需领导签发',
    description: '该类别的答复无需领导签发，可直接答复。',
  },
  sign_off_pending: { status: 409, title: '答复正在等待签发', description: '领导签发后才能发出答复。' },
  sign_off_required: { status: 409, title: '须经领导签发', description: '该类别的答复须经领导签发后发出。' },
  track_not_found: { status: 404, title: '编号或查询码不正确', description: '请核对编号和查询码。' },
  unknown_agency: { status: 400, title: '机关不存在', description: '请核对机关代码。' },
} satisfies ProblemTypes;
