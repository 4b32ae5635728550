/**
 * Events use cases: plan → 预告 (with hearing registration) → 举行 → 实录 published on the portal,
 * 备案 with the supervising office, participant selection, and the yearly press-conference plan.
 */
import type { Static } from 'typebox';
import type {
  EventDetail,
  EventFilingBody,
  EventInput,
  EventListQuery,
  EventRecordBody,
  EventTransitionBody,
  EventViewT,
  PressPlanBody,
  PressPlanViewT,
  RegistrationViewT,
} from '../../../contract/events.js';
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertReadsAgency, readableAgencyIds } from '../orgs/orgs.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import * as repo from './events.repository.js';
import type { EventRow, Registration } from './events.repository.js';
import {
  EVENT_KIND_LABELS,
  EVENT_STATE_LABELS,
  isIsoDate,
  nextEventState,
  requiresFiling,
} from './events.rules.js';
import type { EventKind, EventsTable } from './events.tables.js';
import { audit, rule, writableAgency } from './events.shared.js';

const PERM = 'events.manage' as const;

function parseRelated(json: string): { title: string; href: string }[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as { title: string; href: string }[]) : [];
  } catch {
    return [];
  }
}

/** Actions the console may offer for an event in its state. */
export function eventActions(e: Pick<EventRow, 'state' | 'kind'>): string[] {
  switch (e.state) {
    case 'planned':
      return ['edit', 'announce', ...(e.kind === 'hearing' ? [] : ['hold']), 'cancel', 'file'];
    case 'announced':
      return ['edit', 'hold', 'cancel', 'file'];
    case 'held':
      return ['record', 'publish', 'file'];
    case 'published':
      return ['record', 'file'];
    case 'cancelled':
      return [];
  }
}

/** The API view of an event row. */
export function toEventView(e: EventRow): EventViewT {
  return {
    id: e.id,
    orgId: e.org_id,
    kind: e.kind,
    kindLabel: EVENT_KIND_LABELS[e.kind],
    title: e.title,
    eventDate: e.event_date,
    eventTime: e.event_time,
    place: e.place,
    host: e.host,
    spokespersons: e.spokespersons,
    topic: e.topic,
    related: parseRelated(e.related_json),
    state: e.state,
    stateLabel: EVENT_STATE_LABELS[e.state],
    announcement: e.announcement,
    announcedAt: e.announced_at,
    registrationDeadline: e.registration_deadline,
    registrationQuota: e.registration_quota === null ? null : Number(e.registration_quota),
    recordText: e.record_text,
    videoUrl: e.video_url,
    attendance: e.attendance === null ? null : Number(e.attendance),
    outcome: e.outcome,
    opinionsHandling: e.opinions_handling,
    heldAt: e.held_at,
    publishedAt: e.published_at,
    cancelReason: e.cancel_reason,
    filedWith: e.filed_with,
    filedOn: e.filed_on,
    filingNumber: e.filing_number,
    filingRequired: requiresFiling(e.kind),
    actions: eventActions(e),
    updatedAt: e.updated_at,
  };
}

function toRegistrationView(r: Registration): RegistrationViewT {
  return {
    id: r.id,
    name: r.name,
    affiliation: r.affiliation,
    phone: r.phone,
    email: r.email,
    statement: r.statement,
    status: r.status,
    createdAt: r.created_at,
  };
}

/** Links to related policies must stay on this site or use https (no javascript: or data: URLs). */
function checkRelated(
  related: { title: string; href: string }[] | undefined,
): { title: string; href: string }[] {
  const out = (related ?? []).map((r) => ({ title: r.title.trim(), href: r.href.trim() }));
  for (const [i, r] of out.entries())
    if (!/^\/(?!\/)/.test(r.href) && !/^https:\/\/[^\s/]+/.test(r.href))
      throw new DomainError(
        'invalid_related_link',
        `第${i + 1}个相关链接须为本站路径（/开头）或 https 地址`,
        {
          field: `related.${i}.href`,
        },
      );
  return out;
}

