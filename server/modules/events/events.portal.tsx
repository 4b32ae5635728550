/**
 * Public pages (server-rendered, no JavaScript needed): 新闻发布与听证 — upcoming announcements and
 * past records by kind and year with word search, each event's page (announcement, hearing
 * registration with captcha, the public list of selected participants, the record and related
 * policies); 建议提案办理结果 — published replies by year and kind with search.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import type { Container } from '../../container.js';
import { publicActor } from '../../platform/actor.js';
import { todayInChina, chinaDateOf } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { renderDocument } from '../portal/portal.pages.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import {
  CaptchaField,
  captchaKindOf,
  captchaRefreshRequested,
  checkCaptcha,
  issueCaptcha,
  type IssuedCaptcha,
} from '../captcha/index.js';
import type { EventRow, Proposal } from './events.repository.js';
import {
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  PROPOSAL_KIND_LABELS,
  registrationOpen,
  REPLY_CLASS_LABELS,
} from './events.rules.js';
import type { EventKind, ProposalKind } from './events.tables.js';
import * as pub from './events.public.js';

type Query = Record<string, string | undefined>;

const STYLE = `
.ev-tabs{display:flex;gap:8px;flex-wrap:wrap;margin:0 0 12px;padding:0;list-style:none}
.ev-tabs a{display:inline-block;padding:6px 14px;border:1px solid #b0b7c3;border-radius:4px;text-decoration:none}
.ev-tabs a[aria-current=page]{background:#1f4e8c;color:#fff;border-color:#1f4e8c}
.ev-meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:12px 0}
.ev-meta dt{font-weight:700}.ev-meta dd{margin:0;overflow-wrap:anywhere}
.ev-text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.8}
.ev-errors{border:2px solid #a00000;padding:8px 16px;margin:12px 0}
.ev-ok{border:2px solid #1d6b33;padding:8px 16px;margin:12px 0}
form.stack .field-error{color:#a00000;font-weight:600;margin:2px 0 8px}
@media (max-width:480px){.ev-meta{grid-template-columns:1fr}}
`;

const Styles = () => <style>{STYLE}</style>;

function href(base: string, path: string, q: Query): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const qs = s.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

function Pager(props: { ctx: PageContext; path: string; query: Query; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(Math.min(props.total, 1000) / pub.PUBLIC_PAGE_SIZE));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="分页">
      {props.page > 1 && (
        <a href={href(props.ctx.base, props.path, { ...props.query, page: String(props.page - 1) })}>
          上一页
        </a>
      )}
      <span aria-current="page">
        第{props.page}页 / 共{pages}页
      </span>
      {props.page < pages && (
        <a href={href(props.ctx.base, props.path, { ...props.query, page: String(props.page + 1) })}>
          下一页
        </a>
      )}
    </nav>
  );
}

const asPage = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 67 ? n : 1;
};
const asYear = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : undefined;
};
const asKind = (v: string | undefined): EventKind | undefined =>
  (EVENT_KINDS as readonly string[]).includes(v ?? '') ? (v as EventKind) : undefined;
const asProposalKind = (v: string | undefined): ProposalKind | undefined =>
  v === 'suggestion' || v === 'proposal' ? v : undefined;

const crumbs = (ctx: PageContext, extra: { href: string; label: string }[] = []) => [
  { href: `${ctx.base}/`, label: '首页' },
  ...extra,
];

function yearChoices(today: string): number[] {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: 6 }, (_, i) => y - i);
}

function EventListPage(props: {
  ctx: PageContext;
  query: Query;
  when: 'upcoming' | 'past';
  kind: EventKind | undefined;
  year: number | undefined;
  page: number;
  result: { items: EventRow[]; total: number };
  today: string;
}) {
  const { ctx, query, result } = props;
  const base = { kind: query.kind, year: query.year, q: query.q };
  return (
    <Layout
      ctx={ctx}
      title="新闻发布与听证"
      breadcrumbs={crumbs(ctx, [{ href: `${ctx.base}/fabu`, label: '新闻发布与听证' }])}
    >
      <Styles />
      <h1>新闻发布与听证</h1>
      <p class="hint">
        新闻发布会、政策吹风会、听证会、论证会和座谈会、政务论坛、政府开放日等活动的预告和实录。
      </p>
      <ul class="ev-tabs">
        <li>
          <a
            href={href(ctx.base, '/fabu', { ...base, when: 'upcoming' })}
            aria-current={props.when === 'upcoming' ? 'page' : undefined}
          >
            活动预告
          </a>
        </li>
        <li>
          <a
            href={href(ctx.base, '/fabu', { ...base, when: 'past' })}
            aria-current={props.when === 'past' ? 'page' : undefined}
          >
            活动实录
          </a>
        </li>
      </ul>
      <form class="filters" method="get" action={`${ctx.base}/fabu`} role="search" aria-label="筛选活动">
        <input type="hidden" name="when" value={props.when} />
        <div class="field">
          <label for="ev-kind">类别</label>
          <select id="ev-kind" name="kind">
            <option value="">全部类别</option>
            {EVENT_KINDS.map((k) => (
              <option value={k} selected={props.kind === k}>
                {EVENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="ev-year">年份</label>
          <select id="ev-year" name="year">
            <option value="">全部年份</option>
            {yearChoices(props.today).map((y) => (
              <option value={String(y)} selected={props.year === y}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <div class="field wide">
          <label for="ev-q">关键词</label>
          <input id="ev-q" name="q" value={query.q ?? ''} maxLength={60} />
        </div>
        <div class="actions">
          <button type="submit" class="button">
            查询
          </button>
        </div>
      </form>
      {result.items.length === 0 ? (
        <p class="empty">{props.when === 'upcoming' ? '暂无活动预告' : '暂无活动实录'}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">{props.when === 'upcoming' ? '活动预告' : '活动实录'}</caption>
            <thead>
              <tr>
                <th scope="col">活动</th>
                <th scope="col">类别</th>
                <th scope="col">日期</th>
                <th scope="col">地点</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
                <tr>
                  <td>
                    <a href={`${ctx.base}/fabu/${e.id}`}>{e.title}</a>
                    {registrationOpen(
                      { kind: e.kind, state: e.state, registrationDeadline: e.registration_deadline },
                      props.today,
                    ) && <span class="tag">报名中</span>}
                  </td>
                  <td class="nowrap">{EVENT_KIND_LABELS[e.kind]}</td>
                  <td class="nowrap">{e.event_date}</td>
                  <td>{e.place}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="page-info">共{result.total > 1000 ? '1000条以上' : `${result.total}条`}</p>
      <Pager
        ctx={ctx}
        path="/fabu"
        query={{ ...base, when: props.when }}
        page={props.page}
        total={result.total}
      />
    </Layout>
  );
}

interface FormState {
  values: pub.RegistrationInput;
  errors: Record<string, string>;
  captcha: IssuedCaptcha | null;
  done?: boolean;
  formError?: string;
}

function Field(props: {
  id: string;
  name: keyof pub.RegistrationInput;
  label: string;
  state: FormState;
  required?: boolean;
  type?: 'text' | 'tel' | 'email';
  textarea?: boolean;
  max: number;
}) {
  const err = props.state.errors[props.name];
  const invalid = err ? ('true' as const) : undefined;
  const describedBy = err ? `${props.id}-err` : undefined;
  return (
    <>
      <label for={props.id}>
        {props.label}
        {props.required ? '（必填）' : '（选填）'}
      </label>
      {props.textarea ? (
        <textarea
          id={props.id}
          name={props.name}
          maxLength={props.max}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          rows={4}
        >
          {props.state.values[props.name]}
        </textarea>
      ) : (
        <input
          id={props.id}
          name={props.name}
          maxLength={props.max}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- preact's input attributes are a union discriminated by `type`; a union of types matches none of its members
          type={(props.type ?? 'text') as 'text'}
          value={props.state.values[props.name]}
        />
      )}
      {err && (
        <p class="field-error" id={`${props.id}-err`}>
          {err}
        </p>
      )}
    </>
  );
}

function EventPage(props: {
  ctx: PageContext;
  event: EventRow;
  participants: { name: string; affiliation: string | null }[];
  today: string;
  form?: FormState;
}) {
  const { ctx, event: e } = props;
  const related = (JSON.parse(e.related_json) as { title: string; href: string }[]) ?? [];
  const open = registrationOpen(
    { kind: e.kind, state: e.state, registrationDeadline: e.registration_deadline },
    props.today,
  );
  const form = props.form;
  return (
    <Layout
      ctx={ctx}
      title={e.title}
      breadcrumbs={crumbs(ctx, [
        { href: `${ctx.base}/fabu`, label: '新闻发布与听证' },
        { href: `${ctx.base}/fabu/${e.id}`, label: e.title },
      ])}
    >
      <Styles />
      <article>
        <h1>{e.title}</h1>
        {e.state === 'cancelled' && (
          <p class="notice" role="status">
            本活动已取消。{e.cancel_reason ? `原因：${e.cancel_reason}` : ''}
          </p>
        )}
        <dl class="ev-meta">
          <dt>类别</dt>
          <dd>{EVENT_KIND_LABELS[e.kind]}</dd>
          <dt>时间</dt>
          <dd>
            {e.event_date}
            {e.event_time ? ` ${e.event_time}` : ''}
          </dd>
          <dt>地点</dt>
          <dd>{e.place}</dd>
          <dt>主办</dt>
          <dd>{e.host}</dd>
          {e.spokespersons && (
            <>
              <dt>发布人/出席人</dt>
              <dd class="ev-text">{e.spokespersons}</dd>
            </>
          )}
          {e.attendance !== null && e.state === 'published' && (
            <>
              <dt>参加人数</dt>
              <dd>{Number(e.attendance)}人</dd>
            </>
          )}
        </dl>
        <h2>主题</h2>
        <p class="ev-text">{e.topic}</p>
        {e.announcement && e.state !== 'published' && (
          <section aria-labelledby="ev-ann">
            <h2 id="ev-ann">{e.kind === 'hearing' ? '听证公告' : '活动预告'}</h2>
            <p class="ev-text">{e.announcement}</p>
            {e.announced_at && <p class="hint">发布日期：{chinaDateOf(e.announced_at)}</p>}
          </section>
        )}
        {e.kind === 'hearing' && e.state !== 'published' && e.registration_deadline && (
          <section aria-labelledby="ev-reg">
            <h2 id="ev-reg">参加人报名</h2>
            <p>
              报名截止日期：{e.registration_deadline}
              {e.registration_quota !== null
                ? `；名额${Number(e.registration_quota)}人，报名人数较多时遴选确定。`
                : '。'}
            </p>
            {form?.done ? (
              <div class="ev-ok" role="status">
                <p>报名已提交。遴选结果将在本页公布，并以电话通知入选的参加人。</p>
              </div>
            ) : open && form?.captcha ? (
              <form class="stack" method="post" action={`${ctx.base}/fabu/${e.id}/register`} novalidate>
                {(Object.keys(form.errors).length > 0 || form.formError) && (
                  <div class="ev-errors" role="alert">
                    <p>{form.formError ?? '报名信息有误，请按提示修改：'}</p>
                    <ul>
                      {Object.entries(form.errors).map(([k, v]) => (
                        <li>
                          <a href={`#reg-${k}`}>{v}</a>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                <Field id="reg-name" name="name" label="姓名" state={form} required max={50} />
                <Field id="reg-affiliation" name="affiliation" label="单位或身份" state={form} max={200} />
                <Field
                  id="reg-phone"
                  name="phone"
                  label="联系电话"
                  state={form}
                  required
                  type="tel"
                  max={20}
                />
                <Field id="reg-email" name="email" label="电子邮箱" state={form} type="email" max={200} />
                <Field
                  id="reg-statement"
                  name="statement"
                  label="拟陈述的主要意见"
                  state={form}
                  textarea
                  max={2000}
                />
                <CaptchaField captcha={form.captcha} error={form.errors.captcha} idPrefix="reg" />
                <p class="hint">联系方式仅用于通知遴选结果，不会公开。</p>
                <button type="submit" class="button">
                  提交报名
                </button>
              </form>
            ) : (
              <p class="notice">报名已截止。</p>
            )}
            <h3>遴选确定的参加人</h3>
            {props.participants.length === 0 ? (
              <p class="empty">尚未公布</p>
            ) : (
              <ul>
                {props.participants.map((p) => (
                  <li>
                    {p.name}
                    {p.affiliation ? `（${p.affiliation}）` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {e.state === 'published' && (
          <section aria-labelledby="ev-record">
            <h2 id="ev-record">{e.kind === 'hearing' ? '听证笔录' : '活动实录'}</h2>
            <div class="ev-text">{e.record_text}</div>
            {e.outcome && (
              <>
                <h3>活动成果</h3>
                <p class="ev-text">{e.outcome}</p>
              </>
            )}
            {e.opinions_handling && (
              <>
                <h3>意见采纳情况</h3>
                <p class="ev-text">{e.opinions_handling}</p>
              </>
            )}
            {e.video_url && (
              <p>
                <a href={e.video_url} rel="noopener">
                  观看视频
                </a>
              </p>
            )}
          </section>
        )}
        {related.length > 0 && (
          <section aria-labelledby="ev-related">
            <h2 id="ev-related">相关政策及解读</h2>
            <ul class="related">
              {related.map((r) => (
                <li>
                  <a href={r.href.startsWith('/') ? `${ctx.base}${r.href}` : r.href}>{r.title}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </Layout>
  );
}

function ProposalListPage(props: {
  ctx: PageContext;
  query: Query;
  page: number;
  result: { items: Proposal[]; total: number; years: number[] };
}) {
  const { ctx, query, result } = props;
  return (
    <Layout
      ctx={ctx}
      title="建议提案办理结果"
      breadcrumbs={crumbs(ctx, [{ href: `${ctx.base}/jianyi`, label: '建议提案办理' }])}
    >
      <Styles />
      <h1>建议提案办理结果</h1>
      <p class="hint">人大代表建议和政协委员提案的办理复文。涉及国家秘密等不宜公开的，按规定不予公开。</p>
      <form
        class="filters"
        method="get"
        action={`${ctx.base}/jianyi`}
        role="search"
        aria-label="筛选建议提案"
      >
        <div class="field">
          <label for="jy-year">年份</label>
          <select id="jy-year" name="year">
            <option value="">全部年份</option>
            {result.years.map((y) => (
              <option value={String(y)} selected={query.year === String(y)}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="jy-kind">类别</label>
          <select id="jy-kind" name="kind">
            <option value="">建议和提案</option>
            <option value="suggestion" selected={query.kind === 'suggestion'}>
              人大代表建议
            </option>
            <option value="proposal" selected={query.kind === 'proposal'}>
              政协委员提案
            </option>
          </select>
        </div>
        <div class="field wide">
          <label for="jy-q">关键词</label>
          <input id="jy-q" name="q" value={query.q ?? ''} maxLength={60} />
        </div>
        <div class="actions">
          <button type="submit" class="button">
            查询
          </button>
        </div>
      </form>
      {result.items.length === 0 ? (
        <p class="empty">暂无公开的办理结果</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">建议提案办理结果</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">类别</th>
                <th scope="col">编号</th>
                <th scope="col">答复日期</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((p) => (
                <tr>
                  <td>
                    <a href={`${ctx.base}/jianyi/${p.id}`}>{p.title}</a>
                  </td>
                  <td class="nowrap">{PROPOSAL_KIND_LABELS[p.kind]}</td>
                  <td class="nowrap">
                    {p.year}年第{p.number}号
                  </td>
                  <td class="nowrap">{p.replied_on}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        ctx={ctx}
        path="/jianyi"
        query={{ year: query.year, kind: query.kind, q: query.q }}
        page={props.page}
        total={result.total}
      />
    </Layout>
  );
}

function ProposalPage(props: { ctx: PageContext; p: Proposal }) {
  const { ctx, p } = props;
  const title = `关于${p.session}第${p.number}号${p.kind === 'suggestion' ? '建议' : '提案'}的答复`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={crumbs(ctx, [
        { href: `${ctx.base}/jianyi`, label: '建议提案办理' },
        { href: `${ctx.base}/jianyi/${p.id}`, label: p.title },
      ])}
    >
      <Styles />
      <article>
        <h1>{title}</h1>
        <dl class="ev-meta">
          <dt>建议提案标题</dt>
          <dd>{p.title}</dd>
          <dt>类别</dt>
          <dd>{PROPOSAL_KIND_LABELS[p.kind]}</dd>
          <dt>办理方式</dt>
          <dd>{p.role === 'lead' ? '主办' : '会办'}</dd>
          <dt>答复日期</dt>
          <dd>{p.replied_on}</dd>
          {p.reply_class && (
            <>
              <dt>办理结果</dt>
              <dd>{REPLY_CLASS_LABELS[p.reply_class]}</dd>
            </>
          )}
        </dl>
        <h2>{Number(p.public_is_summary) === 1 ? '答复摘要' : '答复全文'}</h2>
        <div class="ev-text">{p.public_text}</div>
      </article>
    </Layout>
  );
}

function formValues(body: Record<string, unknown>): pub.RegistrationInput {
  const s = (k: string, max: number) => (typeof body[k] === 'string' ? body[k].slice(0, max) : '');
  return {
    name: s('name', 60),
    affiliation: s('affiliation', 210),
    phone: s('phone', 30),
    email: s('email', 210),
    statement: s('statement', 2100),
  };
}

const EMPTY: pub.RegistrationInput = { name: '', affiliation: '', phone: '', email: '', statement: '' };

/** Registers the public pages and the navigation entries. */
export async function eventsPortal(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  portal.add({
    nav: (_agency, base) => [
      { href: `${base}/fabu`, label: '新闻发布与听证', group: '互动交流' },
      { href: `${base}/jianyi`, label: '建议提案办理结果', group: '政务公开' },
    ],
  });

  portalPage(app, '/fabu', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const query = req.query as Query;
    const when = query.when === 'past' ? 'past' : 'upcoming';
    const p = asPage(query.page);
    const kind = asKind(query.kind);
    const year = asYear(query.year);
    const result = await pub.publicEventList(ctx, page.agency.id, {
      when,
      page: p,
      ...(kind ? { kind } : {}),
      ...(year ? { year } : {}),
      ...(query.q ? { q: query.q } : {}),
    });
    return sendHtml(
      reply,
      renderDocument(
        <EventListPage
          ctx={page}
          query={query}
          when={when}
          kind={kind}
          year={year}
          page={p}
          result={result}
          today={todayInChina(ctx.clock)}
        />,
      ),
    );
  });

  const showEvent = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    const page = await requirePortal(c, portal, req);
    const { id } = req.params as { id: string };
    const { event, participants } = await pub.publicEvent(ctx, page.agency.id, id);
    const today = todayInChina(ctx.clock);
    const open = registrationOpen(
      { kind: event.kind, state: event.state, registrationDeadline: event.registration_deadline },
      today,
    );
    const state: FormState | undefined =
      form ??
      (open
        ? { values: EMPTY, errors: {}, captcha: await issueCaptcha(ctx, 'event-registration') }
        : undefined);
    return sendHtml(
      reply,
      renderDocument(
        <EventPage ctx={page} event={event} participants={participants} today={today} form={state} />,
      ),
      status,
    );
  };

  portalPage(app, '/fabu/:id', (req, reply) => showEvent(req, reply));

  const register = async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await requirePortal(c, portal, req);
    const { id } = req.params as { id: string };
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const refresh = captchaRefreshRequested(body);
    if (refresh)
      return showEvent(req, reply, {
        values,
        errors: {},
        captcha: await issueCaptcha(ctx, 'event-registration', refresh),
      });
    const errors = pub.registrationFieldErrors(values);
    const captchaError = await checkCaptcha(
      ctx,
      typeof body.captchaId === 'string' ? body.captchaId : '',
      typeof body.captcha === 'string' ? body.captcha : '',
      'event-registration',
    );
    if (captchaError) errors.captcha = captchaError;
    const again = async () => issueCaptcha(ctx, 'event-registration', captchaKindOf(body));
    if (Object.keys(errors).length > 0)
      return showEvent(req, reply, { values, errors, captcha: await again() }, 400);
    try {
      await pub.registerForHearing(ctx, publicActor(req.ip, req.id), page.agency.id, id, values);
      return showEvent(req, reply, { values: EMPTY, errors: {}, captcha: null, done: true });
    } catch (err) {
      if (err instanceof DomainError && err.kind !== 'not_found')
        return showEvent(
          req,
          reply,
          { values, errors: {}, captcha: await again(), formError: err.messageZh },
          err.kind === 'conflict' ? 409 : 400,
        );
      throw err;
    }
  };
  const limit = { max: 10, timeWindow: '1 minute' };
  for (const path of ['/fabu/:id/register', '/a/:code/fabu/:id/register'])
    app.post(
      path,
      { config: { access: { public: true }, rateLimit: limit }, schema: { hide: true } },
      register,
    );

  portalPage(app, '/jianyi', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const query = req.query as Query;
    const p = asPage(query.page);
    const year = asYear(query.year);
    const kind = asProposalKind(query.kind);
    const result = await pub.publicProposalList(ctx, page.agency.id, {
      page: p,
      ...(year ? { year } : {}),
      ...(kind ? { kind } : {}),
      ...(query.q ? { q: query.q } : {}),
    });
    return sendHtml(
      reply,
      renderDocument(<ProposalListPage ctx={page} query={query} page={p} result={result} />),
    );
  });

  portalPage(app, '/jianyi/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const { id } = req.params as { id: string };
    const p = await pub.publicProposal(ctx, page.agency.id, id);
    return sendHtml(reply, renderDocument(<ProposalPage ctx={page} p={p} />));
  });
}
