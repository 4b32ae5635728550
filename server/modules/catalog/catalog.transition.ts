/**
 * One workflow step in one transaction: policy check, the pure state rule, the step's own work, the
 * revision state, the history event and the audit row.
 */
import { type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import * as repo from './catalog.repository.js';
import type { Column, Item, Revision } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import type { RevisionState } from './catalog.tables.js';
import { audit, event, itemForWrite, workingOf, type Trx } from './catalog.access.js';

// ───────────────────────── workflow ─────────────────────────

export async function transition(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  action: rules.WorkflowAction,
  work: (
    trx: Trx,
    item: Item,
    rev: Revision,
    column: Column,
    now: string,
  ) => Promise<{
    to?: RevisionState;
    comment?: string | null;
    auditNote?: string;
    /** Runs after the step's own history/audit rows (publication follows the approval in the record). */
    afterRecord?: () => Promise<void>;
  } | void>,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    rules.assertActionAllowed(action, rev.state, actor.permissions, actor.kind === 'system');
    const column = (await repo.findColumn(trx, rev.column_id))!;
    const now = nowIso(ctx.clock);
    const release = rules.releaseTarget(rev.publish_at, now);
    let to = rules.nextState(rev.state, action, { secondApproval: column.second_approval === 1, release });
    const r = (await work(trx, item, rev, column, now)) ?? {};
    if (r.to) to = r.to;
    if (to !== rev.state && to !== 'published')
      await repo.updateRevision(trx, rev.id, { state: to, state_since: now, updated_at: now });
    await event(trx, ctx, actor, item, {
      revisionId: rev.id,
      action,
      from: rev.state,
      to,
      comment: r.comment ?? null,
    });
    await audit(trx, ctx, actor, item.org_id, `catalog.item.${action}`, 'catalog_item', item.id, {
      before: { state: rev.state },
      after: { state: to },
      ...(r.auditNote ? { note: r.auditNote } : {}),
    });
    if (r.afterRecord) await r.afterRecord();
  });
}
