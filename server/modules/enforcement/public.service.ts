/** The portal's reads of the 双公示 register: published decisions, notices, accidents and hazards only. */
import { type Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import * as repo from './enforcement.repository.js';
import type { Accident, Decision, Hazard, Notice } from './enforcement.repository.js';
import type { DecisionKind } from './enforcement.tables.js';
import { queryTokens } from './name-tokens.js';

// ---------- public (portal) reads ----------

/**
 * Portal lists count at most this many rows and page through at most these (issue 14 item 8: an
 * uncached page must not cost more as the register grows). Beyond it the page says "1000+" and asks
 * for a filter, as the site search does.
 */
export const PUBLIC_LIST_CAP = 1000;

/** The page to read: 1 … the last page within the cap. */
export function cappedPage(page: number | undefined, pageSize: number): number {
  return Math.min(Math.max(1, page ?? 1), Math.ceil(PUBLIC_LIST_CAP / pageSize));
}

/** A count made with cap PUBLIC_LIST_CAP + 1: the shown total and whether there are more. */
function capped<T extends { total: number }>(r: T): T & { more: boolean } {
  return { ...r, total: Math.min(r.total, PUBLIC_LIST_CAP), more: r.total > PUBLIC_LIST_CAP };
}

export interface PublicDecisionFilter {
  kind?: DecisionKind;
  year?: number;
  /** words of the enterprise name (jieba tokens) */
  name?: string;
  /** exact 统一社会信用代码 */
  creditCode?: string;
  page?: number;
  pageSize?: number;
}

/** Published decisions in their publicity period, filtered for the portal list. */
export async function publicDecisions(
  ctx: Ctx,
  orgId: string,
  f: PublicDecisionFilter,
): Promise<{ items: Decision[]; total: number; more: boolean; tokens: string[] }> {
  const tokens = f.name?.trim() ? queryTokens(f.name) : [];
  if (f.name?.trim() && tokens.length === 0) return { items: [], total: 0, more: false, tokens };
  const pageSize = f.pageSize ?? 20;
  const r = await repo.listDecisions(ctx.db, {
    orgIds: [orgId],
    kind: f.kind,
    year: f.year,
    creditCode: f.creditCode?.trim() ? f.creditCode.trim().toUpperCase() : undefined,
    tokens,
    publicOn: todayInChina(ctx.clock),
    limit: pageSize,
    offset: (cappedPage(f.page, pageSize) - 1) * pageSize,
    countCap: PUBLIC_LIST_CAP + 1,
  });
  return { ...capped(r), tokens };
}

/** One decision as the portal may show it, or undefined (unpublished, other agency, period ended). */
export async function publicDecision(
  ctx: Ctx,
  orgId: string,
  id: string,
): Promise<{ decision: Decision; notices: Notice[] } | undefined> {
  const d = await repo.findDecision(ctx.db, id);
  const today = todayInChina(ctx.clock);
  if (!d || d.org_id !== orgId || d.pub_state !== 'published' || (d.public_until && d.public_until < today))
    return undefined;
  return { decision: d, notices: await repo.noticesOf(ctx.db, id) };
}

/** Every published decision and hazard about one enterprise (企业信用页). */
export async function enterpriseRecord(ctx: Ctx, orgId: string, creditCode: string) {
  const code = creditCode.trim().toUpperCase();
  const { items } = await repo.listDecisions(ctx.db, {
    orgIds: [orgId],
    creditCode: code,
    publicOn: todayInChina(ctx.clock),
    limit: 500,
    offset: 0,
  });
  const hazards = await repo.hazardsOfEnterprise(ctx.db, orgId, code);
  return { decisions: items, hazards };
}

/** Streams every public decision of an agency (open data). */
export function openDataDecisions(ctx: Ctx, orgId: string, f: { kind?: DecisionKind; year?: number }) {
  return repo.iterateDecisions(ctx.db, {
    orgIds: [orgId],
    kind: f.kind,
    year: f.year,
    publicOn: todayInChina(ctx.clock),
  });
}

export async function publicAccidents(
  ctx: Ctx,
  orgId: string,
  f: { level?: string; year?: number; page?: number },
) {
  return capped(
    await repo.listAccidents(ctx.db, {
      orgIds: [orgId],
      published: true,
      level: f.level,
      year: f.year,
      limit: 20,
      offset: (cappedPage(f.page, 20) - 1) * 20,
      countCap: PUBLIC_LIST_CAP + 1,
    }),
  );
}

export async function publicHazards(
  ctx: Ctx,
  orgId: string,
  f: { status?: string; year?: number; q?: string; page?: number },
) {
  return capped(
    await repo.listHazards(ctx.db, {
      orgIds: [orgId],
      published: true,
      status: f.status,
      year: f.year,
      q: f.q,
      limit: 20,
      offset: (cappedPage(f.page, 20) - 1) * 20,
      countCap: PUBLIC_LIST_CAP + 1,
    }),
  );
}

export async function publicAccident(ctx: Ctx, orgId: string, id: string): Promise<Accident | undefined> {
  const a = await repo.findAccident(ctx.db, id);
  return a && a.org_id === orgId && a.pub_state === 'published' ? a : undefined;
}

export async function publicHazard(ctx: Ctx, orgId: string, id: string): Promise<Hazard | undefined> {
  const h = await repo.findHazard(ctx.db, id);
  return h && h.org_id === orgId && h.pub_state === 'published' ? h : undefined;
}
