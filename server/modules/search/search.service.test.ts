import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { DomainError } from '../../platform/errors.js';
import type { SearchDocument } from './search.index.js';
import { createProviderRegistry } from '../../platform/providers.js';
import {
  createReindexRegistry,
  indexDocument,
  publicSearch,
  registerReindexProvider,
  reindex,
  searchIndex,
} from './search.service.js';

describeEachDialect('search service', (getDatabase) => {
  let ctx: Ctx;
  const orgId = newId();
  let source: SearchDocument[] = [];

  beforeAll(async () => {
    const database = getDatabase();
    const providers = createProviderRegistry();
    providers.provide('search.reindex', createReindexRegistry());
    ctx = {
      db: database.db,
      dialect: database.dialect,
      clock: fixedClock('2026-03-02T02:00:00Z'),
      providers,
    };
    const at = '2026-01-01T00:00:00.000Z';
    await ctx.db
      .insertInto('orgs')
      .values({
        id: orgId,
        parent_id: null,
        kind: 'department',
        code: `svc-${database.dialect}`,
        name: '测试机关',
        short_name: null,
        credit_code: null,
        address: null,
        postcode: null,
        office_hours: null,
        phone: null,
        fax: null,
        email: null,
        portal_host: null,
        footer_sponsor: null,
        site_code: null,
        icp_number: null,
        police_record_number: null,
        is_default: 0,
        sort_order: 0,
        retired_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    registerReindexProvider(
      { providers: ctx.providers! },
      {
        kind: 'svc-test',
        label: '测试文档',
        async *documents() {
          yield source.slice(0, 2);
          yield source.slice(2);
        },
      },
    );
  });

  const doc = (n: number, title: string): SearchDocument => ({
    kind: 'svc-test',
    sourceId: `d${n}`,
    orgId,
    title,
    body: '',
    url: `/x/${n}`,
    publishedAt: `2025-0${n}-01T00:00:00.000Z`,
  });

  it('reindex replaces a kind with what its provider yields, in one transaction', async () => {
    await indexDocument(ctx, doc(9, '过时的防汛文档'));
    source = [doc(1, '防汛抗旱通知'), doc(2, '防汛物资储备'), doc(3, '地震应急演练')];
    const [result] = await reindex(ctx, { kinds: ['svc-test'] });
    expect(result).toMatchObject({ kind: 'svc-test', removed: 1, indexed: 3 });
    expect(await searchIndex(ctx).countKind(ctx.db, 'svc-test')).toBe(3);
    const r = await publicSearch(ctx, { q: '防汛', orgIds: [orgId] });
    expect(r.hits.map((h) => h.sourceId)).toEqual(['d2', 'd1']);
  });

  it('rolls the whole kind back when the provider fails', async () => {
    registerReindexProvider(
      { providers: ctx.providers! },
      {
        kind: 'svc-test',
        label: '测试文档',
        async *documents() {
          yield [doc(4, '新的文档')];
          throw new Error('source unavailable');
        },
      },
    );
    await expect(reindex(ctx, { kinds: ['svc-test'] })).rejects.toThrow('source unavailable');
    expect(await searchIndex(ctx).countKind(ctx.db, 'svc-test')).toBe(3);
  });

  it('refuses unknown kinds with a Chinese message', async () => {
    await expect(reindex(ctx, { kinds: ['nope'] })).rejects.toBeInstanceOf(DomainError);
  });
});
