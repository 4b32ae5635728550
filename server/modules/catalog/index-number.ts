/**
 * 索引号 (index number) of a catalog entry. 条例第十二条 requires an 索引 for each entry but no
 * national format exists (statute spec §4.2): provinces and cities set their own. So the format is
 * a per-agency template; the default follows gov.cn's `组织机构代码/年份-流水号` (e.g.
 * 000014349/2018-00222) with the full 统一社会信用代码 in front.
 */
import { DomainError } from '../../platform/errors.js';
import { assertCreditCode } from '../../platform/validation/credit-code.js';

/** `{creditCode}/{year}-{serial:5}`: serial resets every year (spec §4.2 [I]). */
export const DEFAULT_INDEX_TEMPLATE = '{creditCode}/{year}-{serial:5}';

export type IndexPlaceholder = 'creditCode' | 'orgCode' | 'year' | 'serial' | 'columnCode' | 'yyyymmdd';

export type IndexTemplateToken =
  { type: 'literal'; text: string } | { type: 'placeholder'; name: IndexPlaceholder; width?: number };

export interface IndexNumberValues {
  /** The agency's 统一社会信用代码 (needed for {creditCode} and {orgCode}). */
  creditCode?: string;
  /** Code of the catalog column (公开目录), for {columnCode}. */
  columnCode?: string;
  /** 'YYYY-MM-DD' (the date the agency numbers by, e.g. 成文日期), for {yyyymmdd} and, if no `year`, {year}. */
  date?: string;
  year?: number;
  /** The sequence number within the counter key (see indexCounterKey), from 1. */
  serial: number;
}

const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'creditCode',
  'orgCode',
  'year',
  'serial',
  'columnCode',
  'yyyymmdd',
]);
const MAX_TEMPLATE_LENGTH = 100;

/** Throws the template error with the template in details. */
function templateError(template: string, messageZh: string): DomainError {
  return new DomainError('invalid_index_template', messageZh, { field: 'indexTemplate', template });
}

/** Splits a template into literals and placeholders; throws `invalid_index_template` on syntax errors. */
export function parseIndexTemplate(template: string): IndexTemplateToken[] {
  if (template.length === 0 || template.length > MAX_TEMPLATE_LENGTH) {
    throw templateError(template, `索引号模板长度应为1—${MAX_TEMPLATE_LENGTH}个字符`);
  }
  // Index numbers appear in URLs, file names and printed tables: no whitespace or control characters.
  if (/[\s\u0000-\u001f]/.test(template)) throw templateError(template, '索引号模板不能包含空白字符');
  const tokens: IndexTemplateToken[] = [];
  const re = /\{([^{}]*)\}|([^{}]+)|([{}])/g;
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    const [, inner, literal, stray] = m;
    if (stray !== undefined) throw templateError(template, '索引号模板中的花括号不成对');
    if (literal !== undefined) {
      tokens.push({ type: 'literal', text: literal });
      continue;
    }
    const pm = /^([A-Za-z]+)(?::(\d{1,2}))?$/.exec(inner ?? '');
    const name = pm?.[1];
    if (!pm || name === undefined || !PLACEHOLDERS.has(name)) {
      throw templateError(template, `索引号模板含有未知占位符“{${inner ?? ''}}”`);
    }
    const widthText = pm[2];
    if (widthText !== undefined) {
      if (name !== 'serial')
        throw templateError(template, `只有流水号占位符可以指定位数：“{${inner ?? ''}}”`);
      const width = Number(widthText);
      if (width < 1 || width > 12) throw templateError(template, '流水号位数应为1—12');
      tokens.push({ type: 'placeholder', name, width });
    } else tokens.push({ type: 'placeholder', name: name as IndexPlaceholder });
  }
  return tokens;
}

/**
 * Parses and checks a template: exactly one {serial…}, and {year} or {yyyymmdd} so that a serial
 * restarting each year still yields unique numbers. Returns the tokens.
 */
export function validateIndexTemplate(template: string): IndexTemplateToken[] {
  const tokens = parseIndexTemplate(template);
  const names = tokens.flatMap((t) => (t.type === 'placeholder' ? [t.name] : []));
  const serials = names.filter((n) => n === 'serial').length;
  if (serials === 0) throw templateError(template, '索引号模板必须包含流水号占位符{serial}或{serial:N}');
  if (serials > 1) throw templateError(template, '索引号模板只能包含一个流水号占位符');
  if (!names.includes('year') && !names.includes('yyyymmdd')) {
    throw templateError(template, '索引号模板必须包含{year}或{yyyymmdd}，以保证每年的索引号不重复');
  }
  return tokens;
}

