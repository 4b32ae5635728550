/**
 * 督办 tasks: issue (a supervisor to the agencies below, the office to its own divisions) → the receiver
 * replies with evidence → the issuer accepts (办结) or returns it with a reason; the issuer may withdraw.
 * Every write is ONE transaction with its audit row, its timeline event and its notices (notify module).
 */
import { assertCan, can, type Actor } from '../../platform/actor.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { fileStorage } from '../../platform/storage/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import type { Org } from '../orgs/orgs.repository.js';
import { readableAgencyIds, visibleOrgs } from '../orgs/orgs.service.js';
import type { TaskDetailT, TaskSourceT, TaskViewT } from '../../../contract/supervision.js';
import {
  ACTION_LABELS,
  allowedActions,
  closedOnTime,
  evidenceMime,
  isIssuer,
  isOverdue,
  isReceiver,
  mayIssueTo,
  nextState,
  STATE_LABELS,
  taskDue,
  taskNumber,
  type TaskAction,
} from './supervision.rules.js';
import * as repo from './supervision.repository.js';
import type { TaskRow } from './supervision.repository.js';
import type { TaskState } from './supervision.tables.js';
import { notifyIssuer, notifyReceivers } from './supervision.notices.js';

type Db = repo.Db;

// ---------------------------------------------------------------- sides and views

function sides(actor: Actor, task: TaskRow) {
  return {
    issuer: isIssuer({ orgId: actor.orgId, issue: can(actor, 'supervision.issue') }, task),
    receiver: isReceiver(
      {
        orgId: actor.orgId,
        divisionId: actor.divisionId,
        office: actor.roles.includes('office'),
        reply: can(actor, 'supervision.reply'),
      },
      task,
    ),
  };
}

/** May the actor see the task: the issuing org, the target agency's staff, or a supervisor above it. */
async function assertSees(ctx: Ctx, actor: Actor, task: TaskRow): Promise<void> {
  if (actor.kind === 'system') return;
  if (!can(actor, 'business.read')) throw forbidden('无权查看督办');
  if (actor.orgId === task.issuer_org_id) return;
  if (actor.orgId === task.target_agency_id) {
    // Division staff (not the office) see only the tasks of their own division or the whole agency.
    if (
      actor.roles.includes('office') ||
      !actor.divisionId ||
      task.target_org_id === task.target_agency_id ||
      task.target_org_id === actor.divisionId
    )
      return;
    throw forbidden('无权查看其他科室的督办');
  }
  const readable = await readableAgencyIds(ctx, actor);
  if (can(actor, 'supervise.read') && (readable === 'all' || readable.includes(task.target_agency_id)))
    return;
  throw forbidden('无权查看该督办');
}

async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const orgs = await Promise.all(unique.map((id) => orgRepo.findById(db, id)));
  return new Map(orgs.filter((o): o is Org => Boolean(o)).map((o) => [o.id, o.name]));
}

function view(
  t: TaskRow,
  names: Map<string, string>,
  today: string,
  actor: Actor,
  calendarLeft: number | null,
): TaskViewT {
  const source: TaskSourceT | null =
    t.source_kind && t.source_id && t.source_label && t.source_link
      ? { kind: t.source_kind, id: t.source_id, label: t.source_label, link: t.source_link }
      : null;
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    body: t.body,
    issuerOrgId: t.issuer_org_id,
    issuerOrgName: names.get(t.issuer_org_id) ?? '',
    issuedByName: t.issued_by_name,
    targetOrgId: t.target_org_id,
    targetOrgName: names.get(t.target_org_id) ?? '',
    targetAgencyId: t.target_agency_id,
    targetAgencyName: names.get(t.target_agency_id) ?? '',
    source,
    workdays: Number(t.workdays),
    issuedOn: t.issued_on,
    dueOn: t.due_on,
    dueEstimated: Number(t.due_estimated) === 1,
    state: t.state,
    stateLabel: STATE_LABELS[t.state],
    overdue: isOverdue(t, today),
    workdaysLeft: calendarLeft,
    round: Number(t.round),
    replyText: t.reply_text,
    repliedOn: t.replied_on,
    repliedByName: t.replied_by_name,
    returnReason: t.return_reason,
    closedOn: t.closed_on,
    closedOnTime: t.closed_on_time === null ? null : Number(t.closed_on_time) === 1,
    actions: allowedActions(t.state, sides(actor, t)),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  };
}

