/**
 * Per-agency letter templates (text blocks with {{占位符}}).
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { forbidden, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import { OUTCOMES, outcomeByCode } from './outcomes.js';
import { LETTER_KIND_LABELS, placeholdersOf } from './requests.rules.js';
import * as repo from './requests.repository.js';
import * as records from './records.repository.js';
import { allDefaultTemplates } from './letters.js';
import { LETTER_PLACEHOLDERS, assertTemplatePlaceholders } from './letter-placeholders.js';
import { getSettings } from './settings.js';
import type { LetterKind } from './requests.tables.js';
import { need, txOf } from './case-writes.js';

// ---------------------------------------------------------------------------------------------
// Templates

export async function listTemplates(ctx: Ctx, actor: Actor) {
  if (!actor.orgId) throw forbidden();
  await assertReadsAgency(ctx, actor, actor.orgId);
  const [rows, settings] = await Promise.all([
    repo.templatesOf(ctx.db, actor.orgId),
    getSettings(ctx, actor),
  ]);
  return {
    // What each placeholder means and a sample value, for the console's editor and preview.
    placeholders: LETTER_PLACEHOLDERS.map((p) => ({
      name: p.name,
      description: p.description,
      sample: p.sample,
      ...(p.kinds ? { kinds: [...p.kinds] } : {}),
    })),
    settings,
    items: allDefaultTemplates().map((d) => {
      const row = rows.find((r) => r.kind === d.kind && r.outcome_code === d.outcomeCode);
      const body = row?.body ?? d.body;
      return {
        kind: d.kind,
        kindLabel: LETTER_KIND_LABELS[d.kind],
        outcomeCode: d.outcomeCode,
        ...(d.outcomeCode ? { outcomeLabel: outcomeByCode(d.outcomeCode).labelZh } : {}),
        title: row?.title ?? d.title,
        body,
        customised: Boolean(row),
        placeholders: placeholdersOf(`${row?.title ?? d.title}\n${body}`),
      };
    }),
  };
}

export async function putTemplate(
  ctx: Ctx,
  actor: Actor,
  input: { kind: LetterKind; outcomeCode?: string; title: string; body: string },
) {
  need(actor, 'requests.admin');
  if (!(input.kind in LETTER_KIND_LABELS))
    throw invalidField('kind', 'invalid_letter_kind', '未知的文书类型');
  if (input.kind === 'reply' && !OUTCOMES.some((o) => o.code === input.outcomeCode))
    throw invalidField('outcomeCode', 'unknown_outcome', '答复告知书模板须指定办理结果');
  const outcomeCode = input.kind === 'reply' ? (input.outcomeCode ?? '') : '';
  if (!input.title?.trim() || !input.body?.trim())
    throw invalidField('body', 'template_required', '文书标题和正文不能为空');
  assertTemplatePlaceholders(input.kind, input.title, input.body);
  return inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor);
    const orgId = actor.orgId!;
    const existing = await repo.findTemplate(trx, orgId, input.kind, outcomeCode);
    if (existing) {
      await records.updateTemplate(trx, existing.id, {
        title: input.title.trim(),
        body: input.body,
        updated_by: actor.userId,
        updated_at: t.now,
      });
    } else {
      await records.insertTemplate(trx, {
        id: newId(),
        org_id: orgId,
        kind: input.kind,
        outcome_code: outcomeCode,
        title: input.title.trim(),
        body: input.body,
        updated_by: actor.userId,
        updated_at: t.now,
      });
    }
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.template_update',
      targetType: 'request_template',
      targetId: `${input.kind}:${outcomeCode}`,
      orgId,
      before: existing ? { title: existing.title, body: existing.body } : undefined,
      after: { title: input.title, body: input.body },
    });
    return {
      kind: input.kind,
      outcomeCode,
      title: input.title.trim(),
      body: input.body,
      customised: true,
      placeholders: placeholdersOf(`${input.title}\n${input.body}`),
    };
  });
}

export async function resetTemplate(
  ctx: Ctx,
  actor: Actor,
  input: { kind: LetterKind; outcomeCode?: string },
) {
  need(actor, 'requests.admin');
  const outcomeCode = input.kind === 'reply' ? (input.outcomeCode ?? '') : '';
  await inTransaction(ctx, async (trx) => {
    await records.deleteTemplate(trx, actor.orgId!, input.kind, outcomeCode);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.template_reset',
      targetType: 'request_template',
      targetId: `${input.kind}:${outcomeCode}`,
      orgId: actor.orgId,
    });
  });
  return { ok: true };
}
