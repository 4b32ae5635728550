/**
 * 主动公开 services: columns, items with revisions and attachments, the publishing workflow with 保密审查,
 * publication (索引号, outbox, search hooks), withdrawal and 有效性. Policy is checked here with the Actor;
 * every write runs in one transaction with its audit row and item-history event.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { assertCan, can, type Actor } from '../../platform/actor.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, DomainError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { assertWenhao } from '../../platform/validation/wenhao.js';
import { fileStorage } from '../../platform/storage/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, assertWritesAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './catalog.repository.js';
import type { Column, Item, Revision } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { emitItemPublished, emitItemWithdrawn } from './catalog.events.js';
import { adjustPublicCounts } from './catalog.counts.js';
import { scanRevisionContent, unresolved, type SourcedFinding } from './catalog.scan.js';
import type { ChannelName, DocKind, ItemLinkKind, RevisionState, UpdateClass } from './catalog.tables.js';
import { extractText } from './extract-text.js';
import {
  DEFAULT_INDEX_TEMPLATE,
  indexCounterKey,
  renderIndexNumber,
  validateIndexTemplate,
} from './index-number.js';
import { htmlToPlainText, sanitizeItemBody } from './rich-text.js';
import {
  attachmentView,
  columnView,
  deliveryView,
  itemSummaryView,
  revisionView,
  type ColumnView,
  type ItemSummaryView,
} from './catalog.views.js';

type Trx = Kysely<DB>;

/** The working-day calendar in force: package data plus the schedules the admin entered (calendar module). */
export function catalogCalendar(db: Ctx['db']): Promise<WorkCalendar> {
  return loadWorkCalendar({ db });
}

// ───────────────────────── helpers ─────────────────────────

function agencyIdOf(actor: Actor, orgId?: string | null): string {
  const id = orgId ?? actor.orgId;
  if (!id) throw forbidden('无所属机关');
  return id;
}

async function readAgency(ctx: Ctx, actor: Actor, orgId?: string | null): Promise<string> {
  const id = agencyIdOf(actor, orgId);
  await assertReadsAgency(ctx, actor, id);
  return id;
}

async function event(
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

async function audit(
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
  const row = await ctx.db
    .selectFrom('catalog_settings')
    .selectAll()
    .where('org_id', '=', id)
    .executeTakeFirst();
  return { indexTemplate: row?.index_template ?? DEFAULT_INDEX_TEMPLATE, isDefault: !row?.index_template };
}

export async function updateSettings(ctx: Ctx, actor: Actor, input: { indexTemplate: string | null }) {
  assertCan(actor, 'catalog.admin');
  const orgId = agencyIdOf(actor);
  if (input.indexTemplate !== null) validateIndexTemplate(input.indexTemplate);
  await inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    await trx
      .insertInto('catalog_settings')
      .values({ org_id: orgId, index_template: input.indexTemplate, updated_at: now })
      .onConflict((oc) =>
        oc.column('org_id').doUpdateSet({ index_template: input.indexTemplate, updated_at: now }),
      )
      .execute();
    await audit(trx, ctx, actor, orgId, 'catalog.settings.update', 'catalog_settings', orgId, {
      after: { indexTemplate: input.indexTemplate },
    });
  });
  return getSettings(ctx, actor);
}

// ───────────────────────── items ─────────────────────────

export interface ItemInput {
  columnId: string;
  title: string;
  summary?: string | null;
  bodyHtml?: string;
  publisher?: string;
  generatedOn?: string | null;
  docNumber?: string | null;
  docKind?: DocKind;
  topic?: string | null;
  disclosureMode?: string;
  art20Item?: number | null;
  keywords?: string | null;
  publishAt?: string | null;
  changeNote?: string | null;
}

const DOC_KINDS: readonly DocKind[] = ['regulation', 'normative', 'other'];

/** Validates and normalizes editable fields into revision columns. */
function revisionFields(ctx: Ctx, input: Partial<ItemInput>) {
  const out: Partial<Revision> = {};
  if (input.title !== undefined) {
    const t = input.title.trim();
    if (t.length === 0 || t.length > 300) throw invalidField('title', 'invalid_title', '标题应为1—300个字符');
    out.title = t;
  }
  if (input.summary !== undefined) out.summary = input.summary?.trim() || null;
  if (input.bodyHtml !== undefined) {
    out.body_html = sanitizeItemBody(input.bodyHtml);
    out.body_text = htmlToPlainText(out.body_html);
  }
  if (input.publisher !== undefined) {
    const p = input.publisher.trim();
    if (p.length === 0) throw invalidField('publisher', 'invalid_publisher', '发布机构不能为空');
    out.publisher = p;
  }
  if (input.generatedOn !== undefined) {
    rules.assertGeneratedOn(input.generatedOn, todayInChina(ctx.clock));
    out.generated_on = input.generatedOn;
  }
  if (input.docNumber !== undefined)
    out.doc_number =
      input.docNumber && input.docNumber.trim() ? assertWenhao(input.docNumber, 'docNumber') : null;
  if (input.docKind !== undefined) {
    if (!DOC_KINDS.includes(input.docKind)) throw invalidField('docKind', 'invalid_doc_kind', '文件类别无效');
    out.doc_kind = input.docKind;
  }
  if (input.topic !== undefined) out.topic = input.topic?.trim() || null;
  if (input.disclosureMode !== undefined) out.disclosure_mode = input.disclosureMode.trim() || '主动公开';
  if (input.art20Item !== undefined) {
    if (input.art20Item !== null) rules.normalizeArt20Items([input.art20Item]);
    out.art20_item = input.art20Item;
  }
  if (input.keywords !== undefined) out.keywords = input.keywords?.trim() || null;
  if (input.publishAt !== undefined) {
    rules.assertPublishAt(input.publishAt, nowIso(ctx.clock));
    out.publish_at = input.publishAt;
  }
  if (input.changeNote !== undefined) out.change_note = input.changeNote?.trim() || null;
  return out;
}

