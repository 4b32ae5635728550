/**
 * Contract of the supervision module (监督): read-only boards over the agencies below a supervisor, with
 * drill-down to the records, and 督办 tasks (issue → reply with evidence → accept or return).
 */
import { Type, type Static } from 'typebox';
import {
  FileResponse,
  Id,
  IdParams,
  IsoDate,
  IsoDateTime,
  Nullable,
  OptionalText,
  Page,
  PageQuery,
  RequiredText,
  STAFF_ERRORS,
  StringEnum,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const TAGS = ['supervision'];

// ---------------------------------------------------------------- boards

export const AgencyBoardRow = Type.Object({
  orgId: Id,
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  requests: Type.Object({
    open: Type.Integer(),
    dueSoon: Type.Integer(),
    overdue: Type.Integer(),
    paused: Type.Integer(),
  }),
  catalog: Type.Object({
    published: Type.Integer({ description: '近12个月发布（有成文日期）的信息数' }),
    late: Type.Integer({ description: '超过20个工作日发布（条例第二十六条）' }),
    staleColumns: Type.Integer(),
    blankColumns: Type.Integer(),
    leafColumns: Type.Integer(),
  }),
  enforcement: Type.Object({
    overdue: Type.Integer({ description: '超过7个工作日未公示的双公示决定' }),
    pending: Type.Integer(),
  }),
  interaction: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), dueSoon: Type.Integer() }),
  report: Type.Object({
    year: Type.Integer(),
    status: Type.String(),
    statusLabel: Type.String(),
    unresolvedErrors: Type.Integer(),
    published: Type.Boolean(),
    deadline: IsoDate,
    reportId: Nullable(Id),
  }),
  tasks: Type.Object({ open: Type.Integer(), overdue: Type.Integer() }),
  /** Number of red flags (overdue counts, late items, stale/blank columns) for sorting. */
  problems: Type.Integer(),
});
export type AgencyBoardRowT = Static<typeof AgencyBoardRow>;

export const Board = Type.Object({
  today: IsoDate,
  reportYear: Type.Integer(),
  agencies: Type.Array(AgencyBoardRow),
  calendarNotice: Nullable(Type.String()),
});
export type BoardT = Static<typeof Board>;

export const BoardQuery = Type.Object({
  reportYear: Type.Optional(Type.Integer({ minimum: 2008, maximum: 2100, description: '年度报告年份' })),
});

export const AgencyParams = Type.Object({ orgId: Id });

/** What a board row becomes when the supervisor issues a 督办 task from it. */
export const TaskSource = Type.Object({
  kind: StringEnum(
    ['request_case', 'catalog_item', 'catalog_column', 'enforcement_decision', 'interaction_item', 'report'],
    { description: '督办来源：依申请公开案件、信息、栏目、双公示决定、互动事项、年度报告' },
  ),
  id: Id,
  label: RequiredText(300, '来源记录的名称（如案件编号、栏目名称）'),
  link: Type.String({ maxLength: 300, pattern: '^/[A-Za-z0-9/_?=&.-]*$', description: '控制台内的记录页面' }),
});
export type TaskSourceT = Static<typeof TaskSource>;

const DrillCommon = {
  orgId: Id,
  /** Console path of the record (null when the console has no page for it). */
  link: Nullable(Type.String()),
  /** Suggested 督办 title for this row ("案件 Y 已逾期"). */
  suggestedTitle: Type.String(),
  source: TaskSource,
};

export const RequestRow = Type.Object({
  id: Id,
  ...DrillCommon,
  caseNumber: Type.String(),
  stageLabel: Type.String(),
  receivedOn: Nullable(IsoDate),
  answerDue: Nullable(IsoDate),
  workdaysLeft: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean(),
  descriptionExcerpt: Type.String(),
});
export const LateItemRow = Type.Object({
  id: Id,
  ...DrillCommon,
  title: Type.String(),
  indexNumber: Nullable(Type.String()),
  generatedOn: IsoDate,
  publishedOn: IsoDate,
  workdays: Type.Integer(),
});
export const ColumnRow = Type.Object({
  id: Id,
  ...DrillCommon,
  columnName: Type.String(),
  kind: StringEnum(['stale', 'blank']),
  updateClass: Type.String(),
  lastPublishedOn: Nullable(IsoDate),
  daysSince: Nullable(Type.Integer()),
  dueBy: Nullable(IsoDate),
  limitDays: Nullable(Type.Integer()),
});
export const DecisionRow = Type.Object({
  id: Id,
  ...DrillCommon,
  kind: Type.String(),
  kindLabel: Type.String(),
  decisionNumber: Type.String(),
  decisionDate: IsoDate,
  publishDue: IsoDate,
  pubState: Type.String(),
  itemName: Nullable(Type.String()),
});
export const InteractionRow = Type.Object({
  id: Id,
  ...DrillCommon,
  number: Type.String(),
  kindLabel: Type.String(),
  status: Type.String(),
  subject: Type.String(),
  receivedOn: IsoDate,
  due: IsoDate,
  workdaysLeft: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean(),
});

