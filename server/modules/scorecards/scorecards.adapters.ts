/**
 * Thin adapters from the other modules' exported read-only facts (their index.ts) to the scorecards'
 * IndicatorSource. No SQL here: every figure and record comes from the owning module. A metric whose
 * owner exports no facts yet is simply absent (shown as 未接入数据).
 */
import type { Ctx } from '../../platform/context.js';
import { chinaDateOf } from '../../platform/clock.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { catalogColumnFindings, catalogLateItems, catalogTimelinessFacts } from '../catalog/index.js';
import { requestOpenDetail, requestPeriodDetail } from '../requests/index.js';
import { interactionAnsweredItems, interactionPeriodSummary } from '../interaction/index.js';
import { enforcementPeriodFacts, enforcementPeriodLateList } from '../enforcement/index.js';
import { selfcheckFacts } from '../selfcheck/index.js';
import { lateTasks, tasksFacts } from '../supervision/index.js';
import type { MetricKey, Period } from './scorecards.rules.js';
import {
  RECORDS_CAP,
  type IndicatorSource,
  type SourceFacts,
  type TraceRecord,
} from './scorecards.sources.js';

type FactsMap = Map<string, SourceFacts>;

/**
 * One compute asks a source once per metric with the same agency list; two metrics of one module share
 * the module's facts (e.g. on-time reply and satisfaction), so a call is remembered per agency list.
 */
const shared = new WeakMap<readonly string[], Map<string, Promise<unknown>>>();
function once<T>(ids: readonly string[], key: string, run: () => Promise<T>): Promise<T> {
  let m = shared.get(ids);
  if (!m) shared.set(ids, (m = new Map<string, Promise<unknown>>()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = run()));
  return p;
}

function group<T extends { orgId: string }>(
  rows: readonly T[],
  cap = RECORDS_CAP,
): Map<string, { list: T[]; total: number }> {
  const out = new Map<string, { list: T[]; total: number }>();
  for (const r of rows) {
    const g = out.get(r.orgId) ?? { list: [], total: 0 };
    g.total++;
    if (g.list.length < cap) g.list.push(r);
    out.set(r.orgId, g);
  }
  return out;
}

const rec = (id: string, label: string, href: string | null, note: string | null = null): TraceRecord => ({
  id,
  label,
  href,
  note,
});

/** 主动公开: on-time publication in the period and stale columns at its end. */
const catalogSource: IndicatorSource = {
  metrics: ['catalog_on_time_rate', 'catalog_stale_columns'],
  async facts(ctx, metric, ids, period, asOf) {
    const out: FactsMap = new Map();
    const calendar = await loadWorkCalendar(ctx);
    const window = { from: period.from, to: asOf };
    // Both metrics read the per-agency counts (published, late, leaf columns): one call for the two.
    const timeliness = once(ids, `catalog:${period.key}:${asOf}`, () =>
      catalogTimelinessFacts(ctx.db, ids, { today: asOf, calendar }, window),
    );
    if (metric === 'catalog_on_time_rate') {
      const [facts, late] = await Promise.all([
        timeliness,
        catalogLateItems(ctx.db, ids, { today: asOf, calendar }, { window, limit: 5000 }),
      ]);
      const byOrg = group(late);
      for (const f of facts) {
        const g = byOrg.get(f.orgId);
        out.set(f.orgId, {
          numerator: f.published - f.late,
          denominator: f.published,
          records: (g?.list ?? []).map((i) =>
            rec(
              i.id,
              `${i.title}${i.indexNumber ? `（${i.indexNumber}）` : ''}`,
              `/admin/catalog/items/${i.id}`,
              `成文${i.generatedOn}，发布${i.publishedOn}，历时${i.workdays}个工作日`,
            ),
          ),
          recordsTotal: f.late,
        });
      }
      return out;
    }
    const [counts, all] = await Promise.all([
      timeliness,
      catalogColumnFindings(ctx.db, ids, { today: asOf }),
    ]);
    const leaves = new Map(counts.map((c) => [c.orgId, c.leafColumns]));
    const byOrg = group(all.filter((f) => f.kind === 'stale'));
    for (const id of ids) {
      const g = byOrg.get(id);
      out.set(id, {
        count: g?.total ?? 0,
        // An agency without columns has nothing to keep up to date: 不适用.
        base: leaves.get(id) ?? 0,
        records: (g?.list ?? []).map((c) =>
          rec(
            c.columnId,
            c.columnName,
            `/admin/catalog/columns`,
            `最近发布${c.lastPublishedOn ?? '—'}，已${c.daysSince ?? '—'}天未更新（更新周期${c.limitDays ?? '—'}天）`,
          ),
        ),
        recordsTotal: g?.total ?? 0,
      });
    }
    return out;
  },
};

