/**
 * API contract of 依申请公开 (server/modules/requests): every route's params, query, body, 2xx
 * response and problem+json errors. Text limits follow the PostgreSQL columns (联系人 varchar(100) …).
 */
import { Type, type TSchema } from 'typebox';
import {
  FileResponse,
  Id,
  IdParams,
  IsoDate,
  Nullable,
  Ok,
  OptionalText,
  RequiredText,
  STAFF_ERRORS,
  Text,
  type RouteContract,
} from './common.js';
import type { ProblemTypes } from './problems.js';

const tags = ['依申请公开'];
const lit = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const S = Type.String();
const NS = Nullable(Type.String());
const Int = Type.Integer();
const Bool = Type.Boolean();
const Opt = Type.Optional;
const AnyObject = Type.Object({}, { additionalProperties: true });

export const STAGE_VALUES = [
  'awaiting_confirmation',
  'registered',
  'assigned',
  'drafting',
  'review',
  'sign_off',
  'replied',
  'archived',
  'discarded',
] as const;
export const CHANNEL_VALUES = [
  'online',
  'in_person',
  'registered_mail',
  'ordinary_mail',
  'fax',
  'email',
  'oral',
] as const;
export const Stage = lit(STAGE_VALUES);
export const Channel = lit(CHANNEL_VALUES);
export const FeeBasis = lit(['per_item', 'per_page'] as const);
export const AppealKind = lit(['review', 'litigation_direct', 'litigation_after_review'] as const);
export const AppealOutcome = lit(['upheld', 'corrected', 'other', 'pending'] as const);
export const NotifyBy = lit(['sms', 'email', 'none'] as const);
export const ClockStatus = lit(['running', 'paused', 'answered', 'closed'] as const);

// ------------------------------------------------------------------ response shapes

export const CaseSummarySchema = Type.Object({
  id: S,
  caseNumber: S,
  orgId: S,
  stage: Stage,
  stageLabel: S,
  channel: S,
  applicantType: S,
  applicantName: S,
  descriptionExcerpt: S,
  receivedOn: NS,
  submittedAt: S,
  divisionId: NS,
  divisionName: NS,
  handlerId: NS,
  handlerName: NS,
  outcomeCode: NS,
  closedOn: NS,
  answerDue: NS,
  workdaysLeft: Nullable(Int),
  dueSoon: Bool,
  overdue: Bool,
  clockStatus: Nullable(ClockStatus),
  estimated: Bool,
  estimateNotice: NS,
});

const DayReason = Type.Object({ date: S, reason: S });
export const ClocksSchema = Type.Object({
  asOf: S,
  receivedOn: S,
  clockStart: S,
  supplementNoticeDue: S,
  supplementDue: Opt(S),
  answerDueBase: S,
  answerDueBeforeExtension: S,
  answerDue: S,
  dueDateFinal: Bool,
  extensionDays: Int,
  extensionState: lit(['none', 'effective', 'pending_notice', 'ineffective'] as const),
  deferredTo: Opt(S),
  excludedIntervals: Type.Array(
    Type.Object({
      kind: S,
      from: S,
      to: NS,
      workdaysExcluded: Int,
      excludedDays: Type.Array(S),
      state: lit(['open', 'closed', 'lapsed'] as const),
      ref: Opt(S),
    }),
  ),
  consultationsDue: Type.Array(
    Type.Object({
      consultationId: S,
      kind: lit(['third_party', 'other_agency'] as const),
      sentOn: S,
      windowStartsOn: S,
      replyDue: S,
      repliedOn: NS,
      state: lit(['awaiting', 'replied', 'lapsed'] as const),
      silenceRuleZh: S,
    }),
  ),
  feePaymentDue: Opt(S),
  feeState: Opt(lit(['awaiting', 'paid', 'lapsed'] as const)),
  status: ClockStatus,
  pausedBy: Type.Array(S),
  dueSoon: Bool,
  overdue: Bool,
  answeredLate: Opt(Bool),
  workdaysLeft: Int,
  explanation: Type.Array(
    Type.Object({
      code: S,
      textZh: S,
      countedDays: Opt(Type.Array(S)),
      skippedDays: Opt(Type.Array(DayReason)),
      excludedDays: Opt(Type.Array(DayReason)),
    }),
  ),
  estimated: Bool,
  uncoveredYears: Type.Array(Int),
  calendarVersion: S,
  /** The calendar version as people read it (“2026年放假安排（国务院办公厅通知）…”). */
  calendarLabel: Opt(S),
  estimateNotice: NS,
});

