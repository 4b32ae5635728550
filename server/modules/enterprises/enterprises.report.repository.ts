/**
 * SQL of the module's yearly facts (enterprises.report.ts): counts over one agency's registry, inspections,
 * hazard self-reports and listings dated in [from, to]. Read-only; the counts run in parallel.
 */
import { toNumber } from '../../db/dialect.js';
import type { Db } from './enterprises.repository.js';

async function count(q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }): Promise<number> {
  return toNumber((await q.executeTakeFirst())?.n ?? 0);
}

export async function yearCounts(db: Db, orgId: string, from: string, to: string) {
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
  return {
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
  };
}

/** Hazards found by the inspections dated in [from, to] (their `hazards_found` summed). */
export async function hazardsFoundByInspections(db: Db, orgId: string, from: string, to: string) {
  const found = await db
    .selectFrom('ent_inspections')
    .select((eb) => eb.fn.sum<number>('hazards_found').as('n'))
    .where('org_id', '=', orgId)
    .where('inspected_on', '>=', from)
    .where('inspected_on', '<=', to)
    .executeTakeFirst();
  return toNumber(found?.n ?? 0);
}
