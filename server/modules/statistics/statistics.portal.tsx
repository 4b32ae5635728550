/**
 * 政务公开数据: the public statistics page of an agency (server-rendered, no JavaScript needed). Every
 * figure is a count or a rate (no personal data). Each chart is an SVG rendered on the server and
 * hidden from assistive technology; the table under it carries the same numbers. Downloads: the whole
 * page as JSON (/tongji.json) and every table as CSV (/tongji/<table>.csv), with stable column keys.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { routeSchema } from '../../../contract/common.js';
import * as C from '../../../contract/statistics.js';
// Sections and charts are the contract's (the console shows the same, plus its per-agency roll-up).
import { TABLE_SECTIONS, tableChart } from '../../../contract/statistics.display.js';
import { todayInChina } from '../../platform/clock.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { renderDocument } from '../portal/portal.pages.js';
import { portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { publicStatistics } from './statistics.service.js';
import { barChartSvg } from './statistics.chart.js';
import { formatCell, tableCsv, type PeriodQuery, type StatTable, type TableKey } from './statistics.rules.js';
import type { Summary } from './statistics.build.js';

type Query = Record<string, string | undefined>;
type PublicView = Awaited<ReturnType<typeof publicStatistics>>;

/** The tables shown to the public (the per-agency roll-up is the console's). */
export const PUBLIC_TABLES: readonly TableKey[] = C.TABLE_KEYS.filter((k) => k !== 'agencies');

const STYLE = `
.st-filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;margin:8px 0 16px}
.st-filters label{display:block;font-weight:600}
.st-filters select,.st-filters input{min-height:32px}
.st-summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:12px 0;padding:0}
.st-summary div{border:1px solid #b0b7c3;padding:8px 12px}
.st-summary dt{font-size:.9em;color:#333}.st-summary dd{margin:4px 0 0;font-size:1.4em;font-weight:700;color:#1f4e8c}
.st-chart{margin:8px 0;max-width:100%}
.st-chart svg{max-width:100%;height:auto;display:block}
.st-scroll{max-width:100%;overflow-x:auto}
.st-table{border-collapse:collapse;min-width:50%}
.st-table caption{text-align:left;font-weight:700;padding:4px 0}
.st-table th,.st-table td{border:1px solid #8a929e;padding:4px 8px;text-align:right}
.st-table th[scope=row],.st-table td.t,.st-table th.t{text-align:left}
.st-table th.n,.st-table td.n{white-space:nowrap}
.st-dl{margin:4px 0 20px;font-size:.95em}
.st-note{color:#333;font-size:.95em}
.st-errors{border:2px solid #a00000;padding:8px 16px;margin:12px 0}
`;

/** The page's query as the service's period query; malformed numbers are dropped (validation message). */
export function periodOf(q: Query): PeriodQuery {
  const int = (v: string | undefined) => (v && /^\d{1,4}$/.test(v) ? Number(v) : undefined);
  const kind = (C.PERIOD_KINDS as readonly string[]).includes(q.period ?? '')
    ? (q.period as PeriodQuery['period'])
    : undefined;
  const out: PeriodQuery = {};
  if (kind) out.period = kind;
  const year = int(q.year);
  const quarter = int(q.quarter);
  const month = int(q.month);
  if (year !== undefined) out.year = year;
  if (quarter !== undefined && kind === 'quarter') out.quarter = quarter;
  if (month !== undefined && kind === 'month') out.month = month;
  if (kind === 'custom') {
    if (q.from) out.from = q.from;
    if (q.to) out.to = q.to;
  }
  return out;
}

function queryString(p: PublicView['period']): string {
  const s = new URLSearchParams({ period: p.kind });
  if (p.kind === 'custom') {
    s.set('from', p.from);
    s.set('to', p.to);
  } else {
    s.set('year', String(p.year));
    if (p.quarter) s.set('quarter', String(p.quarter));
    if (p.month) s.set('month', String(p.month));
  }
  return s.toString();
}

