/**
 * Contract of the annual-report module (政府信息公开工作年度报告, server/modules/annual-report): the working
 * report of an agency and year (tables from live data, drill-down, text, checks, approval, publication,
 * corrections), the files, the countdown to 31 January, the supervisor's board and consolidated report,
 * and the checker of an existing report file. The format (layout as data) travels with each report so
 * the console draws the tables without a copy of the format registry.
 */
import { Type, type Static } from 'typebox';
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

const TAGS = ['年度报告'];

// ---------------------------------------------------------------- vocabulary

export const ReportStatus = StringEnum(['draft', 'checked', 'approved', 'published'], {
  description: '草稿、已校验、已审批、已发布',
});
export const OUTPUT_KINDS = ['docx', 'xlsx', 'html', 'svg'] as const;
export const OutputKind = StringEnum(OUTPUT_KINDS, { description: 'Word、Excel、网页、图表（SVG）' });
export const FormatId = StringEnum(['2019', '2021'], { description: '2019 格式（试行）；2021 修订后的格式' });
export const RecordSource = StringEnum(['catalog', 'requests', 'enforcement'], {
  description: '单元格统计的记录所在模块（主动公开、依申请公开、双公示）',
});
const Severity = StringEnum(['error', 'warning']);
const ValueType = StringEnum(['count', 'signedCount', 'amount'], {
  description: '件数、带符号的增减数、金额（万元）',
});

export type ReportStatusT = Static<typeof ReportStatus>;
export type OutputKindT = Static<typeof OutputKind>;
export type RecordSourceT = Static<typeof RecordSource>;

// ---------------------------------------------------------------- format (layout as data)

export const ValueRef = Type.Union([
  Type.Object({ table: Type.Literal('table2'), row: Type.String(), col: Type.String() }),
  Type.Object({ table: Type.Literal('table3'), row: Type.String(), col: Type.String() }),
  Type.Object({ table: Type.Literal('table4'), col: Type.String() }),
]);
export type ValueRefT = Static<typeof ValueRef>;

/** One cell of a layout grid: a label, or a value taken from the report's tables (HTML-like spans). */
export const GridCell = Type.Union([
  Type.Object({
    kind: Type.Literal('label'),
    text: Type.String(),
    rowSpan: Type.Integer({ minimum: 1 }),
    colSpan: Type.Integer({ minimum: 1 }),
    header: Type.Boolean(),
  }),
  Type.Object({
    kind: Type.Literal('value'),
    ref: ValueRef,
    valueType: ValueType,
    rowSpan: Type.Integer({ minimum: 1 }),
    colSpan: Type.Integer({ minimum: 1 }),
  }),
]);
export type GridCellT = Static<typeof GridCell>;

export const TableLayout = Type.Object({
  columnCount: Type.Integer(),
  headerRowCount: Type.Integer(),
  rows: Type.Array(Type.Array(GridCell)),
});
export type TableLayoutT = Static<typeof TableLayout>;

const ColumnDef = Type.Object({
  key: Type.String(),
  label: Type.String(),
  valueType: ValueType,
  unit: Type.Optional(Type.String()),
});

export const ReportFormat = Type.Object({
  id: FormatId,
  title: Type.String(),
  issuingDocument: Type.String(),
  appliesFrom: Type.Optional(Type.Integer()),
  appliesTo: Type.Optional(Type.Integer()),
  sections: Type.Array(Type.Object({ numeral: Type.String(), heading: Type.String() })),
  table2: Type.Object({
    subTables: Type.Array(
      Type.Object({
        id: Type.String(),
        item: Type.Integer(),
        caption: Type.String(),
        firstColumnHeader: Type.String(),
        columns: Type.Array(ColumnDef),
        rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
      }),
    ),
    layoutStyle: StringEnum(['separate', 'single']),
    layouts: Type.Array(TableLayout),
  }),
  table3: Type.Object({
    columns: Type.Array(ColumnDef),
    rows: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        group: StringEnum(['intake', 'result', 'outgoing']),
        category: Type.Optional(Type.String()),
        isTotal: Type.Optional(Type.Boolean()),
      }),
    ),
    headerNote: Type.String(),
    resultGroupLabel: Type.String(),
    layout: TableLayout,
  }),
  table4: Type.Object({
    columns: Type.Array(
      Type.Object({
        key: Type.String(),
        group: StringEnum(['review', 'suitDirect', 'suitAfterReview']),
        outcome: StringEnum(['upheld', 'corrected', 'other', 'pending', 'total']),
        groupLabel: Type.String(),
        label: Type.String(),
      }),
    ),
    layout: TableLayout,
  }),
});
export type ReportFormatT = Static<typeof ReportFormat>;

