/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015, with the embedded
 * 组织机构代码 (主体标识码) checked per GB 11714.
 *
 * Layout (1-based): 1 登记管理部门代码 · 2 机构类别代码 · 3–8 登记管理机关行政区划码 (GB/T 2260)
 * · 9–17 主体标识码 (GB 11714: 8 body chars + 1 check char) · 18 校验码 (GB/T 17710 style, mod 31).
 */
import { DomainError } from '../errors.js';

/** The 31 characters GB 32100 uses (I, O, Z, S, V are excluded to avoid confusion with 1/0/2/5/U). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Weights are 3^i mod 31 for positions 1..17 (GB 32100-2015 §4.2 / 附录).
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
// GB 11714 organisation-code weights for the 8 body characters.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const CREDIT_CODE_RE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

/**
 * Names of 登记管理部门 (1st char) and 机构类别 (1st+2nd chars) as given in GB 32100-2015 附录A
 * and its later amendments. Recalled, not verified against the standard text: used for labels only,
 * never to reject a code (an unknown pair is still a structurally valid code).
 */
export const CREDIT_CODE_TYPES: Readonly<Record<string, string>> = {
  '11': '机关',
  '12': '事业单位',
  '13': '中央编办直接管理机构编制的群众团体',
  '19': '其他（机构编制）',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他（民政）',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
  Y1: '其他',
};

export type CreditCodeFailure = 'length' | 'charset' | 'check_char' | 'org_code_check';

export type CreditCodeResult =
  | {
      ok: true;
      normalized: string;
      /** 登记管理部门代码 (1st char). */
      authority: string;
      /** 机构类别代码: the first two chars, e.g. '91' 企业, '92' 个体工商户. */
      type: string;
      /** 登记管理机关行政区划码 (chars 3–8). */
      region: string;
      /** 主体标识码 / 组织机构代码 (chars 9–17). */
      orgCode: string;
      typeNameZh?: string;
    }
  | { ok: false; reason: CreditCodeFailure; messageZh: string };

export interface CreditCodeOptions {
  /** Also check the GB 11714 check char of the embedded 组织机构代码 (default true). */
  checkOrgCode?: boolean;
}

const MESSAGES: Record<CreditCodeFailure, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有不允许的字符（只能使用数字和除I、O、Z、S、V以外的大写字母）',
  check_char: '统一社会信用代码校验位错误',
  org_code_check: '统一社会信用代码中的组织机构代码（第9—17位）校验位错误',
};

/** Computes the GB 32100 18th (check) character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`not a credit-code character at ${i}`);
    sum += v * (CREDIT_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET.charAt(c === 31 ? 0 : c);
}

/** Computes the GB 11714 check character ('0'–'9' or 'X') for an 8-character organisation-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    // GB 11714 values: digits as themselves, letters A–Z as 10–35.
    const v =
      ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : -1;
    if (v < 0) throw new RangeError(`not an organisation-code character at ${i}`);
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Trims, drops inner spaces/hyphens and upper-cases, the forms in which people paste codes. */
function normalize(code: string): string {
  return code.replace(/[\s\u3000-]/g, '').toUpperCase();
}

/** Validates a 统一社会信用代码 and returns its parts or the first failure found. */
export function validateCreditCode(code: string, options: CreditCodeOptions = {}): CreditCodeResult {
  const normalized = normalize(code);
  const fail = (reason: CreditCodeFailure): CreditCodeResult => ({
    ok: false,
    reason,
    messageZh: MESSAGES[reason],
  });
  if (normalized.length !== 18) return fail('length');
  if (!CREDIT_CODE_RE.test(normalized)) return fail('charset');
  // The region part is a GB/T 2260 code: digits only.
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) return fail('charset');
  const orgCode = normalized.slice(8, 17);
  if (options.checkOrgCode !== false && orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode.charAt(8)) {
    return fail('org_code_check');
  }
  if (creditCodeCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) return fail('check_char');
  const type = normalized.slice(0, 2);
  const typeNameZh = CREDIT_CODE_TYPES[type];
  return {
    ok: true,
    normalized,
    authority: normalized.charAt(0),
    type,
    region: normalized.slice(2, 8),
    orgCode,
    ...(typeNameZh ? { typeNameZh } : {}),
  };
}

/** Returns the normalized code or throws DomainError `invalid_credit_code` naming the field. */
export function assertCreditCode(code: string, field: string, fieldNameZh = '统一社会信用代码'): string {
  const r = validateCreditCode(code);
  if (r.ok) return r.normalized;
  const messageZh = fieldNameZh === '统一社会信用代码' ? r.messageZh : `${fieldNameZh}：${r.messageZh}`;
  throw new DomainError('invalid_credit_code', messageZh, { field, reason: r.reason });
}

/**
 * True when a valid code belongs to a 个体工商户 (type 92): such a code identifies a natural
 * person's business, so the 保密审查 scanner treats it as personal information.
 */
export function isNaturalPersonLike(code: string): boolean {
  const r = validateCreditCode(code, { checkOrgCode: false });
  return r.ok && r.type === '92';
}