/** 依申请公开: cases open and overdue at the period's end plus cases of the period answered late. */
const requestsSource: IndicatorSource = {
  metrics: ['requests_overdue'],
  async facts(ctx, _metric, ids, period, asOf) {
    const calendar = await loadWorkCalendar(ctx);
    // As of the period's end (a past quarter: cases received later are not counted by the requests module).
    const [open, closed] = await Promise.all([
      requestOpenDetail(ctx.db, ids, { today: asOf, calendar }, { listPerOrg: RECORDS_CAP }),
      requestPeriodDetail(ctx.db, ids, { today: asOf, calendar }, { from: period.from, to: asOf }),
    ]);
    // Listed up to RECORDS_CAP per agency by the requests module; counted in full in overdueByOrg.
    const overdueBy = group(open.overdue);
    const closedBy = new Map(closed.facts.map((c) => [c.orgId, c.closed]));
    const lateBy = group(closed.lateAnswers);
    const out: FactsMap = new Map();
    for (const id of ids) {
      const overdue = overdueBy.get(id)?.list ?? [];
      const late = lateBy.get(id);
      const records = [
        ...overdue.map((c) =>
          rec(
            c.id,
            `${c.caseNumber} ${c.descriptionExcerpt}`,
            `/admin/requests/${c.id}`,
            `应于${c.answerDue ?? '—'}前答复，已逾期${c.workdaysLeft === null ? '—' : -c.workdaysLeft}个工作日（${c.stageLabel}，尚未答复）`,
          ),
        ),
        ...(late?.list ?? []).map((c) =>
          rec(
            c.id,
            `${c.caseNumber} ${c.descriptionExcerpt}`,
            `/admin/requests/${c.id}`,
            `应于${c.answerDue ?? '—'}前答复，${c.closedOn ?? '—'}办结（逾期答复）`,
          ),
        ),
      ].slice(0, RECORDS_CAP);
      const total = (open.overdueByOrg.get(id) ?? 0) + (late?.total ?? 0);
      out.set(id, {
        count: total,
        // Cases open at the period's end or closed within it: none means nothing was due (不适用).
        base: (open.openByOrg.get(id) ?? 0) + (closedBy.get(id) ?? 0),
        records,
        recordsTotal: total,
      });
    }
    return out;
  },
};

/** 互动交流: on-time reply and satisfaction of the items answered in the period. */
const interactionSource: IndicatorSource = {
  metrics: ['interaction_on_time_rate', 'interaction_satisfaction'],
  async facts(ctx, metric, ids, period, asOf) {
    const calendar = await loadWorkCalendar(ctx);
    // The two metrics share one read of the period's answered items.
    const items = await once(ids, `interaction:${period.key}:${asOf}`, () =>
      interactionAnsweredItems(ctx.db, ids, { today: asOf, calendar }, { from: period.from, to: asOf }),
    );
    const facts = interactionPeriodSummary(ids, items);
    const satisfaction = metric === 'interaction_satisfaction';
    // The records behind the failures: unsatisfied ratings, or answers given after the due date.
    const failures = group(items.filter((i) => (satisfaction ? i.rating === 'unsatisfied' : i.answeredLate)));
    const out: FactsMap = new Map();
    for (const f of facts) {
      const g = failures.get(f.orgId);
      const records = (g?.list ?? []).map((i) =>
        rec(
          i.id,
          `${i.number} ${i.subject}`,
          `/admin/interaction/items/${i.id}`,
          satisfaction
            ? `${i.kindLabel}，${i.repliedOn}答复，评价为不满意`
            : `${i.kindLabel}，应于${i.answerDue}前答复，${i.repliedOn}答复`,
        ),
      );
      out.set(
        f.orgId,
        satisfaction
          ? { numerator: f.satisfied, denominator: f.rated, records, recordsTotal: g?.total ?? 0 }
          : { numerator: f.answeredOnTime, denominator: f.answered, records, recordsTotal: g?.total ?? 0 },
      );
    }
    return out;
  },
};

