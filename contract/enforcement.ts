/**
 * Contract of the enforcement module (双公示, server/modules/enforcement): 行政许可/处罚/强制 decisions with
 * their publication workflow and 更正/撤销/撤回 notices, the agency's publicity settings, the 权责清单 事项,
 * accident investigation reports (事故调查报告), 挂牌督办 hazards, the bulk import, and the annual-report feed.
 */
import { Type, type Static, type TSchema } from 'typebox';
import {
  FileResponse,
  Id,
  IdParams,
  IsoDate,
  IsoDateTime,
  Nullable,
  STAFF_ERRORS,
  StringEnum,
  Text,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const TAGS = ['双公示'];
/** An optional text field that may be cleared with null. */
const OptNullText = (max: number) => Type.Optional(Nullable(Text(max)));
const OptNullInt = Type.Optional(Nullable(Type.Integer()));

// ---------------------------------------------------------------- vocabulary

export const DECISION_KINDS = ['license', 'penalty', 'coercion'] as const;
export const DecisionKind = StringEnum(DECISION_KINDS, { description: '行政许可、行政处罚、行政强制' });
export const CounterpartyType = StringEnum(['legal_person', 'individual_business', 'natural_person'], {
  description: '法人及非法人组织、个体工商户、自然人（公开时姓名脱敏）',
});
export const LegalStatus = StringEnum(['in_force', 'corrected', 'revoked', 'withdrawn'], {
  description: '有效、已更正、已撤销、已撤回',
});
export const PubState = StringEnum(['draft', 'review', 'approval', 'published', 'taken_down'], {
  description: '草稿、待保密审查、待领导审批、已公开、已撤下',
});
export const WORKFLOW_ACTIONS = [
  'submit',
  'recall',
  'pass_review',
  'approve',
  'return',
  'take_down',
] as const;
export const WorkflowAction = StringEnum(WORKFLOW_ACTIONS, {
  description: '提交审核、撤回提交、保密审查通过、审批通过并公开、退回修改、撤下公示',
});
export const AccidentLevel = StringEnum(['general', 'larger', 'major', 'especially_major'], {
  description: '一般、较大、重大、特别重大事故',
});
export const RectificationStatus = StringEnum(['pending', 'in_progress', 'rectified', 'delisted'], {
  description: '未整改、整改中、已整改待销号、已销号',
});
export const NoticeKind = StringEnum(['correction', 'revocation', 'withdrawal'], {
  description: '更正、撤销、撤回公告',
});
export const ImportMode = StringEnum(['all', 'valid'], {
  description: 'all 全部正确才导入；valid 仅导入正确行',
});
export const ImportStatus = StringEnum(['running', 'succeeded', 'rejected', 'failed']);

export type DecisionKindT = Static<typeof DecisionKind>;
export type CounterpartyTypeT = Static<typeof CounterpartyType>;
export type LegalStatusT = Static<typeof LegalStatus>;
export type PubStateT = Static<typeof PubState>;
export type WorkflowActionT = Static<typeof WorkflowAction>;
export type AccidentLevelT = Static<typeof AccidentLevel>;
export type RectificationStatusT = Static<typeof RectificationStatus>;
export type ImportModeT = Static<typeof ImportMode>;

// ---------------------------------------------------------------- decisions

const decisionFields = {
  kind: DecisionKind,
  decisionNumber: Text(100, { description: '决定文号（本机关内唯一）' }),
  decisionDate: Text(10, { description: '决定日期（YYYY-MM-DD）' }),
  itemName: OptNullText(300),
  counterpartyType: CounterpartyType,
  counterpartyName: Text(200),
  creditCode: OptNullText(30),
  legalRepresentative: OptNullText(100),
  legalBasis: Text(4000),
  content: Text(20000, { description: '许可内容、处罚内容（违法事实与处罚结果）或强制措施内容' }),
  fineFen: OptNullInt,
  confiscationFen: OptNullInt,
  validFrom: OptNullText(10),
  validTo: OptNullText(10),
  handlingDivision: OptNullText(100),
};
/** A decision as the clerk enters it (the service checks dates, codes and amounts with Chinese messages). */
export const DecisionBody = Type.Object(decisionFields);
export type DecisionBodyT = Static<typeof DecisionBody>;

export const DecisionView = Type.Object({
  id: Id,
  orgId: Id,
  kind: DecisionKind,
  kindLabel: Type.String(),
  decisionNumber: Type.String(),
  decisionDate: IsoDate,
  itemId: Nullable(Id),
  itemName: Nullable(Type.String()),
  counterpartyType: CounterpartyType,
  counterpartyName: Type.String(),
  creditCode: Nullable(Type.String()),
  legalRepresentative: Nullable(Type.String()),
  legalBasis: Type.String(),
  content: Type.String(),
  fineFen: Nullable(Type.Integer()),
  confiscationFen: Nullable(Type.Integer()),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  handlingDivision: Nullable(Type.String()),
  legalStatus: LegalStatus,
  pubState: PubState,
  publishDue: Type.String({ description: '公示期限（决定日期后 N 个工作日，北京时间）' }),
  publishDueEstimated: Type.Boolean({ description: '所在年份无官方节假日安排时按周末估算' }),
  overdue: Type.Boolean(),
  publishedAt: Nullable(IsoDateTime),
  publicUntil: Nullable(IsoDate),
  returnReason: Nullable(Type.String()),
  version: Type.Integer(),
  importJobId: Nullable(Id),
  importRow: Nullable(Type.Integer()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type DecisionViewT = Static<typeof DecisionView>;

export const DecisionHistoryEntry = Type.Object({
  at: IsoDateTime,
  actorName: Type.String(),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  note: Nullable(Type.String()),
  before: Type.Unknown({ description: '变更前的业务字段（更正、修改）' }),
});
export const NoticeView = Type.Object({
  id: Id,
  kind: NoticeKind,
  title: Type.String(),
  body: Type.String(),
  publishedAt: IsoDateTime,
});
export const DecisionDetail = Type.Object({
  ...DecisionView.properties,
  history: Type.Array(DecisionHistoryEntry),
  notices: Type.Array(NoticeView),
  allowedActions: Type.Array(WorkflowAction, { description: '当前用户此刻可执行的流程操作' }),
});
export type DecisionDetailT = Static<typeof DecisionDetail>;

export const DecisionQuery = Type.Object({
  orgId: Type.Optional(Id),
  kind: Type.Optional(DecisionKind),
  pubState: Type.Optional(PubState),
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
  q: Type.Optional(Text(100)),
  queue: Type.Optional(Type.Boolean({ description: 'true：本人待审（保密审查员、分管领导）队列' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type DecisionQueryT = Static<typeof DecisionQuery>;

export const DecisionPage = Type.Object({
  items: Type.Array(DecisionView),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type DecisionPageT = Static<typeof DecisionPage>;

export const TransitionBody = Type.Object({ action: WorkflowAction, reason: OptNullText(1000) });
export type TransitionBodyT = Static<typeof TransitionBody>;

export const LegalStatusBody = Type.Object({
  status: StringEnum(['corrected', 'revoked', 'withdrawn'], { description: '更正、撤销、撤回' }),
  reason: Text(2000),
  changes: Type.Optional(DecisionBody),
});
export type LegalStatusBodyT = Static<typeof LegalStatusBody>;

// ---------------------------------------------------------------- settings, 权责清单 事项

export const Settings = Type.Object({
  publishWorkdays: Type.Integer({ minimum: 1, maximum: 60, description: '决定作出后几个工作日内公示' }),
  licensePublicMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120, description: 'null：长期公示' })),
  penaltyPublicMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120 })),
  coercionPublicMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120 })),
});
export type SettingsT = Static<typeof Settings>;

export const ItemView = Type.Object({
  id: Id,
  orgId: Id,
  year: Type.Integer(),
  kind: DecisionKind,
  code: Nullable(Type.String()),
  name: Type.String(),
  basis: Nullable(Type.String()),
});
export type ItemViewT = Static<typeof ItemView>;
export const ItemBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  kind: DecisionKind,
  code: OptNullText(64),
  name: Text(300),
  basis: OptNullText(4000),
});
export type ItemBodyT = Static<typeof ItemBody>;

