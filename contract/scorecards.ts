/**
 * Contract of the 考核 scorecards module (issue 19 item 4): indicator sets per period configured by the
 * supervising agency, computed cards per agency with the records behind every point, ranking, manual
 * scores with evidence, contests (申诉) by the agency and the supervisor's answer, .docx/.xlsx exports.
 */
import { Type, type Static } from 'typebox';
import {
  FileResponse,
  Id,
  IdParams,
  IsoDate,
  IsoDateTime,
  Nullable,
  Ok,
  OptionalText,
  RequiredText,
  STAFF_ERRORS,
  StringEnum,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const TAGS = ['scorecards'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const METRIC_KEY_VALUES = [
  'catalog_on_time_rate',
  'catalog_stale_columns',
  'requests_overdue',
  'interaction_on_time_rate',
  'interaction_satisfaction',
  'enforcement_on_time_rate',
  'selfcheck_findings',
  'tasks_on_time_rate',
] as const;
export const IndicatorKindSchema = StringEnum([...METRIC_KEY_VALUES, 'manual'], {
  description: '自动指标的数据来源，或 manual（人工评分）',
});

export const ScoringRuleSchema = Type.Union([
  Type.Object({
    type: Type.Literal('rate_linear'),
    full: Type.Number({ minimum: 0, maximum: 1, description: '达到该比率得满分（0–1）' }),
    zero: Type.Number({ minimum: 0, maximum: 1, description: '不高于该比率得0分（0–1）' }),
  }),
  Type.Object({
    type: Type.Literal('per_item'),
    deduction: Type.Number({ minimum: 0, maximum: 100, description: '每项扣分' }),
    free: Type.Integer({ minimum: 0, maximum: 100000, description: '免扣项数' }),
  }),
  Type.Object({ type: Type.Literal('manual') }),
]);

export const IndicatorInput = Type.Object({
  id: Type.Optional(Id),
  kind: IndicatorKindSchema,
  name: RequiredText(100, '指标名称'),
  weight: Type.Number({ minimum: 0, maximum: 100, description: '分值（满分）' }),
  rule: ScoringRuleSchema,
  description: OptionalText(1000, '评分说明'),
});

export const PeriodKey = Type.String({
  pattern: '^\\d{4}(-Q[1-4])?$',
  maxLength: 7,
  description: '考核期间：年度 2026 或季度 2026-Q4',
});

export const SetCreateBody = Type.Object({
  period: PeriodKey,
  title: OptionalText(200, '考核名称（默认按期间生成）'),
  note: OptionalText(2000),
  copyFromPrevious: Type.Optional(Type.Boolean({ description: '复制上一期间的指标' })),
  indicators: Type.Optional(Type.Array(IndicatorInput, { maxItems: 30 })),
});
export const SetUpdateBody = Type.Object({
  title: RequiredText(200, '考核名称'),
  note: OptionalText(2000),
  indicators: Type.Array(IndicatorInput, { maxItems: 30 }),
});

export const IndicatorView = Type.Object({
  id: Id,
  kind: IndicatorKindSchema,
  kindLabel: Type.String(),
  name: Type.String(),
  weight: Type.Number(),
  rule: ScoringRuleSchema,
  ruleText: Type.String(),
  description: Nullable(Type.String()),
  available: Type.Boolean({ description: '自动指标的数据来源是否已接入' }),
});

export const MetricView = Type.Object({
  key: IndicatorKindSchema,
  label: Type.String(),
  measure: StringEnum(['rate', 'count', 'manual']),
  help: Type.String(),
  available: Type.Boolean(),
});
export const MetricCatalog = Type.Object({
  metrics: Type.Array(MetricView),
  defaults: Type.Array(IndicatorView),
});

export const SetSummary = Type.Object({
  id: Id,
  period: Type.String(),
  periodKind: StringEnum(['quarter', 'year']),
  periodLabel: Type.String(),
  from: IsoDate,
  to: IsoDate,
  title: Type.String(),
  note: Nullable(Type.String()),
  revision: Type.Integer(),
  indicatorCount: Type.Integer(),
  cardCount: Type.Integer(),
  openContests: Type.Integer(),
  myCardId: Nullable(Id),
  updatedAt: IsoDateTime,
});
export type SetSummaryT = Static<typeof SetSummary>;
export const SetList = Type.Object({ items: Type.Array(SetSummary), canManage: Type.Boolean() });

export const SetDetail = Type.Object({
  ...SetSummary.properties,
  indicators: Type.Array(IndicatorView),
  canManage: Type.Boolean(),
});

export const RankingRow = Type.Object({
  rank: Nullable(Type.Integer()),
  agencyId: Id,
  agencyName: Type.String(),
  cardId: Nullable(Id),
  total: Nullable(Type.Number({ description: '得分（已得分）' })),
  max: Nullable(Type.Number({ description: '各项指标分值合计' })),
  scoredMax: Nullable(
    Type.Number({ description: '可得分：已评分指标的分值合计（不含不适用、未接入数据、待评分）' }),
  ),
  share: Nullable(
    Type.Number({ description: '得分率（%，一位小数）＝得分÷可得分，排名依据；无可得分时为空' }),
  ),
  provisional: Type.Boolean(),
  grade: Nullable(Type.String()),
  outdated: Type.Boolean({ description: '指标修改后尚未重新计算' }),
  openContests: Type.Integer(),
  computedAt: Nullable(IsoDateTime),
});
export const Ranking = Type.Object({
  set: SetSummary,
  rows: Type.Array(RankingRow),
  unavailable: Type.Array(Type.String(), { description: '尚未接入数据的指标' }),
  compute: Type.Optional(
    Type.Object(
      {
        reread: Type.Integer({ description: '重新读取数据计算的机关数' }),
        reused: Type.Integer({ description: '已结束期间数据无变动、沿用原计算结果的机关数' }),
        closedPeriod: Type.Boolean({ description: '考核期间已结束' }),
      },
      { description: '本次计算的情况（仅计算接口返回）' },
    ),
  ),
});

export const TraceRecordView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  href: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const CardItemView = Type.Object({
  indicatorId: Id,
  kind: Type.String(),
  name: Type.String(),
  weight: Type.Number(),
  ruleText: Type.String(),
  status: StringEnum(['scored', 'not_applicable', 'unavailable', 'pending'], {
    description:
      'scored 已评分；not_applicable 不适用（本期无应计事项，不计入可得分）；unavailable 未接入数据；pending 待评分',
  }),
  statusLabel: Type.String(),
  score: Nullable(Type.Number()),
  computedScore: Nullable(Type.Number()),
  explanation: Type.String(),
  measure: Nullable(
    Type.Object({
      numerator: Type.Optional(Type.Integer()),
      denominator: Type.Optional(Type.Integer()),
      count: Type.Optional(Type.Integer()),
      base: Type.Optional(Type.Integer({ description: '计数所依据的事项数（为0时不适用）' })),
    }),
  ),
  recordsLabel: Nullable(Type.String()),
  records: Type.Array(TraceRecordView),
  recordsTotal: Type.Integer(),
  sourceNote: Nullable(Type.String()),
  manual: Nullable(
    Type.Object({
      id: Id,
      score: Type.Number(),
      evidence: Type.String(),
      attachmentName: Nullable(Type.String()),
      scoredAt: IsoDateTime,
    }),
  ),
  adjustment: Nullable(Type.Object({ contestId: Id, score: Type.Number(), reply: Type.String() })),
});

export const ContestView = Type.Object({
  id: Id,
  indicatorId: Id,
  indicatorName: Type.String(),
  reason: Type.String(),
  state: StringEnum(['open', 'accepted', 'rejected']),
  stateLabel: Type.String(),
  before: Nullable(Type.Number()),
  adjusted: Nullable(Type.Number()),
  reply: Nullable(Type.String()),
  createdAt: IsoDateTime,
  answeredAt: Nullable(IsoDateTime),
});

export const CardView = Type.Object({
  id: Id,
  set: SetSummary,
  agencyId: Id,
  agencyName: Type.String(),
  total: Type.Number({ description: '得分（已得分）' }),
  max: Type.Number({ description: '各项指标分值合计' }),
  scoredMax: Type.Number({ description: '可得分：已评分指标的分值合计' }),
  notApplicable: Type.Number({ description: '不适用指标的分值合计（不计入可得分）' }),
  share: Nullable(Type.Number({ description: '得分率（%，一位小数）＝得分÷可得分' })),
  provisional: Type.Boolean(),
  grade: Nullable(Type.String()),
  rank: Nullable(Type.Integer()),
  rankOf: Type.Integer(),
  outdated: Type.Boolean(),
  asOf: IsoDate,
  computedAt: IsoDateTime,
  items: Type.Array(CardItemView),
  contests: Type.Array(ContestView),
  canManage: Type.Boolean(),
  canContest: Type.Boolean(),
});
export type CardViewT = Static<typeof CardView>;

export const ComputeBody = Type.Object({
  agencyId: Type.Optional(Id),
  force: Type.Optional(
    Type.Boolean({
      description: '已结束期间也重新读取全部数据（默认只重新读取数据有变动的机关）',
    }),
  ),
});

export const ManualScoreBody = Type.Object({
  indicatorId: Id,
  agencyId: Id,
  score: Type.Number({ minimum: 0, maximum: 100 }),
  evidence: RequiredText(4000, '评分依据（佐证材料说明）'),
  attachment: Type.Optional(
    Nullable(
      Type.Object({
        fileName: RequiredText(200),
        contentBase64: Type.String({ minLength: 1, maxLength: 14_000_000, pattern: '^[A-Za-z0-9+/=\\s]*$' }),
      }),
    ),
  ),
});

export const ContestBody = Type.Object({
  indicatorId: Id,
  reason: RequiredText(2000, '申诉理由'),
});
export const ContestAnswerBody = Type.Object({
  accept: Type.Boolean(),
  reply: RequiredText(2000, '答复意见'),
  score: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: 100, description: '采纳时调整后的得分' })),
  ),
});