// ---------------------------------------------------------------- values and findings

const CellValue = Nullable(Type.Number());
/** The values of a report: table 二 by row and column key, table 三 7 values per row, table 四 15 values. */
export const ReportTables = Type.Object({
  table2: Type.Record(Type.String(), Type.Record(Type.String(), CellValue)),
  table3: Type.Record(Type.String(), Type.Array(CellValue)),
  table4: Type.Array(CellValue),
});
export type ReportTablesT = Static<typeof ReportTables>;

export const CellRef = Type.Object({
  table: StringEnum(['table2', 'table3', 'table4', 'narrative']),
  row: Type.String(),
  col: Type.String(),
});
export type CellRefT = Static<typeof CellRef>;

const findingFields = {
  ruleId: Type.String(),
  severity: Severity,
  cells: Type.Array(CellRef),
  expected: Nullable(Type.Union([Type.Number(), Type.String()])),
  actual: Nullable(Type.Union([Type.Number(), Type.String()])),
  messageZh: Type.String(),
  excerpt: Type.Optional(Type.String()),
};
export const Finding = Type.Object(findingFields);
export type FindingT = Static<typeof Finding>;

export const Override = Type.Object({ reason: Type.String(), by: Type.String(), at: IsoDateTime });
export const FindingView = Type.Object({
  ...findingFields,
  key: Type.String({ description: '发现项的稳定键（书面说明按此键记录）' }),
  override: Nullable(Override),
});
export type FindingViewT = Static<typeof FindingView>;

export const ReportTexts = Type.Object({
  one: Type.String({ description: '一、总体情况' }),
  five: Type.String({ description: '五、存在的主要问题及改进情况' }),
  six: Type.String({ description: '六、其他需要报告的事项' }),
});
export type ReportTextsT = Static<typeof ReportTexts>;

// ---------------------------------------------------------------- reports

export const VersionView = Type.Object({
  version: Type.Integer(),
  publishedAt: IsoDateTime,
  correctionReason: Nullable(Type.String()),
  files: Type.Record(Type.String(), Type.String(), { description: '各格式文件的 sha256' }),
});

export const ReportView = Type.Object({
  id: Id,
  orgId: Id,
  year: Type.Integer(),
  formatId: FormatId,
  status: ReportStatus,
  statusLabel: Type.String(),
  version: Type.Integer(),
  correctionReason: Nullable(Type.String()),
  publishedVersion: Type.Integer(),
  generatedAt: IsoDateTime,
  checkedAt: Nullable(IsoDateTime),
  approvedAt: Nullable(IsoDateTime),
  updatedAt: IsoDateTime,
  deadline: IsoDate,
  daysLeft: Type.Integer(),
  format: ReportFormat,
  tables: ReportTables,
  drill: Type.Record(Type.String(), Type.Object({ source: RecordSource, ids: Type.Array(Id) }), {
    description: '单元格（table|row|col）→ 统计的记录',
  }),
  variables: Type.Record(Type.String(), Type.String(), { description: '正文 {{占位符}} 的取值' }),
  texts: ReportTexts,
  rendered: ReportTexts,
  findings: Type.Array(FindingView),
  blocking: Type.Integer({ description: '尚未更正或书面说明的错误数' }),
  versions: Type.Array(VersionView),
});
export type ReportViewT = Static<typeof ReportView>;