async function liveColumnOf(trx: Trx, orgId: string, columnId: string): Promise<Column> {
  const col = await repo.findColumn(trx, columnId);
  if (!col || col.org_id !== orgId) throw notFound('column', '栏目不存在');
  if (col.retired_at) throw conflict('column_retired', '栏目已停用，不能发布新信息');
  return col;
}

export async function createItem(
  ctx: Ctx,
  actor: Actor,
  input: ItemInput & { orgId?: string },
): Promise<string> {
  assertCan(actor, 'catalog.draft');
  const orgId = agencyIdOf(actor, actor.kind === 'system' ? input.orgId : null);
  assertWritesAgency(actor, orgId);
  const fields = revisionFields(ctx, { bodyHtml: '', ...input });
  return inTransaction(ctx, async (trx) => {
    const column = await liveColumnOf(trx, orgId, input.columnId);
    // Unless the drafter says otherwise, the item serves the column's first 第二十条 item.
    const columnArt20 = (JSON.parse(column.art20_items) as number[])[0] ?? null;
    const org = await orgRepo.findById(trx, orgId);
    const now = nowIso(ctx.clock);
    const itemId = newId();
    const revId = newId();
    const rev = {
      id: revId,
      org_id: orgId,
      item_id: itemId,
      revision_no: 1,
      state: 'draft' as const,
      column_id: input.columnId,
      title: fields.title!,
      summary: fields.summary ?? null,
      body_html: fields.body_html ?? '',
      body_text: fields.body_text ?? '',
      publisher: fields.publisher ?? org?.name ?? '',
      generated_on: fields.generated_on ?? null,
      doc_number: fields.doc_number ?? null,
      doc_kind: fields.doc_kind ?? 'other',
      topic: fields.topic ?? null,
      disclosure_mode: fields.disclosure_mode ?? '主动公开',
      art20_item: input.art20Item === undefined ? columnArt20 : (fields.art20_item ?? null),
      keywords: fields.keywords ?? null,
      publish_at: fields.publish_at ?? null,
      change_note: null,
      returned_opinion: null,
      scan_findings: null,
      scanned_at: null,
      drafted_by: actor.userId,
      drafted_by_name: actor.name,
      state_since: now,
      created_at: now,
      updated_at: now,
    };
    await repo.insertItem(trx, {
      id: itemId,
      org_id: orgId,
      status: 'unpublished',
      working_revision_id: revId,
      published_revision_id: null,
      index_number: null,
      ...mirror(rev),
      validity: 'valid',
      validity_date: null,
      replaced_by_item_id: null,
      published_on: null,
      published_at: null,
      content_updated_at: null,
      scheduled_at: null,
      withdrawn_at: null,
      withdrawn_reason: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertRevision(trx, rev);
    await event(
      trx,
      ctx,
      actor,
      { id: itemId, org_id: orgId },
      { revisionId: revId, action: 'create', to: 'draft' },
    );
    await audit(trx, ctx, actor, orgId, 'catalog.item.create', 'catalog_item', itemId, {
      after: { title: rev.title },
    });
    return itemId;
  });
}

/** Content fields copied from a revision onto the item row. */
function mirror(
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

async function itemForRead(ctx: Ctx, actor: Actor, id: string): Promise<Item> {
  const item = await repo.findItem(ctx.db, id);
  if (!item) throw notFound('item', '信息不存在');
  await assertReadsAgency(ctx, actor, item.org_id);
  return item;
}

async function itemForWrite(trx: Trx, actor: Actor, id: string): Promise<Item> {
  const item = await repo.findItem(trx, id);
  if (!item) throw notFound('item', '信息不存在');
  assertWritesAgency(actor, item.org_id);
  return item;
}

async function workingOf(trx: Trx, item: Item): Promise<Revision> {
  const rev = item.working_revision_id ? await repo.findRevision(trx, item.working_revision_id) : undefined;
  if (!rev) throw conflict('no_open_revision', '该信息没有正在办理的版本', { itemId: item.id });
  return rev;
}

export async function updateDraft(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  patch: Partial<ItemInput>,
): Promise<void> {
  assertCan(actor, 'catalog.draft');
  const fields = revisionFields(ctx, patch);
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    if (rev.state !== 'draft')
      throw conflict(
        'invalid_transition',
        `当前状态“${rules.STATE_LABELS[rev.state]}”不能修改，请先退回草稿`,
        {
          from: rev.state,
          action: 'edit',
        },
      );
    if (patch.columnId !== undefined && patch.columnId !== rev.column_id) {
      await liveColumnOf(trx, item.org_id, patch.columnId);
      fields.column_id = patch.columnId;
    }
    const now = nowIso(ctx.clock);
    // Content changed: the old scan no longer describes it.
    await repo.updateRevision(trx, rev.id, {
      ...fields,
      scan_findings: null,
      scanned_at: null,
      updated_at: now,
    });
    if (item.status === 'unpublished') {
      const after = (await repo.findRevision(trx, rev.id))!;
      await repo.updateItem(trx, item.id, { ...mirror(after), updated_at: now });
    }
    await event(trx, ctx, actor, item, {
      revisionId: rev.id,
      action: 'edit',
      comment: Object.keys(patch).join(','),
    });
    await audit(trx, ctx, actor, item.org_id, 'catalog.item.edit', 'catalog_item', item.id, {
      note: `修改字段：${Object.keys(patch).join('、')}`,
    });
  });
}

/** Opens a new draft revision of a published item (copying content and attachments). */
export async function openRevision(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  changeNote: string | null,
): Promise<void> {
  assertCan(actor, 'catalog.draft');
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    if (item.status !== 'published') throw conflict('not_published', '只有已发布的信息可以修订');
    if (item.working_revision_id) throw conflict('revision_open', '该信息已有正在办理的修订版本');
    const pub = (await repo.findRevision(trx, item.published_revision_id!))!;
    const now = nowIso(ctx.clock);
    const id = newId();
    await repo.insertRevision(trx, {
      ...pub,
      id,
      revision_no: (await repo.maxRevisionNo(trx, item.id)) + 1,
      state: 'draft',
      publish_at: null,
      change_note: changeNote,
      returned_opinion: null,
      scan_findings: null,
      scanned_at: null,
      drafted_by: actor.userId,
      drafted_by_name: actor.name,
      state_since: now,
      created_at: now,
      updated_at: now,
    });
    for (const a of await repo.attachmentsOf(trx, pub.id))
      await repo.insertAttachment(trx, { ...a, id: newId(), revision_id: id, created_at: now });
    await repo.updateItem(trx, item.id, { working_revision_id: id, updated_at: now });
    await event(trx, ctx, actor, item, {
      revisionId: id,
      action: 'new_revision',
      to: 'draft',
      comment: changeNote,
    });
    await audit(trx, ctx, actor, item.org_id, 'catalog.item.revise', 'catalog_item', item.id, {
      note: changeNote ?? '',
    });
  });
}

