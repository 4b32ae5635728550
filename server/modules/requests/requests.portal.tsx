/**
 * Public portal pages of 依申请公开: the application form (/apply) and the tracking page (/track).
 * Server-rendered, no JavaScript; every field has a label; errors are listed at the top (role=alert)
 * and next to the field; the user's input is kept. No personal data on the tracking page.
 */
import { Layout, type PageContext } from '../portal/portal.layout.js';
import {
  APPLICANT_TYPE_KEYS,
  APPLICANT_TYPE_LABELS,
  DELIVERY_LABELS,
  FORM_LABELS,
  ID_DOC_LABELS,
} from './requests.rules.js';
import type { TrackingView } from './requests.service.js';
import { CaptchaField, type IssuedCaptcha } from '../captcha/index.js';

export type ApplyValues = Record<string, string>;

const STYLE = `
.req-form fieldset{border:1px solid #ccc;padding:8px 16px 16px;margin:16px 0;max-width:640px}
.req-form legend{font-weight:700;padding:0 6px}
.req-form .hint{color:#555;font-size:.9em;margin:2px 0 0}
.req-form .field-error{color:#a00000;font-weight:600;margin:4px 0 0}
.req-form [aria-invalid=true]{border:2px solid #a00000}
.req-errors{border:2px solid #a00000;background:#fff4f4;padding:8px 16px;margin:12px 0}
.req-ok{border:2px solid #1a7f37;background:#f3fbf5;padding:12px 16px;margin:12px 0}
.req-code{font-size:1.4em;font-weight:700;letter-spacing:.1em;font-family:monospace}
ol.timeline{padding-left:1.2em}
ol.timeline li{margin:6px 0}
.req-steps li{margin:4px 0}
`;

function Field(props: {
  name: string;
  label: string;
  values: ApplyValues;
  errors: Record<string, string>;
  required?: boolean;
  hint?: string;
  type?: 'text' | 'tel' | 'email';
  textarea?: boolean;
  autocomplete?: 'name' | 'tel' | 'email' | 'street-address' | 'postal-code' | 'off';
}) {
  const id = `f-${props.name}`;
  const err = props.errors[props.name];
  const describedBy =
    [props.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true">（必填）</span> : null}
      </label>
      {props.textarea ? (
        <textarea
          id={id}
          name={props.name}
          rows={5}
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
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- preact's input attributes are a union discriminated by `type`; a union of types matches none of its members
          type={(props.type ?? 'text') as 'text'}
          value={props.values[props.name] ?? ''}
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

function Select(props: {
  name: string;
  label: string;
  options: [string, string][];
  values: ApplyValues;
  errors: Record<string, string>;
}) {
  const id = `f-${props.name}`;
  const err = props.errors[props.name];
  return (
    <div>
      <label for={id}>{props.label}（必填）</label>
      <select
        id={id}
        name={props.name}
        required
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `${id}-err` : undefined}
      >
        <option value="">请选择</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.values[props.name] === v}>
            {l}
          </option>
        ))}
      </select>
      {err && (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      )}
    </div>
  );
}

