import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { testPostgresUrl } from '../../../test/pg-admin.js';
import { fixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { installFileAdapters, registerChannelAdapter } from './catalog.channels.js';
import { OUTBOX_LEASE_MS, runOutbox } from './catalog.jobs.js';
import { claimDeliveries } from './catalog.repository.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ORG = '00000000-0000-7000-8000-0000000000b1';
const COLUMN = '00000000-0000-7000-8000-0000000000b2';
const ITEM = '00000000-0000-7000-8000-0000000000b3';
const NOW = '2026-03-02T02:00:00.000Z';
const ROWS = 40;

describeEachDialect('catalog outbox claims', (getDb, dialect) => {
  let db: Kysely<DB>;
  let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };

  beforeAll(async () => {
    db = getDb().db;
    ctx = { db, dialect, clock: fixedClock(NOW) };
    await db
      .insertInto('orgs')
      .values({
        id: ORG,
        parent_id: null,
        kind: 'department',
        code: 'outbox',
        name: '外发测试局',
        is_default: 0,
        sort_order: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto('catalog_columns')
      .values({
        id: COLUMN,
        org_id: ORG,
        parent_id: null,
        code: 'c',
        name: '栏目',
        depth: 1,
        sort_order: 0,
        art20_items: '[]',
        update_class: 'static',
        second_approval: 0,
        channels: '["portal","weibo"]',
        description: null,
        retired_at: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto('catalog_items')
      .values({
        id: ITEM,
        org_id: ORG,
        column_id: COLUMN,
        status: 'published',
        title: '外发测试',
        body_html: '',
        body_text: '',
        publisher: '外发测试局',
        doc_kind: 'other',
        disclosure_mode: '主动公开',
        validity: 'valid',
        published_on: '2026-03-02',
        published_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  });

  beforeEach(async () => {
    ctx.clock.set(NOW);
    await db.deleteFrom('catalog_deliveries').execute();
    await db
      .insertInto('catalog_deliveries')
      .values(
        Array.from({ length: ROWS }, (_, i) => ({
          id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          org_id: ORG,
          item_id: ITEM,
          revision_id: 'r',
          channel: 'weibo' as const,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: NOW,
          payload: JSON.stringify({ title: 't', summary: '', indexNumber: null, publishedAt: NOW }),
          created_at: `2026-03-02T01:00:${String(i).padStart(2, '0')}.000Z`,
          updated_at: NOW,
        })),
      )
      .execute();
  });

  afterAll(() => installFileAdapters(mkdtempSync(path.join(tmpdir(), 'gk-outbox-')), true));

  const claim = (workerId: string, limit: number, now = NOW) =>
    claimDeliveries(db, dialect, {
      workerId,
      now,
      leaseUntil: new Date(Date.parse(now) + OUTBOX_LEASE_MS).toISOString(),
      limit,
    });

  it('never hands a row to two concurrent claimers', async () => {
    const batches = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((w) => claim(w, 9)));
    const ids = batches.flat().map((d) => d.id);
    expect(ids.length).toBe(ROWS); // 6 × 9 = 54 asked, 40 exist
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, batch] of batches.entries()) {
      expect(batch.length).toBeLessThanOrEqual(9);
      for (const d of batch) expect(d.claimed_by).toBe(`w${i + 1}`);
    }
    // Nothing is left while the leases hold.
    expect(await claim('w7', 10)).toEqual([]);
  });

  it.runIf(dialect === 'postgres' && testPostgresUrl())(
    'skips rows another open transaction has claimed but not committed (PostgreSQL)',
    async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let first: string[] = [];
      const holder = db.transaction().execute(async (trx) => {
        first = (
          await claimDeliveries(trx, dialect, {
            workerId: 'holder',
            now: NOW,
            leaseUntil: '2026-03-02T02:05:00.000Z',
            limit: 15,
          })
        ).map((d) => d.id);
        await held;
      });
      while (first.length === 0) await new Promise((r) => setTimeout(r, 10));
      // Without SKIP LOCKED this would wait for the holder (and the test would hang).
      const second = (await claim('other', 100)).map((d) => d.id);
      release();
      await holder;
      expect(first.length).toBe(15);
      expect(second.length).toBe(ROWS - 15);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
    },
  );

  it('lets another worker take over a lease that ran out', async () => {
    const mine = await claim('crashed', 5);
    expect(mine.length).toBe(5);
    const later = new Date(Date.parse(NOW) + OUTBOX_LEASE_MS + 1000).toISOString();
    const taken = await claim('rescuer', 100, later);
    expect(taken.length).toBe(ROWS);
    expect(taken.filter((d) => mine.some((m) => m.id === d.id)).length).toBe(5);
  });

  it('sends each row once when two outbox runs overlap', async () => {
    const sent: string[] = [];
    registerChannelAdapter({
      channel: 'weibo',
      send: async (m) => {
        sent.push(m.deliveryId);
        await new Promise((r) => setTimeout(r, 1));
        return { outcome: 'delivered', externalRef: `x-${m.deliveryId}` };
      },
    });
    // Each run sends at most 50; two overlapping runs drain all 40 without sending one twice.
    const [a, b] = await Promise.all([
      runOutbox(ctx, 'http://localhost'),
      runOutbox(ctx, 'http://localhost'),
    ]);
    expect(a + b).toBe(ROWS);
    expect(sent.length).toBe(ROWS);
    expect(new Set(sent).size).toBe(ROWS);
    const rows = await db.selectFrom('catalog_deliveries').selectAll().execute();
    for (const r of rows) {
      expect(r.status).toBe('delivered');
      expect(r.claimed_by).toBeNull();
      expect(r.claimed_until).toBeNull();
      expect(Number(r.attempts)).toBe(1);
    }
  });
});
