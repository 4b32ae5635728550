/**
 * The data version of each scored agency, for reusing a closed period's cards (issue 19): a card whose
 * version is unchanged since it was computed has the same automatic facts, because every change of an
 * agency's data appends its audit row in the same transaction (audit.auditVersions: the agency's latest
 * audit number, and the platform-wide one — the working-day calendar is platform-wide), and 督办 tasks,
 * audited under the issuer, carry their own version (supervision.tasksVersions). A write that bypasses the
 * use cases (no audit row) is not seen: `force` recomputes everything.
 */
import type { Ctx } from '../../platform/context.js';
import { auditVersions } from '../audit/audit.service.js';
import { tasksVersions } from '../supervision/index.js';

export async function dataVersions(
  ctx: Pick<Ctx, 'db'>,
  agencyIds: readonly string[],
): Promise<Map<string, string>> {
  const [audit, tasks] = await Promise.all([
    auditVersions(ctx.db, agencyIds),
    tasksVersions(ctx.db, agencyIds),
  ]);
  return new Map(
    agencyIds.map((id) => [
      id,
      `audit ${audit.byOrg.get(id) ?? 0}/${audit.platform}; tasks ${tasks.get(id) ?? '0'}`,
    ]),
  );
}

/** A period is closed once its last day is before today (China date): its facts no longer move with time. */
export function periodClosed(periodTo: string, today: string): boolean {
  return periodTo < today;
}
