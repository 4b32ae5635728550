import { useState } from 'react';
import { Alert, Card, InputNumber, Space, Table, Tag } from 'antd';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS_COLORS, STATUS_LABELS, reportApi, type Readiness } from './api';
import { GRID_CSS, ReportGrid } from './ReportGrid';
import { chinaToday } from '../../components/format';

/** 年报进度: readiness of every agency below the supervisor, and the consolidated government report (R13). */
export default function SupervisionPage() {
  const [year, setYear] = useState<number>(chinaToday().year() - 1);
  const board = useQuery((s) => reportApi.supervision(year, s), [year]);
  const cons = useQuery((s) => reportApi.consolidated(year, s), [year]);
  return (
    <>
      <style>{GRID_CSS}</style>
      <PageHeader
        title="年报编制进度"
        description="下级机关年度报告的编制、校验与发布情况；汇总报告由各部门表格逐格相加生成。"
        extra={
          <InputNumber
            aria-label="报告年度"
            min={2008}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            addonAfter="年度"
          />
        }
      />
      <ProblemAlert error={board.error} onRetry={board.reload} />
      <Card title={`各机关进度（法定期限 ${board.data?.deadline ?? ''}）`}>
        <Table<Readiness>
          rowKey="orgId"
          loading={board.loading}
          dataSource={board.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '机关', dataIndex: 'name' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: Readiness['status']) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag>,
            },
            {
              title: '已发布版本',
              dataIndex: 'publishedVersion',
              render: (v: number) => (v ? `第${v}版` : '—'),
            },
            { title: '错误', dataIndex: 'errors' },
            {
              title: '未说明的错误',
              dataIndex: 'unresolvedErrors',
              render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
            },
            {
              title: '不能审定/发布的原因',
              dataIndex: 'blockedReasonsZh',
              render: (reasons: string[]) =>
                reasons.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                    {reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
            },
            { title: '书面说明', dataIndex: 'overrides' },
            { title: '提示', dataIndex: 'warnings' },
            {
              title: '最近校验',
              dataIndex: 'checkedAt',
              render: (v: string | null) => (v ? v.slice(0, 10) : '—'),
            },
          ]}
        />
      </Card>
      <Card
        title="本级汇总报告"
        style={{ marginTop: 16 }}
        extra={
          <Space>
            <a href={reportApi.consolidatedUrl(year, 'docx')}>Word</a>
            <a href={reportApi.consolidatedUrl(year, 'xlsx')}>Excel</a>
          </Space>
        }
      >
        <ProblemAlert error={cons.error} />
        {cons.data ? (
          <>
            <p>
              汇总了 {cons.data.parts.length} 个部门
              {cons.data.parts.some((p) => p.source === 'working') ? '（其中部分为未发布的工作稿）' : ''}
              {cons.data.missing.length
                ? `；尚未编制：${cons.data.missing.map((m) => m.name).join('、')}`
                : ''}
              。
            </p>
            {cons.data.findings.length ? (
              <Alert type="error" showIcon title={cons.data.findings.map((f) => f.messageZh).join('；')} />
            ) : (
              <Alert type="success" showIcon title="汇总表与各部门表格逐格一致（R13），勾稽关系成立" />
            )}
            <ReportGrid
              layout={cons.data.format.table3.layout}
              tables={cons.data.tables}
              caption="汇总表三"
            />
            <ReportGrid
              layout={cons.data.format.table4.layout}
              tables={cons.data.tables}
              caption="汇总表四"
            />
          </>
        ) : null}
      </Card>
    </>
  );
}