export const ReportSummary = Type.Object({
  id: Id,
  orgId: Id,
  year: Type.Integer(),
  formatId: FormatId,
  status: ReportStatus,
  statusLabel: Type.String(),
  version: Type.Integer(),
  publishedVersion: Type.Integer(),
  errors: Type.Integer(),
  warnings: Type.Integer(),
  blocking: Type.Integer(),
  deadline: IsoDate,
  updatedAt: IsoDateTime,
});
export type ReportSummaryT = Static<typeof ReportSummary>;

const StatusOrMissing = StringEnum(['draft', 'checked', 'approved', 'published', 'missing']);
export const Countdown = Type.Object({
  year: Type.Integer(),
  deadline: IsoDate,
  daysLeft: Type.Integer(),
  status: StatusOrMissing,
  reportId: Nullable(Id),
});
export type CountdownT = Static<typeof Countdown>;

export const Readiness = Type.Object({
  orgId: Id,
  code: Type.String(),
  name: Type.String(),
  reportId: Nullable(Id),
  status: StatusOrMissing,
  version: Type.Integer(),
  publishedVersion: Type.Integer(),
  errors: Type.Integer(),
  unresolvedErrors: Type.Integer(),
  warnings: Type.Integer(),
  overrides: Type.Integer(),
  checkedAt: Nullable(IsoDateTime),
  updatedAt: Nullable(IsoDateTime),
  blockedReasonsZh: Type.Array(Type.String(), { description: '此刻不能审批或发布的原因' }),
});
export type ReadinessT = Static<typeof Readiness>;

export const Consolidated = Type.Object({
  year: Type.Integer(),
  format: ReportFormat,
  tables: ReportTables,
  parts: Type.Array(
    Type.Object({
      orgId: Id,
      name: Type.String(),
      source: StringEnum(['published', 'working']),
      version: Type.Integer(),
    }),
  ),
  missing: Type.Array(Type.Object({ orgId: Id, name: Type.String() })),
  findings: Type.Array(Finding),
});
export type ConsolidatedT = Static<typeof Consolidated>;

/** What the checker read from an existing report file and what its rules found. */
export const CheckFileResult = Type.Object({
  fileName: Type.String(),
  format: StringEnum(['2019', '2021', 'mixed', 'unknown']),
  formatDetail: Type.Object({ table2: Type.Optional(FormatId), table3: Type.Optional(FormatId) }),
  year: Type.Optional(Type.Integer()),
  tables: ReportTables,
  findings: Type.Array(Finding),
  notes: Type.Array(Type.String()),
  unreadable: Type.Optional(Type.String()),
  reading: Type.Object({
    table3: Type.Object({
      found: Type.Boolean(),
      rowsExpected: Type.Integer(),
      rowsFound: Type.Integer(),
      columns: Type.Integer(),
      cellsUnread: Type.Integer(),
      missingRows: Type.Array(Type.String()),
      rowsPlacedByColumn: Type.Integer(),
      complete: Type.Boolean(),
    }),
    table4: Type.Object({
      found: Type.Boolean(),
      columns: Type.Integer(),
      cellsUnread: Type.Integer(),
      complete: Type.Boolean(),
    }),
    table2: Type.Object({ found: Type.Boolean(), rowsFound: Type.Integer() }),
  }),
  rules: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      descriptionZh: Type.String(),
      status: StringEnum(['passed', 'failed', 'not_run']),
      reasonZh: Type.Optional(Type.String()),
      cells: Type.Optional(Type.Array(CellRef)),
    }),
  ),
  verdict: StringEnum(['consistent', 'inconsistent', 'incomplete', 'unreadable'], {
    description: '一致、不一致、未能完整检查、无法读取',
  }),
});
export type CheckFileResultT = Static<typeof CheckFileResult>;