/** Drops the draft revision; a never-published item is discarded as a whole (the record stays, status unchanged). */
export async function discardDraft(ctx: Ctx, actor: Actor, itemId: string): Promise<void> {
  assertCan(actor, 'catalog.draft');
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    const to = rules.nextState(rev.state, 'discard', { secondApproval: false, release: 'published' });
    const now = nowIso(ctx.clock);
    await repo.updateRevision(trx, rev.id, { state: to, state_since: now, updated_at: now });
    await repo.updateItem(trx, item.id, { working_revision_id: null, updated_at: now });
    await event(trx, ctx, actor, item, { revisionId: rev.id, action: 'discard', from: rev.state, to });
    await audit(trx, ctx, actor, item.org_id, 'catalog.item.discard', 'catalog_item', item.id);
  });
}

// ───────────────────────── attachments ─────────────────────────

export async function addAttachment(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  file: { fileName: string; bytes: Buffer },
): Promise<ReturnType<typeof attachmentView>> {
  assertCan(actor, 'catalog.draft');
  const { mimeType } = rules.checkAttachment(file.fileName, file.bytes.byteLength, file.bytes.subarray(0, 8));
  // Cheap checks before the expensive work.
  const pre = await repo.findItem(ctx.db, itemId);
  if (!pre) throw notFound('item', '信息不存在');
  assertWritesAgency(actor, pre.org_id);
  let extracted: string | null = null;
  let format = 'unknown';
  let note: string | null = null;
  try {
    const r = await extractText(file.bytes, file.fileName, mimeType);
    format = r.format;
    if (r.unsupported) note = '该格式无法自动读取文本，未经机器扫描，请人工审查';
    else extracted = r.text;
  } catch (e) {
    note = e instanceof DomainError ? e.messageZh : '无法读取文本，请人工审查';
  }
  const stored = await fileStorage().put(`catalog/${pre.org_id}`, file.bytes);
  return inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    if (rev.state !== 'draft') throw conflict('attachment_locked', '只有草稿可以增删附件');
    const existing = await repo.attachmentsOf(trx, rev.id);
    if (existing.length >= rules.MAX_ATTACHMENTS_PER_REVISION)
      throw invalidField(
        'file',
        'too_many_attachments',
        `每条信息最多${rules.MAX_ATTACHMENTS_PER_REVISION}个附件`,
      );
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: item.org_id,
      item_id: item.id,
      revision_id: rev.id,
      file_name: file.fileName.trim(),
      mime_type: mimeType,
      size_bytes: stored.sizeBytes,
      sha256: stored.sha256,
      storage_key: stored.key,
      extracted_text: extracted,
      extract_format: format,
      extract_note: note,
      sort_order: existing.length,
      uploaded_by: actor.userId,
      created_at: now,
    };
    await repo.insertAttachment(trx, row);
    await repo.updateRevision(trx, rev.id, { scan_findings: null, scanned_at: null, updated_at: now });
    await event(trx, ctx, actor, item, { revisionId: rev.id, action: 'attach', comment: row.file_name });
    await audit(trx, ctx, actor, item.org_id, 'catalog.attachment.add', 'catalog_item', item.id, {
      after: { fileName: row.file_name, sizeBytes: row.size_bytes, sha256: row.sha256 },
    });
    return attachmentView(row);
  });
}

