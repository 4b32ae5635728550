/**
 * 网站自查 (检查指标): the agency's dated self-check reports, the trend across them, and a report's
 * findings grouped by indicator with where each one is. The office runs 立即检查; supervisors pick any
 * agency below them (read-only).
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Empty,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { selfcheckApi, type FindingView, type ReportSummary } from './api';
import { TrendChart } from './TrendChart';

/** What the excerpt of a finding is, by indicator (the wording findings show the text around the error). */
const EXCERPT_LABELS: Record<string, string> = {
  dead_link: '链接文字',
  error_page: '链接文字',
  column_stale: '栏目',
  blank_column: '栏目',
  interaction_overdue: '编号',
  interaction_unanswered: '编号',
};

const SEVERITY_COLORS: Record<string, string> = { veto: 'red', deduct: 'orange', hint: 'blue' };

function Counts({ r }: { r: Pick<ReportSummary, 'veto' | 'deduct' | 'hint'> }) {
  return (
    <Space size={4} wrap>
      <Tag color={r.veto ? 'red' : undefined}>单项否决 {r.veto}</Tag>
      <Tag color={r.deduct ? 'orange' : undefined}>扣分 {r.deduct}</Tag>
      <Tag>提示 {r.hint}</Tag>
    </Space>
  );
}