async function views(ctx: Ctx, actor: Actor, rows: TaskRow[]): Promise<TaskViewT[]> {
  const today = todayInChina(ctx.clock);
  const calendar = await loadWorkCalendar(ctx);
  const names = await namesOf(
    ctx.db,
    rows.flatMap((t) => [t.issuer_org_id, t.target_org_id, t.target_agency_id]),
  );
  return rows.map((t) =>
    view(
      t,
      names,
      today,
      actor,
      t.state === 'accepted' || t.state === 'withdrawn' ? null : calendar.workdaysBetween(today, t.due_on),
    ),
  );
}

async function detail(ctx: Ctx, actor: Actor, t: TaskRow): Promise<TaskDetailT> {
  const [v] = await views(ctx, actor, [t]);
  const [events, files] = await Promise.all([repo.eventsOf(ctx.db, t.id), repo.filesOf(ctx.db, t.id)]);
  const orgNames = await namesOf(
    ctx.db,
    events.flatMap((e) => (e.actor_org_id ? [e.actor_org_id] : [])),
  );
  return {
    ...v!,
    events: events.map((e) => ({
      seq: Number(e.seq),
      action: e.action,
      actionLabel: ACTION_LABELS[e.action] ?? e.action,
      actorName: e.actor_name,
      orgName: e.actor_org_id ? (orgNames.get(e.actor_org_id) ?? '') : '',
      note: e.note,
      at: e.at,
    })),
    files: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      sizeBytes: Number(f.size_bytes),
      mime: f.mime,
      uploadedByName: f.uploaded_by_name,
      createdAt: f.created_at,
      round: f.round === null ? null : Number(f.round),
    })),
  };
}

async function loadTask(ctx: Ctx, id: string): Promise<TaskRow> {
  const t = await repo.findTask(ctx.db, id);
  if (!t) throw notFound('supervision_task', '督办不存在');
  return t;
}

// ---------------------------------------------------------------- reads

export async function getTask(ctx: Ctx, actor: Actor, id: string): Promise<TaskDetailT> {
  const t = await loadTask(ctx, id);
  await assertSees(ctx, actor, t);
  return detail(ctx, actor, t);
}

export interface ListQuery {
  box?: 'issued' | 'received';
  state?: TaskState;
  overdue?: boolean;
  targetAgencyId?: string;
  page?: number;
  pageSize?: number;
}

export async function listTasks(ctx: Ctx, actor: Actor, q: ListQuery) {
  if (!can(actor, 'business.read') || !actor.orgId) throw forbidden('无权查看督办');
  const box = q.box ?? (can(actor, 'supervise.read') ? 'issued' : 'received');
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 100);
  const page = Math.max(q.page ?? 1, 1);
  const filter: repo.TaskFilter =
    box === 'issued'
      ? {
          issuerOrgIds: [actor.orgId],
          ...(q.targetAgencyId ? { targetAgencyIds: [q.targetAgencyId] } : {}),
        }
      : {
          targetAgencyIds: [actor.orgId],
          ...(!actor.roles.includes('office') && actor.divisionId ? { targetOrgId: actor.divisionId } : {}),
        };
  if (q.state) filter.state = q.state;
  if (q.overdue) filter.overdueBefore = todayInChina(ctx.clock);
  const { rows, total } = await repo.listTasks(ctx.db, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: await views(ctx, actor, rows), total, page, pageSize };
}

/** The orgs the actor may address a task to (for the issue form). */
export async function targets(ctx: Ctx, actor: Actor) {
  if (!can(actor, 'supervision.issue') || !actor.orgId) return { items: [] };
  const readable = await readableAgencyIds(ctx, actor);
  const orgs = (await visibleOrgs(ctx, actor)).filter((o) => !o.retired_at);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const issuer = issuerOf(actor);
  return {
    items: orgs
      .filter((o) => mayIssueTo(issuer, nodeOf(o), readable === 'all' ? orgs.map((x) => x.id) : readable))
      .map((o) => {
        const agencyId = o.kind === 'division' ? (o.parent_id ?? o.id) : o.id;
        return { orgId: o.id, name: o.name, kind: o.kind, agencyId, agencyName: names.get(agencyId) ?? '' };
      }),
  };
}