// ---------------------------------------------------------------- accident reports and hazards

const recordState = {
  pubState: PubState,
  publishedAt: Nullable(IsoDateTime),
  returnReason: Nullable(Type.String()),
  updatedAt: IsoDateTime,
};
const allowedActions = Type.Array(WorkflowAction, { description: '当前用户此刻可执行的流程操作' });

export const AccidentBody = Type.Object({
  title: Text(300),
  level: AccidentLevel,
  occurredOn: Text(10),
  place: Text(300),
  enterpriseName: OptNullText(200),
  creditCode: OptNullText(30),
  deaths: Type.Integer({ minimum: 0 }),
  injuries: Type.Integer({ minimum: 0 }),
  directLossFen: Type.Integer({ minimum: 0, description: '直接经济损失（分）' }),
  summary: Text(20000),
  conclusions: Text(20000),
  responsibilityHandling: Text(20000),
  approvedOn: OptNullText(10),
});
export type AccidentBodyT = Static<typeof AccidentBody>;
export const AccidentView = Type.Object({
  id: Id,
  orgId: Id,
  title: Type.String(),
  level: AccidentLevel,
  occurredOn: IsoDate,
  place: Type.String(),
  enterpriseName: Nullable(Type.String()),
  creditCode: Nullable(Type.String()),
  deaths: Type.Integer(),
  injuries: Type.Integer(),
  directLossFen: Type.Integer(),
  summary: Type.String(),
  conclusions: Type.String(),
  responsibilityHandling: Type.String(),
  approvedOn: Nullable(IsoDate),
  ...recordState,
});
export type AccidentViewT = Static<typeof AccidentView>;
export const AccidentDetail = Type.Object({ ...AccidentView.properties, allowedActions });
export type AccidentDetailT = Static<typeof AccidentDetail>;

