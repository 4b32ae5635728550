/**
 * Workflow use cases: submit (with the machine scan), recall, start 保密审查, approve (publishing or
 * scheduling on the last approval) and reject.
 */
import { can, type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { DomainError, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { unresolved } from './catalog.scan.js';
import { assertReleasable, scanRevision } from './catalog.scanning.js';
import { transition } from './catalog.transition.js';
import { publishRevision } from './catalog.publishing.js';

export async function submit(ctx: Ctx, actor: Actor, itemId: string): Promise<void> {
  await transition(ctx, actor, itemId, 'submit', async (trx, item, rev, _col, now) => {
    if (rev.publish_at) rules.assertPublishAt(rev.publish_at, now);
    if (!rev.body_text.trim() && (await repo.attachmentsOf(trx, rev.id)).length === 0)
      throw invalidField('bodyHtml', 'empty_content', '正文和附件不能都为空');
    rules.assertSubmittable(rev);
    const { findings } = await scanRevision(trx, rev);
    await repo.updateRevision(trx, rev.id, {
      scan_findings: JSON.stringify(findings),
      scanned_at: now,
      returned_opinion: null,
    });
    const open = unresolved(findings).length;
    return { comment: open > 0 ? `机器扫描发现${open}处疑似敏感信息，待保密审查` : '机器扫描未发现敏感信息' };
  });
}

export async function recall(ctx: Ctx, actor: Actor, itemId: string): Promise<void> {
  await transition(ctx, actor, itemId, 'recall', async (_trx, _item, rev) => {
    if (rev.drafted_by !== actor.userId && !can(actor, 'catalog.admin'))
      throw new DomainError('not_drafter', '只有起草人可以撤回', undefined, 'forbidden');
  });
}

export async function startReview(ctx: Ctx, actor: Actor, itemId: string): Promise<void> {
  await transition(ctx, actor, itemId, 'start_review', async (_trx, _item, rev) => {
    rules.assertNotSelfReview(rev.drafted_by, actor.userId);
  });
}

export async function approve(ctx: Ctx, actor: Actor, itemId: string, opinion: string | null): Promise<void> {
  await transition(ctx, actor, itemId, 'approve', async (trx, item, rev, column, now) => {
    const level = rev.state === 'approving_principal' ? 2 : 1;
    await repo.insertApproval(trx, {
      id: newId(),
      org_id: item.org_id,
      item_id: item.id,
      revision_id: rev.id,
      level,
      approver_id: actor.userId,
      approver_name: actor.name,
      decision: 'approve',
      opinion: opinion?.trim() || null,
      created_at: now,
    });
    const to = rules.nextState(rev.state, 'approve', {
      secondApproval: column.second_approval === 1,
      release: rules.releaseTarget(rev.publish_at, now),
    });
    let afterRecord: (() => Promise<void>) | undefined;
    if (to === 'published') {
      // Scan before anything is recorded, so a blocked release leaves no trace but the error.
      await assertReleasable(trx, rev);
      afterRecord = () => publishRevision(ctx, trx, actor, item, rev, now);
    } else if (to === 'scheduled') {
      // Fail now rather than at the scheduled time if the content still carries unresolved findings.
      await assertReleasable(trx, rev);
      await repo.updateItem(trx, item.id, {
        ...(item.status === 'unpublished' ? { status: 'scheduled' as const } : {}),
        scheduled_at: rev.publish_at,
        updated_at: now,
      });
    }
    return {
      comment: opinion?.trim() || null,
      auditNote: `第${level}级审批`,
      ...(afterRecord ? { afterRecord } : {}),
    };
  });
}

export async function reject(ctx: Ctx, actor: Actor, itemId: string, opinion: string): Promise<void> {
  if (!opinion.trim()) throw invalidField('opinion', 'review_opinion_required', '退回须填写意见');
  await transition(ctx, actor, itemId, 'reject', async (trx, item, rev, _c, now) => {
    await repo.insertApproval(trx, {
      id: newId(),
      org_id: item.org_id,
      item_id: item.id,
      revision_id: rev.id,
      level: rev.state === 'approving_principal' ? 2 : 1,
      approver_id: actor.userId,
      approver_name: actor.name,
      decision: 'reject',
      opinion: opinion.trim(),
      created_at: now,
    });
    await repo.updateRevision(trx, rev.id, { returned_opinion: opinion.trim() });
    return { comment: opinion.trim() };
  });
}
