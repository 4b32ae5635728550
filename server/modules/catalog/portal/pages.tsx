/**
 * Public pages of the catalog (主动公开): column lists, item pages with the statutory metadata table,
 * the 政府信息公开目录, the 政府信息公开指南 and the search page. Server-rendered preact: everything
 * is escaped by default; the only raw HTML is the item body (sanitized again here) and search
 * highlights (built escaped by the search module).
 */
import type { ComponentChildren } from 'preact';
import { ArticleTools, Layout, type NavItem, type PageContext } from '../../portal/portal.layout.js';
import { Pagination } from '../../portal/portal.pages.js';
import type { Column } from '../catalog.repository.js';
import { sanitizeItemBody } from '../rich-text.js';
import type { SearchResultPage } from '../../search/search.index.js';
import { chinaDateOf } from '../../../platform/clock.js';
import type { PublicAttachment, PublicItem, PublicItemSummary, PublicLink } from './public.repository.js';
import type { ItemNotice } from '../catalog.item-notices.js';
import {
  ART20_LABELS,
  VALIDITY_LABELS,
  chineseDate,
  fileSize,
  fileTypeLabel,
  queryString,
} from './portal.format.js';

export const columnHref = (ctx: PageContext, c: Pick<Column, 'code'>) =>
  `${ctx.base}/columns/${encodeURIComponent(c.code)}`;
export const itemHref = (ctx: PageContext, id: string) => `${ctx.base}/items/${id}`;

/** Breadcrumbs from the home page down to a column. */
export function columnTrail(
  ctx: PageContext,
  columns: readonly Column[],
  column: Column | undefined,
): NavItem[] {
  const trail: NavItem[] = [];
  let c = column;
  while (c) {
    trail.unshift({ href: columnHref(ctx, c), label: c.name });
    const parentId = c.parent_id;
    c = parentId ? columns.find((x) => x.id === parentId) : undefined;
  }
  return [{ href: `${ctx.base}/`, label: '首页' }, ...trail];
}

function rssLink(href: string, title: string) {
  return <link rel="alternate" type="application/rss+xml" title={title} href={href} />;
}

function ItemList({
  ctx,
  items,
  showColumn,
}: {
  ctx: PageContext;
  items: PublicItemSummary[];
  showColumn?: Map<string, string>;
}) {
  return (
    <ul class="item-list">
      {items.map((i) => (
        <li>
          <a href={itemHref(ctx, i.id)}>
            {i.title}
            {i.validity !== 'valid' && <span class="tag">{VALIDITY_LABELS[i.validity]}</span>}
          </a>
          {showColumn && <span class="muted col-name">{showColumn.get(i.column_id)}</span>}
          {i.published_on && <time dateTime={i.published_on}>{i.published_on}</time>}
        </li>
      ))}
    </ul>
  );
}

