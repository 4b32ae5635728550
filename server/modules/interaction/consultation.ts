/**
 * Public consultation on drafts (意见征集, issue 16 item 6). A draft (text, optionally linked to a
 * catalog item) is open from a start to an end date (重大行政决策: normally ≥ 30 days, 《重大行政决策程序
 * 暂行条例》第十四条); comments come through a public form and are shown after moderation, or never
 * (by setting); after the end the 采纳情况 (how many comments, which adopted, why others not) is
 * published with the final document.
 */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import * as catalog from '../catalog/index.js';
import * as repo from './interaction.repository.js';
import type { CommentRow, ConsultationRow } from './interaction.repository.js';
import { agencyIdOf, tx, type Trx } from './interaction.common.js';
import {
  CONSULTATION_STATE_LABELS,
  LIMITS,
  checkConsultationPeriod,
  checkText,
  consultationState,
  fieldsError,
  type ConsultationState,
} from './interaction.rules.js';
import type { CommentDisplay } from './interaction.tables.js';

export interface ConsultationInput {
  title: string;
  summary: string;
  draftText: string;
  catalogItemId?: string | null;
  majorDecision: boolean;
  shortPeriodReason?: string | null;
  opensOn: string;
  closesOn: string;
  commentDisplay: CommentDisplay;
}

export interface ConsultationView {
  id: string;
  title: string;
  summary: string;
  draftText: string;
  catalogItemId: string | null;
  majorDecision: boolean;
  shortPeriodReason: string | null;
  opensOn: string;
  closesOn: string;
  commentDisplay: CommentDisplay;
  state: ConsultationState;
  stateLabel: string;
  commentCount: number;
  adoptedCount: number;
  adoptionSummary: string | null;
  finalText: string | null;
  resultPublishedAt: string | null;
}

export interface CommentView {
  id: string;
  author: string | null;
  body: string;
  status: CommentRow['status'];
  adopted: boolean | null;
  adoptionNote: string | null;
  createdAt: string;
}

const commentView = (c: CommentRow): CommentView => ({
  id: c.id,
  author: c.author,
  body: c.body,
  status: c.status,
  adopted: c.adopted === null ? null : c.adopted === 1,
  adoptionNote: c.adoption_note,
  createdAt: c.created_at,
});

interface Tally {
  counted: number;
  adopted: number;
}

/** Comments that count (not rejected) and how many of them were adopted. */
function tallyOf(comments: readonly CommentRow[]): Tally {
  const counted = comments.filter((x) => x.status !== 'rejected');
  return { counted: counted.length, adopted: counted.filter((x) => x.adopted === 1).length };
}

function view(c: ConsultationRow, tally: Tally, today: string): ConsultationView {
  const state = consultationState(c, today);
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    draftText: c.draft_text,
    catalogItemId: c.catalog_item_id,
    majorDecision: c.major_decision === 1,
    shortPeriodReason: c.short_period_reason,
    opensOn: c.opens_on,
    closesOn: c.closes_on,
    commentDisplay: c.comment_display,
    state,
    stateLabel: CONSULTATION_STATE_LABELS[state],
    commentCount: tally.counted,
    adoptedCount: tally.adopted,
    adoptionSummary: c.adoption_summary,
    finalText: c.final_text,
    resultPublishedAt: c.result_published_at,
  };
}

/** Views of many consultations with one grouped count of their comments (no query per consultation). */
async function views(db: Trx['db'], rows: ConsultationRow[], today: string): Promise<ConsultationView[]> {
  const tallies = await repo.commentTallies(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, tallies.get(r.id) ?? { counted: 0, adopted: 0 }, today));
}

/**
 * The draft a consultation is about may be a catalog item (the draft published in the catalog, 征集
 * state): it must be an item of the same agency the author can read.
 */
async function checkDraftItem(ctx: Ctx, actor: Actor, catalogItemId: string | null | undefined) {
  if (!catalogItemId) return null;
  try {
    const item = await catalog.getItem(ctx, actor, catalogItemId);
    if (item.orgId !== actor.orgId) throw new Error('other agency');
    return item.id;
  } catch {
    throw invalidField('catalogItemId', 'catalog_item_not_found', '关联的主动公开信息不存在或不属于本机关');
  }
}

