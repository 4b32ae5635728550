import { useState } from 'react';
import { App as AntApp, Button, Card, InputNumber, Space, Table, Tag } from 'antd';
import { useAuth } from '../../app/auth';
import { matchPath, useRoute, Link } from '../../app/router';
import { useQuery } from '../../api/hooks';
import { messageOf } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS_COLORS, STATUS_LABELS, reportApi, type ReportSummary } from './api';
import { ReportEditor } from './ReportEditor';
import { chinaToday } from '../../components/format';

/** 年度报告: the list of years (`/annual-reports`) and the editor (`/annual-reports/:id`). */
export default function ReportsPage() {
  const { path } = useRoute();
  const params = matchPath('/annual-reports/:id', path);
  if (params?.id) return <ReportEditor id={params.id} />;
  return <ReportList />;
}

function ReportList() {
  const { permissions } = useAuth();
  const { navigate } = useRoute();
  const { message } = AntApp.useApp();
  const q = useQuery((s) => reportApi.list(s), []);
  const [year, setYear] = useState<number>(chinaToday().year() - 1);
  const [busy, setBusy] = useState(false);

  async function generate() {
    setBusy(true);
    try {
      const r = await reportApi.generate(year);
      message.success(`已生成${year}年度报告草稿`);
      navigate(`/annual-reports/${r.id}`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="年度报告"
        description="政府信息公开工作年度报告由业务数据自动生成，按《条例》第四十九条于每年1月31日前公布上一年度报告。"
        extra={
          permissions.has('report.edit') ? (
            <Space>
              <InputNumber
                aria-label="报告年度"
                min={2008}
                max={2100}
                value={year}
                onChange={(v) => v && setYear(v)}
                addonAfter="年度"
              />
              <Button type="primary" loading={busy} onClick={generate}>
                生成报告
              </Button>
            </Space>
          ) : null
        }
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      <Card>
        <Table<ReportSummary>
          rowKey="id"
          loading={q.loading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '尚未生成年度报告' }}
          columns={[
            {
              title: '年度',
              dataIndex: 'year',
              render: (y: number, r) => <Link to={`/annual-reports/${r.id}`}>{y}年度</Link>,
            },
            {
              title: '格式',
              dataIndex: 'formatId',
              render: (f: string) => (f === '2019' ? '2019（试行）' : '2021'),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: ReportSummary['status']) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag>,
            },
            {
              title: '版本',
              dataIndex: 'version',
              render: (v: number, r) =>
                r.publishedVersion ? `第${v}版（已发布第${r.publishedVersion}版）` : `第${v}版`,
            },
            {
              title: '待处理错误',
              dataIndex: 'blocking',
              render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '无'),
            },
            { title: '提示', dataIndex: 'warnings' },
            { title: '法定期限', dataIndex: 'deadline' },
          ]}
        />
      </Card>
    </>
  );
}
