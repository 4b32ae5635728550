/**
 * 栏目 use cases: the per-agency column tree (create, rename, move, retire, restore) and the
 * catalog settings (索引号 template).
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './catalog.repository.js';
import type { Column } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { DEFAULT_INDEX_TEMPLATE, validateIndexTemplate } from './index-number.js';
import { columnView, type ColumnView } from './catalog.views.js';
import { agencyIdOf, audit, readAgency, type Trx } from './catalog.access.js';

// ───────────────────────── columns ─────────────────────────

export interface ColumnInput {
  orgId?: string;
  parentId: string | null;
  code: string;
  name: string;
  art20Items?: number[];
  updateClass: string;
  secondApproval?: boolean;
  channels?: string[];
  description?: string | null;
  sortOrder?: number;
}

export async function listColumns(
  ctx: Ctx,
  actor: Actor,
  q: { orgId?: string; includeRetired?: boolean } = {},
): Promise<ColumnView[]> {
  const orgId = await readAgency(ctx, actor, q.orgId);
  return orderTree(await repo.listColumns(ctx.db, orgId, q.includeRetired ?? false)).map(columnView);
}

/** Depth-first order by sort_order: the shape the console and the portal navigation draw. */
export function orderTree(columns: Column[]): Column[] {
  const byParent = new Map<string | null, Column[]>();
  for (const c of columns) {
    const list = byParent.get(c.parent_id) ?? [];
    list.push(c);
    byParent.set(c.parent_id, list);
  }
  const out: Column[] = [];
  const walk = (parent: string | null) => {
    for (const c of (byParent.get(parent) ?? []).sort((a, b) => a.sort_order - b.sort_order)) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

async function columnForWrite(ctx: Ctx | { db: Trx }, actor: Actor, id: string): Promise<Column> {
  const col = await repo.findColumn(ctx.db, id);
  if (!col) throw notFound('column', '栏目不存在');
  assertWritesAgency(actor, col.org_id);
  return col;
}

export async function createColumn(ctx: Ctx, actor: Actor, input: ColumnInput): Promise<ColumnView> {
  assertCan(actor, 'catalog.admin');
  const orgId = agencyIdOf(actor, actor.kind === 'system' ? input.orgId : null);
  assertWritesAgency(actor, orgId);
  const name = rules.normalizeColumnName(input.name);
  const code = rules.normalizeColumnCode(input.code);
  const updateClass = rules.assertUpdateClass(input.updateClass);
  const art20 = rules.normalizeArt20Items(input.art20Items ?? []);
  const channels = rules.normalizeChannels(input.channels ?? []);
  return inTransaction(ctx, async (trx) => {
    let depth = 1;
    if (input.parentId) {
      const parent = await repo.findColumn(trx, input.parentId);
      if (!parent || parent.org_id !== orgId) throw notFound('column', '上级栏目不存在');
      if (parent.retired_at) throw conflict('column_retired', '上级栏目已停用');
      depth = rules.childDepth(parent.depth);
    }
    const all = await repo.listColumns(trx, orgId);
    if (all.some((c) => c.code === code))
      throw conflict('column_code_taken', `栏目代码“${code}”已被使用`, { field: 'code' });
    const siblings = all.filter((c) => c.parent_id === (input.parentId ?? null) && !c.retired_at);
    rules.assertUniqueSiblingName(
      name,
      siblings.map((s) => s.name),
    );
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: orgId,
      parent_id: input.parentId ?? null,
      code,
      name,
      depth,
      sort_order:
        input.sortOrder ?? (siblings.length === 0 ? 0 : Math.max(...siblings.map((s) => s.sort_order)) + 1),
      art20_items: JSON.stringify(art20),
      update_class: updateClass,
      second_approval: input.secondApproval ? 1 : 0,
      channels: JSON.stringify(channels),
      description: input.description ?? null,
      retired_at: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertColumn(trx, row);
    await audit(trx, ctx, actor, orgId, 'catalog.column.create', 'catalog_column', row.id, {
      after: {
        name,
        code,
        parentId: row.parent_id,
        updateClass,
        secondApproval: row.second_approval === 1,
        channels,
      },
    });
    return columnView(row);
  });
}

export interface ColumnPatch {
  name?: string;
  code?: string;
  art20Items?: number[];
  updateClass?: string;
  secondApproval?: boolean;
  channels?: string[];
  description?: string | null;
}

export async function updateColumn(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: ColumnPatch,
): Promise<ColumnView> {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const col = await columnForWrite({ db: trx }, actor, id);
    const set: Parameters<typeof repo.updateColumn>[2] = { updated_at: nowIso(ctx.clock) };
    const all = await repo.listColumns(trx, col.org_id);
    if (patch.name !== undefined) {
      const name = rules.normalizeColumnName(patch.name);
      rules.assertUniqueSiblingName(
        name,
        all.filter((c) => c.parent_id === col.parent_id && c.id !== id && !c.retired_at).map((c) => c.name),
      );
      set.name = name;
    }
    if (patch.code !== undefined) {
      const code = rules.normalizeColumnCode(patch.code);
      if (all.some((c) => c.code === code && c.id !== id))
        throw conflict('column_code_taken', `栏目代码“${code}”已被使用`, { field: 'code' });
      set.code = code;
    }
    if (patch.art20Items !== undefined)
      set.art20_items = JSON.stringify(rules.normalizeArt20Items(patch.art20Items));
    if (patch.updateClass !== undefined) set.update_class = rules.assertUpdateClass(patch.updateClass);
    if (patch.secondApproval !== undefined) set.second_approval = patch.secondApproval ? 1 : 0;
    if (patch.channels !== undefined) set.channels = JSON.stringify(rules.normalizeChannels(patch.channels));
    if (patch.description !== undefined) set.description = patch.description;
    await repo.updateColumn(trx, id, set);
    const after = (await repo.findColumn(trx, id))!;
    await audit(trx, ctx, actor, col.org_id, 'catalog.column.update', 'catalog_column', id, {
      before: columnView(col),
      after: columnView(after),
    });
    return columnView(after);
  });
}

