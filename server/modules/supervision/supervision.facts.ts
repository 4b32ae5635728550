/**
 * Read-only facts of 督办 tasks for the scorecards (issue 19): per target agency, the tasks issued to it
 * (or its divisions) in a period and how they ended. One aggregated query over all given agencies.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import { periodCounts, periodLateTasks, taskVersions } from './supervision.repository.js';

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

/** A task counted against its agency: accepted after the due day, or still unanswered past it. */
export interface LateTaskFact {
  id: string;
  orgId: string;
  number: string;
  title: string;
  dueOn: string;
  /** Accepted late (with the day of the accepted reply), or overdue without an accepted reply. */
  closedLate: boolean;
  repliedOn: string | null;
}

/** The tasks behind closedLate + overdue of tasksFacts (scorecards: every point traceable). */
export async function lateTasks(
  db: Kysely<DB>,
  orgIds: readonly string[],
  period: { from: string; to: string },
  asOf: { today: string },
  limit = 5000,
): Promise<LateTaskFact[]> {
  return (await periodLateTasks(db, orgIds, period, asOf.today, limit)).map((r) => ({
    id: r.id,
    orgId: r.target_agency_id,
    number: r.number,
    title: r.title,
    dueOn: r.due_on,
    closedLate: r.state === 'accepted',
    repliedOn: r.replied_on,
  }));
}

/**
 * The version of each agency's 督办 tasks ('' without any): it changes with every task issued to the
 * agency or changed (tasks are audited under the issuer, so the agency's own audit number does not show it).
 */
export async function tasksVersions(
  db: Kysely<DB>,
  agencyIds: readonly string[],
): Promise<Map<string, string>> {
  return taskVersions(db, [...agencyIds]);
}