export const HazardBody = Type.Object({
  title: Text(300),
  enterpriseName: Text(200),
  creditCode: OptNullText(30),
  description: Text(20000),
  listedOn: Text(10),
  deadline: Text(10),
  responsibleUnit: Text(200),
  measures: OptNullText(20000),
  rectificationStatus: RectificationStatus,
  delistedOn: OptNullText(10),
});
export type HazardBodyT = Static<typeof HazardBody>;
export const HazardView = Type.Object({
  id: Id,
  orgId: Id,
  title: Type.String(),
  enterpriseName: Type.String(),
  creditCode: Nullable(Type.String()),
  description: Type.String(),
  listedOn: IsoDate,
  deadline: IsoDate,
  responsibleUnit: Type.String(),
  measures: Nullable(Type.String()),
  rectificationStatus: RectificationStatus,
  delistedOn: Nullable(IsoDate),
  ...recordState,
});
export type HazardViewT = Static<typeof HazardView>;
export const HazardDetail = Type.Object({ ...HazardView.properties, allowedActions });
export type HazardDetailT = Static<typeof HazardDetail>;

const RecordPageQuery = {
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
export const AccidentQuery = Type.Object({ ...RecordPageQuery, level: Type.Optional(Text(20)) });
export type AccidentQueryT = Static<typeof AccidentQuery>;
export const HazardQuery = Type.Object({
  ...RecordPageQuery,
  status: Type.Optional(Text(20)),
  q: Type.Optional(Text(100)),
});
export type HazardQueryT = Static<typeof HazardQuery>;

// ---------------------------------------------------------------- bulk import

export const ImportJobView = Type.Object({
  id: Id,
  fileName: Type.String(),
  format: StringEnum(['csv', 'xlsx']),
  mode: ImportMode,
  status: ImportStatus,
  phase: Type.String({ description: '当前阶段（读取、校验、合并…）' }),
  processedRows: Type.Integer(),
  totalRows: Nullable(Type.Integer({ description: '预计行数（.xlsx 读完前为 null）' })),
  insertedRows: Type.Integer(),
  updatedRows: Type.Integer(),
  unchangedRows: Type.Integer(),
  errorRows: Type.Integer(),
  message: Nullable(Type.String()),
  createdAt: IsoDateTime,
  finishedAt: Nullable(IsoDateTime),
});
export type ImportJobViewT = Static<typeof ImportJobView>;

// ---------------------------------------------------------------- annual-report feed

const Counted = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  records: Type.Array(Id, { description: '被统计的决定（下钻用，最多 1000 条）' }),
});
const KindFacts = Type.Object({
  decisions: Counted,
  previousItems: Type.Integer({ description: '上一年度权责清单事项数' }),
  itemChange: Type.Integer({ description: '本年增/减' }),
  items: Type.Integer({ description: '本年度事项数' }),
});
export const ReportFacts = Type.Object({
  kinds: Type.Object({ license: KindFacts, penalty: KindFacts, coercion: KindFacts }),
});
export type ReportFactsT = Static<typeof ReportFacts>;