function issuerOf(actor: Actor) {
  return {
    orgId: actor.orgId ?? '',
    supervisor: can(actor, 'supervise.read'),
    office: actor.roles.includes('office'),
  };
}

function nodeOf(o: Org) {
  return { id: o.id, kind: o.kind, parentId: o.parent_id };
}

// ---------------------------------------------------------------- writes

export interface IssueInput {
  targetOrgId: string;
  title: string;
  body: string;
  workdays: number;
  source?: TaskSourceT;
}

export async function issueTask(ctx: Ctx, actor: Actor, input: IssueInput): Promise<TaskDetailT> {
  assertCan(actor, 'supervision.issue');
  if (!actor.orgId) throw forbidden('无所属机关');
  const target = await orgRepo.findById(ctx.db, input.targetOrgId);
  if (!target || target.retired_at) throw notFound('org', '被督办机构不存在');
  const readable = await readableAgencyIds(ctx, actor);
  const readableIds = readable === 'all' ? [target.id, target.parent_id ?? ''] : readable;
  if (!mayIssueTo(issuerOf(actor), nodeOf(target), readableIds))
    throw new DomainError(
      'supervision.invalid_target',
      can(actor, 'supervise.read') ? '只能向所辖下级机关或其科室下达督办' : '只能向本机关的科室下达督办',
      { field: 'targetOrgId' },
      'forbidden',
    );
  const today = todayInChina(ctx.clock);
  const due = taskDue(await loadWorkCalendar(ctx), today, input.workdays);
  const agencyId = target.kind === 'division' ? target.parent_id! : target.id;
  const id = newId();
  await inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    const year = Number(today.slice(0, 4));
    const row: TaskRow = {
      id,
      number: taskNumber(year, await repo.nextCounter(trx, actor.orgId!, year)),
      issuer_org_id: actor.orgId!,
      issued_by: actor.userId,
      issued_by_name: actor.name,
      target_org_id: target.id,
      target_agency_id: agencyId,
      title: input.title.trim(),
      body: input.body.trim(),
      source_kind: input.source?.kind ?? null,
      source_id: input.source?.id ?? null,
      source_label: input.source?.label ?? null,
      source_link: input.source?.link ?? null,
      workdays: input.workdays,
      issued_on: today,
      due_on: due.dueOn,
      due_estimated: due.estimated ? 1 : 0,
      state: 'issued',
      round: 0,
      reply_text: null,
      replied_on: null,
      replied_at: null,
      replied_by: null,
      replied_by_name: null,
      return_reason: null,
      closed_on: null,
      closed_on_time: null,
      overdue_notified_on: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertTask(trx, row);
    await event(
      trx,
      ctx,
      actor,
      id,
      'issued',
      `${target.name}，${input.workdays}个工作日内（${due.dueOn}前）办理`,
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: 'supervision.task.issue',
      targetType: 'supervision_task',
      targetId: id,
      orgId: actor.orgId,
      after: {
        number: row.number,
        target: target.id,
        title: row.title,
        dueOn: row.due_on,
        source: input.source ?? null,
      },
    });
    await notifyReceivers(trx, ctx.clock, row, {
      kind: 'supervision.issued',
      title: `督办：${row.title}`,
      body: `${actor.name}下达督办${row.number}，请于${row.due_on}前办理并答复。`,
    });
  });
  return getTask(ctx, actor, id);
}

async function event(
  trx: Db,
  ctx: Ctx,
  actor: Actor,
  taskId: string,
  action: repo.TaskEventRow['action'],
  note: string | null,
): Promise<void> {
  await repo.appendEvent(trx, {
    id: newId(),
    task_id: taskId,
    action,
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_org_id: actor.orgId,
    note,
    at: nowIso(ctx.clock),
  });
}

