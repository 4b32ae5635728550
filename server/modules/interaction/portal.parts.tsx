/** Pieces shared by the 互动交流 portal pages: styles, crumbs, the error summary, labelled inputs, kind introductions. */
import { type NavItem, type PageContext } from '../portal/portal.layout.js';
import type { InteractionKind } from './interaction.tables.js';

export type FormValues = Record<string, string>;

export const STYLE = `
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

export const crumbs = (ctx: PageContext, ...more: NavItem[]): NavItem[] => [
  { href: `${ctx.base}/`, label: '首页' },
  { href: `${ctx.base}/hudong`, label: '互动交流' },
  ...more,
];

export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
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

export function Input(props: {
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

export const KIND_INTRO: Record<InteractionKind, string> = {
  mailbox: '向局领导反映问题、提出意见建议。',
  consult: '咨询政府信息公开、政策规定和办事程序。',
  complaint: '投诉举报安全生产隐患和违法违规行为（12350），可以匿名；举报人信息严格保密。',
  hotline: '',
  site_error: '发现本网站内容错误、链接失效、无法访问等问题，请告诉我们，3个工作日内答复。',
};