function planFields(input: Static<typeof EventInput>) {
  if (!isIsoDate(input.eventDate))
    throw new DomainError('invalid_date', '活动日期不是有效日期', { field: 'eventDate' });
  return {
    kind: input.kind,
    title: input.title.trim(),
    event_date: input.eventDate,
    event_time: input.eventTime ?? null,
    place: input.place.trim(),
    host: input.host.trim(),
    spokespersons: input.spokespersons?.trim() || null,
    topic: input.topic.trim(),
    related_json: JSON.stringify(checkRelated(input.related)),
  };
}

async function loadWritable(trx: repo.Db, actor: Actor, id: string): Promise<EventRow> {
  const e = await repo.findEvent(trx, id);
  if (!e) throw notFound('event', '该活动不存在');
  writableAgency(actor, PERM, e.org_id);
  return e;
}

/** Lists the events of the agencies the actor reads (own agency; supervisors: those below). */
export async function listEvents(ctx: Ctx, actor: Actor, q: Static<typeof EventListQuery>) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const pageSize = q.pageSize ?? 20;
  const page = q.page ?? 1;
  const { items, total } = await repo.listEvents(
    ctx.db,
    {
      orgIds,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.year ? { year: q.year } : {}),
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return { items: items.map(toEventView), total, page, pageSize };
}

/** One event with its registrations (contact details are for staff only). */
export async function getEvent(ctx: Ctx, actor: Actor, id: string): Promise<Static<typeof EventDetail>> {
  const e = await repo.findEvent(ctx.db, id);
  if (!e) throw notFound('event', '该活动不存在');
  await assertReadsAgency(ctx, actor, e.org_id);
  const regs = await repo.listRegistrations(ctx.db, id);
  return { ...toEventView(e), registrations: regs.map(toRegistrationView) };
}

/** Plans an event (计划). */
export async function createEvent(
  ctx: Ctx,
  actor: Actor,
  input: Static<typeof EventInput>,
): Promise<EventViewT> {
  const orgId = writableAgency(actor, PERM);
  const fields = planFields(input);
  return inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    const row: EventsTable = {
      id: newId(),
      org_id: orgId,
      ...fields,
      state: 'planned',
      announcement: null,
      announced_at: null,
      registration_deadline: null,
      registration_quota: null,
      record_text: null,
      video_url: null,
      attendance: null,
      outcome: null,
      opinions_handling: null,
      held_at: null,
      published_at: null,
      cancel_reason: null,
      filed_with: null,
      filed_on: null,
      filing_number: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertEvent(trx, row);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.event.create',
      { type: 'event', id: row.id, orgId },
      {
        kind: row.kind,
        title: row.title,
        eventDate: row.event_date,
      },
    );
    return toEventView(row);
  });
}

/** Edits the plan while the event has not been held (a published announcement changes with it). */
export async function updateEvent(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: Static<typeof EventInput>,
): Promise<EventViewT> {
  const fields = planFields(input);
  return inTransaction(ctx, async (trx) => {
    const e = await loadWritable(trx, actor, id);
    if (e.state !== 'planned' && e.state !== 'announced')
      throw conflict('event_state', `当前状态为“${EVENT_STATE_LABELS[e.state]}”，不能修改计划`);
    if (e.state === 'announced' && fields.kind !== e.kind)
      throw conflict('event_kind_locked', '已发布预告的活动不能更改类别');
    const patch = { ...fields, updated_at: nowIso(ctx.clock) };
    await repo.updateEvent(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.event.update',
      { type: 'event', id, orgId: e.org_id },
      fields,
      {
        title: e.title,
        eventDate: e.event_date,
        place: e.place,
      },
    );
    if (e.state === 'announced') await bumpContentVersion(trx, ctx.clock, e.org_id);
    return toEventView({ ...e, ...patch });
  });
}

