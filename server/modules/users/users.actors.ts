import { userActor, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import * as userRepo from './users.repository.js';
import { isRole } from './roles.js';

/**
 * The actor of an existing account, for work done on a user's behalf outside a request (demo content,
 * CLI). Null when no such user exists; roles the code no longer knows are dropped.
 */
export async function actorForUsername(ctx: Pick<Ctx, 'db'>, username: string): Promise<Actor | null> {
  const u = await userRepo.findByUsername(ctx.db, username);
  if (!u) return null;
  return userActor({
    userId: u.id,
    name: u.display_name,
    orgId: u.org_id,
    divisionId: u.division_id,
    roles: u.roles.filter(isRole),
  });
}