// ---------------------------------------------------------------- bodies

export const Year = Type.Integer({ minimum: 2008, maximum: 2100 });
export const TextsBody = Type.Object({
  one: Type.Optional(Text(20000)),
  five: Type.Optional(Text(20000)),
  six: Type.Optional(Text(20000)),
});
export type TextsBodyT = Static<typeof TextsBody>;
export const OverrideBody = Type.Object({
  key: Text(2000),
  reason: Nullable(Text(1000, { description: 'null：撤回书面说明' })),
});
export type OverrideBodyT = Static<typeof OverrideBody>;

// ---------------------------------------------------------------- routes

/** An annual-report route: the module's tag and the signed-in error statuses unless it names others. */
const route = <const C extends Omit<RouteContract, 'tags' | 'errors'> & { errors?: RouteContract['errors'] }>(
  c: C,
) =>
  ({ tags: TAGS, errors: STAFF_ERRORS, ...c }) as unknown as C & {
    tags: string[];
    errors: C extends { errors: infer E } ? E : typeof STAFF_ERRORS;
  };
/** A step on a working report that answers the report as it is afterwards. */
const step = <const C extends { operationId: string; summary: string; body?: RouteContract['body'] }>(c: C) =>
  route({ ...c, params: IdParams, response: { 200: ReportView } });

const FILE_MEDIA = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/html',
  'image/svg+xml',
];

export const listReports = route({
  operationId: 'annualReport.listReports',
  summary: '本机关（或所属机关）各年度报告',
  querystring: Type.Object({ orgId: Type.Optional(Id) }),
  response: { 200: Type.Object({ items: Type.Array(ReportSummary) }) },
});
export const generateReport = route({
  operationId: 'annualReport.generateReport',
  summary: '按年度从业务数据生成（或重新生成）年度报告草稿',
  body: Type.Object({ year: Year }),
  response: { 201: ReportView },
});
export const getCountdown = route({
  operationId: 'annualReport.getCountdown',
  summary: '年度报告法定期限（1月31日）倒计时',
  response: { 200: Type.Object({ countdown: Nullable(Countdown) }) },
});
export const supervisionBoard = route({
  operationId: 'annualReport.supervisionBoard',
  summary: '下级机关年度报告编制进度与校验情况',
  querystring: Type.Object({ year: Year }),
  response: { 200: Type.Object({ year: Type.Integer(), deadline: IsoDate, items: Type.Array(Readiness) }) },
});
export const consolidatedReport = route({
  operationId: 'annualReport.consolidatedReport',
  summary: '本级政府汇总报告（各部门表格逐格相加，R13）',
  description:
    '本级政府汇总报告（各部门表格逐格相加，R13）。format 省略或为 json 时返回 JSON；为 docx、xlsx、html、svg 时返回相应文件。',
  querystring: Type.Object({ year: Year, format: Type.Optional(StringEnum(['json', ...OUTPUT_KINDS])) }),
  response: { 200: Consolidated },
});
export const checkFile = route({
  operationId: 'annualReport.checkFile',
  summary: '检查已有年报文件（.txt/.html/.docx，multipart 字段 file）的勾稽关系',
  consumes: ['multipart/form-data'],
  response: { 200: CheckFileResult },
  errors: [...STAFF_ERRORS, 413, 415],
});
export const getReport = route({
  operationId: 'annualReport.getReport',
  summary: '年度报告（表格、下钻、正文、校验结果、版本）',
  params: IdParams,
  response: { 200: ReportView },
});
export const regenerateReport = step({
  operationId: 'annualReport.regenerateReport',
  summary: '按最新业务数据重新生成（保留已编辑正文）',
});
export const updateTexts = step({
  operationId: 'annualReport.updateTexts',
  summary: '修改正文（一、五、六部分；数字用 {{占位符}} 保持与表格一致）',
  body: TextsBody,
});
export const checkReport = step({
  operationId: 'annualReport.checkReport',
  summary: '校验（全部错误已更正或书面说明后进入“已校验”）',
});
export const setOverride = route({
  operationId: 'annualReport.setOverride',
  summary: '对某项错误书面说明理由（reason 为 null 时撤回）',
  params: IdParams,
  body: OverrideBody,
  response: { 200: ReportView },
});
export const approveReport = step({ operationId: 'annualReport.approveReport', summary: '分管领导审批' });
export const reopenReport = step({
  operationId: 'annualReport.reopenReport',
  summary: '退回修改',
  body: Type.Object({ note: Type.Optional(Text(1000)) }),
});
export const publishReport = step({
  operationId: 'annualReport.publishReport',
  summary: '发布（生成并固化 Word、Excel、网页与图表文件）',
});
export const correctReport = step({
  operationId: 'annualReport.correctReport',
  summary: '发起更正（生成新版本，原发布版本保持不变）',
  body: Type.Object({ reason: Text(1000) }),
});
export const downloadFile = route({
  operationId: 'annualReport.downloadFile',
  summary: '下载（不带 version 为当前草稿即时生成；带 version 为已发布版本的固化文件）',
  params: Type.Object({ id: Id, kind: OutputKind }),
  querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
  produces: FILE_MEDIA,
  response: { 200: FileResponse('年度报告文件（Word、Excel、网页或 SVG 图表）') },
});

