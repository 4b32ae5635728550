import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';
import { userActor } from '../../platform/actor.js';
import { inTransaction } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { retryDelayMs, MAX_ATTEMPTS } from '../notify/notify.rules.js';
import { seedAgency } from '../notify/notify.testing.js';
import type { OutgoingMessage, SendOutcome, Transport } from '../notify/notify.transports.js';
import { runNotifyQueue, type Transports } from '../notify/notify.worker.js';
import { transportsOf } from '../notify/notify.module.js';
import { releaseQueue } from './catalog.channels.js';
import { channelCounts } from './catalog.dashboard.js';
import { retryDelivery } from './catalog.deliveries.js';
import * as repo from './catalog.repository.js';
import type { ChannelName } from './catalog.tables.js';

const NOW = '2026-03-02T02:00:00.000Z';
const COLUMN = '00000000-0000-7000-8000-0000000000c2';
const ITEM = '00000000-0000-7000-8000-0000000000c3';

/** A platform that answers as told; counts what it was handed, per queue message. */
class FakePlatform implements Transport {
  readonly concurrency = 4;
  readonly ratePerSecond = 10_000;
  readonly recordsOnly = false;
  handed: OutgoingMessage[] = [];
  answer: (m: OutgoingMessage) => SendOutcome = (m) => ({ outcome: 'delivered', externalRef: `wb-${m.id}` });
  constructor(readonly channel: 'weibo' | 'wechat') {}
  async send(m: OutgoingMessage): Promise<SendOutcome> {
    this.handed.push(m);
    await new Promise((r) => setTimeout(r, 2));
    return this.answer(m);
  }
  async close(): Promise<void> {}
}

