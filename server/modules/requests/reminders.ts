/**
 * Deadline reminders (T-5, T-1, overdue) and deadline recomputes when the holiday schedule changes.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { systemActor, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { type WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertWritesAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import { remindersDue } from './deadlines.js';
import * as repo from './requests.repository.js';
import * as records from './records.repository.js';
import { calendarFor, clocksOf } from './case-views.js';
import { appendEvent, need, txOf } from './case-writes.js';
import { remindStaff } from './notices.js';

// ---------------------------------------------------------------------------------------------
// Reminders (T-5, T-1, overdue), stored idempotently and shown in the console

/** Creates the reminders due today for every open case (idempotent: once per case, kind and due date). */
export async function generateReminders(ctx: Ctx): Promise<number> {
  const calendar = await calendarFor(ctx);
  const today = todayInChina(ctx.clock);
  const open = await repo.openCases(ctx.db, 'all');
  const events = await repo.eventsOfMany(
    ctx.db,
    open.map((c) => c.id),
  );
  let created = 0;
  for (const c of open) {
    const clocks = clocksOf(c, events.get(c.id) ?? [], calendar, today);
    if (!clocks) continue;
    for (const r of remindersDue(clocks, calendar)) {
      if (await repo.reminderExists(ctx.db, c.id, r.kind, r.due)) continue;
      const row = {
        id: newId(),
        org_id: c.org_id,
        case_id: c.id,
        kind: r.kind,
        due_date: r.due,
        remind_on: today,
        handler_id: c.handler_id,
        message: `${c.case_number}：${r.messageZh}`,
        acknowledged_at: null,
        acknowledged_by: null,
        created_at: nowIso(ctx.clock),
      };
      // The reminder row and the staff notices commit together; a second run finds the row and skips.
      await inTransaction(ctx, async (trx) => {
        if (!(await records.insertReminder(trx, row))) return;
        await remindStaff(txOf(ctx, trx, systemActor('期限提醒')), c, {
          id: row.id,
          kind: r.kind,
          due: r.due,
          message: row.message,
        });
      });
      created++;
    }
  }
  return created;
}

export async function listReminders(
  ctx: Ctx,
  actor: Actor,
  f: { mine?: boolean; includeAcknowledged?: boolean },
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  if (orgIds !== 'all' && orgIds.length === 0) return { items: [] };
  const rows = await records.listReminders(ctx.db, {
    orgIds,
    handlerId: f.mine ? actor.userId : null,
    includeAcknowledged: f.includeAcknowledged ?? false,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      kind: r.kind,
      dueDate: r.due_date,
      remindOn: r.remind_on,
      message: r.message,
      handlerId: r.handler_id,
      acknowledgedAt: r.acknowledged_at,
    })),
  };
}

export async function acknowledgeReminder(ctx: Ctx, actor: Actor, id: string) {
  need(actor, 'requests.handle');
  await inTransaction(ctx, async (trx) => {
    const r = await records.findReminder(trx, id);
    if (!r) throw notFound('reminder', '提醒不存在');
    assertWritesAgency(actor, r.org_id);
    await records.acknowledgeReminder(trx, id, nowIso(ctx.clock), actor.userId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'request.reminder_ack',
      targetType: 'request_case',
      targetId: r.case_id,
      orgId: r.org_id,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Calendar changes: deadlines are derived, so a new schedule changes them at once; record which
// open cases' answer dates moved (audited, visible on the timeline) so nobody is surprised.

export async function recordCalendarRecompute(
  trxCtx: Ctx,
  previous: WorkCalendar,
  next: WorkCalendar,
  actor: Actor,
): Promise<number> {
  const today = todayInChina(trxCtx.clock);
  const open = await repo.openCases(trxCtx.db, 'all');
  const events = await repo.eventsOfMany(
    trxCtx.db,
    open.map((c) => c.id),
  );
  let moved = 0;
  for (const c of open) {
    const rows = events.get(c.id) ?? [];
    const before = clocksOf(c, rows, previous, today);
    const after = clocksOf(c, rows, next, today);
    if (!before || !after || before.answerDue === after.answerDue) continue;
    moved++;
    await appendEvent(
      { ctx: trxCtx, db: trxCtx.db, actor, now: nowIso(trxCtx.clock), today },
      c,
      'deadline_recomputed',
      today,
      {
        before: before.answerDue,
        after: after.answerDue,
        calendarVersion: next.versionId(),
      },
    );
  }
  return moved;
}
