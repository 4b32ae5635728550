/**
 * Read use cases for the console (lists, item detail with review trail, history, queues) and the
 * published-item lookups for the portal.
 */
import type { Kysely } from 'kysely';
import type { ItemActionT } from '../../../contract/catalog.js';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import * as repo from './catalog.repository.js';
import type { Item, Revision } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { type SourcedFinding } from './catalog.scan.js';
import type { RevisionState } from './catalog.tables.js';
import {
  attachmentView,
  columnView,
  deliveryView,
  itemSummaryView,
  revisionView,
  type ItemSummaryView,
} from './catalog.views.js';
import { catalogCalendar, itemForRead, readAgency } from './catalog.access.js';
import { orderTree } from './catalog.columns.js';

// ───────────────────────── reads ─────────────────────────

export async function listItems(
  ctx: Ctx,
  actor: Actor,
  q: {
    orgId?: string;
    columnId?: string;
    status?: string;
    state?: string;
    q?: string;
    mine?: boolean;
    year?: number;
    page?: number;
    pageSize?: number;
  },
) {
  const orgId = await readAgency(ctx, actor, q.orgId);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const { rows, total } = await repo.listItems(ctx.db, {
    orgIds: [orgId],
    ...(q.columnId ? { columnId: q.columnId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.state ? { state: q.state } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.mine && actor.userId ? { draftedBy: actor.userId } : {}),
    ...(q.year ? { year: q.year } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: await summaries(ctx.db, rows), total, page, pageSize };
}

async function summaries(db: Kysely<DB>, rows: Item[]): Promise<ItemSummaryView[]> {
  if (rows.length === 0) return [];
  const colIds = [...new Set(rows.map((r) => r.column_id))];
  const cols = await repo.columnNames(db, colIds);
  const names = new Map(cols.map((c) => [c.id, c.name]));
  const revIds = rows.flatMap((r) => (r.working_revision_id ? [r.working_revision_id] : []));
  const revs = await repo.revisionsByIds(db, revIds);
  const byId = new Map(revs.map((r) => [r.id, r]));
  return rows.map((r) =>
    itemSummaryView(
      r,
      names.get(r.column_id) ?? '',
      r.working_revision_id ? (byId.get(r.working_revision_id) ?? null) : null,
    ),
  );
}

/** What this actor may do with the item now (the console shows only these buttons). */
function allowedActions(actor: Actor, item: Item, working: Revision | null): ItemActionT[] {
  const out: ItemActionT[] = [];
  if (actor.kind !== 'system' && actor.orgId !== item.org_id) return out;
  const has = (p: Parameters<typeof can>[1]) => can(actor, p);
  if (working) {
    const s = working.state;
    if (s === 'draft' && has('catalog.draft')) out.push('edit', 'submit', 'discard');
    if (
      s === 'submitted' &&
      has('catalog.draft') &&
      (working.drafted_by === actor.userId || has('catalog.admin'))
    )
      out.push('recall');
    if (s === 'submitted' && has('catalog.review') && working.drafted_by !== actor.userId)
      out.push('start_review');
    if (s === 'reviewing' && has('catalog.review') && working.drafted_by !== actor.userId) out.push('review');
    if (s === 'approving' && has('catalog.approve')) out.push('approve', 'reject');
    if (s === 'approving_principal' && has('catalog.approve.principal')) out.push('approve', 'reject');
  } else if (item.status === 'published' && has('catalog.draft')) out.push('new_revision');
  if ((item.status === 'published' || item.status === 'scheduled') && has('catalog.admin'))
    out.push('withdraw');
  if (item.status === 'published' && item.validity === 'valid' && has('catalog.admin')) out.push('repeal');
  return out;
}

export async function getItem(ctx: Ctx, actor: Actor, itemId: string) {
  const item = await itemForRead(ctx, actor, itemId);
  const db = ctx.db;
  const working = item.working_revision_id
    ? ((await repo.findRevision(db, item.working_revision_id)) ?? null)
    : null;
  const published = item.published_revision_id
    ? ((await repo.findRevision(db, item.published_revision_id)) ?? null)
    : null;
  const column = await repo.findColumn(db, item.column_id);
  const [summary] = await summaries(db, [item]);
  const reviews = await repo.reviewsOf(db, item.id);
  const approvals = await repo.approvalsOf(db, item.id);
  const overrides = await repo.overridesOf(db, item.id);
  const deliveries = await repo.deliveriesOf(db, item.id);
  const timeliness =
    item.generated_on && item.published_on
      ? rules.itemTimeliness(await catalogCalendar(db), item.generated_on, item.published_on)
      : null;
  return {
    ...summary!,
    columnName: column?.name ?? '',
    summary: item.summary,
    bodyHtml: item.body_html,
    topic: item.topic,
    disclosureMode: item.disclosure_mode,
    art20Item: item.art20_item,
    keywords: item.keywords,
    validityDate: item.validity_date,
    replacedByItemId: item.replaced_by_item_id,
    scheduledAt: item.scheduled_at,
    withdrawnAt: item.withdrawn_at,
    withdrawnReason: item.withdrawn_reason,
    contentUpdatedAt: item.content_updated_at,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    working: working ? revisionView(working) : null,
    published: published ? revisionView(published) : null,
    attachments: (await repo.attachmentsOf(db, (working ?? published)?.id ?? '')).map(attachmentView),
    publishedAttachments: published ? (await repo.attachmentsOf(db, published.id)).map(attachmentView) : [],
    links: await linkViews(db, item.id),
    reviews: reviews.map((r) => ({
      id: r.id,
      revisionId: r.revision_id,
      reviewerName: r.reviewer_name,
      decision: r.decision,
      checklist: JSON.parse(r.checklist) as rules.Checklist,
      opinion: r.opinion,
      scanFindings: JSON.parse(r.scan_findings) as SourcedFinding[],
      createdAt: r.created_at,
    })),
    approvals: approvals.map((a) => ({
      id: a.id,
      revisionId: a.revision_id,
      level: a.level,
      approverName: a.approver_name,
      decision: a.decision,
      opinion: a.opinion,
      createdAt: a.created_at,
    })),
    overrides: overrides.map((o) => ({
      id: o.id,
      fingerprint: o.fingerprint,
      kind: o.kind,
      masked: o.masked,
      reason: o.reason,
      overriddenByName: o.overridden_by_name,
      createdAt: o.created_at,
    })),
    deliveries: deliveries.map(deliveryView),
    timeliness,
    allowedActions: allowedActions(actor, item, working),
  };
}

async function linkViews(db: Kysely<DB>, itemId: string) {
  const { out, inc } = await repo.linksOf(db, itemId);
  return [
    ...out.map((l) => ({
      id: l.id,
      kind: l.kind,
      direction: 'out' as const,
      otherItemId: l.other,
      otherTitle: l.title,
      otherStatus: l.status,
    })),
    ...inc.map((l) => ({
      id: l.id,
      kind: l.kind,
      direction: 'in' as const,
      otherItemId: l.other,
      otherTitle: l.title,
      otherStatus: l.status,
    })),
  ];
}

export async function history(ctx: Ctx, actor: Actor, itemId: string) {
  const item = await itemForRead(ctx, actor, itemId);
  return repo.eventsOf(ctx.db, item.id);
}

/** Items waiting at each workflow step with their age (console queues). */
export async function queues(ctx: Ctx, actor: Actor, orgId?: string) {
  const id = await readAgency(ctx, actor, orgId);
  const states: RevisionState[] = [
    'draft',
    'submitted',
    'reviewing',
    'approving',
    'approving_principal',
    'scheduled',
  ];
  const revs = await repo.revisionsInStates(ctx.db, [id], states);
  const items = await repo.itemsByIds(
    ctx.db,
    revs.map((r) => r.item_id),
  );
  const views = await summaries(ctx.db, items);
  const byItem = new Map(views.map((v) => [v.id, v]));
  const out = Object.fromEntries(states.map((s) => [s, [] as ItemSummaryView[]])) as Record<
    string,
    ItemSummaryView[]
  >;
  for (const r of revs) {
    const v = byItem.get(r.item_id);
    if (v && v.workingRevision?.id === r.id) out[r.state]!.push(v);
  }
  return out;
}

/** Published-item lookups for the portal and search (public content only). */
export async function listPublishedColumns(ctx: Ctx, orgId: string) {
  return orderTree(await repo.listColumns(ctx.db, orgId, false)).map(columnView);
}

export async function getPublishedItem(ctx: Ctx, orgId: string, itemId: string) {
  const item = await repo.findItem(ctx.db, itemId);
  if (!item || item.org_id !== orgId || item.status !== 'published') return undefined;
  const attachments = await repo.attachmentsOf(ctx.db, item.published_revision_id!);
  return { item, attachments };
}
