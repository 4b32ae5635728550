/**
 * Public portal pages of the module (server-rendered, no JavaScript): 双公示 list with filters, name
 * search (jieba tokens) and exact credit-code search, decision detail with notices, the enterprise page,
 * open data (CSV/JSON), and the 事故调查报告 / 挂牌督办 lists and details.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Type } from 'typebox';
import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { notFound } from '../../platform/errors.js';
import { todayInChina } from '../../platform/clock.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { renderDocument } from '../portal/portal.pages.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import * as service from './enforcement.service.js';
import type { Accident, Decision, Hazard, Notice } from './enforcement.repository.js';
import {
  ACCIDENT_LEVEL_LABELS,
  COUNTERPARTY_LABELS,
  formatYuan,
  KIND_LABELS,
  LEGAL_STATUS_LABELS,
  publicCounterpartyName,
  RECTIFICATION_LABELS,
} from './enforcement.rules.js';
import type { DecisionKind } from './enforcement.tables.js';

const CSS = readFileSync(new URL('./assets/enforcement.css', import.meta.url));

const Styles = () => <link rel="stylesheet" href="/static/enforcement.css" />;

type Query = Record<string, string | undefined>;

function href(base: string, path: string, q: Query): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const qs = s.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

function Pager(props: {
  ctx: PageContext;
  path: string;
  query: Query;
  page: number;
  total: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  const shown = [
    ...new Set([1, props.page - 2, props.page - 1, props.page, props.page + 1, props.page + 2, pages]),
  ]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="分页">
      {props.page > 1 && (
        <a href={href(props.ctx.base, props.path, { ...props.query, page: String(props.page - 1) })}>
          上一页
        </a>
      )}
      {shown.map((p) =>
        p === props.page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(props.ctx.base, props.path, { ...props.query, page: String(p) })}>{p}</a>
        ),
      )}
      {props.page < pages && (
        <a href={href(props.ctx.base, props.path, { ...props.query, page: String(props.page + 1) })}>
          下一页
        </a>
      )}
    </nav>
  );
}

const yearOptions = (today: string) => {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: 8 }, (_, i) => String(y - i));
};

function StatusTag({ status }: { status: Decision['legal_status'] }) {
  return <span class={`gk-status gk-status-${status}`}>{LEGAL_STATUS_LABELS[status]}</span>;
}

const crumbs = (ctx: PageContext, extra: { href: string; label: string }[] = []) => [
  { href: `${ctx.base}/`, label: '首页' },
  { href: `${ctx.base}/shuanggongshi`, label: '双公示' },
  ...extra,
];

function DecisionTable({ ctx, items }: { ctx: PageContext; items: Decision[] }) {
  return (
    <table class="data gk-decisions">
      <caption class="visually-hidden">行政许可、行政处罚和行政强制决定</caption>
      <thead>
        <tr>
          <th scope="col">类别</th>
          <th scope="col">决定文号</th>
          <th scope="col">行政相对人</th>
          <th scope="col">决定日期</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr>
            <td>{KIND_LABELS[d.kind]}</td>
            <td>
              <a href={`${ctx.base}/shuanggongshi/${d.id}`}>{d.decision_number}</a>
            </td>
            <td>{publicCounterpartyName(d.counterparty_type, d.counterparty_name)}</td>
            <td>
              <time dateTime={d.decision_date}>{d.decision_date}</time>
            </td>
            <td>
              <StatusTag status={d.legal_status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ListPage(props: {
  ctx: PageContext;
  query: Query;
  items: Decision[];
  total: number;
  page: number;
  notices: (Notice & { decision_number: string })[];
  codeProblem: string | null;
  today: string;
}) {
  const { ctx, query } = props;
  const searching = Boolean(query.name || query.code);
  return (
    <Layout ctx={ctx} title="双公示" breadcrumbs={crumbs(ctx)}>
      <Styles />
      <h1>行政许可和行政处罚等信用信息公示（双公示）</h1>
      <p class="muted">
        本栏目公示本机关作出的行政许可、行政处罚和行政强制决定。自然人姓名只显示姓氏；公示期届满的信息不再公示。
      </p>
      <form
        class="gk-filters"
        method="get"
        action={`${ctx.base}/shuanggongshi`}
        role="search"
        aria-label="双公示查询"
      >
        <FilterSelect
          id="f-kind"
          name="kind"
          label="决定类别"
          options={Object.entries(KIND_LABELS)}
          selected={query.kind}
        />
        <FilterSelect
          id="f-year"
          name="year"
          label="年度"
          options={yearFilterOptions(props.today)}
          selected={query.year}
        />
        <div>
          <label for="f-name">企业名称</label>
          <input
            id="f-name"
            name="name"
            type="search"
            value={query.name ?? ''}
            placeholder="如：化工"
            maxLength={50}
          />
        </div>
        <div>
          <label for="f-code">统一社会信用代码</label>
          <input
            id="f-code"
            name="code"
            type="search"
            value={query.code ?? ''}
            maxLength={18}
            inputMode="text"
          />
        </div>
        <div class="gk-filter-actions">
          <button type="submit">查询</button>
          <a href={`${ctx.base}/shuanggongshi`}>重置</a>
        </div>
      </form>
      {props.codeProblem && (
        <p class="gk-warning" role="alert">
          {props.codeProblem}
        </p>
      )}
      <p aria-live="polite">
        {searching ? '查询到' : '共'} <strong>{props.total}</strong> 条公示信息
      </p>
      {props.items.length === 0 ? (
        <p class="empty">没有符合条件的公示信息。</p>
      ) : (
        <DecisionTable ctx={ctx} items={props.items} />
      )}
      <Pager
        ctx={ctx}
        path="/shuanggongshi"
        query={query}
        page={props.page}
        total={props.total}
        pageSize={20}
      />
      {props.notices.length > 0 && (
        <section class="card gk-notices" aria-labelledby="notices-h">
          <h2 id="notices-h">更正、撤销公告</h2>
          <ul class="item-list">
            {props.notices.map((n) => (
              <li>
                <a href={`${ctx.base}/shuanggongshi/${n.decision_id}`}>{n.title}</a>
                <time dateTime={n.published_at.slice(0, 10)}>{n.published_at.slice(0, 10)}</time>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="open-data-h">
        <h2 id="open-data-h">开放数据</h2>
        <p>
          下载本机关正在公示的全部决定（自然人姓名已隐去）：
          <a href={href(ctx.base, '/shuanggongshi/open-data.csv', { kind: query.kind, year: query.year })}>
            CSV 格式
          </a>
          {'　'}
          <a href={href(ctx.base, '/shuanggongshi/open-data.json', { kind: query.kind, year: query.year })}>
            JSON 格式
          </a>
        </p>
      </section>
    </Layout>
  );
}

function DecisionFields({ d, ctx, agencyName }: { d: Decision; ctx: PageContext; agencyName: string }) {
  const p = service.toPublicDecision(d, agencyName);
  const rows: [string, preact.ComponentChildren][] = [
    ['决定类别', p.kindLabel],
    ['决定文号', p.decisionNumber],
    ['行政相对人类别', COUNTERPARTY_LABELS[p.counterpartyType]],
    ['行政相对人名称', p.counterpartyName],
    [
      '统一社会信用代码',
      p.creditCode ? (
        <a href={`${ctx.base}/shuanggongshi/enterprise/${p.creditCode}`}>{p.creditCode}</a>
      ) : null,
    ],
    ['法定代表人', p.legalRepresentative],
    ['事项名称', p.itemName],
    ['决定依据', p.legalBasis],
    [d.kind === 'license' ? '许可内容' : d.kind === 'penalty' ? '处罚内容' : '强制措施内容', p.content],
    ['罚款金额（元）', d.fine_fen !== null ? formatYuan(d.fine_fen) : null],
    ['没收违法所得（元）', d.confiscation_fen !== null ? formatYuan(d.confiscation_fen) : null],
    ['有效期', p.validFrom || p.validTo ? `${p.validFrom ?? ''} 至 ${p.validTo ?? ''}` : null],
    ['决定日期', p.decisionDate],
    ['决定机关', agencyName],
    ['当前状态', <StatusTag status={d.legal_status} />],
    ['公示日期', p.publishedOn],
    ['公示截止日期', p.publicUntil ?? '长期公示'],
  ];
  return (
    <table class="data gk-fields">
      <tbody>
        {rows
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function DecisionPage({ ctx, d, notices }: { ctx: PageContext; d: Decision; notices: Notice[] }) {
  const title = `${KIND_LABELS[d.kind]}决定 ${d.decision_number}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={crumbs(ctx, [{ href: `${ctx.base}/shuanggongshi/${d.id}`, label: d.decision_number }])}
    >
      <Styles />
      <h1>{title}</h1>
      {notices.map((n) => (
        <section class="gk-notice" aria-label={n.title}>
          <h2>{n.title}</h2>
          <p>{n.body}</p>
          <p class="muted">发布日期：{n.published_at.slice(0, 10)}</p>
        </section>
      ))}
      <DecisionFields d={d} ctx={ctx} agencyName={ctx.agency.name} />
      <p>
        <a href={`${ctx.base}/shuanggongshi`}>返回双公示列表</a>
      </p>
    </Layout>
  );
}

function EnterprisePage(props: { ctx: PageContext; code: string; decisions: Decision[]; hazards: Hazard[] }) {
  const { ctx } = props;
  const name = props.decisions[0]?.counterparty_name ?? props.hazards[0]?.enterprise_name ?? props.code;
  return (
    <Layout
      ctx={ctx}
      title={`${name} 信用信息`}
      breadcrumbs={crumbs(ctx, [{ href: `${ctx.base}/shuanggongshi/enterprise/${props.code}`, label: name }])}
    >
      <Styles />
      <h1>{name}</h1>
      <p>统一社会信用代码：{props.code}</p>
      <h2>行政许可、行政处罚和行政强制决定（{props.decisions.length}）</h2>
      {props.decisions.length === 0 ? (
        <p class="empty">本机关没有正在公示的有关该主体的决定。</p>
      ) : (
        <DecisionTable ctx={ctx} items={props.decisions} />
      )}
      {props.hazards.length > 0 && (
        <>
          <h2>挂牌督办重大事故隐患（{props.hazards.length}）</h2>
          <HazardTable ctx={ctx} items={props.hazards} />
        </>
      )}
    </Layout>
  );
}

/** A labelled filter select with an 全部 option (事故等级, 整改状态, 年度…). */
function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  options: [value: string, label: string][];
  selected: string | undefined;
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">全部</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.selected === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