export async function removeAttachment(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  attachmentId: string,
): Promise<void> {
  assertCan(actor, 'catalog.draft');
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    const att = await repo.findAttachment(trx, attachmentId);
    if (!att || att.revision_id !== rev.id) throw notFound('attachment', '附件不存在');
    if (rev.state !== 'draft') throw conflict('attachment_locked', '只有草稿可以增删附件');
    await repo.deleteAttachment(trx, att.id);
    // The stored bytes stay: a published revision may share them (copies reference the same key).
    await repo.updateRevision(trx, rev.id, {
      scan_findings: null,
      scanned_at: null,
      updated_at: nowIso(ctx.clock),
    });
    await event(trx, ctx, actor, item, { revisionId: rev.id, action: 'detach', comment: att.file_name });
    await audit(trx, ctx, actor, item.org_id, 'catalog.attachment.remove', 'catalog_item', item.id, {
      before: { fileName: att.file_name, sha256: att.sha256 },
    });
  });
}

/** Bytes of an attachment for a signed-in reader of the agency. */
export async function readAttachment(ctx: Ctx, actor: Actor, itemId: string, attachmentId: string) {
  const item = await itemForRead(ctx, actor, itemId);
  const att = await repo.findAttachment(ctx.db, attachmentId);
  if (!att || att.item_id !== item.id) throw notFound('attachment', '附件不存在');
  return { attachment: att, bytes: await fileStorage().get(att.storage_key) };
}

/** Bytes of an attachment of a published item's public revision (portal download); 404 otherwise. */
export async function readPublicAttachment(ctx: Ctx, attachmentId: string) {
  const att = await repo.findAttachment(ctx.db, attachmentId);
  const item = att ? await repo.findItem(ctx.db, att.item_id) : undefined;
  if (!att || !item || item.status !== 'published' || item.published_revision_id !== att.revision_id)
    throw notFound('attachment', '附件不存在');
  return { attachment: att, bytes: await fileStorage().get(att.storage_key) };
}

// ───────────────────────── scan ─────────────────────────

async function overridesOf(trx: Trx, itemId: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('catalog_scan_overrides')
    .select(['fingerprint', 'reason'])
    .where('item_id', '=', itemId)
    .execute();
  return new Map(rows.map((r) => [r.fingerprint, r.reason]));
}

async function scanRevision(
  trx: Trx,
  rev: Revision,
): Promise<{ findings: SourcedFinding[]; unscanned: string[] }> {
  const atts = await repo.attachmentsOf(trx, rev.id);
  const findings = scanRevisionContent(
    {
      title: rev.title,
      summary: rev.summary,
      bodyText: rev.body_text,
      attachments: atts.map((a) => ({ fileName: a.file_name, text: a.extracted_text })),
    },
    await overridesOf(trx, rev.item_id),
  );
  return { findings, unscanned: atts.filter((a) => a.extracted_text === null).map((a) => a.file_name) };
}

/** Scans the working revision and stores the (masked) findings on it. */
export async function scanItem(ctx: Ctx, actor: Actor, itemId: string) {
  if (!can(actor, 'catalog.draft') && !can(actor, 'catalog.review')) throw forbidden();
  return inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    const { findings, unscanned } = await scanRevision(trx, rev);
    const now = nowIso(ctx.clock);
    await repo.updateRevision(trx, rev.id, { scan_findings: JSON.stringify(findings), scanned_at: now });
    return { findings, unresolved: unresolved(findings).length, unscannedAttachments: unscanned };
  });
}

export interface LiveScanInput {
  title?: string;
  summary?: string | null;
  bodyHtml?: string;
  /** Attachments already uploaded to the item being edited (their extracted text is scanned). */
  attachmentIds?: string[];
  /** The item being edited: its reviewers' overrides mark findings resolved, as on the stored scan. */
  itemId?: string | null;
}

/**
 * Scans text the editor has not saved yet (live findings while typing). Stateless: reads the named
 * attachments and overrides, writes nothing, so it needs no draft to exist and leaves no history.
 * Open to whoever may edit the agency's items; other agencies' items and attachments are not found.
 */
export async function scanDraftText(ctx: Ctx, actor: Actor, input: LiveScanInput) {
  assertCan(actor, 'catalog.draft');
  const orgId = agencyIdOf(actor);
  assertWritesAgency(actor, orgId);
  let overrides = new Map<string, string>();
  if (input.itemId) {
    const item = await repo.findItem(ctx.db, input.itemId);
    if (!item || item.org_id !== orgId) throw notFound('item', '信息不存在');
    overrides = await overridesOf(ctx.db, item.id);
  }
  const ids = [...new Set(input.attachmentIds ?? [])];
  if (ids.length > rules.MAX_ATTACHMENTS_PER_REVISION)
    throw invalidField(
      'attachmentIds',
      'too_many_attachments',
      `每条信息最多${rules.MAX_ATTACHMENTS_PER_REVISION}个附件`,
    );
  const atts = ids.length
    ? await ctx.db.selectFrom('catalog_attachments').selectAll().where('id', 'in', ids).execute()
    : [];
  const byId = new Map(atts.map((a) => [a.id, a]));
  const ordered = ids.map((id) => {
    const a = byId.get(id);
    if (!a || a.org_id !== orgId || (input.itemId && a.item_id !== input.itemId))
      throw notFound('attachment', '附件不存在');
    return a;
  });
  const bodyText = input.bodyHtml ? htmlToPlainText(sanitizeItemBody(input.bodyHtml)) : '';
  const findings = scanRevisionContent(
    {
      title: input.title ?? '',
      summary: input.summary ?? null,
      bodyText,
      attachments: ordered.map((a) => ({ fileName: a.file_name, text: a.extracted_text })),
    },
    overrides,
  );
  return {
    findings,
    unresolved: unresolved(findings).length,
    unscannedAttachments: ordered.filter((a) => a.extracted_text === null).map((a) => a.file_name),
  };
}

