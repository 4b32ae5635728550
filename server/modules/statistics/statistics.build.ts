/**
 * From the modules' facts to the statistics view: summary figures and the tables every surface
 * shows (console, portal, CSV, JSON). Pure: the facts, the period and a working-day counter in.
 */
import type { CatalogStatistics } from '../catalog/catalog.statistics.js';
import type { RequestStatistics } from '../requests/requests.statistics.js';
import type { InteractionStatistics } from '../interaction/interaction.statistics.js';
import type { EnforcementStatistics } from '../enforcement/enforcement.statistics.js';
import {
  monthsOf,
  rate,
  weightedMean,
  weightedPercentile,
  type Period,
  type StatTable,
  type Weighted,
} from './statistics.rules.js';

export interface Facts {
  catalog: CatalogStatistics;
  requests: RequestStatistics;
  interaction: InteractionStatistics;
  enforcement: EnforcementStatistics;
}

/** Labels the modules own, passed in so this file stays pure. */
export interface Labels {
  requestChannels: Record<string, string>;
  applicantTypes: Record<string, string>;
  /** outcome code → table 三 row key (2021 format) */
  outcomeRow: (code: string) => string;
  /** table 三 rows in order with their labels */
  outcomeRows: { key: string; label: string }[];
  interactionKinds: Record<string, string>;
  decisionKinds: Record<string, string>;
}

export interface Summary {
  published: number;
  requestsReceived: number;
  requestsAnswered: number;
  avgWorkdays: number | null;
  p90Workdays: number | null;
  answeredLate: number;
  overdueRate: number | null;
  interactionReceived: number;
  interactionAnswered: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  decisions: number;
}

const sumBy = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

function groupSum<T>(xs: readonly T[], key: (x: T) => string, f: (x: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of xs) out.set(key(x), (out.get(key(x)) ?? 0) + f(x));
  return out;
}

/** Working days per answered case, as (days, cases) pairs. */
function durations(
  answered: RequestStatistics['answered'],
  workdays: (a: string, b: string) => number,
): Weighted[] {
  const out: Weighted[] = [];
  for (const a of answered)
    if (a.receivedOn) out.push({ value: Math.max(0, workdays(a.receivedOn, a.closedOn)), weight: a.count });
  return out;
}

export interface BuiltStatistics {
  summary: Summary;
  tables: StatTable[];
}

/**
 * The summary and the tables. `agencies` (id → name, in display order) adds the per-agency table when
 * more than one agency is rolled up.
 */
