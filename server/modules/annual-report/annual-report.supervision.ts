/**
 * Read-only supervision facts of the annual report (年度报告) for the supervision boards and the
 * scorecards (issue 19): per agency, the status of its report for a year, its unresolved errors and
 * why it cannot be published now (lifecycle.ts publicationBlocks — the same rules as the readiness board
 * of annual-report.service.ts). One query over all given agencies; no access checks here, no writes.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AnnualReportsTable } from './annual-report.tables.js';
import { blockingErrors, deadlineOf, publicationBlocks, STATUS_LABELS, type Override } from './lifecycle.js';
import type { Finding } from './types.js';
import * as repo from './annual-report.repository.js';

type Db = Kysely<DB>;

export interface ReportReadinessFacts {
  orgId: string;
  year: number;
  reportId: string | null;
  status: AnnualReportsTable['status'] | 'missing';
  statusLabel: string;
  /** Errors neither corrected nor explained (block approval and publication). */
  unresolvedErrors: number;
  warnings: number;
  /** Published at least once. */
  published: boolean;
  /** 条例第五十条 deadline (31 January of the next year). */
  deadline: string;
  blockedReasonsZh: string[];
}

function parse<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Report readiness of each given agency for `year` (a row for every agency; 'missing' without a report). */
export async function reportReadinessFacts(
  db: Db,
  orgIds: readonly string[],
  year: number,
  asOf: { today: string },
): Promise<ReportReadinessFacts[]> {
  if (orgIds.length === 0) return [];
  const rows = await repo.listByOrgs(db, orgIds, year);
  const by = new Map(rows.map((r) => [r.org_id, r]));
  return orgIds.map((orgId) => {
    const r = by.get(orgId);
    if (!r)
      return {
        orgId,
        year,
        reportId: null,
        status: 'missing' as const,
        statusLabel: '未编制',
        unresolvedErrors: 0,
        warnings: 0,
        published: false,
        deadline: deadlineOf(year),
        blockedReasonsZh: [],
      };
    const findings = parse<Finding[]>(r.findings_json, []);
    const overrides = parse<Record<string, Override>>(r.overrides_json, {});
    return {
      orgId,
      year,
      reportId: r.id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      unresolvedErrors: blockingErrors(findings, overrides).length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      published: Number(r.published_version ?? 0) > 0,
      deadline: deadlineOf(year),
      blockedReasonsZh:
        r.status !== 'published'
          ? publicationBlocks({ year, today: asOf.today, findings, overrides }).map((b) => b.messageZh)
          : [],
    };
  });
}
