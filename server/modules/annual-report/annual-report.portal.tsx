/**
 * Portal pages of the column 政府信息公开年报: the list of published reports, and one page per year
 * (the latest version, its correction history and the downloads). Server-rendered, no JavaScript.
 */
import { chinaDateOf } from '../../platform/clock.js';
import { Layout, type NavItem, type PageContext } from '../portal/portal.layout.js';
import type { VersionRow } from './annual-report.repository.js';
import { ReportBody, REPORT_CSS } from './render/html.js';
import type { ReportDocument } from './render/model.js';

export const REPORTS_PATH = '/reports';
export const REPORTS_LABEL = '政府信息公开年报';

function crumbs(ctx: PageContext, extra: NavItem[] = []): NavItem[] {
  return [
    { href: `${ctx.base}/`, label: '首页' },
    { href: `${ctx.base}${REPORTS_PATH}`, label: REPORTS_LABEL },
    ...extra,
  ];
}

export function ReportListPage({ ctx, versions }: { ctx: PageContext; versions: VersionRow[] }) {
  return (
    <Layout ctx={ctx} title={REPORTS_LABEL} breadcrumbs={crumbs(ctx)}>
      <h1>{REPORTS_LABEL}</h1>
      <p>
        根据《中华人民共和国政府信息公开条例》第四十九条，本机关于每年1月31日前公布上一年度政府信息公开工作年度报告。
      </p>
      {versions.length === 0 ? (
        <p>暂无已发布的年度报告。</p>
      ) : (
        <ul class="list">
          {versions.map((v) => (
            <li>
              <a href={`${ctx.base}${REPORTS_PATH}/${v.year}`}>
                {ctx.agency.name}
                {v.year}年政府信息公开工作年度报告
              </a>
              {v.version > 1 ? <span>（更正版）</span> : null}{' '}
              <time dateTime={chinaDateOf(v.published_at)}>{chinaDateOf(v.published_at)}</time>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ReportPage({
  ctx,
  doc,
  chartSvg,
  version,
  history,
}: {
  ctx: PageContext;
  doc: ReportDocument;
  chartSvg: string;
  version: VersionRow;
  history: VersionRow[];
}) {
  const base = `${ctx.base}${REPORTS_PATH}/${doc.year}`;
  const q = (v: number) => (v === history.at(-1)?.version ? '' : `?version=${v}`);
  return (
    <Layout
      ctx={ctx}
      title={`${doc.year}年政府信息公开工作年度报告`}
      breadcrumbs={crumbs(ctx, [{ href: base, label: `${doc.year}年度` }])}
    >
      <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      <nav class="ar-downloads" aria-label="下载">
        下载：
        <a href={`${base}/download/docx${q(version.version)}`}>Word版</a>　
        <a href={`${base}/download/xlsx${q(version.version)}`}>统计表（Excel）</a>　
        <a href={`${base}/download/html${q(version.version)}`}>网页版</a>
      </nav>
      <ReportBody doc={doc} chartSvg={chartSvg} />
      {history.length > 1 ? (
        <section aria-labelledby="ar-history">
          <h2 id="ar-history">发布与更正记录</h2>
          <ul>
            {history.map((h) => (
              <li>
                <a href={`${base}${q(h.version)}`}>第{h.version}版</a>　{chinaDateOf(h.published_at)}发布
                {h.correction_reason ? `，更正原因：${h.correction_reason}` : '（首次发布）'}
                {h.version === version.version ? '（当前显示）' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
