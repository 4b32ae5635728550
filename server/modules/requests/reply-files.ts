/**
 * Files released with a reply (予以公开 / 部分公开): the information itself, attached by staff while the
 * reply is prepared and downloaded by the applicant from /track (the signed tracking cookie proves the
 * 受理编号 and 查询码 were given). Every write is one transaction with its audit row.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './requests.repository.js';
import * as files from './reply-files.repository.js';
import { need } from './case-writes.js';
import type { RequestStage } from './requests.tables.js';

/** Formats government information is released in (条例第四十条: 纸质、电子 …), by extension. */
const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wps': 'application/vnd.ms-works',
  '.txt': 'text/plain; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.zip': 'application/zip',
};
export const MAX_REPLY_FILE_BYTES = 20 * 1024 * 1024;
const MAX_FILES_PER_CASE = 20;
/** Files can be attached until the reply is sent; after that they are the record of what was released. */
const OPEN_STAGES: ReadonlySet<RequestStage> = new Set([
  'registered',
  'assigned',
  'drafting',
  'review',
  'sign_off',
]);

export interface ReplyFileView {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  createdAt: string;
  /** The staff download (the applicant's is /track/files/:id). */
  downloadUrl: string;
}

const view = (f: files.ReplyFileMeta): ReplyFileView => ({
  id: f.id,
  fileName: f.file_name,
  mime: f.mime,
  sizeBytes: f.size_bytes,
  createdAt: f.created_at,
  downloadUrl: `/api/request-reply-files/${f.id}`,
});

/** The MIME type of an allowed file name, or a field error naming the allowed formats. */
export function replyFileType(fileName: string): string {
  const type = TYPES[path.extname(fileName).toLowerCase()];
  if (!type)
    throw invalidField(
      'file',
      'reply_file_type',
      '答复附件须为 PDF、OFD、Word、Excel、WPS、文本、图片（JPG/PNG）或 ZIP 文件',
    );
  return type;
}

export async function listReplyFiles(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
): Promise<{ items: ReplyFileView[] }> {
  const c = await repo.findCase(ctx.db, caseId);
  if (!c) throw notFound('request_case', '申请不存在');
  await assertReadsAgency(ctx, actor, c.org_id);
  return { items: (await files.replyFilesOf(ctx.db, caseId)).map(view) };
}

export async function addReplyFile(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  input: { fileName: string; bytes: Buffer },
): Promise<ReplyFileView> {
  need(actor, 'requests.handle', 'requests.admin');
  const fileName = path.basename(input.fileName.trim()).slice(0, 200);
  if (!fileName) throw invalidField('file', 'file_required', '请选择要上传的文件');
  const mime = replyFileType(fileName);
  if (input.bytes.length === 0) throw invalidField('file', 'file_empty', '文件是空的');
  if (input.bytes.length > MAX_REPLY_FILE_BYTES)
    throw invalidField('file', 'reply_file_too_large', '答复附件不能超过20MB');
  return inTransaction(ctx, async (trx) => {
    const c = await repo.findCase(trx, caseId);
    if (!c) throw notFound('request_case', '申请不存在');
    assertWritesAgency(actor, c.org_id);
    if (!OPEN_STAGES.has(c.stage))
      throw conflict('reply_files_closed', '答复已送达或申请未登记，不能再添加答复附件');
    if ((await files.replyFilesOf(trx, caseId)).length >= MAX_FILES_PER_CASE)
      throw conflict(
        'reply_files_limit',
        `每件申请最多添加${MAX_FILES_PER_CASE}个答复附件，可打包为 ZIP 后上传`,
      );
    const row = {
      id: newId(),
      org_id: c.org_id,
      case_id: c.id,
      file_name: fileName,
      mime,
      size_bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      content_base64: input.bytes.toString('base64'),
      created_by: actor.userId,
      created_at: nowIso(ctx.clock),
    };
    await files.insertReplyFile(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.reply_file_add',
      targetType: 'request_case',
      targetId: c.id,
      orgId: c.org_id,
      after: { fileId: row.id, fileName, sizeBytes: row.size_bytes, sha256: row.sha256 },
    });
    return view(row);
  });
}

export async function removeReplyFile(ctx: Ctx, actor: Actor, fileId: string): Promise<void> {
  need(actor, 'requests.handle', 'requests.admin');
  await inTransaction(ctx, async (trx) => {
    const f = await files.findReplyFile(trx, fileId);
    if (!f) throw notFound('reply_file', '附件不存在');
    assertWritesAgency(actor, f.org_id);
    const c = await repo.findCase(trx, f.case_id);
    if (!c || !OPEN_STAGES.has(c.stage)) throw conflict('reply_files_closed', '答复已送达，答复附件不能删除');
    await files.deleteReplyFile(trx, fileId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.reply_file_remove',
      targetType: 'request_case',
      targetId: f.case_id,
      orgId: f.org_id,
      before: { fileId, fileName: f.file_name, sha256: f.sha256 },
    });
  });
}

/** A reply file's bytes for staff of the agency. */
export async function replyFileForStaff(ctx: Ctx, actor: Actor, fileId: string) {
  const f = await files.findReplyFile(ctx.db, fileId);
  if (!f) throw notFound('reply_file', '附件不存在');
  await assertReadsAgency(ctx, actor, f.org_id);
  return { fileName: f.file_name, mime: f.mime, bytes: Buffer.from(f.content_base64, 'base64') };
}

/** The files the applicant sees on /track: only once the reply has been sent. */
export async function publicReplyFiles(
  ctx: Ctx,
  caseId: string,
  stage: RequestStage,
): Promise<ReplyFileView[]> {
  if (stage !== 'replied' && stage !== 'archived') return [];
  return (await files.replyFilesOf(ctx.db, caseId)).map(view);
}

/** One file for the applicant whose tracking cookie names `caseId`. */
export async function publicReplyFile(ctx: Ctx, caseId: string, fileId: string) {
  const f = await files.findReplyFile(ctx.db, fileId);
  const c = f ? await repo.findCase(ctx.db, f.case_id) : undefined;
  if (!f || !c || f.case_id !== caseId || (c.stage !== 'replied' && c.stage !== 'archived'))
    throw notFound('reply_file', '附件不存在');
  return { fileName: f.file_name, mime: f.mime, bytes: Buffer.from(f.content_base64, 'base64') };
}
