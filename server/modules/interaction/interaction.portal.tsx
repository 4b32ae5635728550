/**
 * Public portal pages of 互动交流 (/hudong…): the writing form (no JavaScript needed; captcha with a
 * text alternative; input kept on error), the tracking and rating page, published letters (search,
 * kind and month filters), consultations and statistics. Everything user-supplied is rendered as
 * text (preact escapes it); the only raw markup is the server-made chart SVG and search highlights
 * that the search index escaped itself.
 */
import { Layout, type NavItem, type PageContext } from '../portal/portal.layout.js';
import { Pagination } from '../portal/portal.pages.js';
import { CaptchaField, type IssuedCaptcha } from '../captcha/index.js';
import { KIND_LABELS, PORTAL_KINDS, RATINGS, RATING_LABELS, type StatCell } from './interaction.rules.js';
import type { InteractionKind } from './interaction.tables.js';
import type { TrackView } from './correspondent.js';
import type { PublicLetterPage, PublicLetterView } from './publication.js';
import type { CommentView, ConsultationView } from './consultation.js';

export type FormValues = Record<string, string>;

const STYLE = `
.hd-form fieldset{border:1px solid #ccc;padding:8px 16px 16px;margin:16px 0;max-width:680px}
.hd-form legend{font-weight:700;padding:0 6px}
.hd-form label{display:block;margin-top:10px}
.hd-form input[type=text],.hd-form input[type=tel],.hd-form input[type=email],.hd-form input[type=password],.hd-form textarea,.hd-form select{width:100%;max-width:100%;box-sizing:border-box}
.hd-form .check label{display:inline;margin:0}
.hd-form .hint{color:#555;font-size:.9em;margin:2px 0 0}
.hd-form .field-error{color:#a00000;font-weight:600;margin:4px 0 0}
.hd-form [aria-invalid=true]{border:2px solid #a00000}
.hd-errors{border:2px solid #a00000;background:#fff4f4;padding:8px 16px;margin:12px 0}
.hd-ok{border:2px solid #1a7f37;background:#f3fbf5;padding:12px 16px;margin:12px 0}
.hd-code{font-size:1.4em;font-weight:700;letter-spacing:.1em;font-family:monospace}
.hd-kinds{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px;padding:0;list-style:none}
.hd-kinds li{border:1px solid #ccc;padding:12px}
.hd-letter .qa{white-space:pre-wrap;border-left:4px solid #1f5fa8;padding:4px 12px;margin:8px 0}
.hd-filters{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.hd-filters label{display:block}
.hd-table{border-collapse:collapse;width:100%;overflow-x:auto;display:block}
.hd-table th,.hd-table td{border:1px solid #bbb;padding:4px 8px;text-align:right;white-space:nowrap}
.hd-table th:first-child,.hd-table td:first-child,.hd-table td:nth-child(2){text-align:left}
.hd-chart svg{max-width:100%;height:auto}
.pre{white-space:pre-wrap}
`;

const crumbs = (ctx: PageContext, ...more: NavItem[]): NavItem[] => [
  { href: `${ctx.base}/`, label: '首页' },
  { href: `${ctx.base}/hudong`, label: '互动交流' },
  ...more,
];

