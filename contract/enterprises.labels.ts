/**
 * Chinese labels of the enterprise registry's vocabulary (contract/enterprises.ts), shown alike by the
 * server (portal pages, import columns, reports) and the console. Plain values without TypeBox, so the
 * console bundle takes them without the schema library.
 */
import type { Static } from 'typebox';
import type { Category, Scale } from './enterprises.js';

/** 监管类别 */
export const CATEGORY_LABELS: Record<Static<typeof Category>, string> = {
  hazchem_production: '危险化学品生产',
  hazchem_business: '危险化学品经营',
  hazchem_use: '危险化学品使用',
  fireworks: '烟花爆竹',
  non_coal_mine: '非煤矿山',
  metallurgy_trade: '冶金工贸',
  other: '其他',
};

/** 企业规模 */
export const SCALE_LABELS: Record<Static<typeof Scale>, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};
