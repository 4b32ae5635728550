/**
 * Public portal pages (server-rendered, no JavaScript): enterprise search (name words, exact credit code,
 * area, industry, category), the enterprise page (licences, 双公示 decisions, accident reports, hazards
 * under 挂牌督办, published inspections, credit rating with its reasons, 失信名单 status), the 严重失信主体名单,
 * the 双随机 plans and results, and open data (CSV/JSON) of the public fields. Personal data (legal
 * representative, contacts) never appears here.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import type { Container } from '../../container.js';
import { todayInChina } from '../../platform/clock.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { renderDocument } from '../portal/portal.pages.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import { PUBLIC } from '../../http/access.js';
import { registerAccount } from './accounts.service.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import {
  ACCIDENT_LEVEL_LABELS,
  formatYuan,
  KIND_LABELS,
  RECTIFICATION_LABELS,
} from '../enforcement/enforcement.rules.js';
import { industryDivisions, industryPath, regionName } from './codes.js';
import { creditOf, publicListings } from './credit.service.js';
import { GRADE_LABELS, LISTING_RULES, listingPeriod, listingPhase } from './credit.rules.js';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  LICENCE_STATE_LABELS,
  safeCell,
  SCALE_LABELS,
} from './enterprises.rules.js';
import * as repo from './enterprises.repository.js';
import type { Enterprise } from './enterprises.repository.js';
import { linkedRecords, searchFilter, toLicenceView } from './enterprises.service.js';
import { inspectorNames, listInspections, listPlans } from './inspections.service.js';
import type { SupervisionCategory } from './enterprises.tables.js';

type Query = Record<string, string | undefined>;
const RESULT_LABELS = { compliant: '未发现问题', rectify: '责令整改', penalty: '行政处罚' } as const;

const crumbs = (ctx: PageContext, extra: { href: string; label: string }[] = []) => [
  { href: `${ctx.base}/`, label: '首页' },
  { href: `${ctx.base}/qiye`, label: '企业信用' },
  ...extra,
];

function href(base: string, path: string, q: Query): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const qs = s.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

/** The public fields of an enterprise (open data and the enterprise page). */
export function publicEnterprise(e: Enterprise) {
  return {
    creditCode: e.credit_code,
    name: e.name,
    formerNames: (JSON.parse(e.former_names) as string[]).join('；'),
    region: regionName(e.region_code) ?? e.region_code,
    regionCode: e.region_code,
    industryCode: e.industry_code,
    industry: industryPath(e.industry_code),
    category: CATEGORY_LABELS[e.category],
    scale: SCALE_LABELS[e.scale],
    supervisingUnit: e.supervising_unit,
  };
}

