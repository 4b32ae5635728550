/**
 * SQL of the safety credit (credit.service.ts): the agency's rating rules (ent_settings) and the
 * 严重失信主体名单 procedures (ent_listings). Functions take `db` (a Kysely instance or transaction).
 */
import type { Db, Listing } from './enterprises.repository.js';
import type { EntListingsTable } from './enterprises.tables.js';

/** The agency's credit rules as stored (JSON), or undefined when it keeps the defaults. */
export async function creditRulesJson(db: Db, orgId: string): Promise<string | undefined> {
  const row = await db.selectFrom('ent_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return row?.credit_rules_json;
}

export async function saveCreditRulesJson(db: Db, orgId: string, json: string, now: string): Promise<void> {
  await db
    .insertInto('ent_settings')
    .values({ org_id: orgId, credit_rules_json: json, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ credit_rules_json: json, updated_at: now }))
    .execute();
}

export async function findListing(db: Db, id: string): Promise<Listing | undefined> {
  return db.selectFrom('ent_listings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertListing(db: Db, row: EntListingsTable): Promise<void> {
  await db.insertInto('ent_listings').values(row).execute();
}

/** The agency's listings, newest first (at most 500), with the enterprise's name and credit code. */
export async function listingsWithEnterprise(db: Db, orgId: string, status?: Listing['status']) {
  let q = db
    .selectFrom('ent_listings as l')
    .innerJoin('ent_enterprises as e', 'e.id', 'l.enterprise_id')
    .selectAll('l')
    .select(['e.name as enterprise_name', 'e.credit_code'])
    .where('l.org_id', '=', orgId);
  if (status) q = q.where('l.status', '=', status);
  return q.orderBy('l.created_at', 'desc').limit(500).execute();
}
