import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UsersTable } from './users.tables.js';
import type { Role } from './roles.js';
import { toNumber } from '../../db/dialect.js';

export type UserRow = Selectable<UsersTable>;
export type UserWithRoles = UserRow & { roles: Role[] };
type Db = Kysely<DB>;

async function withRoles(db: Db, users: UserRow[]): Promise<UserWithRoles[]> {
  if (users.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .selectAll()
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  return users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) }));
}

export async function findById(db: Db, id: string): Promise<UserWithRoles | undefined> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return u ? (await withRoles(db, [u]))[0] : undefined;
}

export async function findByUsername(db: Db, username: string): Promise<UserWithRoles | undefined> {
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return u ? (await withRoles(db, [u]))[0] : undefined;
}

export interface UserFilter {
  orgIds: string[] | 'all';
  q?: string;
  role?: Role;
}

export async function list(db: Db, f: UserFilter, page: { limit: number; offset: number }) {
  let q = db.selectFrom('users');
  if (f.orgIds !== 'all') q = q.where('org_id', 'in', f.orgIds.length ? f.orgIds : ['-']);
  if (f.q)
    q = q.where((eb) => eb.or([eb('username', 'like', `%${f.q}%`), eb('display_name', 'like', `%${f.q}%`)]));
  if (f.role)
    q = q.where('id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', f.role));
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('created_at').orderBy('username').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: await withRoles(db, rows), total: toNumber(total.n) };
}

export async function insert(db: Db, user: UsersTable, roles: Role[]): Promise<void> {
  await db.insertInto('users').values(user).execute();
  await setRoles(db, user.id, roles);
}

export async function update(db: Db, id: string, patch: Partial<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function setRoles(db: Db, userId: string, roles: Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

export async function count(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
}

/** Counts one failed sign-in atomically (parallel guesses cannot skip the lock); returns the new count. */
export async function incrementFailedAttempts(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow();
  return toNumber(row.failed_attempts);
}

/** Active users of an agency holding any of these roles. */
export function activeWithRoles(db: Db, orgId: string, roles: string[]) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name'])
    .where('users.org_id', '=', orgId)
    .where('users.disabled', '=', 0)
    .where('user_roles.role', 'in', roles as never[])
    .distinct()
    .execute();
}

/** Active staff of an agency: enterprise accounts (企业用户) sit in the agency's org but are not its staff. */
export function activeStaff(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.display_name'])
    .where('users.org_id', '=', orgId)
    .where('users.disabled', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', 'enterprise'),
        ),
      ),
    )
    .execute();
}

/** Display names of these users (those that exist). */
/** Username and display name of these users (for lists of accounts other modules bind to users). */
export function accountLabels(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', ids).execute();
}

export function displayNames(db: Db, ids: string[]) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

/** Ids of an agency's users holding any of these roles (disabled ones too; a user may repeat). */
export function idsWithRoles(db: Db, orgId: string, roles: Role[]) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('users.org_id', '=', orgId)
    .where('user_roles.role', 'in', roles)
    .execute();
}
