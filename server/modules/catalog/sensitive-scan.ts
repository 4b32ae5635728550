/**
 * 保密审查 pre-scan: finds personal information and secrecy marks in text before publication.
 * 条例第十五条 bars disclosing 个人隐私 without consent and 第十四条 bars 国家秘密; 第十七条 makes the
 * agency review before publishing. This scan only assists that review: findings go to a human
 * reviewer, who may override them; overrides are matched on rescan by `fingerprint`.
 *
 * Offsets (`start`, `end`) are UTF-16 code-unit indexes into the scanned string, as String#slice uses.
 * Every mask preserves length, so offsets into the masked text equal offsets into the original.
 */
import { createHash, createHmac } from 'node:crypto';
import { isLikelyBankCard, maskBankCard } from '../../platform/validation/bank-card.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { maskDigits, maskIdCard, validateIdCard } from '../../platform/validation/id-card.js';

export type FindingKind = 'id_number' | 'mobile' | 'bank_card' | 'credit_code_person' | 'secrecy_mark';

/** block: must not be published as is; high: personal data to remove or mask; review: a person should look. */
export type FindingSeverity = 'block' | 'high' | 'review';

export interface Finding {
  kind: FindingKind;
  /** The matched text as it appears in the source. */
  match: string;
  /** The match with its identifying part replaced by '*' (same length). Secrecy marks are not masked. */
  masked: string;
  start: number;
  end: number;
  /** Up to `contextChars` characters either side, with every finding in it masked and line breaks as spaces. */
  context: string;
  /** `kind:hash` of the normalized match: equal for the same value wherever and however it is written. */
  fingerprint: string;
  severity: FindingSeverity;
  labelZh: string;
  /** For secrecy marks: the id of the rule in SECRECY_MARK_RULES that matched. */
  ruleId?: string;
}

export interface SecrecyMarkRule {
  id: string;
  labelZh: string;
  severity: FindingSeverity;
  /** Regular-expression source, compiled with flags `gmu` (so `^`/`$` are line anchors). */
  pattern: string;
}

export interface ScanOptions {
  /** Only report these kinds (default: all). */
  kinds?: readonly FindingKind[];
  /** Characters of context either side (default 15). */
  contextChars?: number;
  /** Replaces the default secrecy-mark rules. */
  secrecyRules?: readonly SecrecyMarkRule[];
  /**
   * Per-tenant secret: when given, fingerprints are HMAC-SHA256 instead of SHA-256, so a leaked
   * override table cannot be brute-forced back to ID numbers (their structure makes that cheap).
   */
  fingerprintKey?: string;
}

const SP = '[ \\t\\u3000]*';
const LEVEL = '(?:绝密|机密|秘密)';
const OPEN = '[【\\[［（(〔<〈]';
const CLOSE = '[】\\]］）)〕>〉]';

/**
 * Secrecy marks as data. Design choices:
 * - The bare words 秘密/机密/绝密 are NOT flagged anywhere: 商业秘密, 国家秘密, 工作秘密, 机密信息 are
 *   ordinary legal terms in public texts (条例第十四、十五条 themselves say 国家秘密, 商业秘密).
 * - A 密级 word is flagged when it is used as a mark: followed by ★ (GB/T 9704 §7.2.2 writes
 *   “密级★保密期限”, e.g. 机密★1年), alone at the start of a line (the 密级 position on a 公文),
 *   enclosed in brackets (【机密】), or after a “密级：” label.
 * - Handling phrases (内部资料, 注意保密, 不得外传 …) are flagged anywhere, as `review`.
 * - The 公开属性 note “（此件不公开）” blocks, “（此件依申请公开）” asks for review (国办发〔2016〕80号:
 *   every 公文 carries 主动公开 / 依申请公开 / 不予公开). These notes are a local practice [I].
 */
export const SECRECY_MARK_RULES: readonly SecrecyMarkRule[] = [
  {
    id: 'classification_star',
    labelZh: '密级标志（密级★保密期限）',
    severity: 'block',
    pattern: `${LEVEL}${SP}[★☆]${SP}(?:(?:\\d+|[一二三四五六七八九十]+)${SP}(?:年|个月|月)|长期)?`,
  },
  {
    id: 'classification_line',
    labelZh: '行首的密级',
    severity: 'block',
    pattern: `(?<=^${SP})${LEVEL}(?=${SP}(?:\\r?$|特急|加急|特提|平急))`,
  },
  {
    id: 'classification_bracketed',
    labelZh: '括号中的密级',
    severity: 'block',
    pattern: `${OPEN}${SP}${LEVEL}${SP}${CLOSE}`,
  },
  {
    id: 'classification_label',
    labelZh: '密级栏',
    severity: 'block',
    pattern: `密${SP}级${SP}[:：]${SP}${LEVEL}`,
  },
  {
    id: 'not_public_attribute',
    labelZh: '公开属性为不予公开',
    severity: 'block',
    pattern: `[（(]${SP}此件不予?公开${SP}[）)]`,
  },
  {
    id: 'on_request_attribute',
    labelZh: '公开属性为依申请公开',
    severity: 'review',
    pattern: `[（(]${SP}此件依申请公开${SP}[）)]`,
  },
  { id: 'internal_material', labelZh: '内部资料', severity: 'review', pattern: '内部资料' },
  { id: 'internal_document', labelZh: '内部文件', severity: 'review', pattern: '内部文件' },
  {
    id: 'internal_use',
    labelZh: '内部参阅/使用',
    severity: 'review',
    pattern: '(?:仅供)?内部(?:参阅|使用)|仅供内部',
  },
  { id: 'keep_confidential', labelZh: '注意保密', severity: 'review', pattern: '注意保密' },
  { id: 'no_distribution', labelZh: '不得外传', severity: 'review', pattern: '(?:不得|严禁|禁止)外传' },
];

