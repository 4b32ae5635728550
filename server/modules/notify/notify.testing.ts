import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Role } from '../users/roles.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as userRepo from '../users/users.repository.js';
import { hashPassword } from '../users/users.service.js';

/** Test fixture: an agency with a few users (password `Gongkai@2026`), independent of the demo seed. */
export async function seedAgency(
  db: Kysely<DB>,
  code: string,
  users: { username: string; name: string; roles: Role[] }[],
  now = '2026-03-01T00:00:00.000Z',
): Promise<{ orgId: string; userIds: Record<string, string> }> {
  const orgId = newId();
  await orgRepo.insert(db, {
    id: orgId,
    parent_id: null,
    kind: 'department',
    code,
    name: `${code}测试局`,
    is_default: 1,
    sort_order: 0,
    created_at: now,
    updated_at: now,
  } as never);
  const hash = await hashPassword('Gongkai@2026');
  const userIds: Record<string, string> = {};
  for (const u of users) {
    const id = newId();
    userIds[u.username] = id;
    await userRepo.insert(
      db,
      {
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
      },
      u.roles,
    );
  }
  return { orgId, userIds };
}