/** Announces, marks held, publishes the record or cancels an event (rules in events.rules.ts). */
export async function transitionEvent(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: Static<typeof EventTransitionBody>,
): Promise<EventViewT> {
  const today = todayInChina(ctx.clock);
  return inTransaction(ctx, async (trx) => {
    const e = await loadWritable(trx, actor, id);
    const action = body.action;
    const announcement = action === 'announce' ? (body.announcement ?? null) : e.announcement;
    const deadline = action === 'announce' ? (body.registrationDeadline ?? null) : e.registration_deadline;
    const next = rule(() =>
      nextEventState(
        {
          kind: e.kind,
          state: e.state,
          eventDate: e.event_date,
          announcement,
          registrationDeadline: deadline,
          recordText: e.record_text,
          opinionsHandling: e.opinions_handling,
          cancelReason: body.reason ?? null,
        },
        action,
        today,
      ),
    );
    const now = nowIso(ctx.clock);
    const patch: Partial<EventsTable> = { state: next, updated_at: now };
    if (action === 'announce') {
      patch.announcement = announcement;
      patch.announced_at = now;
      if (e.kind === 'hearing') {
        patch.registration_deadline = deadline;
        patch.registration_quota = body.registrationQuota ?? null;
      }
    }
    if (action === 'hold') patch.held_at = now;
    if (action === 'publish') patch.published_at = now;
    if (action === 'cancel') patch.cancel_reason = body.reason?.trim() ?? null;
    await repo.updateEvent(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      `events.event.${action}`,
      { type: 'event', id, orgId: e.org_id },
      { state: next, ...(action === 'cancel' ? { reason: patch.cancel_reason } : {}) },
      { state: e.state },
    );
    // Announcements, records and cancellations of announced events change public pages.
    if (action !== 'hold' || e.state === 'announced') await bumpContentVersion(trx, ctx.clock, e.org_id);
    return toEventView({ ...e, ...patch });
  });
}

/** Saves the record (实录/笔录, attendance, outcome, how opinions were handled) once held. */
export async function saveEventRecord(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: Static<typeof EventRecordBody>,
): Promise<EventViewT> {
  if (body.videoUrl && !/^https:\/\/[^\s/]+/.test(body.videoUrl) && !/^\/(?!\/)/.test(body.videoUrl))
    throw new DomainError('invalid_video_url', '视频链接须为 https 地址或本站路径', { field: 'videoUrl' });
  return inTransaction(ctx, async (trx) => {
    const e = await loadWritable(trx, actor, id);
    if (e.state !== 'held' && e.state !== 'published')
      throw conflict('event_state', '活动举行后才能填写实录');
    const patch = {
      record_text: body.recordText.trim(),
      video_url: body.videoUrl?.trim() || null,
      attendance: body.attendance ?? null,
      outcome: body.outcome?.trim() || null,
      opinions_handling: body.opinionsHandling?.trim() || null,
      updated_at: nowIso(ctx.clock),
    };
    if (e.state === 'published' && e.kind === 'hearing' && !patch.opinions_handling)
      throw new DomainError('opinions_handling_required', '听证会须说明听证意见的采纳情况', {
        field: 'opinionsHandling',
      });
    await repo.updateEvent(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.event.record',
      { type: 'event', id, orgId: e.org_id },
      {
        attendance: patch.attendance,
        recordLength: patch.record_text.length,
      },
    );
    if (e.state === 'published') await bumpContentVersion(trx, ctx.clock, e.org_id);
    return toEventView({ ...e, ...patch });
  });
}