export const RequestDrillQuery = Type.Object({
  ...PageQuery.properties,
  which: Type.Optional(StringEnum(['open', 'due_soon', 'overdue'])),
});
export const ColumnDrillQuery = Type.Object({
  ...PageQuery.properties,
  which: Type.Optional(StringEnum(['stale', 'blank'])),
});

// ---------------------------------------------------------------- tasks

export const TaskStateSchema = StringEnum(['issued', 'replied', 'returned', 'accepted', 'withdrawn'], {
  description: '已下达（待答复）/已答复（待验收）/已退回（待重新答复）/已办结/已撤回',
});

export const TaskFileView = Type.Object({
  id: Id,
  fileName: Type.String(),
  sizeBytes: Type.Integer(),
  mime: Type.String(),
  uploadedByName: Type.String(),
  createdAt: IsoDateTime,
  /** The reply round the file belongs to (null while not yet sent with a reply). */
  round: Nullable(Type.Integer()),
});

export const TaskEventView = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  actionLabel: Type.String(),
  actorName: Type.String(),
  orgName: Type.String(),
  note: Nullable(Type.String()),
  at: IsoDateTime,
});

export const TaskView = Type.Object({
  id: Id,
  number: Type.String(),
  title: Type.String(),
  body: Type.String(),
  issuerOrgId: Id,
  issuerOrgName: Type.String(),
  issuedByName: Type.String(),
  targetOrgId: Id,
  targetOrgName: Type.String(),
  targetAgencyId: Id,
  targetAgencyName: Type.String(),
  source: Nullable(TaskSource),
  workdays: Type.Integer(),
  issuedOn: IsoDate,
  dueOn: IsoDate,
  dueEstimated: Type.Boolean(),
  state: TaskStateSchema,
  stateLabel: Type.String(),
  overdue: Type.Boolean(),
  /** Working days left to the due date (negative once overdue); null when closed. */
  workdaysLeft: Nullable(Type.Integer()),
  round: Type.Integer({ description: '答复轮次' }),
  replyText: Nullable(Type.String()),
  repliedOn: Nullable(IsoDate),
  repliedByName: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  closedOn: Nullable(IsoDate),
  closedOnTime: Nullable(Type.Boolean()),
  /** What the viewer may do now. */
  actions: Type.Array(StringEnum(['reply', 'accept', 'return', 'withdraw', 'attach'])),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type TaskViewT = Static<typeof TaskView>;

export const TaskDetail = Type.Object({
  ...TaskView.properties,
  events: Type.Array(TaskEventView),
  files: Type.Array(TaskFileView),
});
export type TaskDetailT = Static<typeof TaskDetail>;

export const TaskListQuery = Type.Object({
  ...PageQuery.properties,
  box: Type.Optional(StringEnum(['issued', 'received'], { description: '我下达的 / 交办给我的' })),
  state: Type.Optional(TaskStateSchema),
  overdue: Type.Optional(Type.Boolean()),
  targetAgencyId: Type.Optional(Id),
});

export const IssueTaskBody = Type.Object({
  targetOrgId: Id,
  title: RequiredText(200, '督办事项'),
  body: RequiredText(5000, '督办要求'),
  workdays: Type.Integer({ minimum: 1, maximum: 60, description: '办理时限（工作日）' }),
  source: Type.Optional(TaskSource),
});
export const ReplyTaskBody = Type.Object({
  text: RequiredText(10000, '办理情况'),
});
export const ReasonBody = Type.Object({ reason: RequiredText(2000, '理由') });
export const AcceptBody = Type.Object({ note: OptionalText(2000, '验收意见') });

export const TargetView = Type.Object({
  orgId: Id,
  name: Type.String(),
  kind: Type.String(),
  agencyId: Id,
  agencyName: Type.String(),
});

export const FileParams = Type.Object({ id: Id, fileId: Id });

// ---------------------------------------------------------------- routes

export const board = {
  operationId: 'supervision.board',
  summary: '监督看板：下级机关的依申请公开、信息发布时效、栏目更新、双公示、互动交流、年报和督办',
  tags: TAGS,
  querystring: BoardQuery,
  response: { 200: Board },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const requestRows = {
  operationId: 'supervision.requestRows',
  summary: '看板下钻：某机关的依申请公开案件（办理中/即将到期/已逾期）',
  tags: TAGS,
  params: AgencyParams,
  querystring: RequestDrillQuery,
  response: { 200: Page(RequestRow) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const lateItems = {
  operationId: 'supervision.lateItems',
  summary: '看板下钻：某机关近12个月超过20个工作日发布的信息（条例第二十六条）',
  tags: TAGS,
  params: AgencyParams,
  querystring: PageQuery,
  response: { 200: Page(LateItemRow) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const columnRows = {
  operationId: 'supervision.columnRows',
  summary: '看板下钻：某机关超期未更新的栏目和空白栏目',
  tags: TAGS,
  params: AgencyParams,
  querystring: ColumnDrillQuery,
  response: { 200: Page(ColumnRow) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const decisionRows = {
  operationId: 'supervision.decisionRows',
  summary: '看板下钻：某机关超过7个工作日未公示的双公示决定',
  tags: TAGS,
  params: AgencyParams,
  querystring: PageQuery,
  response: { 200: Page(DecisionRow) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const interactionRows = {
  operationId: 'supervision.interactionRows',
  summary: '看板下钻：某机关的互动交流事项（办理中/即将到期/已逾期）',
  tags: TAGS,
  params: AgencyParams,
  querystring: RequestDrillQuery,
  response: { 200: Page(InteractionRow) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listTasks = {
  operationId: 'supervision.listTasks',
  summary: '督办事项列表（我下达的 / 交办给我的）',
  tags: TAGS,
  querystring: TaskListQuery,
  response: { 200: Page(TaskView) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const targets = {
  operationId: 'supervision.targets',
  summary: '可以下达督办的机关和科室',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(TargetView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const issueTask = {
  operationId: 'supervision.issueTask',
  summary: '下达督办（自由填写或由看板记录生成）',
  tags: TAGS,
  body: IssueTaskBody,
  response: { 201: TaskDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getTask = {
  operationId: 'supervision.getTask',
  summary: '督办详情（含办理记录和佐证材料）',
  tags: TAGS,
  params: IdParams,
  response: { 200: TaskDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const replyTask = {
  operationId: 'supervision.replyTask',
  summary: '答复督办（附办理情况；已上传的佐证材料随本次答复提交）',
  tags: TAGS,
  params: IdParams,
  body: ReplyTaskBody,
  response: { 200: TaskDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const attachFile = {
  operationId: 'supervision.attachFile',
  summary: '上传佐证材料（multipart，字段 file；PDF、图片、Word、Excel，≤10MB）',
  tags: TAGS,
  params: IdParams,
  consumes: ['multipart/form-data'],
  response: { 201: TaskFileView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const downloadFile = {
  operationId: 'supervision.downloadFile',
  summary: '下载佐证材料',
  tags: TAGS,
  params: FileParams,
  produces: ['application/octet-stream'],
  response: { 200: FileResponse('佐证材料') },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const acceptTask = {
  operationId: 'supervision.acceptTask',
  summary: '验收办结',
  tags: TAGS,
  params: IdParams,
  body: AcceptBody,
  response: { 200: TaskDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const returnTask = {
  operationId: 'supervision.returnTask',
  summary: '退回重办（须说明理由）',
  tags: TAGS,
  params: IdParams,
  body: ReasonBody,
  response: { 200: TaskDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const withdrawTask = {
  operationId: 'supervision.withdrawTask',
  summary: '撤回督办（须说明理由）',
  tags: TAGS,
  params: IdParams,
  body: ReasonBody,
  response: { 200: TaskDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

// ---------------------------------------------------------------- problems

export const SUPERVISION_PROBLEMS = {
  'supervision.invalid_target': {
    status: 403,
    title: '不能向该机构下达督办',
    description: '上级监督只能向所辖下级机关（及其科室）下达督办；政务公开办只能向本机关的科室下达督办。',
  },
  'supervision.invalid_transition': {
    status: 409,
    title: '督办当前状态不允许此操作',
    description: '例如已办结或已撤回的督办不能再答复；只有已答复的督办才能验收或退回。刷新后查看最新状态。',
  },
  'supervision.invalid_workdays': {
    status: 400,
    title: '办理时限不正确',
    description: '办理时限按工作日计算，应为1至60个工作日。',
  },
  'supervision.not_receiver': {
    status: 403,
    title: '不是该督办的承办单位',
    description: '只有被督办机关的政务公开办（或被督办科室的信息员）可以答复和上传佐证材料。',
  },
  'supervision.not_issuer': {
    status: 403,
    title: '不是该督办的下达单位',
    description: '只有下达督办的单位可以验收、退回或撤回督办。',
  },
  'supervision.file_invalid': {
    status: 400,
    title: '佐证材料不符合要求',
    description: '支持 PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx）文件，单个不超过10MB。',
  },
} satisfies ProblemTypes;
