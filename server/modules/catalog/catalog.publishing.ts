/**
 * Publication and what follows it: 索引号, item snapshot, channel releases (on the notify queue), publishing hooks;
 * scheduled publication, withdrawal (撤回) and 有效性 (失效/废止).
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, DomainError, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './catalog.repository.js';
import type { Item, Revision } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { emitItemPublished, emitItemWithdrawn } from './catalog.events.js';
import { adjustPublicCounts } from './catalog.counts.js';
import { adjustTimelinessCounts } from './catalog.timeliness.repository.js';
import type { ChannelName } from './catalog.tables.js';
import { DEFAULT_INDEX_TEMPLATE, indexCounterKey, renderIndexNumber } from './index-number.js';
import { audit, catalogCalendar, event, itemForWrite, mirror, type Trx } from './catalog.access.js';
import { assertReleasable } from './catalog.scanning.js';
import { releaseQueue } from './catalog.channels.js';
import { publicItemPath } from './catalog.views.js';

/**
 * The portal's counters and the late-publication counters (supervision, 第二十六条) follow an item from its
 * `before` to its `after` row, inside the write's transaction.
 */
async function adjustCounts(trx: Trx, before: Item, after: Item): Promise<void> {
  await adjustPublicCounts(trx, before, after);
  await adjustTimelinessCounts(trx, await catalogCalendar(trx), before, after);
}

/**
 * Makes a revision public inside the caller's transaction: release scan, 索引号 on first publication,
 * item snapshot, channel releases, search hooks. 发布日期 is today (China) at the moment of publication.
 */
export async function publishRevision(
  ctx: Ctx,
  trx: Trx,
  actor: Actor,
  item: Item,
  rev: Revision,
  now: string,
): Promise<void> {
  await assertReleasable(trx, rev);
  const first = item.published_revision_id === null;
  const today = chinaDateOf(now);
  let indexNumber = item.index_number;
  if (first && indexNumber === null) {
    const org = (await orgRepo.findById(trx, item.org_id))!;
    const settings = await repo.findSettings(trx, item.org_id);
    const template = settings?.index_template ?? DEFAULT_INDEX_TEMPLATE;
    const column = (await repo.findColumn(trx, rev.column_id))!;
    const values = {
      creditCode: org.credit_code ?? undefined,
      columnCode: column.code,
      date: today,
      year: Number(today.slice(0, 4)),
    };
    const serial = await repo.nextSerial(trx, item.org_id, indexCounterKey(template, values), values.year);
    indexNumber = renderIndexNumber(template, { ...values, serial });
  }
  if (item.published_revision_id)
    await repo.updateRevision(trx, item.published_revision_id, {
      state: 'superseded',
      state_since: now,
      updated_at: now,
    });
  await repo.updateRevision(trx, rev.id, { state: 'published', state_since: now, updated_at: now });
  await repo.updateItem(trx, item.id, {
    ...mirror(rev),
    status: 'published',
    working_revision_id: null,
    published_revision_id: rev.id,
    index_number: indexNumber,
    published_on: item.published_on ?? today,
    published_at: item.published_at ?? now,
    content_updated_at: now,
    scheduled_at: null,
    updated_at: now,
  });
  const after = (await repo.findItem(trx, item.id))!;
  // A new revision may move the item to another column or topic: the counters follow it.
  await adjustCounts(trx, item, after);
  if (first) {
    const column = (await repo.findColumn(trx, rev.column_id))!;
    const channels = JSON.parse(column.channels) as ChannelName[];
    const payload = JSON.stringify({
      title: after.title,
      summary: after.summary ?? '',
      indexNumber,
      publishedAt: now,
    });
    const orgCode = channels.some((ch) => ch !== 'portal')
      ? (await orgRepo.findById(trx, item.org_id))!.code
      : '';
    for (const channel of channels) {
      const id = newId();
      // The portal is the publication itself: done in this transaction. The other channels are posts on
      // the sending queue (catalog.channels.ts), enqueued in this transaction: sent only if it commits.
      const messageId =
        channel === 'portal'
          ? null
          : (
              await releaseQueue(ctx).enqueue(trx, ctx.clock, {
                orgId: item.org_id,
                itemId: item.id,
                deliveryId: id,
                channel,
                title: after.title,
                summary: after.summary ?? '',
                path: `/a/${orgCode}${publicItemPath(item.id)}`,
              })
            ).messageId;
      await repo.insertDelivery(trx, {
        id,
        org_id: item.org_id,
        item_id: item.id,
        revision_id: rev.id,
        channel,
        status: channel === 'portal' ? 'delivered' : 'pending',
        attempts: channel === 'portal' ? 1 : 0,
        next_attempt_at: null,
        last_error: null,
        external_ref: null,
        payload,
        completed_at: channel === 'portal' ? now : null,
        message_id: messageId,
        created_at: now,
        updated_at: now,
      });
    }
  }
  await event(trx, ctx, actor, item, {
    revisionId: rev.id,
    action: 'publish',
    from: rev.state,
    to: 'published',
    comment: first ? `索引号 ${indexNumber}` : `第${rev.revision_no}版替换公开内容`,
  });
  await audit(trx, ctx, actor, item.org_id, 'catalog.item.publish', 'catalog_item', item.id, {
    after: { indexNumber, revisionNo: rev.revision_no, publishedOn: after.published_on },
  });
  const atts = await repo.attachmentsOf(trx, rev.id);
  await emitItemPublished(ctx, trx, {
    item: after,
    attachmentText: atts.map((a) => a.extracted_text ?? '').join('\n'),
    reason: first ? 'first' : 'revision',
  });
}