export const EventSchema = Type.Object({
  seq: Int,
  type: S,
  typeLabel: S,
  date: S,
  payload: Type.Record(Type.String(), Type.Unknown()),
  public: Bool,
  actorName: S,
  createdAt: S,
});

export const WithheldPartSchema = Type.Object({
  part: RequiredText(500),
  ground: RequiredText(40),
  reason: RequiredText(1000),
});

export const LetterSchema = Type.Object({
  id: S,
  kind: S,
  kindLabel: S,
  letterNumber: S,
  title: S,
  fileName: S,
  sizeBytes: Int,
  public: Bool,
  createdAt: S,
  downloadUrl: S,
});

const FeeLine = AnyObject;
export const FeeQuoteSchema = Type.Object({
  basis: FeeBasis,
  amountFen: Int,
  lines: Type.Array(FeeLine),
  uncertain: Bool,
  notes: Type.Array(S),
});

export const FeeSchema = Type.Object({
  id: S,
  basis: FeeBasis,
  quantity: Int,
  priorItemsThisMonth: Int,
  amountFen: Int,
  quote: Opt(FeeQuoteSchema),
  noticeSentOn: S,
  noticeReceivedOn: NS,
  paymentDue: NS,
  state: lit(['noticed', 'paid', 'abandoned'] as const),
  paidOn: NS,
  paidAmountFen: Nullable(Int),
  paymentRef: NS,
  abandonedOn: NS,
  uncertain: Bool,
  notes: Type.Array(S),
});

export const AppealSchema = Type.Object({
  id: S,
  caseId: S,
  caseNumber: S,
  kind: AppealKind,
  filedOn: S,
  bodyName: S,
  reference: NS,
  outcome: AppealOutcome,
  decidedOn: NS,
  note: NS,
});

export const ReplyFileSchema = Type.Object({
  id: S,
  fileName: S,
  mime: S,
  sizeBytes: Int,
  createdAt: S,
  downloadUrl: S,
});

export const CaseDetailSchema = Type.Object({
  ...CaseSummarySchema.properties,
  ...{
    applicant: Type.Object({
      type: S,
      typeLabel: S,
      name: S,
      contactPerson: NS,
      idDocType: S,
      idDocLabel: S,
      idNumberMasked: S,
      phone: NS,
      email: NS,
      address: NS,
      postcode: NS,
      notifyBy: Opt(NotifyBy),
    }),
    description: S,
    requestedForm: S,
    requestedFormLabel: S,
    deliveryMethod: S,
    deliveryMethodLabel: S,
    channelLabel: S,
    intakeNote: NS,
    signedForOn: NS,
    confirmedOn: NS,
    receiptBasis: NS,
    feeBasis: NS,
    itemCount: Int,
    source: Opt(Nullable(Type.Object({ module: S, id: S, number: S }))),
    clocks: Nullable(ClocksSchema),
    events: Type.Array(EventSchema),
    outcome: Nullable(
      Type.Object({
        outcomeCode: S,
        outcomeLabel: S,
        table3Row: S,
        legalBasisRef: S,
        legalBasisText: S,
        reason: S,
        withheldParts: Type.Array(WithheldPartSchema),
        referralAgency: NS,
        releasesContent: Bool,
        reviewPassedAt: NS,
        approvedAt: NS,
        approvedByName: NS,
      }),
    ),
    letters: Type.Array(LetterSchema),
    replyFiles: Opt(Type.Array(ReplyFileSchema)),
    fee: Nullable(FeeSchema),
    appeals: Type.Array(AppealSchema),
    links: Type.Array(Type.Object({ id: S, kind: S, linkedCaseId: S, linkedCaseNumber: S, note: NS })),
    allowedActions: Type.Array(S),
  },
});

export const MetaSchema = Type.Object({
  outcomes: Type.Array(
    Type.Object({
      code: S,
      labelZh: S,
      basisRef: S,
      basisTextZh: S,
      row2021: S,
      releasesContent: Bool,
      needsWithheldPartsRecord: Bool,
      mappingUncertain: Bool,
    }),
  ),
  applicantTypes: Type.Array(Type.Object({ code: S, labelZh: S })),
  channels: Type.Array(Type.Object({ code: S, labelZh: S, needsConfirmation: Bool })),
  stages: Type.Array(Type.Object({ code: Stage, labelZh: S })),
  letterKinds: Type.Array(Type.Object({ code: S, labelZh: S })),
  withholdingGrounds: Type.Array(Type.Object({ code: S, labelZh: S })),
  clockRuleNotes: Type.Array(Type.Object({ rule: S, uncertain: Bool, noteZh: S })),
  feeNotes: Type.Array(S),
  notifyChannels: Opt(Type.Array(Type.Object({ code: NotifyBy, labelZh: S }))),
});

