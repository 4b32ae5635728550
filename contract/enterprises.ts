/**
 * API contract of the 智慧安监 module (server/modules/enterprises): the registry, imports, enterprise
 * accounts, the enterprise area, 双随机一公开 inspections and safety credit.
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
  PageQuery,
  PUBLIC_ERRORS,
  RequiredText,
  STAFF_ERRORS,
  Text,
  type RouteContract,
} from './common.js';

const TAGS = ['智慧安监'];

/** A string enum with its literal type (validated by Ajv as `enum`). */
export function Enum<const T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
}
const ENTERPRISE_TAGS = ['企业专区'];

export const Category = Enum([
  'hazchem_production',
  'hazchem_business',
  'hazchem_use',
  'fireworks',
  'non_coal_mine',
  'metallurgy_trade',
  'other',
] as const);
export const Scale = Enum(['large', 'medium', 'small', 'micro'] as const);
export const Grade = Enum(['A', 'B', 'C', 'D'] as const);

export const LicenceInput = Type.Object({
  kind: RequiredText(100),
  number: RequiredText(100),
  scope: RequiredText(1000),
  validFrom: IsoDate,
  validTo: IsoDate,
  issuer: OptionalText(200),
});

const RegistryFields = {
  name: RequiredText(200),
  formerNames: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
  legalRepresentative: RequiredText(100),
  registeredAddress: RequiredText(300),
  operatingAddress: OptionalText(300),
  regionCode: Text(6),
  industryCode: Text(5),
  category: Text(32),
  scale: Text(16),
  supervisingUnit: RequiredText(200),
  contactName: OptionalText(100),
  contactMobile: OptionalText(20),
  contactEmail: OptionalText(200),
  licences: Type.Optional(Type.Array(LicenceInput, { maxItems: 50 })),
};
export const EnterpriseInput = Type.Object({ creditCode: Text(30), ...RegistryFields });
export const EnterpriseChanges = Type.Object(RegistryFields);

export const LicenceView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  number: Type.String(),
  scope: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  issuer: Nullable(Type.String()),
  state: Enum(['valid', 'expiring', 'expired', 'not_yet_valid'] as const),
});

export const EnterpriseView = Type.Object({
  id: Type.String(),
  creditCode: Type.String(),
  name: Type.String(),
  formerNames: Type.Array(Type.String()),
  legalRepresentative: Type.String(),
  registeredAddress: Type.String(),
  operatingAddress: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  industryCode: Type.String(),
  industryName: Type.String(),
  category: Type.String(),
  scale: Type.String(),
  supervisingUnit: Type.String(),
  contactName: Nullable(Type.String()),
  contactMobile: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  updatedAt: Type.String(),
});

export const CreditRating = Type.Object({ grade: Grade, reasons: Type.Array(Type.String()) });

export const LinkedRecords = Type.Object({
  decisions: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      decisionNumber: Type.String(),
      decisionDate: Type.String(),
      fineFen: Nullable(Type.Number()),
      legalStatus: Type.String(),
      pubState: Type.String(),
    }),
  ),
  accidents: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      level: Type.String(),
      occurredOn: Type.String(),
      deaths: Type.Integer(),
      injuries: Type.Integer(),
      pubState: Type.String(),
    }),
  ),
  supervisedHazards: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      listedOn: Type.String(),
      deadline: Type.String(),
      rectificationStatus: Type.String(),
      delistedOn: Nullable(Type.String()),
      pubState: Type.String(),
    }),
  ),
});

