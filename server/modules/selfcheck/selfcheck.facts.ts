/**
 * Read-only facts of the self-check for other modules (the 考核 scorecards): per agency, the newest
 * completed report dated within a period and its finding counts. Signature kept stable.
 */
import type { Ctx } from '../../platform/context.js';
import * as repo from './selfcheck.repository.js';

/** A period of China dates, both ends inclusive ('YYYY-MM-DD'). */
export interface SelfcheckPeriod {
  from: string;
  to: string;
}

export interface SelfcheckAgencyFacts {
  orgId: string;
  /** The newest completed report dated within the period; null when none ran. */
  latestReportId: string | null;
  runOn: string | null;
  /** Completed reports dated within the period. */
  reports: number;
  /** Findings of the latest report: all, and by severity (单项否决 / 扣分 / 提示). */
  findings: number;
  veto: number;
  deduct: number;
  hint: number;
  /** Findings of the latest report per indicator code (selfcheck.rules.ts INDICATORS). */
  byIndicator: Record<string, number>;
}

export async function selfcheckFacts(
  ctx: Pick<Ctx, 'db'>,
  orgIds: readonly string[],
  period: SelfcheckPeriod,
): Promise<SelfcheckAgencyFacts[]> {
  const { latest, counts } = await repo.latestReports(ctx.db, orgIds, period.from, period.to);
  const byOrg = new Map(latest.map((r) => [r.org_id, r]));
  return orgIds.map((orgId) => {
    const r = byOrg.get(orgId);
    if (!r)
      return {
        orgId,
        latestReportId: null,
        runOn: null,
        reports: 0,
        findings: 0,
        veto: 0,
        deduct: 0,
        hint: 0,
        byIndicator: {},
      };
    const veto = Number(r.veto_count);
    const deduct = Number(r.deduct_count);
    const hint = Number(r.hint_count);
    return {
      orgId,
      latestReportId: r.id,
      runOn: r.run_on,
      reports: counts.get(orgId) ?? 0,
      findings: veto + deduct + hint,
      veto,
      deduct,
      hint,
      byIndicator: JSON.parse(r.counts_json) as Record<string, number>,
    };
  });
}
