/** Published letters (search, kind and month filters), public consultations with comments, and the statistics page. */
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { Pagination } from '../portal/portal.pages.js';
import { CaptchaField, type IssuedCaptcha } from '../captcha/index.js';
import { KIND_LABELS, PORTAL_KINDS, type StatCell } from './interaction.rules.js';
import type { InteractionKind } from './interaction.tables.js';
import type { PublicLetterPage, PublicLetterView } from './publication.js';
import type { CommentView, ConsultationView } from './consultation.js';
import { ErrorSummary, type FormValues, Input, STYLE, crumbs } from './portal.parts.js';

function monthLabel(m: string): string {
  return `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
}

export function LettersPage(props: {
  ctx: PageContext;
  q: string;
  kind: InteractionKind | '';
  month: string;
  months: string[];
  page: number;
  result: PublicLetterPage;
}) {
  const { ctx, result } = props;
  const href = (page: number) => {
    const p = new URLSearchParams();
    if (props.q) p.set('q', props.q);
    if (props.kind) p.set('kind', props.kind);
    if (props.month) p.set('month', props.month);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return `${ctx.base}/hudong/letters${s ? `?${s}` : ''}`;
  };
  return (
    <Layout
      ctx={ctx}
      title="来信选登"
      breadcrumbs={crumbs(ctx, { href: `${ctx.base}/hudong/letters`, label: '来信选登' })}
    >
      <style>{STYLE}</style>
      <h1>来信选登</h1>
      <form class="hd-filters" method="get" action={`${ctx.base}/hudong/letters`} role="search">
        <div>
          <label for="l-q">关键词</label>
          <input id="l-q" name="q" type="search" maxLength={100} value={props.q} />
        </div>
        <div>
          <label for="l-kind">类别</label>
          <select id="l-kind" name="kind">
            <option value="">全部</option>
            {PORTAL_KINDS.map((k) => (
              <option value={k} selected={props.kind === k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="l-month">公开月份</label>
          <select id="l-month" name="month">
            <option value="">全部</option>
            {props.months.map((m) => (
              <option value={m} selected={props.month === m}>
                {monthLabel(m)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">查询</button>
      </form>
      {result.notice && <p role="status">{result.notice}</p>}
      <p role="status">
        共{result.total}
        {result.totalCapped ? '条以上' : '条'}
      </p>
      {result.items.length === 0 ? (
        <p>没有符合条件的信件。</p>
      ) : (
        <ul class="item-list">
          {result.items.map((i) => (
            <li>
              <a href={`${ctx.base}/hudong/letters/${i.id}`}>
                {i.titleHtml ? <span dangerouslySetInnerHTML={{ __html: i.titleHtml }} /> : i.subject}
              </a>{' '}
              <span class="tag">{i.kindLabel}</span>
              {i.snippetHtml && <p class="snippet" dangerouslySetInnerHTML={{ __html: i.snippetHtml }} />}
              <span class="muted">
                {i.replyUnit ? `${i.replyUnit} ` : ''}
                {i.repliedOn ? `答复于${i.repliedOn}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={props.page} pageCount={result.pageCount} href={href} />
    </Layout>
  );
}

export function LetterPage(props: { ctx: PageContext; letter: PublicLetterView }) {
  const { ctx, letter } = props;
  return (
    <Layout
      ctx={ctx}
      title={letter.subject}
      breadcrumbs={crumbs(ctx, { href: `${ctx.base}/hudong/letters`, label: '来信选登' })}
    >
      <style>{STYLE}</style>
      <article class="hd-letter">
        <h1>{letter.subject}</h1>
        <dl class="meta">
          <dt>编号</dt>
          <dd>{letter.number}</dd>
          <dt>类别</dt>
          <dd>{letter.kindLabel}</dd>
          <dt>来信日期</dt>
          <dd>{letter.receivedOn}</dd>
          <dt>答复日期</dt>
          <dd>{letter.repliedOn ?? ''}</dd>
          <dt>答复单位</dt>
          <dd>{letter.replyUnit ?? ''}</dd>
        </dl>
        <h2>来信内容</h2>
        <div class="qa">{letter.question}</div>
        <h2>答复内容</h2>
        <div class="qa">{letter.reply}</div>
      </article>
    </Layout>
  );
}

