/**
 * What the annual report's use-case files share: the context frozen at generation, loading a report
 * or an agency, the edit guard, and re-evaluating the findings of a stored report.
 */
import type { Actor } from '../../platform/actor.js';
import { assertCan } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import type { Org } from '../orgs/orgs.repository.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import { assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './annual-report.repository.js';
import type { ReportRow } from './annual-report.repository.js';
import { runChecks } from './checks.js';
import { checkContextFor } from './generator.js';
import { renderTexts, textFindings, type RenderedTexts, type ReportTexts } from './narrative-draft.js';
import { type ReportDocument } from './render/model.js';
import type { Finding, ReportFormat, ReportTables } from './types.js';

/** What the checks need besides tables and texts, frozen at generation. */
export interface StoredContext {
  variables: Record<string, string>;
  feeLedgerTotalYuan: number;
  moduleCounts: { license: number; penalty: number; enforcement: number };
  previous: ReportTables | null;
  /** findings over the facts at generation: R8/R9 (case ledger), F1 (recorded-only releases) */
  ledger: Finding[];
}

export type Chart = ReportDocument['chart'];

export const parse = <T>(s: string): T => JSON.parse(s) as T;

export function assertEdits(actor: Actor, orgId: string): void {
  assertCan(actor, 'report.edit');
  assertWritesAgency(actor, orgId);
}

export async function agencyOrThrow(ctx: Ctx, orgId: string): Promise<Org> {
  const org = await orgRepo.findById(ctx.db, orgId);
  if (!org || !isAgencyKind(org.kind)) throw notFound('org', '机关不存在');
  return org;
}

export async function loadReport(ctx: Ctx, id: string): Promise<ReportRow> {
  const row = await repo.findById(ctx.db, id);
  if (!row) throw notFound('annual_report', '年度报告不存在');
  return row;
}

/** Findings of a stored report, recomputed from its tables, texts and frozen context. */
export function evaluate(
  format: ReportFormat,
  tables: ReportTables,
  texts: ReportTexts,
  context: StoredContext,
): { rendered: RenderedTexts; findings: Finding[] } {
  const rendered = renderTexts(texts, context.variables);
  const checkCtx = {
    ...checkContextFor(format, tables, rendered, undefined, context.previous ?? undefined),
    feeLedgerTotalYuan: context.feeLedgerTotalYuan,
    moduleCounts: context.moduleCounts,
  };
  return {
    rendered,
    findings: [...runChecks(checkCtx), ...context.ledger, ...textFindings(texts, context.variables)],
  };
}

/** Reads a report (own agency, or an agency below for supervisors). */
export async function getReport(ctx: Ctx, actor: Actor, id: string): Promise<ReportRow> {
  const row = await loadReport(ctx, id);
  await assertReadsAgency(ctx, actor, row.org_id);
  return row;
}
