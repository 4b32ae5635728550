/** Per-agency settings of each kind (handler division, working-day limits, publication, sign-off) and common-reply snippets. */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './interaction.repository.js';
import { agencyIdOf, settingsFor, tx } from './interaction.common.js';
import {
  KINDS,
  KIND_LABELS,
  checkText,
  fieldsError,
  isKind,
  validateSettings,
  type KindSettings,
} from './interaction.rules.js';

export interface KindSettingsView extends KindSettings {
  label: string;
}

export async function getSettings(ctx: Ctx, actor: Actor): Promise<KindSettingsView[]> {
  const orgId = agencyIdOf(actor, 'business.read');
  const s = await settingsFor(ctx.db, orgId);
  return KINDS.map((k) => ({ ...s[k], label: KIND_LABELS[k] }));
}

export async function putSettings(ctx: Ctx, actor: Actor, input: KindSettings): Promise<KindSettingsView[]> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  if (!isKind(input.kind)) throw invalidField('kind', 'invalid_kind', '类别无效');
  validateSettings(input);
  await tx(ctx, async (t) => {
    if (input.handlerDivisionId) {
      const d = await orgRepo.findById(t.db, input.handlerDivisionId);
      if (!d || d.parent_id !== orgId || d.kind !== 'division')
        throw invalidField('handlerDivisionId', 'invalid_division', '请选择本机关的科室');
    }
    const before = (await settingsFor(t.db, orgId))[input.kind];
    await repo.putSettings(t.db, {
      org_id: orgId,
      kind: input.kind,
      enabled: input.enabled ? 1 : 0,
      handler_division_id: input.handlerDivisionId ?? null,
      accept_workdays: input.acceptWorkdays,
      answer_workdays: input.answerWorkdays,
      publishable: input.publishable ? 1 : 0,
      sign_off_required: input.signOffRequired ? 1 : 0,
      updated_at: t.now,
      updated_by: actor.userId,
    });
    await recordAudit(t.db, t.clock, actor, {
      action: 'interaction.settings_changed',
      targetType: 'interaction_settings',
      targetId: input.kind,
      orgId,
      before,
      after: input,
    });
  });
  return getSettings(ctx, actor);
}

export interface SnippetView {
  id: string;
  title: string;
  body: string;
}

export async function listSnippets(ctx: Ctx, actor: Actor): Promise<SnippetView[]> {
  const orgId = agencyIdOf(actor, 'business.read');
  return (await repo.snippets(ctx.db, orgId)).map((s) => ({ id: s.id, title: s.title, body: s.body }));
}

export async function saveSnippet(
  ctx: Ctx,
  actor: Actor,
  input: { id?: string | null; title: string; body: string },
): Promise<SnippetView> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  const errors: Record<string, string> = {};
  const title = checkText(errors, 'title', '标题', input.title, 100, true);
  const body = checkText(errors, 'body', '内容', input.body, 5000, true);
  if (Object.keys(errors).length) throw fieldsError(errors);
  return tx(ctx, async (t) => {
    if (input.id) {
      const existing = await repo.getSnippet(t.db, input.id);
      if (!existing || existing.org_id !== orgId) throw notFound('snippet', '常用答复不存在');
    }
    const id = input.id ?? newId();
    await repo.putSnippet(t.db, { id, org_id: orgId, title, body, updated_at: t.now });
    await recordAudit(t.db, t.clock, actor, {
      action: 'interaction.snippet_saved',
      targetType: 'interaction_snippet',
      targetId: id,
      orgId,
      after: { title },
    });
    return { id, title, body };
  });
}

export async function deleteSnippet(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: boolean }> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  await tx(ctx, async (t) => {
    const existing = await repo.getSnippet(t.db, id);
    if (!existing || existing.org_id !== orgId) throw notFound('snippet', '常用答复不存在');
    await repo.deleteSnippet(t.db, id);
    await recordAudit(t.db, t.clock, actor, {
      action: 'interaction.snippet_deleted',
      targetType: 'interaction_snippet',
      targetId: id,
      orgId,
      before: { title: existing.title },
    });
  });
  return { ok: true };
}
