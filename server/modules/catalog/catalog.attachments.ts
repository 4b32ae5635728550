/**
 * Attachments of the working revision: upload (signature check, text extraction for the scan and
 * search), removal, and downloads for staff and the public.
 */
import { assertCan, type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, DomainError, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { fileStorage } from '../../platform/storage/storage.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { extractText } from './extract-text.js';
import { attachmentView } from './catalog.views.js';
import { audit, event, itemForRead, itemForWrite, workingOf } from './catalog.access.js';

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
    if (r.unsupported) note = `${r.reason ?? '该格式无法自动读取文本'}，未经机器扫描，请人工审查`;
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
