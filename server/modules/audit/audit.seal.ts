/**
 * `gongkai audit seal-legacy` (issue 14, item 5): rows written before the audit MAC existed have none, so
 * `audit verify` reports mac_missing on them. This gives a MAC to the unbroken legacy prefix only (see
 * planLegacySeal) and records the sealing in the audit log itself, in one transaction.
 */
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { auditMac } from '../../platform/keys/keys.js';
import { planLegacySeal, type LegacyRow, type SealPlan } from './audit.rules.js';
import * as repo from './audit.repository.js';
import type { Db } from './audit.repository.js';
import { recordAudit } from './audit.service.js';

export async function sealLegacyRows(db: Db, clock: Clock, actor: Actor, batch = 5000): Promise<SealPlan> {
  return db.transaction().execute(async (trx) => {
    // Claiming the head first (inside recordAudit) would add a row to the chain we are judging; instead
    // read it, decide, and only then append the sealing entry — still one transaction. Only the legacy
    // prefix is held in memory, plus the first MAC'd row and the first MAC-less row after it.
    const { firstMac, missingAfter } = await repo.macBoundary(trx);
    const rows: LegacyRow[] = [];
    const end = firstMac ? firstMac.seq : Infinity;
    for (let seq = 1; seq < end;) {
      const page = (await repo.rowsFrom(trx, seq, batch)).filter((r) => r.seq < end);
      rows.push(...page);
      if (page.length < batch) break;
      seq = page[page.length - 1]!.seq + 1;
    }
    if (firstMac) rows.push(firstMac);
    if (missingAfter) rows.push(missingAfter);
    const plan = planLegacySeal(rows);
    if (plan.kind !== 'seal') return plan;
    for (const seq of plan.seqs) {
      const row = rows[seq - 1]!;
      await repo.setMacIfMissing(trx, seq, auditMac(row.hash));
    }
    await recordAudit(trx, clock, actor, {
      action: 'audit.seal_legacy',
      targetType: 'audit_log',
      targetId: null,
      orgId: null,
      after: { sealed: plan.seqs.length, fromSeq: plan.seqs[0], toSeq: plan.seqs[plan.seqs.length - 1] },
      note: '为密钥校验码启用前的早期审计记录补签校验码',
    });
    return plan;
  });
}