function SummaryList({ s }: { s: Summary }) {
  const items: [string, string][] = [
    ['主动公开信息', `${s.published}条`],
    ['收到政府信息公开申请', `${s.requestsReceived}件`],
    ['办结申请', `${s.requestsAnswered}件`],
    ['平均答复用时', s.avgWorkdays === null ? '—' : `${s.avgWorkdays}个工作日`],
    ['逾期率', s.overdueRate === null ? '—' : `${s.overdueRate}%`],
    ['互动交流收件', `${s.interactionReceived}件`],
    ['互动按期答复率', s.onTimeRate === null ? '—' : `${s.onTimeRate}%`],
    ['“双公示”决定', `${s.decisions}件`],
  ];
  return (
    <dl class="st-summary">
      {items.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function chartOf(t: StatTable): string | null {
  const chart = tableChart(t);
  return chart ? barChartSvg({ title: t.title, ...chart }) : null;
}

function TableBlock({ ctx, t, qs }: { ctx: PageContext; t: StatTable; qs: string }) {
  const svg = chartOf(t);
  const visible = t.columns.filter(
    (c) => !(c.kind === 'text' && c.key.endsWith('_row')) && !isCode(t, c.key),
  );
  const capId = `cap-${t.key}`;
  return (
    <section aria-labelledby={`h-${t.key}`}>
      <h3 id={`h-${t.key}`}>{t.title}</h3>
      {svg && <div class="st-chart" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />}
      <div class="st-scroll" tabIndex={0} role="region" aria-labelledby={capId}>
        <table class="st-table">
          <caption id={capId}>{t.title}（数据表）</caption>
          <thead>
            <tr>
              {visible.map((c) => (
                <th scope="col" class={c.kind === 'text' ? 't' : 'n'}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.length === 0 ? (
              <tr>
                <td colSpan={visible.length} class="t">
                  该期间没有数据
                </td>
              </tr>
            ) : (
              t.rows.map((r) => (
                <tr>
                  {visible.map((c, i) =>
                    i === 0 && c.kind === 'text' ? (
                      <th scope="row">{formatCell(r[c.key] ?? null, c.kind)}</th>
                    ) : (
                      <td class={c.kind === 'text' ? 't' : 'n'}>{formatCell(r[c.key] ?? null, c.kind)}</td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p class="st-dl">
        下载本表：<a href={`${ctx.base}/tongji/${t.key}.csv?${qs}`}>CSV</a>
      </p>
    </section>
  );
}

/** Code columns (channel, kind …) stay in the downloads; the page shows their names. */
function isCode(t: StatTable, key: string): boolean {
  return t.columns.some((c) => c.key === `${key}_name`);
}

function Filters({ ctx, view, today }: { ctx: PageContext; view: PublicView | null; today: string }) {
  const p = view?.period;
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  return (
    <form class="st-filters" method="get" action={`${ctx.base}/tongji`}>
      <div>
        <label for="st-period">统计期间</label>
        <select id="st-period" name="period">
          {(
            [
              ['year', '年度'],
              ['quarter', '季度'],
              ['month', '月度'],
              ['custom', '自定义'],
            ] as const
          ).map(([v, l]) => (
            <option value={v} selected={p?.kind === v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="st-year">年份</label>
        <select id="st-year" name="year">
          {years.map((y) => (
            <option value={String(y)} selected={p?.year === y}>
              {y}年
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="st-quarter">季度（按季度统计时）</label>
        <select id="st-quarter" name="quarter">
          {[1, 2, 3, 4].map((q) => (
            <option value={String(q)} selected={p?.quarter === q}>
              第{q}季度
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="st-month">月份（按月统计时）</label>
        <select id="st-month" name="month">
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option value={String(m)} selected={p?.month === m}>
              {m}月
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="st-from">起始日期（自定义时）</label>
        <input
          id="st-from"
          name="from"
          type="date"
          value={p?.kind === 'custom' ? p.from : `${thisYear}-01-01`}
        />
      </div>
      <div>
        <label for="st-to">截止日期（自定义时）</label>
        <input id="st-to" name="to" type="date" value={p?.kind === 'custom' ? p.to : today} />
      </div>
      <button type="submit">统计</button>
    </form>
  );
}

export function StatisticsPage(props: {
  ctx: PageContext;
  view: PublicView | null;
  error?: string;
  today: string;
}) {
  const { ctx, view } = props;
  const qs = view ? queryString(view.period) : '';
  const byKey = new Map(view?.tables.map((t) => [t.key, t]) ?? []);
  return (
    <Layout
      ctx={ctx}
      title="政务公开数据"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/tongji`, label: '政务公开数据' },
      ]}
    >
      <style>{STYLE}</style>
      <h1>政务公开数据</h1>
      <p class="st-note">
        {ctx.agency.name}
        主动公开、依申请公开、互动交流和“双公示”工作的统计数据。数字均为件数或比率，不含个人信息；日期按北京时间计算，
        答复用时按工作日计算（法定节假日和调休依工作日历）。
      </p>
      <Filters ctx={ctx} view={view} today={props.today} />
      {props.error && (
        <div class="st-errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {view && (
        <>
          <h2>{view.period.label}概况</h2>
          <p class="st-note">
            统计期间：{view.period.from}至{view.period.to}。下载全部数据：
            <a href={`${ctx.base}/tongji.json?${qs}`}>JSON</a>
          </p>
          <SummaryList s={view.summary} />
          {TABLE_SECTIONS.map((s) => (
            <>
              <h2>{s.title}</h2>
              {s.tables.map((k) => {
                const t = byKey.get(k);
                return t ? <TableBlock ctx={ctx} t={t} qs={qs} /> : null;
              })}
            </>
          ))}
          <p class="st-note">
            说明：主动公开按首次发布日期统计；依申请公开的“收到申请”按收到申请之日、“办理结果”按答复之日统计，与政府信息公开工作年度报告表三口径一致；
            逾期指超过法定答复期限（含依法延期、补正和征求意见不计算在内的期间）；互动交流按收件日期统计；“双公示”按决定日期统计。
          </p>
        </>
      )}
    </Layout>
  );
}

function publicView(view: PublicView) {
  return { ...view, tables: view.tables.filter((t) => PUBLIC_TABLES.includes(t.key)) };
}

/** Registers the public page, its downloads, the JSON API by code and the navigation entry. */
export async function statisticsPortal(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  portal.add({
    nav: (_agency, base) => [{ href: `${base}/tongji`, label: '政务公开数据', group: '政务公开' }],
  });

  const load = async (agency: { id: string; name: string }, q: Query) =>
    publicView(await publicStatistics(ctx, { id: agency.id, name: agency.name }, periodOf(q)));

  portalPage(app, '/tongji', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const today = todayInChina(ctx.clock);
    try {
      const view = await load(page.agency, req.query as Query);
      return sendHtml(reply, renderDocument(<StatisticsPage ctx={page} view={view} today={today} />));
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'invalid')
        return sendHtml(
          reply,
          renderDocument(<StatisticsPage ctx={page} view={null} error={err.messageZh} today={today} />),
          400,
        );
      throw err;
    }
  });

  portalPage(app, '/tongji.json', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const view = await load(page.agency, req.query as Query);
    return reply
      .header(
        'content-disposition',
        `attachment; filename="tongji-${view.period.from}-${view.period.to}.json"`,
      )
      .send(view);
  });

  portalPage(app, '/tongji/:table', async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await requirePortal(c, portal, req);
    const { table } = req.params as { table: string };
    const key = table.endsWith('.csv') ? table.slice(0, -4) : '';
    if (!(PUBLIC_TABLES as readonly string[]).includes(key))
      throw notFound('statistics_table', '该统计表不存在');
    const view = await load(page.agency, req.query as Query);
    const t = view.tables.find((x) => x.key === key)!;
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${key}-${view.period.from}-${view.period.to}.csv"`,
      )
      .send(tableCsv(t));
  });

  // The same figures as a documented API for any agency by code.
  app.get(
    '/api/public/statistics/:code',
    {
      config: { access: PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: routeSchema(C.getPublicStatistics),
    },
    async (req) => {
      const agency = await resolvePortalAgency(ctx, undefined, req.params.code);
      if (!agency) throw notFound('agency', '该机关不存在');
      return publicView(await publicStatistics(ctx, { id: agency.id, name: agency.name }, req.query));
    },
  );
}
