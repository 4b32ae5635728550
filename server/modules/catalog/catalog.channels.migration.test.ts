import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { notifyOneQueue } from '../../../migrations/20261209_0180_notify_one_queue.js';
import { fixedClock } from '../../platform/clock.js';
import { seedAgency } from '../notify/notify.testing.js';
import type { OutgoingMessage, SendOutcome, Transport } from '../notify/notify.transports.js';
import { runNotifyQueue } from '../notify/notify.worker.js';

const NOW = '2026-12-08T02:00:00.000Z';
const COLUMN = '00000000-0000-7000-8000-0000000000d2';
const ITEM = '00000000-0000-7000-8000-0000000000d3';
const row = (n: number) => `00000000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

/**
 * Migration 20261209_0180: the catalog's own outbox (catalog_deliveries pending rows) moves onto the
 * notify queue without loss. The test takes the schema back to the old outbox (down), fills it as a
 * running system would have left it, migrates up and sends.
 */
describeEachDialect('migration 0180: catalog outbox onto the notify queue', (getDb, dialect) => {
  it('carries every pending delivery over exactly once, leaves settled history alone, and sends each once', async () => {
    const database = getDb();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pre-migration schema has no types
    const db = database.db as any;
    const migration = notifyOneQueue(dialect);
    await migration.down!(db);
    const { orgId } = await seedAgency(database.db, 'mig', [], NOW);
    await db
      .insertInto('catalog_columns')
      .values({
        id: COLUMN,
        org_id: orgId,
        parent_id: null,
        code: 'c',
        name: '栏目',
        depth: 1,
        sort_order: 0,
        art20_items: '[]',
        update_class: 'static',
        second_approval: 0,
        channels: '["portal","wechat","weibo","sms"]',
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
        org_id: orgId,
        column_id: COLUMN,
        status: 'published',
        title: '迁移测试',
        body_html: '',
        body_text: '',
        publisher: '迁移测试局',
        doc_kind: 'other',
        disclosure_mode: '主动公开',
        validity: 'valid',
        published_on: '2026-12-08',
        published_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const base = {
      org_id: orgId,
      item_id: ITEM,
      revision_id: 'r',
      external_ref: null,
      payload: JSON.stringify({ title: '关于迁移的通知', summary: '迁移摘要', indexNumber: null }),
      created_at: NOW,
      updated_at: NOW,
    };
    await db
      .insertInto('catalog_deliveries')
      .values([
        // the portal release: done in the publishing transaction, never queued
        { ...base, id: row(1), channel: 'portal', status: 'delivered', attempts: 1, completed_at: NOW },
        // waiting for its first attempt
        { ...base, id: row(2), channel: 'wechat', status: 'pending', attempts: 0, next_attempt_at: NOW },
        // failed twice, waiting for its backoff
        {
          ...base,
          id: row(3),
          channel: 'weibo',
          status: 'pending',
          attempts: 2,
          next_attempt_at: '2026-12-08T02:04:00.000Z',
          last_error: '微博接口超时',
        },
        // claimed by an outbox worker that died (lease ran out): the old outbox would send it again
        {
          ...base,
          id: row(4),
          channel: 'sms',
          status: 'pending',
          attempts: 1,
          next_attempt_at: NOW,
          claimed_by: 'dead-worker',
          claimed_until: '2026-12-08T01:00:00.000Z',
        },
        // settled history stays as it is
        { ...base, id: row(5), channel: 'wechat', status: 'recorded', attempts: 1, completed_at: NOW },
        { ...base, id: row(6), channel: 'weibo', status: 'failed', attempts: 8, last_error: '未授权' },
      ])
      .execute();

    await migration.up(db);

    const ledger = await database.db.selectFrom('catalog_deliveries').selectAll().orderBy('id').execute();
    const messages = await database.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('source_module', '=', 'catalog')
      .execute();
    expect(messages.length).toBe(3);
    const byKey = new Map(messages.map((m) => [m.idempotency_key, m]));
    for (const n of [2, 3, 4]) {
      const d = ledger.find((x) => x.id === row(n))!;
      const m = byKey.get(`catalog.release:${row(n)}`)!;
      expect(m, `delivery ${n}`).toBeDefined();
      expect(d.message_id).toBe(m.id);
      expect(d.status).toBe('pending');
      expect(m.status).toBe('pending');
      expect(m.channel).toBe(d.channel);
      expect(m.recipient_kind).toBe('broadcast');
      expect(m.subject).toBe('关于迁移的通知');
      expect(m.body_text).toBe('迁移摘要');
      expect(m.link).toBe(`/a/mig/items/${ITEM}`);
      expect(m.source_id).toBe(ITEM);
      expect(m.claimed_by).toBeNull();
    }
    const weibo = byKey.get(`catalog.release:${row(3)}`)!;
    expect(weibo.attempts).toBe(2);
    expect(weibo.next_attempt_at).toBe('2026-12-08T02:04:00.000Z');
    expect(weibo.last_error).toBe('微博接口超时');
    for (const n of [1, 5, 6]) expect(ledger.find((x) => x.id === row(n))!.message_id).toBeNull();
    expect(ledger.find((x) => x.id === row(5))!.status).toBe('recorded');
    expect(ledger.find((x) => x.id === row(6))!.status).toBe('failed');
    expect('claimed_by' in ledger[0]!).toBe(false);

    // the queue sends each carried release once (the weibo one when its backoff is over)
    const handed: OutgoingMessage[] = [];
    const fake = (channel: 'wechat' | 'weibo' | 'sms'): Transport => ({
      channel,
      concurrency: 2,
      ratePerSecond: 1000,
      recordsOnly: false,
      send: async (m): Promise<SendOutcome> => {
        handed.push(m);
        return { outcome: 'delivered', externalRef: `x-${m.id}` };
      },
      close: async () => {},
    });
    const transports = new Map([
      ['wechat', fake('wechat')],
      ['weibo', fake('weibo')],
      ['sms', fake('sms')],
    ] as const);
    const ctx = {
      db: database.db,
      dialect,
      clock: fixedClock('2026-12-08T02:05:00.000Z'),
    };
    await runNotifyQueue(ctx, new Map(transports), { publicBaseUrl: 'https://gk.example.gov.cn' });
    await runNotifyQueue(ctx, new Map(transports), { publicBaseUrl: 'https://gk.example.gov.cn' });
    expect(handed.map((m) => m.channel).sort()).toEqual(['sms', 'wechat', 'weibo']);
    expect(handed[0]!.url).toBe(`https://gk.example.gov.cn/a/mig/items/${ITEM}`);

    // and down puts what is still waiting back into the old outbox (nothing lost either way)
    const [m2] = await database.db
      .insertInto('notify_messages')
      .values({ ...weibo, id: row(90), idempotency_key: 'catalog.release:x', status: 'pending' })
      .returning('id')
      .execute();
    await database.db
      .updateTable('catalog_deliveries')
      .set({ message_id: m2!.id, status: 'pending' })
      .where('id', '=', row(6))
      .execute();
    await migration.down!(db);
    const back = await db
      .selectFrom('catalog_deliveries')
      .selectAll()
      .where('id', '=', row(6))
      .executeTakeFirst();
    expect(back.status).toBe('pending');
    expect(back.attempts).toBe(2);
    expect(
      await db.selectFrom('notify_messages').select('id').where('id', '=', row(90)).executeTakeFirst(),
    ).toBeUndefined();
    // up again: the deliveries whose messages are still on the queue are linked to them, not sent twice
    await migration.up(db);
    const again = await database.db
      .selectFrom('notify_messages')
      .select(['idempotency_key'])
      .where('source_module', '=', 'catalog')
      .execute();
    expect(again.map((m) => m.idempotency_key).sort()).toEqual(
      [2, 3, 4, 6].map((n) => `catalog.release:${row(n)}`).sort(),
    );
  });
});