const yearFilterOptions = (today: string): [string, string][] => yearOptions(today).map((y) => [y, `${y}年`]);

/** The list page of 事故调查报告 or 挂牌督办: filters, count, table or empty note, pager. */
function RecordListPage(props: {
  ctx: PageContext;
  query: Query;
  path: string;
  section: string;
  heading: string;
  filters: ComponentChildren;
  count: ComponentChildren;
  empty: string;
  hasItems: boolean;
  table: ComponentChildren;
  total: number;
  page: number;
}) {
  const { ctx, query } = props;
  return (
    <Layout
      ctx={ctx}
      title={props.section}
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}${props.path}`, label: props.section },
      ]}
    >
      <Styles />
      <h1>{props.heading}</h1>
      <form
        class="gk-filters"
        method="get"
        action={`${ctx.base}${props.path}`}
        aria-label={`${props.section}筛选`}
      >
        {props.filters}
        <div class="gk-filter-actions">
          <button type="submit">筛选</button>
        </div>
      </form>
      <p>{props.count}</p>
      {props.hasItems ? props.table : <p class="empty">{props.empty}</p>}
      <Pager ctx={ctx} path={props.path} query={query} page={props.page} total={props.total} pageSize={20} />
    </Layout>
  );
}

/** The detail page of one accident report or hazard: field table, then the text sections. */
function RecordDetailPage(props: {
  ctx: PageContext;
  path: string;
  section: string;
  title: string;
  rows: [string, string | null][];
  children: ComponentChildren;
}) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      title={props.title}
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}${props.path}`, label: props.section },
      ]}
    >
      <Styles />
      <h1>{props.title}</h1>
      <table class="data gk-fields">
        <tbody>
          {props.rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <tr>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {props.children}
    </Layout>
  );
}