export function ApplyPage(props: {
  ctx: PageContext;
  values: ApplyValues;
  errors: Record<string, string>;
  captcha: IssuedCaptcha;
}) {
  const { ctx, values, errors } = props;
  const errorList = Object.entries(errors);
  return (
    <Layout
      ctx={ctx}
      title="政府信息公开申请"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/apply`, label: '依申请公开' },
      ]}
    >
      <style>{STYLE}</style>
      <h1>政府信息公开申请</h1>
      <p>
        依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，您可以向{ctx.agency.name}
        申请获取政府信息。网上提交的申请，经本机关政府信息公开工作机构与您确认后，确认之日为收到申请之日（第三十一条（三））。
      </p>
      {errorList.length > 0 && (
        <div class="req-errors" role="alert" aria-labelledby="err-title">
          <h2 id="err-title">提交未成功，请修改以下内容：</h2>
          <ul>
            {errorList.map(([field, msg]) => (
              <li>
                <a href={`#f-${field}`}>{msg}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form class="stack req-form" method="post" action={`${ctx.base}/apply`} novalidate>
        <fieldset>
          <legend>申请人信息</legend>
          <Select
            name="applicantType"
            label="申请人类型"
            options={APPLICANT_TYPE_KEYS.map((k) => [
              k,
              k === 'natural' ? '自然人' : `法人或其他组织：${APPLICANT_TYPE_LABELS[k]}`,
            ])}
            values={values}
            errors={errors}
          />
          <Field
            name="applicantName"
            label="姓名或名称"
            required
            values={values}
            errors={errors}
            autocomplete="name"
          />
          <Field name="contactPerson" label="联系人（法人或其他组织填写）" values={values} errors={errors} />
          <Select
            name="idDocType"
            label="身份证明类型"
            options={Object.entries(ID_DOC_LABELS)}
            values={values}
            errors={errors}
          />
          <Field
            name="idNumber"
            label="身份证明号码"
            required
            values={values}
            errors={errors}
            hint="自然人填写居民身份证号码；法人或其他组织填写统一社会信用代码。"
          />
        </fieldset>
        <fieldset>
          <legend>联系方式（至少填写一项）</legend>
          <Field
            name="phone"
            label="联系电话"
            type="tel"
            values={values}
            errors={errors}
            autocomplete="tel"
          />
          <Field
            name="email"
            label="电子邮箱"
            type="email"
            values={values}
            errors={errors}
            autocomplete="email"
          />
          <Field
            name="address"
            label="通信地址"
            values={values}
            errors={errors}
            autocomplete="street-address"
          />
          <Field
            name="postcode"
            label="邮政编码"
            values={values}
            errors={errors}
            autocomplete="postal-code"
          />
          <Select
            name="notifyBy"
            label="办理进度通知方式"
            options={[
              ['sms', '短信（须填写11位手机号码）'],
              ['email', '电子邮件（须填写电子邮箱）'],
              ['none', '不需要通知（自行在“申请查询”中查看）'],
            ]}
            values={{ notifyBy: 'none', ...values }}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>申请内容</legend>
          <Field
            name="description"
            label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
            required
            textarea
            values={values}
            errors={errors}
          />
          <Select
            name="requestedForm"
            label="信息的形式"
            options={Object.entries(FORM_LABELS)}
            values={values}
            errors={errors}
          />
          <Select
            name="deliveryMethod"
            label="获取信息的方式"
            options={Object.entries(DELIVERY_LABELS)}
            values={values}
            errors={errors}
          />
        </fieldset>
        <CaptchaField captcha={props.captcha} error={errors.captcha} />
        <p class="hint">
          视力障碍的申请人可选择文字题验证码，或拨打本机关联系电话，由工作人员代为填写申请（第二十九条）。
        </p>
        <p>
          <button type="submit">提交申请</button>
        </p>
      </form>
    </Layout>
  );
}

export function ApplyDonePage(props: { ctx: PageContext; caseNumber: string; queryCode: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="申请已提交">
      <style>{STYLE}</style>
      <h1>申请已提交</h1>
      <div class="req-ok" role="status">
        <p>
          受理编号：<span class="req-code">{props.caseNumber}</span>
        </p>
        <p>
          查询码：<span class="req-code">{props.queryCode}</span>
        </p>
        <p>
          请妥善保存受理编号和查询码。查询码只显示这一次，凭二者可在“申请查询”中查看办理进度和下载答复文书。
        </p>
      </div>
      <p>
        本机关政府信息公开工作机构将与您确认收到申请，确认之日为收到申请之日，答复期限自该日起计算（条例第三十一条（三）、第三十三条）。
      </p>
      <p>
        <a href={`${ctx.base}/track`}>前往申请查询</a>
      </p>
    </Layout>
  );
}

