import type { GongkaiModule } from '../module.js';

/** AnnualReport module: wiring of its routes, portal pages, demo content and CLI commands. */
export const annualReportModule: GongkaiModule = {
  name: 'annual-report',
};