export const BoardSchema = Type.Object({
  overdue: Type.Array(CaseSummarySchema),
  dueSoon: Type.Array(CaseSummarySchema),
  paused: Type.Array(CaseSummarySchema),
  awaitingConfirmation: Type.Array(CaseSummarySchema),
  counts: Type.Object({ overdue: Int, dueSoon: Int, paused: Int, awaitingConfirmation: Int, open: Int }),
});

export const ReminderSchema = Type.Object({
  id: S,
  caseId: S,
  caseNumber: S,
  kind: lit(['T-5', 'T-1', 'overdue'] as const),
  dueDate: S,
  remindOn: S,
  message: S,
  handlerId: NS,
  acknowledgedAt: NS,
});

export const PromotionsSchema = Type.Object({
  candidates: Type.Array(
    Type.Object({
      descriptionKey: S,
      title: S,
      caseIds: Type.Array(S),
      caseNumbers: Type.Array(S),
      applicantCount: Int,
    }),
  ),
  proposals: Type.Array(
    Type.Object({ id: S, title: S, caseCount: Int, state: S, catalogItemId: NS, createdAt: S }),
  ),
  promotedCount: Int,
});

export const FeeLedgerSchema = Type.Object({
  items: Type.Array(Type.Object({ ...FeeSchema.properties, caseId: S, caseNumber: S })),
  collectedFen: Int,
  noticedFen: Int,
  abandonedCount: Int,
});

export const TemplateSchema = Type.Object({
  kind: S,
  kindLabel: Opt(S),
  outcomeCode: S,
  outcomeLabel: Opt(S),
  title: S,
  body: S,
  customised: Bool,
  placeholders: Type.Array(S),
  docx: Opt(Nullable(Type.Object({ fileName: S, uploadedAt: S, placeholders: Type.Array(S) }))),
});
export const TemplatesSchema = Type.Object({
  items: Type.Array(TemplateSchema),
  placeholders: Opt(
    Type.Array(
      // kinds: the letter kinds that fill it (all when absent); sample: the value the console's preview shows.
      Type.Object({ name: S, description: S, kinds: Opt(Type.Array(S)), sample: Opt(S) }),
    ),
  ),
  settings: Opt(Type.Object({ reviewBody: NS, court: NS })),
});

// ------------------------------------------------------------------ request shapes

export const ApplicantFields = {
  applicantType: RequiredText(20),
  applicantName: RequiredText(100),
  contactPerson: OptionalText(100),
  idDocType: RequiredText(20),
  idNumber: RequiredText(40),
  phone: OptionalText(40),
  email: OptionalText(200),
  address: OptionalText(300),
  postcode: OptionalText(6),
  description: RequiredText(2000),
  requestedForm: RequiredText(20),
  deliveryMethod: RequiredText(20),
  notifyBy: Opt(NotifyBy),
};