// ---------- errors ----------

export const SCORECARDS_PROBLEMS = {
  invalid_period: {
    status: 400,
    title: '考核期间不正确',
    description: '考核期间须为年度（如2026）或季度（如2026-Q4）。',
  },
  scorecard_set_exists: {
    status: 409,
    title: '该期间已有考核指标',
    description: '同一期间只能有一套指标，请修改已有的指标。',
  },
  no_previous_set: {
    status: 409,
    title: '上一期间没有考核指标',
    description: '无法复制：上一期间尚未设置考核指标。',
  },
  weights_total: { status: 400, title: '分值合计不为100分', description: '各项指标分值合计须为100分。' },
  invalid_weight: {
    status: 400,
    title: '指标分值不正确',
    description: '分值须大于0、不超过100，最多一位小数。',
  },
  rule_kind_mismatch: {
    status: 400,
    title: '评分规则与指标类型不符',
    description: '自动指标不能人工评分，人工指标只能人工评分。',
  },
  rule_measure: { status: 400, title: '评分规则与指标不符', description: '计数类指标只能按项扣分。' },
  invalid_rate_rule: {
    status: 400,
    title: '比率评分线不正确',
    description: '满分线须在0%至100%之间且高于0分线。',
  },
  invalid_deduction: {
    status: 400,
    title: '每项扣分不正确',
    description: '每项扣分须大于0且不超过该项分值。',
  },
  indicator_in_use: {
    status: 409,
    title: '指标已有申诉，不能删除',
    description: '该指标已有申诉记录，可修改但不能删除。',
  },
  card_not_computed: { status: 409, title: '尚未计算考核结果', description: '请先计算该机关的考核结果。' },
  set_changed_during_compute: {
    status: 409,
    title: '考核指标在计算中被修改',
    description: '计算期间考核指标被修改，请重新计算。',
  },
  score_out_of_range: {
    status: 400,
    title: '得分超出范围',
    description: '得分须在0至该项分值之间，最多两位小数。',
  },
  contest_open: { status: 409, title: '已有待答复的申诉', description: '该项已有待答复的申诉，请等待答复。' },
  contest_answered: { status: 409, title: '申诉已答复', description: '该申诉已经答复，不能再次答复。' },
  contest_unavailable_item: {
    status: 409,
    title: '该指标未接入数据',
    description: '未接入数据的指标不计分，无需申诉。',
  },
  indicators_required: { status: 400, title: '缺少考核指标', description: '一套考核指标至少包含一项指标。' },
  too_many_indicators: { status: 400, title: '考核指标过多', description: '一套考核指标不超过30项。' },
  indicator_name_required: { status: 400, title: '指标缺少名称', description: '每项指标都须填写名称。' },
  indicator_name_duplicate: {
    status: 400,
    title: '指标名称重复',
    description: '同一套考核指标中的指标名称不能重复。',
  },
  unknown_metric: {
    status: 400,
    title: '指标数据来源无效',
    description: '自动指标须选择系统提供的数据来源。',
  },
  invalid_free_items: {
    status: 400,
    title: '免扣项数不正确',
    description: '按项扣分的免扣项数须为非负整数。',
  },
  rule_manual: {
    status: 400,
    title: '人工评分指标不能自动计算',
    description: '人工评分指标由考核人员依据佐证材料评分。',
  },
  not_manual: {
    status: 409,
    title: '自动指标不能人工评分',
    description: '自动计算的指标按数据计分；对得分有异议的，由被考核机关申诉、考核方复核调整。',
  },
  period_not_started: {
    status: 409,
    title: '考核期间尚未开始',
    description: '考核期间开始后才能计算考核结果。',
  },
  score_precision: { status: 400, title: '得分精度不正确', description: '得分最多保留两位小数。' },
  score_required: { status: 400, title: '缺少调整后的得分', description: '采纳申诉时须给出调整后的得分。' },
  reply_required: {
    status: 400,
    title: '缺少答复理由',
    description: '答复申诉时须说明采纳或不予采纳的理由。',
  },
  empty_attachment: { status: 400, title: '佐证材料为空文件', description: '请上传有内容的佐证材料。' },
  attachment_too_large: { status: 400, title: '佐证材料过大', description: '佐证材料不超过10MB。' },
  contest_not_applicable_item: {
    status: 409,
    title: '该指标本期不适用',
    description: '本期无应计事项的指标不计分、不计入可得分，无需申诉。',
  },
} satisfies ProblemTypes;

