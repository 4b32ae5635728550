/**
 * Contract of the catalog module (主动公开, server/modules/catalog; prose in its API.md): columns (栏目),
 * items with revisions through 保密审查 and 领导审批, attachments, links, the timeliness dashboard and
 * the channel deliveries.
 */
import { Type, type Static, type TSchema } from 'typebox';
import {
  FileResponse,
  Id,
  IsoDate,
  IsoDateTime,
  Nullable,
  STAFF_ERRORS,
  StringEnum,
  Text,
  type RouteContract,
} from './common.js';

const TAGS = ['catalog'];
/** An optional text field that may be cleared with null. */
const OptNullText = (max: number) => Type.Optional(Nullable(Text(max)));

// ---------------------------------------------------------------- vocabulary

export const UpdateClass = StringEnum(['dynamic', 'periodic', 'static'], {
  description: '更新类别：动态、定期、长期',
});
export const ChannelName = StringEnum(['portal', 'wechat', 'weibo', 'sms'], { description: '发布渠道' });
export const ItemStatus = StringEnum(['unpublished', 'scheduled', 'published', 'withdrawn']);
export const RevisionState = StringEnum([
  'draft',
  'submitted',
  'reviewing',
  'approving',
  'approving_principal',
  'scheduled',
  'published',
  'superseded',
  'discarded',
]);
export const Validity = StringEnum(['valid', 'invalid', 'repealed'], { description: '有效、失效、废止' });
export const DocKind = StringEnum(['regulation', 'normative', 'other'], {
  description: '规章、行政规范性文件、其他',
});
export const DeliveryStatus = StringEnum(['pending', 'recorded', 'delivered', 'failed', 'cancelled']);
export const LinkKind = StringEnum(['interprets', 'replaces'], { description: '政策解读、替代文件' });
export const ItemAction = StringEnum([
  'edit',
  'submit',
  'recall',
  'start_review',
  'review',
  'approve',
  'reject',
  'withdraw',
  'repeal',
  'new_revision',
  'discard',
]);
/** Workflow steps the queues and the dashboard count. */
export const QUEUE_STATES = [
  'draft',
  'submitted',
  'reviewing',
  'approving',
  'approving_principal',
  'scheduled',
] as const;
export const CHECKLIST_KEYS = [
  'stateSecret',
  'workSecret',
  'commercialSecret',
  'privacy',
  'sensitive',
] as const;

export type UpdateClassT = Static<typeof UpdateClass>;
export type ChannelNameT = Static<typeof ChannelName>;
export type ItemStatusT = Static<typeof ItemStatus>;
export type RevisionStateT = Static<typeof RevisionState>;
export type ValidityT = Static<typeof Validity>;
export type DocKindT = Static<typeof DocKind>;
export type DeliveryStatusT = Static<typeof DeliveryStatus>;
export type ItemActionT = Static<typeof ItemAction>;
export type QueueStateT = (typeof QUEUE_STATES)[number];
export type ChecklistKeyT = (typeof CHECKLIST_KEYS)[number];

// ---------------------------------------------------------------- views

