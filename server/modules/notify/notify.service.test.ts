import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type TestApp } from '../../../test/http.js';
import { inTransaction } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { enqueueNotification, notifyStaff, setTemplateDefaults } from './notify.service.js';
import type { NotifyTemplateDefault } from './notify.rules.js';
import { seedAgency } from './notify.testing.js';

const TEMPLATES: NotifyTemplateDefault[] = [
  {
    key: 'test.receipt',
    channel: 'email' as const,
    name: '受理回执',
    subject: '申请已受理：{{编号}}',
    body: '{{姓名}}，您的申请 {{编号}} 已受理。',
    placeholders: { 姓名: '申请人', 编号: '申请编号' },
  },
  {
    key: 'test.receipt',
    channel: 'sms' as const,
    name: '受理回执',
    body: '您的申请{{编号}}已受理',
    placeholders: { 编号: '申请编号' },
  },
];

describeEachDialect('notify service', (getDb) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    setTemplateDefaults(TEMPLATES);
    t = await createTestApp(getDb(), { now: '2026-03-02T02:00:00Z', seed: false }); // 10:00 China time
    ({ orgId } = await seedAgency(t.container.ctx.db, 'ntf', [
      { username: 'office', name: '公开办', roles: ['office'] },
      { username: 'leader', name: '李局长', roles: ['leader'] },
    ]));
  });
  afterAll(async () => {
    setTemplateDefaults(null);
    await t?.app.close();
  });

  const req = (over: Partial<Parameters<typeof enqueueNotification>[2]> = {}) => ({
    orgId,
    channel: 'email' as const,
    to: 'zhang@example.com',
    recipientKind: 'applicant' as const,
    template: 'test.receipt',
    data: { 姓名: '张三', 编号: 'YSQ-2026-0001' },
    idempotencyKey: 'k1',
    ...over,
  });

  it('renders the template and enqueues once per idempotency key', async () => {
    const ctx = t.container.ctx;
    const a = await inTransaction(ctx, (trx) => enqueueNotification(trx, ctx.clock, req()));
    const b = await inTransaction(ctx, (trx) => enqueueNotification(trx, ctx.clock, req()));
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ id: a.id, duplicate: true });
    const row = await ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.subject).toBe('申请已受理：YSQ-2026-0001');
    expect(row.body_text).toBe('张三，您的申请 YSQ-2026-0001 已受理。');
    expect(row.status).toBe('pending');
    expect(row.next_attempt_at).toBeNull();
  });

  it('refuses bad addresses with clear Chinese errors, and nothing is saved', async () => {
    const ctx = t.container.ctx;
    const bad = async (over: Partial<Parameters<typeof enqueueNotification>[2]>) => {
      try {
        await inTransaction(ctx, (trx) => enqueueNotification(trx, ctx.clock, req(over)));
        return null;
      } catch (e) {
        return e as DomainError;
      }
    };
    const m = await bad({ channel: 'sms', to: '1380013800', idempotencyKey: 'bad1' });
    expect(m?.code).toBe('notify.invalid_mobile');
    expect(m?.messageZh).toContain('11位');
    const e = await bad({ to: 'zhang@@example', idempotencyKey: 'bad2' });
    expect(e?.code).toBe('notify.invalid_email');
    const missing = await bad({ data: { 姓名: '张三' }, idempotencyKey: 'bad3' });
    expect(missing?.code).toBe('notify.template_data_missing');
    const n = await ctx.db
      .selectFrom('notify_messages')
      .select('id')
      .where('idempotency_key', 'like', 'bad%')
      .execute();
    expect(n).toHaveLength(0);
  });

  it('holds non-urgent messages to the public until quiet hours end; urgent ones go at once', async () => {
    const ctx = t.container.ctx;
    t.clock.set('2026-03-02T15:30:00Z'); // 23:30 China time
    const quiet = await inTransaction(ctx, (trx) =>
      enqueueNotification(trx, ctx.clock, req({ channel: 'sms', to: '13800138000', idempotencyKey: 'q1' })),
    );
    const urgent = await inTransaction(ctx, (trx) =>
      enqueueNotification(
        trx,
        ctx.clock,
        req({ channel: 'sms', to: '+86 138-0013-8000', idempotencyKey: 'q2', urgent: true }),
      ),
    );
    const rows = await ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('id', 'in', [quiet.id, urgent.id])
      .execute();
    const q = rows.find((r) => r.id === quiet.id)!;
    const u = rows.find((r) => r.id === urgent.id)!;
    expect(q.next_attempt_at).toBe('2026-03-03T00:00:00.000Z'); // 08:00 China time
    expect(u.next_attempt_at).toBeNull();
    expect(u.to_addr).toBe('13800138000');
    t.clock.set('2026-03-02T02:00:00Z');
  });

  it('notifies staff in the console and by e-mail per preference, once per key', async () => {
    const ctx = t.container.ctx;
    const client = await signedIn(t.app, 'leader');
    const prefs = await client.request('POST', '/api/notify/prefs', {
      email: 'leader@example.gov.cn',
      mobile: null,
      emailEnabled: true,
      smsEnabled: false,
      mutedKinds: [],
      quietStart: null,
      quietEnd: null,
    });
    expect(prefs.statusCode).toBe(200);
    const leader = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 2; i++)
      await inTransaction(ctx, (trx) =>
        notifyStaff(trx, ctx.clock, {
          orgId,
          userIds: [leader.id],
          kind: 'test.approval',
          title: '有待审批事项',
          body: '请审批',
          link: '/admin/x',
          idempotencyKey: 'approval-1',
        }),
      );
    const count = await client.get('/api/notify/inbox/unread');
    expect(count.json()).toEqual({ unread: 1 });
    const mails = await ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('template', '=', 'notify.staff')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_addr).toBe('leader@example.gov.cn');
    const read = await client.post('/api/notify/inbox/read', { ids: 'all' });
    expect(read.statusCode).toBe(200);
    expect((await client.get('/api/notify/inbox/unread')).json()).toEqual({ unread: 0 });
    const badPrefs = await client.request('POST', '/api/notify/prefs', {
      email: 'not-an-address',
      mobile: null,
      emailEnabled: true,
      smsEnabled: false,
      mutedKinds: [],
      quietStart: null,
      quietEnd: null,
    });
    expect(badPrefs.statusCode).toBe(400);
    expect(badPrefs.json().code).toBe('notify.invalid_email');
  });

  it('refuses templates with unknown placeholders, saves known ones', async () => {
    const client = await signedIn(t.app, 'office');
    const bad = await client.request('POST', '/api/notify/templates/test.receipt/email', {
      subject: '受理：{{编号}}',
      body: '{{申请人姓名}}您好',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('notify.template_unknown_placeholder');
    expect(bad.json().detail).toContain('{{申请人姓名}}');
    const ok = await client.request('POST', '/api/notify/templates/test.receipt/email', {
      subject: '受理：{{编号}}',
      body: '尊敬的{{姓名}}：申请{{编号}}已受理。',
    });
    expect(ok.statusCode).toBe(200);
    const ctx = t.container.ctx;
    const r = await inTransaction(ctx, (trx) =>
      enqueueNotification(trx, ctx.clock, req({ idempotencyKey: 'after-edit' })),
    );
    const row = await ctx.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.body_text).toBe('尊敬的张三：申请YSQ-2026-0001已受理。');
    expect(row.subject).toBe('受理：YSQ-2026-0001');
  });
});