/** 双公示: decisions of the period published within 7 working days. */
const enforcementSource: IndicatorSource = {
  metrics: ['enforcement_on_time_rate'],
  async facts(ctx, _metric, ids, period, asOf) {
    const window = { from: period.from, to: asOf };
    const [facts, late] = await Promise.all([
      enforcementPeriodFacts(ctx.db, ids, { today: asOf }, window),
      enforcementPeriodLateList(ctx.db, ids, { today: asOf }, window, 5000),
    ]);
    const lateBy = group(late);
    const out: FactsMap = new Map();
    for (const f of facts) {
      const pending = f.decisions - f.publishedOnTime - f.publishedLate - f.overdueUnpublished;
      out.set(f.orgId, {
        numerator: f.publishedOnTime,
        denominator: f.decisions,
        records: (lateBy.get(f.orgId)?.list ?? []).map((d) =>
          rec(
            d.id,
            `${d.decisionNumber}${d.itemName ? ` ${d.itemName}` : ''}`,
            '/admin/enforcement',
            `${d.kindLabel}，${d.decisionDate}作出，应于${d.publishDue}前公示，` +
              (d.publishedAt ? `${chinaDateOf(d.publishedAt)}公示（超期）` : '至今未公示'),
          ),
        ),
        recordsTotal: f.publishedLate + f.overdueUnpublished,
        note: pending > 0 ? `另有${pending}件尚在7个工作日公示期内、未公示，计入分母未计入按时公示` : null,
      });
    }
    return out;
  },
};

/** 检查指标自查: findings (单项否决 and 扣分 items) of the newest report of the period. */
const selfcheckSource: IndicatorSource = {
  metrics: ['selfcheck_findings'],
  async facts(ctx, _metric, ids, period, asOf) {
    const facts = await selfcheckFacts(ctx, ids, { from: period.from, to: asOf });
    const out: FactsMap = new Map();
    for (const f of facts) {
      if (!f.latestReportId) {
        out.set(f.orgId, { records: [], recordsTotal: 0, unavailable: '本期未开展网站自查，暂不计分' });
        continue;
      }
      const counted = f.veto + f.deduct;
      out.set(f.orgId, {
        count: counted,
        records: [
          rec(
            f.latestReportId,
            `${f.runOn ?? ''}网站自查报告`,
            `/admin/selfcheck/${f.latestReportId}`,
            `单项否决${f.veto}项、扣分项${f.deduct}项、提示${f.hint}项（提示项不扣分）`,
          ),
        ],
        recordsTotal: counted,
      });
    }
    return out;
  },
};

/** 督办: tasks addressed to the agency in the period — closed on time over those closed or overdue. */
const tasksSource: IndicatorSource = {
  metrics: ['tasks_on_time_rate'],
  async facts(ctx, _metric, ids, period, asOf) {
    const window = { from: period.from, to: asOf };
    const [facts, late] = await Promise.all([
      tasksFacts(ctx.db, ids, window, { today: asOf }),
      lateTasks(ctx.db, ids, window, { today: asOf }),
    ]);
    const lateBy = group(late);
    const out: FactsMap = new Map();
    for (const f of facts) {
      const due = f.closedOnTime + f.closedLate + f.overdue;
      const waiting = Math.max(0, f.open - f.overdue);
      out.set(f.orgId, {
        numerator: f.closedOnTime,
        denominator: due,
        records: (lateBy.get(f.orgId)?.list ?? []).map((t) =>
          rec(
            t.id,
            `${t.number} ${t.title}`,
            `/admin/supervision/tasks/${t.id}`,
            t.closedLate
              ? `应于${t.dueOn}前答复，${t.repliedOn ?? '—'}答复，逾期办结`
              : `应于${t.dueOn}前答复，逾期未答复`,
          ),
        ),
        recordsTotal: f.closedLate + f.overdue,
        note:
          `本期下达督办${f.issued}件：按期办结${f.closedOnTime}件，逾期办结${f.closedLate}件，逾期未答复${f.overdue}件` +
          (waiting > 0 ? `，尚在办理期限内或待验收${waiting}件（不计入）` : ''),
      });
    }
    return out;
  },
};

let override: IndicatorSource[] | null = null;

/** The sources in use (tests and the benchmark may replace them). */
export function scorecardSources(): IndicatorSource[] {
  return (
    override ?? [
      catalogSource,
      requestsSource,
      interactionSource,
      enforcementSource,
      selfcheckSource,
      tasksSource,
    ]
  );
}

/** Test seam: replace the sources (null restores the real ones). */
export function setScorecardSources(sources: IndicatorSource[] | null): void {
  override = sources;
}

export type { MetricKey, Period, Ctx };