/** Sub-column navigation beside a list (the column's children, or its siblings). */
function ColumnSideNav({
  ctx,
  columns,
  current,
}: {
  ctx: PageContext;
  columns: readonly Column[];
  current: Column;
}) {
  const parentId = columns.some((c) => c.parent_id === current.id) ? current.id : current.parent_id;
  const parent = columns.find((c) => c.id === parentId);
  const list = columns.filter((c) => c.parent_id === parentId);
  if (list.length === 0) return null;
  return (
    <nav class="card side-nav" aria-label={`${parent?.name ?? '栏目'}子栏目`}>
      <h2>{parent ? <a href={columnHref(ctx, parent)}>{parent.name}</a> : '栏目'}</h2>
      <ul>
        {list.map((c) => (
          <li>
            <a href={columnHref(ctx, c)} aria-current={c.id === current.id ? 'page' : undefined}>
              {c.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ColumnPage(props: {
  ctx: PageContext;
  columns: readonly Column[];
  column: Column;
  items: PublicItemSummary[];
  total: number;
  page: number;
  pageCount: number;
}) {
  const { ctx, column, columns } = props;
  const rss = `${columnHref(ctx, column)}/rss.xml`;
  const names = new Map(columns.map((c) => [c.id, c.name]));
  const hasChildren = columns.some((c) => c.parent_id === column.id);
  return (
    <Layout
      ctx={ctx}
      title={column.name}
      breadcrumbs={columnTrail(ctx, columns, column)}
      head={rssLink(rss, `${column.name} - ${ctx.agency.name}`)}
    >
      <div class="two-col">
        <ColumnSideNav ctx={ctx} columns={columns} current={column} />
        <section class="card list-card" aria-labelledby="column-title">
          <h1 id="column-title">
            {column.name}
            <a class="more" href={rss}>
              RSS 订阅
            </a>
          </h1>
          {column.description && <p class="muted">{column.description}</p>}
          <p class="muted">共 {props.total} 条信息</p>
          {props.items.length === 0 ? (
            <p class="empty">本栏目暂无信息。</p>
          ) : (
            <ItemList ctx={ctx} items={props.items} showColumn={hasChildren ? names : undefined} />
          )}
          <Pagination
            page={props.page}
            pageCount={props.pageCount}
            href={(p) => `${columnHref(ctx, column)}${queryString({ page: p === 1 ? undefined : p })}`}
          />
        </section>
      </div>
    </Layout>
  );
}

function MetaRow({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </>
  );
}

export function ItemPage(props: {
  ctx: PageContext;
  columns: readonly Column[];
  item: PublicItem;
  attachments: PublicAttachment[];
  links: PublicLink[];
  replacedBy: { id: string; title: string } | null;
  /** What other modules say about this item (e.g. an open 意见征集 on this draft). */
  notices?: readonly ItemNotice[];
}) {
  const { ctx, item } = props;
  const column = props.columns.find((c) => c.id === item.column_id);
  const validity = VALIDITY_LABELS[item.validity] ?? item.validity;
  const interpretations = props.links.filter((l) => l.kind === 'interprets' && l.direction === 'in');
  const interprets = props.links.filter((l) => l.kind === 'interprets' && l.direction === 'out');
  const replaces = props.links.filter((l) => l.kind === 'replaces' && l.direction === 'out');
  return (
    <Layout
      ctx={ctx}
      title={item.title}
      breadcrumbs={columnTrail(ctx, props.columns, column)}
      meta={{
        columnName: column?.name ?? '政府信息公开',
        keywords: [item.topic, column?.name, item.publisher].filter(Boolean).join(','),
        description: item.summary ?? item.title,
        article: {
          title: item.title,
          pubDate: item.published_on ?? '',
          contentSource: item.publisher,
        },
      }}
    >
      <ArticleTools ctx={ctx} />
      <article class="card item-page" aria-labelledby="item-title">
        <table class="meta-table item-meta">
          <caption class="visually-hidden">信息元数据</caption>
          <tbody>
            <tr>
              <MetaRow label="索引号">{item.index_number}</MetaRow>
              <MetaRow label="主题分类">{item.topic ?? ''}</MetaRow>
            </tr>
            <tr>
              <MetaRow label="发布机构">{item.publisher}</MetaRow>
              <MetaRow label="成文日期">{chineseDate(item.generated_on)}</MetaRow>
            </tr>
            <tr>
              <MetaRow label="文号">{item.doc_number ?? ''}</MetaRow>
              <MetaRow label="发布日期">{chineseDate(item.published_on)}</MetaRow>
            </tr>
            <tr>
              <MetaRow label="公开目录">
                {column ? <a href={columnHref(ctx, column)}>{column.name}</a> : ''}
              </MetaRow>
              <MetaRow label="公开方式">{item.disclosure_mode}</MetaRow>
            </tr>
            <tr>
              <MetaRow label="有效性">
                {validity}
                {item.validity !== 'valid' && item.validity_date
                  ? `（${chineseDate(item.validity_date)}起）`
                  : ''}
              </MetaRow>
              <MetaRow label="公开依据">
                {item.art20_item ? (
                  <span title={ART20_LABELS[item.art20_item]}>
                    《条例》第二十条{/^（[^）]+）/.exec(ART20_LABELS[item.art20_item] ?? '')?.[0] ?? ''}
                  </span>
                ) : (
                  '—'
                )}
              </MetaRow>
            </tr>
            <tr>
              <th scope="row">名称</th>
              <td colSpan={3}>{item.title}</td>
            </tr>
          </tbody>
        </table>
        <h1 id="item-title" class="item-title">
          {item.title}
        </h1>
        {item.validity !== 'valid' && (
          <p class="notice" role="note">
            本文件已{validity}
            {item.validity_date ? `（${chineseDate(item.validity_date)}）` : ''}
            {props.replacedBy && (
              <>
                ，现行文件见：<a href={itemHref(ctx, props.replacedBy.id)}>{props.replacedBy.title}</a>
              </>
            )}
            。
          </p>
        )}
        {(props.notices ?? []).map((n) => (
          <p class="notice" role="note">
            {n.text}
            {n.link && (
              <>
                {' '}
                <a href={n.link.href}>{n.link.label}</a>
              </>
            )}
          </p>
        ))}
        {item.summary && (
          <section class="summary" aria-label="内容概述">
            <h2>内容概述</h2>
            <p>{item.summary}</p>
          </section>
        )}
        <div class="item-body" dangerouslySetInnerHTML={{ __html: sanitizeItemBody(item.body_html) }} />
        {props.attachments.length > 0 && (
          <section class="attachments" aria-labelledby="att-title">
            <h2 id="att-title">附件</h2>
            <ol>
              {props.attachments.map((a) => (
                <li>
                  <a href={`/files/catalog/${a.id}`} download={a.file_name}>
                    {a.file_name}
                  </a>{' '}
                  <span class="muted">
                    （{fileTypeLabel(a.file_name)}，{fileSize(a.size_bytes)}）
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}
        {(interpretations.length > 0 || interprets.length > 0 || replaces.length > 0) && (
          <section class="related" aria-labelledby="rel-title">
            <h2 id="rel-title">相关信息</h2>
            <ul>
              {interpretations.map((l) => (
                <li>
                  政策解读：<a href={itemHref(ctx, l.itemId)}>{l.title}</a>
                </li>
              ))}
              {interprets.map((l) => (
                <li>
                  解读的政策文件：<a href={itemHref(ctx, l.itemId)}>{l.title}</a>
                </li>
              ))}
              {replaces.map((l) => (
                <li>
                  本文件替代：<a href={itemHref(ctx, l.itemId)}>{l.title}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </Layout>
  );
}

/** A <select> with a label and an "all" option. */
function Select(props: {
  id: string;
  label: string;
  name: string;
  value: string;
  options: { value: string; label: string }[];
  all?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{props.all ?? '全部'}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function columnOptions(columns: readonly Column[]) {
  return columns.map((c) => ({ value: c.code, label: `${'　'.repeat(c.depth - 1)}${c.name}` }));
}

const VALIDITY_OPTIONS = Object.entries(VALIDITY_LABELS).map(([value, label]) => ({ value, label }));

export interface CatalogFilters {
  column: string;
  topic: string;
  year: string;
  validity: string;
}

export function CatalogPage(props: {
  ctx: PageContext;
  columns: readonly Column[];
  topics: string[];
  years: number[];
  filters: CatalogFilters;
  items: PublicItemSummary[];
  total: number;
  page: number;
  pageCount: number;
}) {
  const { ctx, filters } = props;
  const names = new Map(props.columns.map((c) => [c.id, c.name]));
  return (
    <Layout
      ctx={ctx}
      title="政府信息公开目录"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/catalog`, label: '政府信息公开目录' },
      ]}
    >
      <h1>政府信息公开目录</h1>
      <form class="filters card" method="get" action={`${ctx.base}/catalog`} aria-label="筛选目录">
        <Select
          id="f-column"
          label="公开目录（栏目）"
          name="column"
          value={filters.column}
          options={columnOptions(props.columns)}
        />
        <Select
          id="f-topic"
          label="主题分类"
          name="topic"
          value={filters.topic}
          options={props.topics.map((t) => ({ value: t, label: t }))}
        />
        <Select
          id="f-year"
          label="发布年份"
          name="year"
          value={filters.year}
          options={props.years.map((y) => ({ value: String(y), label: `${y}年` }))}
        />
        <Select
          id="f-validity"
          label="有效性"
          name="validity"
          value={filters.validity}
          options={VALIDITY_OPTIONS}
        />
        <div class="field actions">
          <button type="submit">筛选</button>
          <a href={`${ctx.base}/catalog`}>清除条件</a>
        </div>
      </form>
      <p class="muted" role="status">
        共 {props.total} 条
      </p>
      <div class="table-wrap">
        <table class="data catalog-table">
          <caption class="visually-hidden">政府信息公开目录</caption>
          <thead>
            <tr>
              <th scope="col">索引号</th>
              <th scope="col">名称</th>
              <th scope="col">内容概述</th>
              <th scope="col">公开目录</th>
              <th scope="col">生成日期</th>
              <th scope="col">发布日期</th>
              <th scope="col">有效性</th>
            </tr>
          </thead>
          <tbody>
            {props.items.length === 0 ? (
              <tr>
                <td colSpan={7} class="empty">
                  没有符合条件的信息。
                </td>
              </tr>
            ) : (
              props.items.map((i) => (
                <tr>
                  <td class="nowrap">{i.index_number}</td>
                  <td>
                    <a href={itemHref(ctx, i.id)}>{i.title}</a>
                    {i.doc_number && <div class="muted">{i.doc_number}</div>}
                  </td>
                  <td>{i.summary ?? ''}</td>
                  <td>{names.get(i.column_id)}</td>
                  <td class="nowrap">{i.generated_on ?? ''}</td>
                  <td class="nowrap">{i.published_on ?? ''}</td>
                  <td class="nowrap">{VALIDITY_LABELS[i.validity]}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={props.page}
        pageCount={props.pageCount}
        href={(p) => `${ctx.base}/catalog${queryString({ ...filters, page: p === 1 ? undefined : p })}`}
      />
    </Layout>
  );
}

export function GuidePage(props: {
  ctx: PageContext;
  columns: readonly Column[];
  extraHtml: string | null;
  updatedOn: string | null;
  annualReportHref: string | null;
  /** The portal's own address (互联网联系方式). */
  siteUrl: string;
}) {
  const { ctx } = props;
  const a = ctx.agency;
  const top = props.columns.filter((c) => c.parent_id === null);
  return (
    <Layout
      ctx={ctx}
      title="政府信息公开指南"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/guide`, label: '政府信息公开指南' },
      ]}
    >
      <article class="card guide">
        <h1>{a.name}政府信息公开指南</h1>
        <p>
          根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，为便于公民、法人和其他组织获取
          {a.name}
          的政府信息，编制本指南。
          {props.updatedOn && <span class="muted">（本指南更新于 {chineseDate(props.updatedOn)}）</span>}
        </p>
        <h2>一、政府信息的分类与编排体系</h2>
        <p>
          本机关主动公开的政府信息按以下栏目分类编排，每条信息标注索引号、名称、内容概述、生成日期、发布日期等：
        </p>
        <ul class="guide-tree">
          {top.map((c) => (
            <li>
              <a href={columnHref(ctx, c)}>{c.name}</a>
              {props.columns.some((x) => x.parent_id === c.id) && (
                <ul>
                  {props.columns
                    .filter((x) => x.parent_id === c.id)
                    .map((x) => (
                      <li>
                        <a href={columnHref(ctx, x)}>{x.name}</a>
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        <h2>二、获取政府信息的方式</h2>
        <h3>（一）主动公开</h3>
        <p>
          主动公开的政府信息自形成或者变更之日起20个工作日内通过本网站发布（《条例》第二十六条）。可通过
          <a href={`${ctx.base}/catalog`}>政府信息公开目录</a>按栏目、主题分类、年份和有效性查阅，或使用
          <a href={`${ctx.base}/search`}>站内检索</a>查找；各栏目提供 RSS 订阅。
        </p>
        <h3>（二）依申请公开</h3>
        <p>
          公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息，可通过
          <a href={`${ctx.base}/apply`}>在线申请</a>
          提交，或以信函、当面方式提出。本机关收到申请后按《条例》规定的期限答复，申请人可凭受理编号和查询码
          <a href={`${ctx.base}/track`}>查询办理进度</a>。
        </p>
        <h3>（三）信息处理费</h3>
        <p>
          行政机关依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，可按照《政府信息公开信息处理费管理办法》收取信息处理费。
        </p>
        <h2>三、政府信息公开工作机构</h2>
        <table class="meta-table">
          <caption class="visually-hidden">政府信息公开工作机构联系方式</caption>
          <tbody>
            {(
              [
                ['机构名称', `${a.name}政务公开办公室`],
                ['办公地址', a.address],
                ['邮政编码', a.postcode],
                ['办公时间', a.office_hours],
                ['联系电话', a.phone],
                ['传真号码', a.fax],
                ['电子邮箱', a.email],
                ['互联网联系方式', props.siteUrl],
              ] as [string, string | null][]
            )
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <tr>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
          </tbody>
        </table>
        {props.extraHtml && (
          <>
            <h2>四、其他说明</h2>
            <div class="item-body" dangerouslySetInnerHTML={{ __html: props.extraHtml }} />
          </>
        )}
        <h2>{props.extraHtml ? '五' : '四'}、监督和救济</h2>
        <p>
          公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
        </p>
        <h2>{props.extraHtml ? '六' : '五'}、政府信息公开工作年度报告</h2>
        <p>
          本机关每年1月31日前公布上一年度政府信息公开工作年度报告（《条例》第四十九条）
          {props.annualReportHref ? (
            <>
              ，详见<a href={props.annualReportHref}>政府信息公开年报</a>。
            </>
          ) : (
            '。'
          )}
        </p>
      </article>
    </Layout>
  );
}

export interface SearchForm {
  q: string;
  column: string;
  year: string;
  publisher: string;
  validity: string;
  scope: 'agency' | 'group';
  order: 'newest' | 'relevance';
}

export function SearchPage(props: {
  ctx: PageContext;
  form: SearchForm;
  columns: readonly Column[];
  years: number[];
  publishers: string[];
  result: SearchResultPage | null;
  agencyNames: Map<string, { name: string; base: string }>;
}) {
  const { ctx, form, result } = props;
  const title = form.q ? `“${form.q}”的检索结果` : '站内检索';
  return (
    <Layout
      ctx={ctx}
      title={title}
      searchValue={form.q}
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/search`, label: '站内检索' },
      ]}
    >
      <h1>站内检索</h1>
      <form class="filters card search-form" method="get" action={`${ctx.base}/search`} role="search">
        <div class="field wide">
          <label for="s-q">关键词</label>
          <input id="s-q" name="q" type="search" value={form.q} maxLength={100} />
          <p class="hint muted" id="s-q-hint">
            多个词用空格分隔（须同时包含）；用引号“”查找完整短语；可检索标题、正文、文号、附件内容。
          </p>
        </div>
        <Select
          id="s-column"
          label="栏目"
          name="column"
          value={form.column}
          options={columnOptions(props.columns)}
        />
        <Select
          id="s-year"
          label="发布年份"
          name="year"
          value={form.year}
          options={props.years.map((y) => ({ value: String(y), label: `${y}年` }))}
        />
        <Select
          id="s-publisher"
          label="发布机构"
          name="publisher"
          value={form.publisher}
          options={props.publishers.map((p) => ({ value: p, label: p }))}
        />
        <Select
          id="s-validity"
          label="有效性"
          name="validity"
          value={form.validity}
          options={VALIDITY_OPTIONS}
        />
        <div class="field">
          <label for="s-scope">范围</label>
          <select id="s-scope" name="scope">
            <option value="agency" selected={form.scope === 'agency'}>
              本机关
            </option>
            <option value="group" selected={form.scope === 'group'}>
              全部站点（站群）
            </option>
          </select>
        </div>
        <div class="field">
          <label for="s-order">排序</label>
          <select id="s-order" name="order">
            <option value="newest" selected={form.order === 'newest'}>
              按时间（最新在前）
            </option>
            <option value="relevance" selected={form.order === 'relevance'}>
              按相关度
            </option>
          </select>
        </div>
        <div class="field actions">
          <button type="submit">检索</button>
        </div>
      </form>
      {result && <SearchResults ctx={ctx} form={form} result={result} agencyNames={props.agencyNames} />}
    </Layout>
  );
}

function SearchResults(props: {
  ctx: PageContext;
  form: SearchForm;
  result: SearchResultPage;
  agencyNames: Map<string, { name: string; base: string }>;
}) {
  const { ctx, form, result } = props;
  const count = result.totalCapped ? `${result.total} 条以上` : `${result.total} 条`;
  return (
    <section aria-labelledby="results-title" class="search-results">
      <h2 id="results-title">检索结果</h2>
      <p role="status">
        {form.q ? (
          <>
            找到与“<strong>{form.q}</strong>”相关的信息 {count}
            {result.totalCapped &&
              result.pageCount >= result.maxPages &&
              `，仅显示前 ${result.maxPages} 页，请增加关键词缩小范围`}
            。
          </>
        ) : (
          '请输入关键词。'
        )}
      </p>
      {result.notice && (
        <p class="notice" role="note">
          {result.notice}
        </p>
      )}
      {result.hits.length === 0 && form.q && !result.notice && (
        <p class="empty">没有找到相关信息。请检查关键词，或减少关键词、去掉筛选条件后重试。</p>
      )}
      <ol class="hits" start={(result.page - 1) * result.pageSize + 1}>
        {result.hits.map((h) => {
          const owner = props.agencyNames.get(h.orgId);
          const href = `${owner && h.orgId !== ctx.agency.id ? owner.base : ctx.base}${h.url}`;
          return (
            <li class="hit">
              <h3>
                <a href={href} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
              </h3>
              {h.snippetHtml && <p class="snippet" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />}
              <p class="hit-meta muted">
                {h.label && <span>{h.label}</span>}
                {h.publisher && <span>{h.publisher}</span>}
                {owner && h.orgId !== ctx.agency.id && <span>{owner.name}</span>}
                {h.validity && h.validity !== 'valid' && (
                  <span class="tag">{VALIDITY_LABELS[h.validity]}</span>
                )}
                <time dateTime={chinaDateOf(h.publishedAt)}>{chinaDateOf(h.publishedAt)}</time>
              </p>
            </li>
          );
        })}
      </ol>
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        label="检索结果分页"
        href={(p) =>
          `${ctx.base}/search${queryString({
            q: form.q,
            column: form.column,
            year: form.year,
            publisher: form.publisher,
            validity: form.validity,
            scope: form.scope === 'agency' ? undefined : form.scope,
            order: form.order === 'newest' ? undefined : form.order,
            page: p === 1 ? undefined : p,
          })}`
        }
      />
    </section>
  );
}
