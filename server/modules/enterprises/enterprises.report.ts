/**
 * The module's facts for the annual report (annual-report/sources.ts EnterprisesReportFacts) and the
 * supervision dashboard (GET /api/enterprises/stats): inspections, hazards found and rectified, listings.
 * Hazards found = self-reported hazards dated in the year + hazards found by the year's inspections;
 * rectified = those self-reports rectified by 31 December.
 */
import type { Ctx } from '../../platform/context.js';
import type { EnterprisesReportFacts } from '../annual-report/sources.js';
import { hazardsFoundByInspections, yearCounts } from './enterprises.report.repository.js';

export async function enterpriseStats(ctx: Ctx, orgId: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const c = await yearCounts(ctx.db, orgId, from, to);
  const found = await hazardsFoundByInspections(ctx.db, orgId, from, to);
  return {
    year,
    enterprises: c.enterprises,
    inspections: c.inspections,
    inspectionsPublished: c.inspectionsPublished,
    inspectionsWithPenalty: c.inspectionsWithPenalty,
    hazardsSelfReported: c.selfReported,
    majorHazardsSelfReported: c.major,
    hazardsRectified: c.rectified,
    hazardsEscalated: c.escalated,
    hazardsFoundByInspections: found,
    listingsDecided: c.listingsDecided,
    listingsRemoved: c.listingsRemoved,
  };
}

/** annual-report/sources.ts `enterprises` source. */
export async function enterprisesReportFacts(
  ctx: Ctx,
  orgId: string,
  year: number,
): Promise<EnterprisesReportFacts> {
  const s = await enterpriseStats(ctx, orgId, year);
  return {
    inspections: s.inspections,
    hazards: { found: s.hazardsSelfReported + s.hazardsFoundByInspections, rectified: s.hazardsRectified },
    creditListings: s.listingsDecided,
  };
}