function validate(input: ConsultationInput) {
  const errors: Record<string, string> = {};
  const title = checkText(errors, 'title', '标题', input.title, 200, true);
  const summary = checkText(errors, 'summary', '征集说明', input.summary, 2000, true);
  const draftText = checkText(errors, 'draftText', '草案全文', input.draftText, 100_000, true);
  const reason = checkText(
    errors,
    'shortPeriodReason',
    '缩短期限理由',
    input.shortPeriodReason ?? '',
    500,
    false,
  );
  if (input.commentDisplay !== 'moderated' && input.commentDisplay !== 'hidden')
    errors.commentDisplay = '请选择意见展示方式';
  if (Object.keys(errors).length) throw fieldsError(errors);
  checkConsultationPeriod({ ...input, shortPeriodReason: reason });
  return { title, summary, draftText, reason };
}

async function auditC(
  t: Trx,
  actor: Actor,
  action: string,
  c: Pick<ConsultationRow, 'id' | 'org_id' | 'title'>,
  after: Record<string, unknown> = {},
) {
  await recordAudit(t.db, t.clock, actor, {
    action: `interaction.consultation.${action}`,
    targetType: 'interaction_consultation',
    targetId: c.id,
    orgId: c.org_id,
    after: { title: c.title, ...after },
  });
}

async function ownConsultation(t: Trx, actor: Actor, id: string): Promise<ConsultationRow> {
  const c = await repo.getConsultation(t.db, id);
  if (!c || c.org_id !== actor.orgId) throw notFound('consultation', '该意见征集不存在');
  return c;
}

export async function createConsultation(
  ctx: Ctx,
  actor: Actor,
  input: ConsultationInput,
): Promise<ConsultationView> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  const v = validate(input);
  const catalogItemId = await checkDraftItem(ctx, actor, input.catalogItemId);
  return tx(ctx, async (t) => {
    const row: ConsultationRow = {
      id: newId(),
      org_id: orgId,
      title: v.title,
      summary: v.summary,
      draft_text: v.draftText,
      catalog_item_id: catalogItemId,
      major_decision: input.majorDecision ? 1 : 0,
      short_period_reason: v.reason || null,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      comment_display: input.commentDisplay,
      published_at: null,
      adoption_summary: null,
      final_text: null,
      result_published_at: null,
      created_by: actor.userId,
      created_at: t.now,
      updated_at: t.now,
    };
    await repo.insertConsultation(t.db, row);
    await auditC(t, actor, 'created', row, { opensOn: row.opens_on, closesOn: row.closes_on });
    return view(row, { counted: 0, adopted: 0 }, t.today);
  });
}

export async function publishConsultation(ctx: Ctx, actor: Actor, id: string): Promise<ConsultationView> {
  agencyIdOf(actor, 'interaction.admin');
  return tx(ctx, async (t) => {
    const c = await ownConsultation(t, actor, id);
    if (c.published_at) throw conflict('already_published', '该意见征集已发布');
    if (c.closes_on < t.today) throw invalidField('closesOn', 'closes_in_past', '截止日期已过，不能发布');
    await repo.updateConsultation(t.db, c.id, { published_at: t.now, updated_at: t.now });
    await bumpContentVersion(t.db, t.clock, c.org_id);
    await auditC(t, actor, 'published', c);
    return view({ ...c, published_at: t.now }, tallyOf(await repo.comments(t.db, c.id)), t.today);
  });
}

export async function listConsultations(ctx: Ctx, actor: Actor): Promise<ConsultationView[]> {
  const orgId = agencyIdOf(actor, 'business.read');
  const today = todayInChina(ctx.clock);
  return views(ctx.db, await repo.consultations(ctx.db, orgId, false), today);
}

export async function getConsultation(ctx: Ctx, actor: Actor, id: string) {
  agencyIdOf(actor, 'business.read');
  const c = await repo.getConsultation(ctx.db, id);
  if (!c || c.org_id !== actor.orgId) throw notFound('consultation', '该意见征集不存在');
  const comments = await repo.comments(ctx.db, c.id);
  return { ...view(c, tallyOf(comments), todayInChina(ctx.clock)), comments: comments.map(commentView) };
}

