/**
 * What the correspondent does with number + query code: read the state and the reply, and rate it
 * (满意 / 基本满意 / 不满意 with a comment; 不满意 reopens the item once, otherwise it is archived).
 */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, conflict } from '../../platform/errors.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './interaction.repository.js';
import type { ItemRow } from './interaction.repository.js';
import { audit, dataKey, queryCodeMatches, tx } from './interaction.common.js';
import { move } from './triage.js';
import {
  KIND_LABELS,
  LIMITS,
  RATINGS,
  RATING_LABELS,
  STATUS_LABELS,
  checkText,
  fieldsError,
} from './interaction.rules.js';
import type { Rating } from './interaction.tables.js';

export interface TrackView {
  number: string;
  kindLabel: string;
  subject: string;
  receivedOn: string;
  statusLabel: string;
  /** What happened, in the correspondent's words (not accepted, transferred, merged …). */
  note: string | null;
  reply: string | null;
  replyUnit: string | null;
  repliedOn: string | null;
  canRate: boolean;
  rating: string | null;
  ratingComment: string | null;
  mayReopen: boolean;
}

const notFoundTrack = () => new DomainError('track_not_found', '编号或查询码不正确', undefined, 'not_found');

async function verified(ctx: Ctx, number: string, code: string): Promise<ItemRow> {
  const item = await repo.findByNumber(ctx.db, number.trim().slice(0, 60));
  const ring = await dataKey(ctx.db);
  if (!item || !queryCodeMatches(ring, code.slice(0, 40), item.query_code_hash)) throw notFoundTrack();
  return item;
}

async function viewOf(ctx: Ctx, item: ItemRow): Promise<TrackView> {
  let note: string | null = null;
  let reply = item.reply;
  let replyUnit = item.reply_unit;
  let repliedOn = item.replied_on;
  if (item.status === 'not_accepted') note = `不予受理：${item.decision_reason ?? ''}`;
  if (item.status === 'transferred' && item.transferred_to_org_id) {
    const to = await orgRepo.findById(ctx.db, item.transferred_to_org_id);
    note = `已转交${to?.name ?? '其他机关'}办理：${item.decision_reason ?? ''}`;
  }
  if (item.status === 'converted')
    note = `您的留言属于政府信息公开申请，已按依申请公开办理，申请编号${item.request_case_number ?? ''}，办理结果将按申请书所留方式送达。`;
  if (item.status === 'merged' && item.merged_into_id) {
    const original = await repo.getItem(ctx.db, item.merged_into_id);
    note = `与已收到的同一事项合并办理（${original?.number ?? ''}）。`;
    if (original?.reply) {
      reply = original.reply;
      replyUnit = original.reply_unit;
      repliedOn = original.replied_on;
    }
  }
  return {
    number: item.number,
    kindLabel: KIND_LABELS[item.kind],
    subject: item.subject,
    receivedOn: item.received_on,
    statusLabel: STATUS_LABELS[item.status],
    note,
    reply: item.status === 'replied' || item.status === 'archived' || item.status === 'merged' ? reply : null,
    replyUnit,
    repliedOn,
    canRate: item.status === 'replied' && item.rating === null,
    rating: item.rating ? RATING_LABELS[item.rating] : null,
    ratingComment: item.rating_comment,
    mayReopen: Number(item.reopen_count) === 0,
  };
}

/** The correspondent's view (no personal data beyond what they wrote) and the item id for the session cookie. */
export async function trackItem(
  ctx: Ctx,
  number: string,
  code: string,
): Promise<{ view: TrackView; itemId: string }> {
  const item = await verified(ctx, number, code);
  return { view: await viewOf(ctx, item), itemId: item.id };
}

/** The view again for an item the correspondent opened with number + query code (signed cookie). */
export async function trackedItem(ctx: Ctx, itemId: string): Promise<TrackView> {
  const item = await repo.getItem(ctx.db, itemId);
  if (!item) throw notFoundTrack();
  return viewOf(ctx, item);
}

export async function rateItem(
  ctx: Ctx,
  actor: Actor,
  input: { itemId: string; rating: string; comment?: string | null },
): Promise<TrackView> {
  const errors: Record<string, string> = {};
  if (!(RATINGS as readonly string[]).includes(input.rating)) errors.rating = '请选择满意、基本满意或不满意';
  const comment = checkText(
    errors,
    'comment',
    '评价意见',
    input.comment ?? '',
    LIMITS.comment,
    input.rating === 'unsatisfied',
  );
  if (Object.keys(errors).length) throw fieldsError(errors);
  const updated = await tx(ctx, async (t) => {
    const fresh = await repo.getItem(t.db, input.itemId);
    if (!fresh) throw notFoundTrack();
    if (fresh.rating !== null || fresh.status === 'archived')
      throw conflict('already_rated', '您已评价过本次答复，不能重复评价');
    if (fresh.status !== 'replied') throw conflict('not_replied', '尚未答复，暂不能评价');
    const rating = input.rating as Rating;
    const reopen = rating === 'unsatisfied' && Number(fresh.reopen_count) === 0;
    const next = await move(
      t,
      fresh,
      reopen
        ? {
            status: 'assigned',
            rating: null,
            rating_comment: null,
            answer_restart_on: t.today,
            reopen_count: Number(fresh.reopen_count) + 1,
            signed_by: null,
            signed_at: null,
          }
        : {
            rating,
            rating_comment: comment || null,
            rated_at: t.now,
            status: 'archived',
            archived_on: t.today,
          },
    );
    await audit(t, actor, reopen ? 'reopened' : 'rated', next, { rating, comment: comment || null });
    return next;
  });
  return viewOf(ctx, updated);
}
