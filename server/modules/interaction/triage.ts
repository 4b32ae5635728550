/**
 * Triage by the disclosure office (issue 16 item 3): accept; not accept with a reason; transfer to
 * another agency of the site group; merge duplicates. Conversion into a 依申请公开 case is in convert.ts.
 */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './interaction.repository.js';
import type { ItemRow } from './interaction.repository.js';
import {
  agencyIdOf,
  audit,
  dataKey,
  itemFor,
  loadDetail,
  newQueryCode,
  nextNumber,
  queryCodeHash,
  tx,
  type ItemDetail,
  type Trx,
} from './interaction.common.js';
import { LIMITS, assertTransition, checkText, fieldsError } from './interaction.rules.js';
import type { InteractionStatus } from './interaction.tables.js';

/** Applies a status change only if nobody changed the item meanwhile (two clerks at once). */
export async function move(t: Trx, item: ItemRow, patch: Partial<ItemRow>): Promise<ItemRow> {
  const ok = await repo.updateItemIfStatus(t.db, item.id, item.status, { ...patch, updated_at: t.now });
  if (!ok) throw conflict('item_changed', '该件已被他人处理，请刷新后重试');
  return { ...item, ...patch, updated_at: t.now };
}

function reasonOf(value: unknown, label = '理由'): string {
  const errors: Record<string, string> = {};
  const v = checkText(errors, 'reason', label, value, LIMITS.reason, true);
  if (errors.reason) throw fieldsError(errors);
  return v;
}

export async function acceptItem(ctx: Ctx, actor: Actor, id: string): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.admin');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'accept');
    const next = await move(t, item, { status: 'accepted', accepted_on: t.today });
    await audit(t, actor, 'accepted', next, { acceptedOn: t.today });
    return next;
  });
  return loadDetail(ctx, item);
}

export async function notAcceptItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { reason: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.admin');
  const reason = reasonOf(body.reason, '不予受理理由');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'not_accept');
    const next = await move(t, item, { status: 'not_accepted', decision_reason: reason, accepted_on: null });
    await audit(t, actor, 'not_accepted', next, { reason });
    return next;
  });
  return loadDetail(ctx, item);
}

/** Agencies of the same site group (under the same top-level government), excluding this one. */
async function siteGroupAgencies(t: Trx, orgId: string) {
  const all = await orgRepo.listAll(t.db);
  const byId = new Map(all.map((o) => [o.id, o]));
  const rootOf = (id: string) => {
    let o = byId.get(id);
    while (o?.parent_id && byId.get(o.parent_id)) o = byId.get(o.parent_id);
    return o?.id;
  };
  const root = rootOf(orgId);
  return all.filter((o) => o.id !== orgId && o.kind !== 'division' && !o.retired_at && rootOf(o.id) === root);
}

export async function transferTargets(ctx: Ctx, actor: Actor): Promise<{ id: string; name: string }[]> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  return tx(ctx, async (t) => (await siteGroupAgencies(t, orgId)).map((o) => ({ id: o.id, name: o.name })));
}

/**
 * Transfers an item to another agency of the site group: a new item there (its clock starts the day
 * it is transferred), this one closed as 已转办 with the link.
 */
export async function transferItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { toOrgId: string; reason: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.admin');
  const reason = reasonOf(body.reason, '转办说明');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'transfer');
    const target = (await siteGroupAgencies(t, item.org_id)).find((o) => o.id === body.toOrgId);
    if (!target) throw invalidField('toOrgId', 'invalid_transfer_target', '只能转办给本站群内的其他机关');
    const key = await dataKey(t.db, t.now);
    const copy: ItemRow = {
      ...item,
      id: newId(),
      org_id: target.id,
      number: await nextNumber(t, target.id, Number(t.today.slice(0, 4)), target.code),
      query_code_hash: queryCodeHash(key, newQueryCode()),
      status: 'received',
      received_on: t.today,
      accepted_on: null,
      decision_reason: `由${item.number}转来：${reason}`,
      division_id: null,
      handler_id: null,
      created_by: actor.userId,
      created_at: t.now,
      updated_at: t.now,
      order_number: null,
      order_hash: null,
    };
    await repo.insertItem(t.db, copy);
    const next = await move(t, item, {
      status: 'transferred',
      transferred_to_org_id: target.id,
      decision_reason: reason,
    });
    await audit(t, actor, 'transferred', next, { to: target.name, newNumber: copy.number, reason });
    await audit(t, actor, 'received_by_transfer', copy, { from: item.number });
    return next;
  });
  return loadDetail(ctx, item);
}

/**
 * Merges a duplicate into the original: the duplicate is closed as 已合并 and will show the
 * original's reply to its correspondent (tracking follows the link).
 */
export async function mergeItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { intoNumber: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.admin');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'merge');
    const target = await repo.findByNumber(
      t.db,
      String(body.intoNumber ?? '')
        .trim()
        .slice(0, 60),
    );
    if (!target || target.org_id !== item.org_id)
      throw invalidField('intoNumber', 'merge_target_not_found', '找不到要合并到的原件编号');
    if (target.id === item.id) throw invalidField('intoNumber', 'merge_self', '不能与自身合并');
    const closed: InteractionStatus[] = ['merged', 'not_accepted', 'transferred', 'converted'];
    if (closed.includes(target.status))
      throw conflict('merge_target_closed', '原件已不予受理、转办、转换或合并，不能作为合并目标');
    const next = await move(t, item, {
      status: 'merged',
      merged_into_id: target.id,
      decision_reason: `重复件，并入${target.number}`,
    });
    await audit(t, actor, 'merged', next, { into: target.number });
    return next;
  });
  return loadDetail(ctx, item);
}
