/**
 * The import template's columns and the pure conversion of one spreadsheet/CSV row into a decision,
 * with every problem reported as (行号, 列, 原因) in Chinese.
 */
import {
  checkDecision,
  COUNTERPARTY_LABELS,
  KIND_LABELS,
  type DecisionField,
  type DecisionInput,
  type NormalizedDecision,
} from './enforcement.rules.js';
import type { CounterpartyType, DecisionKind } from './enforcement.tables.js';

export interface ImportColumn {
  field: DecisionField;
  header: string;
  required: boolean;
  hint: string;
  example: string;
  width: number;
}

/** Template columns in order; headers are matched by text, so users may reorder columns. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    field: 'kind',
    header: '决定类别',
    required: true,
    hint: '行政许可、行政处罚或行政强制',
    example: '行政处罚',
    width: 12,
  },
  {
    field: 'decisionNumber',
    header: '决定文号',
    required: true,
    hint: '同一机关内唯一；重复导入同一文号将更新该决定',
    example: '示应急罚〔2026〕12号',
    width: 26,
  },
  {
    field: 'decisionDate',
    header: '决定日期',
    required: true,
    hint: 'YYYY-MM-DD，不得晚于今天',
    example: '2026-02-10',
    width: 14,
  },
  {
    field: 'itemName',
    header: '事项名称',
    required: false,
    hint: '权责清单中的事项名称',
    example: '对未按规定开展安全生产教育培训的处罚',
    width: 30,
  },
  {
    field: 'counterpartyType',
    header: '相对人类别',
    required: true,
    hint: '法人及非法人组织、个体工商户或自然人',
    example: '法人及非法人组织',
    width: 18,
  },
  {
    field: 'counterpartyName',
    header: '相对人名称',
    required: true,
    hint: '企业全称或自然人姓名（自然人姓名公开时隐去名字）',
    example: '示例市恒安化工有限公司',
    width: 30,
  },
  {
    field: 'creditCode',
    header: '统一社会信用代码',
    required: false,
    hint: '相对人为法人、非法人组织或个体工商户时必填；自然人不填',
    example: '913703001E43210Y0J',
    width: 22,
  },
  {
    field: 'legalRepresentative',
    header: '法定代表人',
    required: false,
    hint: '',
    example: '王建国',
    width: 12,
  },
  {
    field: 'legalBasis',
    header: '决定依据',
    required: true,
    hint: '法律、法规、规章条款',
    example: '《中华人民共和国安全生产法》第九十七条',
    width: 36,
  },
  {
    field: 'content',
    header: '决定内容',
    required: true,
    hint: '许可内容，或违法事实与处罚结果，或强制措施',
    example: '未按规定对从业人员进行安全生产教育和培训，罚款人民币二万元',
    width: 40,
  },
  {
    field: 'fineFen',
    header: '罚款金额（元）',
    required: false,
    hint: '仅行政处罚；最多两位小数',
    example: '20000',
    width: 14,
  },
  {
    field: 'confiscationFen',
    header: '没收违法所得（元）',
    required: false,
    hint: '仅行政处罚',
    example: '',
    width: 16,
  },
  {
    field: 'validFrom',
    header: '有效期自',
    required: false,
    hint: '仅行政许可，YYYY-MM-DD',
    example: '',
    width: 14,
  },
  {
    field: 'validTo',
    header: '有效期至',
    required: false,
    hint: '仅行政许可，YYYY-MM-DD',
    example: '',
    width: 14,
  },
  {
    field: 'handlingDivision',
    header: '承办科室',
    required: false,
    hint: '',
    example: '执法监督科',
    width: 16,
  },
];

export const HEADER_OF: Record<DecisionField, string> = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c.field, c.header]),
) as Record<DecisionField, string>;

const KIND_BY_LABEL = new Map<string, DecisionKind>(
  Object.entries(KIND_LABELS).flatMap(([k, label]) => [
    [label, k as DecisionKind],
    [label.replace('行政', ''), k as DecisionKind],
    [k, k as DecisionKind],
  ]),
);
const COUNTERPARTY_BY_LABEL = new Map<string, CounterpartyType>([
  ...Object.entries(COUNTERPARTY_LABELS).map(
    ([k, l]) => [l, k as CounterpartyType] as [string, CounterpartyType],
  ),
  ['法人', 'legal_person'],
  ['法人或其他组织', 'legal_person'],
  ['非法人组织', 'legal_person'],
  ['个体户', 'individual_business'],
  ['个人', 'natural_person'],
  ...Object.keys(COUNTERPARTY_LABELS).map((k) => [k, k as CounterpartyType] as [string, CounterpartyType]),
]);

export interface RowProblem {
  column: string;
  reason: string;
}

/** Maps the header row to field positions; problems name missing required columns. */
export function mapHeader(cells: string[]): {
  positions: Map<DecisionField, number>;
  problems: RowProblem[];
} {
  const positions = new Map<DecisionField, number>();
  cells.forEach((raw, i) => {
    const text = raw
      .replace(/[\s*＊]/g, '')
      .replace(/\(/g, '（')
      .replace(/\)/g, '）');
    const col = IMPORT_COLUMNS.find((c) => c.header === text);
    if (col && !positions.has(col.field)) positions.set(col.field, i);
  });
  const problems = IMPORT_COLUMNS.filter((c) => c.required && !positions.has(c.field)).map((c) => ({
    column: c.header,
    reason: `缺少必填列“${c.header}”，请使用导入模板`,
  }));
  return { positions, problems };
}

