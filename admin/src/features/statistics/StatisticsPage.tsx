import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TABLE_CHARTS, TABLE_SECTIONS, tableChart, type ChartColumns } from '@contract/statistics.display';
import { BarChartView, type ChartSpec } from './Chart';
import { statisticsApi, type PeriodKind, type StatTable, type StatisticsParams, type Summary } from './api';
import { chinaToday } from '../../components/format';

/** The public page's charts (contract/statistics.display.ts) and the console's per-agency roll-up. */
const CHARTS: Record<string, ChartColumns> = {
  ...TABLE_CHARTS,
  agencies: {
    category: 'agency',
    values: ['published', 'requests_received', 'interaction_received'],
    horizontal: true,
  },
};

/** The public page's sections, after the console's 各机关汇总. */
const SECTIONS: readonly { title: string; tables: readonly string[] }[] = [
  { title: '各机关汇总', tables: ['agencies'] },
  ...TABLE_SECTIONS,
];

const PERIOD_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'year', label: '年度' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月度' },
  { value: 'custom', label: '自定义' },
];

function cellText(v: string | number | null | undefined, kind: string): string {
  if (v === null || v === undefined || v === '') return '—';
  return kind === 'percent' ? `${v}%` : String(v);
}

function chartOf(t: StatTable): ChartSpec | null {
  return tableChart(t, CHARTS);
}

function TableCard({ t, params }: { t: StatTable; params: StatisticsParams }) {
  const chart = useMemo(() => chartOf(t), [t]);
  // Code columns stay in the CSV; the page shows their names.
  const columns = t.columns.filter((c) => !t.columns.some((o) => o.key === `${c.key}_name`));
  return (
    <Card
      size="small"
      title={<span id={`t-${t.key}`}>{t.title}</span>}
      extra={
        <Button size="small" icon={<DownloadOutlined />} href={statisticsApi.csvUrl(t.key, params)}>
          导出CSV
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      {chart && <BarChartView spec={chart} />}
      <Table
        size="small"
        aria-labelledby={`t-${t.key}`}
        rowKey={(_, i) => String(i)}
        pagination={t.rows.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: true }}
        dataSource={t.rows}
        columns={columns.map((c) => ({
          key: c.key,
          title: c.label,
          dataIndex: c.key,
          align: c.kind === 'text' ? ('left' as const) : ('right' as const),
          render: (v: string | number | null) => cellText(v, c.kind),
          ...(c.kind !== 'text'
            ? {
                sorter: (a: Record<string, unknown>, b: Record<string, unknown>) =>
                  Number(a[c.key] ?? -1) - Number(b[c.key] ?? -1),
              }
            : {}),
        }))}
        locale={{ emptyText: '该期间没有数据' }}
      />
    </Card>
  );
}

