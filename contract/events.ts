/**
 * Contract of the events-and-proposals module: 新闻发布会、听证会等活动 (plan → 预告 → 举行 → 实录),
 * hearing registrations, the yearly press-conference plan, and 建议提案办理.
 */
import { Type, type Static } from 'typebox';
import {
  Id,
  IdParams,
  IsoDate,
  IsoDateTime,
  Nullable,
  Ok,
  OptionalText,
  Page,
  PageQuery,
  RequiredText,
  STAFF_ERRORS,
  FileResponse,
  StringEnum,
  type RouteContract,
} from './common.js';

const TAGS = ['events'];

export const EventKindSchema = StringEnum(
  ['press_conference', 'policy_briefing', 'hearing', 'expert_review', 'forum', 'open_day', 'campaign'],
  { description: '活动类别：新闻发布会/政策吹风会/听证会/论证会座谈会/政务论坛/政府开放日/宣传活动' },
);
export const EventStateSchema = StringEnum(['planned', 'announced', 'held', 'published', 'cancelled']);

const Related = Type.Object({ title: RequiredText(200), href: RequiredText(500) });

export const EventInput = Type.Object({
  kind: EventKindSchema,
  title: RequiredText(200, '活动名称'),
  eventDate: IsoDate,
  eventTime: Type.Optional(Nullable(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 }))),
  place: RequiredText(200),
  host: RequiredText(200, '主办单位或主持人'),
  spokespersons: OptionalText(1000, '发布人、出席人（每行一人）'),
  topic: RequiredText(2000, '主题和内容'),
  related: Type.Optional(Type.Array(Related, { maxItems: 10, description: '相关政策文件及解读' })),
});

export const EventView = Type.Object({
  id: Id,
  orgId: Id,
  kind: EventKindSchema,
  kindLabel: Type.String(),
  title: Type.String(),
  eventDate: IsoDate,
  eventTime: Nullable(Type.String()),
  place: Type.String(),
  host: Type.String(),
  spokespersons: Nullable(Type.String()),
  topic: Type.String(),
  related: Type.Array(Type.Object({ title: Type.String(), href: Type.String() })),
  state: EventStateSchema,
  stateLabel: Type.String(),
  announcement: Nullable(Type.String()),
  announcedAt: Nullable(IsoDateTime),
  registrationDeadline: Nullable(IsoDate),
  registrationQuota: Nullable(Type.Integer()),
  recordText: Nullable(Type.String()),
  videoUrl: Nullable(Type.String()),
  attendance: Nullable(Type.Integer()),
  outcome: Nullable(Type.String()),
  opinionsHandling: Nullable(Type.String()),
  heldAt: Nullable(IsoDateTime),
  publishedAt: Nullable(IsoDateTime),
  cancelReason: Nullable(Type.String()),
  filedWith: Nullable(Type.String()),
  filedOn: Nullable(IsoDate),
  filingNumber: Nullable(Type.String()),
  filingRequired: Type.Boolean(),
  actions: Type.Array(Type.String(), { description: '当前可执行的操作' }),
  updatedAt: IsoDateTime,
});
export type EventViewT = Static<typeof EventView>;

export const RegistrationView = Type.Object({
  id: Id,
  name: Type.String(),
  affiliation: Nullable(Type.String()),
  phone: Type.String(),
  email: Nullable(Type.String()),
  statement: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('selected'), Type.Literal('not_selected')]),
  createdAt: IsoDateTime,
});
export type RegistrationViewT = Static<typeof RegistrationView>;

export const EventDetail = Type.Object({
  ...EventView.properties,
  registrations: Type.Array(RegistrationView),
});

export const EventListQuery = Type.Object({
  ...PageQuery.properties,
  kind: Type.Optional(EventKindSchema),
  state: Type.Optional(EventStateSchema),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});

export const EventTransitionBody = Type.Object({
  action: Type.Union([
    Type.Literal('announce'),
    Type.Literal('hold'),
    Type.Literal('publish'),
    Type.Literal('cancel'),
  ]),
  announcement: OptionalText(20000, '预告（公告）内容'),
  registrationDeadline: Type.Optional(Nullable(IsoDate)),
  registrationQuota: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
  reason: OptionalText(1000, '取消原因'),
});

