/**
 * The modules' statistics facts and the built figures over hand-made records with known answers, on
 * both engines: China-date boundaries of releases, the roll-up of child columns, answers by outcome,
 * working days (2025 calendar: 清明 4 April), the 90th percentile and lateness judged by the clock
 * (an extended case answered after 20 working days is on time; one without extension is late).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import {
  buildCase,
  buildCatalogItem,
  buildDecision,
  buildOrg,
  buildRequestEvent,
} from '../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { catalogStatistics } from '../catalog/index.js';
import { requestStatistics } from '../requests/index.js';
import { insertEvents } from '../requests/requests.repository.js';
import { enforcementStatistics } from '../enforcement/enforcement.statistics.js';
import { computeStatistics } from './statistics.service.js';
import { resolvePeriod } from './statistics.rules.js';

const NOW = '2025-06-01T02:00:00.000Z';
const A = buildOrg({ name: '甲局', code: 'stat-a', sort_order: 1 });
const B = buildOrg({ name: '乙局', code: 'stat-b', sort_order: 2 });
const FROM = '2025-03-01';
const TO = '2025-04-30';

describeEachDialect('statistics facts', (getDb) => {
  let ctx: Ctx;
  const col = { policy: newId(), normative: newId(), notices: newId(), bNotices: newId() };

  beforeAll(async () => {
    const { db, dialect } = getDb();
    ctx = { db, dialect, clock: fixedClock(NOW) };
    await db.insertInto('orgs').values([A, B]).execute();
    const column = (id: string, org: string, parent: string | null, name: string, sort: number) => ({
      id,
      org_id: org,
      parent_id: parent,
      code: `c${sort}-${id.slice(-4)}`,
      name,
      depth: parent ? 2 : 1,
      sort_order: sort,
      art20_items: '[]',
      update_class: 'static' as const,
      second_approval: 0,
      channels: '["portal"]',
      description: null,
      retired_at: null,
      created_at: NOW,
      updated_at: NOW,
    });
    await db
      .insertInto('catalog_columns')
      .values([
        column(col.policy, A.id, null, '政策文件', 0),
        column(col.normative, A.id, col.policy, '规范性文件', 0),
        column(col.notices, A.id, null, '通知公告', 1),
        column(col.bNotices, B.id, null, '通知公告', 0),
      ])
      .execute();
    const item = (org: string, column: string, published: string | null) =>
      buildCatalogItem({
        org_id: org,
        column_id: column,
        status: published ? 'published' : 'unpublished',
        published_on: published,
        published_at: published ? `${published}T02:00:00.000Z` : null,
      });
    const items = [
      item(A.id, col.normative, '2025-03-05'),
      item(A.id, col.notices, '2025-04-01'),
      item(A.id, col.notices, '2025-05-01'), // after the period
      item(A.id, col.notices, null),
      item(B.id, col.bNotices, '2025-03-10'),
    ];
    await db.insertInto('catalog_items').values(items).execute();
    const delivery = (channel: 'wechat' | 'weibo' | 'sms', status: string, completed: string | null) => ({
      id: newId(),
      org_id: A.id,
      item_id: items[0]!.id,
      revision_id: newId(),
      channel,
      status: status as 'delivered',
      attempts: 1,
      next_attempt_at: null,
      last_error: null,
      external_ref: null,
      payload: '{}',
      completed_at: completed,
      message_id: null,
      created_at: completed ?? NOW,
      updated_at: completed ?? NOW,
    });
    await db
      .insertInto('catalog_deliveries')
      .values([
        delivery('wechat', 'delivered', '2025-03-05T02:00:00.000Z'),
        delivery('weibo', 'failed', '2025-03-05T02:00:00.000Z'),
        delivery('sms', 'delivered', '2025-02-28T16:30:00.000Z'), // 1 March 00:30 in China: inside
        delivery('sms', 'delivered', '2025-04-30T16:30:00.000Z'), // 1 May 00:30 in China: outside
      ])
      .execute();

    const closed = (org: string, received: string, closedOn: string, outcome: string, extra = {}) =>
      buildCase({
        org_id: org,
        received_on: received,
        closed_on: closedOn,
        outcome_code: outcome,
        stage: 'replied',
        ...extra,
      });
    const c1 = closed(A.id, '2025-03-03', '2025-03-10', 'provided');
    const c2 = closed(A.id, '2025-03-03', '2025-03-31', 'provided', { applicant_type: 'commercial' });
    const late = closed(A.id, '2025-03-03', '2025-04-15', 'partially_provided');
    const extended = closed(A.id, '2025-03-03', '2025-04-15', 'provided');
    const c5 = closed(B.id, '2025-03-05', '2025-03-06', 'provided');
    const open = buildCase({ org_id: A.id, received_on: '2025-03-20', channel: 'online' });
    const before = closed(A.id, '2025-02-10', '2025-03-03', 'provided'); // received before, answered inside
    await db.insertInto('request_cases').values([c1, c2, late, extended, c5, open, before]).execute();
    let seq = 0;
    const ev = (caseId: string, type: string, date: string, payload: object) =>
      buildRequestEvent({ id: caseId, org_id: A.id }, ++seq, { type, date, ...payload }, { created_at: NOW });
    // The requests module's own insert: it keeps the cases' clock_moved flag.
    await insertEvents(db, [
      ev(late.id, 'received', '2025-03-03', { channel: 'in_person' }),
      ev(late.id, 'answered', '2025-04-15', {}),
      ev(extended.id, 'received', '2025-03-03', { channel: 'in_person' }),
      ev(extended.id, 'extension_approved', '2025-03-25', { workdays: 20, approvedBy: '局长' }),
      ev(extended.id, 'extension_notified', '2025-03-25', {}),
      ev(extended.id, 'answered', '2025-04-15', {}),
    ]);

    await db
      .insertInto('enforcement_decisions')
      .values([
        buildDecision({ org_id: A.id, kind: 'penalty', decision_date: '2025-03-10' }),
        buildDecision({
          org_id: A.id,
          kind: 'license',
          decision_date: '2025-04-02',
          pub_state: 'draft',
          published_at: null,
        }),
        buildDecision({ org_id: A.id, kind: 'license', decision_date: '2025-05-02' }),
        buildDecision({ org_id: B.id, kind: 'penalty', decision_date: '2025-03-15' }),
      ])
      .execute();
  });

  it('catalog: per month and top column (child rolled up), deliveries by China day', async () => {
    const s = await catalogStatistics(ctx, [A.id], FROM, TO);
    expect(s.byAgencyMonth).toEqual([
      { orgId: A.id, month: '2025-03', count: 1 },
      { orgId: A.id, month: '2025-04', count: 1 },
    ]);
    expect(s.byColumn).toEqual([
      { name: '政策文件', count: 1 },
      { name: '通知公告', count: 1 },
    ]);
    expect(Object.fromEntries(s.byChannel.map((c) => [c.channel, c.count]))).toEqual({
      portal: 0,
      wechat: 1,
      weibo: 0,
      sms: 1,
    });
    const both = await catalogStatistics(ctx, [A.id, B.id], FROM, TO);
    expect(both.byColumn).toEqual([
      { name: '政策文件', count: 1 },
      { name: '通知公告', count: 2 },
    ]);
    expect(await catalogStatistics(ctx, [], FROM, TO)).toMatchObject({ byAgencyMonth: [], byColumn: [] });
  });

  it('requests: received, answered with their dates, and lateness from the clock', async () => {
    const s = await requestStatistics(ctx, [A.id], FROM, TO);
    expect(s.received.reduce((n, r) => n + r.count, 0)).toBe(5);
    expect(s.received.find((r) => r.channel === 'online')?.count).toBe(1);
    expect(s.answered.reduce((n, r) => n + r.count, 0)).toBe(5);
    expect(s.late).toEqual([{ orgId: A.id, count: 1 }]);
  });

  it('enforcement: decisions dated in the period per kind, published or not', async () => {
    const s = await enforcementStatistics(ctx, [A.id, B.id], FROM, TO);
    const of = (org: string, kind: string) => s.byAgencyKind.find((r) => r.orgId === org && r.kind === kind);
    expect(of(A.id, 'penalty')).toMatchObject({ count: 1, published: 1, label: '行政处罚' });
    expect(of(A.id, 'license')).toMatchObject({ count: 1, published: 0 });
    expect(of(B.id, 'penalty')).toMatchObject({ count: 1 });
  });

  it('built figures: working days, average, 90th percentile, overdue rate, per-agency roll-up', async () => {
    const period = resolvePeriod({ period: 'custom', from: FROM, to: TO }, '2025-06-01');
    const one = await computeStatistics(ctx, [{ id: A.id, name: A.name }], period);
    // 2025-02-10→03-03 = 15, 03-03→03-10 = 5, →03-31 = 20, →04-15 = 30 (清明 4 April) twice
    expect(one.summary).toMatchObject({
      published: 2,
      requestsReceived: 5,
      requestsAnswered: 5,
      avgWorkdays: 20,
      p90Workdays: 30,
      answeredLate: 1,
      overdueRate: 20,
      decisions: 2,
    });
    const outcome = one.tables.find((t) => t.key === 'requests_by_outcome')!;
    expect(outcome.rows.find((r) => r.table3_row === 'r1')?.answered).toBe(4);
    expect(outcome.rows.find((r) => r.table3_row === 'r2')?.answered).toBe(1);
    expect(one.tables.some((t) => t.key === 'agencies')).toBe(false);
    const months = one.tables.find((t) => t.key === 'publications_by_month')!;
    expect(months.rows).toEqual([
      { month: '2025-03', published: 1 },
      { month: '2025-04', published: 1 },
    ]);

    const both = await computeStatistics(
      ctx,
      [
        { id: A.id, name: A.name },
        { id: B.id, name: B.name },
      ],
      period,
    );
    expect(both.summary).toMatchObject({
      published: 3,
      requestsReceived: 6,
      requestsAnswered: 6,
      decisions: 3,
    });
    const agencies = both.tables.find((t) => t.key === 'agencies')!;
    expect(agencies.rows).toEqual([
      expect.objectContaining({ agency: '甲局', requests_answered: 5, overdue_rate: 20, avg_workdays: 20 }),
      expect.objectContaining({ agency: '乙局', requests_answered: 1, overdue_rate: 0, avg_workdays: 1 }),
    ]);
  });
});