/** Publishes one scheduled revision whose time has come (system actor). Returns false when it was sent back. */
export async function publishDue(ctx: Ctx, revisionId: string): Promise<boolean> {
  const pre = await repo.findRevision(ctx.db, revisionId);
  if (!pre) return false;
  const { systemActor } = await import('../../platform/actor.js');
  const actor = systemActor('定时发布', pre.org_id);
  try {
    await inTransaction(ctx, async (trx) => {
      const rev = await repo.findRevision(trx, revisionId);
      const item = rev ? await repo.findItem(trx, rev.item_id) : undefined;
      if (!rev || !item || rev.state !== 'scheduled' || item.working_revision_id !== rev.id) return;
      rules.nextState(rev.state, 'publish_due', { secondApproval: false, release: 'published' });
      await publishRevision(ctx, trx, actor, item, rev, nowIso(ctx.clock));
    });
    return true;
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'scan_findings_unresolved') throw e;
    await inTransaction(ctx, async (trx) => {
      const rev = (await repo.findRevision(trx, revisionId))!;
      const item = (await repo.findItem(trx, rev.item_id))!;
      const now = nowIso(ctx.clock);
      const opinion = '定时发布前扫描发现未经处理的疑似敏感信息，已退回起草人';
      await repo.updateRevision(trx, rev.id, {
        state: 'draft',
        state_since: now,
        returned_opinion: opinion,
        updated_at: now,
      });
      if (item.status === 'scheduled')
        await repo.updateItem(trx, item.id, { status: 'unpublished', scheduled_at: null, updated_at: now });
      await event(trx, ctx, actor, item, {
        revisionId: rev.id,
        action: 'publish_blocked',
        from: 'scheduled',
        to: 'draft',
        comment: opinion,
      });
      await audit(trx, ctx, actor, item.org_id, 'catalog.item.publish_blocked', 'catalog_item', item.id, {
        note: opinion,
      });
    });
    return false;
  }
}

