/** Chinese labels of the catalog module's vocabularies (values are the API's identifiers). */
import { CATALOG_ACTION_LABELS } from '@contract/catalog.labels';

/** 《政府信息公开条例》第二十条 items, by number. */
export const ARTICLE20_ITEMS: { value: number; label: string; short: string }[] = [
  { value: 1, short: '行政法规、规章和规范性文件', label: '（一）行政法规、规章和规范性文件' },
  {
    value: 2,
    short: '机关职能、机构设置等',
    label: '（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  },
  { value: 3, short: '规划及相关政策', label: '（三）国民经济和社会发展规划、专项规划、区域规划及相关政策' },
  { value: 4, short: '统计信息', label: '（四）国民经济和社会发展统计信息' },
  {
    value: 5,
    short: '行政许可和其他对外管理服务事项',
    label: '（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  },
  {
    value: 6,
    short: '行政处罚、行政强制',
    label: '（六）实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定',
  },
  { value: 7, short: '财政预算、决算', label: '（七）财政预算、决算信息' },
  { value: 8, short: '行政事业性收费', label: '（八）行政事业性收费项目及其依据、标准' },
  { value: 9, short: '政府集中采购', label: '（九）政府集中采购项目的目录、标准及实施情况' },
  { value: 10, short: '重大建设项目', label: '（十）重大建设项目的批准和实施情况' },
  {
    value: 11,
    short: '扶贫、教育、社保等政策措施',
    label: '（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  },
  {
    value: 12,
    short: '应急预案、预警信息及应对情况',
    label: '（十二）突发公共事件的应急预案、预警信息及应对情况',
  },
  {
    value: 13,
    short: '监督检查情况',
    label: '（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  },
  { value: 14, short: '公务员招考', label: '（十四）公务员招考的职位、名额、报考条件等事项以及录用结果' },
  {
    value: 15,
    short: '其他应当主动公开的信息',
    label: '（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
  },
];

const CN_NUM = [
  '',
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

/** `第二十条第（十二）项`. */
export function article20Label(n: number | null | undefined): string {
  if (!n) return '—';
  return `第二十条第（${CN_NUM[n] ?? n}）项`;
}

/** Short tag text: `（十二）`. */
export function article20Short(n: number): string {
  return `（${CN_NUM[n] ?? n}）`;
}

export const UPDATE_CLASS_LABELS: Record<string, string> = {
  dynamic: '动态要闻（14天）',
  periodic: '通知公告、政策文件（6个月）',
  static: '长期不变',
};

export const CHANNEL_LABELS: Record<string, string> = {
  portal: '门户网站',
  wechat: '政务微信',
  weibo: '政务微博',
  sms: '短信',
};

/** Workflow states of a revision (catalog.tables.ts RevisionState). */
export const STATE_LABELS: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '待保密审查', color: 'processing' },
  reviewing: { label: '保密审查中', color: 'processing' },
  approving: { label: '待分管领导审批', color: 'processing' },
  approving_principal: { label: '待主要领导审批', color: 'purple' },
  scheduled: { label: '待定时发布', color: 'cyan' },
  published: { label: '已发布', color: 'success' },
  superseded: { label: '已被新版本替代', color: 'default' },
  discarded: { label: '已放弃', color: 'default' },
};

/** Publication status of an item (its public face). */
export const STATUS_LABELS: Record<string, { label: string; color: string }> = {
  unpublished: { label: '未发布', color: 'default' },
  scheduled: { label: '定时发布', color: 'cyan' },
  published: { label: '已发布', color: 'success' },
  withdrawn: { label: '已撤回', color: 'warning' },
};

export function statusLabel(status: string): { label: string; color: string } {
  return STATUS_LABELS[status] ?? { label: status, color: 'default' };
}

export function stateLabel(state: string): { label: string; color: string } {
  return STATE_LABELS[state] ?? { label: state, color: 'default' };
}

/** A history step's target: a revision state, an item status (withdrawn) or a validity (repealed). */
export function targetLabel(to: string): string {
  return STATE_LABELS[to]?.label ?? STATUS_LABELS[to]?.label ?? VALIDITY_LABELS[to] ?? to;
}

export const VALIDITY_LABELS: Record<string, string> = {
  valid: '有效',
  invalid: '失效',
  repealed: '废止',
};

export const DISCLOSURE_MODE_LABELS: Record<string, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
};

/** 保密审查 checklist (条例第十四、十五条; seed 003 《信息发布保密审查表》). */
export const REVIEW_CHECKS: { key: string; label: string; hint: string }[] = [
  {
    key: 'stateSecret',
    label: '国家秘密',
    hint: '是否含有国家秘密或可能危及国家安全、公共安全、经济安全、社会稳定的内容',
  },
  { key: 'workSecret', label: '工作秘密', hint: '是否含有尚未公开的工作部署、内部讨论意见等工作秘密' },
  { key: 'commercialSecret', label: '商业秘密', hint: '是否含有企业的技术信息、经营信息等商业秘密' },
  { key: 'privacy', label: '个人隐私', hint: '是否含有身份证号、手机号、银行卡号、住址等个人隐私' },
  { key: 'sensitive', label: '敏感信息', hint: '是否含有其他不宜公开的敏感信息' },
];

export const SEVERITY_LABELS: Record<string, { label: string; color: string }> = {
  block: { label: '禁止发布', color: 'red' },
  high: { label: '个人信息', color: 'volcano' },
  review: { label: '需人工判断', color: 'gold' },
};

export const FINDING_KIND_LABELS: Record<string, string> = {
  id_number: '居民身份证号',
  mobile: '手机号码',
  bank_card: '银行卡号',
  credit_code_person: '统一社会信用代码（自然人）',
  secrecy_mark: '密级或保密标志',
};

/** Document kind as the annual report counts it (第二十条第（一）项 table). */
export const DOC_KIND_LABELS: Record<string, string> = {
  regulation: '规章',
  normative: '行政规范性文件',
  other: '其他',
};

/** Two-level 主题分类 as gov.cn writes it (`综合政务\政务公开`). */
export const TOPIC_OPTIONS = [
  '综合政务\\政务公开',
  '综合政务\\应急管理',
  '安全生产监管\\安全生产',
  '安全生产监管\\事故调查',
  '安全生产监管\\执法检查',
  '城乡建设、环境保护\\防灾减灾',
  '公安、安全、司法\\消防',
  '财政、金融、审计\\财政预决算',
  '人事\\人事任免',
  '国民经济管理、国有资产监管\\统计',
  '其他',
];

/** Item history actions (catalog_item_events.action); unknown ones are shown as they are. */
export const EVENT_LABELS: Record<string, string> = {
  create: '起草',
  update: '修改草稿',
  edit: '修改草稿',
  unlink: '取消关联',
  publish_blocked: '发布受阻',
  ...CATALOG_ACTION_LABELS,
  publish: '发布',
  schedule: '安排定时发布',
  withdraw: '撤回发布',
  validity: '标注有效性',
  repeal: '标注废止',
  new_revision: '新建修订版本',
  attach: '上传附件',
  detach: '删除附件',
  scan: '敏感信息检查',
  link: '关联信息',
};

export function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? EVENT_LABELS[action.replace(/^catalog\.(item\.)?/, '')] ?? action;
}

export const DELIVERY_STATUS_LABELS: Record<string, { label: string; color: string }> = {
  pending: { label: '待发送', color: 'processing' },
  recorded: { label: '已记录（未实际发送）', color: 'gold' },
  delivered: { label: '已送达', color: 'success' },
  failed: { label: '发送失败', color: 'error' },
  cancelled: { label: '已取消', color: 'default' },
};

/** Attachment rules as the server enforces them (catalog.rules.ts ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES). */
export const ATTACHMENT_EXTENSIONS = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ofd',
  'jpg',
  'jpeg',
  'png',
  'zip',
];
export const MAX_ATTACHMENT_MB = 50;
export const MAX_ATTACHMENTS = 20;

/** Item fields by API name, for the history's "changed fields" note. */
export const FIELD_LABELS: Record<string, string> = {
  columnId: '栏目',
  title: '标题',
  summary: '内容概述',
  bodyHtml: '正文',
  publisher: '发布机构',
  generatedOn: '成文日期',
  docNumber: '文号',
  docKind: '文件类型',
  topic: '主题分类',
  disclosureMode: '公开方式',
  art20Item: '第二十条事项',
  keywords: '关键词',
  publishAt: '定时发布',
  changeNote: '修订说明',
};
