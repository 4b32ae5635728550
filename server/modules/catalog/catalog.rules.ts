/**
 * Pure rules of 主动公开: column tree constraints, the publishing workflow state machine, date rules
 * (成文日期, 发布日期 never back-dated), timeliness (条例第二十六条: 20 working days), column staleness,
 * attachment limits and outbox backoff. No I/O: every function is unit-tested in catalog.rules.test.ts.
 */
import { CATALOG_ACTION_LABELS } from '../../../contract/catalog.labels.js';
import type { Permission } from '../users/roles.js';
import { conflict, DomainError, forbidden, invalidField } from '../../platform/errors.js';
import { addDays, daysBetween, isIsoDate } from '../../platform/calendar/iso-date.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { ChannelName, RevisionState, UpdateClass } from './catalog.tables.js';

// ───────────────────────── columns ─────────────────────────

export const MAX_COLUMN_DEPTH = 3;
export const CHANNELS: readonly ChannelName[] = ['portal', 'wechat', 'weibo', 'sms'];
export const CHANNEL_LABELS: Record<ChannelName, string> = {
  portal: '门户网站',
  wechat: '政务微信',
  weibo: '政务微博',
  sms: '短信',
};
export const UPDATE_CLASSES: readonly UpdateClass[] = ['dynamic', 'periodic', 'static'];
export const UPDATE_CLASS_LABELS: Record<UpdateClass, string> = {
  dynamic: '动态要闻（14天）',
  periodic: '通知公告、政策文件（6个月）',
  static: '长期不变',
};

/** Depth of a new column under a parent of the given depth (null = top level); throws beyond 3 levels. */
export function childDepth(parentDepth: number | null): number {
  const depth = parentDepth === null ? 1 : parentDepth + 1;
  if (depth > MAX_COLUMN_DEPTH)
    throw invalidField('parentId', 'column_depth_exceeded', `栏目最多${MAX_COLUMN_DEPTH}级`);
  return depth;
}

/** Height of a subtree (1 = a leaf): moving it under a parent must keep every descendant within 3 levels. */
export function assertSubtreeFits(newDepth: number, subtreeHeight: number): void {
  if (newDepth + subtreeHeight - 1 > MAX_COLUMN_DEPTH)
    throw invalidField('parentId', 'column_depth_exceeded', `移动后栏目层级将超过${MAX_COLUMN_DEPTH}级`);
}

/** Column names are unique among live siblings (case and surrounding space ignored). */
export function assertUniqueSiblingName(name: string, siblingNames: readonly string[]): void {
  const key = name.trim().toLowerCase();
  if (siblingNames.some((n) => n.trim().toLowerCase() === key))
    throw conflict('column_name_taken', `同一级已有名为“${name.trim()}”的栏目`, { field: 'name' });
}

export function normalizeColumnName(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (n.length < 1 || n.length > 50)
    throw invalidField('name', 'invalid_column_name', '栏目名称应为1—50个字符');
  return n;
}

export function normalizeColumnCode(code: string): string {
  const c = code.trim();
  if (!/^[0-9A-Za-z_-]{1,32}$/.test(c))
    throw invalidField('code', 'invalid_column_code', '栏目代码只能由1—32位字母、数字、下划线或连字符组成');
  return c;
}

/** 第二十条 items (一)–(十五) as numbers 1–15, deduplicated and sorted. */
export function normalizeArt20Items(items: readonly number[]): number[] {
  for (const i of items)
    if (!Number.isInteger(i) || i < 1 || i > 15)
      throw invalidField('art20Items', 'invalid_art20_item', '第二十条事项应为第（一）至（十五）项');
  return [...new Set(items)].sort((a, b) => a - b);
}

/** Channels: known names; the portal is always included (条例第二十三条: 政府网站 is the first channel). */
export function normalizeChannels(channels: readonly string[]): ChannelName[] {
  for (const c of channels)
    if (!(CHANNELS as readonly string[]).includes(c))
      throw invalidField('channels', 'invalid_channel', `未知的发布渠道“${c}”`);
  const set = new Set<ChannelName>(['portal', ...(channels as ChannelName[])]);
  return CHANNELS.filter((c) => set.has(c));
}

export function assertUpdateClass(value: string): UpdateClass {
  if (!(UPDATE_CLASSES as readonly string[]).includes(value))
    throw invalidField('updateClass', 'invalid_update_class', '更新频次类别无效');
  return value as UpdateClass;
}