/** Withdraws a published or scheduled item (撤回): it leaves the portal and search; the record stays. */
export async function withdraw(ctx: Ctx, actor: Actor, itemId: string, reason: string): Promise<void> {
  assertCan(actor, 'catalog.admin');
  if (reason.trim().length < 2) throw invalidField('reason', 'withdraw_reason_required', '撤回须说明理由');
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    if (item.status !== 'published' && item.status !== 'scheduled')
      throw conflict('invalid_transition', '只有已发布或待定时发布的信息可以撤回', {
        from: item.status,
        action: 'withdraw',
      });
    const now = nowIso(ctx.clock);
    if (item.working_revision_id)
      await repo.updateRevision(trx, item.working_revision_id, {
        state: 'discarded',
        state_since: now,
        updated_at: now,
      });
    await repo.updateItem(trx, item.id, {
      status: 'withdrawn',
      working_revision_id: null,
      scheduled_at: null,
      withdrawn_at: now,
      withdrawn_reason: reason.trim(),
      content_updated_at: now,
      updated_at: now,
    });
    // releases not handed over yet are cancelled on the queue; the ledger rows follow (catalog.channels.ts)
    const waiting = (await repo.deliveriesOf(trx, item.id)).flatMap((d) =>
      d.status === 'pending' && d.message_id ? [d.message_id] : [],
    );
    if (waiting.length) await releaseQueue(ctx).cancel(trx, ctx.clock, waiting, '信息已撤回');
    await event(trx, ctx, actor, item, {
      revisionId: item.published_revision_id,
      action: 'withdraw',
      from: item.status,
      to: 'withdrawn',
      comment: reason.trim(),
    });
    await audit(trx, ctx, actor, item.org_id, 'catalog.item.withdraw', 'catalog_item', item.id, {
      note: reason.trim(),
    });
    const after = (await repo.findItem(trx, item.id))!;
    await adjustCounts(trx, item, after);
    await emitItemWithdrawn(ctx, trx, { item: after, reason: reason.trim() });
  });
}

/** Declares a published item 失效 or 废止 (once), optionally naming the item that replaces it. */
export async function setValidity(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  input: {
    validity: 'invalid' | 'repealed';
    date: string;
    replacedByItemId?: string | null;
    note?: string | null;
  },
): Promise<void> {
  assertCan(actor, 'catalog.admin');
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    rules.assertValidityChange(item.validity, item.status, input.date, todayInChina(ctx.clock));
    const now = nowIso(ctx.clock);
    if (input.replacedByItemId) {
      const by = await repo.findItem(trx, input.replacedByItemId);
      if (!by || by.org_id !== item.org_id || by.id === item.id || by.status !== 'published')
        throw invalidField(
          'replacedByItemId',
          'replacing_item_invalid',
          '替代文件应为本机关另一条已发布的信息',
        );
      await repo.insertLink(trx, {
        id: newId(),
        org_id: item.org_id,
        from_item_id: by.id,
        to_item_id: item.id,
        kind: 'replaces',
        created_at: now,
      });
    }
    await repo.updateItem(trx, item.id, {
      validity: input.validity,
      validity_date: input.date,
      replaced_by_item_id: input.replacedByItemId ?? null,
      content_updated_at: now,
      updated_at: now,
    });
    const label = rules.VALIDITY_LABELS[input.validity];
    await event(trx, ctx, actor, item, {
      revisionId: item.published_revision_id,
      action: input.validity === 'repealed' ? 'repeal' : 'expire',
      from: item.validity,
      to: input.validity,
      comment: `${input.date} ${label}${input.note ? `：${input.note}` : ''}`,
    });
    await audit(
      trx,
      ctx,
      actor,
      item.org_id,
      `catalog.item.${input.validity === 'repealed' ? 'repeal' : 'expire'}`,
      'catalog_item',
      item.id,
      {
        before: { validity: item.validity },
        after: { validity: input.validity, date: input.date, replacedBy: input.replacedByItemId ?? null },
      },
    );
    const after = (await repo.findItem(trx, item.id))!;
    await adjustCounts(trx, item, after);
    const atts = await repo.attachmentsOf(trx, after.published_revision_id!);
    await emitItemPublished(ctx, trx, {
      item: after,
      attachmentText: atts.map((a) => a.extracted_text ?? '').join('\n'),
      reason: 'validity',
    });
  });
}