// ───────────────────────── workflow ─────────────────────────

async function transition(
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

export async function submit(ctx: Ctx, actor: Actor, itemId: string): Promise<void> {
  await transition(ctx, actor, itemId, 'submit', async (trx, item, rev, _col, now) => {
    if (rev.publish_at) rules.assertPublishAt(rev.publish_at, now);
    if (!rev.body_text.trim() && (await repo.attachmentsOf(trx, rev.id)).length === 0)
      throw invalidField('bodyHtml', 'empty_content', '正文和附件不能都为空');
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

export interface ReviewInput {
  checklist: Partial<rules.Checklist>;
  opinion: string;
  decision: 'pass' | 'reject';
  overrides?: { fingerprint: string; reason: string }[];
}

/** Records the 保密审查 and moves on (pass → approval) or back to the drafter (reject). */
export async function review(ctx: Ctx, actor: Actor, itemId: string, input: ReviewInput): Promise<void> {
  const checklist = rules.validateReview(input.checklist, input.opinion, input.decision);
  await transition(
    ctx,
    actor,
    itemId,
    input.decision === 'pass' ? 'review_pass' : 'review_reject',
    async (trx, item, rev, _c, now) => {
      rules.assertNotSelfReview(rev.drafted_by, actor.userId);
      const reviewId = newId();
      const scanned = await scanRevision(trx, rev);
      const fresh = new Map(scanned.findings.map((f) => [f.fingerprint, f]));
      for (const o of input.overrides ?? []) {
        const f = fresh.get(o.fingerprint);
        if (!f)
          throw invalidField('overrides', 'unknown_finding', '要忽略的扫描结果不存在（内容可能已修改）');
        if (o.reason.trim().length < 2)
          throw invalidField('overrides', 'override_reason_required', '忽略扫描结果须逐条说明理由');
        if (f.overridden) continue;
        await trx
          .insertInto('catalog_scan_overrides')
          .values({
            id: newId(),
            org_id: item.org_id,
            item_id: item.id,
            review_id: reviewId,
            fingerprint: f.fingerprint,
            kind: f.kind,
            masked: f.masked,
            reason: o.reason.trim(),
            overridden_by: actor.userId,
            overridden_by_name: actor.name,
            created_at: now,
          })
          .execute();
      }
      const after = await scanRevision(trx, rev);
      const open = unresolved(after.findings);
      if (input.decision === 'pass' && open.length > 0)
        throw conflict(
          'scan_findings_unresolved',
          `尚有${open.length}处疑似敏感信息未处理：请退回修改，或逐条说明理由后忽略`,
          {
            findings: open.map((f) => ({
              kind: f.kind,
              masked: f.masked,
              source: f.source,
              fingerprint: f.fingerprint,
            })),
          },
        );
      await trx
        .insertInto('catalog_reviews')
        .values({
          id: reviewId,
          org_id: item.org_id,
          item_id: item.id,
          revision_id: rev.id,
          reviewer_id: actor.userId,
          reviewer_name: actor.name,
          checklist: JSON.stringify(checklist),
          opinion: input.opinion.trim(),
          decision: input.decision,
          scan_findings: JSON.stringify(after.findings),
          created_at: now,
        })
        .execute();
      await repo.updateRevision(trx, rev.id, {
        scan_findings: JSON.stringify(after.findings),
        scanned_at: now,
        returned_opinion: input.decision === 'reject' ? input.opinion.trim() : null,
      });
      return { comment: input.opinion.trim() };
    },
  );
}

export async function approve(ctx: Ctx, actor: Actor, itemId: string, opinion: string | null): Promise<void> {
  await transition(ctx, actor, itemId, 'approve', async (trx, item, rev, column, now) => {
    const level = rev.state === 'approving_principal' ? 2 : 1;
    await trx
      .insertInto('catalog_approvals')
      .values({
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
      })
      .execute();
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
    await trx
      .insertInto('catalog_approvals')
      .values({
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
      })
      .execute();
    await repo.updateRevision(trx, rev.id, { returned_opinion: opinion.trim() });
    return { comment: opinion.trim() };
  });
}

/** Release-time scan: every finding must be gone or overridden by a reviewer. */
async function assertReleasable(trx: Trx, rev: Revision): Promise<void> {
  const { findings } = await scanRevision(trx, rev);
  const open = unresolved(findings);
  if (open.length > 0)
    throw conflict(
      'scan_findings_unresolved',
      `发布前扫描发现${open.length}处未经审查员处理的疑似敏感信息，不能发布`,
      {
        findings: open.map((f) => ({
          kind: f.kind,
          masked: f.masked,
          source: f.source,
          fingerprint: f.fingerprint,
        })),
      },
    );
}

/**
 * Makes a revision public inside the caller's transaction: release scan, 索引号 on first publication,
 * item snapshot, outbox rows, search hooks. 发布日期 is today (China) at the moment of publication.
 */
async function publishRevision(
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
    const settings = await trx
      .selectFrom('catalog_settings')
      .select('index_template')
      .where('org_id', '=', item.org_id)
      .executeTakeFirst();
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
  await adjustPublicCounts(trx, item, after);
  if (first) {
    const column = (await repo.findColumn(trx, rev.column_id))!;
    const channels = JSON.parse(column.channels) as ChannelName[];
    for (const channel of channels) {
      const payload = JSON.stringify({
        title: after.title,
        summary: after.summary ?? '',
        indexNumber,
        publishedAt: now,
      });
      await repo.insertDelivery(trx, {
        id: newId(),
        org_id: item.org_id,
        item_id: item.id,
        revision_id: rev.id,
        channel,
        // The portal is the publication itself: done in this transaction.
        status: channel === 'portal' ? 'delivered' : 'pending',
        attempts: channel === 'portal' ? 1 : 0,
        next_attempt_at: channel === 'portal' ? null : now,
        last_error: null,
        external_ref: null,
        payload,
        completed_at: channel === 'portal' ? now : null,
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
    await trx
      .updateTable('catalog_deliveries')
      .set({ status: 'cancelled', updated_at: now, last_error: '信息已撤回' })
      .where('item_id', '=', item.id)
      .where('status', '=', 'pending')
      .execute();
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
    await adjustPublicCounts(trx, item, after);
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
      await trx
        .insertInto('catalog_item_links')
        .values({
          id: newId(),
          org_id: item.org_id,
          from_item_id: by.id,
          to_item_id: item.id,
          kind: 'replaces',
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['from_item_id', 'to_item_id', 'kind']).doNothing())
        .execute();
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
    await adjustPublicCounts(trx, item, after);
    const atts = await repo.attachmentsOf(trx, after.published_revision_id!);
    await emitItemPublished(ctx, trx, {
      item: after,
      attachmentText: atts.map((a) => a.extracted_text ?? '').join('\n'),
      reason: 'validity',
    });
  });
}

// ───────────────────────── links ─────────────────────────

export async function addLink(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  input: { toItemId: string; kind: ItemLinkKind },
) {
  assertCan(actor, 'catalog.draft');
  if (input.kind !== 'interprets' && input.kind !== 'replaces')
    throw invalidField('kind', 'invalid_link_kind', '关联类型无效');
  return inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    if (input.toItemId === item.id) throw invalidField('toItemId', 'link_self', '不能关联自身');
    const to = await repo.findItem(trx, input.toItemId);
    if (!to) throw notFound('item', '关联的信息不存在');
    if (to.org_id !== item.org_id)
      throw invalidField('toItemId', 'link_other_agency', '只能关联本机关的信息');
    const exists = await trx
      .selectFrom('catalog_item_links')
      .select('id')
      .where('from_item_id', '=', item.id)
      .where('to_item_id', '=', to.id)
      .where('kind', '=', input.kind)
      .executeTakeFirst();
    if (exists) throw conflict('link_exists', '已存在该关联');
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: item.org_id,
      from_item_id: item.id,
      to_item_id: to.id,
      kind: input.kind,
      created_at: now,
    };
    await trx.insertInto('catalog_item_links').values(row).execute();
    await event(trx, ctx, actor, item, {
      revisionId: item.working_revision_id,
      action: 'link',
      comment: `${input.kind === 'interprets' ? '解读' : '替代'}：${to.title}`,
    });
    await audit(trx, ctx, actor, item.org_id, 'catalog.item.link', 'catalog_item', item.id, {
      after: { kind: input.kind, toItemId: to.id },
    });
    return {
      id: row.id,
      kind: row.kind,
      direction: 'out' as const,
      otherItemId: to.id,
      otherTitle: to.title,
      otherStatus: to.status,
    };
  });
}

export async function removeLink(ctx: Ctx, actor: Actor, itemId: string, linkId: string): Promise<void> {
  assertCan(actor, 'catalog.draft');
  await inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const link = await trx
      .selectFrom('catalog_item_links')
      .selectAll()
      .where('id', '=', linkId)
      .executeTakeFirst();
    if (!link || (link.from_item_id !== item.id && link.to_item_id !== item.id))
      throw notFound('link', '关联不存在');
    await trx.deleteFrom('catalog_item_links').where('id', '=', linkId).execute();
    await event(trx, ctx, actor, item, {
      revisionId: item.working_revision_id,
      action: 'unlink',
      comment: link.kind,
    });
    await audit(trx, ctx, actor, item.org_id, 'catalog.item.unlink', 'catalog_item', item.id, {
      before: { kind: link.kind, to: link.to_item_id },
    });
  });
}

// ───────────────────────── reads ─────────────────────────

export async function listItems(
  ctx: Ctx,
  actor: Actor,
  q: {
    orgId?: string;
    columnId?: string;
    status?: string;
    state?: string;
    q?: string;
    mine?: boolean;
    year?: number;
    page?: number;
    pageSize?: number;
  },
) {
  const orgId = await readAgency(ctx, actor, q.orgId);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const { rows, total } = await repo.listItems(ctx.db, {
    orgIds: [orgId],
    ...(q.columnId ? { columnId: q.columnId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.state ? { state: q.state } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.mine && actor.userId ? { draftedBy: actor.userId } : {}),
    ...(q.year ? { year: q.year } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: await summaries(ctx.db, rows), total, page, pageSize };
}

async function summaries(db: Kysely<DB>, rows: Item[]): Promise<ItemSummaryView[]> {
  if (rows.length === 0) return [];
  const colIds = [...new Set(rows.map((r) => r.column_id))];
  const cols = await db
    .selectFrom('catalog_columns')
    .select(['id', 'name'])
    .where('id', 'in', colIds)
    .execute();
  const names = new Map(cols.map((c) => [c.id, c.name]));
  const revIds = rows.flatMap((r) => (r.working_revision_id ? [r.working_revision_id] : []));
  const revs = revIds.length
    ? await db.selectFrom('catalog_item_revisions').selectAll().where('id', 'in', revIds).execute()
    : [];
  const byId = new Map(revs.map((r) => [r.id, r]));
  return rows.map((r) =>
    itemSummaryView(
      r,
      names.get(r.column_id) ?? '',
      r.working_revision_id ? (byId.get(r.working_revision_id) ?? null) : null,
    ),
  );
}

/** What this actor may do with the item now (the console shows only these buttons). */
function allowedActions(actor: Actor, item: Item, working: Revision | null): string[] {
  const out: string[] = [];
  if (actor.kind !== 'system' && actor.orgId !== item.org_id) return out;
  const has = (p: Parameters<typeof can>[1]) => can(actor, p);
  if (working) {
    const s = working.state;
    if (s === 'draft' && has('catalog.draft')) out.push('edit', 'submit', 'discard');
    if (
      s === 'submitted' &&
      has('catalog.draft') &&
      (working.drafted_by === actor.userId || has('catalog.admin'))
    )
      out.push('recall');
    if (s === 'submitted' && has('catalog.review') && working.drafted_by !== actor.userId)
      out.push('start_review');
    if (s === 'reviewing' && has('catalog.review') && working.drafted_by !== actor.userId) out.push('review');
    if (s === 'approving' && has('catalog.approve')) out.push('approve', 'reject');
    if (s === 'approving_principal' && has('catalog.approve.principal')) out.push('approve', 'reject');
  } else if (item.status === 'published' && has('catalog.draft')) out.push('new_revision');
  if ((item.status === 'published' || item.status === 'scheduled') && has('catalog.admin'))
    out.push('withdraw');
  if (item.status === 'published' && item.validity === 'valid' && has('catalog.admin')) out.push('repeal');
  return out;
}

export async function getItem(ctx: Ctx, actor: Actor, itemId: string) {
  const item = await itemForRead(ctx, actor, itemId);
  const db = ctx.db;
  const working = item.working_revision_id
    ? ((await repo.findRevision(db, item.working_revision_id)) ?? null)
    : null;
  const published = item.published_revision_id
    ? ((await repo.findRevision(db, item.published_revision_id)) ?? null)
    : null;
  const column = await repo.findColumn(db, item.column_id);
  const [summary] = await summaries(db, [item]);
  const reviews = await db
    .selectFrom('catalog_reviews')
    .selectAll()
    .where('item_id', '=', item.id)
    .orderBy('created_at')
    .execute();
  const approvals = await db
    .selectFrom('catalog_approvals')
    .selectAll()
    .where('item_id', '=', item.id)
    .orderBy('created_at')
    .execute();
  const overrides = await db
    .selectFrom('catalog_scan_overrides')
    .selectAll()
    .where('item_id', '=', item.id)
    .orderBy('created_at')
    .execute();
  const deliveries = await repo.deliveriesOf(db, item.id);
  const timeliness =
    item.generated_on && item.published_on
      ? rules.itemTimeliness(await catalogCalendar(db), item.generated_on, item.published_on)
      : null;
  return {
    ...summary!,
    columnName: column?.name ?? '',
    summary: item.summary,
    bodyHtml: item.body_html,
    topic: item.topic,
    disclosureMode: item.disclosure_mode,
    art20Item: item.art20_item,
    keywords: item.keywords,
    validityDate: item.validity_date,
    replacedByItemId: item.replaced_by_item_id,
    scheduledAt: item.scheduled_at,
    withdrawnAt: item.withdrawn_at,
    withdrawnReason: item.withdrawn_reason,
    contentUpdatedAt: item.content_updated_at,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    working: working ? revisionView(working) : null,
    published: published ? revisionView(published) : null,
    attachments: (await repo.attachmentsOf(db, (working ?? published)?.id ?? '')).map(attachmentView),
    publishedAttachments: published ? (await repo.attachmentsOf(db, published.id)).map(attachmentView) : [],
    links: await linkViews(db, item.id),
    reviews: reviews.map((r) => ({
      id: r.id,
      revisionId: r.revision_id,
      reviewerName: r.reviewer_name,
      decision: r.decision,
      checklist: JSON.parse(r.checklist) as rules.Checklist,
      opinion: r.opinion,
      scanFindings: JSON.parse(r.scan_findings) as SourcedFinding[],
      createdAt: r.created_at,
    })),
    approvals: approvals.map((a) => ({
      id: a.id,
      revisionId: a.revision_id,
      level: a.level,
      approverName: a.approver_name,
      decision: a.decision,
      opinion: a.opinion,
      createdAt: a.created_at,
    })),
    overrides: overrides.map((o) => ({
      id: o.id,
      fingerprint: o.fingerprint,
      kind: o.kind,
      masked: o.masked,
      reason: o.reason,
      overriddenByName: o.overridden_by_name,
      createdAt: o.created_at,
    })),
    deliveries: deliveries.map(deliveryView),
    timeliness,
    allowedActions: allowedActions(actor, item, working),
  };
}

async function linkViews(db: Kysely<DB>, itemId: string) {
  const out = await db
    .selectFrom('catalog_item_links as l')
    .innerJoin('catalog_items as o', 'o.id', 'l.to_item_id')
    .select(['l.id', 'l.kind', 'o.id as other', 'o.title', 'o.status'])
    .where('l.from_item_id', '=', itemId)
    .execute();
  const inc = await db
    .selectFrom('catalog_item_links as l')
    .innerJoin('catalog_items as o', 'o.id', 'l.from_item_id')
    .select(['l.id', 'l.kind', 'o.id as other', 'o.title', 'o.status'])
    .where('l.to_item_id', '=', itemId)
    .execute();
  return [
    ...out.map((l) => ({
      id: l.id,
      kind: l.kind,
      direction: 'out' as const,
      otherItemId: l.other,
      otherTitle: l.title,
      otherStatus: l.status,
    })),
    ...inc.map((l) => ({
      id: l.id,
      kind: l.kind,
      direction: 'in' as const,
      otherItemId: l.other,
      otherTitle: l.title,
      otherStatus: l.status,
    })),
  ];
}

export async function history(ctx: Ctx, actor: Actor, itemId: string) {
  const item = await itemForRead(ctx, actor, itemId);
  return repo.eventsOf(ctx.db, item.id);
}

/** Items waiting at each workflow step with their age (console queues). */
export async function queues(ctx: Ctx, actor: Actor, orgId?: string) {
  const id = await readAgency(ctx, actor, orgId);
  const states: RevisionState[] = [
    'draft',
    'submitted',
    'reviewing',
    'approving',
    'approving_principal',
    'scheduled',
  ];
  const revs = await repo.revisionsInStates(ctx.db, [id], states);
  const items = revs.length
    ? await ctx.db
        .selectFrom('catalog_items')
        .selectAll()
        .where(
          'id',
          'in',
          revs.map((r) => r.item_id),
        )
        .execute()
    : [];
  const views = await summaries(ctx.db, items);
  const byItem = new Map(views.map((v) => [v.id, v]));
  const out = Object.fromEntries(states.map((s) => [s, [] as ItemSummaryView[]])) as Record<
    string,
    ItemSummaryView[]
  >;
  for (const r of revs) {
    const v = byItem.get(r.item_id);
    if (v && v.workingRevision?.id === r.id) out[r.state]!.push(v);
  }
  return out;
}

/** Published-item lookups for the portal and search (public content only). */
export async function listPublishedColumns(ctx: Ctx, orgId: string) {
  return orderTree(await repo.listColumns(ctx.db, orgId, false)).map(columnView);
}

export async function getPublishedItem(ctx: Ctx, orgId: string, itemId: string) {
  const item = await repo.findItem(ctx.db, itemId);
  if (!item || item.org_id !== orgId || item.status !== 'published') return undefined;
  const attachments = await repo.attachmentsOf(ctx.db, item.published_revision_id!);
  return { item, attachments };
}

export { readableAgencyIds };
export type { UpdateClass };

// ───────────────────────── deliveries ─────────────────────────

export async function listDeliveries(
  ctx: Ctx,
  actor: Actor,
  q: { orgId?: string; status?: string; channel?: string },
) {
  const orgId = await readAgency(ctx, actor, q.orgId);
  let query = ctx.db
    .selectFrom('catalog_deliveries as d')
    .innerJoin('catalog_items as i', 'i.id', 'd.item_id')
    .selectAll('d')
    .select(['i.title as item_title'])
    .where('d.org_id', '=', orgId);
  if (q.status) query = query.where('d.status', '=', q.status as 'pending');
  if (q.channel) query = query.where('d.channel', '=', q.channel as ChannelName);
  const rows = await query.orderBy('d.created_at', 'desc').limit(200).execute();
  return rows.map((d) => ({ ...deliveryView(d), itemId: d.item_id, itemTitle: d.item_title }));
}

/** Puts a failed delivery back in the outbox (the next run sends it). */
export async function retryDelivery(ctx: Ctx, actor: Actor, id: string) {
  assertCan(actor, 'catalog.admin');
  return inTransaction(ctx, async (trx) => {
    const d = await trx.selectFrom('catalog_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) throw notFound('delivery', '发布记录不存在');
    assertWritesAgency(actor, d.org_id);
    if (d.status !== 'failed')
      throw conflict('invalid_transition', '只有发送失败的记录可以重发', { from: d.status, action: 'retry' });
    const now = nowIso(ctx.clock);
    await repo.updateDelivery(trx, d.id, { status: 'pending', next_attempt_at: now, updated_at: now });
    await audit(trx, ctx, actor, d.org_id, 'catalog.delivery.retry', 'catalog_item', d.item_id, {
      note: `${d.channel} 重新发送（已尝试${d.attempts}次）`,
    });
    const after = await trx
      .selectFrom('catalog_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return deliveryView(after);
  });
}
