/** Portal pages of 事故调查报告 and 挂牌督办 hazards: filtered lists and details. */
import type { ComponentChildren } from 'preact';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import type { Accident, Hazard } from './enforcement.repository.js';
import { ACCIDENT_LEVEL_LABELS, formatYuan, RECTIFICATION_LABELS } from './enforcement.rules.js';
import { Pager, type Query, Styles, yearOptions } from './portal.parts.js';

/** A labelled filter select with an 全部 option (事故等级, 整改状态, 年度…). */
export function FilterSelect(props: {
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

export const yearFilterOptions = (today: string): [string, string][] =>
  yearOptions(today).map((y) => [y, `${y}年`]);

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

export function AccidentsPage(props: {
  ctx: PageContext;
  query: Query;
  items: Accident[];
  total: number;
  /** more than `total` match (the count stops at the portal's cap) */
  more?: boolean;
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
      count={<>共 {props.more ? `${props.total}+` : props.total} 份报告</>}
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

export function AccidentPage({ ctx, a }: { ctx: PageContext; a: Accident }) {
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

export function HazardTable({ ctx, items }: { ctx: PageContext; items: Hazard[] }) {
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

export function HazardsPage(props: {
  ctx: PageContext;
  query: Query;
  items: Hazard[];
  total: number;
  /** more than `total` match (the count stops at the portal's cap) */
  more?: boolean;
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
      count={<>共 {props.more ? `${props.total}+` : props.total} 项</>}
      empty="没有符合条件的挂牌督办隐患。"
      hasItems={props.items.length > 0}
      table={<HazardTable ctx={ctx} items={props.items} />}
      total={props.total}
      page={props.page}
    />
  );
}

export function HazardPage({ ctx, h }: { ctx: PageContext; h: Hazard }) {
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
