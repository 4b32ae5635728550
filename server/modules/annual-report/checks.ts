/**
 * Declarative consistency rules (勾稽) for the annual report, shared by the generator, the console,
 * the API and the checker of existing reports. Each rule is data (id, aliases, severity, Chinese
 * description) plus a pure evaluation. Ids follow anchors.md §5 (R1–R13) with the statute.md §2.7
 * aliases (C1–C7); N1–N5 (narrative) and R11B (blank cells) are additions documented in README.md.
 * The rules live by family in rules/: table-rules.ts (R1–R13), narrative-rules.ts (N1, N2, N4, N5),
 * list-rules.ts (N3); this file assembles the catalogue.
 */
import { type CheckContext, type RuleDef } from './rules/context.js';
import { R1, R2, R3, R4, R5, R6, R7, R10, R11, R11B, R12, R13 } from './rules/table-rules.js';
import { N1, N2, N4, N5 } from './rules/narrative-rules.js';
import { N3 } from './rules/list-rules.js';
import type { Finding } from './types.js';

export type { CheckContext, RuleDef } from './rules/context.js';
export { describeCell } from './rules/describe.js';
export { percentMatches, rowTotal } from './rules/narrative-rules.js';
export { categoryLists, type ListSum } from './rules/list-rules.js';

/** The rule catalogue, in report order. */
export const RULES: readonly RuleDef[] = [
  R1,
  R2,
  R3,
  R5,
  R4,
  R6,
  R7,
  R10,
  R11,
  R11B,
  R12,
  R13,
  N1,
  N2,
  N3,
  N4,
  N5,
];

/** A rule by id or alias (e.g. 'R5' or 'C4'). */
export function ruleById(id: string): RuleDef | undefined {
  return RULES.find((r) => r.id === id || r.aliases.includes(id));
}

/** Evaluates all rules (or only `only`, ids or aliases) and returns the findings in catalogue order. */
export function runChecks(ctx: CheckContext, only?: readonly string[]): Finding[] {
  const selected = only
    ? RULES.filter((r) => only.some((id) => r.id === id || r.aliases.includes(id)))
    : RULES;
  return selected.flatMap((r) => r.evaluate(ctx));
}
