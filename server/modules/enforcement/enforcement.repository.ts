import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type {
  DecisionKind,
  EnforcementAccidentsTable,
  EnforcementDecisionHistoryTable,
  EnforcementDecisionsTable,
  EnforcementHazardsTable,
  EnforcementItemsTable,
  EnforcementNoticesTable,
  EnforcementSettingsTable,
  PubState,
} from './enforcement.tables.js';

export type Db = Kysely<DB>;
export type Decision = Selectable<EnforcementDecisionsTable>;
export type DecisionHistory = Selectable<EnforcementDecisionHistoryTable>;
export type Notice = Selectable<EnforcementNoticesTable>;
export type Item = Selectable<EnforcementItemsTable>;
export type Accident = Selectable<EnforcementAccidentsTable>;
export type Hazard = Selectable<EnforcementHazardsTable>;

/** Money columns are numeric(15,0): numbers on both engines, but normalise anyway. */
function fixDecision(d: Decision): Decision {
  return {
    ...d,
    fine_fen: d.fine_fen === null ? null : toNumber(d.fine_fen),
    confiscation_fen: d.confiscation_fen === null ? null : toNumber(d.confiscation_fen),
  };
}

/**
 * count(*) of the rows a filtered query matches; with `cap`, it stops after `cap` rows (portal lists
 * show "1000+" rather than count a register that grows: issue 14 item 8).
 */
async function countRows<TB extends keyof DB>(
  db: Db,
  q: SelectQueryBuilder<DB, TB, object>,
  cap: number | undefined,
): Promise<number> {
  const row =
    cap === undefined
      ? await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst()
      : await db
          .selectFrom(
            q
              .select(sql<number>`1`.as('one'))
              .limit(cap)
              .as('capped'),
          )
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirst();
  return toNumber(row?.n);
}

// ---------- decisions ----------

export interface DecisionFilter {
  orgIds: string[] | 'all';
  kind?: DecisionKind;
  pubStates?: PubState[];
  year?: number;
  q?: string;
  creditCode?: string;
  /** only what the portal may show on `today` */
  publicOn?: string;
  /** ids restricted by a token search */
  tokens?: string[];
  limit: number;
  offset: number;
  /** count at most this many rows (the portal); exact count when absent */
  countCap?: number;
}

function decisionQuery(db: Db, f: Omit<DecisionFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('enforcement_decisions');
  if (f.orgIds !== 'all') {
    if (f.orgIds.length === 0) q = q.where(sql<boolean>`1 = 0`);
    else q = q.where('org_id', 'in', f.orgIds);
  }
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.pubStates) q = q.where('pub_state', 'in', f.pubStates);
  if (f.year)
    q = q.where('decision_date', '>=', `${f.year}-01-01`).where('decision_date', '<=', `${f.year}-12-31`);
  if (f.creditCode) q = q.where('credit_code', '=', f.creditCode);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('decision_number', 'like', like),
        eb('counterparty_name', 'like', like),
        eb('credit_code', '=', f.q!.toUpperCase()),
      ]),
    );
  }
  if (f.publicOn) {
    const today = f.publicOn;
    q = q
      .where('pub_state', '=', 'published')
      .where((eb) => eb.or([eb('public_until', 'is', null), eb('public_until', '>=', today)]));
  }
  for (const token of f.tokens ?? []) {
    q = q.where('id', 'in', (sub) =>
      sub.selectFrom('enforcement_name_tokens').select('decision_id').where('token', '=', token),
    );
  }
  return q;
}

export async function listDecisions(
  db: Db,
  f: DecisionFilter,
): Promise<{ items: Decision[]; total: number }> {
  const base = decisionQuery(db, f);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('decision_date', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    countRows(db, base, f.countCap),
  ]);
  return { items: rows.map(fixDecision), total };
}

/** Streams rows page by page (open-data export): bounded memory whatever the register's size. */
export async function* iterateDecisions(
  db: Db,
  f: Omit<DecisionFilter, 'limit' | 'offset'>,
  batch = 1000,
): AsyncGenerator<Decision> {
  let after: { date: string; id: string } | null = null;
  for (;;) {
    let q = decisionQuery(db, f).selectAll();
    if (after) {
      const a: { date: string; id: string } = after;
      q = q.where((eb) =>
        eb.or([
          eb('decision_date', '<', a.date),
          eb.and([eb('decision_date', '=', a.date), eb('id', '<', a.id)]),
        ]),
      );
    }
    const rows = await q.orderBy('decision_date', 'desc').orderBy('id', 'desc').limit(batch).execute();
    for (const r of rows) yield fixDecision(r);
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    after = { date: last.decision_date, id: last.id };
  }
}

