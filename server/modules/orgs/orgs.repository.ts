import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OrgsTable } from './orgs.tables.js';

export type Org = Selectable<OrgsTable>;
type Db = Kysely<DB>;

export async function findById(db: Db, id: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByCode(db: Db, code: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findByHost(db: Db, host: string): Promise<Org | undefined> {
  return db
    .selectFrom('orgs')
    .selectAll()
    .where('portal_host', '=', host)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export async function findDefault(db: Db): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('is_default', '=', 1).executeTakeFirst();
}

export async function listAll(db: Db): Promise<Org[]> {
  return db.selectFrom('orgs').selectAll().orderBy('sort_order').orderBy('name').execute();
}

/** The org and every org below it (recursive CTE; same SQL on both engines). */
export async function subtree(db: Db, rootId: string): Promise<Org[]> {
  return db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('orgs')
        .select('id')
        .where('id', '=', rootId)
        .unionAll((u) =>
          u.selectFrom('orgs').innerJoin('tree', 'tree.id', 'orgs.parent_id').select('orgs.id'),
        ),
    )
    .selectFrom('orgs')
    .selectAll('orgs')
    .where('orgs.id', 'in', (qb) => qb.selectFrom('tree').select('tree.id'))
    .orderBy('orgs.sort_order')
    .orderBy('orgs.name')
    .execute();
}

export async function insert(db: Db, org: OrgsTable): Promise<void> {
  await db.insertInto('orgs').values(org).execute();
}

export async function update(db: Db, id: string, patch: Partial<OrgsTable>): Promise<void> {
  await db.updateTable('orgs').set(patch).where('id', '=', id).execute();
}

export async function count(db: Db): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** No org is the default any more (a new default is about to be set in the same transaction). */
export async function clearDefault(db: Db): Promise<void> {
  await db.updateTable('orgs').set({ is_default: 0 }).where('is_default', '=', 1).execute();
}

/** Subordinate units (下属单位) of an agency that are not retired, with their contact details. */
export function activeSubordinates(db: Db, orgId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'phone', 'email'])
    .where('parent_id', '=', orgId)
    .where('kind', 'in', ['unit', 'department', 'government'])
    .where('retired_at', 'is', null)
    .execute();
}

/** Names of these orgs (those that exist). */
export function names(db: Db, ids: string[]) {
  return db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
}
