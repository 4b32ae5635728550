/**
 * Safety credit: the credit file gathered from the records, the rating by the agency's rules, and the
 * 安全生产严重失信主体名单 (告知 → 陈述申辩 → 列入决定 → 公开 → 期满/信用修复/提前移出, and 恢复列入 when an
 * early removal is revoked), every step audited; the periods are the pure rules of credit.rules.ts.
 * The portal and the enterprise area call `creditOf` with the same public facts, so both show the same reasons.
 */
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import {
  creditRulesProblem,
  DEFAULT_CREDIT_RULES,
  LISTING_CRITERIA,
  decisionProblem,
  LISTING_RULES,
  listingPeriod,
  listingPhase,
  listUntil,
  rate,
  repairProblem,
  restoreProblem,
  type CreditFacts,
  type CreditRating,
  type CreditRule,
} from './credit.rules.js';
import * as crepo from './credit.repository.js';
import * as repo from './enterprises.repository.js';
import type { Enterprise, Listing } from './enterprises.repository.js';
import { linkedRecords, managedAgency } from './enterprises.service.js';

export async function creditRules(ctx: Pick<Ctx, 'db'>, orgId: string): Promise<CreditRule[]> {
  const json = await crepo.creditRulesJson(ctx.db, orgId);
  return json !== undefined ? (JSON.parse(json) as CreditRule[]) : DEFAULT_CREDIT_RULES;
}

export async function updateCreditRules(ctx: Ctx, actor: Actor, rules: CreditRule[]): Promise<CreditRule[]> {
  const orgId = managedAgency(actor);
  const problem = creditRulesProblem(rules);
  if (problem) throw new DomainError('invalid_credit_rules', problem, { field: 'rules' });
  const clean = rules.map((r) => ({ grade: r.grade, fact: r.fact, min: r.min, months: r.months }));
  return inTransaction(ctx, async (trx) => {
    const before = await creditRules({ db: trx }, orgId);
    const now = nowIso(ctx.clock);
    await crepo.saveCreditRulesJson(trx, orgId, JSON.stringify(clean), now);
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.credit_rules.update',
      targetType: 'ent_settings',
      targetId: orgId,
      orgId,
      before,
      after: clean,
    });
    return clean;
  });
}

/** What the credit file is built from when the caller has already read it (the enterprise page). */
export interface CreditInputs {
  links: Awaited<ReturnType<typeof linkedRecords>>;
  inspections: repo.Inspection[];
  listing: Listing | undefined;
}

/** The credit file of an enterprise from its published records (what the public can check). */
export async function creditFacts(ctx: Ctx, e: Enterprise, pre?: CreditInputs): Promise<CreditFacts> {
  const today = todayInChina(ctx.clock);
  const [links, inspections, overdue, listing] = await Promise.all([
    pre?.links ?? linkedRecords(ctx, e, true),
    pre?.inspections ?? repo.inspectionsOf(ctx.db, e.id, true),
    repo.countOverdueReports(ctx.db, e.id, today),
    pre ? pre.listing : repo.activeListing(ctx.db, e.id),
  ]);
  return {
    penalties: links.decisions
      .filter((d) => d.kind === 'penalty' && d.legalStatus !== 'revoked' && d.legalStatus !== 'withdrawn')
      .map((d) => ({ date: d.decisionDate, fineFen: d.fineFen ?? 0 })),
    accidents: links.accidents.map((a) => ({ date: a.occurredOn, deaths: a.deaths, level: a.level })),
    supervisedOpen: links.supervisedHazards.filter((h) => h.rectificationStatus !== 'delisted').length,
    overdueSelfReports: overdue,
    inspections: inspections
      .filter((i) => i.published_at)
      .map((i) => ({ date: i.inspected_on, result: i.result })),
    listed:
      !!listing &&
      listingPhase({ status: listing.status, listUntil: listing.list_until }, today) === 'listed',
    listedUntil: listing?.list_until ?? null,
  };
}

export async function creditOf(ctx: Ctx, e: Enterprise, pre?: CreditInputs): Promise<CreditRating> {
  const [facts, rules] = await Promise.all([creditFacts(ctx, e, pre), creditRules(ctx, e.org_id)]);
  return rate(facts, rules, todayInChina(ctx.clock));
}

// ---------- 严重失信主体名单 ----------

export interface ListingView {
  id: string;
  enterpriseId: string;
  criterion: string;
  criterionText: string;
  facts: string;
  status: Listing['status'];
  noticeOn: string;
  statementDue: string;
  statement: string | null;
  statementOn: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
  listUntil: string | null;
  /** first day 信用修复 may remove the entry early (null before the decision) */
  repairFrom: string | null;
  removedOn: string | null;
  removalKind: Listing['removal_kind'];
  removalReason: string | null;
}

