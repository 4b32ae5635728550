import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';
import { listPublishedColumns } from '../catalog/index.js';
import { runSubscriptionDigests } from './notify.subscriptions.js';
import { runQueueNow, transportsOf } from './notify.module.js';
import { SmtpTransport } from './notify.transports.js';
import { startSmtpPeer } from './testing/peers.js';

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describeEachDialect(
  'public e-mail subscriptions',
  (getDb) => {
    let t: TestApp;
    let orgId = '';
    let columnCode = '';
    let columnName = '';
    const env = () => ({
      secret: t.container.config.sessionSecret,
      baseUrl: t.container.config.publicBaseUrl,
    });
    const post = (url: string, body: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: form(body),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const mails = (to: string, template: string) =>
      t.container.ctx.db
        .selectFrom('notify_messages')
        .selectAll()
        .where('to_addr', '=', to)
        .where('template', '=', template)
        .execute();
    const sub = (email: string) =>
      t.container.ctx.db
        .selectFrom('notify_subscriptions')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
    const pathOf = (text: string, kind: 'confirm' | 'unsubscribe') =>
      new URL(new RegExp(`https?://\\S+/subscriptions/${kind}/\\S+`).exec(text)![0]).pathname;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      orgId = (
        await t.container.ctx.db
          .selectFrom('orgs')
          .select('id')
          .where('code', '=', 'shili-yjj')
          .executeTakeFirstOrThrow()
      ).id;
      const cols = await listPublishedColumns(t.container.ctx, orgId);
      const withItems = await t.container.ctx.db
        .selectFrom('catalog_items')
        .select('column_id')
        .where('org_id', '=', orgId)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const col = cols.find((c) => c.id === withItems.column_id)!;
      columnCode = col.code;
      columnName = col.name;
    }, 600_000); // seeds the demo agency: minutes on a loaded machine
    afterAll(async () => {
      await t?.app.close();
    });

    it('shows the form and refuses bad input with Chinese messages next to the fields', async () => {
      const page = await t.app.inject({ url: '/dingyue' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<label for="f-email">电子邮箱（必填）</label>');
      expect(page.body).toContain(columnName);

      const bad = await post('/dingyue', { email: 'zhang@@example', column: '', words: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('电子邮箱格式不正确');
      expect(bad.body).toContain('请选择要订阅的栏目，或填写要订阅的检索词');
      expect(bad.body).toContain('aria-invalid="true"');
      expect(bad.body).toContain('value="zhang@@example"'); // what was typed stays

      const both = await post('/dingyue', { email: 'a@example.com', column: columnCode, words: '安全' });
      expect(both.body).toContain('二者选一');
      const unknown = await post('/dingyue', { email: 'a@example.com', column: 'no-such-column' });
      expect(unknown.body).toContain('所选栏目不存在');
      const spaces = await post('/dingyue', { email: 'a b@example.com', words: '！！' });
      expect(spaces.body).toContain('电子邮箱不能包含空格');
      expect(spaces.body).toContain('检索词须包含文字或数字');
      expect(await t.container.ctx.db.selectFrom('notify_subscriptions').selectAll().execute()).toHaveLength(
        0,
      );
    });

    it('double opt-in: nothing is mailed before the signed confirmation link is used', async () => {
      const email = 'reader@example.com';
      const ok = await post('/dingyue', { email: 'Reader@example.com', column: columnCode });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('请查收确认邮件');
      // asking again the same day mails no second confirmation
      await post('/dingyue', { email, column: columnCode });
      const confirms = await mails(email, 'notify.subscription.confirm');
      expect(confirms).toHaveLength(1);
      expect(confirms[0]!.subject).toBe(`请确认订阅：${columnName}`);
      expect((await sub(email)).status).toBe('pending');

      // pending: the digest job sends nothing, even for old items
      await t.container.ctx.db
        .updateTable('notify_subscriptions')
        .set({ created_at: '2000-01-01T00:00:00.000Z' })
        .execute();
      expect(await runSubscriptionDigests(t.container.ctx, env(), { force: true })).toBe(0);

      const confirm = pathOf(confirms[0]!.body_text, 'confirm');
      // forged: one character changed, or another subscription's id, or the unsubscribe purpose
      const forged = confirm.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      const r1 = await t.app.inject({ url: forged });
      expect(r1.statusCode).toBe(403);
      expect(r1.body).toContain('链接无效');
      expect((await post(forged)).statusCode).toBe(403);
      expect((await post(confirm.replace('/confirm/', '/unsubscribe/'))).statusCode).toBe(403);
      expect((await sub(email)).status).toBe('pending');

      // opening the link changes nothing (mail scanners); the button confirms
      const shown = await t.app.inject({ url: confirm });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('确认订阅');
      expect((await sub(email)).status).toBe('pending');
      const done = await post(confirm);
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('订阅成功');
      expect((await sub(email)).status).toBe('active');
    });

    it('mails new items once, with a signed one-click unsubscribe link that cannot be forged', async () => {
      const email = 'reader@example.com';
      // items published after the subscription's last mail: move it back before the demo's items
      await t.container.ctx.db
        .updateTable('notify_subscriptions')
        .set({ last_sent_at: '2000-01-01T00:00:00.000Z' })
        .where('email', '=', email)
        .execute();
      expect(await runSubscriptionDigests(t.container.ctx, env(), { force: true })).toBe(1);
      expect(await runSubscriptionDigests(t.container.ctx, env(), { force: true })).toBe(0); // never twice
      const [digest, ...more] = await mails(email, 'notify.subscription.digest');
      expect(more).toHaveLength(0);
      expect(digest!.subject).toMatch(new RegExp(`^${columnName}有\\d+条新信息$`));
      expect(digest!.body_text).toMatch(/\/items\/[0-9a-f-]+/);

      const unsub = pathOf(digest!.body_text, 'unsubscribe');
      const forged = unsub.replace(/[A-Za-z0-9_-]{32}$/, 'x'.repeat(32));
      expect((await post(forged)).statusCode).toBe(403);
      const other = await post(
        unsub.replace(/\/unsubscribe\/[^/]+\//, '/unsubscribe/01a00000-0000-7000-8000-000000000000/'),
      );
      expect(other.statusCode).toBe(403);
      expect((await sub(email)).status).toBe('active');

      const r = await post(unsub);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('已退订');
      expect((await sub(email)).status).toBe('unsubscribed');
      expect((await post(unsub)).statusCode).toBe(200); // idempotent

      // unsubscribed: no more mails, and the old confirmation link does not revive it
      await t.container.ctx.db
        .updateTable('notify_subscriptions')
        .set({ last_sent_at: '2000-01-01T00:00:00.000Z' })
        .execute();
      expect(await runSubscriptionDigests(t.container.ctx, env(), { force: true })).toBe(0);
      const confirm = pathOf((await mails(email, 'notify.subscription.confirm'))[0]!.body_text, 'confirm');
      expect((await post(confirm)).statusCode).toBe(409);
    });

    it('subscription mails carry List-Unsubscribe with one-click POST (RFC 8058) that works and cannot be forged', async () => {
      const email = 'oneclick@example.com';
      const peer = await startSmtpPeer();
      const transports = transportsOf(t.container);
      const before = transports.get('email')!;
      const smtp = new SmtpTransport(
        `${peer.url}?rate=1000&connections=4`,
        '政务公开 <noreply@example.gov.cn>',
        'example.gov.cn',
      );
      transports.set('email', smtp);
      try {
        await post('/dingyue', { email, column: columnCode });
        const confirm = (await mails(email, 'notify.subscription.confirm'))[0]!;
        expect((await post(pathOf(confirm.body_text, 'confirm'))).statusCode).toBe(200);
        await t.container.ctx.db
          .updateTable('notify_subscriptions')
          .set({ last_sent_at: '2000-01-01T00:00:00.000Z' })
          .where('email', '=', email)
          .execute();
        await runSubscriptionDigests(t.container.ctx, env(), { force: true });
        while ((await runQueueNow(t.container)) > 0);
        const received = peer.mails.filter((m) => m.rcpt.includes(email));
        expect(received).toHaveLength(2); // the confirmation and one digest
        const digest = received.find((m) => /有\d+条新信息/.test(m.parsed.subject ?? ''))!;
        const head = digest.raw.slice(0, digest.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const link = /^List-Unsubscribe: <([^>]+)>$/im.exec(head)?.[1];
        expect(link).toMatch(/^https?:\/\/[^/]+\/subscriptions\/unsubscribe\/[^/]+\/[A-Za-z0-9_-]+$/);
        expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
        // the confirmation mail is no list mail: no header
        const confirmMail = received.find((m) => m !== digest)!;
        expect(confirmMail.raw.slice(0, confirmMail.raw.indexOf('\r\n\r\n'))).not.toMatch(
          /List-Unsubscribe/i,
        );

        const oneClick = (url: string, type = 'application/x-www-form-urlencoded') =>
          t.app.inject({
            method: 'POST',
            url,
            payload:
              type === 'multipart/form-data; boundary=gk'
                ? '--gk\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--gk--\r\n'
                : 'List-Unsubscribe=One-Click',
            headers: { 'content-type': type },
          });
        const path = new URL(link!).pathname;
        // a forged signature (as urlencoded or multipart, the two forms RFC 8058 allows) changes nothing
        const forged = path.replace(/[A-Za-z0-9_-]$/, (c) => (c === 'A' ? 'B' : 'A'));
        expect((await oneClick(forged)).statusCode).toBe(403);
        expect((await oneClick(forged, 'multipart/form-data; boundary=gk')).statusCode).toBe(403);
        expect((await sub(email)).status).toBe('active');
        const r = await oneClick(path, 'multipart/form-data; boundary=gk');
        expect(r.statusCode).toBe(200);
        expect((await sub(email)).status).toBe('unsubscribed');
        expect((await oneClick(path)).statusCode).toBe(200); // idempotent
      } finally {
        transports.set('email', before);
        await smtp.close();
        await peer.close();
      }
    }, 180_000);

    it('serves RSS 2.0 feeds of the site, 双公示 decisions and accident reports, listed on the form', async () => {
      const form = await t.app.inject({ url: '/dingyue' });
      for (const path of ['/rss.xml', '/shuanggongshi/rss.xml', '/shigu/rss.xml', '/yujing/feed.xml'])
        expect(form.body).toContain(`href="${path}"`);
      const site = await t.app.inject({ url: '/rss.xml' });
      expect(site.statusCode).toBe(200);
      expect(site.headers['content-type']).toContain('application/rss+xml');
      expect(site.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
      const items = site.body.match(/<item>/g)?.length ?? 0;
      expect(items).toBeGreaterThan(0);
      expect(site.body).toMatch(/<link>http:\/\/[^<]+\/items\/[0-9a-f-]+<\/link>/);
      const decisions = await t.app.inject({ url: '/shuanggongshi/rss.xml' });
      expect(decisions.statusCode).toBe(200);
      expect(decisions.body).toMatch(/<title>行政(许可|处罚|强制)：[^<]+（[^<]+）<\/title>/);
      expect(decisions.body).toMatch(/\/shuanggongshi\/[0-9a-f-]+<\/link>/);
      const accidents = await t.app.inject({ url: '/shigu/rss.xml' });
      expect(accidents.statusCode).toBe(200);
      expect(accidents.body).toContain('<title>示例市应急管理局生产安全事故信息</title>');
      expect(accidents.body.match(/<item>/g)?.length ?? 0).toBe(
        accidents.body.match(/<\/item>/g)?.length ?? 0,
      );
    });
  },
  { seeded: true },
);