// Numbers: never part of a longer run of letters/digits (account numbers, file codes, hashes).
const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const BANK_PLAIN_RE = /(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])/g;
// Cards are often written in groups of four: 6222 0212 3456 7890 123.
const BANK_GROUPED_RE = /(?<![0-9A-Za-z]|\d[ -])\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?(?![0-9A-Za-z]|[ -]\d)/g;
const MOBILE_RE = /(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g;
// 个体工商户 codes start with 92 (登记管理部门 9 工商, 类别 2); upper case as printed on licences.
const CREDIT_PERSON_RE = /(?<![0-9A-Za-z])92\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])/g;

// Lower wins when two findings overlap (an 18-digit ID may also pass as a card number).
const PRIORITY: Record<FindingKind, number> = {
  secrecy_mark: 0,
  id_number: 1,
  bank_card: 2,
  credit_code_person: 3,
  mobile: 4,
};

const LABELS: Record<Exclude<FindingKind, 'secrecy_mark'>, string> = {
  id_number: '居民身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  credit_code_person: '个体工商户统一社会信用代码',
};

const SEVERITY: Record<Exclude<FindingKind, 'secrecy_mark'>, FindingSeverity> = {
  id_number: 'high',
  mobile: 'high',
  bank_card: 'high',
  // 个体工商户 codes are printed on public licences and 双公示 records, so a person decides.
  credit_code_person: 'review',
};

const ALL_KINDS: readonly FindingKind[] = [
  'id_number',
  'mobile',
  'bank_card',
  'credit_code_person',
  'secrecy_mark',
];

type Candidate = Omit<Finding, 'context' | 'fingerprint'>;

const compiledCache = new WeakMap<readonly SecrecyMarkRule[], RegExp[]>();