export function ConsultationsPage(props: {
  ctx: PageContext;
  open: ConsultationView[];
  closed: ConsultationView[];
  closedTotal: number;
  /** more ended consultations than `closedTotal` (the count stops at its cap) */
  closedMore?: boolean;
  page: number;
  pageSize: number;
}) {
  const { ctx } = props;
  const pageCount = Math.max(1, Math.ceil(props.closedTotal / props.pageSize));
  const list = (items: ConsultationView[], empty: string) =>
    items.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul class="item-list">
        {items.map((c) => (
          <li>
            <a href={`${ctx.base}/hudong/consultations/${c.id}`}>{c.title}</a>{' '}
            <span class="tag">{c.stateLabel}</span>{' '}
            <span class="muted">
              {c.opensOn}至{c.closesOn}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <Layout
      ctx={ctx}
      title="意见征集"
      breadcrumbs={crumbs(ctx, { href: `${ctx.base}/hudong/consultations`, label: '意见征集' })}
    >
      <style>{STYLE}</style>
      <h1>意见征集</h1>
      <h2>正在征集</h2>
      {list(props.open, '目前没有正在征集意见的草案。')}
      <h2>已结束</h2>
      <p role="status">
        共{props.closedTotal}
        {props.closedMore ? '+' : ''}项
      </p>
      {list(props.closed, props.page > 1 ? '本页没有内容。' : '暂无。')}
      <Pagination
        page={props.page}
        pageCount={pageCount}
        href={(n) => `${ctx.base}/hudong/consultations${n > 1 ? `?page=${n}` : ''}`}
      />
    </Layout>
  );
}

export function ConsultationPage(props: {
  ctx: PageContext;
  c: ConsultationView & { comments: CommentView[]; draftItem: { id: string; title: string } | null };
  values: FormValues;
  errors: Record<string, string>;
  captcha: IssuedCaptcha | null;
  notice?: string;
}) {
  const { ctx, c, values, errors } = props;
  const action = `${ctx.base}/hudong/consultations/${c.id}`;
  return (
    <Layout
      ctx={ctx}
      title={c.title}
      breadcrumbs={crumbs(ctx, { href: `${ctx.base}/hudong/consultations`, label: '意见征集' })}
    >
      <style>{STYLE}</style>
      <article>
        <h1>{c.title}</h1>
        <dl class="meta">
          <dt>征集时间</dt>
          <dd>
            {c.opensOn}至{c.closesOn}
          </dd>
          <dt>状态</dt>
          <dd>{c.stateLabel}</dd>
          {c.majorDecision && (
            <>
              <dt>事项性质</dt>
              <dd>重大行政决策</dd>
            </>
          )}
          {c.shortPeriodReason && (
            <>
              <dt>征集期限说明</dt>
              <dd>{c.shortPeriodReason}</dd>
            </>
          )}
        </dl>
        <p class="pre">{c.summary}</p>
        {c.draftItem && (
          <p>
            草案已在政府信息公开目录发布：
            <a href={`${ctx.base}/items/${c.draftItem.id}`}>{c.draftItem.title}</a>
          </p>
        )}
        <h2>草案全文</h2>
        <div class="pre qa">{c.draftText}</div>
        {c.resultPublishedAt && (
          <section aria-labelledby="c-result">
            <h2 id="c-result">意见采纳情况</h2>
            <p>
              共收到意见{c.commentCount}条，采纳{c.adoptedCount}条。
            </p>
            <div class="pre">{c.adoptionSummary}</div>
            <h2>最终文件</h2>
            <div class="pre qa">{c.finalText}</div>
          </section>
        )}
        {c.comments.length > 0 && (
          <section aria-labelledby="c-comments">
            <h2 id="c-comments">公众意见（经审核展示）</h2>
            <ul>
              {c.comments.map((cm) => (
                <li>
                  <p class="pre">{cm.body}</p>
                  <p class="muted">
                    {cm.author ?? '匿名'}
                    {c.resultPublishedAt && cm.adopted !== null
                      ? `　${cm.adopted ? '已采纳' : '未采纳'}${cm.adoptionNote ? `：${cm.adoptionNote}` : ''}`
                      : ''}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        )}
        {c.commentDisplay === 'hidden' && c.state === 'open' && <p>本次征集的意见不在网站公开展示。</p>}
      </article>
      {props.notice && (
        <div class="hd-ok" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {c.state === 'open' && props.captcha && (
        <>
          <h2>提交意见</h2>
          <ErrorSummary errors={errors} />
          <form class="hd-form" method="post" action={action} noValidate>
            <fieldset>
              <legend>您的意见</legend>
              <Input
                name="body"
                label="意见内容"
                values={values}
                errors={errors}
                required
                textarea
                maxLength={2000}
                hint="不超过2000字。"
              />
              <Input
                name="author"
                label="姓名或单位"
                values={values}
                errors={errors}
                maxLength={50}
                hint="可不填。"
              />
            </fieldset>
            <CaptchaField captcha={props.captcha} error={errors.captcha} />
            <button type="submit">提交意见</button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function StatsPage(props: {
  ctx: PageContext;
  from: string;
  to: string;
  cells: StatCell[];
  chartSvg: string;
}) {
  const { ctx, cells } = props;
  const q = `from=${props.from}&to=${props.to}`;
  return (
    <Layout
      ctx={ctx}
      title="互动交流统计"
      breadcrumbs={crumbs(ctx, { href: `${ctx.base}/hudong/stats`, label: '统计' })}
    >
      <style>{STYLE}</style>
      <h1>互动交流统计</h1>
      <form class="hd-filters" method="get" action={`${ctx.base}/hudong/stats`}>
        <div>
          <label for="s-from">起始月份</label>
          <input id="s-from" name="from" type="month" value={props.from} />
        </div>
        <div>
          <label for="s-to">截止月份</label>
          <input id="s-to" name="to" type="month" value={props.to} />
        </div>
        <button type="submit">统计</button>
      </form>
      <p>
        下载：<a href={`${ctx.base}/hudong/stats.csv?${q}`}>CSV</a>　
        <a href={`${ctx.base}/hudong/stats.json?${q}`}>JSON</a>
      </p>
      <figure class="hd-chart" aria-labelledby="s-cap">
        <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: props.chartSvg }} />
        <figcaption id="s-cap">各月收件数（按类别）；数据见下表。</figcaption>
      </figure>
      <table class="hd-table">
        <caption>
          {props.from}至{props.to}各月各类别办理情况
        </caption>
        <thead>
          <tr>
            <th scope="col">月份</th>
            <th scope="col">类别</th>
            <th scope="col">收件</th>
            <th scope="col">受理</th>
            <th scope="col">答复</th>
            <th scope="col">按期答复</th>
            <th scope="col">平均办理工作日</th>
            <th scope="col">满意率</th>
          </tr>
        </thead>
        <tbody>
          {cells.length === 0 ? (
            <tr>
              <td colSpan={8}>该期间没有数据</td>
            </tr>
          ) : (
            cells.map((c) => (
              <tr>
                <td>{c.month}</td>
                <td>{KIND_LABELS[c.kind]}</td>
                <td>{c.received}</td>
                <td>{c.accepted}</td>
                <td>{c.answered}</td>
                <td>{c.answeredOnTime}</td>
                <td>{c.avgWorkdays ?? '—'}</td>
                <td>{c.satisfactionRate === null ? '—' : `${c.satisfactionRate}%`}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Layout>
  );
}