export const ColumnView = Type.Object({
  id: Id,
  orgId: Id,
  parentId: Nullable(Id),
  code: Type.String(),
  name: Type.String(),
  depth: Type.Integer(),
  sortOrder: Type.Integer(),
  art20Items: Type.Array(Type.Integer(), { description: '对应条例第二十条的事项（1–15）' }),
  updateClass: UpdateClass,
  secondApproval: Type.Boolean(),
  channels: Type.Array(ChannelName),
  description: Nullable(Type.String()),
  retired: Type.Boolean(),
  retiredAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ColumnViewT = Static<typeof ColumnView>;

export const Finding = Type.Object({
  kind: StringEnum(['id_number', 'mobile', 'bank_card', 'credit_code_person', 'secrecy_mark']),
  labelZh: Type.String(),
  severity: StringEnum(['block', 'high', 'review']),
  masked: Type.String(),
  context: Type.String(),
  fingerprint: Type.String(),
  source: Type.String({ description: "'title' | 'summary' | 'body' | 'attachment:<文件名>'" }),
  overridden: Type.Boolean(),
  overrideReason: Nullable(Type.String()),
});
export type FindingT = Static<typeof Finding>;

export const ScanResult = Type.Object({
  findings: Type.Array(Finding),
  unresolved: Type.Integer(),
  unscannedAttachments: Type.Array(Type.String()),
});
export type ScanResultT = Static<typeof ScanResult>;

export const AttachmentView = Type.Object({
  id: Id,
  fileName: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  extractFormat: Type.String(),
  textExtracted: Type.Boolean(),
  extractNote: Nullable(Type.String()),
  createdAt: IsoDateTime,
  downloadUrl: Type.String(),
});
export type AttachmentViewT = Static<typeof AttachmentView>;

export const RevisionView = Type.Object({
  id: Id,
  itemId: Id,
  revisionNo: Type.Integer(),
  state: RevisionState,
  columnId: Id,
  title: Type.String(),
  summary: Nullable(Type.String()),
  bodyHtml: Type.String(),
  bodyText: Type.String(),
  publisher: Type.String(),
  generatedOn: Nullable(IsoDate),
  docNumber: Nullable(Type.String()),
  docKind: DocKind,
  topic: Nullable(Type.String()),
  disclosureMode: Type.String(),
  art20Item: Nullable(Type.Integer()),
  keywords: Nullable(Type.String()),
  publishAt: Nullable(IsoDateTime),
  changeNote: Nullable(Type.String()),
  returnedOpinion: Nullable(Type.String()),
  scanFindings: Nullable(Type.Array(Finding)),
  scannedAt: Nullable(IsoDateTime),
  draftedBy: Nullable(Id),
  draftedByName: Nullable(Type.String()),
  stateSince: IsoDateTime,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type RevisionViewT = Static<typeof RevisionView>;

export const WorkingRevisionBrief = Type.Object({
  id: Id,
  revisionNo: Type.Integer(),
  state: RevisionState,
  stateSince: IsoDateTime,
  title: Type.String(),
  draftedByName: Nullable(Type.String()),
});

const itemSummaryFields = {
  id: Id,
  orgId: Id,
  columnId: Id,
  columnName: Type.String(),
  status: ItemStatus,
  indexNumber: Nullable(Type.String()),
  title: Type.String(),
  docNumber: Nullable(Type.String()),
  publisher: Type.String(),
  generatedOn: Nullable(IsoDate),
  publishedOn: Nullable(IsoDate),
  publishedAt: Nullable(IsoDateTime),
  validity: Validity,
  docKind: DocKind,
  workingRevision: Nullable(WorkingRevisionBrief),
};
export const ItemSummary = Type.Object(itemSummaryFields);
export type ItemSummaryT = Static<typeof ItemSummary>;

const CheckAnswer = Type.Object({ involved: Type.Boolean(), note: Type.Optional(Text(500)) });
export const Checklist = Type.Object(
  Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, CheckAnswer])) as Record<
    ChecklistKeyT,
    typeof CheckAnswer
  >,
);
export type ChecklistT = Static<typeof Checklist>;

export const ReviewView = Type.Object({
  id: Id,
  revisionId: Id,
  reviewerName: Type.String(),
  decision: StringEnum(['pass', 'reject']),
  checklist: Checklist,
  opinion: Type.String(),
  scanFindings: Type.Array(Finding),
  createdAt: IsoDateTime,
});
export const ApprovalView = Type.Object({
  id: Id,
  revisionId: Id,
  level: Type.Integer({ minimum: 1, maximum: 2, description: '1 分管领导，2 主要领导' }),
  approverName: Type.String(),
  decision: StringEnum(['approve', 'reject']),
  opinion: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export const OverrideView = Type.Object({
  id: Id,
  fingerprint: Type.String(),
  kind: Type.String(),
  masked: Type.String(),
  reason: Type.String(),
  overriddenByName: Type.String(),
  createdAt: IsoDateTime,
});
export const LinkView = Type.Object({
  id: Id,
  kind: LinkKind,
  direction: StringEnum(['out', 'in']),
  otherItemId: Id,
  otherTitle: Type.String(),
  otherStatus: ItemStatus,
});
export type LinkViewT = Static<typeof LinkView>;

export const DeliveryView = Type.Object({
  id: Id,
  channel: ChannelName,
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(IsoDateTime),
  lastError: Nullable(Type.String()),
  externalRef: Nullable(Type.String()),
  completedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});
export type DeliveryViewT = Static<typeof DeliveryView>;

/** 条例第二十六条: published within 20 working days of 成文日期. */
export const Timeliness = Type.Object({
  generatedOn: IsoDate,
  publishedOn: IsoDate,
  workdays: Type.Integer(),
  limit: Type.Integer(),
  late: Type.Boolean(),
  estimated: Type.Boolean(),
  notice: Nullable(Type.String()),
});

export const ItemView = Type.Object({
  ...itemSummaryFields,
  summary: Nullable(Type.String()),
  bodyHtml: Type.String(),
  topic: Nullable(Type.String()),
  disclosureMode: Type.String(),
  art20Item: Nullable(Type.Integer()),
  keywords: Nullable(Type.String()),
  validityDate: Nullable(IsoDate),
  replacedByItemId: Nullable(Id),
  scheduledAt: Nullable(IsoDateTime),
  withdrawnAt: Nullable(IsoDateTime),
  withdrawnReason: Nullable(Type.String()),
  contentUpdatedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  working: Nullable(RevisionView),
  published: Nullable(RevisionView),
  attachments: Type.Array(AttachmentView),
  publishedAttachments: Type.Array(AttachmentView),
  links: Type.Array(LinkView),
  reviews: Type.Array(ReviewView),
  approvals: Type.Array(ApprovalView),
  overrides: Type.Array(OverrideView),
  deliveries: Type.Array(DeliveryView),
  timeliness: Nullable(Timeliness),
  allowedActions: Type.Array(ItemAction, { description: '当前用户此刻可执行的操作（控制台只显示这些按钮）' }),
});
export type ItemViewT = Static<typeof ItemView>;

export const ItemEvent = Type.Object({
  id: Id,
  revisionId: Nullable(Id),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  actorName: Type.String(),
  comment: Nullable(Type.String()),
  at: IsoDateTime,
});
export type ItemEventT = Static<typeof ItemEvent>;

// ---------------------------------------------------------------- params and bodies

const ItemParams = Type.Object({ id: Id });
const AttachmentParams = Type.Object({ id: Id, attachmentId: Id });
const LinkParams = Type.Object({ id: Id, linkId: Id });
const ColumnParams = Type.Object({ id: Id });
export const OrgQuery = Type.Object({ orgId: Type.Optional(Id) });

const columnFields = {
  name: Text(50),
  code: Text(32),
  art20Items: Type.Optional(Type.Array(Type.Integer(), { maxItems: 15 })),
  updateClass: UpdateClass,
  secondApproval: Type.Optional(Type.Boolean()),
  channels: Type.Optional(Type.Array(Text(16), { maxItems: 4 })),
  description: OptNullText(500),
};
export const CreateColumnBody = Type.Object({ parentId: Nullable(Id), ...columnFields });
export const UpdateColumnBody = Type.Partial(Type.Object(columnFields));
export type CreateColumnBodyT = Static<typeof CreateColumnBody>;
export type UpdateColumnBodyT = Static<typeof UpdateColumnBody>;

const itemFields = {
  columnId: Id,
  title: Text(300),
  summary: OptNullText(2000),
  bodyHtml: Type.Optional(Type.String({ maxLength: 2_000_000 })),
  publisher: Type.Optional(Text(200)),
  generatedOn: OptNullText(10),
  docNumber: OptNullText(100),
  docKind: Type.Optional(DocKind),
  topic: OptNullText(100),
  disclosureMode: Type.Optional(Text(32)),
  art20Item: Type.Optional(Nullable(Type.Integer())),
  keywords: OptNullText(300),
  publishAt: OptNullText(40),
  changeNote: OptNullText(500),
};
export const ItemBody = Type.Object(itemFields);
export const ItemPatchBody = Type.Partial(Type.Object(itemFields));
export type ItemBodyT = Static<typeof ItemBody>;
export type ItemPatchBodyT = Static<typeof ItemPatchBody>;

export const ItemQuery = Type.Object({
  orgId: Type.Optional(Id),
  columnId: Type.Optional(Id),
  status: Type.Optional(Text(16)),
  state: Type.Optional(Text(24)),
  q: Type.Optional(Text(100)),
  mine: Type.Optional(Type.Boolean()),
  year: Type.Optional(
    Type.Integer({
      minimum: 2000,
      maximum: 2100,
      description: '发布日期所在年份；从未发布的信息按起草年份（API.md）',
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type ItemQueryT = Static<typeof ItemQuery>;

export const ReviewBody = Type.Object({
  checklist: Type.Partial(Checklist),
  opinion: Text(2000),
  decision: StringEnum(['pass', 'reject']),
  overrides: Type.Optional(
    Type.Array(Type.Object({ fingerprint: Text(120), reason: Text(500) }), { maxItems: 200 }),
  ),
});
export type ReviewBodyT = Static<typeof ReviewBody>;

export const ValidityBody = Type.Object({
  validity: StringEnum(['invalid', 'repealed']),
  date: Text(10),
  replacedByItemId: OptNullText(64),
  note: OptNullText(500),
});
export type ValidityBodyT = Static<typeof ValidityBody>;

export const LiveScanBody = Type.Object({
  title: Type.Optional(Text(300)),
  summary: OptNullText(2000),
  bodyHtml: Type.Optional(Type.String({ maxLength: 2_000_000 })),
  attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 20, description: '已上传到该信息的附件' })),
  itemId: Type.Optional(Nullable(Id)),
});
export type LiveScanBodyT = Static<typeof LiveScanBody>;

export const DashboardView = Type.Object({
  today: IsoDate,
  lateItems: Type.Array(
    Type.Object({
      ...itemSummaryFields,
      workdays: Type.Integer(),
      limit: Type.Integer(),
      estimated: Type.Boolean(),
    }),
  ),
  staleColumns: Type.Array(
    Type.Object({
      column: ColumnView,
      lastPublishedOn: Nullable(IsoDate),
      daysSince: Nullable(Type.Integer()),
      dueBy: Nullable(IsoDate),
      limitDays: Nullable(Type.Integer()),
    }),
  ),
  blankColumns: Type.Array(ColumnView),
  waiting: Type.Array(
    Type.Object({
      state: RevisionState,
      count: Type.Integer(),
      oldestDays: Nullable(Type.Integer()),
      items: Type.Array(Type.Object({ ...itemSummaryFields, ageDays: Type.Integer() })),
    }),
  ),
  calendarNotice: Nullable(Type.String()),
});
export type DashboardViewT = Static<typeof DashboardView>;

// ---------------------------------------------------------------- routes

/** A catalog route: the module's tag and the signed-in error statuses unless it names others. */
const route = <const C extends Omit<RouteContract, 'tags' | 'errors'> & { errors?: RouteContract['errors'] }>(
  c: C,
) =>
  ({ tags: TAGS, errors: STAFF_ERRORS, ...c }) as unknown as C & {
    tags: string[];
    errors: C extends { errors: infer E } ? E : typeof STAFF_ERRORS;
  };

export const listColumns = route({
  operationId: 'catalog.listColumns',
  summary: '栏目树',
  querystring: Type.Object({ orgId: Type.Optional(Id), includeRetired: Type.Optional(Type.Boolean()) }),
  response: { 200: Type.Object({ columns: Type.Array(ColumnView) }) },
});
export const createColumn = route({
  operationId: 'catalog.createColumn',
  summary: '新建栏目',
  body: CreateColumnBody,
  response: { 201: ColumnView },
});
export const updateColumn = route({
  operationId: 'catalog.updateColumn',
  summary: '修改栏目（改名、事项、更新类别、二级审批、渠道）',
  params: ColumnParams,
  body: UpdateColumnBody,
  response: { 200: ColumnView },
});
export const moveColumn = route({
  operationId: 'catalog.moveColumn',
  summary: '移动或排序栏目',
  params: ColumnParams,
  body: Type.Object({ parentId: Nullable(Id), position: Type.Integer({ minimum: 0, maximum: 1000 }) }),
  response: { 200: Type.Object({ columns: Type.Array(ColumnView) }) },
});
export const retireColumn = route({
  operationId: 'catalog.retireColumn',
  summary: '停用栏目',
  params: ColumnParams,
  response: { 200: ColumnView },
});
export const restoreColumn = route({
  operationId: 'catalog.restoreColumn',
  summary: '启用栏目',
  params: ColumnParams,
  response: { 200: ColumnView },
});

export const SettingsView = Type.Object({ indexTemplate: Type.String(), isDefault: Type.Boolean() });
export const getSettings = route({
  operationId: 'catalog.getSettings',
  summary: '索引号模板',
  querystring: OrgQuery,
  response: { 200: SettingsView },
});
export const updateSettings = route({
  operationId: 'catalog.updateSettings',
  summary: '设置索引号模板（null 恢复默认）',
  body: Type.Object({ indexTemplate: Nullable(Text(100)) }),
  response: { 200: SettingsView },
});

export const ItemPage = Type.Object({
  items: Type.Array(ItemSummary),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type ItemPageT = Static<typeof ItemPage>;
export const listItems = route({
  operationId: 'catalog.listItems',
  summary: '信息列表',
  querystring: ItemQuery,
  response: { 200: ItemPage },
});
export const createItem = route({
  operationId: 'catalog.createItem',
  summary: '起草信息',
  body: ItemBody,
  response: { 201: ItemView },
});
export const getItem = route({
  operationId: 'catalog.getItem',
  summary: '信息详情',
  params: ItemParams,
  response: { 200: ItemView },
});
export const updateDraft = route({
  operationId: 'catalog.updateDraft',
  summary: '修改草稿',
  params: ItemParams,
  body: ItemPatchBody,
  response: { 200: ItemView },
});

/** A workflow step on an item: answers the item as it is afterwards. */
const itemAction = <B extends TSchema>(operationId: string, summary: string, body: B) =>
  route({
    operationId: `catalog.${operationId}`,
    summary,
    params: ItemParams,
    body,
    response: { 200: ItemView },
  });
const NoBody = Type.Object({});

export const openRevision = itemAction(
  'openRevision',
  '修订已发布信息（新版本须重新审查）',
  Type.Object({ changeNote: Type.Optional(Text(500)) }),
);
export const discardDraft = itemAction('discardDraft', '放弃草稿', NoBody);
export const submitItem = itemAction('submitItem', '提交保密审查', NoBody);
export const recallItem = itemAction('recallItem', '撤回提交', NoBody);
export const startReview = itemAction('startReview', '开始保密审查', NoBody);
export const reviewItem = itemAction('reviewItem', '填写保密审查记录（通过或退回）', ReviewBody);
export const approveItem = itemAction(
  'approveItem',
  '领导审批通过',
  Type.Object({ opinion: Type.Optional(Text(2000)) }),
);
export const rejectItem = itemAction('rejectItem', '领导审批退回', Type.Object({ opinion: Text(2000) }));
export const withdrawItem = itemAction('withdrawItem', '撤回已发布信息', Type.Object({ reason: Text(500) }));
export const setValidity = itemAction('setValidity', '标注失效或废止', ValidityBody);

export const scanItem = route({
  operationId: 'catalog.scanItem',
  summary: '敏感信息扫描（保存的工作版本，结果记入版本）',
  params: ItemParams,
  body: NoBody,
  response: { 200: ScanResult },
});
export const scanText = route({
  operationId: 'catalog.scanText',
  summary: '敏感信息扫描（未保存的内容，不写入）',
  body: LiveScanBody,
  response: { 200: ScanResult },
});

export const addAttachment = route({
  operationId: 'catalog.addAttachment',
  summary: '上传附件（multipart，字段 file；≤50MB）',
  params: ItemParams,
  consumes: ['multipart/form-data'],
  response: { 201: AttachmentView },
  errors: [...STAFF_ERRORS, 413],
});
export const removeAttachment = route({
  operationId: 'catalog.removeAttachment',
  summary: '删除附件',
  params: AttachmentParams,
  response: { 204: Type.Null() },
});
export const downloadAttachment = route({
  operationId: 'catalog.downloadAttachment',
  summary: '下载附件',
  params: AttachmentParams,
  produces: ['application/octet-stream'],
  response: { 200: FileResponse('附件原文件') },
});

export const addLink = route({
  operationId: 'catalog.addLink',
  summary: '关联政策解读或替代文件',
  params: ItemParams,
  body: Type.Object({ toItemId: Id, kind: LinkKind }),
  response: { 201: LinkView },
});
export const removeLink = route({
  operationId: 'catalog.removeLink',
  summary: '删除关联',
  params: LinkParams,
  response: { 204: Type.Null() },
});
export const itemHistory = route({
  operationId: 'catalog.itemHistory',
  summary: '办理记录',
  params: ItemParams,
  response: { 200: Type.Object({ events: Type.Array(ItemEvent) }) },
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const reviewFormDocx = route({
  operationId: 'catalog.reviewFormDocx',
  summary: '信息发布保密审查表（Word）',
  params: ItemParams,
  querystring: Type.Object({ reviewId: Type.Optional(Id) }),
  produces: [DOCX],
  response: { 200: FileResponse('保密审查表（.docx）') },
});
export const metadataDocx = route({
  operationId: 'catalog.metadataDocx',
  summary: '目录信息（Word）',
  params: ItemParams,
  produces: [DOCX],
  response: { 200: FileResponse('目录信息（.docx）') },
});

export const queues = route({
  operationId: 'catalog.queues',
  summary: '各环节待办',
  querystring: OrgQuery,
  response: {
    200: Type.Object({
      queues: Type.Record(Type.String(), Type.Array(ItemSummary), {
        description: '各环节（QUEUE_STATES：起草、待审查、审查中、待审批、待主要领导审批、定时发布）的待办',
      }),
    }),
  },
});
export const dashboard = route({
  operationId: 'catalog.dashboard',
  summary: '时效看板：超期发布、栏目更新、待办时长',
  querystring: OrgQuery,
  response: { 200: DashboardView },
});
export const channelCounts = route({
  operationId: 'catalog.channelCounts',
  summary: '各渠道年度发布条数（仅平台确认送达的）',
  querystring: Type.Object({
    orgId: Type.Optional(Id),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  }),
  response: {
    200: Type.Object({ year: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()) }),
  },
});
export const DeliveryRow = Type.Object({
  ...DeliveryView.properties,
  itemId: Id,
  itemTitle: Type.String(),
});
export const listDeliveries = route({
  operationId: 'catalog.listDeliveries',
  summary: '渠道发布记录（最近200条）',
  querystring: Type.Object({
    orgId: Type.Optional(Id),
    status: Type.Optional(Text(16)),
    channel: Type.Optional(Text(16)),
  }),
  response: { 200: Type.Object({ deliveries: Type.Array(DeliveryRow) }) },
});
export const retryDelivery = route({
  operationId: 'catalog.retryDelivery',
  summary: '重新发送',
  params: Type.Object({ id: Id }),
  body: NoBody,
  response: { 200: DeliveryView },
});
export const runDue = route({
  operationId: 'catalog.runDue',
  summary: '立即执行定时发布与渠道发送',
  body: NoBody,
  response: { 200: Type.Object({ published: Type.Integer(), deliveries: Type.Integer() }) },
});
