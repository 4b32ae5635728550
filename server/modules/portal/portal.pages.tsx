import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { Layout, type PageContext } from './portal.layout.js';

/** Renders a page component to a complete HTML document. */
export function renderDocument(node: ComponentChildren): string {
  return '<!DOCTYPE html>' + focusableTables(render(node as never));
}

/**
 * On narrow screens every data table scrolls inside its own box (portal.css, WCAG 1.4.10 reflow); a
 * keyboard user must be able to focus that box to scroll it (axe scrollable-region-focusable), without
 * JavaScript. So each table that is not a stacked key–value table (.meta-table) gets tabindex="0".
 */
export function focusableTables(html: string): string {
  return html.replace(/<table(?=[\s>])(?![^>]*\btabindex=)(?![^>]*\bmeta-table\b)/g, '<table tabindex="0"');
}

/** A block on the home page contributed by a module (latest items of a column, notices, …). */
export interface HomeBlock {
  title: string;
  moreHref?: string;
  items: { href: string; title: string; date?: string }[];
  emptyText: string;
}

/** The agency's contact card: every field the 指南 and 第二十条（二） require, from settings. */
export function AgencyCard({ ctx }: { ctx: PageContext }) {
  const a = ctx.agency;
  const rows: [string, string | null][] = [
    ['机关名称', a.name],
    ['办公地址', a.address],
    ['邮政编码', a.postcode],
    ['办公时间', a.office_hours],
    ['联系电话', a.phone],
    ['传真号码', a.fax],
    ['电子邮箱', a.email],
  ];
  return (
    <section class="card" aria-labelledby="agency-info">
      <h2 id="agency-info">机关信息</h2>
      <dl class="meta">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
      </dl>
    </section>
  );
}

export function HomePage({ ctx, blocks }: { ctx: PageContext; blocks: HomeBlock[] }) {
  return (
    <Layout ctx={ctx} title="首页">
      <h1 class="visually-hidden">{ctx.agency.name}政府信息公开</h1>
      <div class="home-grid">
        {blocks.map((b) => (
          <section class="card" aria-label={b.title}>
            <h2>
              {b.title}
              {b.moreHref && (
                <a class="more" href={b.moreHref}>
                  更多<span class="visually-hidden">{b.title}</span>
                </a>
              )}
            </h2>
            {b.items.length === 0 ? (
              <p class="empty">{b.emptyText}</p>
            ) : (
              <ul class="item-list">
                {b.items.map((i) => (
                  <li>
                    <a href={i.href}>{i.title}</a>
                    {i.date && <time dateTime={i.date}>{i.date}</time>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
        <AgencyCard ctx={ctx} />
      </div>
    </Layout>
  );
}

/** Page links for a list: first, last and a window around the current page; keeps other query values. */
export function Pagination(props: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  label?: string;
}) {
  const { page, pageCount, href } = props;
  if (pageCount <= 1) return null;
  const pages: (number | null)[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 2) pages.push(p);
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return (
    <nav class="pagination" aria-label={props.label ?? '分页'}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          上一页
        </a>
      ) : null}
      {pages.map((p) =>
        p === null ? (
          <span class="gap" aria-hidden="true">
            …
          </span>
        ) : p === page ? (
          <span aria-current="page">
            <span class="visually-hidden">第</span>
            {p}
            <span class="visually-hidden">页（当前）</span>
          </span>
        ) : (
          <a href={href(p)}>
            <span class="visually-hidden">第</span>
            {p}
            <span class="visually-hidden">页</span>
          </a>
        ),
      )}
      {page < pageCount ? (
        <a href={href(page + 1)} rel="next">
          下一页
        </a>
      ) : null}
      <span class="muted page-info">
        第 {page} / {pageCount} 页
      </span>
    </nav>
  );
}

/** A Chinese error page that needs no agency (used for 404/500 anywhere). */
export function ErrorPage({ status, requestId }: { status: number; requestId: string }) {
  const notFound = status === 404;
  const title = notFound ? '页面不存在' : status >= 500 ? '服务暂时不可用' : '请求无法完成';
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/portal.css" />
      </head>
      <body>
        <main id="main" class="wrap error-page">
          <h1>
            {status} {title}
          </h1>
          <p>
            {notFound
              ? '您访问的页面不存在或已被移除。请检查网址，或返回首页查找所需信息。'
              : status >= 500
                ? '服务器处理您的请求时出现问题，请稍后再试。'
                : '您的请求无法完成，请返回上一页重试。'}
          </p>
          {status >= 500 && <p class="muted">请求编号：{requestId}（联系网站管理员时请提供）</p>}
          <p>
            <a href="/">返回首页</a>
          </p>
        </main>
      </body>
    </html>
  );
}
