import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { systemActor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';
import { createOrg } from '../orgs/orgs.service.js';
import { createUser } from '../users/users.service.js';
import { tasksFacts } from './index.js';
import { notifyOverdue } from './tasks.js';

interface Row {
  orgId: string;
  name: string;
  requests: { open: number; overdue: number; dueSoon: number };
  catalog: { late: number; staleColumns: number; blankColumns: number; published: number };
  enforcement: { overdue: number };
  interaction: { overdue: number };
  report: { year: number; status: string };
  tasks: { open: number; overdue: number };
}

/**
 * Write routes the supervisor may reach past the access check, each with why it is not business data.
 * Every other non-GET /api route must answer 403 to the supervisor.
 */
const SUPERVISOR_MAY_WRITE: [RegExp, string][] = [
  [/^POST \/api\/supervision\/tasks$/, '督办: issue'],
  [
    /^POST \/api\/supervision\/tasks\/:id\/(accept|return|withdraw)$/,
    '督办: the issuer accepts, returns, withdraws',
  ],
  [
    /^(POST|PUT|PATCH|DELETE) \/api\/scorecard-(sets|contests)(\/|$)/,
    '考核 (issue 19 item 4): the supervisor configures indicator sets, scores and answers contests',
  ],
  [/^POST \/api\/requests\/fees\/quote$/, 'computes a fee quote; stores nothing'],
  [/^POST \/api\/annual-reports\/check-file$/, 'checks an uploaded report file (年报检查); stores nothing'],
  [/^POST \/api\/enterprise-accounts\/register$/, 'public form of enterprises (anyone may post it)'],
  [/^(POST|PUT|DELETE) \/api\/auth\//, 'own session and password'],
  [/^(POST|PUT|PATCH|DELETE) \/api\/(me|account)(\/|$)/, 'own account'],
  [
    /^(POST|PUT|PATCH|DELETE) \/api\/notify\/(inbox|preferences|prefs)/,
    'own notification centre and preferences',
  ],
];

describeEachDialect(
  'supervision over HTTP',
  (getDb) => {
    let t: TestApp;
    let supervisor: Client, office: Client, clerk: Client;
    let agencyId: string;
    let row: Row;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-07T02:00:00Z' });
      supervisor = await signedIn(t.app, 'supervisor');
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      const board = await supervisor.get('/api/supervision/board');
      expect(board.statusCode).toBe(200);
      row = (board.json().agencies as Row[]).find((a) => a.name === '示例市应急管理局')!;
      agencyId = row.orgId;
    }, 300_000);
    afterAll(async () => {
      await t?.app.close();
    });

    describe('boards', () => {
      it('shows the department with an overdue request case and open 督办 tasks; not the government itself', async () => {
        const board = (await supervisor.get('/api/supervision/board')).json();
        expect(board.today).toBe('2026-12-07');
        expect(board.agencies.map((a: Row) => a.name)).not.toContain('示例市人民政府');
        expect(row.requests.overdue).toBeGreaterThanOrEqual(1);
        expect(row.requests.open).toBeGreaterThanOrEqual(row.requests.overdue + row.requests.dueSoon);
        expect(row.tasks.open).toBeGreaterThanOrEqual(2); // demo: one overdue, one from the case's row
        expect(row.tasks.overdue).toBeGreaterThanOrEqual(1);
        expect(row.report.year).toBe(2026);
      });

      it('drills down to the overdue case, links to its record page and suggests the 督办 title', async () => {
        const res = await supervisor.get(`/api/supervision/agencies/${agencyId}/requests?which=overdue`);
        expect(res.statusCode).toBe(200);
        const page = res.json();
        expect(page.total).toBe(row.requests.overdue);
        const c = page.items[0];
        expect(c.overdue).toBe(true);
        expect(c.workdaysLeft).toBeLessThan(0);
        expect(c.link).toBe(`/requests/${c.id}`);
        expect(c.suggestedTitle).toBe(`案件 ${c.caseNumber} 已逾期`);
        expect(c.source).toEqual({ kind: 'request_case', id: c.id, label: c.caseNumber, link: c.link });
        // The record page the link opens is readable by the supervisor (read-only), and shows the same due
        // date and description the board's lean read gives.
        const record = await supervisor.get(`/api/requests/${c.id}`);
        expect(record.statusCode).toBe(200);
        const detail = record.json();
        expect(c.answerDue).toBe(detail.clocks.answerDue);
        const d: string = detail.description;
        expect(c.descriptionExcerpt).toBe(d.length > 40 ? `${d.slice(0, 40)}…` : d);
        const open = (
          await supervisor.get(`/api/supervision/agencies/${agencyId}/requests?which=open`)
        ).json();
        expect(open.total).toBe(row.requests.open);
      });

      it("counts stale and blank columns and late items exactly as the agency's own timeliness dashboard", async () => {
        const dash = (await office.get('/api/catalog/dashboard')).json();
        expect(row.catalog.staleColumns).toBe(dash.staleColumns.length);
        expect(row.catalog.blankColumns).toBe(dash.blankColumns.length);
        expect(row.catalog.late).toBe(dash.lateItems.length);
        const cols = (
          await supervisor.get(`/api/supervision/agencies/${agencyId}/columns?pageSize=100`)
        ).json();
        expect(cols.total).toBe(dash.staleColumns.length + dash.blankColumns.length);
        expect(
          new Set(
            cols.items.filter((c: { kind: string }) => c.kind === 'stale').map((c: { id: string }) => c.id),
          ),
        ).toEqual(new Set(dash.staleColumns.map((c: { column: { id: string } }) => c.column.id)));
        const stale = cols.items.find((c: { kind: string }) => c.kind === 'stale');
        if (stale) expect(stale.suggestedTitle).toBe(`栏目 ${stale.columnName} 超期未更新`);
        const late = (
          await supervisor.get(`/api/supervision/agencies/${agencyId}/late-items?pageSize=100`)
        ).json();
        expect(late.total).toBe(dash.lateItems.length);
        for (const i of late.items) expect(i.workdays).toBeGreaterThan(20);
      });

      it('paginates drill-downs and answers the other boards', async () => {
        const p1 = (
          await supervisor.get(`/api/supervision/agencies/${agencyId}/columns?pageSize=1&page=1`)
        ).json();
        expect(p1.items.length).toBeLessThanOrEqual(1);
        expect(p1.pageSize).toBe(1);
        for (const b of ['decisions', 'interaction?which=open', 'late-items'])
          expect((await supervisor.get(`/api/supervision/agencies/${agencyId}/${b}`)).statusCode, b).toBe(
            200,
          );
        const dec = (await supervisor.get(`/api/supervision/agencies/${agencyId}/decisions`)).json();
        expect(dec.total).toBe(row.enforcement.overdue);
        const inter = (
          await supervisor.get(`/api/supervision/agencies/${agencyId}/interaction?which=overdue`)
        ).json();
        expect(inter.total).toBe(row.interaction.overdue);
      });
    });

    describe('督办', () => {
      it('runs a task: issued from a board row → the office replies with evidence → returned → replied → accepted', async () => {
        const overdue = (
          await supervisor.get(`/api/supervision/agencies/${agencyId}/requests?which=overdue`)
        ).json().items[0];
        const issued = await supervisor.post('/api/supervision/tasks', {
          targetOrgId: agencyId,
          title: overdue.suggestedTitle,
          body: '请立即答复申请人并说明逾期原因。',
          workdays: 3,
          source: overdue.source,
        });
        expect(issued.statusCode).toBe(201);
        const task = issued.json();
        expect(task.state).toBe('issued');
        expect(task.dueOn).toBe('2026-12-10'); // Mon 12-07 + 3 working days
        expect(task.number).toMatch(/^DB-2026-\d{4}$/);
        expect(task.actions).toEqual(['withdraw']);

        const received = (await office.get('/api/supervision/tasks?box=received&pageSize=100')).json();
        const mine = received.items.find((x: { id: string }) => x.id === task.id);
        expect(mine.actions).toEqual(['reply', 'attach']);
        expect(
          (await office.get('/api/notify/inbox?pageSize=50'))
            .json()
            .items.map((n: { title: string }) => n.title),
        ).toContain(`督办：${overdue.suggestedTitle}`);

        // The office cannot accept; the supervisor cannot reply (no permission at all).
        expect((await office.post(`/api/supervision/tasks/${task.id}/accept`, {})).statusCode).toBe(403);
        expect(
          (await supervisor.post(`/api/supervision/tasks/${task.id}/reply`, { text: 'x' })).statusCode,
        ).toBe(403);
        // A clerk of a division cannot answer a task addressed to the whole agency.
        const byClerk = await clerk.post(`/api/supervision/tasks/${task.id}/reply`, { text: '我来答复' });
        expect(byClerk.statusCode).toBe(403);
        expect(byClerk.json().type).toContain('supervision.not_receiver');

        const upload = await office.request(
          'POST',
          `/api/supervision/tasks/${task.id}/files`,
          multipart('答复书.pdf', '%PDF-1.4 demo'),
          {
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          },
        );
        expect(upload.statusCode).toBe(201);
        const html = await office.request(
          'POST',
          `/api/supervision/tasks/${task.id}/files`,
          multipart('x.pdf', '<html>'),
          {
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          },
        );
        expect(html.statusCode).toBe(400);

        const replied = await office.post(`/api/supervision/tasks/${task.id}/reply`, {
          text: '已于今日答复申请人。',
        });
        expect(replied.statusCode).toBe(200);
        expect(replied.json().state).toBe('replied');
        expect(replied.json().files.map((f: { round: number | null }) => f.round)).toEqual([1]);
        const file = await supervisor.get(`/api/supervision/tasks/${task.id}/files/${upload.json().id}`);
        expect(file.statusCode).toBe(200);
        expect(file.body).toContain('%PDF-1.4');

        expect((await supervisor.post(`/api/supervision/tasks/${task.id}/return`, {})).statusCode).toBe(400);
        const returned = await supervisor.post(`/api/supervision/tasks/${task.id}/return`, {
          reason: '请附答复书送达凭证。',
        });
        expect(returned.json().state).toBe('returned');
        expect(returned.json().returnReason).toBe('请附答复书送达凭证。');
        expect((await supervisor.post(`/api/supervision/tasks/${task.id}/accept`, {})).statusCode).toBe(409);
        await office.post(`/api/supervision/tasks/${task.id}/reply`, { text: '已补充送达凭证。' });
        const accepted = await supervisor.post(`/api/supervision/tasks/${task.id}/accept`, {
          note: '办结。',
        });
        expect(accepted.statusCode).toBe(200);
        const done = accepted.json();
        expect(done.state).toBe('accepted');
        expect(done.closedOnTime).toBe(true);
        expect(done.round).toBe(2);
        expect(done.events.map((e: { action: string }) => e.action)).toEqual([
          'issued',
          'attached',
          'replied',
          'returned',
          'replied',
          'accepted',
        ]);
        expect(
          (await office.post(`/api/supervision/tasks/${task.id}/reply`, { text: '再答' })).statusCode,
        ).toBe(409);

        const audit = await t.container.ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('target_id', '=', task.id)
          .execute();
        expect(audit.map((a) => a.action).sort()).toEqual(
          [
            'supervision.task.issue',
            'supervision.task.attach',
            'supervision.task.reply',
            'supervision.task.return',
            'supervision.task.reply',
            'supervision.task.accept',
          ].sort(),
        );
      });

      it('refuses targets outside the issuer: the government itself, a sibling for an office', async () => {
        const gov = (
          await t.container.ctx.db
            .selectFrom('orgs')
            .select('id')
            .where('kind', '=', 'government')
            .executeTakeFirstOrThrow()
        ).id;
        const own = await supervisor.post('/api/supervision/tasks', {
          targetOrgId: gov,
          title: '自己',
          body: 'x',
          workdays: 2,
        });
        expect(own.statusCode).toBe(403);
        expect(own.json().type).toContain('supervision.invalid_target');
        const toAgency = await office.post('/api/supervision/tasks', {
          targetOrgId: agencyId,
          title: '本局',
          body: 'x',
          workdays: 2,
        });
        expect(toAgency.statusCode).toBe(403);
        expect(
          (
            await supervisor.post('/api/supervision/tasks', {
              targetOrgId: agencyId,
              title: 't',
              body: 'b',
              workdays: 61,
            })
          ).statusCode,
        ).toBe(400);
      });

      it("the office issues to its own division; that division's clerk replies; the office accepts", async () => {
        const targets = (await office.get('/api/supervision/targets')).json().items;
        expect(targets.every((x: { kind: string }) => x.kind === 'division')).toBe(true);
        const division = targets.find((x: { name: string }) => x.name === '安全生产基础科');
        const res = await office.post('/api/supervision/tasks', {
          targetOrgId: division.orgId,
          title: '栏目 工作动态 超期未更新',
          body: '请本周内补充发布科室工作动态。',
          workdays: 5,
        });
        expect(res.statusCode, res.body).toBe(201);
        const id = res.json().id;
        const list = (await clerk.get('/api/supervision/tasks')).json();
        expect(list.items.map((x: { id: string }) => x.id)).toContain(id);
        expect(
          (await clerk.post(`/api/supervision/tasks/${id}/reply`, { text: '已发布2条。' })).statusCode,
        ).toBe(200);
        expect((await office.post(`/api/supervision/tasks/${id}/accept`, {})).json().state).toBe('accepted');
      });

      it('highlights and notifies an overdue task once (worker sweep), and counts it in the facts', async () => {
        const res = await supervisor.post('/api/supervision/tasks', {
          targetOrgId: agencyId,
          title: '逾期测试',
          body: '请办理。',
          workdays: 1,
        });
        expect(res.statusCode, res.body).toBe(201);
        const id = res.json().id;
        t.clock.set('2026-12-10T02:00:00Z');
        try {
          // Three days later every session has timed out: sign in again on the new day.
          supervisor = await signedIn(t.app, 'supervisor');
          office = await signedIn(t.app, 'office');
          const ctx = t.container.ctx;
          const handled = await notifyOverdue(ctx, systemActor('测试'));
          expect(handled).toBeGreaterThanOrEqual(1);
          expect(await notifyOverdue(ctx, systemActor('测试'))).toBe(0); // once only
          const view = (await supervisor.get(`/api/supervision/tasks/${id}`)).json();
          expect(view.overdue).toBe(true);
          expect(view.workdaysLeft).toBeLessThan(0);
          expect(view.events.map((e: { action: string }) => e.action)).toContain('overdue_notified');
          const inbox = (await office.get('/api/notify/inbox?pageSize=50'))
            .json()
            .items.map((n: { title: string }) => n.title);
          expect(inbox).toContain(`督办${view.number}已逾期`);
          const overdueList = (
            await supervisor.get('/api/supervision/tasks?overdue=true&pageSize=100')
          ).json();
          expect(overdueList.items.map((x: { id: string }) => x.id)).toContain(id);
          const [f] = await tasksFacts(
            ctx.db,
            [agencyId],
            { from: '2026-01-01', to: '2026-12-31' },
            { today: todayInChina(ctx.clock) },
          );
          expect(f!.overdue).toBeGreaterThanOrEqual(2);
          expect(f!.closedOnTime).toBeGreaterThanOrEqual(2); // demo task + the journey above
        } finally {
          t.clock.set('2026-12-07T02:00:00Z');
          supervisor = await signedIn(t.app, 'supervisor');
          office = await signedIn(t.app, 'office');
          clerk = await signedIn(t.app, 'clerk');
        }
      });
    });

    describe('scope', () => {
      let sibling: Client;
      let siblingId: string;
      beforeAll(async () => {
        const ctx = t.container.ctx;
        const sys = systemActor('测试');
        const gov = await ctx.db
          .selectFrom('orgs')
          .selectAll()
          .where('kind', '=', 'government')
          .executeTakeFirstOrThrow();
        const org = await createOrg(ctx, sys, {
          parentId: gov.id,
          kind: 'department',
          code: 'sup-sibling',
          name: '示例市兄弟局',
        });
        siblingId = org.id;
        await createUser(ctx, sys, {
          username: 'sibling-office',
          displayName: '兄弟局办公室',
          orgId: org.id,
          divisionId: null,
          roles: ['office'],
          password: DEMO_PASSWORD,
          mustChangePassword: false,
        });
        sibling = await signedIn(t.app, 'sibling-office');
      });

      it("a department cannot read a sibling department's records through the boards or its tasks", async () => {
        const board = (await sibling.get('/api/supervision/board')).json();
        expect(board.agencies.map((a: Row) => a.orgId)).toEqual([siblingId]);
        for (const b of [
          'requests?which=open',
          'late-items',
          'columns',
          'decisions',
          'interaction?which=open',
        ]) {
          const res = await sibling.get(`/api/supervision/agencies/${agencyId}/${b}`);
          expect(res.statusCode, b).toBe(403);
        }
        const tasks = await supervisor.get(`/api/supervision/tasks?targetAgencyId=${agencyId}`);
        expect(tasks.statusCode, tasks.body).toBe(200);
        const task = tasks.json().items[0];
        expect((await sibling.get(`/api/supervision/tasks/${task.id}`)).statusCode).toBe(403);
        expect(
          (await sibling.post(`/api/supervision/tasks/${task.id}/reply`, { text: '冒答' })).statusCode,
        ).toBe(403);
        // The supervisor now sees the new department too.
        const sup = (await supervisor.get('/api/supervision/board')).json();
        expect(sup.agencies.map((a: Row) => a.orgId)).toContain(siblingId);
      });

      it('the supervisor writes no business data: every non-GET /api route answers 403, except the named ones', async () => {
        const routes = t.app.routeInventory
          .filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.url.startsWith('/api/'))
          .map((r) => ({ method: r.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: r.url }));
        expect(routes.length).toBeGreaterThan(100);
        const reached: string[] = [];
        const client = await signedIn(t.app, 'supervisor');
        for (const r of routes) {
          const key = `${r.method} ${r.url}`;
          if (/\/api\/auth\/(logout|login)/.test(r.url)) continue; // would end or replace the session under test
          const url = r.url.replace(/:[A-Za-z]+/g, 'none').replace(/\*/g, 'none');
          const res = await client.request(r.method, url, r.method === 'DELETE' ? undefined : {});
          if (res.statusCode === 401) throw new Error(`session lost at ${key}`);
          if (res.statusCode !== 403) reached.push(key);
        }
        const unexpected = reached.filter((k) => !SUPERVISOR_MAY_WRITE.some(([re]) => re.test(k)));
        expect(unexpected).toEqual([]);
        // …and the allowed ones are really there (the list is not stale).
        expect(reached).toContain('POST /api/supervision/tasks');
        expect(reached).toContain('POST /api/supervision/tasks/:id/accept');
      });
    });
  },
  { seeded: true },
);

const BOUNDARY = 'gkboundary';
function multipart(name: string, content: string): string {
  return [
    `--${BOUNDARY}`,
    `Content-Disposition: form-data; name="file"; filename="${name}"`,
    'Content-Type: application/octet-stream',
    '',
    content,
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n');
}

describe('supervision facts signatures', () => {
  it('answers an empty agency list with no rows', async () => {
    expect(
      await tasksFacts({} as never, [], { from: '2026-01-01', to: '2026-12-31' }, { today: '2026-12-07' }),
    ).toEqual([]);
  });
});