/** Records the 备案 with the supervising office (宣传部门、司法行政部门 …). */
export async function fileEvent(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: Static<typeof EventFilingBody>,
): Promise<EventViewT> {
  const today = todayInChina(ctx.clock);
  if (!isIsoDate(body.filedOn))
    throw new DomainError('invalid_date', '备案日期不是有效日期', { field: 'filedOn' });
  if (body.filedOn > today)
    throw new DomainError('filing_in_future', '备案日期不能晚于今天', { field: 'filedOn' });
  return inTransaction(ctx, async (trx) => {
    const e = await loadWritable(trx, actor, id);
    if (e.state === 'cancelled') throw conflict('event_state', '已取消的活动无需备案');
    const patch = {
      filed_with: body.filedWith.trim(),
      filed_on: body.filedOn,
      filing_number: body.filingNumber?.trim() || null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateEvent(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.event.file',
      { type: 'event', id, orgId: e.org_id },
      {
        filedWith: patch.filed_with,
        filedOn: patch.filed_on,
        filingNumber: patch.filing_number,
      },
    );
    return toEventView({ ...e, ...patch });
  });
}

/** Selects or declines a registered participant (the public list shows the selected ones). */
export async function decideRegistration(
  ctx: Ctx,
  actor: Actor,
  registrationId: string,
  status: 'selected' | 'not_selected',
): Promise<RegistrationViewT> {
  return inTransaction(ctx, async (trx) => {
    const r = await repo.findRegistration(trx, registrationId);
    if (!r) throw notFound('registration', '该报名记录不存在');
    const e = await loadWritable(trx, actor, r.event_id);
    if (e.state !== 'announced') throw conflict('event_state', '只能在听证会举行前遴选参加人');
    if (status === 'selected' && r.status !== 'selected' && e.registration_quota !== null) {
      const selected = await repo.countSelected(trx, e.id);
      if (selected >= Number(e.registration_quota))
        throw conflict('quota_reached', `已遴选${selected}人，达到名额上限`);
    }
    const at = nowIso(ctx.clock);
    await repo.setRegistrationStatus(trx, r.id, status, at);
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.registration.decide',
      { type: 'event_registration', id: r.id, orgId: e.org_id },
      { status },
      { status: r.status },
    );
    await bumpContentVersion(trx, ctx.clock, e.org_id);
    return toRegistrationView({ ...r, status, decided_at: at });
  });
}

const PRESS_KINDS: EventKind[] = ['press_conference', 'policy_briefing'];

/** The yearly press-conference plan against what was held (planned vs held). */
export async function getPressPlan(
  ctx: Ctx,
  actor: Actor,
  year: number,
  orgId?: string,
): Promise<PressPlanViewT> {
  const agency = orgId ?? actor.orgId;
  if (!agency) throw notFound('org', '当前账号不属于任何机关');
  await assertReadsAgency(ctx, actor, agency);
  const plan = await repo.findPlan(ctx.db, agency, year);
  const { items } = await repo.listEvents(ctx.db, { orgIds: [agency], year }, { limit: 500, offset: 0 });
  const press = items.filter((e) => PRESS_KINDS.includes(e.kind) && e.state !== 'cancelled');
  return {
    year,
    plannedCount: plan ? Number(plan.planned_count) : null,
    note: plan?.note ?? null,
    filedWith: plan?.filed_with ?? null,
    filedOn: plan?.filed_on ?? null,
    held: press.filter((e) => e.state === 'held' || e.state === 'published').length,
    scheduled: press.filter((e) => e.state === 'planned' || e.state === 'announced').length,
    events: press
      .sort((a, b) => a.event_date.localeCompare(b.event_date))
      .map((e) => ({ id: e.id, title: e.title, eventDate: e.event_date, state: e.state, kind: e.kind })),
  };
}

/** Enters or changes the yearly plan (and its filing with the propaganda office). */
export async function setPressPlan(
  ctx: Ctx,
  actor: Actor,
  year: number,
  body: Static<typeof PressPlanBody>,
): Promise<PressPlanViewT> {
  const orgId = writableAgency(actor, PERM);
  if (body.filedOn && (!isIsoDate(body.filedOn) || body.filedOn > todayInChina(ctx.clock)))
    throw new DomainError('invalid_date', '备案日期无效或晚于今天', { field: 'filedOn' });
  await inTransaction(ctx, async (trx) => {
    const before = await repo.findPlan(trx, orgId, year);
    await repo.upsertPlan(trx, {
      org_id: orgId,
      year,
      planned_count: body.plannedCount,
      note: body.note?.trim() || null,
      filed_with: body.filedWith?.trim() || null,
      filed_on: body.filedOn ?? null,
      updated_at: nowIso(ctx.clock),
    });
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.press_plan.set',
      { type: 'event_press_plan', id: `${orgId}:${year}`, orgId },
      { year, plannedCount: body.plannedCount },
      before ? { plannedCount: Number(before.planned_count) } : undefined,
    );
  });
  return getPressPlan(ctx, actor, year, orgId);
}