export const IntakeBody = Type.Object({
  channel: Channel,
  ...ApplicantFields,
  submittedAt: RequiredText(40),
  signedForOn: Opt(Nullable(IsoDate)),
  confirmedOn: Opt(Nullable(IsoDate)),
  intakeNote: OptionalText(2000),
  itemCount: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const ListQuery = Type.Object({
  stage: Opt(Stage),
  due: Opt(lit(['soon', 'overdue', 'open'] as const)),
  mine: Opt(Bool),
  q: Opt(Text(100)),
  year: Opt(Type.Integer({ minimum: 2000, maximum: 2100 })),
  page: Opt(Type.Integer({ minimum: 1, maximum: 10000 })),
  pageSize: Opt(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const DateBody = Type.Object({ date: IsoDate });
export const OutcomeBody = Type.Object({
  outcomeCode: RequiredText(40),
  reason: OptionalText(4000),
  legalBasis: OptionalText(500),
  referralAgency: OptionalText(300),
  withheldParts: Opt(Type.Array(WithheldPartSchema, { maxItems: 50 })),
});
export const AppealBody = Type.Object({
  kind: AppealKind,
  filedOn: IsoDate,
  bodyName: RequiredText(200),
  reference: OptionalText(100),
  outcome: Opt(AppealOutcome),
  decidedOn: Opt(Nullable(IsoDate)),
  note: OptionalText(2000),
});
export const AppealPatchBody = Type.Object({
  outcome: AppealOutcome,
  decidedOn: Opt(Nullable(IsoDate)),
  reference: OptionalText(100),
  note: OptionalText(2000),
});
export const TemplateBody = Type.Object({
  kind: RequiredText(20),
  outcomeCode: OptionalText(40),
  title: RequiredText(200),
  body: RequiredText(20000),
});
export const TemplateKeyQuery = Type.Object({ kind: RequiredText(20), outcomeCode: Opt(Text(40)) });
export const SettingsBody = Type.Object({ reviewBody: OptionalText(200), court: OptionalText(200) });

// ------------------------------------------------------------------ routes

const staff = (c: Omit<RouteContract, 'tags' | 'errors'> & { errors?: RouteContract['errors'] }) => ({
  tags,
  errors: STAFF_ERRORS,
  ...c,
});
const caseAction = (operationId: string, summary: string, body?: TSchema) =>
  ({
    operationId: `requests.${operationId}`,
    summary,
    tags,
    params: IdParams,
    ...(body ? { body } : {}),
    response: { 200: CaseDetailSchema },
    errors: STAFF_ERRORS,
  }) satisfies RouteContract;

export const getMeta = {
  ...staff({
    operationId: 'requests.getMeta',
    summary: '依申请公开参考数据（办理结果、申请人类型、渠道…）',
    response: {},
  }),
  response: { 200: MetaSchema },
} satisfies RouteContract;
export const listCases = {
  ...staff({ operationId: 'requests.listCases', summary: '申请列表（期限为读取时计算）', response: {} }),
  querystring: ListQuery,
  response: { 200: Type.Object({ items: Type.Array(CaseSummarySchema), total: Int }) },
} satisfies RouteContract;
export const getBoard = {
  ...staff({ operationId: 'requests.getBoard', summary: '临期 / 逾期 / 待确认看板', response: {} }),
  response: { 200: BoardSchema },
} satisfies RouteContract;
export const createCase = {
  ...staff({
    operationId: 'requests.createCase',
    summary: '登记申请（当面、邮寄、信函、传真、电子邮件、口头）',
    response: {},
  }),
  body: IntakeBody,
  response: { 201: Type.Object({ case: CaseDetailSchema, queryCode: S }) },
} satisfies RouteContract;
export const getCase = {
  ...staff({ operationId: 'requests.getCase', summary: '申请详情', response: {} }),
  params: IdParams,
  response: { 200: CaseDetailSchema },
} satisfies RouteContract;

export const confirmReceipt = caseAction(
  'confirmReceipt',
  '确认收到申请（第三十一条）',
  Type.Object({ confirmedOn: IsoDate, note: OptionalText(500) }),
);
export const discardSubmission = caseAction(
  'discardSubmission',
  '未予登记（待确认的提交）',
  Type.Object({ reason: RequiredText(500) }),
);
export const assignCase = caseAction('assignCase', '分办', Type.Object({ divisionId: Id, handlerId: Id }));
export const unmaskIdNumber = {
  ...caseAction('unmaskIdNumber', '查看完整身份证明号码（审计）', Type.Object({ reason: RequiredText(200) })),
  response: { 200: Type.Object({ idNumber: S }) },
} satisfies RouteContract;
export const addNote = caseAction('addNote', '办理备注', Type.Object({ text: RequiredText(2000) }));
export const linkCase = caseAction(
  'linkCase',
  '关联案件',
  Type.Object({
    linkedCaseNumber: RequiredText(40),
    kind: lit(['duplicate', 'related'] as const),
    note: OptionalText(500),
  }),
);
export const regenerateQueryCode = {
  ...caseAction('regenerateQueryCode', '重置查询码'),
  response: { 200: Type.Object({ queryCode: S }) },
} satisfies RouteContract;
export const requestSupplement = caseAction(
  'requestSupplement',
  '告知补正（第三十条，一次性）',
  Type.Object({
    date: IsoDate,
    items: Type.Array(RequiredText(500), { maxItems: 20 }),
    supplementDeadline: Opt(IsoDate),
  }),
);
export const receiveSupplement = caseAction(
  'receiveSupplement',
  '收到补正',
  Type.Object({ date: IsoDate, note: OptionalText(1000), description: OptionalText(2000) }),
);
export const expireSupplement = caseAction('expireSupplement', '逾期不补正，视为放弃', DateBody);
export const sendConsultation = caseAction(
  'sendConsultation',
  '征求第三方 / 其他机关意见（第三十二、三十四条）',
  Type.Object({
    kind: lit(['third_party', 'other_agency'] as const),
    date: IsoDate,
    party: RequiredText(200),
    receivedOn: Opt(IsoDate),
    matter: OptionalText(1000),
  }),
);
export const replyConsultation = {
  ...caseAction(
    'replyConsultation',
    '登记征求意见答复',
    Type.Object({
      date: IsoDate,
      opinion: lit(['agree', 'disagree', 'other'] as const),
      note: OptionalText(1000),
    }),
  ),
  params: Type.Object({
    id: Id,
    consultationId: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' }),
  }),
} satisfies RouteContract;
export const approveExtension = caseAction(
  'approveExtension',
  '负责人同意延长答复期限（第三十三条第二款）',
  Type.Object({
    date: IsoDate,
    workdays: Type.Integer({ minimum: -1000, maximum: 1000 }),
    reason: RequiredText(500),
  }),
);
export const notifyExtension = caseAction('notifyExtension', '告知申请人延期', DateBody);
export const deferAnswer = caseAction(
  'deferAnswer',
  '第三十五条延迟答复',
  Type.Object({ date: IsoDate, newDueDate: IsoDate, reason: RequiredText(500) }),
);
export const sendFeeNotice = caseAction(
  'sendFeeNotice',
  '发出收费通知',
  Type.Object({
    date: IsoDate,
    basis: FeeBasis,
    quantity: Type.Integer({ minimum: 1, maximum: 100000 }),
    receivedOn: Opt(IsoDate),
  }),
);
export const recordFeePayment = caseAction(
  'recordFeePayment',
  '登记缴费',
  Type.Object({
    date: IsoDate,
    amountFen: Type.Integer({ minimum: 0, maximum: 100000000 }),
    paymentRef: OptionalText(100),
  }),
);
export const expireFee = caseAction('expireFee', '逾期未缴费，视为放弃', DateBody);
export const withdraw = caseAction(
  'withdraw',
  '申请人撤回',
  Type.Object({ date: IsoDate, note: OptionalText(500) }),
);
export const draftOutcome = caseAction(
  'draftOutcome',
  '拟定办理结果（法定结果之一，附法律依据）',
  OutcomeBody,
);
export const submitForReview = caseAction('submitForReview', '提交审核');
export const reviewCase = caseAction(
  'reviewCase',
  '保密审查',
  Type.Object({ passed: Bool, note: OptionalText(1000) }),
);
export const signOff = caseAction(
  'signOff',
  '负责人签发',
  Type.Object({ approved: Bool, note: OptionalText(1000) }),
);
export const sendReply = caseAction('sendReply', '答复送达', DateBody);
export const archiveCase = caseAction('archiveCase', '归档');
export const regenerateReceipt = {
  ...caseAction('regenerateReceipt', '重新出具受理回执', Type.Object({ kind: Type.Literal('receipt') })),
  response: { 200: LetterSchema },
} satisfies RouteContract;
export const recordAppeal = {
  ...caseAction('recordAppeal', '登记行政复议 / 行政诉讼', AppealBody),
  response: { 200: AppealSchema },
} satisfies RouteContract;

export const downloadLetter = {
  ...staff({ operationId: 'requests.downloadLetter', summary: '下载文书（.docx）', response: {} }),
  params: IdParams,
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  response: { 200: FileResponse('Word 文书') },
} satisfies RouteContract;

export const listReplyFiles = {
  ...staff({
    operationId: 'requests.listReplyFiles',
    summary: '答复附件（随答复提供的政府信息）',
    response: {},
  }),
  params: IdParams,
  response: { 200: Type.Object({ items: Type.Array(ReplyFileSchema) }) },
} satisfies RouteContract;
export const addReplyFile = {
  ...staff({
    operationId: 'requests.addReplyFile',
    summary: '上传答复附件（multipart，字段 file；≤20MB；答复送达后申请人可在“依申请公开查询”下载）',
    response: {},
  }),
  params: IdParams,
  consumes: ['multipart/form-data'],
  response: { 201: ReplyFileSchema },
  errors: [...STAFF_ERRORS, 413],
} satisfies RouteContract;
/** Reply files live under their own path (`/api/request-reply-files/{id}`). */
export const removeReplyFile = {
  ...staff({ operationId: 'requests.removeReplyFile', summary: '删除答复附件（答复送达前）', response: {} }),
  params: IdParams,
  response: { 204: Type.Null() },
} satisfies RouteContract;
export const downloadReplyFile = {
  ...staff({ operationId: 'requests.downloadReplyFile', summary: '下载答复附件', response: {} }),
  params: IdParams,
  produces: ['application/octet-stream'],
  response: { 200: FileResponse('答复附件') },
} satisfies RouteContract;

export const listTemplates = {
  ...staff({ operationId: 'requests.listTemplates', summary: '文书模板（本机关）', response: {} }),
  response: { 200: TemplatesSchema },
} satisfies RouteContract;
export const putTemplate = {
  ...staff({ operationId: 'requests.putTemplate', summary: '修改文书模板', response: {} }),
  body: TemplateBody,
  response: { 200: TemplateSchema },
} satisfies RouteContract;
export const resetTemplate = {
  ...staff({ operationId: 'requests.resetTemplate', summary: '恢复默认模板', response: {} }),
  querystring: TemplateKeyQuery,
  response: { 200: Ok },
} satisfies RouteContract;

/** Agencies' own Word layouts (文书模板 → Word版式), one per letter kind. */
export const WordTemplateSchema = Type.Object({
  kind: S,
  kindLabel: S,
  fileName: S,
  sizeBytes: Int,
  sha256: S,
  placeholders: Type.Array(S),
  uploadedAt: S,
});
const WordKindParams = Type.Object({ kind: RequiredText(20) });
export const listWordTemplates = {
  ...staff({
    operationId: 'requests.listWordTemplates',
    summary: 'Word版式（本机关上传的 .docx 文书模板）',
    response: {},
  }),
  response: {
    200: Type.Object({
      items: Type.Array(WordTemplateSchema),
      layout: Type.Array(Type.Object({ name: S, description: S })),
      kinds: Type.Array(Type.Object({ kind: S, kindLabel: S, placeholders: Type.Array(S) })),
      maxBytes: Int,
    }),
  },
} satisfies RouteContract;
export const uploadWordTemplate = {
  ...staff({
    operationId: 'requests.uploadWordTemplate',
    summary: '上传某类文书的Word版式（multipart，字段 file；.docx，≤5MB；占位符逐一检查）',
    response: {},
  }),
  params: WordKindParams,
  consumes: ['multipart/form-data'],
  response: { 201: WordTemplateSchema },
  errors: [...STAFF_ERRORS, 413],
} satisfies RouteContract;
export const removeWordTemplate = {
  ...staff({
    operationId: 'requests.removeWordTemplate',
    summary: '删除Word版式（恢复内置版式）',
    response: {},
  }),
  params: WordKindParams,
  response: { 204: Type.Null() },
} satisfies RouteContract;
export const downloadWordTemplate = {
  ...staff({ operationId: 'requests.downloadWordTemplate', summary: '下载已上传的Word版式', response: {} }),
  params: WordKindParams,
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  response: { 200: FileResponse('Word 版式') },
} satisfies RouteContract;
export const starterWordTemplate = {
  ...staff({
    operationId: 'requests.starterWordTemplate',
    summary: '下载内置版式的Word模板（含占位符，可在 Word/WPS 中修改后上传）',
    response: {},
  }),
  params: WordKindParams,
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  response: { 200: FileResponse('Word 版式模板') },
} satisfies RouteContract;

export const quoteFee = {
  ...staff({ operationId: 'requests.quoteFee', summary: '信息处理费计算器', response: {} }),
  body: Type.Object({
    basis: FeeBasis,
    quantity: Type.Integer({ minimum: 0, maximum: 100000 }),
    priorItemsThisMonth: Opt(Type.Integer({ minimum: 0, maximum: 100000 })),
  }),
  response: { 200: FeeQuoteSchema },
} satisfies RouteContract;
const YearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const feeLedger = {
  ...staff({ operationId: 'requests.feeLedger', summary: '收费台账', response: {} }),
  querystring: YearQuery,
  response: { 200: FeeLedgerSchema },
} satisfies RouteContract;
export const listAppeals = {
  ...staff({ operationId: 'requests.listAppeals', summary: '行政复议、行政诉讼', response: {} }),
  querystring: Type.Object({ year: Opt(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
  response: { 200: Type.Object({ items: Type.Array(AppealSchema) }) },
} satisfies RouteContract;
/** Appeals live under their own path (`/api/request-appeals/{id}`), not beside `/api/requests/{id}`. */
export const updateAppeal = {
  ...staff({ operationId: 'requests.updateAppeal', summary: '更新复议诉讼结果', response: {} }),
  params: IdParams,
  body: AppealPatchBody,
  response: { 200: AppealSchema },
} satisfies RouteContract;
export const listReminders = {
  ...staff({ operationId: 'requests.listReminders', summary: '期限提醒', response: {} }),
  querystring: Type.Object({ mine: Opt(Bool), includeAcknowledged: Opt(Bool) }),
  response: { 200: Type.Object({ items: Type.Array(ReminderSchema) }) },
} satisfies RouteContract;
export const acknowledgeReminder = {
  ...staff({ operationId: 'requests.acknowledgeReminder', summary: '确认期限提醒', response: {} }),
  params: IdParams,
  response: { 200: Ok },
} satisfies RouteContract;
export const listPromotions = {
  ...staff({
    operationId: 'requests.listPromotions',
    summary: '第四十四条：多人申请相同信息，建议纳入主动公开',
    response: {},
  }),
  querystring: Type.Object({
    windowDays: Opt(Type.Integer({ minimum: 1, maximum: 3650 })),
    minApplicants: Opt(Type.Integer({ minimum: 2, maximum: 100 })),
  }),
  response: { 200: PromotionsSchema },
} satisfies RouteContract;
export const promote = {
  ...staff({
    operationId: 'requests.promote',
    summary: '提出纳入主动公开建议（生成目录草稿）',
    response: {},
  }),
  body: Type.Object({ descriptionKey: RequiredText(500), title: OptionalText(300), columnId: Opt(Id) }),
  response: { 200: Type.Object({ id: S, state: S, catalogItemId: NS }) },
} satisfies RouteContract;
export const monthlyVolume = {
  ...staff({ operationId: 'requests.monthlyVolume', summary: '同一申请人月度申请量', response: {} }),
  querystring: Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 }) }),
  response: {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          applicantKey: S,
          applicantName: S,
          idNumberMasked: S,
          count: Int,
          caseNumbers: Type.Array(S),
        }),
      ),
    }),
  },
} satisfies RouteContract;
export const reportFacts = {
  ...staff({
    operationId: 'requests.reportFacts',
    summary: '年度报告数据（表三、表四、收费）',
    response: {},
  }),
  querystring: YearQuery,
  response: { 200: AnyObject },
} satisfies RouteContract;

