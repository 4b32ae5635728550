/** The 权责清单 事项 a decision can be filed under: list, create, edit, delete (audited, one transaction each). */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './enforcement.repository.js';
import type { Item } from './enforcement.repository.js';
import type { DecisionKind } from './enforcement.tables.js';
import { actorAgency } from './enforcement.shared.js';

// ---------- 权责清单 事项 ----------

export interface ItemView {
  id: string;
  orgId: string;
  year: number;
  kind: DecisionKind;
  code: string | null;
  name: string;
  basis: string | null;
}
const itemView = (i: Item): ItemView => ({
  id: i.id,
  orgId: i.org_id,
  year: i.year,
  kind: i.kind,
  code: i.code,
  name: i.name,
  basis: i.basis,
});

export async function listItems(ctx: Ctx, actor: Actor, year?: number, orgId?: string): Promise<ItemView[]> {
  const agency = orgId ?? actor.orgId;
  if (!agency) return [];
  await assertReadsAgency(ctx, actor, agency);
  return (await repo.listItems(ctx.db, agency, year)).map(itemView);
}

export interface ItemInput {
  year: number;
  kind: DecisionKind;
  code?: string | null;
  name: string;
  basis?: string | null;
}

function checkItem(input: ItemInput): ItemInput {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new DomainError('invalid_year', '年度无效', { field: 'year' });
  if (!['license', 'penalty', 'coercion'].includes(input.kind))
    throw new DomainError('invalid_kind', '事项类别无效', { field: 'kind' });
  const name = (input.name ?? '').trim();
  if (!name) throw new DomainError('required', '事项名称不能为空', { field: 'name' });
  return { ...input, name, code: input.code?.trim() || null, basis: input.basis?.trim() || null };
}

export async function createItem(
  ctx: Ctx,
  actor: Actor,
  input: ItemInput,
  orgId?: string,
): Promise<ItemView> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护权责清单的权限');
  const agency = actorAgency(actor, orgId);
  const v = checkItem(input);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findItemByName(trx, agency, v.year, v.kind, v.name))
      throw conflict('duplicate_item', `${v.year}年已有同名事项“${v.name}”`, { field: 'name' });
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: agency,
      year: v.year,
      kind: v.kind,
      code: v.code ?? null,
      name: v.name,
      basis: v.basis ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertItem(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.item.create',
      targetType: 'enforcement_item',
      targetId: row.id,
      orgId: agency,
      after: v,
    });
    return itemView(row);
  });
}

export async function updateItem(ctx: Ctx, actor: Actor, id: string, input: ItemInput): Promise<ItemView> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护权责清单的权限');
  const v = checkItem(input);
  return inTransaction(ctx, async (trx) => {
    const item = await repo.findItem(trx, id);
    if (!item) throw notFound('item', '事项不存在');
    assertWritesAgency(actor, item.org_id);
    const other = await repo.findItemByName(trx, item.org_id, v.year, v.kind, v.name);
    if (other && other.id !== id)
      throw conflict('duplicate_item', `${v.year}年已有同名事项“${v.name}”`, { field: 'name' });
    const patch = {
      year: v.year,
      kind: v.kind,
      code: v.code ?? null,
      name: v.name,
      basis: v.basis ?? null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateItem(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.item.update',
      targetType: 'enforcement_item',
      targetId: id,
      orgId: item.org_id,
      before: itemView(item),
      after: v,
    });
    return itemView({ ...item, ...patch });
  });
}

export async function deleteItem(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护权责清单的权限');
  await inTransaction(ctx, async (trx) => {
    const item = await repo.findItem(trx, id);
    if (!item) throw notFound('item', '事项不存在');
    assertWritesAgency(actor, item.org_id);
    await repo.deleteItem(trx, id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enforcement.item.delete',
      targetType: 'enforcement_item',
      targetId: id,
      orgId: item.org_id,
      before: itemView(item),
    });
  });
}