/** Runs one transition with a compare-and-set on the state (a concurrent move answers 409). */
async function transition(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: TaskAction,
  side: 'issuer' | 'receiver',
  work: (trx: Db, t: TaskRow, to: TaskState, today: string) => Promise<Partial<TaskRow>>,
  after: (trx: Db, t: TaskRow) => Promise<void>,
): Promise<TaskDetailT> {
  const t = await loadTask(ctx, id);
  await assertSees(ctx, actor, t);
  const s = sides(actor, t);
  if (side === 'issuer' && !s.issuer)
    throw new DomainError(
      'supervision.not_issuer',
      '只有下达督办的单位可以验收、退回或撤回',
      undefined,
      'forbidden',
    );
  if (side === 'receiver' && !s.receiver)
    throw new DomainError('supervision.not_receiver', '只有承办单位可以答复督办', undefined, 'forbidden');
  const to = nextState(t.state, action);
  const today = todayInChina(ctx.clock);
  await inTransaction(ctx, async (trx) => {
    const patch = { ...(await work(trx, t, to, today)), state: to, updated_at: nowIso(ctx.clock) };
    if (!(await repo.updateTaskIfState(trx, t.id, t.state, patch)))
      throw new DomainError(
        'supervision.invalid_transition',
        '督办状态已被他人更新，请刷新后重试',
        undefined,
        'conflict',
      );
    await recordAudit(trx, ctx.clock, actor, {
      action: `supervision.task.${action}`,
      targetType: 'supervision_task',
      targetId: t.id,
      orgId: actor.orgId,
      before: { state: t.state },
      after: patch,
    });
    await after(trx, { ...t, ...patch });
  });
  return getTask(ctx, actor, id);
}

export function replyTask(ctx: Ctx, actor: Actor, id: string, input: { text: string }) {
  return transition(
    ctx,
    actor,
    id,
    'reply',
    'receiver',
    async (trx, t, _to, today) => {
      const round = Number(t.round) + 1;
      const files = await repo.attachPendingFiles(trx, t.id, round);
      await event(
        trx,
        ctx,
        actor,
        t.id,
        'replied',
        `${input.text.trim().slice(0, 200)}${files ? `（佐证材料${files}份）` : ''}`,
      );
      return {
        round,
        reply_text: input.text.trim(),
        replied_on: today,
        replied_at: nowIso(ctx.clock),
        replied_by: actor.userId,
        replied_by_name: actor.name,
      };
    },
    (trx, t) =>
      notifyIssuer(trx, ctx.clock, t, {
        kind: 'supervision.replied',
        title: `督办${t.number}已答复`,
        body: `${actor.name}答复了督办“${t.title}”，请验收。`,
      }),
  );
}

export function acceptTask(ctx: Ctx, actor: Actor, id: string, input: { note?: string | null }) {
  return transition(
    ctx,
    actor,
    id,
    'accept',
    'issuer',
    async (trx, t, _to, today) => {
      await event(trx, ctx, actor, t.id, 'accepted', input.note?.trim() || null);
      return { closed_on: today, closed_on_time: closedOnTime(t.replied_on ?? today, t.due_on) ? 1 : 0 };
    },
    (trx, t) =>
      notifyReceivers(trx, ctx.clock, t, {
        kind: 'supervision.accepted',
        title: `督办${t.number}已验收办结`,
        body: `督办“${t.title}”已验收办结。${input.note?.trim() ? `验收意见：${input.note.trim()}` : ''}`,
      }),
  );
}

export function returnTask(ctx: Ctx, actor: Actor, id: string, input: { reason: string }) {
  return transition(
    ctx,
    actor,
    id,
    'return',
    'issuer',
    async (trx, t) => {
      await event(trx, ctx, actor, t.id, 'returned', input.reason.trim());
      return { return_reason: input.reason.trim() };
    },
    (trx, t) =>
      notifyReceivers(trx, ctx.clock, t, {
        kind: 'supervision.returned',
        title: `督办${t.number}被退回重办`,
        body: `督办“${t.title}”被退回：${input.reason.trim()}。办理期限仍为${t.due_on}。`,
      }),
  );
}