// ---------------------------------------------------------------- routes

/** An enforcement route: the module's tag and the signed-in error statuses unless it names others. */
const route = <const C extends Omit<RouteContract, 'tags' | 'errors'> & { errors?: RouteContract['errors'] }>(
  c: C,
) =>
  ({ tags: TAGS, errors: STAFF_ERRORS, ...c }) as unknown as C & {
    tags: string[];
    errors: C extends { errors: infer E } ? E : typeof STAFF_ERRORS;
  };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Deleted = { 204: Type.Null() };
const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });

export const listDecisions = route({
  operationId: 'enforcement.listDecisions',
  summary: '双公示决定列表（queue=true 为本人待审队列）',
  querystring: DecisionQuery,
  response: { 200: DecisionPage },
});
export const createDecision = route({
  operationId: 'enforcement.createDecision',
  summary: '登记决定（草稿）',
  body: DecisionBody,
  response: { 201: DecisionView },
});
export const getDecision = route({
  operationId: 'enforcement.getDecision',
  summary: '决定详情、历史与公告',
  params: IdParams,
  response: { 200: DecisionDetail },
});
export const updateDecision = route({
  operationId: 'enforcement.updateDecision',
  summary: '修改草稿',
  params: IdParams,
  body: DecisionBody,
  response: { 200: DecisionView },
});
export const deleteDecision = route({
  operationId: 'enforcement.deleteDecision',
  summary: '删除从未公开的草稿',
  params: IdParams,
  response: Deleted,
});
export const transitionDecision = route({
  operationId: 'enforcement.transitionDecision',
  summary: '公开流程：提交、撤回、保密审查、审批、退回、撤下',
  params: IdParams,
  body: TransitionBody,
  response: { 200: DecisionView },
});
export const changeLegalStatus = route({
  operationId: 'enforcement.changeLegalStatus',
  summary: '更正、撤销或撤回决定（已公开的同时发布公告）',
  params: IdParams,
  body: LegalStatusBody,
  response: { 200: DecisionDetail },
});

export const getSettings = route({
  operationId: 'enforcement.getSettings',
  summary: '本机关公示时限与公示期',
  response: { 200: Settings },
});
export const updateSettings = route({
  operationId: 'enforcement.updateSettings',
  summary: '修改公示时限与公示期',
  body: Settings,
  response: { 200: Settings },
});

export const listItems = route({
  operationId: 'enforcement.listItems',
  summary: '权责清单事项',
  querystring: YearQuery,
  response: { 200: Type.Object({ items: Type.Array(ItemView) }) },
});
export const createItem = route({
  operationId: 'enforcement.createItem',
  summary: '新增事项',
  body: ItemBody,
  response: { 201: ItemView },
});
export const updateItem = route({
  operationId: 'enforcement.updateItem',
  summary: '修改事项',
  params: IdParams,
  body: ItemBody,
  response: { 200: ItemView },
});
export const deleteItem = route({
  operationId: 'enforcement.deleteItem',
  summary: '删除事项',
  params: IdParams,
  response: Deleted,
});

/** The five routes of a record kind (accident reports, hazards): list, create, read, edit, workflow. */
function recordRoutes<
  const N extends string,
  B extends TSchema,
  V extends TSchema,
  D extends TSchema,
  Q extends TSchema,
>(noun: N, label: string, schemas: { body: B; view: V; detail: D; query: Q }) {
  return {
    list: route({
      operationId: `enforcement.list${noun}s`,
      summary: label,
      querystring: schemas.query,
      response: {
        200: Type.Object({ items: Type.Array(schemas.view), total: Type.Integer({ minimum: 0 }) }),
      },
    }),
    create: route({
      operationId: `enforcement.create${noun}`,
      summary: `登记${label}`,
      body: schemas.body,
      response: { 201: schemas.view },
    }),
    get: route({
      operationId: `enforcement.get${noun}`,
      summary: `${label}详情与可执行的流程操作`,
      params: IdParams,
      response: { 200: schemas.detail },
    }),
    update: route({
      operationId: `enforcement.update${noun}`,
      summary: `修改${label}`,
      params: IdParams,
      body: schemas.body,
      response: { 200: schemas.view },
    }),
    transition: route({
      operationId: `enforcement.transition${noun}`,
      summary: `${label}公开流程：提交、撤回、保密审查、审批、退回、撤下`,
      params: IdParams,
      body: TransitionBody,
      response: { 200: schemas.view },
    }),
  };
}
export const accidents = recordRoutes('Accident', '事故调查报告', {
  body: AccidentBody,
  view: AccidentView,
  detail: AccidentDetail,
  query: AccidentQuery,
});
export const hazards = recordRoutes('Hazard', '挂牌督办隐患', {
  body: HazardBody,
  view: HazardView,
  detail: HazardDetail,
  query: HazardQuery,
});

