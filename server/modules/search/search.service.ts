/**
 * Search use cases: the index for the current engine, writes that ride in the caller's transaction,
 * the public query, and rebuilding from sources through registered reindex providers.
 */
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';
import type { ProviderRegistry } from '../../platform/providers.js';
import { searchIndexFor } from './search.engines.js';
import type {
  AgencyCounts,
  SearchDocument,
  SearchFilters,
  SearchIndex,
  SearchResultPage,
} from './search.index.js';

/** The index for ctx's engine. */
export function searchIndex(ctx: Pick<Ctx, 'dialect'>): SearchIndex {
  return searchIndexFor(ctx.dialect);
}

/**
 * Adds or replaces a public document. Pass the publishing transaction as ctx.db
 * (`{ ...ctx, db: trx }`) so the document appears exactly when the publication commits.
 */
export async function indexDocument(ctx: Ctx, doc: SearchDocument): Promise<void> {
  await searchIndex(ctx).upsert(ctx.db, doc, nowIso(ctx.clock));
}

/** Removes a document (withdrawal, 废止 hidden, end of 公示期); inside the caller's transaction. */
export async function unindexDocument(ctx: Ctx, kind: string, sourceId: string): Promise<boolean> {
  return searchIndex(ctx).remove(ctx.db, kind, sourceId);
}

export interface PublicSearchInput {
  q: string;
  orgIds: string[];
  filters?: SearchFilters;
  page?: number;
  pageSize?: number;
  order?: 'newest' | 'relevance';
}

/** The public search (only what is in the index is public; visible_until is checked against the clock). */
export async function publicSearch(ctx: Ctx, input: PublicSearchInput): Promise<SearchResultPage> {
  return searchIndex(ctx).search(ctx.db, { ...input, now: nowIso(ctx.clock) });
}

/**
 * Public hits per agency of a search over several agencies (the site group's agency facet), counted in one
 * query over at most `cap` matches; `capped` says the counts are lower bounds.
 */
export async function publicAgencyCounts(
  ctx: Ctx,
  input: Pick<PublicSearchInput, 'q' | 'orgIds' | 'filters'>,
  cap: number,
): Promise<AgencyCounts> {
  return searchIndex(ctx).countByAgency(ctx.db, { ...input, now: nowIso(ctx.clock) }, cap);
}

/** A source of public documents of one kind, to rebuild the index from (catalog items, decisions …). */
export interface ReindexProvider {
  kind: string;
  /** Chinese label for CLI output. */
  label: string;
  /** Every document of this kind that is public now, in batches; reads through `db`. */
  documents(ctx: Ctx): AsyncIterable<SearchDocument[]>;
}

/** The reindex sources of one container (server, worker, CLI, test app): filled in the modules' `wire(c)`. */
export interface ReindexRegistry {
  /** Registers (or replaces) the provider for its kind. */
  register(provider: ReindexProvider): void;
  get(kind: string): ReindexProvider | undefined;
  all(): ReindexProvider[];
}

export function createReindexRegistry(): ReindexRegistry {
  const byKind = new Map<string, ReindexProvider>();
  return {
    register: (provider) => void byKind.set(provider.kind, provider),
    get: (kind) => byKind.get(kind),
    all: () => [...byKind.values()],
  };
}

declare module '../../platform/providers.js' {
  interface Providers {
    /** Provided by the search module's wire(c); the modules with public documents register on it. */
    'search.reindex': ReindexRegistry;
  }
}

/**
 * Registers a module's source of documents on the container's registry; call it from the module's
 * `wire(c)` (the search module is wired before every module that registers).
 */
export function registerReindexProvider(c: { providers: ProviderRegistry }, provider: ReindexProvider): void {
  c.providers.get('search.reindex').register(provider);
}

/** The registered sources of this container (none when the search module is not wired). */
export function reindexProviders(ctx: Pick<Ctx, 'providers'>): ReindexProvider[] {
  return ctx.providers?.find('search.reindex')?.all() ?? [];
}

export interface ReindexResult {
  kind: string;
  label: string;
  removed: number;
  indexed: number;
}

/**
 * Rebuilds the index for the given kinds (default: every registered provider). Each kind is rebuilt
 * in one transaction, so searches see either the old or the new set, never a half-built one.
 */
export async function reindex(
  ctx: Ctx,
  options: { kinds?: string[]; onBatch?: (kind: string, indexed: number) => void } = {},
): Promise<ReindexResult[]> {
  const chosen = options.kinds?.length
    ? options.kinds.map((k) => {
        const p = ctx.providers?.find('search.reindex')?.get(k);
        if (!p) throw new DomainError('search_unknown_kind', `没有可重建的检索文档类型：${k}`, { kind: k });
        return p;
      })
    : reindexProviders(ctx);
  const results: ReindexResult[] = [];
  for (const provider of chosen) {
    results.push(
      await inTransaction(ctx, async (trx) => {
        const tctx = { ...ctx, db: trx };
        const index = searchIndex(ctx);
        const removed = await index.removeKind(trx, provider.kind);
        let indexed = 0;
        const now = nowIso(ctx.clock);
        for await (const batch of provider.documents(tctx)) {
          await index.upsertMany(trx, batch, now);
          indexed += batch.length;
          options.onBatch?.(provider.kind, indexed);
        }
        return { kind: provider.kind, label: provider.label, removed, indexed };
      }),
    );
  }
  return results;
}