export function withdrawTask(ctx: Ctx, actor: Actor, id: string, input: { reason: string }) {
  return transition(
    ctx,
    actor,
    id,
    'withdraw',
    'issuer',
    async (trx, t, _to, today) => {
      await event(trx, ctx, actor, t.id, 'withdrawn', input.reason.trim());
      return { closed_on: today };
    },
    (trx, t) =>
      notifyReceivers(trx, ctx.clock, t, {
        kind: 'supervision.withdrawn',
        title: `督办${t.number}已撤回`,
        body: `督办“${t.title}”已撤回：${input.reason.trim()}`,
      }),
  );
}

/** An evidence file for the next reply (PDF, images, .docx, .xlsx; ≤ 10 MB; content-checked). */
export async function attachFile(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { fileName: string; bytes: Uint8Array },
) {
  const t = await loadTask(ctx, id);
  await assertSees(ctx, actor, t);
  if (!sides(actor, t).receiver)
    throw new DomainError('supervision.not_receiver', '只有承办单位可以上传佐证材料', undefined, 'forbidden');
  nextState(t.state, 'reply'); // only while a reply is awaited
  const mime = evidenceMime(input.fileName, input.bytes);
  if (!mime)
    throw new DomainError(
      'supervision.file_invalid',
      '佐证材料只支持PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx）文件，且不超过10MB',
      { field: 'file' },
    );
  const stored = await fileStorage().put(`supervision/${t.target_agency_id}`, input.bytes);
  const fileName = input.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 300) || 'file';
  const fileId = newId();
  const now = nowIso(ctx.clock);
  await inTransaction(ctx, async (trx) => {
    await repo.insertFile(trx, {
      id: fileId,
      task_id: t.id,
      org_id: t.target_agency_id,
      round: null,
      file_name: fileName,
      mime,
      storage_key: stored.key,
      size_bytes: stored.sizeBytes,
      sha256: stored.sha256,
      uploaded_by: actor.userId,
      uploaded_by_name: actor.name,
      created_at: now,
    });
    await event(trx, ctx, actor, t.id, 'attached', fileName);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'supervision.task.attach',
      targetType: 'supervision_task',
      targetId: t.id,
      orgId: actor.orgId,
      after: { fileId, fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
    });
  });
  return {
    id: fileId,
    fileName,
    sizeBytes: stored.sizeBytes,
    mime,
    uploadedByName: actor.name,
    createdAt: now,
    round: null,
  };
}

export async function readFile(ctx: Ctx, actor: Actor, id: string, fileId: string) {
  const t = await loadTask(ctx, id);
  await assertSees(ctx, actor, t);
  const f = await repo.findFile(ctx.db, t.id, fileId);
  if (!f) throw notFound('file', '文件不存在');
  return { fileName: f.file_name, mime: f.mime, bytes: await fileStorage().get(f.storage_key) };
}

// ---------------------------------------------------------------- overdue sweep (worker)

/**
 * Overdue tasks not yet notified: tell the receiver (office / division) and the issuer once, record it on
 * the timeline and in the audit log. Returns the number handled; runs in the worker loop.
 */
export async function notifyOverdue(ctx: Ctx, actor: Actor, limit = 50): Promise<number> {
  const today = todayInChina(ctx.clock);
  const due = await repo.overdueUnnotified(ctx.db, today, limit);
  for (const t of due)
    await inTransaction(ctx, async (trx) => {
      if (!(await repo.updateTaskIfState(trx, t.id, t.state, { overdue_notified_on: today }))) return;
      await event(trx, ctx, actor, t.id, 'overdue_notified', `办理期限${t.due_on}已过`);
      await recordAudit(trx, ctx.clock, actor, {
        action: 'supervision.task.overdue_notice',
        targetType: 'supervision_task',
        targetId: t.id,
        orgId: t.target_agency_id,
        after: { dueOn: t.due_on, notifiedOn: today },
      });
      const msg = {
        title: `督办${t.number}已逾期`,
        body: `督办“${t.title}”的办理期限${t.due_on}已过，尚未答复。`,
      };
      await notifyReceivers(trx, ctx.clock, t, { kind: 'supervision.overdue', ...msg });
      await notifyIssuer(trx, ctx.clock, t, { kind: 'supervision.overdue', ...msg });
    });
  return due.length;
}
