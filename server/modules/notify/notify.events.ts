/**
 * What the queue tells other modules: a message that names its source (`source_module`) changed status.
 * Published inside the transaction that changed it (the payload's ctx runs on that transaction), so a
 * module that keeps its own record of the message (the catalog's release ledger) changes in the same
 * commit — the two never disagree.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import * as repo from './notify.repository.js';
import type { MessageStatus, QueueChannel } from './notify.tables.js';

export interface MessageChange {
  id: string;
  orgId: string;
  channel: QueueChannel;
  sourceModule: string;
  sourceId: string | null;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  externalRef: string | null;
  completedAt: string | null;
  updatedAt: string;
}

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A queue message with a source changed status (inside the changing transaction: `ctx.db` is it). */
    'notify.messageChanged': { ctx: Ctx; message: MessageChange };
  }
}

export function changeOf(m: repo.Message): MessageChange | null {
  if (!m.source_module) return null;
  return {
    id: m.id,
    orgId: m.org_id,
    channel: m.channel,
    sourceModule: m.source_module,
    sourceId: m.source_id,
    status: m.status,
    attempts: Number(m.attempts),
    nextAttemptAt: m.next_attempt_at,
    lastError: m.last_error,
    externalRef: m.external_ref,
    completedAt: m.completed_at,
    updatedAt: m.updated_at,
  };
}

/** Tells the bus about one message as it now stands (nothing when it has no source or nobody listens). */
export async function announce(ctx: Ctx, trx: Kysely<DB>, m: repo.Message): Promise<void> {
  const change = changeOf(m);
  if (!change || !ctx.events?.subscribers('notify.messageChanged').length) return;
  await ctx.events.publish('notify.messageChanged', { ctx: { ...ctx, db: trx }, message: change });
}

/** Reads the messages back and announces each (after bulk changes). */
export async function announceIds(ctx: Ctx, trx: Kysely<DB>, ids: string[]): Promise<void> {
  if (ids.length === 0 || !ctx.events?.subscribers('notify.messageChanged').length) return;
  for (const m of await repo.messagesByIds(trx, ids)) await announce(ctx, trx, m);
}
