/**
 * Publication of replies (选登, issue 16 item 5): only with the correspondent's consent and for kinds
 * whose replies may be published, after the personal-data scan, with names and contact details
 * removed. Published letters enter the shared Chinese search index (kind `letter`) in the same
 * transaction; the portal's content version is bumped so cached pages change at once.
 */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { chinaDateOf, nowIso } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { searchIndex, type ReindexProvider } from '../search/search.service.js';
import type { SearchDocument, SearchResultPage } from '../search/search.index.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import * as repo from './interaction.repository.js';
import type { ItemRow, PublicLetterRow } from './interaction.repository.js';
import {
  agencyIdOf,
  audit,
  dataKey,
  itemFor,
  loadDetail,
  openIdentity,
  settingsFor,
  tx,
  type ItemDetail,
  type Trx,
} from './interaction.common.js';
import {
  KINDS,
  KIND_LABELS,
  LIMITS,
  assertTransition,
  checkText,
  fieldsError,
  redactForPublication,
  type Redaction,
} from './interaction.rules.js';
import type { InteractionKind } from './interaction.tables.js';

export const LETTER_KIND = 'letter';

/** The search index's column for a letter: kind and month, so both filters run inside the index. */
export function letterColumn(kind: InteractionKind, month: string): string {
  return `hd:${kind}:${month}`;
}

export function letterDocument(item: ItemRow): SearchDocument {
  return {
    kind: LETTER_KIND,
    sourceId: item.id,
    orgId: item.org_id,
    title: item.public_subject ?? item.subject,
    body: `${item.public_question ?? ''}\n${item.public_reply ?? ''}`,
    url: `/hudong/letters/${item.id}`,
    label: KIND_LABELS[item.kind],
    columnId: letterColumn(item.kind, item.published_month ?? ''),
    year: Number((item.published_month ?? '0').slice(0, 4)) || null,
    publisher: item.reply_unit,
    publishedAt: item.published_at!,
  };
}

export interface PublicationPreview {
  subject: string;
  question: string;
  reply: string;
  removed: Redaction['removed'];
  blocking: { labelZh: string; masked: string }[];
}

async function preview(
  t: Pick<Trx, 'db' | 'now'>,
  item: ItemRow,
  edits: { subject?: string | null; question?: string | null; reply?: string | null },
): Promise<PublicationPreview> {
  const names = item.identity_enc ? [openIdentity(await dataKey(t.db, t.now), item.identity_enc).name] : [];
  const parts = [
    edits.subject ?? item.subject,
    edits.question ?? item.body,
    edits.reply ?? item.reply ?? '',
  ].map((x) => redactForPublication(x, names));
  const removed = new Map<string, number>();
  for (const p of parts) for (const r of p.removed) removed.set(r.kind, (removed.get(r.kind) ?? 0) + r.count);
  return {
    subject: parts[0]!.text,
    question: parts[1]!.text,
    reply: parts[2]!.text,
    removed: [...removed].map(([kind, count]) => ({ kind, count })),
    blocking: parts.flatMap((p) => p.blocking.map((f) => ({ labelZh: f.labelZh, masked: f.masked }))),
  };
}

async function checkPublishable(t: Trx, item: ItemRow): Promise<void> {
  assertTransition(item.status, 'publish');
  const settings = (await settingsFor(t.db, item.org_id))[item.kind];
  if (!settings.publishable)
    throw conflict('kind_not_publishable', `本机关设置为不公开${KIND_LABELS[item.kind]}的答复`);
  if (item.publish_consent !== 1) throw conflict('no_consent', '来信人未同意公开，不能选登');
}

export async function previewPublication(
  ctx: Ctx,
  actor: Actor,
  id: string,
  edits: { subject?: string | null; question?: string | null; reply?: string | null },
): Promise<PublicationPreview> {
  agencyIdOf(actor, 'interaction.admin');
  return tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    await checkPublishable(t, item);
    return preview(t, item, edits);
  });
}

export async function publishItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  edits: { subject?: string | null; question?: string | null; reply?: string | null },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.admin');
  const errors: Record<string, string> = {};
  checkText(errors, 'subject', '公开标题', edits.subject ?? '', LIMITS.subject, false);
  checkText(errors, 'question', '公开的来信内容', edits.question ?? '', LIMITS.body, false);
  checkText(errors, 'reply', '公开的答复内容', edits.reply ?? '', LIMITS.reply, false);
  if (Object.keys(errors).length) throw fieldsError(errors);
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    await checkPublishable(t, item);
    const p = await preview(t, item, edits);
    if (p.blocking.length)
      throw conflict(
        'publication_blocked',
        `内容含有不得公开的标志：${p.blocking.map((b) => b.labelZh).join('、')}`,
      );
    const month = chinaDateOf(t.now).slice(0, 7);
    const patch = {
      published: 1,
      published_at: t.now,
      published_month: month,
      public_subject: p.subject,
      public_question: p.question,
      public_reply: p.reply,
      updated_at: t.now,
    };
    await repo.updateItem(t.db, item.id, patch);
    const next = { ...item, ...patch };
    await searchIndex(ctx).upsert(t.db, letterDocument(next), t.now);
    await bumpContentVersion(t.db, t.clock, item.org_id);
    await audit(t, actor, 'published', next, { removed: p.removed });
    return next;
  });
  return loadDetail(ctx, item);
}