export const getSettings = {
  ...staff({
    operationId: 'requests.getSettings',
    summary: '依申请公开设置（复议机关、管辖法院）',
    response: {},
  }),
  response: { 200: Type.Object({ reviewBody: NS, court: NS }) },
} satisfies RouteContract;
export const putSettings = {
  ...staff({
    operationId: 'requests.putSettings',
    summary: '修改依申请公开设置（复议机关、管辖法院）',
    response: {},
  }),
  body: SettingsBody,
  response: { 200: Type.Object({ reviewBody: NS, court: NS }) },
} satisfies RouteContract;

/** Problem codes of 依申请公开 letter templates (registered in contract/problems.ts). */
export const REQUESTS_PROBLEMS = {
  unknown_placeholder: {
    status: 400,
    title: '模板中有该文书不能使用的占位符',
    description:
      '文书模板只能使用该类文书可以填写的占位符（文书模板页右侧列出）。拼错或其他文书的占位符会原样印在发给申请人的文书上，因此不能保存。',
  },
  word_template_not_docx: {
    status: 400,
    title: 'Word版式不是有效的 .docx 文件',
    description:
      'Word版式须是 .docx 文件（Word 2007 及以后、WPS 另存为 .docx）。旧的 .doc、.wps 或改了扩展名的文件不能使用。',
  },
  word_template_syntax: {
    status: 400,
    title: 'Word版式中的占位符格式有误',
    description:
      '占位符写作{名称}（一对大括号）；正文循环写作{#正文段落}、{段落}、{/正文段落}。消息中列出了出错的占位符。',
  },
  word_template_unknown_placeholder: {
    status: 400,
    title: 'Word版式中有该文书不能使用的占位符',
    description:
      'Word版式只能使用版式占位符（文号、标题、抬头、正文段落）和该类文书可以填写的占位符；`unknown` 列出不认识的占位符。',
  },
  word_template_missing_placeholder: {
    status: 400,
    title: 'Word版式缺少标题或正文',
    description: 'Word版式必须有{标题}和正文循环{#正文段落}{段落}{/正文段落}，否则生成的文书没有标题或正文。',
  },
  word_template_loop_inline: {
    status: 400,
    title: 'Word版式的正文循环写在了同一段',
    description: '{#正文段落}、{段落}、{/正文段落}要各占一段，否则各段正文会连成一段。',
  },
  word_template_too_large: {
    status: 400,
    title: 'Word版式文件过大',
    description: 'Word版式不能超过5MB。',
  },
  malformed_placeholder: {
    status: 400,
    title: '占位符的大括号不完整',
    description: '占位符应写作{{名称}}，两侧各两个大括号。少写一个大括号的占位符不会被填写，因此不能保存。',
  },
  // The application form (第二十九条), validated identically on both engines (issue 14, item 1).
  invalid_application: {
    status: 400,
    title: '申请书有多处需要修改',
    description:
      '申请书（门户 /apply 或窗口登记）同时有两处以上不符合要求；`fields` 列出每个字段的中文说明，`codes` 列出每个字段的代码（见本页其余申请书代码）。',
  },
  invalid_applicant_type: {
    status: 400,
    title: '请选择申请人类型',
    description: '申请人类型只能是自然人、法人或者其他组织（及其细分类型）之一。',
  },
  applicant_name_required: {
    status: 400,
    title: '申请人姓名或名称不符合要求',
    description: '申请人姓名或者名称必填，2—100字（条例第二十九条）。',
  },
  invalid_id_doc_type: {
    status: 400,
    title: '身份证明类型不正确',
    description: '请选择居民身份证、统一社会信用代码或其他身份证明；自然人不能使用统一社会信用代码。',
  },
  invalid_id_number: {
    status: 400,
    title: '身份证明号码无效',
    description: '居民身份证号码的位数、出生日期或校验码不对，或其他证件号码不在5—40位之间。',
  },
  invalid_credit_code: {
    status: 400,
    title: '统一社会信用代码无效',
    description: '统一社会信用代码的位数、字符或校验码不对。',
  },
  contact_person_required: {
    status: 400,
    title: '请填写联系人',
    description: '法人或者其他组织申请的，须填写联系人。',
  },
  contact_person_too_long: {
    status: 400,
    title: '联系人过长',
    description: '联系人不超过100字。',
  },
  phone_too_long: {
    status: 400,
    title: '联系电话过长',
    description: '联系电话不超过40字。',
  },
  email_too_long: {
    status: 400,
    title: '电子邮箱过长',
    description: '电子邮箱不超过200字。',
  },
  address_too_long: {
    status: 400,
    title: '通信地址过长',
    description: '通信地址不超过300字。',
  },
  description_too_long: {
    status: 400,
    title: '信息描述过长',
    description: '所需政府信息的描述不超过2000字。',
  },
  description_required: {
    status: 400,
    title: '请描述所需的政府信息',
    description: '须填写所需政府信息的名称、文号或者便于查询的其他特征性描述，至少5个字（条例第二十九条）。',
  },
  invalid_phone: {
    status: 400,
    title: '联系电话格式不正确',
    description: '联系电话应为手机号码或带区号的固定电话。',
  },
  invalid_email: {
    status: 400,
    title: '电子邮箱格式不正确',
    description: '电子邮箱应形如 name@example.cn。',
  },
  invalid_postcode: {
    status: 400,
    title: '邮政编码格式不正确',
    description: '邮政编码为6位数字。',
  },
  contact_required: {
    status: 400,
    title: '请至少填写一种联系方式',
    description: '电话、电子邮箱、通信地址至少填写一种（条例第二十九条）。',
  },
  invalid_delivery: {
    status: 400,
    title: '请选择获取信息的方式',
    description: '获取信息的方式只能是所列方式之一（电子邮件、邮寄、自行领取、在线获取等）。',
  },
  invalid_form: {
    status: 400,
    title: '请选择信息的形式',
    description: '信息的形式只能是所列形式之一（纸质、电子等）。',
  },
  email_required: {
    status: 400,
    title: '请填写电子邮箱',
    description: '选择以电子邮件获取信息或接收通知的，须填写电子邮箱。',
  },
  address_required: {
    status: 400,
    title: '请填写通信地址',
    description: '选择邮寄获取信息的，须填写通信地址。',
  },
  invalid_notify_channel: {
    status: 400,
    title: '请选择接收通知的方式',
    description: '接收办理进度通知的方式只能是短信、电子邮件或不需要通知。',
  },
  mobile_required: {
    status: 400,
    title: '请填写手机号码',
    description: '选择短信通知的，联系电话须为11位手机号码。',
  },
  reply_file_type: {
    status: 400,
    title: '答复附件的文件格式不支持',
    description: '答复附件须为 PDF、OFD、Word、Excel、WPS、文本、图片（JPG/PNG）或 ZIP 文件。',
  },
  reply_file_too_large: {
    status: 400,
    title: '答复附件过大',
    description: '单个答复附件不能超过20MB；较大的材料请拆分或压缩后上传。',
  },
  reply_files_closed: {
    status: 409,
    title: '答复已送达，答复附件不能再增删',
    description: '答复附件只能在答复送达前添加或删除；送达后它们是向申请人提供了哪些信息的记录。',
  },
  reply_files_limit: {
    status: 409,
    title: '答复附件数量已达上限',
    description: '每件申请最多20个答复附件，更多文件请打包为 ZIP 后上传。',
  },
} satisfies ProblemTypes;
