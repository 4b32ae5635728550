/**
 * The captcha block of a portal form (preact JSX, server-rendered). Works without JavaScript: "换一张"
 * and the switch to the text question are submit buttons, so the form posts back and is re-rendered
 * with everything the person typed (the handler calls `captchaRefreshRequested(body)` first). With
 * JavaScript, /captcha/captcha.js swaps the image in place through /captcha/new.
 *
 * Usage in a form: `<CaptchaField captcha={await issueCaptcha(ctx, 'mailbox', captchaKindOf(body))} error={errors.captcha} />`
 */
import type { IssuedCaptcha } from './captcha.service.js';
import { CAPTCHA_FIELDS } from './captcha.service.js';

export const CAPTCHA_STYLE = `
.captcha-box{border:1px solid #ccc;padding:8px 16px 16px;margin:16px 0;max-width:640px}
.captcha-box legend{font-weight:700;padding:0 6px}
.captcha-row{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:6px 0}
.captcha-img svg{border:1px solid #999;background:#fff;max-width:100%;height:auto}
.captcha-q{font-size:1.25em;font-weight:700;margin:6px 0}
.captcha-box .hint{color:#555;font-size:.9em;margin:4px 0 0}
.captcha-box .field-error{color:#a00000;font-weight:600;margin:4px 0 0}
.captcha-box button.linkish{background:none;border:1px solid #888;padding:2px 8px;cursor:pointer}
`;

export function CaptchaField(props: {
  captcha: IssuedCaptcha;
  error?: string | undefined;
  idPrefix?: string;
}) {
  const { captcha, error } = props;
  const id = `${props.idPrefix ?? 'f'}-${CAPTCHA_FIELDS.answer}`;
  const describedBy = [`${id}-hint`, error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const isText = captcha.kind === 'text';
  return (
    <fieldset class="captcha-box" data-captcha={captcha.purpose}>
      <style>{CAPTCHA_STYLE}</style>
      <legend>验证码</legend>
      {isText ? (
        <p class="captcha-q" id={`${id}-q`}>
          {captcha.question}
        </p>
      ) : (
        <div class="captcha-row">
          <span
            class="captcha-img"
            role="img"
            aria-label="验证码图片（如无法识别，请选择下方的“改用文字题”）"
            dangerouslySetInnerHTML={{ __html: captcha.svg ?? '' }}
          />
          <button
            type="submit"
            class="linkish captcha-refresh"
            name={CAPTCHA_FIELDS.refresh}
            value="image"
            formnovalidate
          >
            看不清，换一张
          </button>
        </div>
      )}
      <input type="hidden" name={CAPTCHA_FIELDS.id} value={captcha.id} />
      <input type="hidden" name={CAPTCHA_FIELDS.kind} value={captcha.kind} />
      <label for={id}>
        {isText ? '请输入上题的答案（阿拉伯数字或汉字均可）' : '请输入图片中的字符'}（必填）
      </label>
      <input
        id={id}
        name={CAPTCHA_FIELDS.answer}
        value=""
        required
        autocomplete="off"
        inputMode={isText ? 'numeric' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={isText ? `${id}-q ${describedBy}` : describedBy}
      />
      <p class="hint" id={`${id}-hint`}>
        {isText ? '题目为文字，读屏软件可朗读。' : '不区分大小写。'}
        换题不会清除您已填写的内容。
      </p>
      {error && (
        <p class="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
      <div class="captcha-row">
        {isText ? (
          <>
            <button type="submit" class="linkish" name={CAPTCHA_FIELDS.refresh} value="text" formnovalidate>
              换一题
            </button>
            <button type="submit" class="linkish" name={CAPTCHA_FIELDS.refresh} value="image" formnovalidate>
              改用图片验证码
            </button>
          </>
        ) : (
          <button type="submit" class="linkish" name={CAPTCHA_FIELDS.refresh} value="text" formnovalidate>
            改用文字题（适合读屏软件、视力障碍用户）
          </button>
        )}
      </div>
      <script src="/captcha/captcha.js" defer />
    </fieldset>
  );
}
