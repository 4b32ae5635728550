/**
 * 保密审查 decision: checklist, opinion and per-finding overrides with reasons; pass moves to approval,
 * reject returns the draft to its drafter.
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { conflict, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { unresolved } from './catalog.scan.js';
import { scanRevision } from './catalog.scanning.js';
import { transition } from './catalog.transition.js';

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
        await repo.insertOverride(trx, {
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
        });
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
      await repo.insertReview(trx, {
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
      });
      await repo.updateRevision(trx, rev.id, {
        scan_findings: JSON.stringify(after.findings),
        scanned_at: now,
        returned_opinion: input.decision === 'reject' ? input.opinion.trim() : null,
      });
      return { comment: input.opinion.trim() };
    },
  );
}
