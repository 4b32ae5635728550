import { Button, Card, Col, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, matchPath, useRoute } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { calendarApi, COVERAGE_LABELS, type CoverageStatus, type YearListItem } from './api';
import { WorkdayCalculator } from './WorkdayCalculator';
import YearEditor from './YearEditor';

const STATUS_COLORS: Record<CoverageStatus, string> = {
  builtin: 'green',
  override: 'blue',
  missing: 'orange',
};

export function CoverageTag({ status }: { status: CoverageStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{COVERAGE_LABELS[status]}</Tag>;
}

function YearList() {
  const { can } = useAuth();
  const years = useQuery((signal) => calendarApi.years(signal), []);
  const manage = can('calendar.manage');
  const missingSoon = years.data?.items.filter(
    (y) => y.status === 'missing' && y.year >= (years.data?.currentYear ?? 0),
  );

  const columns: TableColumnsType<YearListItem> = [
    {
      title: '年份',
      dataIndex: 'year',
      width: 90,
      render: (y: number) => <Link to={`/calendar/${y}`}>{y}年</Link>,
    },
    {
      title: '覆盖情况',
      dataIndex: 'status',
      width: 130,
      render: (s: CoverageStatus) => <CoverageTag status={s} />,
    },
    {
      title: '放假 / 调休上班',
      key: 'counts',
      width: 130,
      render: (_, r) =>
        r.status === 'missing' ? '—' : `${r.holidayCount} 天 / ${r.adjustedWorkdayCount} 天`,
    },
    { title: '来源', dataIndex: 'source', ellipsis: true, render: (s: string | null) => s ?? '—' },
    {
      title: '最后修改',
      key: 'updated',
      width: 200,
      render: (_, r) => (r.updatedAt ? `${r.updatedByName ?? ''} ${formatDateTime(r.updatedAt)}` : '—'),
    },
    {
      title: '操作',
      key: 'op',
      width: 100,
      render: (_, r) => (
        <Link to={`/calendar/${r.year}`}>
          {manage ? (r.status === 'missing' ? '录入' : '查看/更正') : '查看'}
        </Link>
      ),
    },
  ];

  return (
    <Card title="各年度放假安排">
      <ProblemAlert error={years.error} onRetry={years.reload} />
      {missingSoon && missingSoon.length ? (
        <Typography.Paragraph type="warning">
          {missingSoon.map((y) => `${y.year}年`).join('、')}
          放假安排尚未录入：涉及这些年份的期限按周一至周五预估，并在案件中标注“预估”。
          {manage ? '国务院办公厅通知发布后请及时录入。' : '请提醒政务公开办或系统管理员录入。'}
        </Typography.Paragraph>
      ) : null}
      <Table
        rowKey="year"
        size="small"
        loading={years.loading}
        columns={columns}
        dataSource={years.data?.items ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState description="暂无年度数据" /> }}
      />
      {years.data ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          日历数据版本：{years.data.calendarVersion}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** 工作日历: year coverage, the year editor (/calendar/:year) and the working-day calculator. */
export default function CalendarPage() {
  const { path } = useRoute();
  const m = matchPath('/calendar/:year', path);
  if (m) return <YearEditor year={Number(m.year)} />;
  return (
    <div>
      <PageHeader
        title="工作日历"
        description="法定期限按工作日计算。内置 2004—2026 年国务院办公厅放假安排；其后年份须在通知发布后录入，管理员也可更正任一年份。所有修改记入审计日志。"
        extra={
          <Button
            href="#calculator"
            onClick={(e) => {
              e.preventDefault();
              document.getElementById('calculator')?.scrollIntoView();
            }}
          >
            工作日计算器
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <YearList />
        </Col>
        <Col xs={24} xl={10}>
          <Card title="工作日计算器" id="calculator">
            <WorkdayCalculator />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
