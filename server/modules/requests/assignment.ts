/**
 * Assignment (分办), handling notes and links between cases.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { conflict, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as userRepo from '../users/users.repository.js';
import { assertStage } from './requests.rules.js';
import * as repo from './requests.repository.js';
import * as records from './records.repository.js';
import { type CaseDetail } from './case-views.js';
import { appendEvent, need, setStage, write } from './case-writes.js';

export async function assignCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { divisionId: string; handlerId: string },
): Promise<CaseDetail> {
  need(actor, 'requests.admin');
  return write(ctx, actor, id, async (t, c) => {
    assertStage(c.stage, ['registered', 'assigned', 'drafting'], '分办');
    const division = await orgRepo.findById(t.db, input.divisionId);
    if (!division || division.kind !== 'division' || division.parent_id !== c.org_id)
      throw invalidField('divisionId', 'division_not_in_agency', '承办科室须为本机关的内设机构');
    const handler = await userRepo.findById(t.db, input.handlerId);
    if (!handler || handler.org_id !== c.org_id || handler.disabled)
      throw invalidField('handlerId', 'handler_not_in_agency', '承办人须为本机关的在岗人员');
    await setStage(t, c, c.stage === 'registered' ? 'assigned' : c.stage, {
      division_id: division.id,
      handler_id: handler.id,
    });
    await appendEvent(t, c, 'assigned', t.today, {
      divisionId: division.id,
      divisionName: division.name,
      handlerId: handler.id,
      handlerName: handler.display_name,
    });
  });
}

export async function addNote(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { text: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  const text = (input.text ?? '').trim();
  if (!text) throw invalidField('text', 'note_required', '请填写备注内容');
  return write(ctx, actor, id, async (t, c) => appendEvent(t, c, 'note', t.today, { text }));
}

export async function linkCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { linkedCaseNumber: string; kind: 'duplicate' | 'related'; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const other = await repo.findCaseByNumber(t.db, input.linkedCaseNumber.trim());
    if (!other || other.org_id !== c.org_id)
      throw invalidField('linkedCaseNumber', 'link_target_not_found', '未找到本机关的该受理编号');
    if (other.id === c.id) throw invalidField('linkedCaseNumber', 'link_self', '不能关联本案自身');
    const existing = await repo.linksOf(t.db, c.id);
    if (existing.some((l) => l.linked_case_id === other.id)) throw conflict('link_exists', '两案已关联');
    for (const [a, b] of [
      [c, other],
      [other, c],
    ] as const) {
      await records.insertCaseLink(t.db, {
        id: newId(),
        org_id: c.org_id,
        case_id: a.id,
        linked_case_id: b.id,
        kind: input.kind,
        note: input.note ?? null,
        created_by: t.actor.userId,
        created_at: t.now,
      });
    }
    await appendEvent(t, c, 'linked', t.today, { linkedCaseNumber: other.case_number, kind: input.kind });
  });
}
