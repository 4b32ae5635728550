/**
 * Read-only facts of 督办 tasks for the scorecards (issue 19): per target agency, the tasks issued to it
 * (or its divisions) in a period and how they ended. One aggregated query over all given agencies.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import { periodCounts } from './supervision.repository.js';

export interface TasksFacts {
  orgId: string;
  /** Tasks issued to the agency or its divisions in the period (by issue day). */
  issued: number;
  /** Accepted (办结). */
  closed: number;
  /** Accepted, and the accepted reply came by the due day. */
  closedOnTime: number;
  /** Accepted, the accepted reply after the due day. */
  closedLate: number;
  /** Not closed yet: awaiting a reply, or replied and awaiting acceptance. */
  open: number;
  /** Awaiting a reply and past the due day (as of today). */
  overdue: number;
}

/** 督办 facts per agency (a row for every given agency, zeros included); withdrawn tasks count only as issued. */
export async function tasksFacts(
  db: Kysely<DB>,
  orgIds: readonly string[],
  period: { from: string; to: string },
  asOf: { today: string },
): Promise<TasksFacts[]> {
  const rows = await periodCounts(db, orgIds, period, asOf.today);
  const by = new Map(rows.map((r) => [r.target_agency_id, r]));
  return orgIds.map((orgId) => {
    const r = by.get(orgId);
    return {
      orgId,
      issued: r ? toNumber(r.issued) : 0,
      closed: r ? toNumber(r.closed ?? 0) : 0,
      closedOnTime: r ? toNumber(r.on_time ?? 0) : 0,
      closedLate: r ? toNumber(r.late ?? 0) : 0,
      open: r ? toNumber(r.open ?? 0) : 0,
      overdue: r ? toNumber(r.overdue ?? 0) : 0,
    };
  });
}