/** Yuan text to fen; undefined when not a valid non-negative amount with at most two decimals. */
export function yuanToFen(text: string): number | undefined {
  const t = text.replace(/[,，\s元¥￥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return undefined;
  const [int, dec = ''] = t.split('.');
  const fen = Number(int) * 100 + Number(dec.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

/** Accepts 2026-02-10, 2026/2/10, 2026.2.10 and 2026年2月10日. */
export function normalizeDateText(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return text.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** True when every cell is blank (such rows are skipped, as Excel leaves them behind). */
export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function cellAt(cells: string[], positions: Map<DecisionField, number>, field: DecisionField): string {
  const i = positions.get(field);
  return i === undefined ? '' : (cells[i] ?? '').trim();
}

/** An amount cell in fen (null when empty); an invalid amount adds a problem. */
function amountAt(
  cells: string[],
  positions: Map<DecisionField, number>,
  field: 'fineFen' | 'confiscationFen',
  problems: RowProblem[],
): number | null {
  const t = cellAt(cells, positions, field);
  if (!t) return null;
  const fen = yuanToFen(t);
  if (fen === undefined) {
    problems.push({ column: HEADER_OF[field], reason: `金额“${t}”无效，应为不小于0、最多两位小数的数字` });
    return null;
  }
  return fen;
}

/**
 * Converts one data row to a normalized decision or the list of its problems. `today` is China's date.
 */
export function parseImportRow(
  cells: string[],
  positions: Map<DecisionField, number>,
  today: string,
): { value: NormalizedDecision | null; problems: RowProblem[] } {
  // No closures in here: tsx (npm start) compiles with keepNames, which wraps every function created
  // per call in a defineProperty, and this runs for every row of an import.
  const problems: RowProblem[] = [];
  const kindText = cellAt(cells, positions, 'kind');
  const kind = KIND_BY_LABEL.get(kindText);
  const typeText = cellAt(cells, positions, 'counterpartyType');
  const counterpartyType = COUNTERPARTY_BY_LABEL.get(typeText);
  const validFrom = cellAt(cells, positions, 'validFrom');
  const validTo = cellAt(cells, positions, 'validTo');
  const input: DecisionInput = {
    kind: (kind ?? kindText) as DecisionKind,
    decisionNumber: cellAt(cells, positions, 'decisionNumber'),
    decisionDate: normalizeDateText(cellAt(cells, positions, 'decisionDate')),
    itemName: cellAt(cells, positions, 'itemName'),
    counterpartyType: (counterpartyType ?? typeText) as CounterpartyType,
    counterpartyName: cellAt(cells, positions, 'counterpartyName'),
    creditCode: cellAt(cells, positions, 'creditCode'),
    legalRepresentative: cellAt(cells, positions, 'legalRepresentative'),
    legalBasis: cellAt(cells, positions, 'legalBasis'),
    content: cellAt(cells, positions, 'content'),
    fineFen: amountAt(cells, positions, 'fineFen', problems),
    confiscationFen: amountAt(cells, positions, 'confiscationFen', problems),
    validFrom: validFrom ? normalizeDateText(validFrom) : null,
    validTo: validTo ? normalizeDateText(validTo) : null,
    handlingDivision: cellAt(cells, positions, 'handlingDivision'),
  };
  const checked = checkDecision(input, today);
  for (const p of checked.problems) {
    // An unknown kind/type text gets a message that quotes what was written.
    if (p.field === 'kind' && kindText)
      problems.push({
        column: HEADER_OF.kind,
        reason: `“${kindText}”不是有效的决定类别，应为行政许可、行政处罚或行政强制`,
      });
    else if (p.field === 'counterpartyType' && typeText)
      problems.push({
        column: HEADER_OF.counterpartyType,
        reason: `“${typeText}”不是有效的相对人类别，应为法人及非法人组织、个体工商户或自然人`,
      });
    else problems.push({ column: HEADER_OF[p.field], reason: p.message });
  }
  if (problems.length > 0) return { value: null, problems };
  return { value: checked.value, problems };
}

/** The text of a spreadsheet cell value as exceljs gives it (dates, rich text, formulas, hyperlinks). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (typeof v === 'boolean') return v ? '是' : '否';
  // Excel dates are calendar dates stored at UTC midnight.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    // an error value (#N/A …) or a shape exceljs may add later: no text, never "[object Object]"
    return '';
  }
  // bigint, symbol, function: not produced by exceljs; their plain text
  return typeof v === 'bigint' ? v.toString() : '';
}
