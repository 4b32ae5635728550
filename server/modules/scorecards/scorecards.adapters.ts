/**
 * Thin adapters from the other modules' exported read-only facts (their index.ts) to the scorecards'
 * IndicatorSource. No SQL here: every figure and record comes from the owning module. A metric whose
 * owner exports no facts yet is simply absent (shown as 未接入数据).
 */
import type { Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import { catalogColumnFindings, catalogLateItems, catalogTimelinessFacts } from '../catalog/index.js';
import { requestCaseList, requestPeriodFacts } from '../requests/index.js';
import { interactionItemList, interactionPeriodFacts } from '../interaction/index.js';
import { enforcementPeriodFacts } from '../enforcement/index.js';
import { selfcheckFacts } from '../selfcheck/index.js';
import { tasksFacts } from '../supervision/index.js';
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
  if (!m) shared.set(ids, (m = new Map()));
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
    if (metric === 'catalog_on_time_rate') {
      const calendar = await loadWorkCalendar(ctx);
      const window = { from: period.from, to: asOf };
      const [facts, late] = await Promise.all([
        catalogTimelinessFacts(ctx.db, ids, { today: asOf, calendar }, window),
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
    const findings = (await catalogColumnFindings(ctx.db, ids, { today: asOf })).filter(
      (f) => f.kind === 'stale',
    );
    const byOrg = group(findings);
    for (const id of ids) {
      const g = byOrg.get(id);
      out.set(id, {
        count: g?.total ?? 0,
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
      requestCaseList(ctx.db, ids, { today: asOf, calendar }, 'overdue'),
      requestPeriodFacts(ctx.db, ids, { today: asOf, calendar }, { from: period.from, to: asOf }),
    ]);
    const byOrg = group(open);
    const closedLate = new Map(closed.map((c) => [c.orgId, c.closedLate]));
    const out: FactsMap = new Map();
    for (const id of ids) {
      const g = byOrg.get(id);
      const late = closedLate.get(id) ?? 0;
      const records = (g?.list ?? []).map((c) =>
        rec(
          c.id,
          `${c.caseNumber} ${c.descriptionExcerpt}`,
          `/admin/requests/${c.id}`,
          `应于${c.answerDue ?? '—'}前答复，已逾期${c.workdaysLeft === null ? '—' : -c.workdaysLeft}个工作日（${c.stageLabel}）`,
        ),
      );
      out.set(id, {
        count: (g?.total ?? 0) + late,
        records,
        recordsTotal: (g?.total ?? 0) + late,
        note:
          late > 0
            ? `含本期已办结但逾期答复的案件${late}件（依申请公开模块只提供件数，明细见该机关依申请公开台账）`
            : null,
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
    const facts = await once(ids, `interaction:${period.key}:${asOf}`, () =>
      interactionPeriodFacts(ctx.db, ids, { today: asOf, calendar }, { from: period.from, to: asOf }),
    );
    const out: FactsMap = new Map();
    if (metric === 'interaction_satisfaction') {
      for (const f of facts)
        out.set(f.orgId, {
          numerator: f.satisfied,
          denominator: f.rated,
          records: [],
          recordsTotal: f.rated - f.satisfied,
          note: `本期答复并收到评价${f.rated}件，满意或基本满意${f.satisfied}件（互动交流模块只提供件数）`,
        });
      return out;
    }
    const overdueOpen = group(
      await interactionItemList(ctx.db, ids, { today: todayInChina(ctx.clock), calendar }, 'overdue'),
    );
    for (const f of facts) {
      const g = overdueOpen.get(f.orgId);
      out.set(f.orgId, {
        numerator: f.answeredOnTime,
        denominator: f.answered,
        records: (g?.list ?? []).map((i) =>
          rec(
            i.id,
            `${i.number} ${i.subject}`,
            '/admin/interaction',
            `${i.kindLabel}，应于${i.due}前办理，尚未办结（未计入比率，供参考）`,
          ),
        ),
        recordsTotal: f.answered - f.answeredOnTime,
        note: `本期答复${f.answered}件，按期${f.answeredOnTime}件（逾期答复明细见互动交流台账）；下列为目前已逾期尚未答复的事项`,
      });
    }
    return out;
  },
};

/** 双公示: decisions of the period published within 7 working days. */
const enforcementSource: IndicatorSource = {
  metrics: ['enforcement_on_time_rate'],
  async facts(ctx, _metric, ids, period, asOf) {
    const facts = await enforcementPeriodFacts(ctx.db, ids, { today: asOf }, { from: period.from, to: asOf });
    const out: FactsMap = new Map();
    for (const f of facts)
      out.set(f.orgId, {
        numerator: f.publishedOnTime,
        denominator: f.decisions,
        records: [],
        recordsTotal: f.decisions - f.publishedOnTime,
        note: `本期作出决定${f.decisions}件，7个工作日内公示${f.publishedOnTime}件（双公示模块只提供件数）`,
      });
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
    const facts = await tasksFacts(ctx.db, ids, { from: period.from, to: asOf }, { today: asOf });
    const out: FactsMap = new Map();
    for (const f of facts) {
      const due = f.closedOnTime + f.closedLate + f.overdue;
      out.set(f.orgId, {
        numerator: f.closedOnTime,
        denominator: due,
        records: [],
        recordsTotal: f.closedLate + f.overdue,
        note:
          `本期下达督办${f.issued}件：按期办结${f.closedOnTime}件，逾期办结${f.closedLate}件，逾期未答复${f.overdue}件，` +
          `尚在办理期限内${Math.max(0, f.open - f.overdue)}件（不计入）；明细见“督办事项”（督办模块只提供件数）`,
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
