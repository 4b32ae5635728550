/** The SQL of the auth module: sessions and the login log. */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import type { LoginEventsTable, SessionsTable } from './auth.tables.js';

type Db = Kysely<DB>;

export async function insertLoginEvent(db: Db, row: LoginEventsTable): Promise<void> {
  await db.insertInto('login_events').values(row).execute();
}

export async function insertSession(db: Db, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, id: string): Promise<Selectable<SessionsTable> | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Ends every session of a user (disabled, or given a new initial password). */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of a user but `keep` (the caller's own, after a password change). */
export async function deleteOtherSessions(db: Db, userId: string, keep: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keep).execute();
}

export async function listLoginEvents(
  db: Db,
  filter: { username?: string; success?: boolean },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('login_events');
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.success !== undefined) q = q.where('success', '=', filter.success ? 1 : 0);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(total.n) };
}