// ---------- problem types (registered in contract/problems.ts) ----------

/** Codes the annual-report module answers. */
export const ANNUAL_REPORT_PROBLEMS = {
  invalid_report_year: {
    status: 400,
    title: '报告年度不正确',
    description: '年度报告的年度应在2008年（《政府信息公开条例》施行）至今年之间。',
  },
  report_format_not_found: {
    status: 400,
    title: '没有适用的年度报告格式',
    description: '系统中没有适用于该年度的年度报告格式（格式随国务院办公厅通知更新）。请联系管理员。',
  },
  report_wrong_status: {
    status: 409,
    title: '年度报告当前状态不允许该操作',
    description:
      '年度报告按“起草—审定—发布—更正”的顺序办理；`reportStatus` 给出当前状态。刷新后按当前状态操作。',
  },
  report_has_errors: {
    status: 409,
    title: '年度报告还有错误',
    description: '检查发现的错误须更正，或逐项填写不更正的说明后，才能审定或发布。',
  },
  report_has_prompts: {
    status: 409,
    title: '正文还有未填写的提示',
    description: '正文中的“【请填写…】”提示须替换为实际内容后，才能审定或发布。',
  },
  report_year_not_ended: {
    status: 409,
    title: '报告年度尚未结束',
    description: '年度报告在次年1月1日起方可审定和发布；年度内可以起草和检查。',
  },
  report_changed: {
    status: 409,
    title: '年度报告已被他人修改',
    description: '发布前年度报告又被修改过。刷新后重新检查再发布。',
  },
  override_not_needed: {
    status: 409,
    title: '提示类结果无需说明',
    description: '只有错误类检查结果会阻止发布并需要说明；提示类结果不阻止发布。',
  },
  override_reason_required: {
    status: 400,
    title: '未说明不更正的理由',
    description: '对错误类检查结果不作更正时，须书面说明理由（`reason`）；说明中给出最少字数。',
  },
  correction_reason_required: {
    status: 400,
    title: '未说明更正原因',
    description: '更正已发布的年度报告须说明更正原因（`reason`）；说明中给出最少字数。',
  },
  multipart_required: {
    status: 400,
    title: '请以文件方式上传',
    description: '检查已有年报文件的接口只接受 multipart/form-data 上传的文件。',
  },
  unsupported_file_type: {
    status: 400,
    title: '不支持的文件格式',
    description: '年报检查只支持 .txt、.html、.docx 文件；PDF 请先用 pdftotext -layout 转为文本。',
  },
} satisfies ProblemTypes;
