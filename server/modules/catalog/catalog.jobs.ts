import { nowIso } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import * as repo from './catalog.repository.js';
import { publishDue } from './catalog.publishing.js';

/** Publishes every scheduled revision whose time has come. Returns how many went public. */
export async function runDuePublications(ctx: Ctx): Promise<number> {
  let published = 0;
  for (const rev of await repo.dueScheduled(ctx.db, nowIso(ctx.clock)))
    if (await publishDue(ctx, rev.id)) published += 1;
  return published;
}