export const importTemplateXlsx = route({
  operationId: 'enforcement.getImportTemplateXlsx',
  summary: '下载导入模板（Excel）',
  produces: [XLSX],
  response: { 200: FileResponse('双公示决定导入模板（.xlsx）') },
});
export const importTemplateCsv = route({
  operationId: 'enforcement.getImportTemplateCsv',
  summary: '下载导入模板（CSV）',
  produces: ['text/csv'],
  response: { 200: FileResponse('双公示决定导入模板（.csv，UTF-8）') },
});
export const listImports = route({
  operationId: 'enforcement.listImports',
  summary: '最近的导入任务',
  response: { 200: Type.Object({ items: Type.Array(ImportJobView) }) },
});
export const startImport = route({
  operationId: 'enforcement.startImport',
  summary: '上传 .xlsx/.csv 批量导入（multipart 字段 file）',
  description:
    '上传 .xlsx/.csv 批量导入（multipart 字段 file，≤50MB）；返回任务，进度见 GET /api/enforcement/imports/{id}',
  querystring: Type.Object({ mode: ImportMode }),
  consumes: ['multipart/form-data'],
  response: { 202: ImportJobView },
  errors: [...STAFF_ERRORS, 413, 415],
});
export const getImport = route({
  operationId: 'enforcement.getImport',
  summary: '导入任务进度与结果',
  params: IdParams,
  response: { 200: ImportJobView },
});
export const getImportErrorsXlsx = route({
  operationId: 'enforcement.getImportErrorsXlsx',
  summary: '下载错误报告（行号、列、原因）',
  params: IdParams,
  produces: [XLSX],
  response: { 200: FileResponse('导入错误报告（.xlsx）') },
});

export const reportFacts = route({
  operationId: 'enforcement.reportFacts',
  summary: '年报表二：本年处理决定数量与事项数',
  querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
  response: { 200: ReportFacts },
});

// ---------- problem types (registered in contract/problems.ts) ----------