function AccidentsPage(props: {
  ctx: PageContext;
  query: Query;
  items: Accident[];
  total: number;
  page: number;
  today: string;
}) {
  const { ctx, query } = props;
  return (
    <RecordListPage
      ctx={ctx}
      query={query}
      path="/shigu"
      section="事故调查报告"
      heading="生产安全事故调查报告"
      filters={
        <>
          <FilterSelect
            id="f-level"
            name="level"
            label="事故等级"
            options={Object.entries(ACCIDENT_LEVEL_LABELS)}
            selected={query.level}
          />
          <FilterSelect
            id="f-year"
            name="year"
            label="发生年度"
            options={yearFilterOptions(props.today)}
            selected={query.year}
          />
        </>
      }
      count={<>共 {props.total} 份报告</>}
      empty="没有符合条件的事故调查报告。"
      hasItems={props.items.length > 0}
      table={
        <table class="data">
          <thead>
            <tr>
              <th scope="col">报告名称</th>
              <th scope="col">事故等级</th>
              <th scope="col">发生日期</th>
              <th scope="col">死亡/受伤（人）</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((a) => (
              <tr>
                <td>
                  <a href={`${ctx.base}/shigu/${a.id}`}>{a.title}</a>
                </td>
                <td>{ACCIDENT_LEVEL_LABELS[a.level]}</td>
                <td>{a.occurred_on}</td>
                <td>
                  {a.deaths}/{a.injuries}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      total={props.total}
      page={props.page}
    />
  );
}

function AccidentPage({ ctx, a }: { ctx: PageContext; a: Accident }) {
  const rows: [string, string | null][] = [
    ['事故等级', ACCIDENT_LEVEL_LABELS[a.level]],
    ['发生日期', a.occurred_on],
    ['发生地点', a.place],
    ['事故发生单位', a.enterprise_name],
    ['统一社会信用代码', a.credit_code],
    ['死亡人数', `${a.deaths}人`],
    ['受伤人数', `${a.injuries}人`],
    ['直接经济损失', `${formatYuan(a.direct_loss_fen)}元`],
    ['批复日期', a.approved_on],
  ];
  return (
    <RecordDetailPage ctx={ctx} path="/shigu" section="事故调查报告" title={a.title} rows={rows}>
      <h2>事故经过</h2>
      <div class="gk-text">{a.summary}</div>
      <h2>事故原因和性质（调查结论）</h2>
      <div class="gk-text">{a.conclusions}</div>
      <h2>责任认定及处理建议</h2>
      <div class="gk-text">{a.responsibility_handling}</div>
    </RecordDetailPage>
  );
}

function HazardTable({ ctx, items }: { ctx: PageContext; items: Hazard[] }) {
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">隐患名称</th>
          <th scope="col">企业名称</th>
          <th scope="col">挂牌日期</th>
          <th scope="col">整改期限</th>
          <th scope="col">整改状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((h) => (
          <tr>
            <td>
              <a href={`${ctx.base}/guapai/${h.id}`}>{h.title}</a>
            </td>
            <td>{h.enterprise_name}</td>
            <td>{h.listed_on}</td>
            <td>{h.deadline}</td>
            <td>
              {RECTIFICATION_LABELS[h.rectification_status]}
              {h.delisted_on ? `（${h.delisted_on}销号）` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HazardsPage(props: {
  ctx: PageContext;
  query: Query;
  items: Hazard[];
  total: number;
  page: number;
  today: string;
}) {
  const { ctx, query } = props;
  return (
    <RecordListPage
      ctx={ctx}
      query={query}
      path="/guapai"
      section="挂牌督办"
      heading="重大事故隐患挂牌督办"
      filters={
        <>
          <FilterSelect
            id="f-status"
            name="status"
            label="整改状态"
            options={Object.entries(RECTIFICATION_LABELS)}
            selected={query.status}
          />
          <FilterSelect
            id="f-year"
            name="year"
            label="挂牌年度"
            options={yearFilterOptions(props.today)}
            selected={query.year}
          />
          <div>
            <label for="f-q">企业或隐患名称</label>
            <input id="f-q" name="q" type="search" value={query.q ?? ''} maxLength={50} />
          </div>
        </>
      }
      count={<>共 {props.total} 项</>}
      empty="没有符合条件的挂牌督办隐患。"
      hasItems={props.items.length > 0}
      table={<HazardTable ctx={ctx} items={props.items} />}
      total={props.total}
      page={props.page}
    />
  );
}

function HazardPage({ ctx, h }: { ctx: PageContext; h: Hazard }) {
  const rows: [string, string | null][] = [
    ['企业名称', h.enterprise_name],
    ['统一社会信用代码', h.credit_code],
    ['挂牌日期', h.listed_on],
    ['整改期限', h.deadline],
    ['督办责任单位', h.responsible_unit],
    ['整改状态', RECTIFICATION_LABELS[h.rectification_status]],
    ['销号日期', h.delisted_on],
  ];
  return (
    <RecordDetailPage ctx={ctx} path="/guapai" section="挂牌督办" title={h.title} rows={rows}>
      <h2>隐患情况</h2>
      <div class="gk-text">{h.description}</div>
      {h.measures && (
        <>
          <h2>整改措施</h2>
          <div class="gk-text">{h.measures}</div>
        </>
      )}
    </RecordDetailPage>
  );
}

const ListQ = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  year: Type.Optional(Type.String({ maxLength: 4 })),
  name: Type.Optional(Type.String({ maxLength: 50 })),
  code: Type.Optional(Type.String({ maxLength: 30 })),
  level: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
});

const asKind = (k?: string): DecisionKind | undefined =>
  k === 'license' || k === 'penalty' || k === 'coercion' ? k : undefined;
const asYear = (y?: string): number | undefined => (y && /^\d{4}$/.test(y) ? Number(y) : undefined);
const asPage = (p?: string): number => Math.min(10000, Math.max(1, Number(p) || 1));

/** Registers the portal pages, nav entries, the home block and the stylesheet. */
export async function enforcementPortal(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  portal.add({
    nav: (_agency, base) => [
      { href: `${base}/shuanggongshi`, label: '双公示' },
      { href: `${base}/shigu`, label: '事故调查报告' },
      { href: `${base}/guapai`, label: '挂牌督办' },
    ],
    homeBlocks: async (agency, base) => {
      const { items } = await service.publicDecisions(ctx, agency.id, { pageSize: 6 });
      return [
        {
          title: '双公示',
          moreHref: `${base}/shuanggongshi`,
          emptyText: '暂无公示信息',
          items: items.map((d) => ({
            href: `${base}/shuanggongshi/${d.id}`,
            title: `${KIND_LABELS[d.kind]}：${publicCounterpartyName(d.counterparty_type, d.counterparty_name)}`,
            date: d.decision_date,
          })),
        },
      ];
    },
  });

  app.get('/static/enforcement.css', {
    config: { access: PUBLIC },
    schema: { hide: true },
    handler: async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  });

  const q = (req: FastifyRequest) => req.query as Query;

  portalPage(
    app,
    '/shuanggongshi',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const query = q(req);
      const kind = asKind(query.kind);
      let codeProblem: string | null = null;
      if (query.code?.trim()) {
        const r = validateCreditCode(query.code);
        if (!r.ok) codeProblem = `输入的统一社会信用代码不正确：${r.messageZh}`;
      }
      const p = asPage(query.page);
      const result = codeProblem
        ? { items: [], total: 0 }
        : await service.publicDecisions(ctx, page.agency.id, {
            kind,
            year: asYear(query.year),
            name: query.name,
            creditCode: query.code,
            page: p,
          });
      const notices = await service.enforcementRepository.publicNotices(ctx.db, page.agency.id, 5);
      return sendHtml(
        reply,
        renderDocument(
          <ListPage
            ctx={page}
            query={{ kind, year: query.year, name: query.name?.trim(), code: query.code?.trim() }}
            items={result.items}
            total={result.total}
            page={p}
            notices={notices}
            codeProblem={codeProblem}
            today={todayInChina(ctx.clock)}
          />,
        ),
      );
    },
    { querystring: ListQ },
  );

  const openData = async (req: FastifyRequest, format: 'csv' | 'json') => {
    const page = await requirePortal(c, portal, req);
    const query = q(req);
    const rows = service.openDataDecisions(ctx, page.agency.id, {
      kind: asKind(query.kind),
      year: asYear(query.year),
    });
    const name = page.agency.name;
    if (format === 'json') {
      return Readable.from(
        (async function* () {
          yield '{"agency":' + JSON.stringify(name) + ',"decisions":[';
          let first = true;
          for await (const d of rows) {
            yield (first ? '' : ',') + JSON.stringify(service.toPublicDecision(d, name));
            first = false;
          }
          yield ']}';
        })(),
      );
    }
    const csv = stringify({
      header: true,
      bom: true,
      columns: [
        { key: 'kindLabel', header: '决定类别' },
        { key: 'decisionNumber', header: '决定文号' },
        { key: 'counterpartyName', header: '行政相对人名称' },
        { key: 'creditCode', header: '统一社会信用代码' },
        { key: 'legalRepresentative', header: '法定代表人' },
        { key: 'itemName', header: '事项名称' },
        { key: 'legalBasis', header: '决定依据' },
        { key: 'content', header: '决定内容' },
        { key: 'fineYuan', header: '罚款金额（元）' },
        { key: 'confiscationYuan', header: '没收违法所得（元）' },
        { key: 'validFrom', header: '有效期自' },
        { key: 'validTo', header: '有效期至' },
        { key: 'decisionDate', header: '决定日期' },
        { key: 'legalStatusLabel', header: '状态' },
        { key: 'publishedOn', header: '公示日期' },
        { key: 'publicUntil', header: '公示截止日期' },
        { key: 'agency', header: '决定机关' },
      ],
    });
    void (async () => {
      try {
        for await (const d of rows)
          if (!csv.write(service.toPublicDecision(d, name))) await new Promise((r) => csv.once('drain', r));
        csv.end();
      } catch (err) {
        csv.destroy(err as Error);
      }
    })();
    return csv;
  };
  portalPage(
    app,
    '/shuanggongshi/open-data.csv',
    async (req, reply) => {
      const body = await openData(req, 'csv');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="shuanggongshi.csv"`)
        .send(body);
    },
    { querystring: ListQ },
  );
  portalPage(
    app,
    '/shuanggongshi/open-data.json',
    async (req, reply) => reply.type('application/json; charset=utf-8').send(await openData(req, 'json')),
    { querystring: ListQ },
  );

  portalPage(app, '/shuanggongshi/enterprise/:creditCode', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const raw = (req.params as { creditCode: string }).creditCode;
    const r = validateCreditCode(raw);
    if (!r.ok) throw notFound('enterprise', '统一社会信用代码不正确');
    const { decisions, hazards } = await service.enterpriseRecord(ctx, page.agency.id, r.normalized);
    if (decisions.length === 0 && hazards.length === 0) throw notFound('enterprise', '没有该主体的公示信息');
    return sendHtml(
      reply,
      renderDocument(
        <EnterprisePage ctx={page} code={r.normalized} decisions={decisions} hazards={hazards} />,
      ),
    );
  });

  portalPage(app, '/shuanggongshi/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const found = await service.publicDecision(ctx, page.agency.id, (req.params as { id: string }).id);
    if (!found) throw notFound('decision', '该公示信息不存在或已过公示期');
    return sendHtml(
      reply,
      renderDocument(<DecisionPage ctx={page} d={found.decision} notices={found.notices} />),
    );
  });

  portalPage(
    app,
    '/shigu',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const query = q(req);
      const p = asPage(query.page);
      const level = query.level && query.level in ACCIDENT_LEVEL_LABELS ? query.level : undefined;
      const r = await service.publicAccidents(ctx, page.agency.id, {
        level,
        year: asYear(query.year),
        page: p,
      });
      return sendHtml(
        reply,
        renderDocument(
          <AccidentsPage
            ctx={page}
            query={{ level, year: query.year }}
            items={r.items}
            total={r.total}
            page={p}
            today={todayInChina(ctx.clock)}
          />,
        ),
      );
    },
    { querystring: ListQ },
  );
  portalPage(app, '/shigu/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const a = await service.publicAccident(ctx, page.agency.id, (req.params as { id: string }).id);
    if (!a) throw notFound('accident', '该事故调查报告不存在');
    return sendHtml(reply, renderDocument(<AccidentPage ctx={page} a={a} />));
  });
  portalPage(
    app,
    '/guapai',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const query = q(req);
      const p = asPage(query.page);
      const status = query.status && query.status in RECTIFICATION_LABELS ? query.status : undefined;
      const r = await service.publicHazards(ctx, page.agency.id, {
        status,
        year: asYear(query.year),
        q: query.q?.trim() || undefined,
        page: p,
      });
      return sendHtml(
        reply,
        renderDocument(
          <HazardsPage
            ctx={page}
            query={{ status, year: query.year, q: query.q }}
            items={r.items}
            total={r.total}
            page={p}
            today={todayInChina(ctx.clock)}
          />,
        ),
      );
    },
    { querystring: ListQ },
  );
  portalPage(app, '/guapai/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const h = await service.publicHazard(ctx, page.agency.id, (req.params as { id: string }).id);
    if (!h) throw notFound('hazard', '该挂牌督办信息不存在');
    return sendHtml(reply, renderDocument(<HazardPage ctx={page} h={h} />));
  });
}
