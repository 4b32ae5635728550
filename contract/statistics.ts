/**
 * Contract of the statistics module (统计, issue 19 item 6): one agency's figures — or, for a
 * supervisor, those of the agencies below it rolled up — over a period of China dates: publications,
 * 依申请公开, 互动交流 and 双公示, as summary figures and tables with stable column keys (CSV/JSON).
 * The public figures (counts only) of one agency are served to everyone by code.
 */
import { Type, type Static } from 'typebox';
import {
  FileResponse,
  Id,
  IsoDate,
  Nullable,
  PUBLIC_ERRORS,
  STAFF_ERRORS,
  StringEnum,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const tags = ['statistics'];

export const PERIOD_KINDS = ['year', 'quarter', 'month', 'custom'] as const;
export const TABLE_KEYS = [
  'publications_by_month',
  'publications_by_column',
  'publications_by_channel',
  'requests_by_channel',
  'requests_by_applicant_type',
  'requests_by_outcome',
  'requests_timeliness',
  'interaction_by_kind',
  'interaction_by_month',
  'decisions_by_kind',
  'agencies',
] as const;

export const PeriodQuery = Type.Object({
  period: Type.Optional(StringEnum(PERIOD_KINDS, { description: '年度、季度、月度或自定义期间' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })),
  quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});

export const StatisticsQuery = Type.Object({
  ...PeriodQuery.properties,
  agency: Type.Optional(Id),
  rollup: Type.Optional(Type.Boolean({ description: '汇总下级机关（上级监督）' })),
});

export const Period = Type.Object({
  kind: StringEnum(PERIOD_KINDS),
  from: Type.String(),
  to: Type.String(),
  label: Type.String(),
  year: Type.Integer(),
  quarter: Nullable(Type.Integer()),
  month: Nullable(Type.Integer()),
});

export const Summary = Type.Object({
  published: Type.Integer(),
  requestsReceived: Type.Integer(),
  requestsAnswered: Type.Integer(),
  avgWorkdays: Nullable(Type.Number()),
  p90Workdays: Nullable(Type.Number()),
  answeredLate: Type.Integer(),
  overdueRate: Nullable(Type.Number()),
  interactionReceived: Type.Integer(),
  interactionAnswered: Type.Integer(),
  onTimeRate: Nullable(Type.Number()),
  satisfactionRate: Nullable(Type.Number()),
  decisions: Type.Integer(),
});

export const StatColumn = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: StringEnum(['text', 'count', 'percent', 'days'] as const),
});

export const StatTable = Type.Object({
  key: StringEnum(TABLE_KEYS),
  title: Type.String(),
  columns: Type.Array(StatColumn),
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
});

const AgencyRef = Type.Object({ id: Type.String(), name: Type.String() });

export const StatisticsView = Type.Object({
  period: Period,
  agency: AgencyRef,
  rollup: Type.Boolean(),
  agencyCount: Type.Integer(),
  summary: Summary,
  tables: Type.Array(StatTable),
  choices: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), depth: Type.Integer() })),
});
export type StatisticsViewT = Static<typeof StatisticsView>;

export const PublicStatistics = Type.Object({
  period: Period,
  agency: AgencyRef,
  summary: Summary,
  tables: Type.Array(StatTable),
});

export const getStatistics = {
  operationId: 'statistics.getStatistics',
  summary: '统计：本机关或汇总下级机关的主动公开、依申请公开、互动交流与双公示数据',
  tags,
  querystring: StatisticsQuery,
  response: { 200: StatisticsView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const exportStatisticsTable = {
  operationId: 'statistics.exportTable',
  summary: '导出一张统计表（CSV，UTF-8 带 BOM）',
  tags,
  params: Type.Object({ table: StringEnum(TABLE_KEYS) }),
  querystring: StatisticsQuery,
  response: { 200: FileResponse('CSV（首行为稳定的列名）') },
  produces: ['text/csv'],
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getPublicStatistics = {
  operationId: 'statistics.getPublicStatistics',
  summary: '政务公开数据（公开统计，JSON）',
  tags,
  params: Type.Object({ code: Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9_-]+$' }) }),
  querystring: PeriodQuery,
  response: { 200: PublicStatistics },
  errors: PUBLIC_ERRORS,
} satisfies RouteContract;

export const STATISTICS_PROBLEMS = {
  'statistics.invalid_period': {
    status: 400,
    title: '统计期间类型不正确',
    description: '期间类型只能是 year（年度）、quarter（季度）、month（月度）或 custom（自定义）。',
  },
  'statistics.invalid_date': {
    status: 400,
    title: '日期格式不正确',
    description: '自定义期间的起止日期应为有效的日期，格式如 2026-01-01。',
  },
  'statistics.invalid_range': {
    status: 400,
    title: '统计期间不正确',
    description: '起始日期不能晚于截止日期，也不能早于2000年。',
  },
  'statistics.range_too_long': {
    status: 400,
    title: '统计期间过长',
    description: '自定义期间最长5年；更长的期间请分段统计。',
  },
  'statistics.invalid_year': {
    status: 400,
    title: '年份不正确',
    description: '年份应在2000年至明年之间。',
  },
  'statistics.invalid_quarter': { status: 400, title: '季度不正确', description: '季度应为1至4。' },
  'statistics.invalid_month': { status: 400, title: '月份不正确', description: '月份应为1至12。' },
} satisfies ProblemTypes;