function SummaryCards({ s }: { s: Summary }) {
  const items: { title: string; value: number | string; suffix?: string }[] = [
    { title: '主动公开信息', value: s.published, suffix: '条' },
    { title: '收到申请', value: s.requestsReceived, suffix: '件' },
    { title: '办结申请', value: s.requestsAnswered, suffix: '件' },
    { title: '平均答复', value: s.avgWorkdays ?? '—', suffix: s.avgWorkdays === null ? '' : '个工作日' },
    { title: '90%答复', value: s.p90Workdays ?? '—', suffix: s.p90Workdays === null ? '' : '个工作日内' },
    { title: '逾期率', value: s.overdueRate ?? '—', suffix: s.overdueRate === null ? '' : '%' },
    { title: '互动交流收件', value: s.interactionReceived, suffix: '件' },
    { title: '互动按期答复率', value: s.onTimeRate ?? '—', suffix: s.onTimeRate === null ? '' : '%' },
    { title: '互动满意率', value: s.satisfactionRate ?? '—', suffix: s.satisfactionRate === null ? '' : '%' },
    { title: '“双公示”决定', value: s.decisions, suffix: '件' },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {items.map((i) => (
        <Col key={i.title} xs={12} sm={8} md={6} xl={4}>
          <Card size="small">
            <Statistic title={i.title} value={i.value} suffix={i.suffix} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 统计分析: one agency's figures, or the agencies below rolled up (supervisors), with charts, tables and CSV. */
export default function StatisticsPage() {
  const { can } = useAuth();
  const today = chinaToday();
  const [params, setParams] = useState<StatisticsParams>({
    period: 'year',
    year: today.year(),
    quarter: Math.floor(today.month() / 3) + 1,
    month: today.month() + 1,
    from: today.startOf('year').format('YYYY-MM-DD'),
    to: today.format('YYYY-MM-DD'),
  });
  const q = useQuery((signal) => statisticsApi.get(params, signal), [params]);
  const set = (patch: Partial<StatisticsParams>) => setParams((p) => ({ ...p, ...patch }));
  const years = Array.from({ length: 8 }, (_, i) => today.year() - i);
  const supervisor = can('supervise.read');
  const data = q.data;
  const byKey = new Map(data?.tables.map((t) => [t.key, t]) ?? []);

  return (
    <>
      <PageHeader
        title="统计分析"
        description="主动公开、依申请公开、互动交流与“双公示”的统计。日期按北京时间，答复用时按工作日计算；依申请公开的收到申请与办理结果与年度报告表三口径一致。"
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Space>
            <label htmlFor="st-period">统计期间</label>
            <Select
              id="st-period"
              style={{ width: 110 }}
              value={params.period}
              options={PERIOD_OPTIONS}
              onChange={(v) => set({ period: v })}
            />
          </Space>
          {params.period !== 'custom' && (
            <Select
              aria-label="年份"
              style={{ width: 100 }}
              value={params.year}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={(v) => set({ year: v })}
            />
          )}
          {params.period === 'quarter' && (
            <Select
              aria-label="季度"
              style={{ width: 110 }}
              value={params.quarter}
              options={[1, 2, 3, 4].map((n) => ({ value: n, label: `第${n}季度` }))}
              onChange={(v) => set({ quarter: v })}
            />
          )}
          {params.period === 'month' && (
            <Select
              aria-label="月份"
              style={{ width: 90 }}
              value={params.month}
              options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
              onChange={(v) => set({ month: v })}
            />
          )}
          {params.period === 'custom' && (
            <DatePicker.RangePicker
              aria-label="自定义期间"
              allowClear={false}
              value={[dayjs(params.from), dayjs(params.to)]}
              onChange={(range) => {
                const [a, b] = (range ?? []) as [Dayjs | null, Dayjs | null];
                if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
              }}
            />
          )}
          {data && data.choices.length > 1 && (
            <Space>
              <label htmlFor="st-agency">机关</label>
              <Select
                id="st-agency"
                style={{ minWidth: 220 }}
                showSearch
                optionFilterProp="label"
                value={params.agency ?? data.agency.id}
                options={data.choices.map((c) => ({
                  value: c.id,
                  label: `${'\u3000'.repeat(c.depth)}${c.name}`,
                }))}
                onChange={(v) => set({ agency: v })}
              />
            </Space>
          )}
          {supervisor && (
            <Space>
              <Switch id="st-rollup" checked={Boolean(params.rollup)} onChange={(v) => set({ rollup: v })} />
              <label htmlFor="st-rollup">汇总下级机关</label>
            </Space>
          )}
        </Flex>
      </Card>
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {data && (
        <>
          <Typography.Paragraph>
            <strong>{data.agency.name}</strong>
            {data.rollup ? `及下级机关（共${data.agencyCount}个）` : ''}　{data.period.label}（
            {data.period.from}至{data.period.to}）
          </Typography.Paragraph>
          <SummaryCards s={data.summary} />
          {SECTIONS.map((s) => {
            const tables = s.tables
              .map((k) => byKey.get(k as StatTable['key']))
              .filter((t): t is StatTable => !!t);
            if (tables.length === 0) return null;
            return (
              <section key={s.title} aria-label={s.title}>
                <Typography.Title level={2} style={{ fontSize: 17 }}>
                  {s.title}
                </Typography.Title>
                {tables.map((t) => (
                  <TableCard
                    key={t.key}
                    t={t}
                    params={{ ...params, agency: params.agency ?? data.agency.id }}
                  />
                ))}
              </section>
            );
          })}
        </>
      )}
      {!data && !q.loading && !q.error && <Empty description="暂无数据" />}
    </>
  );
}
