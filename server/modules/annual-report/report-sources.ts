/**
 * The live ReportSources: each module's facts function over its own tables (the generator never
 * queries another module's tables itself). Wiring: `annualReportModule.wire(c)` provides them on the
 * container as `annualReport.sources`; the routes, the demo and `gongkai report generate` read them from
 * there, so a test swaps them with `buildContainer(config, { providers: { 'annualReport.sources': fake } })`
 * (service tests pass fakes to the service functions directly).
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
import type { Ctx } from '../../platform/context.js';
import type { ReportSources } from './sources.js';

declare module '../../platform/providers.js' {
  interface Providers {
    'annualReport.sources': ReportSources;
  }
}

export const liveSources: ReportSources = {
  catalog: catalogReportFacts,
  requests: requestReportFacts,
  enforcement: enforcementReportFacts,
  interaction: interactionReportFacts,
  events: eventsReportFacts,
  enterprises: enterprisesReportFacts,
  notify: notifyReportFacts,
};

/**
 * The report sources wired on a container (or on a services' context built by one). A bare unit-test
 * context without providers reads the live sources.
 */
export function reportSources(ctx: Pick<Ctx, 'providers'>): ReportSources {
  return ctx.providers ? ctx.providers.get('annualReport.sources') : liveSources;
}