/** Moves a column under a new parent (or to the top) at a position among its new siblings. */
export async function moveColumn(
  ctx: Ctx,
  actor: Actor,
  id: string,
  to: { parentId: string | null; position: number },
): Promise<ColumnView[]> {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const col = await columnForWrite({ db: trx }, actor, id);
    const all = await repo.listColumns(trx, col.org_id);
    const byId = new Map(all.map((c) => [c.id, c]));
    let parentDepth: number | null = null;
    if (to.parentId) {
      const parent = byId.get(to.parentId);
      if (!parent) throw notFound('column', '上级栏目不存在');
      if (parent.retired_at) throw conflict('column_retired', '上级栏目已停用');
      // No moving under itself or its own descendant.
      for (let p: Column | undefined = parent; p; p = p.parent_id ? byId.get(p.parent_id) : undefined)
        if (p.id === id) throw conflict('column_move_cycle', '不能把栏目移动到其自身或下级栏目之下');
      parentDepth = parent.depth;
    }
    const newDepth = rules.childDepth(parentDepth);
    const height = subtreeHeight(all, id);
    rules.assertSubtreeFits(newDepth, height);
    const siblings = all
      .filter((c) => c.parent_id === to.parentId && c.id !== id)
      .sort((a, b) => a.sort_order - b.sort_order);
    if (to.parentId !== col.parent_id)
      rules.assertUniqueSiblingName(
        col.name,
        siblings.filter((s) => !s.retired_at).map((s) => s.name),
      );
    const order = rules.reorder(
      siblings.map((s) => s.id),
      id,
      to.position,
    );
    const now = nowIso(ctx.clock);
    for (const [i, sid] of order.entries())
      await repo.updateColumn(trx, sid, { sort_order: i, updated_at: now });
    const delta = newDepth - col.depth;
    await repo.updateColumn(trx, id, { parent_id: to.parentId, depth: newDepth });
    if (delta !== 0)
      for (const d of descendants(all, id))
        await repo.updateColumn(trx, d.id, { depth: d.depth + delta, updated_at: now });
    await audit(trx, ctx, actor, col.org_id, 'catalog.column.move', 'catalog_column', id, {
      before: { parentId: col.parent_id, sortOrder: col.sort_order },
      after: { parentId: to.parentId, position: order.indexOf(id) },
    });
    return orderTree(await repo.listColumns(trx, col.org_id, false)).map(columnView);
  });
}

