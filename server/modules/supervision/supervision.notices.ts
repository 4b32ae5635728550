/**
 * Notices of 督办 tasks through the notify module (console notification centre, plus e-mail/SMS as each
 * user chose): the receiver is the target agency's office and, for a task to a division, that division's
 * clerks; the issuer is the user who issued it and the other supervisors/office staff of the issuing org.
 * Sent inside the caller's transaction (nothing goes out if it rolls back), idempotent per task and step.
 */
import type { Clock } from '../../platform/clock.js';
import { notifyStaff } from '../notify/index.js';
import * as userRepo from '../users/users.repository.js';
import type { Db, TaskRow } from './supervision.repository.js';

interface Message {
  kind: string;
  title: string;
  body: string;
}

async function usersWithRole(db: Db, orgId: string, role: 'office' | 'clerk' | 'supervisor') {
  return (await userRepo.list(db, { orgIds: [orgId], role }, { limit: 200, offset: 0 })).rows.filter(
    (u) => !u.disabled,
  );
}

export async function notifyReceivers(db: Db, clock: Clock, t: TaskRow, m: Message): Promise<void> {
  const ids = new Set((await usersWithRole(db, t.target_agency_id, 'office')).map((u) => u.id));
  if (t.target_org_id !== t.target_agency_id)
    for (const u of await usersWithRole(db, t.target_agency_id, 'clerk'))
      if (u.division_id === t.target_org_id) ids.add(u.id);
  await notifyStaff(db, clock, {
    orgId: t.target_agency_id,
    userIds: [...ids],
    kind: m.kind,
    title: m.title,
    body: m.body,
    link: `/admin/supervision/tasks/${t.id}`,
    idempotencyKey: `${m.kind}:${t.id}:${t.round}:${t.updated_at}`,
  });
}

export async function notifyIssuer(db: Db, clock: Clock, t: TaskRow, m: Message): Promise<void> {
  const ids = new Set<string>(t.issued_by ? [t.issued_by] : []);
  for (const role of ['supervisor', 'office'] as const)
    for (const u of await usersWithRole(db, t.issuer_org_id, role)) ids.add(u.id);
  await notifyStaff(db, clock, {
    orgId: t.issuer_org_id,
    userIds: [...ids],
    kind: m.kind,
    title: m.title,
    body: m.body,
    link: `/admin/supervision/tasks/${t.id}`,
    idempotencyKey: `${m.kind}:${t.id}:${t.round}:${t.updated_at}:issuer`,
  });
}
