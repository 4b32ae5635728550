import type { GongkaiModule } from '../module.js';
import { registerReportCommands } from './annual-report.cli.js';
import { annualReportRoutes } from './annual-report.routes.js';
import { annualReportDemo } from './annual-report.demo.js';
import { liveSources } from './report-sources.js';

/** AnnualReport module (政府信息公开工作年度报告): API, portal column 政府信息公开年报, `gongkai report …`. */
export const annualReportModule: GongkaiModule = {
  name: 'annual-report',
  /** The facts sources of the report (every module's `<module>.report.ts`), swappable per container. */
  wire: (c) => c.providers.provide('annualReport.sources', liveSources),
  routes: annualReportRoutes,
  cli: registerReportCommands,
  demo: (ctx, agency) => annualReportDemo(ctx, agency),
};
