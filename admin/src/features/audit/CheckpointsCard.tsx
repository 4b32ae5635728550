import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CheckpointViewT } from '@contract/audit';
import { auditApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';

/** China time whatever the browser's zone (the auditor may read the console from anywhere). */
const chinaTime = (iso: string) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

const STATUS: Record<CheckpointViewT['status'], { text: string; color: string }> = {
  valid: { text: '有效', color: 'success' },
  chain_mismatch: { text: '与链不符', color: 'error' },
  bad_signature: { text: '签名无效', color: 'error' },
};

/**
 * 签名检查点 (安全审计员): the chain head signed with the installation's key outside the database, one
 * file each. A rewritten chain no longer matches an earlier checkpoint; the auditor keeps the downloaded
 * files off the machine so a rewrite cannot remove them too.
 */
export function CheckpointsCard() {
  const q = useQuery((signal) => auditApi.checkpoints(signal), []);
  const items = q.data?.items ?? [];
  const bad = items.filter((i) => i.status !== 'valid').length;

  const columns: TableColumnsType<CheckpointViewT> = [
    { title: '链头序号', dataIndex: 'seq', width: 110 },
    { title: '签名时间（北京时间）', dataIndex: 'at', width: 200, render: (v: string) => chinaTime(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: CheckpointViewT['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag>,
    },
    {
      title: '说明',
      dataIndex: 'problem',
      render: (p: string | null, r) =>
        p ?? (
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            哈希 {r.hash.slice(0, 16)}…
          </Typography.Text>
        ),
    },
    {
      title: '文件',
      dataIndex: 'file',
      width: 120,
      render: (f: string) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={auditApi.checkpointUrl(f)}
          download={f}
          aria-label={`下载检查点文件 ${f}`}
        >
          下载
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="签名检查点"
      style={{ marginTop: 16 }}
      extra={
        <Button icon={<ReloadOutlined />} onClick={q.reload} loading={q.loading}>
          刷新
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        系统定时用保存在数据库之外的密钥为审计日志的链头签名，生成检查点文件
        {q.data
          ? q.data.intervalMinutes > 0
            ? `（每 ${q.data.intervalMinutes} 分钟一次，仅在有新记录时生成）`
            : '（未开启定时签名，可由运维人员执行 gongkai audit checkpoint）'
          : ''}
        。即使有人改写了数据库中的审计记录并重新计算哈希，也无法与已签名的检查点相符。请定期下载检查点文件并在本系统之外保存。
      </Typography.Paragraph>
      {q.data && !q.data.configured ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="未配置密钥目录，系统不会生成检查点。请联系运维人员配置 DATA_DIR 或 KEYS_DIR。"
        />
      ) : null}
      {bad > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={`${bad} 个检查点无效或与审计日志不符，审计日志可能被改写`}
          description="请立即报告安全管理员并保留现场，同时保存已下载的检查点文件。"
        />
      ) : null}
      <ProblemAlert error={q.error} onRetry={q.reload} />
      <Table<CheckpointViewT>
        rowKey="file"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={q.loading}
        locale={{ emptyText: <EmptyState description="暂无检查点" /> }}
        pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 个` }}
      />
    </Card>
  );
}