export function toListingView(l: Listing): ListingView {
  return {
    id: l.id,
    enterpriseId: l.enterprise_id,
    criterion: l.criterion,
    criterionText: LISTING_CRITERIA[l.criterion] ?? l.criterion,
    facts: l.facts,
    status: l.status,
    noticeOn: l.notice_on,
    statementDue: l.statement_due,
    statement: l.statement,
    statementOn: l.statement_on,
    decisionNumber: l.decision_number,
    decidedOn: l.decided_on,
    listUntil: l.list_until,
    repairFrom: l.decided_on ? listingPeriod(l.decided_on).repairFrom : null,
    removedOn: l.removed_on,
    removalKind: l.removal_kind,
    removalReason: l.removal_reason,
  };
}

async function loadListing(trx: Ctx['db'], orgId: string, id: string): Promise<Listing> {
  const l = await crepo.findListing(trx, id);
  if (!l || l.org_id !== orgId) throw notFound('listing', '名单记录不存在');
  return l;
}

/** 告知: starts a listing procedure with the criterion and the facts; the statement window opens. */
export async function noticeListing(
  ctx: Ctx,
  actor: Actor,
  input: { enterpriseId: string; criterion: string; facts: string },
): Promise<ListingView> {
  const orgId = managedAgency(actor);
  if (!LISTING_CRITERIA[input.criterion])
    throw new DomainError('invalid_criterion', '列入依据无效', { field: 'criterion' });
  const facts = input.facts.trim();
  if (!facts) throw new DomainError('required', '请填写失信事实', { field: 'facts' });
  const calendar = await loadWorkCalendar(ctx);
  return inTransaction(ctx, async (trx) => {
    const e = await repo.findEnterprise(trx, input.enterpriseId);
    if (!e || e.org_id !== orgId) throw notFound('enterprise', '企业不存在');
    if (await repo.activeListing(trx, e.id))
      throw conflict('listing_exists', '该企业已有进行中的列入程序或正在名单管理期内');
    const today = todayInChina(ctx.clock);
    const now = nowIso(ctx.clock);
    const row: Listing = {
      id: newId(),
      org_id: orgId,
      enterprise_id: e.id,
      criterion: input.criterion,
      facts,
      status: 'notified',
      notice_on: today,
      statement_due: calendar.addWorkdays(today, LISTING_RULES.statementWorkdays).date,
      statement: null,
      statement_on: null,
      decision_number: null,
      decided_on: null,
      list_until: null,
      removed_on: null,
      removal_kind: null,
      removal_reason: null,
      created_at: now,
      updated_at: now,
    };
    await crepo.insertListing(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.listing.notice',
      targetType: 'ent_listing',
      targetId: row.id,
      orgId,
      after: { enterprise: e.credit_code, criterion: row.criterion, statementDue: row.statement_due },
    });
    return toListingView(row);
  });
}

/** Records the enterprise's 陈述、申辩 (by the enterprise itself or entered by the agency). */
export async function recordStatement(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  id: string,
  statement: string,
  enterpriseId?: string,
): Promise<ListingView> {
  const text = statement.trim();
  if (!text) throw new DomainError('required', '陈述申辩内容不能为空', { field: 'statement' });
  return inTransaction(ctx, async (trx) => {
    const l = await loadListing(trx, orgId, id);
    if (enterpriseId && l.enterprise_id !== enterpriseId)
      throw forbidden('只能对本企业的列入程序提出陈述申辩');
    if (l.status !== 'notified') throw conflict('invalid_transition', '只能在告知后、作出决定前提出陈述申辩');
    const today = todayInChina(ctx.clock);
    const patch = { statement: text, statement_on: today, updated_at: nowIso(ctx.clock) };
    await repo.updateListing(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.listing.statement',
      targetType: 'ent_listing',
      targetId: id,
      orgId,
      after: { statementOn: today },
    });
    return toListingView({ ...l, ...patch });
  });
}

/** 列入决定 (published at once): only after the statement window closed or a statement was made. */
export async function decideListing(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { decisionNumber: string },
): Promise<ListingView> {
  const orgId = managedAgency(actor);
  const number = input.decisionNumber.trim();
  if (!number) throw new DomainError('required', '请填写列入决定书文号', { field: 'decisionNumber' });
  return inTransaction(ctx, async (trx) => {
    const l = await loadListing(trx, orgId, id);
    if (l.status !== 'notified') throw conflict('invalid_transition', '只有已告知的程序可以作出列入决定');
    const today = todayInChina(ctx.clock);
    const problem = decisionProblem(l.statement_due, !!l.statement, today);
    if (problem) throw conflict('statement_window_open', problem);
    const patch = {
      status: 'listed' as const,
      decision_number: number,
      decided_on: today,
      list_until: listUntil(today),
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateListing(trx, id, patch);
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.listing.decide',
      targetType: 'ent_listing',
      targetId: id,
      orgId,
      after: { decisionNumber: number, decidedOn: today, listUntil: patch.list_until },
    });
    return toListingView({ ...l, ...patch });
  });
}

