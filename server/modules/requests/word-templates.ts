/**
 * Agencies' own Word layouts for 依申请公开 letters (文书模板 → Word版式): upload a .docx per letter kind
 * (checked: a real .docx, known placeholders, title and body present), download it or the built-in
 * starter, remove it (back to the built-in layout). Every write is ONE transaction with its audit row.
 * A letter issued while a Word layout is in force is rendered with it at once (case-writes.ts), so the
 * file an applicant gets never changes when the layout is later replaced.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import { LETTER_KIND_LABELS } from './requests.rules.js';
import type { LetterKind } from './requests.tables.js';
import * as words from './word-templates.repository.js';
import { need } from './case-writes.js';
import {
  WORD_LAYOUT_PLACEHOLDERS,
  WORD_TEMPLATE_MAX_BYTES,
  checkWordTemplate,
  starterWordTemplate,
  wordPlaceholdersFor,
} from './word-template.js';

export interface WordTemplateView {
  kind: LetterKind;
  kindLabel: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  placeholders: string[];
  uploadedAt: string;
}

function assertKind(kind: string): asserts kind is LetterKind {
  if (!(kind in LETTER_KIND_LABELS)) throw invalidField('kind', 'invalid_letter_kind', '未知的文书类型');
}

function view(r: words.WordTemplateMeta): WordTemplateView {
  return {
    kind: r.kind,
    kindLabel: LETTER_KIND_LABELS[r.kind],
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    placeholders: JSON.parse(r.placeholders) as string[],
    uploadedAt: r.uploaded_at,
  };
}

/** The agency's Word layouts, and the placeholders each kind's layout may use. */
export async function listWordTemplates(ctx: Ctx, actor: Actor) {
  if (!actor.orgId) throw forbidden();
  await assertReadsAgency(ctx, actor, actor.orgId);
  const rows = await words.wordTemplatesOf(ctx.db, actor.orgId);
  return {
    items: rows.map(view),
    layout: WORD_LAYOUT_PLACEHOLDERS.map((p) => ({ ...p })),
    kinds: (Object.keys(LETTER_KIND_LABELS) as LetterKind[]).map((kind) => ({
      kind,
      kindLabel: LETTER_KIND_LABELS[kind],
      placeholders: wordPlaceholdersFor(kind),
    })),
    maxBytes: WORD_TEMPLATE_MAX_BYTES,
  };
}

/** Uploads (or replaces) the agency's Word layout for a letter kind. */
export async function uploadWordTemplate(
  ctx: Ctx,
  actor: Actor,
  kind: string,
  input: { fileName: string; bytes: Buffer },
): Promise<WordTemplateView> {
  need(actor, 'requests.admin');
  assertKind(kind);
  const fileName = path.basename(input.fileName.trim()).slice(0, 200);
  if (!fileName) throw invalidField('file', 'file_required', '请选择要上传的Word模板');
  if (!/\.docx$/i.test(fileName))
    throw invalidField(
      'file',
      'word_template_not_docx',
      '上传的文件不是有效的Word文档（.docx）；.doc、WPS 文件请先另存为 .docx',
    );
  if (input.bytes.length === 0) throw invalidField('file', 'file_empty', '文件是空的');
  const placeholders = checkWordTemplate(kind, input.bytes);
  const orgId = actor.orgId!;
  return inTransaction(ctx, async (trx) => {
    const existing = await words.findWordTemplate(trx, orgId, kind);
    if (existing) await words.deleteWordTemplate(trx, existing.id);
    const row = {
      id: newId(),
      org_id: orgId,
      kind,
      outcome_code: '',
      file_name: fileName,
      placeholders: JSON.stringify(placeholders),
      content_base64: input.bytes.toString('base64'),
      size_bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      uploaded_by: actor.userId,
      uploaded_at: nowIso(ctx.clock),
    };
    await words.insertWordTemplate(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.word_template_upload',
      targetType: 'request_template',
      targetId: `${kind}:word`,
      orgId,
      ...(existing
        ? {
            before: { fileName: existing.file_name, sha256: existing.sha256, sizeBytes: existing.size_bytes },
          }
        : {}),
      after: { fileName, sha256: row.sha256, sizeBytes: row.size_bytes, placeholders },
    });
    return view(row);
  });
}

/** Removes the agency's Word layout for a kind: its letters use the built-in layout again. */
export async function removeWordTemplate(ctx: Ctx, actor: Actor, kind: string): Promise<void> {
  need(actor, 'requests.admin');
  assertKind(kind);
  const orgId = actor.orgId!;
  await inTransaction(ctx, async (trx) => {
    const existing = await words.findWordTemplate(trx, orgId, kind);
    if (!existing) throw notFound('request_docx_template', '该文书没有上传Word版式');
    await words.deleteWordTemplate(trx, existing.id);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.word_template_remove',
      targetType: 'request_template',
      targetId: `${kind}:word`,
      orgId,
      before: { fileName: existing.file_name, sha256: existing.sha256, sizeBytes: existing.size_bytes },
    });
  });
}

/** The uploaded Word layout of a kind, as uploaded. */
export async function wordTemplateFile(ctx: Ctx, actor: Actor, kind: string) {
  if (!actor.orgId) throw forbidden();
  assertKind(kind);
  await assertReadsAgency(ctx, actor, actor.orgId);
  const row = await words.findWordTemplate(ctx.db, actor.orgId, kind);
  if (!row) throw notFound('request_docx_template', '该文书没有上传Word版式');
  return { fileName: row.file_name, bytes: Buffer.from(row.content_base64, 'base64') };
}

/** The built-in layout of a kind as a Word template with the placeholders, to start from. */
export async function starterWordTemplateFile(ctx: Ctx, actor: Actor, kind: string) {
  if (!actor.orgId) throw forbidden();
  assertKind(kind);
  await assertReadsAgency(ctx, actor, actor.orgId);
  return {
    fileName: `${LETTER_KIND_LABELS[kind]}-Word版式模板.docx`,
    bytes: await starterWordTemplate(kind),
  };
}
