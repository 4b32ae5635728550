/**
 * Structurally valid 统一社会信用代码 for demo content, tests and benchmarks (check characters computed
 * per GB 32100 / GB 11714). They are made up: any resemblance to a registered entity is chance.
 */
import { creditCodeCheckChar, orgCodeCheckChar } from '../../platform/validation/credit-code.js';

const BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid code derived from a number (deterministic): type 91 (企业) or 92 (个体工商户), region 370300. */
export function sampleCreditCode(n: number, type: '91' | '92' = '91', region = '370300'): string {
  let x = Math.abs(Math.floor(n)) + 1;
  let body = '';
  for (let i = 0; i < 8; i++) {
    body += BODY_CHARS.charAt(x % BODY_CHARS.length);
    x = Math.floor(x / BODY_CHARS.length) + (i + 1) * 7919;
  }
  const orgCode = body + orgCodeCheckChar(body);
  const first17 = type + region + orgCode;
  return first17 + creditCodeCheckChar(first17);
}
