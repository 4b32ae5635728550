import type { ComponentChildren } from 'preact';
import type { Org } from '../orgs/orgs.repository.js';

/** Display preferences chosen by the visitor without JavaScript (cookie `gk_view`). */
export interface ViewPrefs {
  largeFont: boolean;
  highContrast: boolean;
}

export interface NavItem {
  href: string;
  label: string;
  /**
   * The navigation group this entry belongs to (政务公开, 依申请公开, 监管执法, 互动交流 …). Entries of a
   * group are drawn under one heading so the bar never wraps; see portal.nav.ts for the defaults.
   */
  group?: string;
}

/**
 * Page metadata for the 政府网站网页设计规范 <meta> tags: every page carries SiteName, SiteDomain,
 * SiteIDCode, ColumnName, Keywords and Description; article pages add ArticleTitle, PubDate and
 * ContentSource.
 */
export interface PageMeta {
  columnName?: string;
  keywords?: string;
  description?: string;
  article?: { title: string; pubDate: string; contentSource: string };
}

/** Per-agency site identity shown in the footer (党政机关网站标识), from the portal's site settings. */
export interface SiteIdentity {
  conacImageUrl: string | null;
  conacLinkUrl: string | null;
  /**
   * The agency's place in the site group (站群), when a module provides it (server/modules/sitegroup):
   * the 上级政府门户 link in the header and footer, and the portals above it that lead every breadcrumb.
   */
  group?: { superior: NavItem | null; trail: NavItem[] } | null;
}

/** A notice at the top of every page (a risk warning in force); `tone` is its signal colour. */
export interface Banner {
  href: string;
  text: string;
  tone: 'blue' | 'yellow' | 'orange' | 'red';
}

export interface PageContext {
  agency: Org;
  /** '' when the agency is served at the site root, else `/a/<code>`. */
  base: string;
  nav: NavItem[];
  /** Notices contributed by modules (portal.service banners hook). */
  banners?: Banner[];
  prefs: ViewPrefs;
  /** The request path (for the display-mode links to return to). */
  path: string;
  /** The public origin (PUBLIC_BASE_URL, never the Host header), for SiteDomain and absolute links. */
  origin?: string;
  site?: SiteIdentity;
}

/** The link that flips one display preference and returns to the current page. */
function prefLink(ctx: PageContext, key: 'large' | 'contrast', on: boolean) {
  return `/prefs?${key}=${on ? '1' : '0'}&back=${encodeURIComponent(ctx.path)}`;
}

