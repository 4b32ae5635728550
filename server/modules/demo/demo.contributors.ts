import type { DemoContributor } from './demo.seed.js';
import { modules } from '../index.js';

/** Demo content from each module (catalog columns and items, cases, decisions …), applied in module order. */
export const demoContributors: DemoContributor[] = modules.flatMap((m) => (m.demo ? [m.demo] : []));
