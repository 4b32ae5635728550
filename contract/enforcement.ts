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
