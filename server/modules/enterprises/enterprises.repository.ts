/**
 * SQL of the 智慧安监 registry (enterprises, licences, hazard self-reports, inspections, listings, import
 * jobs). Functions take `db` (a Kysely instance or transaction). The registry's automatic links to the
 * enforcement records (by credit code) are read through the enforcement module (its index.ts).
 */
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { DialectName } from '../../db/database.js';
import type {
  EntEnterprisesTable,
  EntHazardReportsTable,
  EntImportJobsTable,
  EntInspectionsTable,
  EntLicencesTable,
  EntListingsTable,
  SupervisionCategory,
} from './enterprises.tables.js';

export type Db = Kysely<DB>;
export type Enterprise = Selectable<EntEnterprisesTable>;
export type Licence = Selectable<EntLicencesTable>;
export type HazardReport = Selectable<EntHazardReportsTable>;
export type Inspection = Selectable<EntInspectionsTable>;
export type Listing = Selectable<EntListingsTable>;

/** Counts stop here ("1000 条以上"): a count over a whole province would read every row. */
export const COUNT_CAP = 1000;

export async function findEnterprise(db: Db, id: string): Promise<Enterprise | undefined> {
  return db.selectFrom('ent_enterprises').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByCode(db: Db, orgId: string, creditCode: string): Promise<Enterprise | undefined> {
  return db
    .selectFrom('ent_enterprises')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
}

export async function insertEnterprise(db: Db, row: EntEnterprisesTable): Promise<void> {
  await db.insertInto('ent_enterprises').values(row).execute();
}

export async function updateEnterprise(
  db: Db,
  id: string,
  patch: Partial<EntEnterprisesTable>,
): Promise<void> {
  await db.updateTable('ent_enterprises').set(patch).where('id', '=', id).execute();
}

export async function licencesOf(db: Db, enterpriseId: string): Promise<Licence[]> {
  return db
    .selectFrom('ent_licences')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('valid_to')
    .execute();
}

export async function replaceLicences(db: Db, enterpriseId: string, rows: EntLicencesTable[]): Promise<void> {
  await db.deleteFrom('ent_licences').where('enterprise_id', '=', enterpriseId).execute();
  if (rows.length) await db.insertInto('ent_licences').values(rows).execute();
}

export async function replaceTokens(
  db: Db,
  orgId: string,
  enterpriseId: string,
  tokens: string[],
): Promise<void> {
  await db.deleteFrom('ent_name_tokens').where('enterprise_id', '=', enterpriseId).execute();
  if (tokens.length)
    await db
      .insertInto('ent_name_tokens')
      .values(tokens.map((token) => ({ org_id: orgId, token, enterprise_id: enterpriseId })))
      .execute();
}

export interface EnterpriseFilter {
  orgId: string;
  /** name tokens that must all match */
  tokens?: string[];
  creditCode?: string;
  /** GB/T 2260 prefix (2, 4 or 6 digits) */
  regionPrefix?: string;
  /** GB/T 4754 digits prefix */
  industryPrefix?: string;
  category?: SupervisionCategory;
  limit: number;
  offset: number;
}

/** Upper bound for a prefix range on a text column ('3703' → '3703~', above every digit). */
const upper = (prefix: string) => `${prefix}~`;

/**
 * The city (4-digit GB/T 2260 prefix) of a region code, written exactly as the expression indexes
 * ent_enterprises_city and ent_enterprises_category_city (migration 20261209_0200) are, so both engines
 * match the predicate to them and return a city's enterprises in id order.
 */
export const cityOf = (column: 'e.region_code') => sql<string>`substr(${sql.ref(column)}, 1, 4)`;

/**
 * Area and code filters as the indexes serve them in id order: a county (6 digits, the column's full
 * width) and a 4-digit industry class are equalities, a city is the `cityOf` expression; only a province
 * (2 digits, nearly the whole registry of an agency) or a shorter industry prefix stays a range.
 */
function enterpriseFilters<Q extends ReturnType<typeof baseQuery>>(
  q: Q,
  f: Omit<EnterpriseFilter, 'limit' | 'offset' | 'tokens'>,
): Q {
  let r = q.where('e.org_id', '=', f.orgId);
  if (f.creditCode) r = r.where('e.credit_code', '=', f.creditCode);
  if (f.category) r = r.where('e.category', '=', f.category);
  const region = f.regionPrefix;
  if (region?.length === 6) r = r.where('e.region_code', '=', region);
  else if (region?.length === 4) r = r.where(cityOf('e.region_code'), '=', region);
  else if (region) r = r.where('e.region_code', '>=', region).where('e.region_code', '<', upper(region));
  const industry = f.industryPrefix;
  if (industry?.length === 4) r = r.where('e.industry_code', '=', industry);
  else if (industry)
    r = r.where('e.industry_code', '>=', industry).where('e.industry_code', '<', upper(industry));
  return r as Q;
}

const baseQuery = (db: Db) => db.selectFrom('ent_enterprises as e');

function enterpriseQuery(db: Db, f: Omit<EnterpriseFilter, 'limit' | 'offset' | 'tokens'>) {
  return enterpriseFilters(baseQuery(db), f);
}

/** Postings of a token, counted up to `cap` (an index range scan, never more than `cap` entries). */
async function postings(db: Db, orgId: string, token: string, cap: number): Promise<number> {
  const r = await db
    .selectFrom(
      db
        .selectFrom('ent_name_tokens')
        .select('enterprise_id')
        .where('org_id', '=', orgId)
        .where('token', '=', token)
        .limit(cap)
        .as('p'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return toNumber(r?.n);
}

/**
 * A name search is driven by its rarest token: the (org_id, token, enterprise_id) primary key yields that
 * token's enterprises already in id order, the other tokens are primary-key probes, so a page costs a few
 * index reads however large the registry is. The join order is fixed, not left to the planner: PostgreSQL
 * otherwise walked the registry's primary key backwards (id order is also e.id order) and probed the token
 * for every enterprise — 2.5 s p99 at 200,000 rows. On PostgreSQL the enterprise is a LATERAL lookup with
 * `LIMIT 1` (a subquery it cannot flatten, so the token scan stays the outer loop); on SQLite a CROSS JOIN
 * keeps the left table outer.
 */
export function tokenQuery(
  db: Db,
  dialect: DialectName,
  f: Omit<EnterpriseFilter, 'limit' | 'offset'>,
  driver: string,
  others: string[],
) {
  let q =
    dialect === 'postgres'
      ? db.selectFrom('ent_name_tokens as t').innerJoinLateral(
          (eb) =>
            enterpriseFilters(
              eb.selectFrom('ent_enterprises as e').selectAll('e').whereRef('e.id', '=', 't.enterprise_id'),
              f,
            )
              .limit(1)
              .as('e'),
          (join) => join.onTrue(),
        )
      : enterpriseFilters(
          db
            .selectFrom('ent_name_tokens as t')
            .crossJoin('ent_enterprises as e')
            .whereRef('e.id', '=', 't.enterprise_id'),
          f,
        );
  q = q.where('t.org_id', '=', f.orgId).where('t.token', '=', driver);
  for (const [i, token] of others.entries()) q = q.where((eb) => hasToken(eb, i, f.orgId, token));
  return q;
}

/** The posting t also holds `token` (a primary-key probe). */
function hasToken(
  eb: ExpressionBuilder<DB & { t: DB['ent_name_tokens'] }, 't'>,
  i: number,
  orgId: string,
  token: string,
) {
  const alias = `t${i}` as 't0';
  return eb.exists(
    eb
      .selectFrom(`ent_name_tokens as ${alias}`)
      .select(sql.lit(1).as('x'))
      .where(`${alias}.org_id`, '=', orgId)
      .where(`${alias}.token`, '=', token)
      .whereRef(`${alias}.enterprise_id`, '=', 't.enterprise_id'),
  );
}

/**
 * The enterprises holding every name token, from the postings alone (no registry row read): the count of a
 * name search without other filters (every posting belongs to an enterprise of the agency: tokens are written
 * and replaced with their enterprise, in its transaction).
 */
export function postingsQuery(db: Db, orgId: string, driver: string, others: string[]) {
  let q = db
    .selectFrom('ent_name_tokens as t')
    .select('t.enterprise_id')
    .where('t.org_id', '=', orgId)
    .where('t.token', '=', driver);
  for (const [i, token] of others.entries()) q = q.where((eb) => hasToken(eb, i, orgId, token));
  return q;
}

/**
 * What the count of a search without name words reads: at most COUNT_CAP + 1 matches (index-only on both
 * engines for an area or category; PostgreSQL needs migration 0320's INCLUDE for a city).
 */
export function cappedMatches(db: Db, f: Omit<EnterpriseFilter, 'tokens' | 'limit' | 'offset'>) {
  return enterpriseQuery(db, f)
    .select('e.id')
    .limit(COUNT_CAP + 1);
}

/** The page query of a search without name words: the newest enterprises matching the filters. */
export function filterQuery(db: Db, f: Omit<EnterpriseFilter, 'tokens'>) {
  return enterpriseQuery(db, f).selectAll('e').orderBy('e.id', 'desc').limit(f.limit).offset(f.offset);
}

/**
 * The token with the fewest postings (the search's driver), or null when one of several has none (nothing
 * can match).
 * Longest first — a longer word is usually the rarer (a 字号 against 化工) — and each next token counted
 * only up to the fewest seen so far: enough to know it is not rarer, so a common token costs as many index
 * entries as the rare one has, not thousands.
 */
async function rarestToken(db: Db, orgId: string, tokens: string[]): Promise<string | null> {
  // One word drives itself; an absent word shows as an empty page and a zero count.
  if (tokens.length === 1) return tokens[0]!;
  const order = [...tokens].sort((a, b) => b.length - a.length);
  let driver = order[0]!;
  let fewest = await postings(db, orgId, driver, 5000);
  for (const token of order.slice(1)) {
    if (fewest === 0) break;
    const n = await postings(db, orgId, token, fewest);
    if (n < fewest) [driver, fewest] = [token, n];
  }
  return fewest === 0 ? null : driver;
}

export async function listEnterprises(
  db: Db,
  dialect: DialectName,
  f: EnterpriseFilter,
): Promise<{ items: Enterprise[]; total: number; totalIsLowerBound: boolean }> {
  let rows: Enterprise[];
  let n: number;
  if (f.tokens?.length) {
    const driver = await rarestToken(db, f.orgId, f.tokens);
    if (driver === null) return { items: [], total: 0, totalIsLowerBound: false };
    const others = f.tokens.filter((t) => t !== driver);
    const base = tokenQuery(db, dialect, f, driver, others);
    rows = await base
      .selectAll('e')
      .orderBy('t.enterprise_id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    const onPostings = !f.creditCode && !f.category && !f.regionPrefix && !f.industryPrefix;
    const counted = await db
      .selectFrom(
        (onPostings ? postingsQuery(db, f.orgId, driver, others) : base.select('t.enterprise_id'))
          .limit(COUNT_CAP + 1)
          .as('c'),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    n = toNumber(counted?.n);
  } else {
    rows = await filterQuery(db, f).execute();
    const counted = await db
      .selectFrom(cappedMatches(db, f).as('c'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    n = toNumber(counted?.n);
  }
  return { items: rows, total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP };
}

/** Ids of the enterprises a draw chooses from (category and region filters), ascending. */
export async function drawPool(
  db: Db,
  orgId: string,
  categories: SupervisionCategory[],
  regionPrefixes: string[],
): Promise<string[]> {
  let q = db.selectFrom('ent_enterprises').select('id').where('org_id', '=', orgId);
  if (categories.length) q = q.where('category', 'in', categories);
  if (regionPrefixes.length)
    q = q.where((eb) =>
      eb.or(
        regionPrefixes.map((p) => eb.and([eb('region_code', '>=', p), eb('region_code', '<', upper(p))])),
      ),
    );
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Streams enterprises of an agency in id order (open data, warning fan-out): bounded memory. */
export async function* iterateEnterprises(
  db: Db,
  f: { orgId: string; regionPrefixes?: string[]; industryPrefixes?: string[] },
  batch = 1000,
): AsyncGenerator<Enterprise> {
  let after = '';
  for (;;) {
    let q = db
      .selectFrom('ent_enterprises')
      .selectAll()
      .where('org_id', '=', f.orgId)
      .where('id', '>', after);
    if (f.regionPrefixes?.length)
      q = q.where((eb) =>
        eb.or(
          f.regionPrefixes!.map((p) =>
            eb.and([eb('region_code', '>=', p), eb('region_code', '<', upper(p))]),
          ),
        ),
      );
    if (f.industryPrefixes?.length)
      q = q.where((eb) =>
        eb.or(
          f.industryPrefixes!.map((p) =>
            eb.and([eb('industry_code', '>=', p), eb('industry_code', '<', upper(p))]),
          ),
        ),
      );
    const rows = await q.orderBy('id').limit(batch).execute();
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function expiringLicences(db: Db, orgId: string, today: string, until: string, limit = 200) {
  return db
    .selectFrom('ent_licences as l')
    .innerJoin('ent_enterprises as e', 'e.id', 'l.enterprise_id')
    .select([
      'l.id',
      'l.kind',
      'l.number',
      'l.valid_from',
      'l.valid_to',
      'e.id as enterprise_id',
      'e.name as enterprise_name',
      'e.credit_code',
    ])
    .where('l.org_id', '=', orgId)
    .where('l.valid_to', '<=', until)
    .where('l.valid_to', '>=', today)
    .orderBy('l.valid_to')
    .limit(limit)
    .execute();
}

// ---------- hazard self-reports ----------

export async function hazardReportsOf(db: Db, enterpriseId: string, limit = 200): Promise<HazardReport[]> {
  return db
    .selectFrom('ent_hazard_reports')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('reported_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findHazardReport(db: Db, id: string): Promise<HazardReport | undefined> {
  return db.selectFrom('ent_hazard_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countOverdueReports(db: Db, enterpriseId: string, today: string): Promise<number> {
  const r = await db
    .selectFrom('ent_hazard_reports')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'open')
    .where('deadline', '<', today)
    .executeTakeFirst();
  return toNumber(r?.n);
}

// ---------- inspections and listings ----------

export async function inspectionsOf(
  db: Db,
  enterpriseId: string,
  publishedOnly: boolean,
): Promise<Inspection[]> {
  let q = db.selectFrom('ent_inspections').selectAll().where('enterprise_id', '=', enterpriseId);
  if (publishedOnly) q = q.where('published_at', 'is not', null);
  return q.orderBy('inspected_on', 'desc').limit(200).execute();
}

export async function listingsOf(db: Db, enterpriseId: string): Promise<Listing[]> {
  return db
    .selectFrom('ent_listings')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function activeListing(db: Db, enterpriseId: string): Promise<Listing | undefined> {
  return db
    .selectFrom('ent_listings')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('status', 'in', ['notified', 'listed'])
    .executeTakeFirst();
}

/** Writes a listing's procedure fields (status, decision, removal). */
export async function updateListing(db: Db, id: string, patch: Partial<Listing>): Promise<void> {
  await db.updateTable('ent_listings').set(patch).where('id', '=', id).execute();
}

export { sql };

/** An import job's row (ent_import_jobs): created when a file is accepted, finished by the import. */
export async function insertImportJob(db: Db, job: EntImportJobsTable): Promise<void> {
  await db.insertInto('ent_import_jobs').values(job).execute();
}

export async function findImportJob(db: Db, id: string): Promise<EntImportJobsTable | undefined> {
  return db.selectFrom('ent_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImportJob(db: Db, id: string, patch: Partial<EntImportJobsTable>): Promise<void> {
  await db.updateTable('ent_import_jobs').set(patch).where('id', '=', id).execute();
}