/** A public comment (captcha and rate limit checked by the route). */
export async function submitComment(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  id: string,
  input: { author?: string | null; body?: string | null },
): Promise<void> {
  const errors: Record<string, string> = {};
  const author = checkText(errors, 'author', '姓名或单位', input.author ?? '', LIMITS.name, false);
  const body = checkText(errors, 'body', '意见内容', input.body, LIMITS.comment, true);
  if (Object.keys(errors).length) throw fieldsError(errors);
  await tx(ctx, async (t) => {
    const c = await repo.getConsultation(t.db, id);
    if (!c || c.org_id !== orgId || !c.published_at) throw notFound('consultation', '该意见征集不存在');
    if (consultationState(c, t.today) !== 'open')
      throw conflict(
        'consultation_closed',
        `该意见征集的时间为${c.opens_on}至${c.closes_on}，当前不在征集期内`,
      );
    const row: CommentRow = {
      id: newId(),
      org_id: c.org_id,
      consultation_id: c.id,
      author: author || null,
      body,
      status: 'pending',
      adopted: null,
      adoption_note: null,
      created_at: t.now,
      moderated_at: null,
      moderated_by: null,
    };
    await repo.insertComment(t.db, row);
    await auditC(t, actor, 'comment_received', c, { commentId: row.id });
  });
}

export async function moderateComment(
  ctx: Ctx,
  actor: Actor,
  commentId: string,
  body: { approve: boolean },
): Promise<CommentView> {
  agencyIdOf(actor, 'interaction.admin');
  return tx(ctx, async (t) => {
    const cm = await repo.getComment(t.db, commentId);
    if (!cm || cm.org_id !== actor.orgId) throw notFound('comment', '该意见不存在');
    const c = (await repo.getConsultation(t.db, cm.consultation_id))!;
    if (c.comment_display === 'hidden' && body.approve)
      throw conflict('comments_hidden', '该征集设置为不公开展示意见，无需审核展示');
    const patch = {
      status: body.approve ? ('approved' as const) : ('rejected' as const),
      moderated_at: t.now,
      moderated_by: actor.name,
    };
    await repo.updateComment(t.db, cm.id, patch);
    await bumpContentVersion(t.db, t.clock, cm.org_id);
    await auditC(t, actor, body.approve ? 'comment_approved' : 'comment_rejected', c, { commentId: cm.id });
    return commentView({ ...cm, ...patch });
  });
}

/** Records whether one comment was adopted and why (or why not). */
export async function adoptComment(
  ctx: Ctx,
  actor: Actor,
  commentId: string,
  body: { adopted: boolean; note: string },
): Promise<CommentView> {
  agencyIdOf(actor, 'interaction.admin');
  const errors: Record<string, string> = {};
  const note = checkText(
    errors,
    'note',
    body.adopted ? '采纳说明' : '未采纳理由',
    body.note,
    LIMITS.reason,
    !body.adopted,
  );
  if (Object.keys(errors).length) throw fieldsError(errors);
  return tx(ctx, async (t) => {
    const cm = await repo.getComment(t.db, commentId);
    if (!cm || cm.org_id !== actor.orgId) throw notFound('comment', '该意见不存在');
    const patch = { adopted: body.adopted ? 1 : 0, adoption_note: note || null };
    await repo.updateComment(t.db, cm.id, patch);
    await auditC(t, actor, 'comment_adoption', (await repo.getConsultation(t.db, cm.consultation_id))!, {
      commentId: cm.id,
      adopted: body.adopted,
    });
    return commentView({ ...cm, ...patch });
  });
}

/** Publishes the 采纳情况 and the final document once the period has ended. */
export async function publishResult(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { adoptionSummary: string; finalText: string },
): Promise<ConsultationView> {
  agencyIdOf(actor, 'interaction.admin');
  const errors: Record<string, string> = {};
  const summary = checkText(errors, 'adoptionSummary', '采纳情况说明', body.adoptionSummary, 20_000, true);
  const finalText = checkText(errors, 'finalText', '最终文件', body.finalText, 100_000, true);
  if (Object.keys(errors).length) throw fieldsError(errors);
  return tx(ctx, async (t) => {
    const c = await ownConsultation(t, actor, id);
    const state = consultationState(c, t.today);
    if (state !== 'closed')
      throw conflict(
        'consultation_not_closed',
        `当前状态为“${CONSULTATION_STATE_LABELS[state]}”，征集期结束后才能公布采纳情况`,
      );
    const comments = await repo.comments(t.db, c.id);
    const undecided = comments.filter((x) => x.status !== 'rejected' && x.adopted === null).length;
    if (undecided) throw conflict('adoption_undecided', `还有${undecided}条意见未标注是否采纳`);
    const patch = {
      adoption_summary: summary,
      final_text: finalText,
      result_published_at: t.now,
      updated_at: t.now,
    };
    await repo.updateConsultation(t.db, c.id, patch);
    await bumpContentVersion(t.db, t.clock, c.org_id);
    await auditC(t, actor, 'result_published', c, { comments: comments.length });
    return view({ ...c, ...patch }, tallyOf(comments), t.today);
  });
}

