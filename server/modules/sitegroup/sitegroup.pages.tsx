/**
 * Site group (站群) portal pages, drawn in the government's own layout (its header, navigation and
 * statutory footer): the 部门导航, the group-wide search with its agency facet and the group-wide
 * 政府信息公开目录. Plain links and GET forms: everything works without JavaScript.
 */
import { chinaDateOf } from '../../platform/clock.js';
import type { Org } from '../orgs/orgs.repository.js';
import { Layout, type NavItem, type PageContext } from '../portal/portal.layout.js';
import { Pagination } from '../portal/portal.pages.js';
import { disclosureLinks, portalBase, portalHome, type DirectorySection } from './sitegroup.rules.js';
import type { GroupCatalogView, GroupSearchView } from './sitegroup.service.js';

export const PATHS = { directory: '/bumen', search: '/zhanqun/search', catalog: '/zhanqun/catalog' } as const;

const VALIDITY: Record<string, string> = { valid: '有效', invalid: '失效', repealed: '废止' };

const Styles = () => <link rel="stylesheet" href="/static/sitegroup.css" />;

function crumbs(ctx: PageContext, path: string, label: string): NavItem[] {
  return [
    { href: `${ctx.base}/`, label: '首页' },
    { href: `${ctx.base}${path}`, label },
  ];
}