export function TrackPage(props: {
  ctx: PageContext;
  error?: string;
  caseNumber?: string;
  view?: TrackingView;
}) {
  const { ctx, view } = props;
  return (
    <Layout
      ctx={ctx}
      title="依申请公开办理查询"
      breadcrumbs={[
        { href: `${ctx.base}/`, label: '首页' },
        { href: `${ctx.base}/track`, label: '申请查询' },
      ]}
    >
      <style>{STYLE}</style>
      <h1>依申请公开办理查询</h1>
      {props.error && (
        <div class="req-errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {!view && (
        <form class="stack req-form" method="post" action={`${ctx.base}/track`}>
          <label for="t-number">受理编号</label>
          <input id="t-number" name="caseNumber" value={props.caseNumber ?? ''} required autocomplete="off" />
          <label for="t-code">查询码</label>
          <input id="t-code" name="queryCode" type="password" required autocomplete="off" />
          <p>
            <button type="submit">查询</button>
          </p>
        </form>
      )}
      {view && (
        <section aria-labelledby="st">
          <h2 id="st">受理编号 {view.caseNumber}</h2>
          <table class="data">
            <tbody>
              <tr>
                <th scope="row">受理机关</th>
                <td>{view.agencyName}</td>
              </tr>
              <tr>
                <th scope="row">办理状态</th>
                <td>{view.statusLabel}</td>
              </tr>
              <tr>
                <th scope="row">提交日期</th>
                <td>{view.submittedOn}</td>
              </tr>
              <tr>
                <th scope="row">收到申请之日</th>
                <td>{view.receivedOn ?? '待确认'}</td>
              </tr>
              {view.closedOn ? (
                <tr>
                  <th scope="row">答复日期</th>
                  <td>{view.closedOn}</td>
                </tr>
              ) : (
                <tr>
                  <th scope="row">答复期限</th>
                  <td>
                    {view.answerDue ?? '收到申请后计算'}
                    {view.answerDue && !view.dueDateFinal ? '（暂定，可能因补正、征求意见等调整）' : ''}
                  </td>
                </tr>
              )}
              {view.outcomeLabel && (
                <tr>
                  <th scope="row">办理结果</th>
                  <td>{view.outcomeLabel}</td>
                </tr>
              )}
            </tbody>
          </table>
          {view.estimateNotice && (
            <p class="req-errors" role="note">
              {view.estimateNotice}
            </p>
          )}
          <h2>办理过程</h2>
          <ol class="timeline">
            {view.timeline.map((e) => (
              <li>
                <time dateTime={e.date}>{e.date}</time>　{e.label}
                {e.detail ? `：${e.detail}` : ''}
              </li>
            ))}
          </ol>
          {view.explanation.length > 0 && (
            <>
              <h2>期限如何计算</h2>
              <ol class="req-steps">
                {view.explanation.map((t) => (
                  <li>{t}</li>
                ))}
              </ol>
            </>
          )}
          <h2>文书下载</h2>
          {view.letters.length === 0 ? (
            <p>暂无文书。</p>
          ) : (
            <ul>
              {view.letters.map((l) => (
                <li>
                  <a href={`${ctx.base}/track/letters/${l.id}`} download={l.fileName}>
                    {l.title}（{l.letterNumber}，Word文档）
                  </a>
                </li>
              ))}
            </ul>
          )}
          {view.files.length > 0 && (
            <>
              <h3>答复附件（提供的政府信息）</h3>
              <ul>
                {view.files.map((f) => (
                  <li>
                    <a href={`${ctx.base}/track/files/${f.id}`} download={f.fileName}>
                      {f.fileName}
                    </a>
                    （{fileSize(f.sizeBytes)}）
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <a href={`${ctx.base}/track`}>查询其他申请</a>
          </p>
        </section>
      )}
    </Layout>
  );
}

/** 1.2 MB / 350 KB, as people read file sizes. */
function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