export const EventRecordBody = Type.Object({
  recordText: RequiredText(200000, '实录或笔录'),
  videoUrl: OptionalText(500),
  attendance: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1000000 }))),
  outcome: OptionalText(4000),
  opinionsHandling: OptionalText(20000, '听证意见采纳情况'),
});

export const EventFilingBody = Type.Object({
  filedWith: RequiredText(200, '备案机关'),
  filedOn: IsoDate,
  filingNumber: OptionalText(100),
});

export const RegistrationDecisionBody = Type.Object({
  status: Type.Union([Type.Literal('selected'), Type.Literal('not_selected')]),
});

export const PressPlanBody = Type.Object({
  plannedCount: Type.Integer({ minimum: 0, maximum: 1000 }),
  note: OptionalText(2000),
  filedWith: OptionalText(200),
  filedOn: Type.Optional(Nullable(IsoDate)),
});

export const PressPlanView = Type.Object({
  year: Type.Integer(),
  plannedCount: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  filedWith: Nullable(Type.String()),
  filedOn: Nullable(IsoDate),
  held: Type.Integer({ description: '本年已举行的新闻发布会和政策吹风会' }),
  scheduled: Type.Integer({ description: '本年尚未举行的计划场次' }),
  events: Type.Array(
    Type.Object({
      id: Id,
      title: Type.String(),
      eventDate: IsoDate,
      state: EventStateSchema,
      kind: EventKindSchema,
    }),
  ),
});
export type PressPlanViewT = Static<typeof PressPlanView>;

const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

// ---------- proposals ----------

export const ProposalKindSchema = Type.Union([Type.Literal('suggestion'), Type.Literal('proposal')], {
  description: 'suggestion 人大代表建议 / proposal 政协委员提案',
});
export const ReplyClassSchema = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')]);
export const FeedbackSchema = Type.Union([
  Type.Literal('satisfied'),
  Type.Literal('basically_satisfied'),
  Type.Literal('dissatisfied'),
]);

export const ProposalInput = Type.Object({
  kind: ProposalKindSchema,
  number: RequiredText(50, '建议/提案编号'),
  session: RequiredText(100, '届次会次'),
  title: RequiredText(300),
  proposers: RequiredText(1000, '领衔人及附议人（每行一人）'),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')], { description: 'lead 主办 / co 会办' }),
  leadUnit: OptionalText(200, '会办件的主办单位'),
  assignedOn: IsoDate,
  deadline: Type.Optional(Nullable(IsoDate)),
  division: OptionalText(100, '承办科室'),
});

export const ContactView = Type.Object({
  id: Id,
  method: StringEnum(['meeting', 'phone', 'letter', 'visit']),
  methodLabel: Type.String(),
  contactedOn: IsoDate,
  note: Nullable(Type.String()),
});
export const CoOpinionView = Type.Object({
  id: Id,
  unit: Type.String(),
  dueOn: IsoDate,
  opinion: Nullable(Type.String()),
  receivedOn: Nullable(IsoDate),
  overdue: Type.Boolean(),
});