/** Compiles (once per rule list) the secrecy-mark patterns. */
function compileRules(rules: readonly SecrecyMarkRule[]): RegExp[] {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = rules.map((r) => new RegExp(r.pattern, 'gmu'));
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

/** Normalizes a match so the same value written differently has the same fingerprint. */
export function normalizeMatch(kind: FindingKind, match: string): string {
  switch (kind) {
    case 'mobile':
      return match.replace(/\D/g, '').slice(-11);
    case 'id_number':
    case 'credit_code_person':
      return match.toUpperCase();
    case 'bank_card':
      return match.replace(/\D/g, '');
    case 'secrecy_mark':
      return match.replace(/[\s\u3000]/g, '');
  }
}

/** The stable fingerprint `kind:hash` of a match (first 16 hex chars of SHA-256 or HMAC-SHA256). */
export function fingerprintOf(kind: FindingKind, match: string, key?: string): string {
  const value = `${kind}\u0000${normalizeMatch(kind, match)}`;
  const h = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  return `${kind}:${h.update(value, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Masks a mobile match, keeping any +86 prefix, the first 3 and the last 4 digits of the number. */
function maskMobile(match: string): string {
  const digits = match.replace(/\D/g, '').length;
  return maskDigits(match, digits - 8, 4);
}

/** Masks the 主体标识码 (chars 9–17) of a credit code; the type and region stay readable. */
function maskCreditCode(match: string): string {
  return match.slice(0, 8) + '*'.repeat(9) + match.slice(17);
}

/** Runs one global regex and hands each match to `accept`. */
function eachMatch(text: string, re: RegExp, accept: (m: string, start: number) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    accept(m[0], m.index);
  }
}

/** Collects all candidate findings of the requested kinds, overlapping ones included. */
function collect(
  text: string,
  kinds: ReadonlySet<FindingKind>,
  rules: readonly SecrecyMarkRule[],
): Candidate[] {
  const out: Candidate[] = [];
  const push = (
    kind: Exclude<FindingKind, 'secrecy_mark'>,
    match: string,
    start: number,
    masked: string,
  ): void => {
    out.push({
      kind,
      match,
      masked,
      start,
      end: start + match.length,
      severity: SEVERITY[kind],
      labelZh: LABELS[kind],
    });
  };
  if (kinds.has('id_number')) {
    eachMatch(text, ID_RE, (m, s) => {
      if (validateIdCard(m).ok) push('id_number', m, s, maskIdCard(m));
    });
  }
  if (kinds.has('bank_card')) {
    const card = (m: string, s: number): void => {
      if (isLikelyBankCard(m)) push('bank_card', m, s, maskBankCard(m));
    };
    eachMatch(text, BANK_PLAIN_RE, card);
    eachMatch(text, BANK_GROUPED_RE, card);
  }
  if (kinds.has('mobile')) eachMatch(text, MOBILE_RE, (m, s) => push('mobile', m, s, maskMobile(m)));
  if (kinds.has('credit_code_person')) {
    eachMatch(text, CREDIT_PERSON_RE, (m, s) => {
      // The org-code check is skipped: recall matters more here and the mod-31 check already filters noise.
      if (validateCreditCode(m, { checkOrgCode: false }).ok)
        push('credit_code_person', m, s, maskCreditCode(m));
    });
  }
  if (kinds.has('secrecy_mark')) {
    const compiled = compileRules(rules);
    rules.forEach((rule, i) => {
      const re = compiled[i];
      if (!re) return;
      eachMatch(text, re, (m, s) => {
        out.push({
          kind: 'secrecy_mark',
          match: m,
          masked: m,
          start: s,
          end: s + m.length,
          severity: rule.severity,
          labelZh: rule.labelZh,
          ruleId: rule.id,
        });
      });
    });
  }
  return out;
}

/** Priority order for overlapping candidates: higher-priority kind first, then the longer match. */
function rank(a: Candidate, b: Candidate): number {
  return PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

/**
 * Keeps non-overlapping candidates. Candidates are split into clusters of transitively overlapping
 * spans (almost always of size 1); within a cluster the best-ranked span wins and blocks those it
 * overlaps. O(n log n) overall, so digit-heavy tables with tens of thousands of hits stay fast.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let i = 0;
  while (i < byStart.length) {
    const first = byStart[i] as Candidate;
    let clusterEnd = first.end;
    let j = i + 1;
    while (j < byStart.length && (byStart[j] as Candidate).start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, (byStart[j] as Candidate).end);
      j++;
    }
    if (j === i + 1) kept.push(first);
    else {
      const chosen: Candidate[] = [];
      for (const c of byStart.slice(i, j).sort(rank)) {
        if (chosen.every((k) => k.end <= c.start || c.end <= k.start)) chosen.push(c);
      }
      kept.push(...chosen.sort((a, b) => a.start - b.start));
    }
    i = j;
  }
  return kept;
}

/** Scans text for personal identifiers and secrecy marks; findings are ordered by position. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  const kinds = new Set(options.kinds ?? ALL_KINDS);
  const contextChars = options.contextChars ?? 15;
  // Full-width digits (１３８…) are common in Chinese documents. Each maps to one ASCII code unit, so
  // scanning an ASCII copy keeps every offset valid; `match` is then taken from the original text.
  const scanned = /[\uff10-\uff19]/.test(text)
    ? text.replace(/[\uff10-\uff19\uff38\uff58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    : text;
  const found = resolveOverlaps(collect(scanned, kinds, options.secrecyRules ?? SECRECY_MARK_RULES));
  if (found.length === 0) return [];

  // One masked copy of the whole text so each context also hides neighbouring findings.
  const parts: string[] = [];
  let pos = 0;
  for (const f of found) {
    parts.push(text.slice(pos, f.start), f.masked);
    pos = f.end;
  }
  parts.push(text.slice(pos));
  const masked = parts.join('');

  // Tables repeat values (the same office phone on every row): hash each distinct value once.
  const fingerprints = new Map<string, string>();
  return found.map((f) => {
    const cacheKey = `${f.kind}\u0000${f.match}`;
    let fingerprint = fingerprints.get(cacheKey);
    if (fingerprint === undefined) {
      fingerprint = fingerprintOf(f.kind, f.match, options.fingerprintKey);
      fingerprints.set(cacheKey, fingerprint);
    }
    return {
      ...f,
      match: scanned === text ? f.match : text.slice(f.start, f.end),
      context: masked
        .slice(Math.max(0, f.start - contextChars), Math.min(masked.length, f.end + contextChars))
        .replace(/\r\n|[\r\n\t]/g, ' '),
      fingerprint,
    };
  });
}

/** The findings a reviewer has not overridden (overrides are stored as fingerprints). */
export function unresolvedFindings(
  findings: readonly Finding[],
  overriddenFingerprints: Iterable<string>,
): Finding[] {
  const overridden = new Set(overriddenFingerprints);
  return findings.filter((f) => !overridden.has(f.fingerprint));
}

/** Replaces every finding in the text by its masked form (secrecy marks stay as they are). */
export function maskText(text: string, findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const f of sorted) {
    if (f.start < pos) continue;
    out += text.slice(pos, f.start) + f.masked;
    pos = f.end;
  }
  return out + text.slice(pos);
}