export async function findDecision(db: Db, id: string): Promise<Decision | undefined> {
  const row = await db
    .selectFrom('enforcement_decisions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && fixDecision(row);
}

export async function findDecisionByNumber(
  db: Db,
  orgId: string,
  number: string,
): Promise<Decision | undefined> {
  const row = await db
    .selectFrom('enforcement_decisions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('decision_number', '=', number)
    .executeTakeFirst();
  return row && fixDecision(row);
}

export async function insertDecision(db: Db, row: EnforcementDecisionsTable): Promise<void> {
  await db.insertInto('enforcement_decisions').values(row).execute();
}

export async function updateDecision(
  db: Db,
  id: string,
  patch: Partial<EnforcementDecisionsTable>,
): Promise<void> {
  await db.updateTable('enforcement_decisions').set(patch).where('id', '=', id).execute();
}

export async function deleteDecision(db: Db, id: string): Promise<void> {
  await db.deleteFrom('enforcement_name_tokens').where('decision_id', '=', id).execute();
  await db.deleteFrom('enforcement_decision_history').where('decision_id', '=', id).execute();
  await db.deleteFrom('enforcement_decisions').where('id', '=', id).execute();
}

export async function insertHistory(db: Db, row: EnforcementDecisionHistoryTable): Promise<void> {
  await db.insertInto('enforcement_decision_history').values(row).execute();
}

export async function historyOf(db: Db, decisionId: string): Promise<DecisionHistory[]> {
  return db
    .selectFrom('enforcement_decision_history')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertNotice(db: Db, row: EnforcementNoticesTable): Promise<void> {
  await db.insertInto('enforcement_notices').values(row).execute();
}

export async function noticesOf(db: Db, decisionId: string): Promise<Notice[]> {
  return db
    .selectFrom('enforcement_notices')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('published_at', 'desc')
    .execute();
}

/** Notices of decisions still on the portal, newest first. */
/** The latest 更正/撤销 notices whose decision is still on public display (its page would 404 otherwise). */
export async function publicNotices(
  db: Db,
  orgId: string,
  limit: number,
  today: string,
): Promise<(Notice & { decision_number: string })[]> {
  return db
    .selectFrom('enforcement_notices as n')
    .innerJoin('enforcement_decisions as d', 'd.id', 'n.decision_id')
    .selectAll('n')
    .select('d.decision_number')
    .where('n.org_id', '=', orgId)
    .where('d.pub_state', '=', 'published')
    .where((eb) => eb.or([eb('d.public_until', 'is', null), eb('d.public_until', '>=', today)]))
    .orderBy('n.published_at', 'desc')
    .limit(limit)
    .execute();
}

export async function replaceTokens(
  db: Db,
  orgId: string,
  decisionId: string,
  tokens: string[],
): Promise<void> {
  await db.deleteFrom('enforcement_name_tokens').where('decision_id', '=', decisionId).execute();
  if (tokens.length > 0)
    await db
      .insertInto('enforcement_name_tokens')
      .values(tokens.map((token) => ({ org_id: orgId, token, decision_id: decisionId })))
      .execute();
}

/** Decisions made in a year, per kind (table 二 本年处理决定数量), with up to `cap` ids each. */
export async function decisionIdsByKind(
  db: Db,
  orgId: string,
  year: number,
): Promise<{ kind: DecisionKind; id: string }[]> {
  return db
    .selectFrom('enforcement_decisions')
    .select(['kind', 'id'])
    .where('org_id', '=', orgId)
    .where('decision_date', '>=', `${year}-01-01`)
    .where('decision_date', '<=', `${year}-12-31`)
    .orderBy('decision_date')
    .execute();
}

// ---------- items (权责清单 事项) ----------

export async function listItems(db: Db, orgId: string, year?: number): Promise<Item[]> {
  let q = db.selectFrom('enforcement_items').selectAll().where('org_id', '=', orgId);
  if (year) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('kind').orderBy('name').execute();
}

export async function countItems(db: Db, orgId: string, year: number): Promise<Record<DecisionKind, number>> {
  const rows = await db
    .selectFrom('enforcement_items')
    .select(['kind', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .groupBy('kind')
    .execute();
  const out: Record<DecisionKind, number> = { license: 0, penalty: 0, coercion: 0 };
  for (const r of rows) out[r.kind] = toNumber(r.n);
  return out;
}

export async function findItem(db: Db, id: string): Promise<Item | undefined> {
  return db.selectFrom('enforcement_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findItemByName(
  db: Db,
  orgId: string,
  year: number,
  kind: DecisionKind,
  name: string,
): Promise<Item | undefined> {
  return db
    .selectFrom('enforcement_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertItem(db: Db, row: EnforcementItemsTable): Promise<void> {
  await db.insertInto('enforcement_items').values(row).execute();
}

export async function updateItem(db: Db, id: string, patch: Partial<EnforcementItemsTable>): Promise<void> {
  await db.updateTable('enforcement_items').set(patch).where('id', '=', id).execute();
}

export async function deleteItem(db: Db, id: string): Promise<void> {
  await db.updateTable('enforcement_decisions').set({ item_id: null }).where('item_id', '=', id).execute();
  await db.deleteFrom('enforcement_items').where('id', '=', id).execute();
}

// ---------- settings ----------

export async function findSettings(db: Db, orgId: string): Promise<EnforcementSettingsTable | undefined> {
  return db.selectFrom('enforcement_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function upsertSettings(db: Db, row: EnforcementSettingsTable): Promise<void> {
  await db
    .insertInto('enforcement_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        publish_workdays: row.publish_workdays,
        license_public_months: row.license_public_months,
        penalty_public_months: row.penalty_public_months,
        coercion_public_months: row.coercion_public_months,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ---------- accidents and hazards ----------

export type RecordTable = 'enforcement_accidents' | 'enforcement_hazards';

export async function listAccidents(
  db: Db,
  f: {
    orgIds: string[] | 'all';
    published?: boolean;
    level?: string;
    year?: number;
    limit: number;
    offset: number;
    /** count at most this many rows (the portal) */
    countCap?: number;
  },
): Promise<{ items: Accident[]; total: number }> {
  let q = db.selectFrom('enforcement_accidents');
  if (f.orgIds !== 'all')
    q = f.orgIds.length ? q.where('org_id', 'in', f.orgIds) : q.where(sql<boolean>`1 = 0`);
  if (f.published) q = q.where('pub_state', '=', 'published');
  if (f.level) q = q.where('level', '=', f.level as Accident['level']);
  if (f.year)
    q = q.where('occurred_on', '>=', `${f.year}-01-01`).where('occurred_on', '<=', `${f.year}-12-31`);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    countRows(db, q, f.countCap),
  ]);
  return {
    items: items.map((a) => ({ ...a, direct_loss_fen: toNumber(a.direct_loss_fen) })),
    total,
  };
}

export async function listHazards(
  db: Db,
  f: {
    orgIds: string[] | 'all';
    published?: boolean;
    status?: string;
    year?: number;
    q?: string;
    limit: number;
    offset: number;
    /** count at most this many rows (the portal) */
    countCap?: number;
  },
): Promise<{ items: Hazard[]; total: number }> {
  let q = db.selectFrom('enforcement_hazards');
  if (f.orgIds !== 'all')
    q = f.orgIds.length ? q.where('org_id', 'in', f.orgIds) : q.where(sql<boolean>`1 = 0`);
  if (f.published) q = q.where('pub_state', '=', 'published');
  if (f.status) q = q.where('rectification_status', '=', f.status as Hazard['rectification_status']);
  if (f.year) q = q.where('listed_on', '>=', `${f.year}-01-01`).where('listed_on', '<=', `${f.year}-12-31`);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('enterprise_name', 'like', like), eb('title', 'like', like)]));
  }
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('listed_on', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    countRows(db, q, f.countCap),
  ]);
  return { items, total };
}

export async function findAccident(db: Db, id: string): Promise<Accident | undefined> {
  const a = await db.selectFrom('enforcement_accidents').selectAll().where('id', '=', id).executeTakeFirst();
  return a && { ...a, direct_loss_fen: toNumber(a.direct_loss_fen) };
}

export async function findHazard(db: Db, id: string): Promise<Hazard | undefined> {
  return db.selectFrom('enforcement_hazards').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function hazardsOfEnterprise(db: Db, orgId: string, creditCode: string): Promise<Hazard[]> {
  return db
    .selectFrom('enforcement_hazards')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('credit_code', '=', creditCode)
    .where('pub_state', '=', 'published')
    .orderBy('listed_on', 'desc')
    .execute();
}

export async function insertAccident(db: Db, row: EnforcementAccidentsTable): Promise<void> {
  await db.insertInto('enforcement_accidents').values(row).execute();
}
export async function insertHazard(db: Db, row: EnforcementHazardsTable): Promise<void> {
  await db.insertInto('enforcement_hazards').values(row).execute();
}
export async function updateAccident(
  db: Db,
  id: string,
  patch: Partial<EnforcementAccidentsTable>,
): Promise<void> {
  await db.updateTable('enforcement_accidents').set(patch).where('id', '=', id).execute();
}
export async function updateHazard(
  db: Db,
  id: string,
  patch: Partial<EnforcementHazardsTable>,
): Promise<void> {
  await db.updateTable('enforcement_hazards').set(patch).where('id', '=', id).execute();
}