// ---------- routes ----------

export const metricCatalog = {
  operationId: 'scorecards.metricCatalog',
  summary: '可选考核指标及默认指标',
  tags: TAGS,
  response: { 200: MetricCatalog },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const listSets = {
  operationId: 'scorecards.listSets',
  summary: '考核期间列表（考核方：本机关设置的；被考核机关：有本机关考核结果的）',
  tags: TAGS,
  response: { 200: SetList },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const createSet = {
  operationId: 'scorecards.createSet',
  summary: '新建考核期间的指标（默认、复制上一期间或自定）',
  tags: TAGS,
  body: SetCreateBody,
  response: { 201: SetDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const getSet = {
  operationId: 'scorecards.getSet',
  summary: '考核指标详情',
  tags: TAGS,
  params: IdParams,
  response: { 200: SetDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const updateSet = {
  operationId: 'scorecards.updateSet',
  summary: '修改考核指标（已计算的结果标记为需重新计算）',
  tags: TAGS,
  params: IdParams,
  body: SetUpdateBody,
  response: { 200: SetDetail },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const deleteSet = {
  operationId: 'scorecards.deleteSet',
  summary: '删除考核期间（无申诉时）',
  tags: TAGS,
  params: IdParams,
  response: { 200: Ok },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const computeSet = {
  operationId: 'scorecards.compute',
  summary: '计算（重新计算）考核结果',
  tags: TAGS,
  params: IdParams,
  body: ComputeBody,
  response: { 200: Ranking },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const ranking = {
  operationId: 'scorecards.ranking',
  summary: '考核得分排名',
  tags: TAGS,
  params: IdParams,
  response: { 200: Ranking },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const rankingXlsx = {
  operationId: 'scorecards.rankingXlsx',
  summary: '导出排名（Excel）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('排名 .xlsx') },
  errors: STAFF_ERRORS,
  produces: [XLSX],
} satisfies RouteContract;
export const rankingDocx = {
  operationId: 'scorecards.rankingDocx',
  summary: '导出排名（Word）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('排名 .docx') },
  errors: STAFF_ERRORS,
  produces: [DOCX],
} satisfies RouteContract;
export const setManualScore = {
  operationId: 'scorecards.setManualScore',
  summary: '人工指标评分（附佐证材料）',
  tags: TAGS,
  params: IdParams,
  body: ManualScoreBody,
  response: { 200: CardView },
  errors: [...STAFF_ERRORS, 413],
} satisfies RouteContract;
export const manualAttachment = {
  operationId: 'scorecards.manualAttachment',
  summary: '下载人工评分的佐证材料',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('佐证材料') },
  errors: STAFF_ERRORS,
  produces: ['application/octet-stream'],
} satisfies RouteContract;
export const getCard = {
  operationId: 'scorecards.getCard',
  summary: '考核结果（每项得分及其依据记录）',
  tags: TAGS,
  params: IdParams,
  response: { 200: CardView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const cardDocx = {
  operationId: 'scorecards.cardDocx',
  summary: '导出考核结果（Word）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('考核结果 .docx') },
  errors: STAFF_ERRORS,
  produces: [DOCX],
} satisfies RouteContract;
export const cardXlsx = {
  operationId: 'scorecards.cardXlsx',
  summary: '导出考核结果（Excel）',
  tags: TAGS,
  params: IdParams,
  response: { 200: FileResponse('考核结果 .xlsx') },
  errors: STAFF_ERRORS,
  produces: [XLSX],
} satisfies RouteContract;
export const contest = {
  operationId: 'scorecards.contest',
  summary: '被考核机关对某项得分提出申诉',
  tags: TAGS,
  params: IdParams,
  body: ContestBody,
  response: { 200: CardView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
export const answerContest = {
  operationId: 'scorecards.answerContest',
  summary: '考核方答复申诉（采纳并重新评分或说明不予采纳的理由）',
  tags: TAGS,
  params: IdParams,
  body: ContestAnswerBody,
  response: { 200: CardView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
