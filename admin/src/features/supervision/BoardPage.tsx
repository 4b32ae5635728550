import { useMemo, useState } from 'react';
import { Alert, Card, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { supervisionApi, type AgencyRow, type BoardKey } from './api';

/** A count that opens the records behind it (red when it is a problem and not zero). */
function Count({ n, to, bad = false, label }: { n: number; to: string; bad?: boolean; label: string }) {
  if (n === 0) return <span aria-label={`${label} 0`}>0</span>;
  return (
    <Link to={to} aria-label={`${label} ${n}，查看明细`}>
      {bad ? <Tag color="red">{n}</Tag> : <span>{n}</span>}
    </Link>
  );
}

const drill = (a: AgencyRow, board: BoardKey, which?: string) =>
  `/supervision/agencies/${a.orgId}/${board}?name=${encodeURIComponent(a.name)}${which ? `&which=${which}` : ''}`;

/**
 * 监督看板: one row per agency below the supervisor with the counts of each module's facts; every count
 * opens the records behind it. `focus="requests"` shows only the 依申请公开 columns (the supervisor's
 * 依申请公开 menu).
 */
export default function BoardPage({ focus }: { focus?: 'requests' }) {
  const [reportYear, setReportYear] = useState<number | undefined>();
  const q = useQuery((s) => supervisionApi.board(reportYear, s), [reportYear]);
  const rows = useMemo(() => [...(q.data?.agencies ?? [])].sort((a, b) => b.problems - a.problems), [q.data]);
  const requestCols: ColumnsType<AgencyRow> = [
    {
      title: '依申请公开',
      children: [
        {
          title: '办理中',
          key: 'open',
          align: 'right',
          render: (_, a) => (
            <Count n={a.requests.open} to={drill(a, 'requests', 'open')} label="办理中案件" />
          ),
        },
        {
          title: '即将到期',
          key: 'soon',
          align: 'right',
          render: (_, a) => (
            <Count n={a.requests.dueSoon} to={drill(a, 'requests', 'due_soon')} label="即将到期案件" />
          ),
        },
        {
          title: '已逾期',
          key: 'overdue',
          align: 'right',
          sorter: (x, y) => x.requests.overdue - y.requests.overdue,
          render: (_, a) => (
            <Count n={a.requests.overdue} to={drill(a, 'requests', 'overdue')} bad label="已逾期案件" />
          ),
        },
      ],
    },
  ];
  const otherCols: ColumnsType<AgencyRow> = [
    {
      title: '主动公开',
      children: [
        {
          title: (
            <Tooltip title="近12个月发布、成文日期起超过20个工作日才发布的信息（条例第二十六条）">
              超期发布
            </Tooltip>
          ),
          key: 'late',
          align: 'right',
          render: (_, a) => (
            <span>
              <Count n={a.catalog.late} to={drill(a, 'late-items')} bad label="超期发布信息" />
              <Typography.Text type="secondary"> / {a.catalog.published}</Typography.Text>
            </span>
          ),
        },
        {
          title: '栏目超期未更新',
          key: 'stale',
          align: 'right',
          render: (_, a) => (
            <Count n={a.catalog.staleColumns} to={drill(a, 'columns', 'stale')} bad label="超期未更新栏目" />
          ),
        },
        {
          title: '空白栏目',
          key: 'blank',
          align: 'right',
          render: (_, a) => (
            <Count n={a.catalog.blankColumns} to={drill(a, 'columns', 'blank')} bad label="空白栏目" />
          ),
        },
      ],
    },
    {
      title: <Tooltip title="作出决定之日起7个工作日内未在门户公示">双公示逾期</Tooltip>,
      key: 'enf',
      align: 'right',
      render: (_, a) => (
        <Count n={a.enforcement.overdue} to={drill(a, 'decisions')} bad label="逾期未公示决定" />
      ),
    },
    {
      title: '互动交流',
      children: [
        {
          title: '办理中',
          key: 'iopen',
          align: 'right',
          render: (_, a) => (
            <Count n={a.interaction.open} to={drill(a, 'interaction', 'open')} label="办理中互动事项" />
          ),
        },
        {
          title: '已逾期',
          key: 'ioverdue',
          align: 'right',
          render: (_, a) => (
            <Count
              n={a.interaction.overdue}
              to={drill(a, 'interaction', 'overdue')}
              bad
              label="逾期互动事项"
            />
          ),
        },
      ],
    },
    {
      title: `${q.data?.reportYear ?? ''}年度报告`,
      key: 'report',
      render: (_, a) => (
        <Space size={4} wrap>
          <Link to="/annual-report-supervision">
            <Tag color={a.report.published ? 'green' : a.report.status === 'missing' ? 'red' : 'blue'}>
              {a.report.statusLabel}
            </Tag>
          </Link>
          {a.report.unresolvedErrors ? <Tag color="red">{a.report.unresolvedErrors}项错误</Tag> : null}
        </Space>
      ),
    },
    {
      title: '督办',
      key: 'tasks',
      render: (_, a) => (
        <Link
          to={`/supervision/tasks?box=issued&targetAgencyId=${a.orgId}`}
          aria-label={`${a.name}的督办事项`}
        >
          {a.tasks.open}件办理中
          {a.tasks.overdue ? (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {a.tasks.overdue}件逾期
            </Tag>
          ) : null}
        </Link>
      ),
    },
  ];
  const columns: ColumnsType<AgencyRow> = [
    { title: '机关', dataIndex: 'name', key: 'name', fixed: 'left', width: 180 },
    ...requestCols,
    ...(focus === 'requests' ? [] : otherCols),
  ];
  return (
    <>
      <PageHeader
        title={focus === 'requests' ? '依申请公开（下级机关）' : '监督看板'}
        description={
          focus === 'requests'
            ? '所辖机关依申请公开案件的办理期限：点击数字查看案件，可对逾期案件下达督办。'
            : '所辖机关政务公开工作的时效情况（只读）：点击数字查看明细记录，可据此下达督办。'
        }
        extra={
          focus === 'requests' ? null : (
            <InputNumber
              aria-label="年度报告年份"
              min={2008}
              max={2100}
              value={q.data?.reportYear}
              onChange={(v) => v && setReportYear(v)}
              addonAfter="年度报告"
            />
          )
        }
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {q.data?.calendarNotice ? (
        <Alert type="warning" showIcon title={q.data.calendarNotice} style={{ marginBottom: 12 }} />
      ) : null}
      <Card
        title={q.data ? `截至 ${q.data.today}，共 ${rows.length} 个机关（问题多的在前）` : '各机关情况'}
        styles={{ body: { padding: 0 } }}
      >
        <Table<AgencyRow>
          rowKey="orgId"
          size="middle"
          bordered
          loading={q.loading}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个机关` }}
          locale={{ emptyText: <EmptyState description="没有所辖的下级机关" /> }}
        />
      </Card>
    </>
  );
}
