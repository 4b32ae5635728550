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
        <link rel="stylesheet" href="/static/portal.css" />
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
            <div class="view-tools" role="group" aria-label="浏览辅助">
              <a href={prefLink(ctx, 'large', !ctx.prefs.largeFont)}>
                {ctx.prefs.largeFont ? '标准字体' : '大字体（长者模式）'}
              </a>
              <a href={prefLink(ctx, 'contrast', !ctx.prefs.highContrast)}>
                {ctx.prefs.highContrast ? '标准配色' : '高对比度'}
              </a>
            </div>
          </div>
          <nav class="site-nav" aria-label="主导航">
            <ul class="wrap">
              {ctx.nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === ctx.path ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
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
              {props.breadcrumbs.map((b) => (
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
        <Footer agency={a} />
      </body>
    </html>
  );
}

/** The statutory footer (政府网站发展指引): 主办单位, contact, 网站标识码, ICP备案号, 公安机关备案号. */
export function Footer({ agency: a }: { agency: Org }) {
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          主办单位：{a.footer_sponsor ?? a.name}
          {a.address ? `　地址：${a.address}` : ''}
          {a.postcode ? `　邮编：${a.postcode}` : ''}
        </p>
        <p>
          {a.phone ? `联系电话：${a.phone}` : ''}
          {a.email ? `　电子邮箱：${a.email}` : ''}
        </p>
        <p>
          {a.site_code && <span>网站标识码：{a.site_code}</span>}
          {a.icp_number && (
            <span>
              　<a href="https://beian.miit.gov.cn/">{a.icp_number}</a>
            </span>
          )}
          {a.police_record_number && <span>　{a.police_record_number}</span>}
        </p>
      </div>
    </footer>
  );
}