describeEachDialect('catalog releases on the notify queue', (getDb) => {
  let t: TestApp;
  let orgId: string;
  let officeId: string;

  beforeAll(async () => {
    t = await createTestApp(getDb(), { seed: false, now: NOW });
    const db = t.container.ctx.db;
    const seeded = await seedAgency(
      db,
      'rel',
      [{ username: 'rel-office', name: '公开办', roles: ['office'] }],
      NOW,
    );
    orgId = seeded.orgId;
    officeId = seeded.userIds['rel-office']!;
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
        channels: '["portal","weibo","sms"]',
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
        title: '发布渠道测试',
        body_html: '',
        body_text: '',
        publisher: '发布测试局',
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
  afterAll(async () => {
    await t.app.close();
  });

  /** What publishing does for each channel of a column (catalog.publishing.ts): queue message + ledger row. */
  const release = (n: number, channel: Exclude<ChannelName, 'portal'> = 'weibo') =>
    inTransaction(t.container.ctx, async (trx) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = newId();
        const { messageId } = await releaseQueue(t.container.ctx).enqueue(trx, t.clock, {
          orgId,
          itemId: ITEM,
          deliveryId: id,
          channel,
          title: `发布渠道测试 ${i}`,
          summary: '摘要',
          path: `/a/rel/items/${ITEM}`,
        });
        await repo.insertDelivery(trx, {
          id,
          org_id: orgId,
          item_id: ITEM,
          revision_id: 'r',
          channel,
          status: 'pending',
          attempts: 0,
          next_attempt_at: null,
          last_error: null,
          external_ref: null,
          payload: JSON.stringify({ title: `发布渠道测试 ${i}`, summary: '摘要' }),
          completed_at: null,
          message_id: messageId,
          created_at: t.clock.now().toISOString(),
          updated_at: t.clock.now().toISOString(),
        });
        ids.push(id);
      }
      return ids;
    });
  const ledger = (ids: string[]) =>
    t.container.ctx.db.selectFrom('catalog_deliveries').selectAll().where('id', 'in', ids).execute();
  const message = (id: string) =>
    t.container.ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const withPlatform = (p: FakePlatform): Transports => {
    const map = transportsOf(t.container);
    map.set(p.channel, p);
    return map;
  };
  const office = () =>
    userActor({ userId: officeId, name: '公开办', orgId, divisionId: null, roles: ['office'] });

  it('sends each release once through the queue, with two workers at once, and the ledger follows', async () => {
    const weibo = new FakePlatform('weibo');
    const transports = withPlatform(weibo);
    const ids = await release(40);
    const base = t.container.config.publicBaseUrl;
    // two workers (separate worker ids, overlapping): the queue's claims hand each message over once
    const [a, b] = await Promise.all([
      runNotifyQueue(t.container.ctx, transports, { publicBaseUrl: base }),
      runNotifyQueue(t.container.ctx, transports, { publicBaseUrl: base }),
    ]);
    expect(a + b).toBe(40);
    expect(weibo.handed.length).toBe(40);
    expect(new Set(weibo.handed.map((m) => m.id)).size).toBe(40);
    expect(weibo.handed[0]!.url).toBe(`${base}/a/rel/items/${ITEM}`);
    expect(weibo.handed[0]!.recipientKind).toBe('broadcast');
    for (const d of await ledger(ids)) {
      expect(d.status).toBe('delivered');
      expect(d.attempts).toBe(1);
      expect(d.external_ref).toBe(`wb-${d.message_id}`);
      expect(d.completed_at).toBe(NOW);
      expect((await message(d.message_id!)).status).toBe('delivered');
    }
    // a re-run sends nothing again; the annual count sees exactly these releases
    expect(await runNotifyQueue(t.container.ctx, transports, { publicBaseUrl: base })).toBe(0);
    expect((await channelCounts(t.container.ctx, orgId, 2026)).weibo).toBe(40);
  });

  it('retries a failing platform with backoff, keeps the dead letter, and the office retry sends it', async () => {
    const weibo = new FakePlatform('weibo');
    weibo.answer = () => ({ outcome: 'failed', error: '微博接口超时', retryable: true });
    const transports = withPlatform(weibo);
    const [id] = await release(1);
    await runNotifyQueue(t.container.ctx, transports);
    let [d] = await ledger([id!]);
    expect(d!.status).toBe('pending');
    expect(d!.attempts).toBe(1);
    expect(d!.last_error).toBe('微博接口超时');
    expect(d!.next_attempt_at).toBe(new Date(Date.parse(NOW) + retryDelayMs(1)!).toISOString());
    // not due yet: nothing is handed over again
    await runNotifyQueue(t.container.ctx, transports);
    expect(weibo.handed.length).toBe(1);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      t.clock.set(new Date(Date.parse(d!.next_attempt_at!) + 1000).toISOString());
      await runNotifyQueue(t.container.ctx, transports);
      [d] = await ledger([id!]);
    }
    expect(weibo.handed.length).toBe(MAX_ATTEMPTS);
    expect(d!.status).toBe('failed');
    expect(d!.last_error).toContain(`已重试${MAX_ATTEMPTS}次仍失败`);
    expect(d!.next_attempt_at).toBeNull();
    // a dead letter stays: later runs do not touch it
    t.clock.set('2026-03-03T02:00:00.000Z');
    await runNotifyQueue(t.container.ctx, transports);
    expect(weibo.handed.length).toBe(MAX_ATTEMPTS);
    // the office puts it back (catalog console); the platform works again
    weibo.answer = (m) => ({ outcome: 'delivered', externalRef: `wb-${m.id}` });
    const view = await retryDelivery(t.container.ctx, office(), id!);
    expect(view.status).toBe('pending');
    await runNotifyQueue(t.container.ctx, transports);
    [d] = await ledger([id!]);
    expect(d!.status).toBe('delivered');
    expect(weibo.handed.length).toBe(MAX_ATTEMPTS + 1);
    await expect(retryDelivery(t.container.ctx, office(), id!)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    t.clock.set(NOW);
  });

  it('cancels releases not handed over (withdrawal); SMS group releases are recorded only, never counted', async () => {
    const weibo = new FakePlatform('weibo');
    const transports = withPlatform(weibo);
    const [cancelled] = await release(1);
    const [d0] = await ledger([cancelled!]);
    await inTransaction(t.container.ctx, (trx) =>
      releaseQueue(t.container.ctx).cancel(trx, t.clock, [d0!.message_id!], '信息已撤回'),
    );
    const [sms] = await release(1, 'sms');
    await runNotifyQueue(t.container.ctx, transports, { publicBaseUrl: t.container.config.publicBaseUrl });
    expect(weibo.handed.length).toBe(0);
    const [c, s] = [(await ledger([cancelled!]))[0]!, (await ledger([sms!]))[0]!];
    expect(c.status).toBe('cancelled');
    expect(c.last_error).toBe('信息已撤回');
    expect((await message(c.message_id!)).status).toBe('cancelled');
    expect(s.status).toBe('recorded');
    expect(existsSync(path.join(t.container.config.dataDir, 'outbox', `${s.message_id}.sms.json`))).toBe(
      true,
    );
    expect((await channelCounts(t.container.ctx, orgId, 2026)).sms).toBe(0);
  });
});