/** Where a finding is: the page (a link to the portal) and the page carrying the link. */
function Where({ f }: { f: FindingView }) {
  return (
    <Space direction="vertical" size={0}>
      {f.url ? (
        <span>
          问题位置：
          <Typography.Link href={f.url} target="_blank" rel="noreferrer">
            {f.url}
          </Typography.Link>
        </span>
      ) : null}
      {f.foundOn ? (
        <span>
          所在页面：
          <Typography.Link href={f.foundOn} target="_blank" rel="noreferrer">
            {f.foundOn}
          </Typography.Link>
        </span>
      ) : null}
      {f.excerpt && f.excerpt !== f.url ? (
        <Typography.Text type="secondary">
          {EXCERPT_LABELS[f.indicator] ?? '上下文'}：{f.excerpt}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function ReportDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useQuery((signal) => (id ? selfcheckApi.report(id, signal) : Promise.resolve(null)), [id]);
  const d = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width="min(960px, 100vw)"
      title={d ? `自查报告 · ${d.report.orgName} · ${d.report.runOn}` : '自查报告'}
      extra={
        id ? (
          <Button icon={<DownloadOutlined />} href={selfcheckApi.csvUrl(id)}>
            导出 CSV
          </Button>
        ) : null
      }
    >
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {d ? (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="检查范围">{d.report.baseUrl}</Descriptions.Item>
            <Descriptions.Item label="触发方式">
              {d.report.triggerLabel}（{d.report.triggeredByName}）
            </Descriptions.Item>
            <Descriptions.Item label="检查页面">
              {d.report.pagesCrawled} 个（链接 {d.report.linksChecked} 个）
            </Descriptions.Item>
            <Descriptions.Item label="结果">
              <Counts r={d.report} />
            </Descriptions.Item>
          </Descriptions>
          {d.report.error ? <Alert type="error" showIcon message={`检查失败：${d.report.error}`} /> : null}
          {d.report.truncated ? (
            <Alert
              type="info"
              showIcon
              message="页面数达到上限，部分页面本次未检查"
              style={{ marginBottom: 12 }}
            />
          ) : null}
          {d.groups.length === 0 && !d.report.error ? (
            <Empty description="未发现问题" />
          ) : (
            <Collapse
              defaultActiveKey={d.groups.filter((g) => g.severity !== 'hint').map((g) => g.indicator)}
              items={d.groups.map((g) => ({
                key: g.indicator,
                label: (
                  <Space wrap>
                    <Tag color={SEVERITY_COLORS[g.severity]}>{g.severityLabel}</Tag>
                    <span>
                      {g.group} · {g.label}
                    </span>
                    <Typography.Text strong>{g.count} 项</Typography.Text>
                  </Space>
                ),
                children: (
                  <Table<FindingView>
                    size="small"
                    rowKey="id"
                    pagination={g.findings.length > 20 ? { pageSize: 20 } : false}
                    dataSource={g.findings}
                    columns={[
                      { title: '问题', dataIndex: 'title', width: '35%' },
                      { title: '位置', key: 'where', render: (_, f) => <Where f={f} /> },
                      {
                        title: '说明',
                        dataIndex: 'detail',
                        width: '25%',
                        render: (v: string | null) => v ?? '—',
                      },
                    ]}
                    scroll={{ x: 640 }}
                  />
                ),
              }))}
            />
          )}
        </>
      ) : null}
    </Drawer>
  );
}

export default function SelfcheckPage() {
  const { can, user } = useAuth();
  const { message } = AntApp.useApp();
  const agencies = useQuery((signal) => selfcheckApi.agencies(signal), []);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    // Default: the user's own agency when it is in the list, else the first agency.
    if (orgId || !agencies.data?.length) return;
    const own = agencies.data.find((a) => a.id === user?.orgId);
    setOrgId((own ?? agencies.data[0])!.id);
  }, [agencies.data, orgId, user?.orgId]);
  const reports = useQuery(
    (signal) => (orgId ? selfcheckApi.reports({ orgId, page, pageSize: 10 }, signal) : Promise.resolve(null)),
    [orgId, page],
  );
  const trend = useQuery(
    (signal) => (orgId ? selfcheckApi.trend(orgId, signal) : Promise.resolve(null)),
    [orgId],
  );
  const mayRun = can('selfcheck.run') && orgId !== undefined && orgId === user?.orgId;

  const runNow = async () => {
    setRunning(true);
    try {
      const r = await selfcheckApi.run();
      message.success(`检查完成：单项否决${r.veto}项，扣分${r.deduct}项，提示${r.hint}项`);
      reports.reload();
      trend.reload();
      setOpen(r.id);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setRunning(false);
    }
  };

  const t = trend.data;
  return (
    <>
      <PageHeader
        title="网站自查（检查指标）"
        description="对照《政府网站与政务新媒体检查指标》每日自动检查门户网站：不可用链接、栏目更新、空白栏目、互动回应、错别字和过时的机构名称。每项问题都标明所在页面。"
        extra={
          <>
            {(agencies.data?.length ?? 0) > 1 ? (
              <Select
                aria-label="机关"
                style={{ minWidth: 220 }}
                value={orgId}
                onChange={(v) => {
                  setOrgId(v);
                  setPage(1);
                }}
                options={(agencies.data ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.name}${a.latestRunOn ? `（${a.latestRunOn}）` : '（未检查）'}`,
                }))}
              />
            ) : null}
            {mayRun ? (
              <Button type="primary" icon={<ScanOutlined />} loading={running} onClick={() => void runNow()}>
                立即检查
              </Button>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={agencies.error ?? reports.error ?? trend.error} onRetry={reports.reload} />
      {running ? (
        <Alert
          type="info"
          showIcon
          message="正在检查门户网站的全部页面，可能需要一两分钟……"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Card title="趋势" size="small" style={{ marginBottom: 16 }}>
        {t && t.points.length > 0 ? (
          <>
            <TrendChart trend={t} />
            <Table
              size="small"
              rowKey="reportId"
              pagination={false}
              scroll={{ x: 480 }}
              dataSource={[...t.points].reverse().slice(0, 10)}
              columns={[
                { title: '检查日期', dataIndex: 'runOn' },
                { title: '单项否决', dataIndex: 'veto' },
                { title: '扣分', dataIndex: 'deduct' },
                { title: '提示', dataIndex: 'hint' },
                ...t.indicators
                  .filter((i) =>
                    ['dead_link', 'column_stale', 'blank_column', 'interaction_overdue'].includes(i.code),
                  )
                  .map((i) => ({
                    title: i.label,
                    key: i.code,
                    render: (_: unknown, p: (typeof t.points)[number]) => p.byIndicator[i.code] ?? 0,
                  })),
              ]}
            />
          </>
        ) : (
          <Empty description="暂无自查报告：系统每天凌晨自动检查，也可点击“立即检查”。" />
        )}
      </Card>
      <Card
        title="自查报告"
        size="small"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={reports.reload}>
            刷新
          </Button>
        }
      >
        <Table<ReportSummary>
          rowKey="id"
          size="small"
          loading={reports.loading}
          dataSource={reports.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无自查报告" /> }}
          scroll={{ x: 720 }}
          pagination={{
            current: page,
            pageSize: 10,
            total: reports.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => `共 ${n} 份`,
          }}
          columns={[
            {
              title: '检查日期',
              dataIndex: 'runOn',
              render: (v: string, r) => <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>,
            },
            { title: '机关', dataIndex: 'orgName' },
            { title: '方式', dataIndex: 'triggerLabel' },
            { title: '页面数', dataIndex: 'pagesCrawled' },
            {
              title: '结果',
              key: 'counts',
              render: (_, r) => (r.status === 'failed' ? <Tag color="red">检查失败</Tag> : <Counts r={r} />),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setOpen(r.id)}>
                    查看
                  </Button>
                  <Button size="small" icon={<DownloadOutlined />} href={selfcheckApi.csvUrl(r.id)}>
                    CSV
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ReportDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
