/**
 * What the public sees and does: announced and recorded events, hearing registration, published
 * proposal replies. No personal data leaves here: registrations show names and affiliations of the
 * selected participants only.
 */
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './events.repository.js';
import { checkEmail, checkPhone, registrationProblem } from './events.rules.js';
import type { EventKind, ProposalKind } from './events.tables.js';
import { audit, rule } from './events.shared.js';

export const PUBLIC_PAGE_SIZE = 15;

/** Splits a visitor's query into at most 3 words of at most 20 characters (LIKE filter words). */
export function queryWords(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s,，、]+/)
    .map((w) => w.trim().slice(0, 20))
    .filter(Boolean)
    .slice(0, 3);
}

export async function publicEventList(
  ctx: Ctx,
  orgId: string,
  f: { when: 'upcoming' | 'past'; kind?: EventKind; year?: number; q?: string; page: number },
) {
  return repo.publicEvents(
    ctx.db,
    orgId,
    {
      when: f.when,
      today: todayInChina(ctx.clock),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.year ? { year: f.year } : {}),
      words: queryWords(f.q),
    },
    { limit: PUBLIC_PAGE_SIZE, offset: (f.page - 1) * PUBLIC_PAGE_SIZE },
  );
}

/**
 * A public event page: announced, published or an announced event later cancelled (the notice of
 * cancellation stays). Planned and unannounced events are not public.
 */
export async function publicEvent(ctx: Ctx, orgId: string, id: string) {
  const e = await repo.findEvent(ctx.db, id);
  const visible =
    e &&
    e.org_id === orgId &&
    (e.state === 'announced' ||
      e.state === 'published' ||
      (e.announced_at !== null && (e.state === 'cancelled' || e.state === 'held')));
  if (!visible) throw notFound('event', '该活动不存在或尚未公开');
  const participants = e.kind === 'hearing' ? await repo.selectedParticipants(ctx.db, id) : [];
  return { event: e, participants };
}

export interface RegistrationInput {
  name: string;
  affiliation: string;
  phone: string;
  email: string;
  statement: string;
}

/** Field-level problems of a registration form (Chinese), empty when it is valid. */
export function registrationFieldErrors(input: RegistrationInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = input.name.trim();
  if (!name) errors.name = '请填写姓名';
  else if (name.length > 50) errors.name = '姓名不能超过50个字';
  if (input.affiliation.trim().length > 200) errors.affiliation = '单位或身份不能超过200个字';
  if (!input.phone.trim()) errors.phone = '请填写联系电话';
  else
    try {
      checkPhone(input.phone);
    } catch (err) {
      errors.phone = (err as Error & { messageZh?: string }).messageZh ?? '联系电话格式不正确';
    }
  if (input.email.trim())
    try {
      checkEmail(input.email);
    } catch {
      errors.email = '电子邮箱格式不正确';
    }
  if (input.statement.trim().length > 2000) errors.statement = '拟陈述的意见不能超过2000个字';
  return errors;
}

/** Registers a member of the public for a hearing (before the deadline, once per phone number). */
export async function registerForHearing(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  eventId: string,
  input: RegistrationInput,
): Promise<{ id: string }> {
  const errors = registrationFieldErrors(input);
  const first = Object.entries(errors)[0];
  if (first) throw new DomainError('invalid_registration', first[1], { field: first[0], errors });
  const today = todayInChina(ctx.clock);
  const phone = rule(() => checkPhone(input.phone));
  return inTransaction(ctx, async (trx) => {
    const e = await repo.findEvent(trx, eventId);
    if (!e || e.org_id !== orgId) throw notFound('event', '该活动不存在');
    const problem = registrationProblem(
      { kind: e.kind, state: e.state, registrationDeadline: e.registration_deadline },
      today,
    );
    if (problem) throw conflict(problem.code, problem.message);
    if (await repo.findRegistrationByPhone(trx, e.id, phone))
      throw conflict('duplicate_registration', '该联系电话已报名，请勿重复报名');
    const id = newId();
    await repo.insertRegistration(trx, {
      id,
      event_id: e.id,
      org_id: e.org_id,
      name: input.name.trim(),
      affiliation: input.affiliation.trim() || null,
      phone,
      email: input.email.trim() ? rule(() => checkEmail(input.email)) : null,
      statement: input.statement.trim() || null,
      status: 'pending',
      created_at: nowIso(ctx.clock),
      decided_at: null,
    });
    // The audit row names the registration, not the person's contact details.
    await audit(
      trx,
      ctx.clock,
      actor,
      'events.registration.create',
      { type: 'event_registration', id, orgId: e.org_id },
      {
        eventId: e.id,
      },
    );
    return { id };
  });
}

export async function publicProposalList(
  ctx: Ctx,
  orgId: string,
  f: { year?: number; kind?: ProposalKind; q?: string; page: number },
) {
  const [list, years] = await Promise.all([
    repo.publicProposals(
      ctx.db,
      orgId,
      { ...(f.year ? { year: f.year } : {}), ...(f.kind ? { kind: f.kind } : {}), words: queryWords(f.q) },
      { limit: PUBLIC_PAGE_SIZE, offset: (f.page - 1) * PUBLIC_PAGE_SIZE },
    ),
    repo.publicProposalYears(ctx.db, orgId),
  ]);
  return { ...list, years };
}

export async function publicProposal(ctx: Ctx, orgId: string, id: string) {
  const p = await repo.findProposal(ctx.db, id);
  if (!p || p.org_id !== orgId || p.publication !== 'published')
    throw notFound('proposal', '该办理结果不存在或未公开');
  return p;
}