/** The per-agency page frame: skip link, header, navigation, main, statutory footer. */
export function Layout(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  breadcrumbs?: NavItem[];
  /** Extra <head> elements (RSS alternate links, description). */
  head?: ComponentChildren;
  /** The search box value (the search page repeats the visitor's words). */
  searchValue?: string;
  meta?: PageMeta;
}) {
  const { ctx } = props;
  const a = ctx.agency;
  const classes = [ctx.prefs.largeFont ? 'large-font' : '', ctx.prefs.highContrast ? 'high-contrast' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${a.name}`}</title>
        <MetaTags ctx={ctx} title={props.title} meta={props.meta} />
        <link rel="stylesheet" href="/static/portal.css" />
        <link rel="stylesheet" href="/static/portal-print.css" media="print" />
        {props.head}
      </head>
      <body class={classes || undefined}>
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-title" href={`${ctx.base}/`}>
              {a.name}
            </a>
            <form class="site-search" role="search" action={`${ctx.base}/search`} method="get">
              <label for="site-search-q" class="visually-hidden">
                站内检索
              </label>
              <input
                id="site-search-q"
                name="q"
                type="search"
                maxLength={100}
                placeholder="请输入关键词"
                value={props.searchValue ?? ''}
              />
              <button type="submit">检索</button>
            </form>
            {ctx.site?.group?.superior && (
              <p class="superior-portal">
                <a href={ctx.site.group.superior.href}>上级政府门户：{ctx.site.group.superior.label}</a>
              </p>
            )}
            <div class="view-tools" role="group" aria-label="浏览辅助">
              <a href={prefLink(ctx, 'large', !ctx.prefs.largeFont)}>
                {ctx.prefs.largeFont ? '标准字体' : '大字体（长者模式）'}
              </a>
              <a href={prefLink(ctx, 'contrast', !ctx.prefs.highContrast)}>
                {ctx.prefs.highContrast ? '标准配色' : '高对比度'}
              </a>
            </div>
          </div>
          <SiteNav ctx={ctx} />
        </header>
        {ctx.banners && ctx.banners.length > 0 && (
          <div class="site-banners" role="region" aria-label="预警信息">
            {ctx.banners.map((b) => (
              <p class={`site-banner tone-${b.tone}`}>
                <a href={b.href}>{b.text}</a>
              </p>
            ))}
          </div>
        )}
        {props.breadcrumbs && props.breadcrumbs.length > 0 && (
          <nav class="wrap breadcrumbs" aria-label="当前位置">
            <ol>
              {[...(ctx.site?.group?.trail ?? []), ...props.breadcrumbs].map((b) => (
                <li>
                  <a href={b.href}>{b.label}</a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <main id="main" class="wrap" tabIndex={-1}>
          {props.children}
        </main>
        <Footer agency={a} base={ctx.base} site={ctx.site} />
      </body>
    </html>
  );
}

/**
 * Reading tools of an article page: font size (standard / large, through the display-mode cookie, no
 * JavaScript needed) and print (a button that appears where JavaScript runs; printing uses print.css).
 */
export function ArticleTools({ ctx }: { ctx: PageContext }) {
  return (
    <div class="article-tools" role="group" aria-label="阅读工具">
      <span>字号：</span>
      <a
        href={prefLink(ctx, 'large', false)}
        aria-current={ctx.prefs.largeFont ? undefined : 'true'}
        class={ctx.prefs.largeFont ? undefined : 'current'}
      >
        标准
      </a>
      <a
        href={prefLink(ctx, 'large', true)}
        aria-current={ctx.prefs.largeFont ? 'true' : undefined}
        class={ctx.prefs.largeFont ? 'current' : undefined}
      >
        大
      </a>
      <button type="button" data-print hidden>
        打印本页
      </button>
      <script src="/static/portal-tools.js" defer />
    </div>
  );
}

/** The 政府网站网页设计规范 <meta> tags. */
function MetaTags({ ctx, title, meta }: { ctx: PageContext; title: string; meta?: PageMeta | undefined }) {
  const a = ctx.agency;
  const domain = ctx.origin ? new URL(ctx.origin).host : '';
  const description = meta?.description ?? `${a.name}${title === a.name ? '' : ` ${title}`}`;
  return (
    <>
      <meta name="SiteName" content={a.name} />
      <meta name="SiteDomain" content={domain} />
      <meta name="SiteIDCode" content={a.site_code ?? ''} />
      <meta name="ColumnName" content={meta?.columnName ?? title} />
      {meta?.article && (
        <>
          <meta name="ArticleTitle" content={meta.article.title} />
          <meta name="PubDate" content={meta.article.pubDate} />
          <meta name="ContentSource" content={meta.article.contentSource} />
        </>
      )}
      <meta
        name="Keywords"
        content={meta?.keywords ?? `${a.name},${meta?.columnName ?? title},政府信息公开`}
      />
      <meta name="Description" content={description.slice(0, 200)} />
    </>
  );
}

/** The main navigation: ungrouped entries as links, each group as a disclosure list (no JavaScript). */
function SiteNav({ ctx }: { ctx: PageContext }) {
  const entries = groupNav(ctx.nav);
  return (
    <nav class="site-nav" aria-label="主导航">
      <ul class="wrap">
        {entries.map((e) =>
          'href' in e ? (
            <li>
              <a href={e.href} aria-current={e.href === ctx.path ? 'page' : undefined}>
                {e.label}
              </a>
            </li>
          ) : (
            <li class="nav-group">
              <details>
                <summary class={e.items.some((i) => i.href === ctx.path) ? 'current' : undefined}>
                  {e.group}
                </summary>
                <ul>
                  {e.items.map((i) => (
                    <li>
                      <a href={i.href} aria-current={i.href === ctx.path ? 'page' : undefined}>
                        {i.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** Nav entries in order: a group appears where its first entry was; a group of one is a plain link. */
export function groupNav(nav: readonly NavItem[]): (NavItem | { group: string; items: NavItem[] })[] {
  const out: (NavItem | { group: string; items: NavItem[] })[] = [];
  const groups = new Map<string, { group: string; items: NavItem[] }>();
  for (const item of nav) {
    if (!item.group) {
      out.push(item);
      continue;
    }
    let g = groups.get(item.group);
    if (!g) {
      g = { group: item.group, items: [] };
      groups.set(item.group, g);
      out.push(g);
    }
    g.items.push(item);
  }
  return out.map((e) => ('items' in e && e.items.length === 1 ? e.items[0]! : e));
}

/** Digits of a 公安机关备案号 ("鲁公网安备 37030002000001号" → 37030002000001), for the query link. */
export function policeRecordCode(text: string): string | null {
  return /(\d{10,})/.exec(text)?.[1] ?? null;
}

/**
 * The statutory footer (政府网站发展指引): 党政机关网站标识, 主办单位, contact, 网站地图,
 * 我为政府网站找错, 联系我们, 网站标识码, ICP备案号, 公安机关备案号 (linked, with its icon), identifiers separated.
 */
export function Footer({ agency: a, base = '', site }: { agency: Org; base?: string; site?: SiteIdentity }) {
  const police = a.police_record_number ? policeRecordCode(a.police_record_number) : null;
  const ids = [
    a.site_code ? <span>网站标识码：{a.site_code}</span> : null,
    a.icp_number ? (
      <span>
        <a href="https://beian.miit.gov.cn/">{a.icp_number}</a>
      </span>
    ) : null,
    a.police_record_number ? (
      <span class="police-record">
        {police ? (
          <a href={`https://beian.mps.gov.cn/#/query/webSearch?code=${police}`} rel="noreferrer">
            <img src="/static/police-badge.svg" alt="" width="16" height="16" />
            {a.police_record_number}
          </a>
        ) : (
          a.police_record_number
        )}
      </span>
    ) : null,
  ].filter((x) => x !== null);
  return (
    <footer class="site-footer">
      <div class="wrap footer-row">
        {site?.conacImageUrl ? (
          <a class="conac" href={site.conacLinkUrl ?? 'https://bszs.conac.cn/'}>
            <img src={site.conacImageUrl} alt="党政机关网站标识" width="52" height="64" />
          </a>
        ) : null}
        <div>
          <p class="footer-links">
            <a href={`${base}/sitemap`}>网站地图</a>
            <span class="sep" aria-hidden="true">
              |
            </span>
            <a href={`${base}/hudong/zhaocuo`}>我为政府网站找错</a>
            <span class="sep" aria-hidden="true">
              |
            </span>
            <a href={`${base}/contact`}>联系我们</a>
            <span class="sep" aria-hidden="true">
              |
            </span>
            <a href={`${base}/guide`}>政府信息公开指南</a>
            {site?.group?.superior && (
              <>
                <span class="sep" aria-hidden="true">
                  |
                </span>
                <a href={site.group.superior.href}>上级政府门户</a>
              </>
            )}
          </p>
          <p>
            主办单位：{a.footer_sponsor ?? a.name}
            {a.address ? `　地址：${a.address}` : ''}
            {a.postcode ? `　邮编：${a.postcode}` : ''}
          </p>
          <p>
            {a.phone ? `联系电话：${a.phone}` : ''}
            {a.email ? `　电子邮箱：${a.email}` : ''}
          </p>
          <p class="footer-ids">
            {ids.map((node, i) => (
              <>
                {i > 0 && (
                  <span class="sep" aria-hidden="true">
                    |
                  </span>
                )}
                {node}
              </>
            ))}
          </p>
        </div>
      </div>
    </footer>
  );
}
