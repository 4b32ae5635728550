/** Reindex providers: rebuild the site search's 双公示, accident-report and hazard documents from the tables. */
import type { Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import type { ReindexProvider } from '../search/search.service.js';
import type { SearchDocument } from '../search/search.index.js';
import * as repo from './enforcement.repository.js';
import { recordDocument, searchDocument, SEARCH_KIND } from './enforcement.service.js';

async function* publishedDecisions(ctx: Ctx): AsyncIterable<SearchDocument[]> {
  let batch: SearchDocument[] = [];
  for await (const d of repo.iterateDecisions(ctx.db, { orgIds: 'all', publicOn: todayInChina(ctx.clock) })) {
    batch.push(searchDocument(d));
    if (batch.length >= 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function* publishedRecords(ctx: Ctx, kind: 'accident' | 'hazard'): AsyncIterable<SearchDocument[]> {
  for (let offset = 0; ; offset += 500) {
    const f = { orgIds: 'all' as const, published: true, limit: 500, offset };
    const { items } =
      kind === 'accident' ? await repo.listAccidents(ctx.db, f) : await repo.listHazards(ctx.db, f);
    if (items.length) yield items.map((r) => recordDocument(kind, r));
    if (items.length < 500) return;
  }
}

export const enforcementReindexProviders: ReindexProvider[] = [
  { kind: SEARCH_KIND, label: '双公示决定', documents: publishedDecisions },
  { kind: 'accident', label: '事故调查报告', documents: (ctx) => publishedRecords(ctx, 'accident') },
  { kind: 'hazard', label: '挂牌督办隐患', documents: (ctx) => publishedRecords(ctx, 'hazard') },
];
