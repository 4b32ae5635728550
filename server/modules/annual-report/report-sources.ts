/**
 * The live ReportSources: each module's facts function over its own tables. Tests may swap in fakes
 * with `useReportSources` (the generator never queries another module's tables itself).
 */
import { catalogReportFacts } from '../catalog/catalog.report.js';
import { enforcementReportFacts } from '../enforcement/enforcement.report.js';
import { requestReportFacts } from '../requests/requests.report.js';
import type { ReportSources } from './sources.js';

export const liveSources: ReportSources = {
  catalog: catalogReportFacts,
  requests: requestReportFacts,
  enforcement: enforcementReportFacts,
};

let override: ReportSources | null = null;

/** The sources the routes and the CLI use. */
export function reportSources(): ReportSources {
  return override ?? liveSources;
}

/** Replaces the sources (tests); `null` restores the live ones. */
export function useReportSources(sources: ReportSources | null): void {
  override = sources;
}