export async function unpublishItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  body: { reason: string },
): Promise<ItemDetail> {
  agencyIdOf(actor, 'interaction.admin');
  const errors: Record<string, string> = {};
  const reason = checkText(errors, 'reason', '撤下理由', body.reason, LIMITS.reason, true);
  if (errors.reason) throw fieldsError(errors);
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    if (item.published !== 1) throw conflict('not_published', '该件未选登');
    const patch = { published: 0, published_at: null, published_month: null, updated_at: t.now };
    await repo.updateItem(t.db, item.id, patch);
    await searchIndex(ctx).remove(t.db, LETTER_KIND, item.id);
    await bumpContentVersion(t.db, t.clock, item.org_id);
    const next = { ...item, ...patch };
    await audit(t, actor, 'unpublished', next, { reason });
    return next;
  });
  return loadDetail(ctx, item);
}

// ------------------------------------------------------------------ public list, search, page

export interface PublicLetterQuery {
  orgId: string;
  q?: string;
  kind?: InteractionKind;
  month?: string;
  page: number;
  pageSize: number;
}

export interface PublicLetterItem {
  id: string;
  number: string;
  kindLabel: string;
  subject: string;
  /** Escaped HTML with <mark> (search) or null. */
  titleHtml: string | null;
  snippetHtml: string | null;
  replyUnit: string | null;
  receivedOn: string;
  repliedOn: string | null;
}

export interface PublicLetterPage {
  items: PublicLetterItem[];
  total: number;
  totalCapped: boolean;
  pageCount: number;
  notice: string | null;
}

/** Counts stop here ("1000 条以上"): a list page must not count a million rows. */
export const COUNT_CAP = 1000;

const rowItem = (r: PublicLetterRow): PublicLetterItem => ({
  id: r.id,
  number: r.number,
  kindLabel: KIND_LABELS[r.kind],
  subject: r.public_subject ?? '',
  titleHtml: null,
  snippetHtml: null,
  replyUnit: r.reply_unit,
  receivedOn: r.received_on,
  repliedOn: r.replied_on,
});

/** Months a letter may be published in for the month filter of a search (bounded list). */
function columnsFor(
  kind: InteractionKind | undefined,
  month: string | undefined,
  months: string[],
): string[] | undefined {
  if (!kind && !month) return undefined;
  const kinds = kind ? [kind] : [...KINDS];
  const ms = month ? [month] : months;
  return kinds.flatMap((k) => ms.map((m) => letterColumn(k, m)));
}

export async function publicLetters(ctx: Ctx, q: PublicLetterQuery): Promise<PublicLetterPage> {
  if (q.q?.trim()) {
    const months = q.kind && !q.month ? await repo.publishedMonths(ctx.db, q.orgId, '0000-00') : [];
    const columnIds = columnsFor(q.kind, q.month, months);
    const r: SearchResultPage = await searchIndex(ctx).search(ctx.db, {
      q: q.q,
      orgIds: [q.orgId],
      // A month also narrows the walk to its own stretch of sort keys (the index walks it directly);
      // the month's columns keep the match exact.
      filters: {
        kind: LETTER_KIND,
        ...(columnIds ? { columnIds } : {}),
        ...(q.month ? { year: Number(q.month.slice(0, 4)), walkMonth: q.month } : {}),
      },
      page: q.page,
      pageSize: q.pageSize,
      now: nowIso(ctx.clock),
    });
    return {
      items: r.hits.map((h) => ({
        id: h.sourceId,
        number: '',
        kindLabel: h.label ?? '',
        subject: h.title,
        titleHtml: h.titleHtml,
        snippetHtml: h.snippetHtml,
        replyUnit: h.publisher,
        receivedOn: '',
        repliedOn: chinaDateOf(h.publishedAt),
      })),
      total: r.total,
      totalCapped: r.totalCapped,
      pageCount: r.pageCount,
      notice: r.notice,
    };
  }
  const filter = {
    orgId: q.orgId,
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.month ? { month: q.month } : {}),
  };
  const [rows, total] = await Promise.all([
    repo.publicLetters(ctx.db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countPublicLetters(ctx.db, filter, COUNT_CAP + 1),
  ]);
  const capped = total > COUNT_CAP;
  const shown = capped ? COUNT_CAP : total;
  return {
    items: rows.map(rowItem),
    total: shown,
    totalCapped: capped,
    pageCount: Math.max(1, Math.ceil(shown / q.pageSize)),
    notice: null,
  };
}

export async function publicMonths(ctx: Ctx, orgId: string, today: string): Promise<string[]> {
  const y = Number(today.slice(0, 4)) - 2;
  return repo.publishedMonths(ctx.db, orgId, `${y}-01`);
}

export interface PublicLetterView {
  id: string;
  number: string;
  kindLabel: string;
  subject: string;
  question: string;
  reply: string;
  replyUnit: string | null;
  receivedOn: string;
  repliedOn: string | null;
  publishedOn: string;
  rating: string | null;
}

export async function publicLetter(ctx: Ctx, orgId: string, id: string): Promise<PublicLetterView> {
  const item = await repo.publicLetter(ctx.db, orgId, id.slice(0, 64));
  if (!item) throw notFound('letter', '该信件不存在或已撤下');
  return {
    id: item.id,
    number: item.number,
    kindLabel: KIND_LABELS[item.kind],
    subject: item.public_subject ?? '',
    question: item.public_question ?? '',
    reply: item.public_reply ?? '',
    replyUnit: item.reply_unit,
    receivedOn: item.received_on,
    repliedOn: item.replied_on,
    publishedOn: chinaDateOf(item.published_at!),
    rating: null,
  };
}

/** Rebuilds the published letters in the search index (`gongkai search reindex --kind letter`). */
export const letterReindexProvider: ReindexProvider = {
  kind: LETTER_KIND,
  label: '互动交流选登信件',
  async *documents(ctx: Ctx) {
    let after = '';
    for (;;) {
      const rows = await repo.publishedAfter(ctx.db, after, 1000);
      if (rows.length === 0) return;
      yield rows.map(letterDocument);
      after = rows[rows.length - 1]!.id;
    }
  },
};
