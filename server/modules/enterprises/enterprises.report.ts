/**
 * The module's facts for the annual report (annual-report/sources.ts EnterprisesReportFacts) and the
 * supervision dashboard (GET /api/enterprises/stats): inspections, hazards found and rectified, listings.
 * Hazards found = self-reported hazards dated in the year + hazards found by the year's inspections;
 * rectified = those self-reports rectified by 31 December.
 */
import type { Ctx } from '../../platform/context.js';
import { toNumber } from '../../db/dialect.js';
import type { EnterprisesReportFacts } from '../annual-report/sources.js';

async function count(q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }): Promise<number> {
  return toNumber((await q.executeTakeFirst())?.n ?? 0);
}

export async function enterpriseStats(ctx: Ctx, orgId: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const db = ctx.db;
  const reports = () =>
    db
      .selectFrom('ent_hazard_reports')
      .where('org_id', '=', orgId)
      .where('reported_on', '>=', from)
      .where('reported_on', '<=', to);
  const insp = () =>
    db
      .selectFrom('ent_inspections')
      .where('org_id', '=', orgId)
      .where('inspected_on', '>=', from)
      .where('inspected_on', '<=', to);
  const [
    enterprises,
    inspections,
    inspectionsPublished,
    inspectionsWithPenalty,
    selfReported,
    major,
    rectified,
    escalated,
    listingsDecided,
    listingsRemoved,
  ] = await Promise.all([
    count(
      db
        .selectFrom('ent_enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId),
    ),
    count(insp().select((eb) => eb.fn.countAll().as('n'))),
    count(
      insp()
        .select((eb) => eb.fn.countAll().as('n'))
        .where('published_at', 'is not', null),
    ),
    count(
      insp()
        .select((eb) => eb.fn.countAll().as('n'))
        .where('result', '=', 'penalty'),
    ),
    count(reports().select((eb) => eb.fn.countAll().as('n'))),
    count(
      reports()
        .select((eb) => eb.fn.countAll().as('n'))
        .where('level', '=', 'major'),
    ),
    count(
      reports()
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'rectified')
        .where('rectified_on', '<=', to),
    ),
    count(
      reports()
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'escalated'),
    ),
    count(
      db
        .selectFrom('ent_listings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .where('decided_on', '>=', from)
        .where('decided_on', '<=', to),
    ),
    count(
      db
        .selectFrom('ent_listings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .where('status', '=', 'removed')
        .where('removed_on', '>=', from)
        .where('removed_on', '<=', to),
    ),
  ]);
  const found = await db
    .selectFrom('ent_inspections')
    .select((eb) => eb.fn.sum<number>('hazards_found').as('n'))
    .where('org_id', '=', orgId)
    .where('inspected_on', '>=', from)
    .where('inspected_on', '<=', to)
    .executeTakeFirst();
  return {
    year,
    enterprises,
    inspections,
    inspectionsPublished,
    inspectionsWithPenalty,
    hazardsSelfReported: selfReported,
    majorHazardsSelfReported: major,
    hazardsRectified: rectified,
    hazardsEscalated: escalated,
    hazardsFoundByInspections: toNumber(found?.n ?? 0),
    listingsDecided,
    listingsRemoved,
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