function SearchPage(props: {
  ctx: PageContext;
  query: Query;
  items: Enterprise[];
  total: number;
  more: boolean;
  problem: string | null;
  page: number;
}) {
  const { ctx, query } = props;
  const searched = Boolean(query.q || query.code || query.region || query.industry || query.category);
  return (
    <Layout ctx={ctx} title="企业信用信息查询" breadcrumbs={crumbs(ctx)}>
      <h1>企业信用信息查询</h1>
      <p>
        查询本机关监管企业的许可、处罚、事故、挂牌督办、双随机抽查结果和安全生产信用评级。另见
        <a href={`${ctx.base}/qiye/shixin`}>安全生产严重失信主体名单</a>和
        <a href={`${ctx.base}/qiye/choucha`}>双随机抽查计划与结果</a>。企业可在此
        <a href={`${ctx.base}/qiye/zhuce`}>注册企业用户</a>。
      </p>
      <form method="get" action={`${ctx.base}/qiye`} class="card stack" role="search">
        <p>
          <label for="q">企业名称关键词</label> <input id="q" name="q" value={query.q ?? ''} maxLength={50} />
        </p>
        <p>
          <label for="code">统一社会信用代码</label>{' '}
          <input id="code" name="code" value={query.code ?? ''} maxLength={18} />
        </p>
        <p>
          <label for="region">行政区划代码</label>{' '}
          <input id="region" name="region" value={query.region ?? ''} maxLength={6} inputMode="numeric" />
        </p>
        <p>
          <label for="industry">行业</label>{' '}
          <select id="industry" name="industry">
            <option value="">全部</option>
            {industryDivisions()
              .filter((i) => i.code.length === 2)
              .map((i) => (
                <option value={i.code} selected={query.industry === i.code}>{`${i.code} ${i.name}`}</option>
              ))}
          </select>
        </p>
        <p>
          <label for="category">监管类别</label>{' '}
          <select id="category" name="category">
            <option value="">全部</option>
            {CATEGORIES.map((c) => (
              <option value={c} selected={query.category === c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">查询</button>
      </form>
      {props.problem && (
        <p role="alert" class="error">
          {props.problem}
        </p>
      )}
      {searched && !props.problem && (
        <section aria-labelledby="result-h">
          <h2 id="result-h">查询结果（{props.more ? `${props.total}家以上` : `${props.total}家`}）</h2>
          {props.items.length === 0 ? (
            <p class="empty">没有符合条件的企业。</p>
          ) : (
            <ul class="list">
              {props.items.map((e) => (
                <li>
                  <a href={`${ctx.base}/qiye/${e.credit_code}`}>{e.name}</a>{' '}
                  <span class="muted">
                    {e.credit_code} · {regionName(e.region_code) ?? e.region_code} ·{' '}
                    {CATEGORY_LABELS[e.category]}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {props.items.length === 20 && (
            <p>
              <a href={href(ctx.base, '/qiye', { ...query, page: String(props.page + 1) })}>下一页</a>
            </p>
          )}
        </section>
      )}
      <section class="card" aria-labelledby="open-h">
        <h2 id="open-h">开放数据</h2>
        <p>
          企业名录公开字段：<a href={`${ctx.base}/qiye/open-data.csv`}>CSV</a> ·{' '}
          <a href={`${ctx.base}/qiye/open-data.json`}>JSON</a>
          （不含法定代表人、联系人等个人信息）
        </p>
      </section>
    </Layout>
  );
}

type Links = Awaited<ReturnType<typeof linkedRecords>>;

function EnterprisePage(props: {
  ctx: PageContext;
  e: Enterprise;
  licences: ReturnType<typeof toLicenceView>[];
  links: Links;
  inspections: repo.Inspection[];
  inspectors: Map<string, string>;
  credit: { grade: 'A' | 'B' | 'C' | 'D'; reasons: string[] };
  listing: repo.Listing | undefined;
  /** China date the page is rendered on (the listing's phase depends on it) */
  today: string;
}) {
  const { ctx, e } = props;
  const p = publicEnterprise(e);
  return (
    <Layout
      ctx={ctx}
      title={`${e.name} 企业信用信息`}
      breadcrumbs={crumbs(ctx, [{ href: `${ctx.base}/qiye/${e.credit_code}`, label: e.name }])}
    >
      <h1>{e.name}</h1>
      <dl class="meta">
        <dt>统一社会信用代码</dt>
        <dd>{p.creditCode}</dd>
        {p.formerNames && (
          <>
            <dt>曾用名</dt>
            <dd>{p.formerNames}</dd>
          </>
        )}
        <dt>所在地区</dt>
        <dd>{p.region}</dd>
        <dt>行业</dt>
        <dd>{p.industry}</dd>
        <dt>监管类别</dt>
        <dd>{p.category}</dd>
        <dt>企业规模</dt>
        <dd>{p.scale}</dd>
        <dt>属地监管单位</dt>
        <dd>{p.supervisingUnit}</dd>
      </dl>
      <section aria-labelledby="credit-h" class="card">
        <h2 id="credit-h">安全生产信用评级：{GRADE_LABELS[props.credit.grade]}</h2>
        <p>评级依据：</p>
        <ul>
          {props.credit.reasons.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
        {props.listing &&
          props.listing.decided_on &&
          listingPhase({ status: props.listing.status, listUntil: props.listing.list_until }, props.today) ===
            'listed' && (
            <p role="note">
              已列入安全生产严重失信主体名单（决定文号{props.listing.decision_number}，管理期
              {props.listing.decided_on}至{props.listing.list_until}，期满移出并停止公示；列入满
              {LISTING_RULES.repairAfterMonths}个月后，即{listingPeriod(props.listing.decided_on).repairFrom}
              起，符合条件的可申请信用修复、提前移出）。
            </p>
          )}
      </section>
      <h2>许可证（{props.licences.length}）</h2>
      {props.licences.length === 0 ? (
        <p class="empty">未登记许可证。</p>
      ) : (
        <div
          class="table-scroll"
          style="overflow-x:auto"
          tabIndex={0}
          role="region"
          aria-label="表格（可左右滚动）"
        >
          <table class="data">
            <thead>
              <tr>
                <th scope="col">种类</th>
                <th scope="col">编号</th>
                <th scope="col">许可范围</th>
                <th scope="col">有效期</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {props.licences.map((l) => (
                <tr>
                  <td>{l.kind}</td>
                  <td>{l.number}</td>
                  <td>{l.scope}</td>
                  <td>
                    {l.validFrom}至{l.validTo}
                  </td>
                  <td>{LICENCE_STATE_LABELS[l.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>行政许可、行政处罚和行政强制决定（{props.links.decisions.length}）</h2>
      {props.links.decisions.length === 0 ? (
        <p class="empty">没有正在公示的决定。</p>
      ) : (
        <ul class="list">
          {props.links.decisions.map((d) => (
            <li>
              <a href={`${ctx.base}/shuanggongshi/${d.id}`}>
                {KIND_LABELS[d.kind]} {d.decisionNumber}
              </a>{' '}
              <span class="muted">
                {d.decisionDate}
                {d.fineFen ? ` · 罚款${formatYuan(d.fineFen)}元` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>生产安全事故调查报告（{props.links.accidents.length}）</h2>
      {props.links.accidents.length === 0 ? (
        <p class="empty">没有公开的事故调查报告。</p>
      ) : (
        <ul class="list">
          {props.links.accidents.map((a) => (
            <li>
              <a href={`${ctx.base}/shigu/${a.id}`}>{a.title}</a>{' '}
              <span class="muted">
                {a.occurredOn} · {ACCIDENT_LEVEL_LABELS[a.level]}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>挂牌督办重大事故隐患（{props.links.supervisedHazards.length}）</h2>
      {props.links.supervisedHazards.length === 0 ? (
        <p class="empty">没有挂牌督办的隐患。</p>
      ) : (
        <ul class="list">
          {props.links.supervisedHazards.map((h) => (
            <li>
              <a href={`${ctx.base}/guapai/${h.id}`}>{h.title}</a>{' '}
              <span class="muted">
                挂牌{h.listedOn} · 整改期限{h.deadline} · {RECTIFICATION_LABELS[h.rectificationStatus]}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>双随机抽查结果（{props.inspections.length}）</h2>
      {props.inspections.length === 0 ? (
        <p class="empty">没有公开的抽查结果。</p>
      ) : (
        <div
          class="table-scroll"
          style="overflow-x:auto"
          tabIndex={0}
          role="region"
          aria-label="表格（可左右滚动）"
        >
          <table class="data">
            <thead>
              <tr>
                <th scope="col">检查日期</th>
                <th scope="col">执法人员</th>
                <th scope="col">检查事项</th>
                <th scope="col">检查情况</th>
                <th scope="col">发现隐患</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {props.inspections.map((i) => (
                <tr>
                  <td>{i.inspected_on}</td>
                  <td>
                    {(JSON.parse(i.inspector_ids) as string[])
                      .map((id) => props.inspectors.get(id) ?? '')
                      .join('、')}
                  </td>
                  <td>{i.items_checked}</td>
                  <td>{i.findings}</td>
                  <td>{i.hazards_found}</td>
                  <td>
                    {RESULT_LABELS[i.result]}
                    {i.penalty_decision_number ? `（${i.penalty_decision_number}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

const REG_FIELDS = [
  ['creditCode', '统一社会信用代码', 18, 'text'],
  ['enterpriseName', '企业名称（与营业执照一致）', 200, 'text'],
  ['applicantName', '申请人姓名', 100, 'text'],
  ['mobile', '手机号码', 11, 'tel'],
  ['username', '用户名（3—64位字母、数字、点、下划线或连字符）', 64, 'text'],
  ['password', '密码（至少8位，含大小写字母、数字和符号中的三类）', 128, 'password'],
] as const;

function RegisterPage(props: { ctx: PageContext; values: Query; error: string | null; done: boolean }) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      title="企业用户注册"
      breadcrumbs={crumbs(ctx, [{ href: `${ctx.base}/qiye/zhuce`, label: '企业用户注册' }])}
    >
      <h1>企业用户注册</h1>
      {props.done ? (
        <p role="status">注册申请已提交。监管部门审核通过后即可登录管理后台的“企业专区”。</p>
      ) : (
        <>
          <p>
            本机关监管企业名录中的企业可以申请企业账号，用于隐患自查自报、月度报告和接收通知。提交后须经监管部门审核。
          </p>
          {props.error && (
            <p role="alert" class="error">
              {props.error}
            </p>
          )}
          <form method="post" action={`${ctx.base}/qiye/zhuce`} class="card stack">
            {REG_FIELDS.map(([name, label, max, type]) => (
              <p>
                <label for={`reg-${name}`}>{label}</label>
                <input
                  id={`reg-${name}`}
                  name={name}
                  // preact's input types discriminate on a literal `type`; the field list is literal.
                  type={type as 'text'}
                  maxLength={max}
                  required
                  value={type === 'password' ? '' : (props.values[name] ?? '')}
                  autocomplete={type === 'password' ? 'new-password' : 'off'}
                />
              </p>
            ))}
            <button type="submit">提交注册申请</button>
          </form>
        </>
      )}
    </Layout>
  );
}

export async function enterprisesPortal(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  portal.add({ nav: (_agency, base) => [{ href: `${base}/qiye`, label: '企业信用' }] });
  // Without a querystring schema a repeated parameter (?region=1&region=2) arrives as an array: the page
  // reads the last one, as a browser's form would send it once (issue 14: the fuzzer's 500).
  const q = (req: FastifyRequest): Query =>
    Object.fromEntries(
      Object.entries(req.query as Record<string, unknown>).map(([k, v]) => [
        k,
        Array.isArray(v) ? (v.length ? String(v[v.length - 1]) : undefined) : (v as string | undefined),
      ]),
    );

  portalPage(app, '/qiye', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const query = q(req);
    const p = Math.min(500, Math.max(1, Number(query.page) || 1));
    let problem: string | null = null;
    let result: { items: Enterprise[]; total: number; totalIsLowerBound: boolean } = {
      items: [],
      total: 0,
      totalIsLowerBound: false,
    };
    if (query.q || query.code || query.region || query.industry || query.category) {
      try {
        const category = (CATEGORIES as string[]).includes(query.category ?? '')
          ? (query.category as SupervisionCategory)
          : undefined;
        const f = searchFilter(page.agency.id, {
          q: query.q?.slice(0, 50),
          creditCode: query.code,
          region: query.region,
          industry: query.industry,
          category,
          page: p,
          pageSize: 20,
        });
        if ('empty' in f) problem = f.empty;
        else result = await repo.listEnterprises(ctx.db, ctx.dialect, f);
      } catch (err) {
        if (err instanceof DomainError) problem = err.messageZh;
        else throw err;
      }
    }
    return sendHtml(
      reply,
      renderDocument(
        <SearchPage
          ctx={page}
          query={query}
          items={result.items}
          total={result.total}
          more={result.totalIsLowerBound}
          problem={problem}
          page={p}
        />,
      ),
    );
  });

  portalPage(app, '/qiye/zhuce', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    return sendHtml(reply, renderDocument(<RegisterPage ctx={page} values={{}} error={null} done={false} />));
  });
  // A plain form post (works without JavaScript); the account stays disabled until the agency approves it.
  for (const path of ['/qiye/zhuce', '/a/:code/qiye/zhuce'])
    app.post(
      path,
      { config: { access: PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (req, reply) => {
        const page = await requirePortal(c, portal, req);
        const body = (req.body ?? {}) as Query;
        const values: Query = {};
        for (const [name, , max] of REG_FIELDS) values[name] = String(body[name] ?? '').slice(0, max);
        try {
          await registerAccount(ctx, req.actor, {
            agencyId: page.agency.id,
            creditCode: values.creditCode ?? '',
            enterpriseName: values.enterpriseName ?? '',
            applicantName: values.applicantName ?? '',
            mobile: values.mobile ?? '',
            username: values.username ?? '',
            password: String(body.password ?? '').slice(0, 128),
          });
          return sendHtml(
            reply,
            renderDocument(<RegisterPage ctx={page} values={{}} error={null} done={true} />),
            201,
          );
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          return sendHtml(
            reply,
            renderDocument(<RegisterPage ctx={page} values={values} error={err.messageZh} done={false} />),
            400,
          );
        }
      },
    );

  portalPage(app, '/qiye/shixin', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const rows = await publicListings(ctx, page.agency.id);
    return sendHtml(
      reply,
      renderDocument(
        <Layout
          ctx={page}
          title="安全生产严重失信主体名单"
          breadcrumbs={crumbs(page, [{ href: `${page.base}/qiye/shixin`, label: '严重失信主体名单' }])}
        >
          <h1>安全生产严重失信主体名单</h1>
          <p>
            依据《安全生产严重失信主体名单管理办法》（应急管理部令第11号）列入。管理期
            {LISTING_RULES.listingYears}年，自列入决定之日起计算，期满移出并停止公示；列入满
            {LISTING_RULES.repairAfterMonths}
            个月后，已履行行政处罚义务、消除不良影响且未再发生严重失信行为的，可申请信用修复、提前移出。
          </p>
          {rows.length === 0 ? (
            <p class="empty">目前没有列入名单的主体。</p>
          ) : (
            <div
              class="table-scroll"
              style="overflow-x:auto"
              tabIndex={0}
              role="region"
              aria-label="表格（可左右滚动）"
            >
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">主体名称</th>
                    <th scope="col">统一社会信用代码</th>
                    <th scope="col">列入事由</th>
                    <th scope="col">失信事实</th>
                    <th scope="col">决定文号</th>
                    <th scope="col">管理期</th>
                    <th scope="col">可申请信用修复</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>
                        <a href={`${page.base}/qiye/${r.creditCode}`}>{r.enterpriseName}</a>
                      </td>
                      <td>{r.creditCode}</td>
                      <td>{r.criterionText}</td>
                      <td>{r.facts}</td>
                      <td>{r.decisionNumber}</td>
                      <td>
                        {r.decidedOn}至{r.listUntil}
                      </td>
                      <td>{r.repairFrom ? `${r.repairFrom}起` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Layout>,
      ),
    );
  });

  portalPage(app, '/qiye/choucha', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const [plans, results] = await Promise.all([
      listPlans(ctx, page.agency.id, true),
      listInspections(ctx, page.agency.id, { publishedOnly: true, limit: 100 }),
    ]);
    return sendHtml(
      reply,
      renderDocument(
        <Layout
          ctx={page}
          title="双随机抽查计划与结果"
          breadcrumbs={crumbs(page, [{ href: `${page.base}/qiye/choucha`, label: '双随机抽查' }])}
        >
          <h1>双随机抽查计划与结果</h1>
          <h2>年度抽查计划</h2>
          {plans.length === 0 ? (
            <p class="empty">暂无公开的抽查计划。</p>
          ) : (
            plans.map((p) => (
              <section class="card">
                <h3>{p.title}</h3>
                <p style="white-space: pre-line">{p.content}</p>
                <p class="muted">检查结果自检查之日起{p.publishWorkdays}个工作日内公开。</p>
              </section>
            ))
          )}
          <h2>抽查结果</h2>
          {results.length === 0 ? (
            <p class="empty">暂无公开的抽查结果。</p>
          ) : (
            <ul class="list">
              {results.map((r) => (
                <li>
                  <a href={`${page.base}/qiye/${r.creditCode}`}>{r.enterpriseName}</a>{' '}
                  <span class="muted">
                    {r.inspectedOn} · {RESULT_LABELS[r.result]}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Layout>,
      ),
    );
  });

  const openData = (orgId: string) => repo.iterateEnterprises(ctx.db, { orgId });
  portalPage(app, '/qiye/open-data.csv', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const cols: [keyof ReturnType<typeof publicEnterprise>, string][] = [
      ['creditCode', '统一社会信用代码'],
      ['name', '企业名称'],
      ['formerNames', '曾用名'],
      ['regionCode', '行政区划代码'],
      ['region', '所在地区'],
      ['industryCode', '行业代码'],
      ['industry', '行业'],
      ['category', '监管类别'],
      ['scale', '企业规模'],
      ['supervisingUnit', '属地监管单位'],
    ];
    const esc = (v: string) => {
      const s = safeCell(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const body = Readable.from(
      (async function* () {
        yield '\ufeff' + cols.map(([, h]) => h).join(',') + '\r\n';
        for await (const e of openData(page.agency.id)) {
          const p = publicEnterprise(e);
          yield cols.map(([k]) => esc(p[k])).join(',') + '\r\n';
        }
      })(),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="enterprises.csv"')
      .send(body);
  });
  portalPage(app, '/qiye/open-data.json', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const body = Readable.from(
      (async function* () {
        yield '{"agency":' + JSON.stringify(page.agency.name) + ',"enterprises":[';
        let first = true;
        for await (const e of openData(page.agency.id)) {
          yield (first ? '' : ',') + JSON.stringify(publicEnterprise(e));
          first = false;
        }
        yield ']}';
      })(),
    );
    return reply.type('application/json; charset=utf-8').send(body);
  });

  portalPage(app, '/qiye/:creditCode', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const r = validateCreditCode((req.params as { creditCode: string }).creditCode);
    if (!r.ok) throw notFound('enterprise', '统一社会信用代码不正确');
    const e = await repo.findByCode(ctx.db, page.agency.id, r.normalized);
    if (!e) throw notFound('enterprise', '本机关监管企业名录中没有该企业');
    const today = todayInChina(ctx.clock);
    const [licences, links, insp, inspectors, listing] = await Promise.all([
      repo.licencesOf(ctx.db, e.id),
      linkedRecords(ctx, e, true),
      repo.inspectionsOf(ctx.db, e.id, true),
      inspectorNames(ctx, e.org_id),
      repo.activeListing(ctx.db, e.id),
    ]);
    const credit = await creditOf(ctx, e, { links, inspections: insp, listing });
    return sendHtml(
      reply,
      renderDocument(
        <EnterprisePage
          ctx={page}
          e={e}
          licences={licences.map((l) => toLicenceView(l, today))}
          links={links}
          inspections={insp}
          inspectors={inspectors}
          credit={credit}
          listing={listing}
          today={today}
        />,
      ),
    );
  });
}