/** True when 'YYYY-MM-DD' is a real calendar date. */
function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Resolves each placeholder's text except {serial}; throws on missing or invalid values. */
function resolveValues(
  tokens: readonly IndexTemplateToken[],
  values: IndexNumberValues,
): Map<IndexPlaceholder, string> {
  const names = new Set(tokens.flatMap((t) => (t.type === 'placeholder' ? [t.name] : [])));
  const missing = (name: string, label: string): DomainError =>
    new DomainError('index_value_missing', `生成索引号缺少${label}`, { placeholder: name });
  const invalid = (name: string, messageZh: string): DomainError =>
    new DomainError('index_value_invalid', messageZh, { placeholder: name });
  const out = new Map<IndexPlaceholder, string>();

  if (names.has('creditCode') || names.has('orgCode')) {
    if (!values.creditCode) throw missing('creditCode', '统一社会信用代码');
    const code = assertCreditCode(values.creditCode, 'creditCode');
    out.set('creditCode', code);
    out.set('orgCode', code.slice(8, 17)); // 第9—17位: 主体标识码 (组织机构代码)
  }
  if (values.date !== undefined && !isIsoDate(values.date)) throw invalid('date', '日期格式应为YYYY-MM-DD');
  if (names.has('year')) {
    const year = values.year ?? (values.date ? Number(values.date.slice(0, 4)) : undefined);
    if (year === undefined) throw missing('year', '年份');
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw invalid('year', '年份应为四位数');
    if (values.date && Number(values.date.slice(0, 4)) !== year) throw invalid('year', '年份与日期不一致');
    out.set('year', String(year));
  }
  if (names.has('yyyymmdd')) {
    if (!values.date) throw missing('yyyymmdd', '日期');
    out.set('yyyymmdd', values.date.replace(/-/g, ''));
  }
  if (names.has('columnCode')) {
    if (!values.columnCode) throw missing('columnCode', '栏目代码');
    if (!/^[0-9A-Za-z_-]{1,32}$/.test(values.columnCode)) {
      throw invalid('columnCode', '栏目代码只能由1—32位字母、数字、下划线或连字符组成');
    }
    out.set('columnCode', values.columnCode);
  }
  return out;
}

/** Renders the tokens, writing `serialText` where {serial…} stands. */
function renderTokens(
  tokens: readonly IndexTemplateToken[],
  resolved: Map<IndexPlaceholder, string>,
  serial: (width?: number) => string,
): string {
  return tokens
    .map((t) =>
      t.type === 'literal' ? t.text : t.name === 'serial' ? serial(t.width) : (resolved.get(t.name) ?? ''),
    )
    .join('');
}

/** Renders a 索引号 from an agency template; the serial is zero-padded to {serial:N}'s width. */
export function renderIndexNumber(template: string, values: IndexNumberValues): string {
  const tokens = validateIndexTemplate(template);
  const resolved = resolveValues(tokens, values);
  if (!Number.isSafeInteger(values.serial) || values.serial < 1) {
    throw new DomainError('index_value_invalid', '流水号应为正整数', { placeholder: 'serial' });
  }
  const serialText = String(values.serial);
  return renderTokens(tokens, resolved, (width) => {
    if (width !== undefined && serialText.length > width) {
      // A wider number would break the fixed-width format published in the agency's 指南.
      throw new DomainError('index_serial_overflow', `流水号${serialText}超出模板规定的${width}位`, {
        serial: values.serial,
        width,
      });
    }
    return width === undefined ? serialText : serialText.padStart(width, '0');
  });
}

/**
 * The counter partition for a number: the rendered template with the serial left out
 * (e.g. '91350100M000100Y43/2023-#'). Serials drawn from one counter per key never collide,
 * and the serial restarts whenever the year (or date, or column) part changes.
 */
export function indexCounterKey(template: string, values: Omit<IndexNumberValues, 'serial'>): string {
  const tokens = validateIndexTemplate(template);
  return renderTokens(tokens, resolveValues(tokens, { ...values, serial: 1 }), () => '#');
}
