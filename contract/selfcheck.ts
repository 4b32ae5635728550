/**
 * Contract of the self-check module (检查指标自查): run a check of an agency's portal now, list the dated
 * reports, read one grouped by indicator, the trend across reports, and the CSV export of a report.
 */
import { Type, type Static } from 'typebox';
import {
  FileResponse,
  Id,
  IdParams,
  IsoDate,
  IsoDateTime,
  Merge,
  Nullable,
  Page,
  PageQuery,
  STAFF_ERRORS,
  StringEnum,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const TAGS = ['selfcheck'];

export const SeveritySchema = StringEnum(['veto', 'deduct', 'hint'], {
  description: '严重程度：单项否决 / 扣分 / 提示',
});
export const TriggerSchema = StringEnum(['schedule', 'manual', 'cli'], {
  description: '触发方式：定时 / 立即检查 / 命令行',
});

export const ReportSummary = Type.Object({
  id: Id,
  orgId: Id,
  orgName: Type.String(),
  runOn: IsoDate,
  trigger: TriggerSchema,
  triggerLabel: Type.String(),
  triggeredByName: Type.String(),
  status: StringEnum(['done', 'failed']),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  baseUrl: Type.String(),
  pagesCrawled: Type.Integer(),
  linksChecked: Type.Integer(),
  truncated: Type.Boolean(),
  veto: Type.Integer({ description: '单项否决项数' }),
  deduct: Type.Integer({ description: '扣分项数' }),
  hint: Type.Integer({ description: '提示项数' }),
  error: Nullable(Type.String()),
});
export type ReportSummaryT = Static<typeof ReportSummary>;

export const FindingView = Type.Object({
  id: Id,
  indicator: Type.String(),
  indicatorLabel: Type.String(),
  group: Type.String(),
  severity: SeveritySchema,
  severityLabel: Type.String(),
  title: Type.String(),
  url: Nullable(Type.String({ description: '问题所在（死链目标、栏目页面、含错字的页面）' })),
  foundOn: Nullable(Type.String({ description: '链接所在页面' })),
  excerpt: Nullable(Type.String({ description: '链接文字或上下文' })),
  detail: Nullable(Type.String()),
});
export type FindingViewT = Static<typeof FindingView>;

export const IndicatorGroup = Type.Object({
  indicator: Type.String(),
  label: Type.String(),
  group: Type.String(),
  severity: SeveritySchema,
  severityLabel: Type.String(),
  count: Type.Integer(),
  findings: Type.Array(FindingView),
});

export const ReportDetail = Type.Object({
  report: ReportSummary,
  groups: Type.Array(IndicatorGroup),
});
export type ReportDetailT = Static<typeof ReportDetail>;

export const TrendPoint = Type.Object({
  reportId: Id,
  runOn: IsoDate,
  veto: Type.Integer(),
  deduct: Type.Integer(),
  hint: Type.Integer(),
  byIndicator: Type.Record(Type.String(), Type.Integer()),
});
export const Trend = Type.Object({
  orgId: Id,
  indicators: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  points: Type.Array(TrendPoint),
});
export type TrendT = Static<typeof Trend>;

export const ReportListQuery = Merge([PageQuery, Type.Object({ orgId: Type.Optional(Id) })]);

export const RunBody = Type.Object({ orgId: Type.Optional(Id) });

export const AgencyOption = Type.Object({ id: Id, name: Type.String(), latestRunOn: Nullable(IsoDate) });

export const listReports = {
  operationId: 'selfcheck.listReports',
  summary: '自查报告列表（本机关；上级监督可见下级机关）',
  tags: TAGS,
  querystring: ReportListQuery,
  response: { 200: Page(ReportSummary) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const listAgencies = {
  operationId: 'selfcheck.listAgencies',
  summary: '可查看自查报告的机关',
  tags: TAGS,
  response: { 200: Type.Array(AgencyOption) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getReport = {
  operationId: 'selfcheck.getReport',
  summary: '自查报告详情（按指标分组）',
  tags: TAGS,
  params: IdParams,
  response: { 200: ReportDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const exportReport = {
  operationId: 'selfcheck.exportReport',
  summary: '导出自查报告（CSV）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('自查报告 .csv') },
  errors: STAFF_ERRORS,
  produces: ['text/csv'],
} satisfies RouteContract;

export const trend = {
  operationId: 'selfcheck.trend',
  summary: '自查结果趋势（最近的报告）',
  tags: TAGS,
  querystring: Type.Object({ orgId: Type.Optional(Id) }),
  response: { 200: Trend },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const runNow = {
  operationId: 'selfcheck.runNow',
  summary: '立即检查本机关门户网站',
  tags: TAGS,
  body: RunBody,
  response: { 201: ReportSummary },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const SELFCHECK_PROBLEMS = {
  selfcheck_report_not_found: {
    status: 404,
    title: '自查报告不存在',
    description: '报告编号有误，或不属于您可查看的机关。',
  },
  selfcheck_running: {
    status: 409,
    title: '正在检查',
    description: '该机关的门户网站检查正在进行，请稍后刷新报告列表。',
  },
} satisfies ProblemTypes;
