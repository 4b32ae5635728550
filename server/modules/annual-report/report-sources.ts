/**
 * The live ReportSources: each module's facts function over its own tables (the generator never
 * queries another module's tables itself). Tests pass fakes to the service or to
 * `annualReportRoutes(…, { sources })` instead of swapping a global.
 *
 * A module that feeds the report (interaction, events, enterprises, notify) implements the optional
 * interface of sources.ts in `<module>/<module>.report.ts` and is listed here with one import and one
 * property — a plain static import, no registration side effect.
 */
import { catalogReportFacts } from '../catalog/catalog.report.js';
import { enforcementReportFacts } from '../enforcement/enforcement.report.js';
import { requestReportFacts } from '../requests/requests.report.js';
import { interactionReportFacts } from '../interaction/interaction.report.js';
import { eventsReportFacts } from '../events/events.report.js';
import { notifyReportFacts } from '../notify/notify.report.js';
import { enterprisesReportFacts } from '../enterprises/enterprises.report.js';
import type { ReportSources } from './sources.js';

export const liveSources: ReportSources = {
  catalog: catalogReportFacts,
  requests: requestReportFacts,
  enforcement: enforcementReportFacts,
  interaction: interactionReportFacts,
  events: eventsReportFacts,
  enterprises: enterprisesReportFacts,
  notify: notifyReportFacts,
};
