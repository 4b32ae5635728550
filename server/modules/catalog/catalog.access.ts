/**
 * Shared steps of the catalog use cases: agency resolution, item loading for read/write, the
 * item-history event and the audit row written in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { type Ctx } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './catalog.repository.js';
import type { Column, Item, Revision } from './catalog.repository.js';

export type Trx = Kysely<DB>;

/** The working-day calendar in force: package data plus the schedules the admin entered (calendar module). */
export function catalogCalendar(db: Ctx['db']): Promise<WorkCalendar> {
  return loadWorkCalendar({ db });
}

// ───────────────────────── helpers ─────────────────────────

export function agencyIdOf(actor: Actor, orgId?: string | null): string {
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('无所属机关');
  return id;
}

export async function readAgency(ctx: Ctx, actor: Actor, orgId?: string | null): Promise<string> {
  const id = agencyIdOf(actor, orgId);
  await assertReadsAgency(ctx, actor, id);
  return id;
}

export async function event(
  trx: Trx,
  ctx: Ctx,
  actor: Actor,
  item: { id: string; org_id: string },
  e: {
    revisionId: string | null;
    action: string;
    from?: string | null;
    to?: string | null;
    comment?: string | null;
  },
): Promise<void> {
  await repo.insertEvent(trx, {
    id: newId(),
    org_id: item.org_id,
    item_id: item.id,
    revision_id: e.revisionId,
    action: e.action,
    from_state: e.from ?? null,
    to_state: e.to ?? null,
    actor_id: actor.userId,
    actor_name: actor.name,
    comment: e.comment ?? null,
    at: nowIso(ctx.clock),
  });
}

export async function audit(
  trx: Trx,
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  action: string,
  targetType: string,
  targetId: string,
  extra: { before?: unknown; after?: unknown; note?: string } = {},
): Promise<void> {
  await recordAudit(trx, ctx.clock, actor, { action, targetType, targetId, orgId, ...extra });
}

export async function liveColumnOf(trx: Trx, orgId: string, columnId: string): Promise<Column> {
  const col = await repo.findColumn(trx, columnId);
  if (!col || col.org_id !== orgId) throw notFound('column', '栏目不存在');
  if (col.retired_at) throw conflict('column_retired', '栏目已停用，不能发布新信息');
  return col;
}

/** Content fields copied from a revision onto the item row. */
export function mirror(
  r: Pick<
    Revision,
    | 'column_id'
    | 'title'
    | 'summary'
    | 'body_html'
    | 'body_text'
    | 'publisher'
    | 'generated_on'
    | 'doc_number'
    | 'doc_kind'
    | 'topic'
    | 'disclosure_mode'
    | 'art20_item'
    | 'keywords'
  >,
) {
  return {
    column_id: r.column_id,
    title: r.title,
    summary: r.summary,
    body_html: r.body_html,
    body_text: r.body_text,
    publisher: r.publisher,
    generated_on: r.generated_on,
    doc_number: r.doc_number,
    doc_kind: r.doc_kind,
    topic: r.topic,
    disclosure_mode: r.disclosure_mode,
    art20_item: r.art20_item,
    keywords: r.keywords,
  };
}

export async function itemForRead(ctx: Ctx, actor: Actor, id: string): Promise<Item> {
  const item = await repo.findItem(ctx.db, id);
  if (!item) throw notFound('item', '信息不存在');
  await assertReadsAgency(ctx, actor, item.org_id);
  return item;
}

export async function itemForWrite(trx: Trx, actor: Actor, id: string): Promise<Item> {
  const item = await repo.findItem(trx, id);
  if (!item) throw notFound('item', '信息不存在');
  assertWritesAgency(actor, item.org_id);
  return item;
}

export async function workingOf(trx: Trx, item: Item): Promise<Revision> {
  const rev = item.working_revision_id ? await repo.findRevision(trx, item.working_revision_id) : undefined;
  if (!rev) throw conflict('no_open_revision', '该信息没有正在办理的版本', { itemId: item.id });
  return rev;
}
