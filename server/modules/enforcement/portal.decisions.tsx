/** Portal pages of the 双公示 register: the filtered list, a decision with its notices, an enterprise's page. */
import { chinaDateOf } from '../../platform/clock.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import * as service from './enforcement.service.js';
import type { Decision, Hazard, Notice } from './enforcement.repository.js';
import { COUNTERPARTY_LABELS, formatYuan, KIND_LABELS } from './enforcement.rules.js';
import { DecisionTable, Pager, type Query, StatusTag, Styles, crumbs, href } from './portal.parts.js';
import { FilterSelect, HazardTable, yearFilterOptions } from './portal.records.js';

export function ListPage(props: {
  ctx: PageContext;
  query: Query;
  items: Decision[];
  total: number;
  /** more than `total` match (the count stops at the portal's cap) */
  more?: boolean;
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
        {searching ? '查询到' : '共'} <strong>{props.more ? `${props.total}+` : props.total}</strong>{' '}
        条公示信息{props.more ? '，可按类别、年度或名称筛选缩小范围' : ''}
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
                <time dateTime={chinaDateOf(n.published_at)}>{chinaDateOf(n.published_at)}</time>
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

export function DecisionPage({ ctx, d, notices }: { ctx: PageContext; d: Decision; notices: Notice[] }) {
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
          <p class="muted">发布日期：{chinaDateOf(n.published_at)}</p>
        </section>
      ))}
      <DecisionFields d={d} ctx={ctx} agencyName={ctx.agency.name} />
      <p>
        <a href={`${ctx.base}/shuanggongshi`}>返回双公示列表</a>
      </p>
    </Layout>
  );
}

export function EnterprisePage(props: {
  ctx: PageContext;
  code: string;
  decisions: Decision[];
  hazards: Hazard[];
}) {
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