export const HazardReportView = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  reportedOn: Type.String(),
  place: Type.String(),
  description: Type.String(),
  level: Type.Union([Type.Literal('general'), Type.Literal('major')]),
  measures: Type.String(),
  responsiblePerson: Type.String(),
  deadline: Type.String(),
  fundsFen: Type.Number(),
  status: Type.Union([Type.Literal('open'), Type.Literal('rectified'), Type.Literal('escalated')]),
  rectifiedOn: Nullable(Type.String()),
  rectificationNote: Nullable(Type.String()),
  supervisedHazardId: Nullable(Type.String()),
  overdue: Type.Boolean(),
  files: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('photo'), Type.Literal('evidence')]),
      fileName: Type.String(),
      sizeBytes: Type.Integer(),
    }),
  ),
  enterpriseName: Type.Optional(Type.String()),
  creditCode: Type.Optional(Type.String()),
});

export const InspectionView = Type.Object({
  id: Type.String(),
  drawId: Nullable(Type.String()),
  enterpriseId: Type.String(),
  inspectedOn: Type.String(),
  inspectorIds: Type.Array(Type.String()),
  itemsChecked: Type.String(),
  findings: Type.String(),
  hazardsFound: Type.Integer(),
  measures: Nullable(Type.String()),
  result: Type.Union([Type.Literal('compliant'), Type.Literal('rectify'), Type.Literal('penalty')]),
  penaltyDecisionNumber: Nullable(Type.String()),
  publishDue: Type.String(),
  publishedAt: Nullable(Type.String()),
  enterpriseName: Type.Optional(Type.String()),
  creditCode: Type.Optional(Type.String()),
  overdue: Type.Optional(Type.Boolean()),
});

export const ListingView = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  criterion: Type.String(),
  criterionText: Type.String(),
  facts: Type.String(),
  status: Enum(['notified', 'listed', 'removed', 'withdrawn'] as const),
  noticeOn: Type.String(),
  statementDue: Type.String(),
  statement: Nullable(Type.String()),
  statementOn: Nullable(Type.String()),
  decisionNumber: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  listUntil: Nullable(Type.String()),
  /** first day 信用修复 may remove the entry early: 12 full months after the decision (令第11号) */
  repairFrom: Nullable(Type.String()),
  removedOn: Nullable(Type.String()),
  removalKind: Nullable(Type.String()),
  removalReason: Nullable(Type.String()),
  enterpriseName: Type.Optional(Type.String()),
  creditCode: Type.Optional(Type.String()),
});

export const EnterpriseDetail = Type.Object({
  enterprise: EnterpriseView,
  licences: Type.Array(LicenceView),
  links: LinkedRecords,
  hazardReports: Type.Array(HazardReportView),
  inspections: Type.Array(InspectionView),
  listings: Type.Array(ListingView),
  credit: CreditRating,
});

const ListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Text(50)),
  creditCode: Type.Optional(Text(30)),
  region: Type.Optional(Text(6)),
  industry: Type.Optional(Text(5)),
  category: Type.Optional(Category),
});

