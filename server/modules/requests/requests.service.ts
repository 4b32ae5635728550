/**
 * Disclosure on request (依申请公开): intake on every 第二十九/三十一条 channel, the 第四十五条 handling
 * stages, statutory clocks derived from the append-only event list (deadlines.ts), outcomes (outcomes.ts),
 * letters (letters.ts), fees (fees.ts), appeals, links, reminders and 第四十四条 promotion proposals.
 *
 * Every write is ONE transaction: validation, the case row, the event, the letter and the audit row
 * commit together or not at all (nothing half-saved).
 */
export * from './case-views.js';
export * from './case-writes.js';
export * from './intake.js';
export * from './case-reads.js';
export * from './assignment.js';
export * from './supplement.js';
export * from './consultation.js';
export * from './extension.js';
export * from './fee-handling.js';
export * from './outcome.js';
export * from './reply.js';
export * from './templates.js';
export * from './appeals.js';
export * from './ledgers.js';
export * from './reminders.js';
export * from './promotions.js';
export * from './tracking.js';
export * from './settings.js';
export * from './reply-files.js';
export * from './word-templates.js';