/** A query string from the non-empty values. */
function qs(values: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The group's members in a select: the government first, then its departments and units. */
function AgencySelect(props: { id: string; members: Org[]; value: string; counts?: Map<string, number> }) {
  return (
    <div class="field">
      <label for={props.id}>机关</label>
      <select id={props.id} name="agency">
        <option value="">全部机关</option>
        {props.members.map((m) => (
          <option value={m.code} selected={m.code === props.value}>
            {m.name}
            {props.counts ? `（${props.counts.get(m.id) ?? 0}）` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function YearSelect(props: { id: string; years: number[]; value: number | undefined }) {
  return (
    <div class="field">
      <label for={props.id}>发布年份</label>
      <select id={props.id} name="year">
        <option value="">全部年份</option>
        {props.years.map((y) => (
          <option value={String(y)} selected={y === props.value}>
            {y}年
          </option>
        ))}
      </select>
    </div>
  );
}

/** The 部门导航: each department with its contact, its portal, its 政府信息公开 sections and its units. */
export function DirectoryPage({ ctx, sections }: { ctx: PageContext; sections: DirectorySection<Org>[] }) {
  return (
    <Layout
      ctx={ctx}
      title="部门导航"
      head={<Styles />}
      breadcrumbs={crumbs(ctx, PATHS.directory, '部门导航')}
      meta={{
        columnName: '部门导航',
        description: `${ctx.agency.name}所属部门及其政府网站、政府信息公开专栏`,
      }}
    >
      <h1>部门导航</h1>
      <p class="muted">
        {ctx.agency.name}所属各部门和单位的政府网站与政府信息公开专栏。也可以
        <a href={`${ctx.base}${PATHS.search}`}>在全部部门中检索</a>或查看
        <a href={`${ctx.base}${PATHS.catalog}`}>全部部门的政府信息公开目录</a>。
      </p>
      {sections.length === 0 && <p class="empty">暂无所属部门网站。</p>}
      {sections.map((s) => (
        <section aria-labelledby={`dir-${s.key}`}>
          <h2 id={`dir-${s.key}`}>
            {s.title}
            <span class="muted count">（{s.entries.length}个）</span>
          </h2>
          <ul class="dept-grid">
            {s.entries.map(({ org, units }) => (
              <li class="card dept-card">
                <h3>
                  <a href={portalHome(org)}>{org.name}</a>
                </h3>
                <dl class="meta">
                  {org.address && (
                    <>
                      <dt>地址</dt>
                      <dd>{org.address}</dd>
                    </>
                  )}
                  {org.phone && (
                    <>
                      <dt>电话</dt>
                      <dd>{org.phone}</dd>
                    </>
                  )}
                </dl>
                <p class="dept-links">
                  <a href={portalHome(org)}>
                    网站首页<span class="visually-hidden">（{org.name}）</span>
                  </a>
                  {disclosureLinks(org).map((l) => (
                    <a href={l.href}>
                      {l.label}
                      <span class="visually-hidden">（{org.name}）</span>
                    </a>
                  ))}
                </p>
                {units.length > 0 && (
                  <div class="dept-units">
                    <h4>所属单位</h4>
                    <ul>
                      {units.map((u) => (
                        <li>
                          <a href={portalHome(u)}>{u.name}</a>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export interface GroupSearchForm {
  q: string;
  agency: string;
  year: number | undefined;
  order: 'newest' | 'relevance';
}

/** Search across the group with an agency facet (links, so it works without JavaScript). */
export function GroupSearchPage(props: {
  ctx: PageContext;
  form: GroupSearchForm;
  view: GroupSearchView;
  years: number[];
}) {
  const { ctx, form, view } = props;
  const action = `${ctx.base}${PATHS.search}`;
  const byId = new Map(view.members.map((m) => [m.id, m]));
  const result = view.result;
  const keep = { q: form.q, year: form.year, order: form.order === 'newest' ? undefined : form.order };
  return (
    <Layout
      ctx={ctx}
      title={form.q ? `“${form.q}”的站群检索结果` : '站群检索'}
      head={<Styles />}
      breadcrumbs={crumbs(ctx, PATHS.search, '站群检索')}
      meta={{ columnName: '站群检索', description: `在${ctx.agency.name}及所属各部门网站中检索公开信息` }}
    >
      <h1>站群检索</h1>
      <p class="muted">在{ctx.agency.name}及所属各部门、单位网站的全部公开信息中检索。</p>
      <form class="filters card" method="get" action={action} role="search" aria-label="站群检索">
        <div class="field wide">
          <label for="g-q">关键词</label>
          <input id="g-q" name="q" type="search" value={form.q} maxLength={100} aria-describedby="g-q-hint" />
          <p class="hint muted" id="g-q-hint">
            多个词用空格分隔（须同时包含）；用引号“”查找完整短语。
          </p>
        </div>
        <AgencySelect id="g-agency" members={view.members} value={form.agency} />
        <YearSelect id="g-year" years={props.years} value={form.year} />
        <div class="field">
          <label for="g-order">排序</label>
          <select id="g-order" name="order">
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
      {view.choice.kind === 'unknown' && (
        <p class="notice" role="alert">
          所选机关不在本站群中，请在“机关”中重新选择。
        </p>
      )}
      {result && (
        <div class="group-results">
          <nav class="card facet" aria-labelledby="facet-title">
            <h2 id="facet-title">按机关筛选</h2>
            <ul>
              <li>
                <a href={`${action}${qs(keep)}`} aria-current={form.agency ? undefined : 'true'}>
                  全部机关
                </a>
              </li>
              {view.facetCount?.capped && (
                <li class="muted">
                  匹配结果超过{view.facetCount.cap}条，各机关条数仅按其中{view.facetCount.counted}
                  条统计，实际可能更多（标“+”）；未标条数的机关可能也有结果。
                </li>
              )}
              {view.facet.map((f) => (
                <li>
                  <a
                    href={`${action}${qs({ ...keep, agency: f.org.code })}`}
                    aria-current={f.selected ? 'true' : undefined}
                  >
                    {f.org.name}
                  </a>
                  {f.count !== null && (
                    <span class="muted">
                      {' '}
                      {f.count}
                      {f.capped ? '+' : ''} 条
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <section aria-labelledby="results-title" class="search-results">
            <h2 id="results-title">检索结果</h2>
            <p role="status">
              找到与“<strong>{form.q}</strong>”相关的信息{' '}
              {result.totalCapped ? `${result.total} 条以上` : `${result.total} 条`}
              {view.choice.kind === 'one' ? `（${view.choice.org.name}）` : ''}。
            </p>
            {result.notice && (
              <p class="notice" role="note">
                {result.notice}
              </p>
            )}
            {result.hits.length === 0 && !result.notice && (
              <p class="empty">没有找到相关信息。请检查关键词，或选择“全部机关”后重试。</p>
            )}
            <ol class="hits" start={(result.page - 1) * result.pageSize + 1}>
              {result.hits.map((h) => {
                const owner = byId.get(h.orgId);
                const base = owner ? portalBase(owner) : ctx.base;
                return (
                  <li class="hit">
                    <h3>
                      <a href={`${base}${h.url}`} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                    </h3>
                    {h.snippetHtml && (
                      <p class="snippet" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                    )}
                    <p class="hit-meta muted">
                      {owner && <span class="hit-agency">{owner.name}</span>}
                      {h.label && <span>{h.label}</span>}
                      {h.validity && h.validity !== 'valid' && (
                        <span class="tag">{VALIDITY[h.validity]}</span>
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
              href={(p) => `${action}${qs({ ...keep, agency: form.agency, page: p })}`}
              label="检索结果分页"
            />
          </section>
        </div>
      )}
    </Layout>
  );
}

export interface GroupCatalogForm {
  agency: string;
  year: number | undefined;
}

/** The group-wide 政府信息公开目录: every member's published items, newest first, filter by agency. */
export function GroupCatalogPage(props: {
  ctx: PageContext;
  form: GroupCatalogForm;
  view: GroupCatalogView;
}) {
  const { ctx, form, view } = props;
  const action = `${ctx.base}${PATHS.catalog}`;
  const byId = new Map(view.members.map((m) => [m.id, m]));
  return (
    <Layout
      ctx={ctx}
      title="站群政府信息公开目录"
      head={<Styles />}
      breadcrumbs={crumbs(ctx, PATHS.catalog, '站群公开目录')}
      meta={{
        columnName: '站群公开目录',
        description: `${ctx.agency.name}及所属各部门主动公开的政府信息目录`,
      }}
    >
      <h1>站群政府信息公开目录</h1>
      <p class="muted">{ctx.agency.name}及所属各部门、单位主动公开的政府信息，按发布时间排列。</p>
      <form class="filters card" method="get" action={action} aria-label="目录筛选">
        <AgencySelect id="c-agency" members={view.members} value={form.agency} counts={view.perAgency} />
        <YearSelect id="c-year" years={view.years} value={form.year} />
        <div class="field actions">
          <button type="submit">筛选</button>
          <a href={action}>清除条件</a>
        </div>
      </form>
      {view.choice.kind === 'unknown' && (
        <p class="notice" role="alert">
          所选机关不在本站群中，请在“机关”中重新选择。
        </p>
      )}
      <p role="status">
        共 {view.total} 条{view.choice.kind === 'one' ? `（${view.choice.org.name}）` : ''}。
      </p>
      {view.truncated && (
        <p class="notice" role="note">
          全部机关合并浏览最多显示前 {view.pageCount} 页；请选择机关后查看更早的信息，或使用
          <a href={`${ctx.base}${PATHS.search}`}>站群检索</a>。
        </p>
      )}
      <div class="table-wrap">
        {/* Focusable: at 320 px the table scrolls sideways, with or without links in it. */}
        <table class="data catalog-table" tabIndex={0}>
          <caption class="visually-hidden">站群政府信息公开目录</caption>
          <thead>
            <tr>
              <th scope="col">索引号</th>
              <th scope="col">名称</th>
              <th scope="col">发布机关</th>
              <th scope="col">公开目录</th>
              <th scope="col">发布日期</th>
              <th scope="col">有效性</th>
            </tr>
          </thead>
          <tbody>
            {view.items.length === 0 ? (
              <tr>
                <td colSpan={6} class="empty">
                  没有符合条件的信息。
                </td>
              </tr>
            ) : (
              view.items.map((i) => {
                const owner = byId.get(i.orgId);
                return (
                  <tr>
                    <td class="nowrap">{i.indexNumber ?? ''}</td>
                    <td>
                      <a href={`${owner ? portalBase(owner) : ctx.base}/items/${i.id}`}>{i.title}</a>
                      {i.docNumber && <div class="muted">{i.docNumber}</div>}
                    </td>
                    <td>{owner ? <a href={portalHome(owner)}>{owner.name}</a> : i.publisher}</td>
                    <td>{i.columnName}</td>
                    <td class="nowrap">{i.publishedOn ?? ''}</td>
                    <td class="nowrap">{VALIDITY[i.validity] ?? i.validity}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={view.page}
        pageCount={view.pageCount}
        href={(p) => `${action}${qs({ agency: form.agency, year: form.year, page: p })}`}
        label="目录分页"
      />
    </Layout>
  );
}