function descendants(all: Column[], id: string): Column[] {
  const out: Column[] = [];
  const walk = (pid: string) => {
    for (const c of all.filter((x) => x.parent_id === pid)) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

function subtreeHeight(all: Column[], id: string): number {
  const kids = all.filter((c) => c.parent_id === id);
  return 1 + (kids.length === 0 ? 0 : Math.max(...kids.map((k) => subtreeHeight(all, k.id))));
}

/** Retires a column (and keeps its items public: retirement only stops new drafts). Children must be retired first. */
export async function retireColumn(ctx: Ctx, actor: Actor, id: string): Promise<ColumnView> {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const col = await columnForWrite({ db: trx }, actor, id);
    if (col.retired_at) throw conflict('column_retired', '栏目已停用');
    const all = await repo.listColumns(trx, col.org_id);
    if (all.some((c) => c.parent_id === id && !c.retired_at))
      throw conflict('column_has_children', '请先停用下级栏目');
    const now = nowIso(ctx.clock);
    await repo.updateColumn(trx, id, { retired_at: now, updated_at: now });
    await audit(trx, ctx, actor, col.org_id, 'catalog.column.retire', 'catalog_column', id, {
      note: col.name,
    });
    return columnView((await repo.findColumn(trx, id))!);
  });
}

export async function restoreColumn(ctx: Ctx, actor: Actor, id: string): Promise<ColumnView> {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const col = await columnForWrite({ db: trx }, actor, id);
    if (!col.retired_at) return columnView(col);
    const all = await repo.listColumns(trx, col.org_id);
    if (col.parent_id && all.find((c) => c.id === col.parent_id)?.retired_at)
      throw conflict('column_retired', '上级栏目已停用，请先启用上级栏目');
    rules.assertUniqueSiblingName(
      col.name,
      all.filter((c) => c.parent_id === col.parent_id && c.id !== id && !c.retired_at).map((c) => c.name),
    );
    await repo.updateColumn(trx, id, { retired_at: null, updated_at: nowIso(ctx.clock) });
    await audit(trx, ctx, actor, col.org_id, 'catalog.column.restore', 'catalog_column', id, {
      note: col.name,
    });
    return columnView((await repo.findColumn(trx, id))!);
  });
}

// ───────────────────────── settings ─────────────────────────

export async function getSettings(ctx: Ctx, actor: Actor, orgId?: string) {
  const id = await readAgency(ctx, actor, orgId);
  const row = await repo.findSettings(ctx.db, id);
  return { indexTemplate: row?.index_template ?? DEFAULT_INDEX_TEMPLATE, isDefault: !row?.index_template };
}

export async function updateSettings(ctx: Ctx, actor: Actor, input: { indexTemplate: string | null }) {
  assertCan(actor, 'catalog.admin');
  const orgId = agencyIdOf(actor);
  if (input.indexTemplate !== null) validateIndexTemplate(input.indexTemplate);
  await inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    await repo.upsertSettings(trx, orgId, input.indexTemplate, now);
    await audit(trx, ctx, actor, orgId, 'catalog.settings.update', 'catalog_settings', orgId, {
      after: { indexTemplate: input.indexTemplate },
    });
  });
  return getSettings(ctx, actor);
}
