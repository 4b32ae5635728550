/** 互动交流 home, the writing form (no JavaScript; captcha with a text alternative; input kept on error), its receipt, and tracking/rating. */
import { Layout, type PageContext } from '../portal/portal.layout.js';
import { CaptchaField, type IssuedCaptcha } from '../captcha/index.js';
import { KIND_LABELS, PORTAL_KINDS, RATINGS, RATING_LABELS } from './interaction.rules.js';
import type { InteractionKind } from './interaction.tables.js';
import type { TrackView } from './correspondent.js';
import type { ConsultationView } from './consultation.js';
import { ErrorSummary, type FormValues, Input, KIND_INTRO, STYLE, crumbs } from './portal.parts.js';

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