// ------------------------------------------------------------------ public

/** Ended consultations per page of the public list. */
export const CONSULTATIONS_PAGE_SIZE = 20;

/** The public list: every consultation open today, and one page of those that have ended. */
export async function publicConsultations(ctx: Ctx, orgId: string, page = 1) {
  const today = todayInChina(ctx.clock);
  const [current, ended] = await Promise.all([
    repo.publicCurrentConsultations(ctx.db, orgId, today),
    repo.publicEndedConsultations(
      ctx.db,
      orgId,
      today,
      CONSULTATIONS_PAGE_SIZE,
      (Math.max(1, page) - 1) * CONSULTATIONS_PAGE_SIZE,
    ),
  ]);
  const [open, closed] = await Promise.all([views(ctx.db, current, today), views(ctx.db, ended.rows, today)]);
  return {
    open: open.filter((v) => v.state === 'open'),
    closed,
    closedTotal: ended.total,
    closedMore: ended.more,
    page: Math.max(1, page),
    pageSize: CONSULTATIONS_PAGE_SIZE,
  };
}

export async function publicConsultation(ctx: Ctx, orgId: string, id: string) {
  const c = await repo.getConsultation(ctx.db, id.slice(0, 64));
  if (!c || c.org_id !== orgId || !c.published_at) throw notFound('consultation', '该意见征集不存在');
  const comments = await repo.comments(ctx.db, c.id);
  const v = view(c, tallyOf(comments), todayInChina(ctx.clock));
  if (v.state === 'upcoming') throw notFound('consultation', '该意见征集尚未开始');
  // The draft as published in the catalog, linked while it is public there.
  const published = c.catalog_item_id
    ? await catalog.getPublishedItem(ctx, orgId, c.catalog_item_id)
    : undefined;
  const draftItem = published ? { id: published.item.id, title: published.item.title } : null;
  const shown = c.comment_display === 'moderated' ? comments.filter((x) => x.status === 'approved') : [];
  // After the result, the adoption of every counted comment is public (content only if it was displayed).
  return { ...v, draftItem, comments: shown.map(commentView) };
}

/**
 * The 意见征集 notice on the catalog page of a draft (provided to the catalog as `catalog.itemNotices`):
 * upcoming, open (with the way to comment), ended, or concluded (with the way to the 采纳情况).
 */
export async function consultationNoticesForItem(
  ctx: Ctx,
  orgId: string,
  itemId: string,
  base: string,
): Promise<catalog.ItemNotice[]> {
  const today = todayInChina(ctx.clock);
  const rows = await repo.consultationsOfCatalogItem(ctx.db, orgId, itemId);
  return (await views(ctx.db, rows, today)).map((v) => {
    const href = `${base}/hudong/consultations/${v.id}`;
    const period = `${chineseDay(v.opensOn)}至${chineseDay(v.closesOn)}`;
    switch (v.state) {
      case 'upcoming':
        return { text: `本草案将于${period}公开征求意见。` };
      case 'open':
        return {
          text: `本草案正在公开征求意见（${period}），欢迎提出意见建议。`,
          link: { href, label: '发表意见' },
        };
      case 'closed':
        return {
          text: `本草案的意见征集已于${chineseDay(v.closesOn)}结束，共收到意见${v.commentCount}条，采纳情况整理后公布。`,
          link: { href, label: '查看意见征集' },
        };
      default:
        return {
          text: `本草案的意见征集已结束，共收到意见${v.commentCount}条，采纳${v.adoptedCount}条。`,
          link: { href, label: '查看采纳情况' },
        };
    }
  });
}

/** 2026-12-07 → 2026年12月7日 (dates a person reads on the portal). */
function chineseDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
