/**
 * Public side of risk warnings: the banner on every page while a warning is in force (PortalRegistry
 * `banners`), the list and a page per warning (with its updates and 解除), CAP 1.2 per message, an Atom
 * feed of CAP messages, and the 签收 page behind the signed link. No JavaScript needed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import { signedLinkPage } from '../portal/portal.link-page.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import * as repo from './warnings.repository.js';
import { capAlert, capTime, inForce, KIND_LABELS, LEVEL_LABELS } from './warnings.rules.js';
import { ackByLink } from './warnings.service.js';

const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const STATUS_TEXT: Record<string, string> = {
  published: '生效中',
  superseded: '已更新',
  lifted: '已解除',
  expired: '已过期',
};

function page(
  ctx: PageContext,
  title: string,
  body: preact.ComponentChildren,
  head?: preact.ComponentChildren,
): string {
  return (
    '<!doctype html>' +
    renderToString(
      <Layout
        ctx={ctx}
        title={title}
        head={head}
        breadcrumbs={[
          { href: `${ctx.base}/`, label: '首页' },
          { href: `${ctx.base}/yujing`, label: '预警信息' },
        ]}
      >
        {body}
      </Layout>,
    )
  );
}

function WarningBody({ w, ctx }: { w: repo.Warning; ctx: PageContext }) {
  return (
    <article class={`warning level-${w.level}`}>
      <h1>{w.title}</h1>
      <dl class="meta">
        <dt>类别</dt>
        <dd>{KIND_LABELS[w.kind]}</dd>
        <dt>级别</dt>
        <dd>{LEVEL_LABELS[w.level]}</dd>
        <dt>影响区域</dt>
        <dd>{w.area}</dd>
        <dt>生效时间</dt>
        <dd>{chinaTime(w.effective_at)}</dd>
        <dt>失效时间</dt>
        <dd>{chinaTime(w.expires_at)}</dd>
        <dt>发布时间</dt>
        <dd>{w.published_at ? chinaTime(w.published_at) : '—'}</dd>
        <dt>信息来源</dt>
        <dd>{w.source}</dd>
        <dt>状态</dt>
        <dd>{STATUS_TEXT[w.status] ?? w.status}</dd>
      </dl>
      <h2>预警内容</h2>
      <p>{w.content}</p>
      {w.msg_type !== 'cancel' && (
        <>
          <h2>防御指引</h2>
          <p>{w.actions}</p>
        </>
      )}
      <p>
        <a href={`${ctx.base}/yujing/${w.id}/cap.xml`}>CAP 1.2 格式</a>
      </p>
    </article>
  );
}

/** Registers the banner hook, public pages, CAP and the 签收 pages. */
export function warningsPortal(app: App, c: Container, portal: PortalRegistry): void {
  const ctx = c.ctx;
  portal.add({
    nav: (_a, base) => [{ href: `${base}/yujing`, label: '预警信息' }],
    banners: async (agency, base) => {
      const now = nowIso(ctx.clock);
      return (await repo.publishedCurrent(ctx.db, agency.id, now))
        .filter((w) => inForce(w, now))
        .map((w) => ({
          href: `${base}/yujing/${w.id}`,
          text: `【预警】${w.title}：${w.area}（${chinaTime(w.effective_at)} 至 ${chinaTime(w.expires_at)}）`,
          tone: w.level,
        }));
    },
  });

  const capContext = (pageCtx: PageContext, req: FastifyRequest) => {
    const origin = c.config.publicBaseUrl;
    const host = new URL(origin).hostname;
    return {
      sender: pageCtx.agency.email ?? `${pageCtx.agency.code}@${host}`,
      senderName: pageCtx.agency.name,
      identifierOf: (id: string) => `${host}.gongkai.${pageCtx.agency.code}.${id}`,
      web: `${origin}${pageCtx.base}${req.url.split('?')[0]!.replace(/\/cap\.xml$/, '')}`,
    };
  };

  portalPage(app, '/yujing', async (req, reply) => {
    const pctx = await requirePortal(c, portal, req);
    const now = nowIso(ctx.clock);
    const current = (await repo.publishedCurrent(ctx.db, pctx.agency.id, now)).filter((w) => inForce(w, now));
    const history = await repo.publicHistory(ctx.db, pctx.agency.id, 50);
    const html = page(
      pctx,
      '预警信息',
      <>
        <h1>预警信息</h1>
        <h2>正在生效</h2>
        {current.length === 0 ? (
          <p>当前没有生效的预警。</p>
        ) : (
          <ul>
            {current.map((w) => (
              <li>
                <a href={`${pctx.base}/yujing/${w.id}`}>{w.title}</a>（{w.area}，至{chinaTime(w.expires_at)}）
              </li>
            ))}
          </ul>
        )}
        <h2>发布记录</h2>
        <ul>
          {history.map((w) => (
            <li>
              <a href={`${pctx.base}/yujing/${w.id}`}>{w.title}</a>（{chinaTime(w.published_at!)}，
              {STATUS_TEXT[w.status] ?? w.status}）
            </li>
          ))}
        </ul>
        <p>
          <a href={`${pctx.base}/yujing/feed.xml`}>订阅预警信息（Atom / CAP 1.2）</a>
        </p>
      </>,
      <link
        rel="alternate"
        type="application/atom+xml"
        title="预警信息"
        href={`${pctx.base}/yujing/feed.xml`}
      />,
    );
    return sendHtml(reply, html);
  });

  portalPage(app, '/yujing/feed.xml', async (req, reply) => {
    const pctx = await requirePortal(c, portal, req);
    const origin = c.config.publicBaseUrl;
    const list = await repo.publicHistory(ctx.db, pctx.agency.id, 50);
    const x = (s: string) =>
      s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
    const updated = list[0]?.published_at ?? nowIso(ctx.clock);
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<feed xmlns="http://www.w3.org/2005/Atom">\n<title>${x(pctx.agency.name)}预警信息</title>\n<id>${x(`${origin}${pctx.base}/yujing`)}</id>\n<updated>${capTime(updated)}</updated>\n<link rel="self" href="${x(`${origin}${pctx.base}/yujing/feed.xml`)}"/>\n` +
      list
        .map(
          (w) =>
            `<entry><id>${x(`${origin}${pctx.base}/yujing/${w.id}`)}</id><title>${x(w.title)}</title><updated>${capTime(w.published_at!)}</updated>` +
            `<summary>${x(`${w.area}：${w.content}`)}</summary><link rel="alternate" href="${x(`${origin}${pctx.base}/yujing/${w.id}`)}"/>` +
            `<link rel="related" type="application/cap+xml" href="${x(`${origin}${pctx.base}/yujing/${w.id}/cap.xml`)}"/></entry>`,
        )
        .join('\n') +
      '\n</feed>\n';
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
  });

  const findPublic = async (pctx: PageContext, id: string) => {
    const w = /^[0-9a-f-]{36}$/.test(id) ? await repo.findWarning(ctx.db, id) : undefined;
    if (!w || w.org_id !== pctx.agency.id || !w.published_at)
      throw new DomainError('not_found', '预警信息不存在', undefined, 'not_found');
    return w;
  };

  portalPage(app, '/yujing/:id', async (req, reply) => {
    const pctx = await requirePortal(c, portal, req);
    const w = await findPublic(pctx, (req.params as { id: string }).id);
    const chain = (await repo.chainOf(ctx.db, w.root_id)).filter((m) => m.published_at);
    const html = page(
      pctx,
      w.title,
      <>
        <WarningBody w={w} ctx={pctx} />
        {chain.length > 1 && (
          <section>
            <h2>相关信息</h2>
            <ol>
              {chain.map((m) => (
                <li>
                  {m.id === w.id ? (
                    <strong>{m.title}</strong>
                  ) : (
                    <a href={`${pctx.base}/yujing/${m.id}`}>{m.title}</a>
                  )}
                  （{chinaTime(m.published_at!)}）
                </li>
              ))}
            </ol>
          </section>
        )}
      </>,
    );
    return sendHtml(reply, html);
  });

  portalPage(app, '/yujing/:id/cap.xml', async (req, reply) => {
    const pctx = await requirePortal(c, portal, req);
    const w = await findPublic(pctx, (req.params as { id: string }).id);
    const ref = w.ref_id ? await repo.findWarning(ctx.db, w.ref_id) : undefined;
    return reply
      .type('application/cap+xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(capAlert(w, capContext(pctx, req), ref));
  });

  // ── 签收 (no agency in the path: the signed link identifies the recipient) ──
  const ackPage = signedLinkPage;
  const ackSchema = {
    hide: true,
    params: {
      type: 'object',
      properties: { rid: { type: 'string', maxLength: 64 }, sig: { type: 'string', maxLength: 64 } },
      required: ['rid', 'sig'],
    },
  };

  const showAck = async (req: FastifyRequest, reply: FastifyReply, confirm: boolean) => {
    const { rid, sig } = req.params as { rid: string; sig: string };
    try {
      if (!confirm) {
        // Showing the page changes nothing (mail scanners open links); the button confirms.
        const { verifyAck } = await import('./warnings.rules.js');
        if (!verifyAck(c.config.sessionSecret, rid, sig))
          throw new DomainError(
            'warnings.bad_link',
            '签收链接无效（可能被改动），请使用短信或邮件中的原始链接',
            undefined,
            'forbidden',
          );
        const r = await repo.findRecipient(ctx.db, rid);
        const w = r ? await repo.findWarning(ctx.db, r.warning_id) : undefined;
        if (!r || !w) throw new DomainError('not_found', '签收链接已失效', undefined, 'not_found');
        return sendHtml(
          reply,
          ackPage(
            `签收：${w.title}`,
            <>
              <h1>{w.title}</h1>
              <p>接收对象：{r.name}</p>
              <p>影响区域：{w.area}</p>
              <p>{w.content}</p>
              <p>防御指引：{w.actions}</p>
              {r.acked_at ? (
                <p role="status">已于 {chinaTime(r.acked_at)} 签收。</p>
              ) : (
                <form method="post" action={req.url}>
                  <button type="submit">确认签收</button>
                </form>
              )}
            </>,
          ),
        );
      }
      const { recipient, warning, fresh } = await ackByLink(ctx, rid, sig, c.config.sessionSecret);
      return sendHtml(
        reply,
        ackPage(
          '签收成功',
          <>
            <div role="status">
              <h1>{fresh ? '签收成功' : '此前已签收'}</h1>
            </div>
            <p>
              {recipient.name}：已确认收到“{warning.title}”。请按防御指引做好防范。
            </p>
          </>,
        ),
      );
    } catch (e) {
      if (e instanceof DomainError)
        return sendHtml(
          reply,
          ackPage(
            '无法签收',
            <>
              <h1>无法签收</h1>
              <p role="alert">{e.messageZh}</p>
            </>,
          ),
          e.kind === 'not_found' ? 404 : 403,
        );
      throw e;
    }
  };
  app.get('/warnings/ack/:rid/:sig', { config: { access: PUBLIC }, schema: ackSchema }, (req, reply) =>
    showAck(req, reply, false),
  );
  app.post(
    '/warnings/ack/:rid/:sig',
    { config: { access: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: ackSchema },
    (req, reply) => showAck(req, reply, true),
  );
}
