/**
 * 信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), §3.2 of the spec.
 *
 * Amounts are integer fen (分) throughout so that sums never suffer floating-point error;
 * every tier in the 办法 is a whole number of 元, so fen is exact. Use `formatFen` for display.
 * Tiers are data (FeeSchedule) so a corrected reading of the 办法 is a data change, not a code change.
 */
import { DomainError } from '../../platform/errors.js';

export type FeeBasis = 'per_item' | 'per_page';

/** One band of a progressive (超额累进) tariff, inclusive bounds; `to: null` = no upper bound. */
export interface FeeBand {
  from: number;
  to: number | null;
  unitFen: number;
}

export interface FeeSchedule {
  perItem: {
    /** 第四条（一）（二）: fixed bands for the applicant's cumulative count in one 自然月. */
    bands: FeeBand[];
    /** 第四条（三）: above `from`, every `bandSize` items the unit price rises by `stepFen`. */
    stepped: { from: number; bandSize: number; firstUnitFen: number; stepFen: number };
    uncertain: boolean;
    note: string;
  };
  /** 第五条 按量计收, pages per application. */
  perPage: { bands: FeeBand[]; uncertain: boolean; note: string };
  /** 办法 第六条: applicant pays within 20 working days from the day after receiving the 收费通知. */
  paymentWindowWorkdays: number;
}

/** Defaults from the 办法 as read in spec §3.1/§3.2. */
export const DEFAULT_FEE_SCHEDULE: FeeSchedule = {
  perItem: {
    bands: [
      { from: 1, to: 10, unitFen: 0 }, // （一）10件以下（含10件）不收费
      { from: 11, to: 30, unitFen: 100_00 }, // （二）11—30件的部分 100元/件
    ],
    // （三）31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件 → 31–40: 200, 41–50: 300 …
    stepped: { from: 31, bandSize: 10, firstUnitFen: 200_00, stepFen: 100_00 },
    uncertain: true,
    note: '第四条（三）“31件以上”首档按200元/件理解（11—30件为100元/件，每增加一档提高100元/件）；亦有理解为首档100元/件，待官方解读核实。',
  },
  perPage: {
    bands: [
      { from: 1, to: 30, unitFen: 0 }, // （一）30页以下（含30页）不收费
      { from: 31, to: 100, unitFen: 10_00 }, // （二）31—100页 10元/页
      { from: 101, to: 200, unitFen: 20_00 }, // （三）101—200页 20元/页
      { from: 201, to: null, unitFen: 40_00 }, // （四）201页以上 40元/页
    ],
    uncertain: true,
    note: '页数折算（A4标准页）及已主动公开信息是否按量计收的规定（第五条后段）尚未核实原文。',
  },
  paymentWindowWorkdays: 20,
};

export interface FeeLine {
  /** First and last item / page number of this line (1-based, cumulative within the month for items). */
  from: number;
  to: number;
  count: number;
  unitFen: number;
  subtotalFen: number;
}

export interface FeeQuote {
  basis: FeeBasis;
  amountFen: number;
  lines: FeeLine[];
  uncertain: boolean;
  notes: string[];
}

/** Upper bound on counts to keep a typo from looping for minutes. */
const MAX_COUNT = 100_000;

function assertCount(value: unknown, field: string, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_COUNT) {
    throw new DomainError('invalid_fee_input', `${field} 必须是不小于 ${min} 的整数：${String(value)}`, {
      field,
      value,
    });
  }
}

function bandPrice(bands: FeeBand[], i: number): number | undefined {
  return bands.find((b) => i >= b.from && (b.to === null || i <= b.to))?.unitFen;
}

/** Unit price (fen) of the i-th item (1-based) an applicant files in one calendar month. */
export function perItemUnitFen(i: number, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): number {
  const fixed = bandPrice(schedule.perItem.bands, i);
  if (fixed !== undefined) return fixed;
  const s = schedule.perItem.stepped;
  if (i < s.from) return 0;
  return s.firstUnitFen + s.stepFen * Math.floor((i - s.from) / s.bandSize);
}

function groupLines(unitOf: (i: number) => number, first: number, last: number): FeeLine[] {
  const lines: FeeLine[] = [];
  for (let i = first; i <= last; i++) {
    const unitFen = unitOf(i);
    const cur = lines[lines.length - 1];
    if (cur && cur.unitFen === unitFen) {
      cur.to = i;
      cur.count += 1;
      cur.subtotalFen += unitFen;
    } else {
      lines.push({ from: i, to: i, count: 1, unitFen, subtotalFen: unitFen });
    }
  }
  return lines;
}

/**
 * 按件计收 (第四条): charge for this application = cumulative charge after it minus before it,
 * counting the same applicant's items in the same 自然月 (after 一事一申请 splitting).
 */
export function perItemCharge(
  input: { priorItemsThisMonth: number; itemsInThisApplication: number },
  schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE,
): FeeQuote {
  assertCount(input.priorItemsThisMonth, 'priorItemsThisMonth', 0);
  assertCount(input.itemsInThisApplication, 'itemsInThisApplication', 1);
  const first = input.priorItemsThisMonth + 1;
  const last = input.priorItemsThisMonth + input.itemsInThisApplication;
  const lines = groupLines((i) => perItemUnitFen(i, schedule), first, last);
  const amountFen = lines.reduce((s, l) => s + l.subtotalFen, 0);
  const uncertain = schedule.perItem.uncertain && last >= schedule.perItem.stepped.from;
  return { basis: 'per_item', amountFen, lines, uncertain, notes: uncertain ? [schedule.perItem.note] : [] };
}

/** 按量计收 (第五条): progressive charge on the page count of one application. */
export function perPageCharge(pages: number, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): FeeQuote {
  assertCount(pages, 'pages', 0);
  const lines: FeeLine[] = [];
  for (const b of schedule.perPage.bands) {
    const hi = b.to === null ? pages : Math.min(pages, b.to);
    const count = hi - b.from + 1;
    if (count <= 0) continue;
    lines.push({ from: b.from, to: hi, count, unitFen: b.unitFen, subtotalFen: count * b.unitFen });
  }
  const amountFen = lines.reduce((s, l) => s + l.subtotalFen, 0);
  return {
    basis: 'per_page',
    amountFen,
    lines,
    uncertain: schedule.perPage.uncertain,
    notes: schedule.perPage.uncertain ? [schedule.perPage.note] : [],
  };
}

export interface FeeRequest {
  perItem?: { priorItemsThisMonth: number; itemsInThisApplication: number };
  perPage?: { pages: number };
}

/** Quotes the fee on exactly one basis; 第三条 forbids charging one application on both. */
export function quoteInformationFee(req: FeeRequest, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): FeeQuote {
  if (req.perItem && req.perPage) {
    throw new DomainError(
      'fee_basis_conflict',
      '同一件申请只能选择按件或按量一种标准计收，不得同时按照两种标准重复计算（《信息处理费管理办法》第三条）',
    );
  }
  if (req.perItem) return perItemCharge(req.perItem, schedule);
  if (req.perPage) return perPageCharge(req.perPage.pages, schedule);
  throw new DomainError('fee_basis_missing', '请选择计收标准：按件或按量');
}

/** Formats fen as 元 for letters: 300000 → "3000元", 1250 → "12.50元". */
export function formatFen(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return rest === 0 ? `${yuan}元` : `${yuan}.${String(rest).padStart(2, '0')}元`;
}
