/**
 * SQL of the enterprise accounts (accounts.service.ts): `ent_accounts`, the binding of a user to one credit
 * code of one agency. Functions take `db` (a Kysely instance or transaction).
 */
import type { Db } from './enterprises.repository.js';
import type { EntAccountsTable } from './enterprises.tables.js';

export async function findAccount(db: Db, userId: string): Promise<EntAccountsTable | undefined> {
  return db.selectFrom('ent_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertAccount(db: Db, account: EntAccountsTable): Promise<void> {
  await db.insertInto('ent_accounts').values(account).execute();
}

export async function updateAccount(db: Db, userId: string, patch: Partial<EntAccountsTable>): Promise<void> {
  await db.updateTable('ent_accounts').set(patch).where('user_id', '=', userId).execute();
}

/**
 * The agency's accounts, newest first (at most 500), with the bound enterprise's name (null when the credit
 * code is no longer in the registry). The users' names come from the users module (accounts.service.ts).
 */
export async function accountsOf(db: Db, orgId: string, status?: EntAccountsTable['status']) {
  let q = db
    .selectFrom('ent_accounts as a')
    .leftJoin('ent_enterprises as e', (j) =>
      j.onRef('e.org_id', '=', 'a.org_id').onRef('e.credit_code', '=', 'a.credit_code'),
    )
    .selectAll('a')
    .select(['e.name as enterprise_name'])
    .where('a.org_id', '=', orgId);
  if (status) q = q.where('a.status', '=', status);
  return q.orderBy('a.created_at', 'desc').limit(500).execute();
}
