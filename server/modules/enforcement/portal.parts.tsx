/** Building blocks shared by the 双公示 portal pages: stylesheet, pager, crumbs, the decision table. */
import { readFileSync } from 'node:fs';
import { type PageContext } from '../portal/portal.layout.js';
import type { Decision } from './enforcement.repository.js';
import { KIND_LABELS, LEGAL_STATUS_LABELS, publicCounterpartyName } from './enforcement.rules.js';

export const CSS = readFileSync(new URL('./assets/enforcement.css', import.meta.url));

export const Styles = () => <link rel="stylesheet" href="/static/enforcement.css" />;

export type Query = Record<string, string | undefined>;

export function href(base: string, path: string, q: Query): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const qs = s.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

export function Pager(props: {
  ctx: PageContext;
  path: string;
  query: Query;
  page: number;
  total: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  const shown = [
    ...new Set([1, props.page - 2, props.page - 1, props.page, props.page + 1, props.page + 2, pages]),
  ]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="分页">
      {props.page > 1 && (
        <a href={href(props.ctx.base, props.path, { ...props.query, page: String(props.page - 1) })}>
          上一页
        </a>
      )}
      {shown.map((p) =>
        p === props.page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(props.ctx.base, props.path, { ...props.query, page: String(p) })}>{p}</a>
        ),
      )}
      {props.page < pages && (
        <a href={href(props.ctx.base, props.path, { ...props.query, page: String(props.page + 1) })}>
          下一页
        </a>
      )}
    </nav>
  );
}

export const yearOptions = (today: string) => {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: 8 }, (_, i) => String(y - i));
};

export function StatusTag({ status }: { status: Decision['legal_status'] }) {
  return <span class={`gk-status gk-status-${status}`}>{LEGAL_STATUS_LABELS[status]}</span>;
}

export const crumbs = (ctx: PageContext, extra: { href: string; label: string }[] = []) => [
  { href: `${ctx.base}/`, label: '首页' },
  { href: `${ctx.base}/shuanggongshi`, label: '双公示' },
  ...extra,
];

export function DecisionTable({ ctx, items }: { ctx: PageContext; items: Decision[] }) {
  return (
    <table class="data gk-decisions">
      <caption class="visually-hidden">行政许可、行政处罚和行政强制决定</caption>
      <thead>
        <tr>
          <th scope="col">类别</th>
          <th scope="col">决定文号</th>
          <th scope="col">行政相对人</th>
          <th scope="col">决定日期</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr>
            <td>{KIND_LABELS[d.kind]}</td>
            <td>
              <a href={`${ctx.base}/shuanggongshi/${d.id}`}>{d.decision_number}</a>
            </td>
            <td>{publicCounterpartyName(d.counterparty_type, d.counterparty_name)}</td>
            <td>
              <time dateTime={d.decision_date}>{d.decision_date}</time>
            </td>
            <td>
              <StatusTag status={d.legal_status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
