/** Public surface of the events-and-proposals module. */
export { eventsModule } from './events.module.js';
export { eventsReportFacts } from './events.report.js';
export { proposalBoard } from './proposals.service.js';
export { EVENT_KIND_LABELS, PROPOSAL_KIND_LABELS, REPLY_CLASS_LABELS } from './events.rules.js';