/** Codes the enforcement module answers (shared ones such as `required` and `invalid_date` are listed once here). */
export const ENFORCEMENT_PROBLEMS = {
  no_agency: {
    status: 400,
    title: '账号不属于任何机关',
    description: '双公示的登记、审核和公开都以机关为单位；请由管理员把账号分配到所在机关后再操作。',
  },
  required: {
    status: 400,
    title: '必填项未填写',
    description: '`field` 指明未填写的字段（如决定文号、相对人名称、事项名称、报告标题），填写后重试。',
  },
  too_long: {
    status: 400,
    title: '内容过长',
    description: '`field` 指明超长的字段：决定文号不超过100个字符，相对人名称不超过200个字符。',
  },
  invalid_year: { status: 400, title: '年度不正确', description: '权责清单事项的年度应为有效的公历年份。' },
  invalid_amount: {
    status: 400,
    title: '金额不正确',
    description: '罚款或没收违法所得金额应为不小于0的金额（以分计），且不超过10亿元。',
  },
  amount_not_penalty: {
    status: 400,
    title: '非处罚决定不能填写金额',
    description: '只有行政处罚决定可以填写罚款金额或没收违法所得金额；许可和强制决定请留空。',
  },
  future_decision_date: {
    status: 400,
    title: '决定日期晚于今天',
    description: '不能登记未来日期的决定（按北京时间计算“今天”）。请核对决定日期。',
  },
  invalid_counterparty_type: {
    status: 400,
    title: '相对人类别不正确',
    description: '相对人类别应为“法人及非法人组织”“个体工商户”或“自然人”。',
  },
  credit_code_for_person: {
    status: 400,
    title: '自然人不填写统一社会信用代码',
    description: '相对人为自然人时不公开、不填写统一社会信用代码（也不填写身份证号）。',
  },
  invalid_person_name: {
    status: 400,
    title: '自然人姓名不正确',
    description: '相对人为自然人时，姓名应为2—20个汉字（可含间隔号“·”）。',
  },
  invalid_validity: {
    status: 400,
    title: '有效期不正确',
    description: '许可有效期的截止日期不能早于起始日期。',
  },
  validity_not_license: {
    status: 400,
    title: '非许可决定不能填写有效期',
    description: '只有行政许可决定可以填写有效期；处罚和强制决定请留空。',
  },
  duplicate_decision_number: {
    status: 409,
    title: '决定文号已登记',
    description: '本机关已登记了同一文号的决定，不能重复登记。请核对文号，或修改已登记的决定。',
  },
  decision_not_editable: {
    status: 409,
    title: '决定不能直接修改',
    description: '已提交审核或已公开的决定不能直接修改；已公开的决定请使用“更正”，待审核的请先退回。',
  },
  decision_not_deletable: {
    status: 409,
    title: '决定不能删除',
    description: '只能删除从未公开过的草稿；已公开的决定请使用“撤销”或“撤回”。',
  },
  decision_already_void: {
    status: 409,
    title: '决定已撤销或撤回',
    description: '已撤销或撤回的决定不能再更正、撤销或撤回。',
  },
  changes_required: {
    status: 400,
    title: '未填写更正内容',
    description: '更正已公开的决定时须填写更正后的内容（`changes`）。',
  },
  nothing_corrected: {
    status: 400,
    title: '更正内容与原决定相同',
    description: '更正后的内容与原决定没有差别；请修改需要更正的字段后再提交。',
  },
  reason_required: {
    status: 400,
    title: '未填写理由',
    description: '退回、撤下、撤销或撤回须填写理由（`reason`），理由会记入操作记录。',
  },
  invalid_transition: {
    status: 409,
    title: '当前状态不能执行该操作',
    description: '决定或记录的公开状态不允许该操作（例如已公开的不能再提交审核）。刷新后按当前状态操作。',
  },
  duplicate_item: {
    status: 409,
    title: '同名事项已存在',
    description: '同一年度的权责清单中已有同名事项；请修改名称，或编辑已有的事项。',
  },
  future_date: {
    status: 400,
    title: '日期晚于今天',
    description: '`field` 指明的日期（如发生日期、挂牌日期、销号日期）不能晚于今天（北京时间）。',
  },
  invalid_number: {
    status: 400,
    title: '数字不正确',
    description: '`field` 指明的人数或数量应为不小于0的整数。',
  },
  invalid_level: {
    status: 400,
    title: '事故等级不正确',
    description: '事故等级应为一般、较大、重大或特别重大之一。',
  },
  invalid_status: {
    status: 400,
    title: '整改状态不正确',
    description: '挂牌督办隐患的整改状态应为可选的几种之一。',
  },
  delisted_on_required: {
    status: 400,
    title: '未填写销号日期',
    description: '整改状态为“已销号”的隐患须填写销号日期。',
  },
  delisted_on_unexpected: {
    status: 400,
    title: '未销号的隐患不填写销号日期',
    description: '只有整改状态为“已销号”的隐患填写销号日期；其他状态请留空。',
  },
  invalid_delisted_on: {
    status: 400,
    title: '销号日期早于挂牌日期',
    description: '挂牌督办隐患的销号日期不能早于挂牌日期。',
  },
  record_not_editable: {
    status: 409,
    title: '记录不能修改',
    description:
      '已提交审核或已公开的事故调查报告不能修改（请先撤下）；已提交或已公开的隐患只能更新整改状态和销号日期。',
  },
  invalid_publish_workdays: {
    status: 400,
    title: '公示时限不正确',
    description: '决定作出后公开的时限应为1—60个工作日。',
  },
  invalid_public_months: {
    status: 400,
    title: '公示期不正确',
    description: '公示期应为1—120个月，或留空表示长期公示。',
  },
  unsupported_file: {
    status: 400,
    title: '不支持的文件格式',
    description: '批量导入只支持 .xlsx 或 .csv 文件；.xls 请在 Excel 中另存为 .xlsx 后导入。',
  },
  invalid_mode: {
    status: 400,
    title: '导入方式不正确',
    description: '导入方式应为“全部正确才导入”或“仅导入正确行”。',
  },
} satisfies ProblemTypes;
