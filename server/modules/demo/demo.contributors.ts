import type { DemoContributor } from './demo.seed.js';

/** Demo content from each module (catalog columns and items, cases, decisions …), applied in order. */
export const demoContributors: DemoContributor[] = [];
