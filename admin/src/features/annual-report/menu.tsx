import type { DashboardCard, MenuEntry } from '../registry';

/** Console pages of this feature (lazy-loaded) and its 工作台 cards. */
export const menu: MenuEntry[] = [];
export const cards: DashboardCard[] = [];
