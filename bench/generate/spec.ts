/** What a generated dataset contains. Sizes are for the main agency; the site group's other agencies are small. */
export interface DatasetSpec {
  seed: number;
  /** catalog items of the main agency (示例市应急管理局) */
  items: number;
  /** request cases of the main agency */
  cases: number;
  /** 双公示 decisions of the main agency */
  decisions: number;
  /** agencies in the site group, the main one included (each a department under one government) */
  agencies: number;
  /** per other agency: items, cases, decisions (so a consolidated report has 50 real parts) */
  smallAgency: { items: number; cases: number; decisions: number };
}

export type SizeName = 'quick' | 'middle' | 'full';

export const SIZES: Record<SizeName, Omit<DatasetSpec, 'seed'>> = {
  quick: {
    items: 10_000,
    cases: 2_000,
    decisions: 10_000,
    agencies: 50,
    smallAgency: { items: 20, cases: 30, decisions: 20 },
  },
  middle: {
    items: 100_000,
    cases: 10_000,
    decisions: 100_000,
    agencies: 50,
    smallAgency: { items: 20, cases: 30, decisions: 20 },
  },
  full: {
    items: 1_000_000,
    cases: 100_000,
    decisions: 1_000_000,
    agencies: 50,
    smallAgency: { items: 20, cases: 30, decisions: 20 },
  },
};

/** A spec scaled from a size, e.g. the three points of a cost-growth curve. */
export function specOf(
  seed: number,
  items: number,
  cases: number,
  decisions: number,
  agencies = 50,
): DatasetSpec {
  return { seed, items, cases, decisions, agencies, smallAgency: { items: 20, cases: 30, decisions: 20 } };
}

/** Every generated timestamp lies before this instant (data is "as of" this day). */
export const GENERATED_AT = '2026-11-20T00:00:00.000Z';
/** Publication history starts here. */
export const HISTORY_START = '2019-01-02T00:00:00.000Z';
/** Username and password of every generated user. */
export const BENCH_PASSWORD = 'Gongkai@2026';
/** Code of the main (default) agency: the portal's `/`. */
export const MAIN_AGENCY_CODE = 'shili-yjj';