export const ProposalView = Type.Object({
  id: Id,
  orgId: Id,
  kind: ProposalKindSchema,
  kindLabel: Type.String(),
  number: Type.String(),
  year: Type.Integer(),
  session: Type.String(),
  title: Type.String(),
  proposers: Type.String(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
  roleLabel: Type.String(),
  leadUnit: Nullable(Type.String()),
  assignedOn: IsoDate,
  deadline: IsoDate,
  division: Nullable(Type.String()),
  state: Type.Union([Type.Literal('assigned'), Type.Literal('replied'), Type.Literal('closed')]),
  dueStatus: StringEnum(['done', 'overdue', 'due_soon', 'on_track']),
  dueStatusLabel: Type.String(),
  workdaysLeft: Nullable(Type.Integer()),
  replyText: Nullable(Type.String()),
  replyClass: Nullable(ReplyClassSchema),
  replyClassLabel: Nullable(Type.String()),
  repliedOn: Nullable(IsoDate),
  replyNumber: Nullable(Type.String()),
  feedback: Nullable(FeedbackSchema),
  feedbackLabel: Nullable(Type.String()),
  feedbackNote: Nullable(Type.String()),
  feedbackOn: Nullable(IsoDate),
  publication: Type.Union([Type.Literal('pending'), Type.Literal('published'), Type.Literal('withheld')]),
  publicText: Nullable(Type.String()),
  publicIsSummary: Type.Boolean(),
  withholdReason: Nullable(Type.String()),
  publishedAt: Nullable(IsoDateTime),
  updatedAt: IsoDateTime,
});
export type ProposalViewT = Static<typeof ProposalView>;

export const ProposalDetail = Type.Object({
  ...ProposalView.properties,
  contacts: Type.Array(ContactView),
  coOpinions: Type.Array(CoOpinionView),
});
export type ProposalDetailT = Static<typeof ProposalDetail>;

export const ProposalListQuery = Type.Object({
  ...PageQuery.properties,
  kind: Type.Optional(ProposalKindSchema),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  state: Type.Optional(
    Type.Union([Type.Literal('assigned'), Type.Literal('replied'), Type.Literal('closed')]),
  ),
});

export const ContactBody = Type.Object({
  method: StringEnum(['meeting', 'phone', 'letter', 'visit']),
  contactedOn: IsoDate,
  note: OptionalText(2000),
});
export const CoOpinionRequestBody = Type.Object({ unit: RequiredText(200, '会办单位') });
export const CoOpinionBody = Type.Object({ opinion: RequiredText(20000), receivedOn: IsoDate });
export const ReplyBody = Type.Object({
  replyText: RequiredText(50000, '答复内容'),
  replyClass: Type.String({ maxLength: 1, description: 'A、B或C' }),
  repliedOn: IsoDate,
  replyNumber: OptionalText(100, '答复文号'),
});
export const FeedbackBody = Type.Object({
  feedback: Type.String({ maxLength: 24, description: 'satisfied / basically_satisfied / dissatisfied' }),
  feedbackOn: IsoDate,
  note: OptionalText(2000),
});
export const PublicationBody = Type.Object({
  action: Type.Union([Type.Literal('publish'), Type.Literal('withhold')]),
  summary: OptionalText(50000, '公开摘要（不填则公开答复全文）'),
  reason: OptionalText(1000, '不公开理由'),
});
export const ProposalSettingsView = Type.Object({
  deadlineMonths: Type.Integer({ minimum: 1, maximum: 12 }),
  coOpinionWorkdays: Type.Integer({ minimum: 1, maximum: 60 }),
  dueSoonWorkdays: Type.Integer({ minimum: 1, maximum: 30 }),
});
export const ProposalBoard = Type.Object({
  overdue: Type.Array(ProposalView),
  dueSoon: Type.Array(ProposalView),
  coOpinionsOverdue: Type.Integer(),
});
export const TemplateInfo = Type.Object({
  custom: Type.Boolean(),
  fileName: Nullable(Type.String()),
  uploadedAt: Nullable(IsoDateTime),
  placeholders: Type.Array(Type.Object({ name: Type.String(), label: Type.String() })),
});
export const TemplateUploadBody = Type.Object({
  fileName: RequiredText(200),
  contentBase64: Type.String({ minLength: 1, maxLength: 4_000_000, pattern: '^[A-Za-z0-9+/=\\s]*$' }),
});

// ---------- routes ----------

export const listEvents = {
  operationId: 'events.listEvents',
  summary: '活动列表',
  tags: TAGS,
  querystring: EventListQuery,
  response: { 200: Page(EventView) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const createEvent = {
  operationId: 'events.createEvent',
  summary: '新建活动计划',
  tags: TAGS,
  body: EventInput,
  response: { 201: EventView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getEvent = {
  operationId: 'events.getEvent',
  summary: '活动详情（含报名）',
  tags: TAGS,
  params: IdParams,
  response: { 200: EventDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const updateEvent = {
  operationId: 'events.updateEvent',
  summary: '修改活动计划',
  tags: TAGS,
  params: IdParams,
  body: EventInput,
  response: { 200: EventView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const transitionEvent = {
  operationId: 'events.transitionEvent',
  summary: '发布预告、登记举行、发布实录或取消',
  tags: TAGS,
  params: IdParams,
  body: EventTransitionBody,
  response: { 200: EventView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const saveEventRecord = {
  operationId: 'events.saveEventRecord',
  summary: '填写活动实录（笔录）',
  tags: TAGS,
  params: IdParams,
  body: EventRecordBody,
  response: { 200: EventView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const fileEvent = {
  operationId: 'events.fileEvent',
  summary: '登记备案',
  tags: TAGS,
  params: IdParams,
  body: EventFilingBody,
  response: { 200: EventView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const decideRegistration = {
  operationId: 'events.decideRegistration',
  summary: '遴选听证参加人',
  tags: TAGS,
  params: IdParams,
  body: RegistrationDecisionBody,
  response: { 200: RegistrationView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getPressPlan = {
  operationId: 'events.getPressPlan',
  summary: '年度新闻发布计划及完成情况',
  tags: TAGS,
  params: YearParams,
  response: { 200: PressPlanView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const setPressPlan = {
  operationId: 'events.setPressPlan',
  summary: '录入年度新闻发布计划',
  tags: TAGS,
  params: YearParams,
  body: PressPlanBody,
  response: { 200: PressPlanView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listProposals = {
  operationId: 'events.listProposals',
  summary: '建议提案列表',
  tags: TAGS,
  querystring: ProposalListQuery,
  response: { 200: Page(ProposalView) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const proposalBoard = {
  operationId: 'events.proposalBoard',
  summary: '建议提案超期和即将到期看板',
  tags: TAGS,
  response: { 200: ProposalBoard },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const createProposal = {
  operationId: 'events.createProposal',
  summary: '登记交办的建议提案',
  tags: TAGS,
  body: ProposalInput,
  response: { 201: ProposalView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getProposal = {
  operationId: 'events.getProposal',
  summary: '建议提案详情',
  tags: TAGS,
  params: IdParams,
  response: { 200: ProposalDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const updateProposal = {
  operationId: 'events.updateProposal',
  summary: '修改建议提案登记信息',
  tags: TAGS,
  params: IdParams,
  body: ProposalInput,
  response: { 200: ProposalView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const addContact = {
  operationId: 'events.addProposalContact',
  summary: '登记与代表委员的沟通',
  tags: TAGS,
  params: IdParams,
  body: ContactBody,
  response: { 200: ProposalDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const requestCoOpinion = {
  operationId: 'events.requestCoOpinion',
  summary: '请会办单位提出会办意见',
  tags: TAGS,
  params: IdParams,
  body: CoOpinionRequestBody,
  response: { 200: ProposalDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const recordCoOpinion = {
  operationId: 'events.recordCoOpinion',
  summary: '登记收到的会办意见',
  tags: TAGS,
  params: IdParams,
  body: CoOpinionBody,
  response: { 200: ProposalDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const replyProposal = {
  operationId: 'events.replyProposal',
  summary: '答复建议提案',
  tags: TAGS,
  params: IdParams,
  body: ReplyBody,
  response: { 200: ProposalView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const recordFeedback = {
  operationId: 'events.recordProposalFeedback',
  summary: '登记代表委员反馈意见',
  tags: TAGS,
  params: IdParams,
  body: FeedbackBody,
  response: { 200: ProposalView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const setPublication = {
  operationId: 'events.setProposalPublication',
  summary: '公开办理结果或记录不公开理由',
  tags: TAGS,
  params: IdParams,
  body: PublicationBody,
  response: { 200: ProposalView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const replyLetter = {
  operationId: 'events.proposalReplyLetter',
  summary: '下载答复函（Word）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('答复函 .docx') },
  errors: STAFF_ERRORS,
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
} satisfies RouteContract;
export const getProposalSettings = {
  operationId: 'events.getProposalSettings',
  summary: '建议提案办理设置',
  tags: TAGS,
  response: { 200: ProposalSettingsView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const setProposalSettings = {
  operationId: 'events.setProposalSettings',
  summary: '修改建议提案办理设置',
  tags: TAGS,
  body: ProposalSettingsView,
  response: { 200: ProposalSettingsView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getReplyTemplate = {
  operationId: 'events.getReplyTemplate',
  summary: '答复函模板信息',
  tags: TAGS,
  response: { 200: TemplateInfo },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const uploadReplyTemplate = {
  operationId: 'events.uploadReplyTemplate',
  summary: '上传本机关的答复函Word模板',
  tags: TAGS,
  body: TemplateUploadBody,
  response: { 200: TemplateInfo },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const deleteReplyTemplate = {
  operationId: 'events.deleteReplyTemplate',
  summary: '恢复使用内置答复函模板',
  tags: TAGS,
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const downloadReplyTemplate = {
  operationId: 'events.downloadReplyTemplate',
  summary: '下载当前答复函模板（Word）',
  tags: TAGS,
  response: { 200: FileResponse('答复函模板 .docx') },
  errors: STAFF_ERRORS,
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
} satisfies RouteContract;