/**
 * Ends a listing: 'withdrawn' (procedure dropped before a decision), 'repair' (信用修复, after the minimum
 * time on the list), 'early' (提前移出 for other lawful reasons, e.g. the decision was revoked) or 'expiry'.
 */
export async function endListing(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: {
    kind: 'withdrawn' | 'repair' | 'early' | 'expiry';
    reason: string;
    /** keys of REPAIR_CONDITIONS the agency confirmed (信用修复 needs all) */
    conditions?: string[];
  },
): Promise<ListingView> {
  const orgId = managedAgency(actor);
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('required', '请填写理由', { field: 'reason' });
  return inTransaction(ctx, async (trx) => {
    const l = await loadListing(trx, orgId, id);
    const today = todayInChina(ctx.clock);
    let patch: Partial<Listing>;
    if (input.kind === 'withdrawn') {
      if (l.status !== 'notified') throw conflict('invalid_transition', '只有尚未作出决定的程序可以终止');
      patch = { status: 'withdrawn', removed_on: today, removal_reason: reason };
    } else {
      if (l.status !== 'listed') throw conflict('invalid_transition', '该企业不在名单管理期内');
      if (input.kind === 'repair') {
        const problem = repairProblem(l.decided_on!, today, input.conditions ?? []);
        if (problem)
          throw conflict(
            today < listingPeriod(l.decided_on!).repairFrom ? 'repair_too_early' : 'repair_not_allowed',
            problem,
          );
      }
      if (input.kind === 'expiry' && today < l.list_until!)
        throw conflict('not_expired', `管理期至${l.list_until}，尚未期满`);
      patch = { status: 'removed', removed_on: today, removal_kind: input.kind, removal_reason: reason };
    }
    patch.updated_at = nowIso(ctx.clock);
    await repo.updateListing(trx, id, patch);
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: `enterprises.listing.${input.kind}`,
      targetType: 'ent_listing',
      targetId: id,
      orgId,
      before: { status: l.status },
      after: { status: patch.status, ...(input.kind === 'repair' ? { conditions: input.conditions } : {}) },
      note: reason,
    });
    return toListingView({ ...l, ...patch });
  });
}

/**
 * 恢复列入: revokes an early removal (信用修复/提前移出) found to rest on concealed facts or fraud; the entry is
 * listed again, published, until its original last day (the period is neither restarted nor extended).
 */
export async function restoreListing(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<ListingView> {
  const orgId = managedAgency(actor);
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('required', '请填写撤销移出的理由', { field: 'reason' });
  return inTransaction(ctx, async (trx) => {
    const l = await loadListing(trx, orgId, id);
    const today = todayInChina(ctx.clock);
    const problem = restoreProblem(
      { status: l.status, removalKind: l.removal_kind, listUntil: l.list_until },
      today,
    );
    if (problem) throw conflict('invalid_transition', problem);
    if (await repo.activeListing(trx, l.enterprise_id))
      throw conflict('listing_exists', '该企业已有进行中的列入程序或正在名单管理期内');
    const patch = {
      status: 'listed' as const,
      removed_on: null,
      removal_kind: null,
      removal_reason: null,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateListing(trx, id, patch);
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.listing.restore',
      targetType: 'ent_listing',
      targetId: id,
      orgId,
      before: { status: l.status, removalKind: l.removal_kind, removedOn: l.removed_on },
      after: { status: 'listed', listUntil: l.list_until },
      note: reason,
    });
    return toListingView({ ...l, ...patch });
  });
}

export async function listListings(ctx: Ctx, orgId: string, status?: Listing['status']) {
  const rows = await crepo.listingsWithEnterprise(ctx.db, orgId, status);
  return rows.map((r) => ({
    ...toListingView(r),
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
  }));
}

/** The public 失信名单: decided listings in their period (names and reasons, never personal data). */
export async function publicListings(ctx: Ctx, orgId: string) {
  const today = todayInChina(ctx.clock);
  const rows = await listListings(ctx, orgId, 'listed');
  return rows.filter((r) => listingPhase(r, today) === 'listed');
}