function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const list = Object.entries(errors);
  if (list.length === 0) return null;
  return (
    <div class="hd-errors" role="alert" aria-labelledby="hd-err-title">
      <h2 id="hd-err-title">提交未成功，请修改以下{list.length}处后重新提交：</h2>
      <ul>
        {list.map(([field, msg]) => (
          <li>
            <a href={`#f-${field}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Input(props: {
  name: string;
  label: string;
  values: FormValues;
  errors: Record<string, string>;
  required?: boolean;
  hint?: string;
  type?: string;
  textarea?: boolean;
  maxLength: number;
  autocomplete?: string;
}) {
  const id = `f-${props.name}`;
  const err = props.errors[props.name];
  const describedBy =
    [props.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.required ? '（必填）' : '（选填）'}
      </label>
      {props.textarea ? (
        <textarea
          id={id}
          name={props.name}
          rows={8}
          maxLength={props.maxLength}
          required={props.required}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          {props.values[props.name] ?? ''}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type={(props.type ?? 'text') as 'text'}
          value={props.values[props.name] ?? ''}
          maxLength={props.maxLength}
          required={props.required}
          autocomplete={props.autocomplete}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {err && (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      )}
    </div>
  );
}

const KIND_INTRO: Record<InteractionKind, string> = {
  mailbox: '向局领导反映问题、提出意见建议。',
  consult: '咨询政府信息公开、政策规定和办事程序。',
  complaint: '投诉举报安全生产隐患和违法违规行为（12350），可以匿名；举报人信息严格保密。',
  hotline: '',
  site_error: '发现本网站内容错误、链接失效、无法访问等问题，请告诉我们，3个工作日内答复。',
};

export function HudongHome(props: { ctx: PageContext; open: ConsultationView[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="互动交流" breadcrumbs={crumbs(ctx)}>
      <style>{STYLE}</style>
      <h1>互动交流</h1>
      <h2>我要写信</h2>
      <ul class="hd-kinds">
        {PORTAL_KINDS.map((k) => (
          <li>
            <h3>
              <a
                href={
                  k === 'site_error' ? `${ctx.base}/hudong/zhaocuo` : `${ctx.base}/hudong/write?kind=${k}`
                }
              >
                {KIND_LABELS[k]}
              </a>
            </h3>
            <p>{KIND_INTRO[k]}</p>
          </li>
        ))}
      </ul>
      <h2>查询与公开</h2>
      <ul>
        <li>
          <a href={`${ctx.base}/hudong/track`}>答复查询与评价</a>（凭编号和查询码）
        </li>
        <li>
          <a href={`${ctx.base}/hudong/letters`}>来信选登</a>
        </li>
        <li>
          <a href={`${ctx.base}/hudong/consultations`}>意见征集</a>
          {props.open.length > 0 ? `（正在征集${props.open.length}项）` : ''}
        </li>
        <li>
          <a href={`${ctx.base}/hudong/stats`}>互动交流统计</a>
        </li>
      </ul>
    </Layout>
  );
}

export function WritePage(props: {
  ctx: PageContext;
  kind: InteractionKind | null;
  values: FormValues;
  errors: Record<string, string>;
  captcha: IssuedCaptcha;
  action: string;
}) {
  const { ctx, values, errors } = props;
  const kind = props.kind;
  const title = kind ? `${KIND_LABELS[kind]}` : '我要写信';
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, { href: props.action, label: title })}>
      <style>{STYLE}</style>
      <h1>{title}</h1>
      {kind && <p>{KIND_INTRO[kind]}</p>}
      <p>
        提交后您将获得编号和查询码，请妥善保存，凭编号和查询码查看答复并评价。属于申请获取政府信息的，请通过
        <a href={`${ctx.base}/apply`}>依申请公开</a>
        提出；误写在这里的，我们会转为依申请公开办理，收到日期不变。
      </p>
      <ErrorSummary errors={errors} />
      <form class="hd-form" method="post" action={props.action} noValidate>
        <fieldset>
          <legend>留言内容</legend>
          {kind ? (
            <input type="hidden" name="kind" value={kind} />
          ) : (
            <div>
              <label for="f-kind">留言类别（必填）</label>
              <select id="f-kind" name="kind" required aria-invalid={errors.kind ? 'true' : undefined}>
                <option value="">请选择</option>
                {PORTAL_KINDS.filter((k) => k !== 'site_error').map((k) => (
                  <option value={k} selected={values.kind === k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              {errors.kind && <p class="field-error">{errors.kind}</p>}
            </div>
          )}
          <Input name="subject" label="标题" values={values} errors={errors} required maxLength={100} />
          <Input
            name="body"
            label={kind === 'site_error' ? '问题描述（请写明出错的网页地址）' : '内容'}
            values={values}
            errors={errors}
            required
            textarea
            maxLength={5000}
            hint="不超过5000字。"
          />
        </fieldset>
        <fieldset>
          <legend>联系方式</legend>
          {kind === 'complaint' && (
            <div class="check">
              <input
                id="f-anonymous"
                type="checkbox"
                name="anonymous"
                value="1"
                checked={values.anonymous === '1'}
              />{' '}
              <label for="f-anonymous">
                匿名举报（不留姓名和联系方式；匿名举报无法接收答复通知，可凭编号和查询码查看）
              </label>
              {errors.anonymous && <p class="field-error">{errors.anonymous}</p>}
            </div>
          )}
          <Input
            name="name"
            label="姓名"
            values={values}
            errors={errors}
            maxLength={50}
            autocomplete="name"
            required={kind !== 'complaint'}
            hint={kind === 'complaint' ? '匿名举报可不填。' : undefined}
          />
          <Input
            name="phone"
            label="联系电话"
            type="tel"
            values={values}
            errors={errors}
            maxLength={30}
            autocomplete="tel"
            hint="联系电话和电子邮箱至少填写一项。"
          />
          <Input
            name="email"
            label="电子邮箱"
            type="email"
            values={values}
            errors={errors}
            maxLength={100}
            autocomplete="email"
          />
          <Input
            name="address"
            label="通信地址"
            values={values}
            errors={errors}
            maxLength={200}
            autocomplete="street-address"
          />
          <fieldset>
            <legend>答复后通知我</legend>
            {[
              ['', '不需要通知'],
              ['sms', '短信通知'],
              ['email', '邮件通知'],
            ].map(([v, l]) => (
              <div class="check">
                <input
                  id={`f-notifyBy-${v || 'none'}`}
                  type="radio"
                  name="notifyBy"
                  value={v}
                  checked={(values.notifyBy ?? '') === v}
                />{' '}
                <label for={`f-notifyBy-${v || 'none'}`}>{l}</label>
              </div>
            ))}
            {errors.notifyBy && (
              <p class="field-error" id="f-notifyBy">
                {errors.notifyBy}
              </p>
            )}
          </fieldset>
          {kind !== 'complaint' && (
            <div class="check">
              <input
                id="f-publishConsent"
                type="checkbox"
                name="publishConsent"
                value="1"
                checked={values.publishConsent === '1'}
              />{' '}
              <label for="f-publishConsent">同意在去除姓名和联系方式后公开本留言及答复（选登）</label>
            </div>
          )}
        </fieldset>
        <CaptchaField captcha={props.captcha} error={errors.captcha} />
        <button type="submit">提交</button>
      </form>
    </Layout>
  );
}

export function WriteDonePage(props: { ctx: PageContext; number: string; queryCode: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="提交成功" breadcrumbs={crumbs(ctx)}>
      <style>{STYLE}</style>
      <div class="hd-ok" role="status">
        <h1>提交成功</h1>
        <p>
          编号：<span class="hd-code">{props.number}</span>
        </p>
        <p>
          查询码：<span class="hd-code">{props.queryCode}</span>
        </p>
        <p>查询码只显示这一次，请记下或截图保存。凭编号和查询码可查看办理情况和答复。</p>
      </div>
      <p>
        <a href={`${ctx.base}/hudong/track`}>查询答复</a>
      </p>
    </Layout>
  );
}

export function TrackPage(props: {
  ctx: PageContext;
  view?: TrackView;
  number?: string;
  error?: string;
  errors?: Record<string, string>;
  notice?: string;
}) {
  const { ctx, view } = props;
  const errors = props.errors ?? {};
  return (
    <Layout
      ctx={ctx}
      title="答复查询与评价"
      breadcrumbs={crumbs(ctx, { href: `${ctx.base}/hudong/track`, label: '答复查询' })}
    >
      <style>{STYLE}</style>
      <h1>答复查询与评价</h1>
      {props.error && (
        <div class="hd-errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {props.notice && (
        <div class="hd-ok" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {!view && (
        <form class="hd-form" method="post" action={`${ctx.base}/hudong/track`}>
          <fieldset>
            <legend>请输入编号和查询码</legend>
            <label for="t-number">编号（必填）</label>
            <input
              id="t-number"
              name="number"
              type="text"
              required
              maxLength={60}
              value={props.number ?? ''}
              autocomplete="off"
            />
            <label for="t-code">查询码（必填）</label>
            <input id="t-code" name="queryCode" type="password" required maxLength={40} autocomplete="off" />
          </fieldset>
          <button type="submit">查询</button>
        </form>
      )}
      {view && (
        <section class="hd-letter" aria-labelledby="t-title">
          <h2 id="t-title">{view.subject}</h2>
          <dl class="meta">
            <dt>编号</dt>
            <dd>{view.number}</dd>
            <dt>类别</dt>
            <dd>{view.kindLabel}</dd>
            <dt>收到日期</dt>
            <dd>{view.receivedOn}</dd>
            <dt>办理状态</dt>
            <dd>{view.statusLabel}</dd>
          </dl>
          {view.note && <p>{view.note}</p>}
          {view.reply && (
            <>
              <h3>
                答复（{view.replyUnit}，{view.repliedOn}）
              </h3>
              <div class="qa">{view.reply}</div>
            </>
          )}
          {view.rating && (
            <p>
              您的评价：{view.rating}
              {view.ratingComment ? `（${view.ratingComment}）` : ''}
            </p>
          )}
          {view.canRate && (
            <form class="hd-form" method="post" action={`${ctx.base}/hudong/rate`}>
              <fieldset>
                <legend>请评价本次答复（必选）</legend>
                {RATINGS.map((r) => (
                  <div class="check">
                    <input id={`r-${r}`} type="radio" name="rating" value={r} required />{' '}
                    <label for={`r-${r}`}>{RATING_LABELS[r]}</label>
                  </div>
                ))}
                {errors.rating && <p class="field-error">{errors.rating}</p>}
                <label for="f-comment">评价意见（选“不满意”时必填）</label>
                <textarea
                  id="f-comment"
                  name="comment"
                  rows={4}
                  maxLength={2000}
                  aria-invalid={errors.comment ? 'true' : undefined}
                ></textarea>
                {errors.comment && <p class="field-error">{errors.comment}</p>}
                {view.mayReopen && <p class="hint">选择“不满意”的，我们将重新办理一次。</p>}
              </fieldset>
              <button type="submit">提交评价</button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}

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
}) {
  const { ctx } = props;
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
      {list(props.closed, '暂无。')}
    </Layout>
  );
}

export function ConsultationPage(props: {
  ctx: PageContext;
  c: ConsultationView & { comments: CommentView[] };
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