export function buildStatistics(
  facts: Facts,
  period: Pick<Period, 'from' | 'to'>,
  labels: Labels,
  workdays: (a: string, b: string) => number,
  agencies: { id: string; name: string }[],
): BuiltStatistics {
  const { catalog, requests, interaction, enforcement } = facts;
  const months = monthsOf(period.from, period.to);

  const pubByMonth = groupSum(
    catalog.byAgencyMonth,
    (r) => r.month,
    (r) => r.count,
  );
  const published = sumBy(catalog.byAgencyMonth, (r) => r.count);
  const received = sumBy(requests.received, (r) => r.count);
  const answered = sumBy(requests.answered, (r) => r.count);
  const late = sumBy(requests.late, (r) => r.count);
  const allDurations = durations(requests.answered, workdays);

  // Interaction: the module's cells (month × kind per agency) added up.
  const cells = interaction.cells;
  const iReceived = sumBy(cells, (c) => c.received);
  const iAnswered = sumBy(cells, (c) => c.answered);
  const iOnTime = sumBy(cells, (c) => c.answeredOnTime);
  const iRated = sumBy(cells, (c) => c.rated);
  const iSatisfied = sumBy(cells, (c) => c.satisfied);
  const decisions = sumBy(enforcement.byAgencyKind, (r) => r.count);

  const summary: Summary = {
    published,
    requestsReceived: received,
    requestsAnswered: answered,
    avgWorkdays: weightedMean(allDurations),
    p90Workdays: weightedPercentile(allDurations, 90),
    answeredLate: late,
    overdueRate: rate(late, answered),
    interactionReceived: iReceived,
    interactionAnswered: iAnswered,
    onTimeRate: rate(iOnTime, iAnswered),
    satisfactionRate: rate(iSatisfied, iRated),
    decisions,
  };

  const byChannel = groupSum(
    requests.received,
    (r) => r.channel,
    (r) => r.count,
  );
  const byType = groupSum(
    requests.received,
    (r) => r.applicantType,
    (r) => r.count,
  );
  const byRow = groupSum(
    requests.answered,
    (r) => labels.outcomeRow(r.outcomeCode),
    (r) => r.count,
  );
  const kindKeys = Object.keys(labels.interactionKinds);
  const byKind = (kind: string) => cells.filter((c) => c.kind === kind);
  const byIMonth = (month: string) => cells.filter((c) => c.month === month);
  const decisionKind = (kind: string) => enforcement.byAgencyKind.filter((r) => r.kind === kind);

  const tables: StatTable[] = [
    {
      key: 'publications_by_month',
      title: '主动公开信息发布数（按月）',
      columns: [
        { key: 'month', label: '月份', kind: 'text' },
        { key: 'published', label: '发布条数', kind: 'count' },
      ],
      rows: months.map((m) => ({ month: m, published: pubByMonth.get(m) ?? 0 })),
    },
    {
      key: 'publications_by_column',
      title: '主动公开信息发布数（按栏目）',
      columns: [
        { key: 'column', label: '栏目', kind: 'text' },
        { key: 'published', label: '发布条数', kind: 'count' },
      ],
      rows: catalog.byColumn.map((c) => ({ column: c.name, published: c.count })),
    },
    {
      key: 'publications_by_channel',
      title: '信息发布渠道（已送达）',
      columns: [
        { key: 'channel', label: '渠道代码', kind: 'text' },
        { key: 'channel_name', label: '渠道', kind: 'text' },
        { key: 'delivered', label: '发布次数', kind: 'count' },
      ],
      rows: catalog.byChannel.map((c) => ({ channel: c.channel, channel_name: c.label, delivered: c.count })),
    },
    {
      key: 'requests_by_channel',
      title: '依申请公开收到申请数（按渠道）',
      columns: [
        { key: 'channel', label: '渠道代码', kind: 'text' },
        { key: 'channel_name', label: '提交渠道', kind: 'text' },
        { key: 'received', label: '收到申请数', kind: 'count' },
      ],
      rows: Object.entries(labels.requestChannels).map(([k, label]) => ({
        channel: k,
        channel_name: label,
        received: byChannel.get(k) ?? 0,
      })),
    },
    {
      key: 'requests_by_applicant_type',
      title: '依申请公开收到申请数（按申请人类型）',
      columns: [
        { key: 'applicant_type', label: '类型代码', kind: 'text' },
        { key: 'applicant_type_name', label: '申请人类型', kind: 'text' },
        { key: 'received', label: '收到申请数', kind: 'count' },
      ],
      rows: Object.entries(labels.applicantTypes).map(([k, label]) => ({
        applicant_type: k,
        applicant_type_name: label,
        received: byType.get(k) ?? 0,
      })),
    },
    {
      key: 'requests_by_outcome',
      title: '依申请公开办理结果（按年报表三分类）',
      columns: [
        { key: 'table3_row', label: '表三行', kind: 'text' },
        { key: 'outcome', label: '办理结果', kind: 'text' },
        { key: 'answered', label: '件数', kind: 'count' },
      ],
      rows: labels.outcomeRows.map((r) => ({
        table3_row: r.key,
        outcome: r.label,
        answered: byRow.get(r.key) ?? 0,
      })),
    },
    {
      key: 'requests_timeliness',
      title: '依申请公开答复时长与逾期',
      columns: [
        { key: 'answered', label: '办结件数', kind: 'count' },
        { key: 'avg_workdays', label: '平均答复工作日', kind: 'days' },
        { key: 'p90_workdays', label: '90%答复工作日', kind: 'days' },
        { key: 'answered_late', label: '逾期答复件数', kind: 'count' },
        { key: 'overdue_rate', label: '逾期率', kind: 'percent' },
      ],
      rows: [
        {
          answered,
          avg_workdays: summary.avgWorkdays,
          p90_workdays: summary.p90Workdays,
          answered_late: late,
          overdue_rate: summary.overdueRate,
        },
      ],
    },
    {
      key: 'interaction_by_kind',
      title: '互动交流办理情况（按类别）',
      columns: [
        { key: 'kind', label: '类别代码', kind: 'text' },
        { key: 'kind_name', label: '类别', kind: 'text' },
        { key: 'received', label: '收件', kind: 'count' },
        { key: 'answered', label: '答复', kind: 'count' },
        { key: 'answered_on_time', label: '按期答复', kind: 'count' },
        { key: 'on_time_rate', label: '按期答复率', kind: 'percent' },
        { key: 'rated', label: '评价数', kind: 'count' },
        { key: 'satisfaction_rate', label: '满意率', kind: 'percent' },
      ],
      rows: kindKeys.map((k) => {
        const cs = byKind(k);
        const ans = sumBy(cs, (c) => c.answered);
        const rated = sumBy(cs, (c) => c.rated);
        return {
          kind: k,
          kind_name: labels.interactionKinds[k]!,
          received: sumBy(cs, (c) => c.received),
          answered: ans,
          answered_on_time: sumBy(cs, (c) => c.answeredOnTime),
          on_time_rate: rate(
            sumBy(cs, (c) => c.answeredOnTime),
            ans,
          ),
          rated,
          satisfaction_rate: rate(
            sumBy(cs, (c) => c.satisfied),
            rated,
          ),
        };
      }),
    },
    {
      key: 'interaction_by_month',
      title: '互动交流收件与按期答复（按月）',
      columns: [
        { key: 'month', label: '月份', kind: 'text' },
        { key: 'received', label: '收件', kind: 'count' },
        { key: 'answered', label: '答复', kind: 'count' },
        { key: 'on_time_rate', label: '按期答复率', kind: 'percent' },
      ],
      rows: months.map((m) => {
        const cs = byIMonth(m);
        const ans = sumBy(cs, (c) => c.answered);
        return {
          month: m,
          received: sumBy(cs, (c) => c.received),
          answered: ans,
          on_time_rate: rate(
            sumBy(cs, (c) => c.answeredOnTime),
            ans,
          ),
        };
      }),
    },
    {
      key: 'decisions_by_kind',
      title: '“双公示”行政决定数（按类别）',
      columns: [
        { key: 'kind', label: '类别代码', kind: 'text' },
        { key: 'kind_name', label: '类别', kind: 'text' },
        { key: 'decisions', label: '作出决定数', kind: 'count' },
        { key: 'published', label: '已公示数', kind: 'count' },
      ],
      rows: Object.entries(labels.decisionKinds).map(([k, label]) => ({
        kind: k,
        kind_name: label,
        decisions: sumBy(decisionKind(k), (r) => r.count),
        published: sumBy(decisionKind(k), (r) => r.published),
      })),
    },
  ];

  if (agencies.length > 1) {
    const pubOf = groupSum(
      catalog.byAgencyMonth,
      (r) => r.orgId,
      (r) => r.count,
    );
    const recOf = groupSum(
      requests.received,
      (r) => r.orgId,
      (r) => r.count,
    );
    const ansOf = groupSum(
      requests.answered,
      (r) => r.orgId,
      (r) => r.count,
    );
    const lateOf = groupSum(
      requests.late,
      (r) => r.orgId,
      (r) => r.count,
    );
    const iRecOf = groupSum(
      cells,
      (c) => c.orgId,
      (c) => c.received,
    );
    const iAnsOf = groupSum(
      cells,
      (c) => c.orgId,
      (c) => c.answered,
    );
    const iOnTimeOf = groupSum(
      cells,
      (c) => c.orgId,
      (c) => c.answeredOnTime,
    );
    const decOf = groupSum(
      enforcement.byAgencyKind,
      (r) => r.orgId,
      (r) => r.count,
    );
    const answeredOf = new Map<string, RequestStatistics['answered']>();
    for (const r of requests.answered) {
      const list = answeredOf.get(r.orgId) ?? [];
      list.push(r);
      answeredOf.set(r.orgId, list);
    }
    tables.push({
      key: 'agencies',
      title: '各机关汇总',
      columns: [
        { key: 'agency', label: '机关', kind: 'text' },
        { key: 'published', label: '主动公开', kind: 'count' },
        { key: 'requests_received', label: '收到申请', kind: 'count' },
        { key: 'requests_answered', label: '办结', kind: 'count' },
        { key: 'avg_workdays', label: '平均答复工作日', kind: 'days' },
        { key: 'overdue_rate', label: '逾期率', kind: 'percent' },
        { key: 'interaction_received', label: '互动收件', kind: 'count' },
        { key: 'on_time_rate', label: '互动按期答复率', kind: 'percent' },
        { key: 'decisions', label: '双公示决定', kind: 'count' },
      ],
      rows: agencies.map((a) => ({
        agency: a.name,
        published: pubOf.get(a.id) ?? 0,
        requests_received: recOf.get(a.id) ?? 0,
        requests_answered: ansOf.get(a.id) ?? 0,
        avg_workdays: weightedMean(durations(answeredOf.get(a.id) ?? [], workdays)),
        overdue_rate: rate(lateOf.get(a.id) ?? 0, ansOf.get(a.id) ?? 0),
        interaction_received: iRecOf.get(a.id) ?? 0,
        on_time_rate: rate(iOnTimeOf.get(a.id) ?? 0, iAnsOf.get(a.id) ?? 0),
        decisions: decOf.get(a.id) ?? 0,
      })),
    });
  }
  return { summary, tables };
}
