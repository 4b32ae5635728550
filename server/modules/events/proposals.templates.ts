/** The reply-letter template of an agency (upload, reset, download) and letter rendering. */
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { agencyOf, assertReadsAgency } from '../orgs/orgs.service.js';
import * as repo from './events.repository.js';
import {
  builtInReplyTemplate,
  checkReplyTemplate,
  REPLY_PLACEHOLDERS,
  renderReplyLetter,
} from './proposals.letter.js';
import { audit, writableAgency } from './events.shared.js';

const PERM = 'events.manage' as const;

function ownAgency(actor: Actor): string {
  if (!actor.orgId) throw notFound('org', '当前账号不属于任何机关');
  return actor.orgId;
}

export async function templateInfo(ctx: Ctx, actor: Actor) {
  const orgId = ownAgency(actor);
  await assertReadsAgency(ctx, actor, orgId);
  const t = await repo.findTemplate(ctx.db, orgId);
  return {
    custom: Boolean(t),
    fileName: t?.file_name ?? null,
    uploadedAt: t?.uploaded_at ?? null,
    placeholders: REPLY_PLACEHOLDERS,
  };
}

/** Stores the agency's own .docx template after checking it renders and uses only known placeholders. */
export async function uploadTemplate(
  ctx: Ctx,
  actor: Actor,
  body: { fileName: string; contentBase64: string },
) {
  const orgId = writableAgency(actor, PERM);
  if (!/\.docx$/i.test(body.fileName))
    throw new DomainError('template_not_docx', '请上传Word（.docx）格式的模板', { field: 'fileName' });
  const content = Buffer.from(body.contentBase64, 'base64');
  if (content.length === 0 || content.length > 2 * 1024 * 1024)
    throw new DomainError('template_size', '模板文件为空或超过2MB', { field: 'contentBase64' });
  const used = checkReplyTemplate(content);
  await inTransaction(ctx, async (trx) => {
    await repo.upsertTemplate(trx, {
      org_id: orgId,
      file_name: body.fileName,
      content_base64: content.toString('base64'),
      uploaded_by: actor.userId,
      uploaded_at: nowIso(ctx.clock),
    });
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.proposal.template_upload',
      { type: 'proposal_template', id: orgId, orgId },
      {
        fileName: body.fileName,
        placeholders: used,
      },
    );
  });
  return templateInfo(ctx, actor);
}

export async function resetTemplate(ctx: Ctx, actor: Actor) {
  const orgId = writableAgency(actor, PERM);
  await inTransaction(ctx, async (trx) => {
    await repo.deleteTemplate(trx, orgId);
    await audit(trx, ctx.clock, actor, 'events.proposal.template_reset', {
      type: 'proposal_template',
      id: orgId,
      orgId,
    });
  });
  return { ok: true };
}

/** The template in force (the agency's or the built-in one) for download and editing in Word. */
export async function downloadTemplate(
  ctx: Ctx,
  actor: Actor,
): Promise<{ fileName: string; content: Buffer }> {
  const orgId = ownAgency(actor);
  await assertReadsAgency(ctx, actor, orgId);
  const t = await repo.findTemplate(ctx.db, orgId);
  return t
    ? { fileName: t.file_name, content: Buffer.from(t.content_base64, 'base64') }
    : { fileName: '建议提案答复函模板.docx', content: await builtInReplyTemplate() };
}

/** The reply letter of a replied proposal. */
export async function replyLetter(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; content: Buffer }> {
  const p = await repo.findProposal(ctx.db, id);
  if (!p) throw notFound('proposal', '该建议提案不存在');
  await assertReadsAgency(ctx, actor, p.org_id);
  const agency = await agencyOf(ctx, p.org_id);
  const t = await repo.findTemplate(ctx.db, p.org_id);
  const content = await renderReplyLetter(
    p,
    { name: agency.name, phone: agency.phone ?? null },
    t ? Buffer.from(t.content_base64, 'base64') : null,
  );
  return {
    fileName: `${p.year}年第${p.number}号${p.kind === 'suggestion' ? '建议' : '提案'}答复函.docx`,
    content,
  };
}
