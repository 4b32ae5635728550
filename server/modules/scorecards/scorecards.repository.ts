/** SQL of the scorecards module (the only file that touches its tables). */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  ContestStateT,
  ScorecardCardsTable,
  ScorecardContestsTable,
  ScorecardIndicatorsTable,
  ScorecardManualScoresTable,
  ScorecardSetsTable,
} from './scorecards.tables.js';

export type Db = Kysely<DB>;
export type SetRow = Selectable<ScorecardSetsTable>;
export type IndicatorRow = Selectable<ScorecardIndicatorsTable>;
export type ManualRow = Selectable<ScorecardManualScoresTable>;
export type CardRow = Selectable<ScorecardCardsTable>;
export type ContestRow = Selectable<ScorecardContestsTable>;

const num = (v: unknown) => Number(v ?? 0);

// ---------- sets ----------

export async function insertSet(db: Db, row: ScorecardSetsTable): Promise<void> {
  await db.insertInto('scorecard_sets').values(row).execute();
}

export async function updateSet(db: Db, id: string, patch: Updateable<ScorecardSetsTable>): Promise<void> {
  await db.updateTable('scorecard_sets').set(patch).where('id', '=', id).execute();
}

export async function findSet(db: Db, id: string): Promise<SetRow | undefined> {
  return db.selectFrom('scorecard_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSetByPeriod(db: Db, orgId: string, period: string): Promise<SetRow | undefined> {
  return db
    .selectFrom('scorecard_sets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function listSets(db: Db, orgIds: readonly string[]): Promise<SetRow[]> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('scorecard_sets')
    .selectAll()
    .where('org_id', 'in', [...orgIds])
    .orderBy('period', 'desc')
    .execute();
}

/** Sets that hold a card of the agency (what an office sees), newest period first. */
export async function setsWithCardOf(db: Db, agencyId: string): Promise<SetRow[]> {
  return db
    .selectFrom('scorecard_sets as s')
    .innerJoin('scorecard_cards as c', 'c.set_id', 's.id')
    .selectAll('s')
    .where('c.agency_id', '=', agencyId)
    .orderBy('s.period', 'desc')
    .execute();
}

export async function deleteSet(db: Db, id: string): Promise<void> {
  await db.deleteFrom('scorecard_contests').where('set_id', '=', id).execute();
  await db.deleteFrom('scorecard_cards').where('set_id', '=', id).execute();
  await db.deleteFrom('scorecard_manual_scores').where('set_id', '=', id).execute();
  await db.deleteFrom('scorecard_indicators').where('set_id', '=', id).execute();
  await db.deleteFrom('scorecard_sets').where('id', '=', id).execute();
}

// ---------- indicators ----------

export async function listIndicators(db: Db, setId: string): Promise<IndicatorRow[]> {
  return db
    .selectFrom('scorecard_indicators')
    .selectAll()
    .where('set_id', '=', setId)
    .orderBy('sort_order')
    .execute();
}

export async function insertIndicators(db: Db, rows: ScorecardIndicatorsTable[]): Promise<void> {
  if (rows.length) await db.insertInto('scorecard_indicators').values(rows).execute();
}

export async function updateIndicator(
  db: Db,
  id: string,
  patch: Updateable<ScorecardIndicatorsTable>,
): Promise<void> {
  await db.updateTable('scorecard_indicators').set(patch).where('id', '=', id).execute();
}

/** Removes indicators (and their manual scores) no longer in the set. */
export async function deleteIndicators(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('scorecard_manual_scores')
    .where('indicator_id', 'in', [...ids])
    .execute();
  await db
    .deleteFrom('scorecard_indicators')
    .where('id', 'in', [...ids])
    .execute();
}

/** Indicator ids of a set that have contests (they cannot be removed). */
export async function contestedIndicatorIds(db: Db, setId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('scorecard_contests')
    .select('indicator_id')
    .distinct()
    .where('set_id', '=', setId)
    .execute();
  return new Set(rows.map((r) => r.indicator_id));
}

// ---------- manual scores ----------

export async function listManual(db: Db, setId: string, agencyIds?: readonly string[]): Promise<ManualRow[]> {
  let q = db.selectFrom('scorecard_manual_scores').selectAll().where('set_id', '=', setId);
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? [...agencyIds] : ['']);
  return q.execute();
}

export async function findManual(
  db: Db,
  indicatorId: string,
  agencyId: string,
): Promise<ManualRow | undefined> {
  return db
    .selectFrom('scorecard_manual_scores')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
}

export async function findManualById(db: Db, id: string): Promise<ManualRow | undefined> {
  return db.selectFrom('scorecard_manual_scores').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertManual(db: Db, row: ScorecardManualScoresTable): Promise<void> {
  const prev = await findManual(db, row.indicator_id, row.agency_id);
  if (prev) {
    const { id: _id, ...patch } = row;
    await db.updateTable('scorecard_manual_scores').set(patch).where('id', '=', prev.id).execute();
  } else await db.insertInto('scorecard_manual_scores').values(row).execute();
}

// ---------- cards ----------

export async function findCard(db: Db, id: string): Promise<CardRow | undefined> {
  return db.selectFrom('scorecard_cards').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCardOf(db: Db, setId: string, agencyId: string): Promise<CardRow | undefined> {
  return db
    .selectFrom('scorecard_cards')
    .selectAll()
    .where('set_id', '=', setId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
}

/** The cards of a set without their snapshots (the ranking). */
export async function listCardTotals(db: Db, setId: string) {
  return db
    .selectFrom('scorecard_cards')
    .select([
      'id',
      'agency_id',
      'set_revision',
      'total_centi',
      'max_centi',
      'scored_max_centi',
      'provisional',
      'computed_at',
    ])
    .where('set_id', '=', setId)
    .execute();
}

/** What decides whether a card of a closed period can stand (no snapshot read). */
export async function listCardVersions(db: Db, setId: string) {
  return db
    .selectFrom('scorecard_cards')
    .select(['agency_id', 'set_revision', 'data_version'])
    .where('set_id', '=', setId)
    .execute();
}

export async function listCards(db: Db, setId: string): Promise<CardRow[]> {
  return db.selectFrom('scorecard_cards').selectAll().where('set_id', '=', setId).execute();
}

/** Replaces the cards of the given agencies (recompute): existing cards keep their id (contests point to it). */
export async function saveCards(db: Db, rows: ScorecardCardsTable[]): Promise<void> {
  // One multi-row upsert per 50 cards (a card per agency and set): 499 single-row updates took ~0.5 s of
  // round trips on PostgreSQL. A stored card keeps its id (the new row's is dropped); everything else is the
  // new computation.
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('scorecard_cards')
      .values(rows.slice(i, i + 50))
      .onConflict((oc) =>
        oc.columns(['set_id', 'agency_id']).doUpdateSet((eb) => ({
          set_revision: eb.ref('excluded.set_revision'),
          total_centi: eb.ref('excluded.total_centi'),
          max_centi: eb.ref('excluded.max_centi'),
          scored_max_centi: eb.ref('excluded.scored_max_centi'),
          provisional: eb.ref('excluded.provisional'),
          snapshot_json: eb.ref('excluded.snapshot_json'),
          computed_at: eb.ref('excluded.computed_at'),
          computed_by: eb.ref('excluded.computed_by'),
          data_version: eb.ref('excluded.data_version'),
        })),
      )
      .execute();
}

export async function updateCard(db: Db, id: string, patch: Updateable<ScorecardCardsTable>): Promise<void> {
  await db.updateTable('scorecard_cards').set(patch).where('id', '=', id).execute();
}

// ---------- contests ----------

export async function insertContest(db: Db, row: ScorecardContestsTable): Promise<void> {
  await db.insertInto('scorecard_contests').values(row).execute();
}

export async function findContest(db: Db, id: string): Promise<ContestRow | undefined> {
  return db.selectFrom('scorecard_contests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateContest(
  db: Db,
  id: string,
  patch: Updateable<ScorecardContestsTable>,
): Promise<void> {
  await db.updateTable('scorecard_contests').set(patch).where('id', '=', id).execute();
}

export async function listContests(
  db: Db,
  f: { setId?: string; agencyId?: string; cardId?: string; state?: ContestStateT },
): Promise<ContestRow[]> {
  let q = db.selectFrom('scorecard_contests').selectAll();
  if (f.setId) q = q.where('set_id', '=', f.setId);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.cardId) q = q.where('card_id', '=', f.cardId);
  if (f.state) q = q.where('state', '=', f.state);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function countOpenContests(db: Db, setId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('scorecard_contests')
    .select(['agency_id', (eb) => eb.fn.countAll().as('n')])
    .where('set_id', '=', setId)
    .where('state', '=', 'open')
    .groupBy('agency_id')
    .execute();
  return new Map(rows.map((r) => [r.agency_id, num(r.n)]));
}
