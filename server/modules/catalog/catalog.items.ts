/**
 * Item drafting use cases: create, edit the draft, open a new revision of a published item,
 * discard, and links between items (政策解读, 替代).
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertWenhao } from '../../platform/validation/wenhao.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './catalog.repository.js';
import type { Revision } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import type { DocKind, ItemLinkKind } from './catalog.tables.js';
import { htmlToPlainText, sanitizeItemBody } from './rich-text.js';
import { agencyIdOf, audit, event, itemForWrite, liveColumnOf, mirror, workingOf } from './catalog.access.js';

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
    if (await repo.linkExists(trx, item.id, to.id, input.kind)) throw conflict('link_exists', '已存在该关联');
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: item.org_id,
      from_item_id: item.id,
      to_item_id: to.id,
      kind: input.kind,
      created_at: now,
    };
    await repo.insertLink(trx, row);
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
    const link = await repo.findLink(trx, linkId);
    if (!link || (link.from_item_id !== item.id && link.to_item_id !== item.id))
      throw notFound('link', '关联不存在');
    await repo.deleteLink(trx, linkId);
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
