import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Role } from '../users/roles.js';
import { hashPassword } from '../users/users.service.js';

/** Test fixture: an agency with a few users (password `Gongkai@2026`), independent of the demo seed. */
export async function seedAgency(
  db: Kysely<DB>,
  code: string,
  users: { username: string; name: string; roles: Role[] }[],
  now = '2026-03-01T00:00:00.000Z',
): Promise<{ orgId: string; userIds: Record<string, string> }> {
  const orgId = newId();
  await db
    .insertInto('orgs')
    .values({
      id: orgId,
      parent_id: null,
      kind: 'department',
      code,
      name: `${code}测试局`,
      is_default: 1,
      sort_order: 0,
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
  const hash = await hashPassword('Gongkai@2026');
  const userIds: Record<string, string> = {};
  for (const u of users) {
    const id = newId();
    userIds[u.username] = id;
    await db
      .insertInto('users')
      .values({
        id,
        org_id: orgId,
        division_id: null,
        username: u.username,
        display_name: u.name,
        password_hash: hash,
        must_change_password: 0,
        disabled: 0,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const role of u.roles) await db.insertInto('user_roles').values({ user_id: id, role }).execute();
  }
  return { orgId, userIds };
}