export const listEnterprises = {
  operationId: 'enterprises.listEnterprises',
  summary: '企业名录（按名称关键词、统一社会信用代码、地区、行业、监管类别查询）',
  tags: TAGS,
  querystring: ListQuery,
  response: {
    200: Type.Object({
      items: Type.Array(EnterpriseView),
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      totalIsLowerBound: Type.Optional(Type.Boolean()),
      note: Type.Optional(Type.String()),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const createEnterprise = {
  operationId: 'enterprises.createEnterprise',
  summary: '登记企业',
  tags: TAGS,
  body: EnterpriseInput,
  response: { 201: EnterpriseView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getEnterprise = {
  operationId: 'enterprises.getEnterprise',
  summary: '企业详情：登记信息、许可证、关联的双公示/事故/挂牌督办、自查隐患、检查、名单与信用评级',
  tags: TAGS,
  params: IdParams,
  response: { 200: EnterpriseDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const updateEnterprise = {
  operationId: 'enterprises.updateEnterprise',
  summary: '修改企业登记信息（统一社会信用代码不可修改）',
  tags: TAGS,
  params: IdParams,
  body: EnterpriseInput,
  response: { 200: EnterpriseView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listExpiringLicences = {
  operationId: 'enterprises.listExpiringLicences',
  summary: '90日内到期的许可证',
  tags: TAGS,
  response: {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          kind: Type.String(),
          number: Type.String(),
          validTo: Type.String(),
          enterpriseId: Type.String(),
          enterpriseName: Type.String(),
          creditCode: Type.String(),
        }),
      ),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const ImportJobView = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mode: Type.String(),
  status: Type.String(),
  processedRows: Type.Integer(),
  /** rows expected, for the progress bar (CSV: counted before reading; null while an .xlsx is read) */
  totalRows: Nullable(Type.Integer()),
  insertedRows: Type.Integer(),
  updatedRows: Type.Integer(),
  unchangedRows: Type.Integer(),
  errorRows: Type.Integer(),
  message: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

export const importTemplateCsv = {
  operationId: 'enterprises.getImportTemplateCsv',
  summary: '下载企业名录导入模板（CSV）',
  tags: TAGS,
  response: { 200: FileResponse('CSV 模板') },
  produces: ['text/csv'],
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const importTemplateXlsx = {
  operationId: 'enterprises.getImportTemplateXlsx',
  summary: '下载企业名录导入模板（Excel）',
  tags: TAGS,
  response: { 200: FileResponse('Excel 模板') },
  produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const startImport = {
  operationId: 'enterprises.startImport',
  summary: '上传 .xlsx/.csv 批量导入企业名录（multipart 字段 file）；进度见导入任务',
  tags: TAGS,
  querystring: Type.Object({ mode: Type.Union([Type.Literal('all'), Type.Literal('valid')]) }),
  consumes: ['multipart/form-data'],
  response: { 202: ImportJobView },
  errors: [...STAFF_ERRORS, 413, 415],
} satisfies RouteContract;

export const getImport = {
  operationId: 'enterprises.getImport',
  summary: '导入任务进度与结果',
  tags: TAGS,
  params: IdParams,
  response: { 200: ImportJobView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getImportErrors = {
  operationId: 'enterprises.getImportErrors',
  summary: '下载导入错误报告（CSV：行号、列、错误原因）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('错误报告 CSV') },
  produces: ['text/csv'],
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getImportErrorsXlsx = {
  operationId: 'enterprises.getImportErrorsXlsx',
  summary: '下载导入错误报告（Excel：行号、列、错误原因）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('错误报告 Excel') },
  produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const AccountView = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  creditCode: Type.String(),
  enterpriseName: Nullable(Type.String()),
  status: Type.String(),
  origin: Type.String(),
  applicantMobile: Nullable(Type.String()),
  createdAt: Type.String(),
  decisionNote: Nullable(Type.String()),
});

export const listAccounts = {
  operationId: 'enterprises.listAccounts',
  summary: '企业用户账号（含待审核的自行注册申请）',
  tags: TAGS,
  querystring: Type.Object({ status: Type.Optional(Enum(['pending', 'active', 'rejected'] as const)) }),
  response: { 200: Type.Object({ items: Type.Array(AccountView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const createAccount = {
  operationId: 'enterprises.createAccount',
  summary: '为名录中的企业开通企业用户（返回一次性初始密码）',
  tags: TAGS,
  body: Type.Object({ enterpriseId: Id, username: RequiredText(64), displayName: RequiredText(100) }),
  response: { 201: Type.Object({ account: AccountView, initialPassword: Nullable(Type.String()) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const decideAccount = {
  operationId: 'enterprises.decideAccount',
  summary: '审核企业自行注册的账号',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ approve: Type.Boolean(), note: OptionalText(1000) }),
  response: { 200: AccountView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const registerAccount = {
  operationId: 'enterprises.registerAccount',
  summary: '企业自行注册（须在监管部门企业名录中，审核通过后方可登录）',
  tags: ENTERPRISE_TAGS,
  body: Type.Object({
    agencyCode: RequiredText(64),
    creditCode: RequiredText(30),
    enterpriseName: RequiredText(200),
    applicantName: RequiredText(100),
    mobile: RequiredText(20),
    username: RequiredText(64),
    password: RequiredText(128),
  }),
  response: { 201: Type.Object({ status: Type.Literal('pending') }) },
  errors: [...PUBLIC_ERRORS, 409],
} satisfies RouteContract;

export const ChangeRequestView = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  changes: Type.Record(Type.String(), Type.Unknown()),
  reason: Type.String(),
  status: Type.String(),
  decisionNote: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const listChangeRequests = {
  operationId: 'enterprises.listChangeRequests',
  summary: '待审核的企业信息变更申请',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(ChangeRequestView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const decideChangeRequest = {
  operationId: 'enterprises.decideChangeRequest',
  summary: '审核企业信息变更申请（同意即更新名录）',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ approve: Type.Boolean(), note: OptionalText(1000) }),
  response: { 200: ChangeRequestView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const NoticeView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
  toAll: Type.Boolean(),
});

export const sendNotice = {
  operationId: 'enterprises.sendNotice',
  summary: '向企业发送通知（不指定企业即发给本机关监管的全部企业）',
  tags: TAGS,
  body: Type.Object({
    enterpriseId: Type.Optional(Nullable(Id)),
    title: RequiredText(200),
    body: RequiredText(5000),
  }),
  response: { 201: NoticeView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listHazardReports = {
  operationId: 'enterprises.listHazardReports',
  summary: '企业自查自报的隐患',
  tags: TAGS,
  querystring: Type.Object({
    level: Type.Optional(Type.Union([Type.Literal('general'), Type.Literal('major')])),
    status: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('rectified'), Type.Literal('escalated')]),
    ),
  }),
  response: { 200: Type.Object({ items: Type.Array(HazardReportView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const escalateHazard = {
  operationId: 'enterprises.escalateHazard',
  summary: '重大隐患一键挂牌督办（生成挂牌督办记录草稿，按双公示流程公开）',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ responsibleUnit: OptionalText(200) }),
  response: {
    201: Type.Object({ reportId: Type.String(), supervisedHazardId: Type.String(), title: Type.String() }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getHazardFile = {
  operationId: 'enterprises.getHazardFile',
  summary: '隐患照片或整改佐证文件（本企业或监管机关）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('文件') },
  produces: ['image/jpeg', 'image/png', 'application/pdf'],
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const enterpriseStats = {
  operationId: 'enterprises.getStats',
  summary: '智慧安监统计（年报与监管看板：检查、隐患发现与整改、名单）',
  tags: TAGS,
  querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
  response: {
    200: Type.Object({
      year: Type.Integer(),
      enterprises: Type.Integer(),
      inspections: Type.Integer(),
      inspectionsPublished: Type.Integer(),
      inspectionsWithPenalty: Type.Integer(),
      hazardsSelfReported: Type.Integer(),
      majorHazardsSelfReported: Type.Integer(),
      hazardsRectified: Type.Integer(),
      hazardsEscalated: Type.Integer(),
      hazardsFoundByInspections: Type.Integer(),
      listingsDecided: Type.Integer(),
      listingsRemoved: Type.Integer(),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

// ---------- inspections ----------

export const InspectorView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  certNo: Type.String(),
  active: Type.Boolean(),
});
export const PlanView = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  content: Type.String(),
  publishWorkdays: Type.Integer(),
  publishedAt: Nullable(Type.String()),
});
export const DrawView = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  batch: Type.String(),
  seq: Type.Integer(),
  seed: Type.String(),
  algorithm: Type.String(),
  criteria: Type.Object({
    categories: Type.Array(Type.String()),
    regionPrefixes: Type.Array(Type.String()),
    enterpriseCount: Type.Integer(),
    inspectorsPerEnterprise: Type.Integer(),
  }),
  enterprisePoolSize: Type.Integer(),
  inspectorPoolSize: Type.Integer(),
  result: Type.Array(Type.Object({ enterpriseId: Type.String(), inspectorIds: Type.Array(Type.String()) })),
  reason: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const listInspectors = {
  operationId: 'inspections.listInspectors',
  summary: '执法人员名单（抽取库）',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(InspectorView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const addInspector = {
  operationId: 'inspections.addInspector',
  summary: '登记执法人员',
  tags: TAGS,
  body: Type.Object({ name: RequiredText(100), certNo: RequiredText(50) }),
  response: { 201: InspectorView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const setInspectorActive = {
  operationId: 'inspections.setInspectorActive',
  summary: '执法人员在岗/不在岗（不在岗不参与抽取）',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ active: Type.Boolean() }),
  response: { 200: InspectorView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listPlans = {
  operationId: 'inspections.listPlans',
  summary: '年度双随机抽查计划',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(PlanView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const createPlan = {
  operationId: 'inspections.createPlan',
  summary: '制定年度抽查计划',
  tags: TAGS,
  body: Type.Object({
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    title: RequiredText(200),
    content: RequiredText(20000),
    publishWorkdays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  }),
  response: { 201: PlanView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const publishPlan = {
  operationId: 'inspections.publishPlan',
  summary: '公开抽查计划',
  tags: TAGS,
  params: IdParams,
  response: { 200: PlanView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listDraws = {
  operationId: 'inspections.listDraws',
  summary: '抽取记录（种子、候选名单与结果）',
  tags: TAGS,
  querystring: Type.Object({ planId: Type.Optional(Id) }),
  response: { 200: Type.Object({ items: Type.Array(DrawView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const makeDraw = {
  operationId: 'inspections.makeDraw',
  summary: '随机抽取检查对象和执法人员（同一批次再次抽取须说明理由并记入审计）',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({
    batch: RequiredText(100),
    categories: Type.Array(Category, { maxItems: 7 }),
    regions: Type.Array(Text(6), { maxItems: 50 }),
    enterpriseCount: Type.Integer({ minimum: 1, maximum: 10000 }),
    inspectorsPerEnterprise: Type.Integer({ minimum: 2, maximum: 10 }),
    seed: OptionalText(128),
    reason: OptionalText(1000),
  }),
  response: { 201: DrawView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const verifyDraw = {
  operationId: 'inspections.verifyDraw',
  summary: '按记录的种子和候选名单复现抽取结果',
  tags: TAGS,
  params: IdParams,
  response: {
    200: Type.Object({ id: Type.String(), matches: Type.Boolean(), result: DrawView.properties.result }),
  },
  errors: PUBLIC_ERRORS,
} satisfies RouteContract;
export const listInspections = {
  operationId: 'inspections.listInspections',
  summary: '检查记录',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(InspectionView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const recordInspection = {
  operationId: 'inspections.recordInspection',
  summary: '登记检查记录',
  tags: TAGS,
  body: Type.Object({
    drawId: Type.Optional(Nullable(Id)),
    enterpriseId: Id,
    inspectedOn: IsoDate,
    inspectorIds: Type.Array(Id, { minItems: 1, maxItems: 10 }),
    itemsChecked: RequiredText(5000),
    findings: RequiredText(5000),
    hazardsFound: Type.Integer({ minimum: 0, maximum: 10000 }),
    measures: OptionalText(5000),
    result: Type.Union([Type.Literal('compliant'), Type.Literal('rectify'), Type.Literal('penalty')]),
    penaltyDecisionNumber: OptionalText(100),
  }),
  response: { 201: InspectionView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const publishInspection = {
  operationId: 'inspections.publishInspection',
  summary: '公开检查结果',
  tags: TAGS,
  params: IdParams,
  response: { 200: InspectionView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

// ---------- credit ----------

export const CreditRule = Type.Object({
  grade: Type.Union([Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]),
  fact: Enum([
    'penalties',
    'fineYuan',
    'accidents',
    'deaths',
    'supervisedOpen',
    'overdueSelfReports',
    'inspectionsWithProblems',
    'listed',
  ] as const),
  min: Type.Integer({ minimum: 1 }),
  months: Type.Integer({ minimum: 0, maximum: 120 }),
});
export const getCreditRules = {
  operationId: 'credit.getRules',
  summary: '信用评级规则',
  tags: TAGS,
  response: { 200: Type.Object({ rules: Type.Array(CreditRule) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const updateCreditRules = {
  operationId: 'credit.updateRules',
  summary: '修改信用评级规则',
  tags: TAGS,
  body: Type.Object({ rules: Type.Array(CreditRule, { minItems: 1, maxItems: 50 }) }),
  response: { 200: Type.Object({ rules: Type.Array(CreditRule) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listListings = {
  operationId: 'credit.listListings',
  summary: '严重失信主体名单程序',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(ListingView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const noticeListing = {
  operationId: 'credit.noticeListing',
  summary: '列入严重失信主体名单前告知（开始陈述申辩期）',
  tags: TAGS,
  body: Type.Object({ enterpriseId: Id, criterion: RequiredText(32), facts: RequiredText(5000) }),
  response: { 201: ListingView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const recordStatement = {
  operationId: 'credit.recordStatement',
  summary: '登记当事人陈述申辩',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ statement: RequiredText(5000) }),
  response: { 200: ListingView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const decideListing = {
  operationId: 'credit.decideListing',
  summary: '作出列入决定并公开（管理期3年）',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ decisionNumber: RequiredText(100) }),
  response: { 200: ListingView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const endListing = {
  operationId: 'credit.endListing',
  summary: '终止程序、信用修复、提前移出或期满移出',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({
    kind: Enum(['withdrawn', 'repair', 'early', 'expiry'] as const),
    reason: RequiredText(2000),
    /** 信用修复: the conditions the agency confirmed (all three are required) */
    conditions: Type.Optional(
      Type.Array(Enum(['obligations_fulfilled', 'harm_removed', 'no_new_serious_acts'] as const), {
        maxItems: 3,
      }),
    ),
  }),
  response: { 200: ListingView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const restoreListing = {
  operationId: 'credit.restoreListing',
  summary: '撤销提前移出、恢复列入（发现隐瞒真实情况、弄虚作假），至原管理期届满',
  tags: TAGS,
  params: IdParams,
  body: Type.Object({ reason: RequiredText(2000) }),
  response: { 200: ListingView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

// ---------- enterprise area ----------

export const MonthlyView = Type.Object({
  id: Type.String(),
  month: Type.String(),
  noHazards: Type.Boolean(),
  summary: Type.String(),
  submittedAt: Type.String(),
});

export const getMyEnterprise = {
  operationId: 'enterpriseArea.getMyEnterprise',
  summary: '本企业登记信息、许可证、公开记录与信用评级',
  tags: ENTERPRISE_TAGS,
  response: {
    200: Type.Object({
      enterprise: EnterpriseView,
      licences: Type.Array(LicenceView),
      links: LinkedRecords,
      credit: CreditRating,
      listings: Type.Array(ListingView),
    }),
  },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listMyChangeRequests = {
  operationId: 'enterpriseArea.listChangeRequests',
  summary: '本企业的信息变更申请',
  tags: ENTERPRISE_TAGS,
  response: { 200: Type.Object({ items: Type.Array(ChangeRequestView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const requestChange = {
  operationId: 'enterpriseArea.requestChange',
  summary: '申请变更企业登记信息（监管部门审核）',
  tags: ENTERPRISE_TAGS,
  body: Type.Object({ changes: EnterpriseChanges, reason: RequiredText(1000) }),
  response: { 201: ChangeRequestView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listMyHazards = {
  operationId: 'enterpriseArea.listHazards',
  summary: '本企业自查隐患',
  tags: ENTERPRISE_TAGS,
  response: { 200: Type.Object({ items: Type.Array(HazardReportView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const reportHazard = {
  operationId: 'enterpriseArea.reportHazard',
  summary: '隐患自查自报',
  tags: ENTERPRISE_TAGS,
  body: Type.Object({
    reportedOn: IsoDate,
    place: RequiredText(300),
    description: RequiredText(5000),
    level: Type.Union([Type.Literal('general'), Type.Literal('major')]),
    measures: RequiredText(5000),
    responsiblePerson: RequiredText(100),
    deadline: IsoDate,
    fundsYuan: Type.Number({ minimum: 0, maximum: 1e10 }),
  }),
  response: { 201: HazardReportView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getMyHazard = {
  operationId: 'enterpriseArea.getHazard',
  summary: '本企业自查隐患详情',
  tags: ENTERPRISE_TAGS,
  params: IdParams,
  response: { 200: HazardReportView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const rectifyHazard = {
  operationId: 'enterpriseArea.rectifyHazard',
  summary: '报告隐患整改完成',
  tags: ENTERPRISE_TAGS,
  params: IdParams,
  body: Type.Object({ rectifiedOn: IsoDate, note: RequiredText(5000) }),
  response: { 200: HazardReportView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const attachHazardFile = {
  operationId: 'enterpriseArea.attachHazardFile',
  summary: '上传隐患照片或整改佐证（multipart 字段 file）',
  tags: ENTERPRISE_TAGS,
  params: IdParams,
  querystring: Type.Object({ kind: Type.Union([Type.Literal('photo'), Type.Literal('evidence')]) }),
  consumes: ['multipart/form-data'],
  response: {
    201: Type.Object({
      id: Type.String(),
      kind: Type.String(),
      fileName: Type.String(),
      sizeBytes: Type.Integer(),
    }),
  },
  errors: [...STAFF_ERRORS, 413, 415],
} satisfies RouteContract;
export const listMonthly = {
  operationId: 'enterpriseArea.listMonthlyReports',
  summary: '本企业月度隐患排查报告',
  tags: ENTERPRISE_TAGS,
  response: { 200: Type.Object({ items: Type.Array(MonthlyView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const submitMonthly = {
  operationId: 'enterpriseArea.submitMonthlyReport',
  summary: '提交月度隐患排查报告（可报告“本月无隐患”）',
  tags: ENTERPRISE_TAGS,
  body: Type.Object({
    month: Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 }),
    noHazards: Type.Boolean(),
    summary: Text(5000),
  }),
  response: { 201: MonthlyView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listMyNotices = {
  operationId: 'enterpriseArea.listNotices',
  summary: '监管部门的通知',
  tags: ENTERPRISE_TAGS,
  response: { 200: Type.Object({ items: Type.Array(NoticeView) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const myStatement = {
  operationId: 'enterpriseArea.makeStatement',
  summary: '对列入严重失信主体名单的告知提出陈述申辩',
  tags: ENTERPRISE_TAGS,
  params: IdParams,
  body: Type.Object({ statement: RequiredText(5000) }),
  response: { 200: ListingView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export { Ok };

// ---------- problem types (registered in contract/problems.ts) ----------

export const ENTERPRISES_PROBLEMS = {
  invalid_region_code: {
    status: 400,
    title: '行政区划代码无效',
    description: '行政区划代码应为 GB/T 2260 现行的县级代码（6位数字），例如 370303。',
  },
  invalid_industry_code: {
    status: 400,
    title: '行业代码无效',
    description:
      '行业代码应为 GB/T 4754-2017 国民经济行业分类的大类、中类或小类代码，可带门类字母（如 C2614）。',
  },
  invalid_category: { status: 400, title: '监管类别无效', description: '监管类别应为名录中列出的类别之一。' },
  duplicate_enterprise: {
    status: 409,
    title: '企业已登记',
    description:
      '同一统一社会信用代码的企业已在本机关名录中；请修改已登记的企业，或用导入（同一代码为更新）。',
  },
  credit_code_immutable: {
    status: 400,
    title: '统一社会信用代码不能修改',
    description: '企业以统一社会信用代码识别；代码变更的企业请重新登记。',
  },
  invalid_deadline: {
    status: 400,
    title: '整改期限不正确',
    description: '隐患的整改期限不能早于报告日期。',
  },
  hazards_reported: {
    status: 400,
    title: '本月已上报隐患',
    description: '本月已自查上报隐患的企业不能报告“本月无隐患”。',
  },
  duplicate_monthly: {
    status: 409,
    title: '本月已报告',
    description: '每个月只报告一次；已报告的月份不能重复报告。',
  },
  change_pending: {
    status: 409,
    title: '已有待审核的变更申请',
    description: '上一份登记信息变更申请审核之前不能再提交新的申请。',
  },
  not_major: { status: 409, title: '不是重大隐患', description: '只有重大隐患可以一键挂牌督办。' },
  enterprise_not_registered: {
    status: 400,
    title: '企业不在监管企业名录中',
    description: '自助注册时企业名称与统一社会信用代码须与监管部门名录中的登记一致。',
  },
  redraw_reason_required: {
    status: 409,
    title: '重新抽取须说明理由',
    description: '同一批次已经抽取过；再次抽取须填写理由，并记入审计日志。',
  },
  plan_not_published: { status: 409, title: '检查计划未公开', description: '年度检查计划公开后方可抽取。' },
  invalid_draw: {
    status: 400,
    title: '抽取条件不正确',
    description: '企业数、每户执法人员数与候选企业、在岗执法人员的数量不相称（错误信息说明原因）。',
  },
  invalid_seed: {
    status: 400,
    title: '随机种子无效',
    description: '随机种子不能超过128个字符；留空则由系统生成并记录。',
  },
  invalid_inspectors: {
    status: 400,
    title: '执法人员不正确',
    description: '每次检查至少2名执法人员，且须为本机关执法人员名单中的人员。',
  },
  not_drawn: {
    status: 400,
    title: '企业不在抽取结果中',
    description: '按抽取结果登记检查时，企业须在该次抽取结果中。',
  },
  duplicate_inspector: {
    status: 409,
    title: '执法人员已登记',
    description: '同一执法证号的执法人员已在名单中。',
  },
  invalid_cert_no: {
    status: 400,
    title: '执法证号无效',
    description: '执法证号应为4—50位数字、字母或连字符。',
  },
  invalid_credit_rules: {
    status: 400,
    title: '信用评级规则不正确',
    description: '评级规则为1—50条；等级为B、C或D，阈值为正整数，统计期为0—120个月。',
  },
  invalid_criterion: {
    status: 400,
    title: '列入依据无效',
    description: '列入依据应为《安全生产严重失信主体名单管理办法》规定的情形之一。',
  },
  listing_exists: {
    status: 409,
    title: '已有列入程序',
    description: '该企业已有进行中的列入程序或正在名单管理期内。',
  },
  statement_window_open: {
    status: 409,
    title: '陈述申辩期未满',
    description: '告知后的陈述申辩期届满、或当事人已陈述申辩之后，方可作出列入决定。',
  },
  not_expired: { status: 409, title: '管理期未满', description: '名单管理期（3年）届满之后方可期满移出。' },
  repair_too_early: {
    status: 409,
    title: '列入未满12个月',
    description: '列入严重失信主体名单满12个月后方可信用修复、提前移出（错误信息给出可申请的日期）。',
  },
  repair_not_allowed: {
    status: 409,
    title: '不符合信用修复条件',
    description: '信用修复须在管理期内，并确认已履行行政处罚义务、已消除不良影响、未再发生严重失信行为。',
  },
} satisfies ProblemTypes;
