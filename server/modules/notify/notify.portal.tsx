/**
 * Public subscription pages (no JavaScript, no account): the form (栏目 or 检索词 + e-mail, errors in
 * Chinese next to each field), and the pages behind the signed confirmation and unsubscribe links.
 * Opening a link changes nothing (mail scanners open links); its button confirms.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { DomainError } from '../../platform/errors.js';
import { listPublishedColumns } from '../catalog/index.js';
import { SITE_FEEDS } from './notify.feeds.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import { signedLinkPage } from '../portal/portal.link-page.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import {
  confirmSubscription,
  subscribe,
  subscriptionOfLink,
  subscriptionProblems,
  unsubscribe,
  type SubscriptionEnv,
} from './notify.subscriptions.js';

/** A posted form field as text (a missing or repeated field reads as empty). */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

interface FormValues {
  email: string;
  column: string;
  words: string;
}

function page(ctx: PageContext, title: string, body: preact.ComponentChildren): string {
  return (
    '<!doctype html>' +
    renderToString(
      <Layout
        ctx={ctx}
        title={title}
        breadcrumbs={[
          { href: `${ctx.base}/`, label: '首页' },
          { href: `${ctx.base}/dingyue`, label: '邮件订阅' },
        ]}
      >
        {body}
      </Layout>,
    )
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

function SubscribeForm(props: {
  ctx: PageContext;
  columns: { code: string; name: string; depth: number }[];
  values: FormValues;
  errors: Record<string, string>;
}) {
  const { ctx, values, errors } = props;
  const list = Object.entries(errors);
  const described = (f: string): { 'aria-invalid'?: boolean; 'aria-describedby'?: string } =>
    errors[f] ? { 'aria-invalid': true, 'aria-describedby': `f-${f}-error` } : {};
  return (
    <>
      <h1>邮件订阅</h1>
      <p>
        选择一个栏目，或填写检索词，有新的政府信息发布时我们会发邮件告诉您。无需注册；提交后请打开确认邮件中的链接，
        确认前不会发送任何信息。每封邮件都附有一键退订链接。
      </p>
      {list.length > 0 && (
        <div class="form-errors" role="alert">
          <h2>提交未成功，请修改以下{list.length}处：</h2>
          <ul>
            {list.map(([f, m]) => (
              <li>
                <a href={`#f-${f}`}>{m}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`${ctx.base}/dingyue`} noValidate>
        <p>
          <label for="f-email">电子邮箱（必填）</label>
          <br />
          <input
            id="f-email"
            name="email"
            type="email"
            autoComplete="email"
            maxLength={254}
            value={values.email}
            {...described('email')}
          />
          <FieldError id="f-email" error={errors.email} />
        </p>
        <p>
          <label for="f-column">订阅栏目</label>
          <br />
          <select id="f-column" name="column" {...described('column')}>
            <option value="">（不订阅栏目）</option>
            {props.columns.map((c) => (
              <option value={c.code} selected={c.code === values.column}>
                {'　'.repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id="f-column" error={errors.column} />
        </p>
        <p>
          <label for="f-words">或订阅检索词</label>
          <br />
          <input id="f-words" name="words" maxLength={50} value={values.words} {...described('words')} />
          <FieldError id="f-words" error={errors.words} />
        </p>
        <p>
          <button type="submit">订阅</button>
        </p>
      </form>
      <h2>用 RSS 阅读器订阅</h2>
      <ul>
        {SITE_FEEDS.map((f) => (
          <li>
            <a href={`${ctx.base}${f.path}`}>{f.label}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

const linkPage = signedLinkPage;

/** The subscription form on every agency's portal, and the signed-link pages. */
export function notifyPortal(app: App, c: Container, portal: PortalRegistry, env: SubscriptionEnv): void {
  const ctx = c.ctx;
  const columnsOf = async (orgId: string) =>
    (await listPublishedColumns(ctx, orgId)).map((x) => ({ code: x.code, name: x.name, depth: x.depth }));

  portalPage(app, '/dingyue', async (req, reply) => {
    const pctx = await requirePortal(c, portal, req);
    const q = req.query as Partial<FormValues>;
    const values = {
      email: '',
      column: String(q.column ?? '').slice(0, 100),
      words: String(q.words ?? '').slice(0, 50),
    };
    return sendHtml(
      reply,
      page(
        pctx,
        '邮件订阅',
        <SubscribeForm ctx={pctx} columns={await columnsOf(pctx.agency.id)} values={values} errors={{}} />,
      ),
    );
  });

  const post = async (req: FastifyRequest, reply: FastifyReply) => {
    const pctx = await requirePortal(c, portal, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: FormValues = {
      email: text(body.email).slice(0, 300),
      column: text(body.column).slice(0, 100),
      words: text(body.words).slice(0, 100),
    };
    const input = { orgId: pctx.agency.id, email: values.email, column: values.column, words: values.words };
    const { errors } = await subscriptionProblems(ctx, input);
    if (Object.keys(errors).length)
      return sendHtml(
        reply,
        page(
          pctx,
          '邮件订阅（请修改）',
          <SubscribeForm
            ctx={pctx}
            columns={await columnsOf(pctx.agency.id)}
            values={values}
            errors={errors}
          />,
        ),
        400,
      );
    await subscribe(ctx, env, input);
    return sendHtml(
      reply,
      page(
        pctx,
        '请查收确认邮件',
        <>
          <h1>请查收确认邮件</h1>
          <p role="status">
            确认邮件已发送至 {values.email.trim()}
            。请打开邮件中的链接完成订阅；如未收到，请检查垃圾邮件，或稍后重新提交。
          </p>
          <p>
            <a href={`${pctx.base}/`}>返回首页</a>
          </p>
        </>,
      ),
    );
  };
  for (const p of ['/dingyue', '/a/:code/dingyue'])
    app.post(
      p,
      { config: { access: PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
      post,
    );

  const linkSchema = {
    hide: true,
    params: {
      type: 'object',
      properties: { id: { type: 'string', maxLength: 64 }, sig: { type: 'string', maxLength: 64 } },
      required: ['id', 'sig'],
    },
  };
  const handle =
    (purpose: 'confirm' | 'unsubscribe', act: boolean) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const { id, sig } = req.params as { id: string; sig: string };
      const what = purpose === 'confirm' ? '确认订阅' : '退订';
      try {
        if (!act) {
          const sub = await subscriptionOfLink(ctx, env.secret, purpose, id, sig);
          const done = purpose === 'confirm' ? sub.status === 'active' : sub.status === 'unsubscribed';
          return sendHtml(
            reply,
            linkPage(
              `${what}：${sub.label}`,
              <>
                <h1>
                  {what}：{sub.label}
                </h1>
                {done ? (
                  <p role="status">
                    {purpose === 'confirm' ? '该订阅已确认。' : '该订阅已退订，不会再发送邮件。'}
                  </p>
                ) : (
                  <form method="post" action={req.url}>
                    <button type="submit">{purpose === 'confirm' ? '确认订阅' : '确认退订'}</button>
                  </form>
                )}
              </>,
            ),
          );
        }
        const sub =
          purpose === 'confirm'
            ? await confirmSubscription(ctx, env.secret, id, sig)
            : await unsubscribe(ctx, env.secret, id, sig);
        return sendHtml(
          reply,
          linkPage(
            purpose === 'confirm' ? '订阅成功' : '已退订',
            <div role="status">
              <h1>{purpose === 'confirm' ? '订阅成功' : '已退订'}</h1>
              <p>
                {purpose === 'confirm'
                  ? `“${sub.label}”有新信息发布时，我们会发邮件告诉您；每封邮件都附有退订链接。`
                  : `您将不再收到“${sub.label}”的邮件。`}
              </p>
            </div>,
          ),
        );
      } catch (e) {
        if (e instanceof DomainError)
          return sendHtml(
            reply,
            linkPage(
              `无法${what}`,
              <>
                <h1>无法{what}</h1>
                <p role="alert">{e.messageZh}</p>
              </>,
            ),
            e.kind === 'not_found' ? 404 : e.kind === 'conflict' ? 409 : 403,
          );
        throw e;
      }
    };
  for (const purpose of ['confirm', 'unsubscribe'] as const) {
    app.get(
      `/subscriptions/${purpose}/:id/:sig`,
      { config: { access: PUBLIC }, schema: linkSchema },
      handle(purpose, false),
    );
    app.post(
      `/subscriptions/${purpose}/:id/:sig`,
      { config: { access: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: linkSchema },
      handle(purpose, true),
    );
  }
}
