import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { publishWechat, publishWeibo, type PlatformAccount } from './notify.platforms.js';

/**
 * A loopback fake of the WeChat 公众号 and Weibo publishing APIs that behaves as their documentation
 * says: token → draft/add → freepublish/submit → freepublish/get (publishing, then success with
 * article_id); statuses/share returns the post's id; bad credentials get the documented errors.
 */
let server: Server;
let base = '';
const calls: string[] = [];
let publishPolls = 0;
const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString('utf8')));
    req.on('end', () => resolve(b));
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push(url.pathname);
      const body = await read(req);
      const send = (o: unknown, status = 200) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(o));
      };
      if (url.pathname === '/cgi-bin/token')
        return url.searchParams.get('secret') === 'good'
          ? send({ access_token: 'TOKEN', expires_in: 7200 })
          : send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (url.searchParams.get('access_token') !== 'TOKEN' && url.pathname.startsWith('/cgi-bin/'))
        return send({ errcode: 40001, errmsg: 'invalid credential' });
      if (url.pathname === '/cgi-bin/draft/add') {
        const a = (JSON.parse(body) as { articles: { title: string }[] }).articles[0]!;
        return a.title
          ? send({ media_id: 'MEDIA_1' })
          : send({ errcode: 45003, errmsg: 'title size out of limit' });
      }
      if (url.pathname === '/cgi-bin/freepublish/submit')
        return send({ errcode: 0, errmsg: 'ok', publish_id: '2247483647' });
      if (url.pathname === '/cgi-bin/freepublish/get') {
        publishPolls += 1;
        return publishPolls < 2
          ? send({ publish_id: '2247483647', publish_status: 1 })
          : send({
              publish_id: '2247483647',
              publish_status: 0,
              article_id: 'ARTICLE_ID_1',
              article_detail: { count: 1, item: [{ idx: 1, article_url: 'https://mp.weixin.qq.com/s/x' }] },
            });
      }
      if (url.pathname === '/2/statuses/share.json') {
        const f = new URLSearchParams(body);
        if (f.get('access_token') !== 'WB_TOKEN')
          return send({ error: 'invalid_access_token', error_code: 21332 }, 401);
        return send({ id: 4912345678901234, idstr: '4912345678901234', text: f.get('status') });
      }
      send({ errcode: 404 }, 404);
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const account = (over: Partial<PlatformAccount>): PlatformAccount => ({
  org_id: 'o',
  channel: 'wechat',
  api_base: base,
  app_id: 'wx123',
  app_secret: 'good',
  access_token: null,
  thumb_media_id: 'THUMB',
  enabled: 1,
  ...over,
});
const post = {
  id: 'p1',
  title: '暴雨红色预警',
  text: '预计未来3小时…',
  html: '<p>预计未来3小时…</p>',
  url: 'https://gk.example.gov.cn/yujing/1',
};

describe('WeChat and Weibo publishing adapters', () => {
  it('counts a WeChat article as published only when freepublish/get returns its article_id', async () => {
    const r = await publishWechat(account({}), post, 5, 5);
    expect(r).toEqual({ outcome: 'delivered', externalRef: 'ARTICLE_ID_1' });
    expect(calls).toEqual(
      expect.arrayContaining([
        '/cgi-bin/token',
        '/cgi-bin/draft/add',
        '/cgi-bin/freepublish/submit',
        '/cgi-bin/freepublish/get',
      ]),
    );
  });
  it('reports a refused credential as a failure, not a post', async () => {
    const r = await publishWechat(account({ app_secret: 'bad' }), post, 5, 1);
    expect(r.outcome).toBe('failed');
  });
  it('stays `sent` (not published) while WeChat is still publishing', async () => {
    publishPolls = -100;
    const r = await publishWechat(account({}), post, 1, 2);
    expect(r).toEqual({ outcome: 'sent', externalRef: 'publish_id:2247483647' });
  });
  it('publishes to Weibo and keeps the returned id; a bad token fails', async () => {
    expect(await publishWeibo(account({ channel: 'weibo', access_token: 'WB_TOKEN' }), post)).toEqual({
      outcome: 'delivered',
      externalRef: '4912345678901234',
    });
    const bad = await publishWeibo(account({ channel: 'weibo', access_token: 'nope' }), post);
    expect(bad.outcome).toBe('failed');
  });
});