/** Inserts `id` at `position` in a sibling order (clamped), returning the new order. */
export function reorder(siblingIds: readonly string[], id: string, position: number): string[] {
  const rest = siblingIds.filter((s) => s !== id);
  const at = Math.max(0, Math.min(Math.trunc(position), rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

// ───────────────────────── staleness (栏目更新) ─────────────────────────

/** The date by which a column must have new content, or null for static columns. */
export function staleAfter(updateClass: UpdateClass, lastPublishedOn: string): string | null {
  if (updateClass === 'dynamic') return addDays(lastPublishedOn, 14);
  if (updateClass === 'periodic') return addMonths(lastPublishedOn, 6);
  return null;
}

/** Limit in days for display (6 months ≈ 183 days). */
export function updateLimitDays(updateClass: UpdateClass): number | null {
  return updateClass === 'dynamic' ? 14 : updateClass === 'periodic' ? 183 : null;
}

export interface ColumnFreshness {
  stale: boolean;
  daysSince: number | null;
  dueBy: string | null;
}

/** Whether a column with content is stale on `today` (blank columns are reported separately). */
export function columnFreshness(
  updateClass: UpdateClass,
  lastPublishedOn: string | null,
  today: string,
): ColumnFreshness {
  if (lastPublishedOn === null) return { stale: false, daysSince: null, dueBy: null };
  const dueBy = staleAfter(updateClass, lastPublishedOn);
  return { stale: dueBy !== null && today > dueBy, daysSince: daysBetween(lastPublishedOn, today), dueBy };
}

/** Calendar months later, clamped to the month's last day (2025-08-31 + 6 → 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// ───────────────────────── timeliness (第二十六条) ─────────────────────────

/** 条例第二十六条: publish within 20 working days of the information being formed or changed. */
export const PUBLISH_WITHIN_WORKDAYS = 20;

/**
 * The last 发布日期 that is still on time for information formed on `generatedOn`: the day before the 21st
 * working day after it (so a weekend or holiday right after the 20th working day is still on time). An item
 * is late exactly when published after this day — the same verdict as itemTimeliness().late.
 */
export function latestOnTimeDay(calendar: WorkCalendar, generatedOn: string): string {
  return addDays(calendar.addWorkdays(generatedOn, PUBLISH_WITHIN_WORKDAYS + 1).date, -1);
}

export interface ItemTimeliness {
  generatedOn: string;
  publishedOn: string;
  workdays: number;
  limit: number;
  late: boolean;
  estimated: boolean;
  notice: string | null;
}

/** Working days from 成文日期 to 发布日期 against the 20-day rule; estimates are flagged, never hidden. */
export function itemTimeliness(
  calendar: WorkCalendar,
  generatedOn: string,
  publishedOn: string,
): ItemTimeliness {
  const r = calendar.workdaysBetweenDetailed(generatedOn, publishedOn);
  return {
    generatedOn,
    publishedOn,
    workdays: r.count,
    limit: PUBLISH_WITHIN_WORKDAYS,
    late: r.count > PUBLISH_WITHIN_WORKDAYS,
    estimated: r.estimated,
    notice: r.estimated ? calendar.estimateNotice(r.uncoveredYears) : null,
  };
}

// ───────────────────────── dates ─────────────────────────

/** 成文日期 must be a real date not after today. */
export function assertGeneratedOn(generatedOn: string | null, today: string): void {
  if (generatedOn === null) return;
  if (!isIsoDate(generatedOn))
    throw invalidField('generatedOn', 'invalid_date', '成文日期格式应为YYYY-MM-DD');
  if (generatedOn > today)
    throw invalidField('generatedOn', 'generated_on_in_future', '成文日期不能晚于今天');
}

/** A requested publication time must be in the future: 发布日期 is never back-dated. */
export function assertPublishAt(publishAt: string | null, nowIso: string): void {
  if (publishAt === null) return;
  const t = Date.parse(publishAt);
  if (Number.isNaN(t)) throw invalidField('publishAt', 'invalid_date', '发布时间格式无效');
  if (t < Date.parse(nowIso))
    throw invalidField('publishAt', 'publish_at_in_past', '发布时间不能早于当前时间（发布日期不得倒签）');
}

/** On release: publish now, or schedule when the requested time is still ahead. */
export function releaseTarget(publishAt: string | null, nowIso: string): 'published' | 'scheduled' {
  return publishAt !== null && Date.parse(publishAt) > Date.parse(nowIso) ? 'scheduled' : 'published';
}

// ───────────────────────── workflow ─────────────────────────

export type WorkflowAction =
  | 'submit' // draft → submitted (drafter; runs the scan)
  | 'recall' // submitted → draft (drafter, before a reviewer takes it)
  | 'start_review' // submitted → reviewing
  | 'review_pass' // reviewing → approving
  | 'review_reject' // reviewing → draft (opinion to the drafter)
  | 'approve' // approving → approving_principal | scheduled | published; approving_principal → scheduled | published
  | 'reject' // approving | approving_principal → draft
  | 'publish_due' // scheduled → published (the runner)
  | 'discard'; // draft → discarded

export const ACTION_LABELS: Record<WorkflowAction, string> = CATALOG_ACTION_LABELS;

export const STATE_LABELS: Record<RevisionState, string> = {
  draft: '草稿',
  submitted: '待保密审查',
  reviewing: '保密审查中',
  approving: '待分管领导审批',
  approving_principal: '待主要领导审批',
  scheduled: '待定时发布',
  published: '已发布',
  superseded: '已被新版本替代',
  discarded: '已放弃',
};

const FROM: Record<WorkflowAction, readonly RevisionState[]> = {
  submit: ['draft'],
  recall: ['submitted'],
  start_review: ['submitted'],
  review_pass: ['reviewing'],
  review_reject: ['reviewing'],
  approve: ['approving', 'approving_principal'],
  reject: ['approving', 'approving_principal'],
  publish_due: ['scheduled'],
  discard: ['draft'],
};

export interface TransitionContext {
  /** The column requires 主要领导 approval after 分管领导. */
  secondApproval: boolean;
  /** Release target when the approval is final (see releaseTarget). */
  release: 'published' | 'scheduled';
}

/** The state after an action, or DomainError `invalid_transition` naming from-state and action. */
export function nextState(from: RevisionState, action: WorkflowAction, tc: TransitionContext): RevisionState {
  if (!FROM[action].includes(from))
    throw conflict(
      'invalid_transition',
      `当前状态“${STATE_LABELS[from]}”不能执行“${ACTION_LABELS[action]}”`,
      { from, action },
    );
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'recall':
    case 'review_reject':
    case 'reject':
      return 'draft';
    case 'start_review':
      return 'reviewing';
    case 'review_pass':
      return 'approving';
    case 'approve':
      return from === 'approving' && tc.secondApproval ? 'approving_principal' : tc.release;
    case 'publish_due':
      return 'published';
    case 'discard':
      return 'discarded';
  }
}

/** The permission an action needs in a given state (level 2 approval needs 主要领导). */
export function permissionFor(action: WorkflowAction, from: RevisionState): Permission | null {
  switch (action) {
    case 'submit':
    case 'recall':
    case 'discard':
      return 'catalog.draft';
    case 'start_review':
    case 'review_pass':
    case 'review_reject':
      return 'catalog.review';
    case 'approve':
    case 'reject':
      return from === 'approving_principal' ? 'catalog.approve.principal' : 'catalog.approve';
    case 'publish_due':
      return null; // system only
  }
}

/** Throws forbidden (with a code naming what is missing) unless the actor's permissions allow the action. */
export function assertActionAllowed(
  action: WorkflowAction,
  from: RevisionState,
  permissions: ReadonlySet<Permission>,
  isSystem: boolean,
): void {
  if (isSystem) return;
  const needed = permissionFor(action, from);
  if (needed === null) throw forbidden('该操作只能由系统执行');
  if (!permissions.has(needed)) {
    if (needed === 'catalog.approve.principal')
      throw new DomainError('principal_required', '该栏目需主要领导审批', { needed }, 'forbidden');
    throw new DomainError('forbidden', '无权执行此操作', { needed }, 'forbidden');
  }
}

/** The reviewer must not review their own draft (保密审查 is a second pair of eyes). */
export function assertNotSelfReview(drafterId: string | null, reviewerId: string | null): void {
  if (drafterId !== null && reviewerId !== null && drafterId === reviewerId)
    throw new DomainError('self_review', '不能审查本人起草的信息', undefined, 'forbidden');
}

// ───────────────────────── 保密审查 checklist ─────────────────────────

export const CHECKLIST_KEYS = [
  'stateSecret',
  'workSecret',
  'commercialSecret',
  'privacy',
  'sensitive',
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];
export const CHECKLIST_LABELS: Record<ChecklistKey, string> = {
  stateSecret: '是否涉及国家秘密',
  workSecret: '是否涉及工作秘密',
  commercialSecret: '是否涉及商业秘密',
  privacy: '是否涉及个人隐私',
  sensitive: '是否涉及其他敏感信息',
};
export type Checklist = Record<ChecklistKey, { involved: boolean; note?: string }>;

/**
 * A review record must answer every checklist question and give an opinion. A pass with any 'involved'
 * answer is contradictory (the content would have to change first) and is refused.
 */
export function validateReview(
  checklist: Partial<Checklist>,
  opinion: string,
  decision: 'pass' | 'reject',
): Checklist {
  const out = {} as Checklist;
  for (const k of CHECKLIST_KEYS) {
    const v = checklist[k];
    if (!v || typeof v.involved !== 'boolean')
      throw invalidField('checklist', 'checklist_incomplete', `请完成审查项：${CHECKLIST_LABELS[k]}`);
    out[k] = v.note ? { involved: v.involved, note: v.note.trim().slice(0, 500) } : { involved: v.involved };
  }
  if (opinion.trim().length === 0) throw invalidField('opinion', 'review_opinion_required', '请填写审查意见');
  if (decision === 'pass') {
    const involved = CHECKLIST_KEYS.filter((k) => out[k].involved);
    if (involved.length > 0)
      throw invalidField(
        'checklist',
        'checklist_contradicts_pass',
        `审查项“${involved.map((k) => CHECKLIST_LABELS[k]).join('、')}”为“是”时不能审查通过`,
      );
  }
  return out;
}

// ───────────────────────── validity (有效性) ─────────────────────────

export const VALIDITY_LABELS = { valid: '有效', invalid: '失效', repealed: '废止' } as const;

/** 失效/废止 is declared once, on a published valid item, with a date not in the future. */
export function assertValidityChange(
  current: 'valid' | 'invalid' | 'repealed',
  status: string,
  date: string,
  today: string,
): void {
  if (status !== 'published') throw conflict('not_published', '只有已发布的信息可以标注失效或废止');
  if (current !== 'valid')
    throw conflict('already_repealed', `该信息已标注为${VALIDITY_LABELS[current]}，不能重复标注`);
  if (!isIsoDate(date)) throw invalidField('date', 'invalid_date', '日期格式应为YYYY-MM-DD');
  if (date > today) throw invalidField('date', 'validity_date_in_future', '失效或废止日期不能晚于今天');
}

// ───────────────────────── attachments ─────────────────────────

export const ATTACHMENT_TYPES: Record<string, string[]> = {
  pdf: ['application/pdf'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ofd: ['application/ofd'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  png: ['image/png'],
  zip: ['application/zip', 'application/x-zip-compressed'],
};
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REVISION = 20;

/** Checks name (extension whitelist), size and that the bytes look like the claimed type. */
export function checkAttachment(
  fileName: string,
  sizeBytes: number,
  head: Uint8Array,
): { ext: string; mimeType: string } {
  const name = fileName.trim();
  if (name.length === 0 || name.length > 200 || /[\\/\u0000-\u001f]/.test(name))
    throw invalidField('file', 'invalid_file_name', '附件文件名无效');
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const mimes = ATTACHMENT_TYPES[ext];
  if (!mimes)
    throw invalidField(
      'file',
      'attachment_type_not_allowed',
      '附件类型只能是 pdf、doc、docx、xls、xlsx、ofd、jpg、png、zip',
    );
  if (sizeBytes === 0) throw invalidField('file', 'attachment_empty', '附件为空文件');
  if (sizeBytes > MAX_ATTACHMENT_BYTES)
    throw invalidField('file', 'attachment_too_large', `附件不能超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB`);
  if (!magicMatches(ext, head))
    throw invalidField('file', 'attachment_type_mismatch', '附件内容与扩展名不符');
  return { ext, mimeType: mimes[0]! };
}

function startsWith(head: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => head[i] === b);
}

/** File signatures: an .exe renamed to .pdf is refused. */
function magicMatches(ext: string, head: Uint8Array): boolean {
  const zip = startsWith(head, [0x50, 0x4b]);
  const ole = startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]);
  switch (ext) {
    case 'pdf':
      return startsWith(head, [0x25, 0x50, 0x44, 0x46]);
    case 'docx':
    case 'xlsx':
    case 'ofd':
    case 'zip':
      return zip;
    case 'doc':
    case 'xls':
      return ole;
    case 'jpg':
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47]);
    default:
      return false;
  }
}

// ───────────────────────── outbox ─────────────────────────

export const MAX_DELIVERY_ATTEMPTS = 8;

/** Exponential backoff: 1, 2, 4 … minutes, capped at 6 hours; null when attempts are exhausted. */
export function nextAttemptDelayMs(attempts: number): number | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

// ───────────────────────── submission completeness ─────────────────────────

/** Document kinds that always carry a 文号 (规章 are promulgated by 令 and have none in this form). */
export const DOC_KINDS_WITH_NUMBER: readonly string[] = ['normative'];

/**
 * What a revision needs before it goes to 保密审查: 成文日期 (the 第二十六条 20-working-day check measures
 * from it) and, for 行政规范性文件, the 文号.
 */
export function assertSubmittable(rev: {
  generated_on: string | null;
  doc_kind: string;
  doc_number: string | null;
}): void {
  if (!rev.generated_on)
    throw invalidField(
      'generatedOn',
      'generated_on_required',
      '请填写成文日期后再提交（条例第二十六条的时限从成文日期起算）',
    );
  if (DOC_KINDS_WITH_NUMBER.includes(rev.doc_kind) && !rev.doc_number?.trim())
    throw invalidField('docNumber', 'doc_number_required', '行政规范性文件须填写文号后再提交');
}
