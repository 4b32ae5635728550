import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { auditApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import type { AuditEntry, AuditFilter, AuditVerifyResult } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTimeSeconds } from '../../components/format';

/** Known audit actions in words; modules add theirs here as they start recording them. */
export const ACTION_LABELS: Record<string, string> = {
  'org.create': '新建机构',
  'org.update': '修改机构设置',
  'org.retire': '撤销机构',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'user.change_password': '修改本人密码',
};

export const TARGET_LABELS: Record<string, string> = { org: '机构', user: '用户' };

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  action?: string;
  targetType?: string;
  actorId?: string;
  targetId?: string;
}

function toFilter(v: FilterValues): AuditFilter {
  const t = (s?: string) => s?.trim() || undefined;
  return {
    from: v.range?.[0]?.format('YYYY-MM-DD'),
    to: v.range?.[1]?.format('YYYY-MM-DD'),
    action: t(v.action),
    targetType: t(v.targetType),
    actorId: t(v.actorId),
    targetId: t(v.targetId),
  };
}

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <pre className="gk-json" tabIndex={0} aria-label={label}>
        {value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Before/after of a change side by side; anything else in the summary below. */
function SummaryView({ entry }: { entry: AuditEntry }) {
  const s = entry.summary;
  const { before, after, note, ...rest } =
    s && typeof s === 'object' ? s : { before: undefined, after: undefined, note: undefined };
  const hasRest = Object.keys(rest).length > 0;
  return (
    <div style={{ padding: '4px 8px' }}>
      {note ? <Typography.Paragraph>说明：{String(note)}</Typography.Paragraph> : null}
      <Row gutter={16}>
        {before !== undefined ? (
          <Col xs={24} md={12}>
            <Json label="变更前" value={before} />
          </Col>
        ) : null}
        {after !== undefined ? (
          <Col xs={24} md={12}>
            <Json label="变更后" value={after} />
          </Col>
        ) : null}
        {hasRest ? (
          <Col xs={24}>
            <Json label="其他信息" value={rest} />
          </Col>
        ) : null}
      </Row>
      {before === undefined && after === undefined && !hasRest && !note ? (
        <Typography.Paragraph type="secondary">此操作没有记录变更内容。</Typography.Paragraph>
      ) : null}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label="请求编号">{entry.requestId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="操作人ID">{entry.actorId ?? '系统'}</Descriptions.Item>
        <Descriptions.Item label="机关ID">{entry.orgId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="哈希">
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {entry.hash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** 审计日志 (安全审计员): filter, inspect, export, and verify the hash chain. */
export default function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | ApiError | null>(null);
  const log = useQuery((signal) => auditApi.list({ ...filter, ...paging }, signal), [filter, paging]);

  const apply = (v: FilterValues) => {
    setFilter(toFilter(v));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      if (e instanceof ApiError) setVerify(e);
      else message.error('校验失败，请稍后再试');
    } finally {
      setVerifying(false);
    }
  };

  const filterByActor = (actorId: string | null) => {
    if (!actorId) return;
    form.setFieldValue('actorId', actorId);
    apply(form.getFieldsValue());
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => formatDateTimeSeconds(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      render: (name: string, r) =>
        r.actorId ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => filterByActor(r.actorId)}
            title="只看此人的操作"
          >
            {name}
          </Button>
        ) : (
          name
        ),
    },
    {
      title: '操作',
      dataIndex: 'action',
      render: (a: string) => (
        <span>
          {ACTION_LABELS[a] ?? a}
          {ACTION_LABELS[a] ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {a}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: '对象',
      key: 'target',
      render: (_, r) => (
        <span>
          {TARGET_LABELS[r.targetType] ?? r.targetType}
          {r.targetId ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {r.targetId}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: 'IP地址', dataIndex: 'ip', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];

  const filtered = Object.values(filter).some(Boolean);

  return (
    <>
      <PageHeader
        title="审计日志"
        description="系统中的每一次变更都记入审计日志，各条记录以哈希链相连，任何篡改都可被校验发现。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={auditApi.exportUrl(filter)} download>
              导出CSV
            </Button>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void runVerify()}
            >
              校验哈希链
            </Button>
          </>
        }
      />
      {verify ? (
        verify instanceof ApiError ? (
          <ProblemAlert error={verify} />
        ) : verify.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setVerify(null) }}
            role="status"
            style={{ marginBottom: 16 }}
            title={`哈希链完整：已校验 ${verify.checked} 条记录，未发现篡改。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            closable={{ onClose: () => setVerify(null) }}
            style={{ marginBottom: 16 }}
            title="哈希链校验未通过，审计日志可能被篡改"
            description={`已校验 ${verify.checked} 条；第一处断裂在序号 ${verify.firstBreak?.seq ?? '—'}：${verify.firstBreak?.reason ?? '未知原因'}。请立即报告安全管理员并保留现场。`}
          />
        )
      ) : null}
      <Card>
        <Form form={form} layout="vertical" onFinish={apply} aria-label="筛选审计日志" role="search">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label="日期范围" name="range">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4}>
              <Form.Item label="操作" name="action">
                <AutoComplete
                  allowClear
                  placeholder="全部操作"
                  options={Object.entries(ACTION_LABELS).map(([value, label]) => ({
                    value,
                    label: `${label}（${value}）`,
                  }))}
                  filterOption={(input, option) =>
                    String(option?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase())
                  }
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="对象类型" name="targetType">
                <AutoComplete
                  allowClear
                  placeholder="全部类型"
                  options={Object.entries(TARGET_LABELS).map(([value, label]) => ({
                    value,
                    label: `${label}（${value}）`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="操作人ID" name="actorId" tooltip="可点击表格中的操作人姓名快速筛选">
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="对象ID" name="targetId">
                <Input allowClear />
              </Form.Item>
            </Col>
          </Row>
          <Space style={{ marginBottom: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form>
        <ProblemAlert error={log.error} onRetry={log.reload} />
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.loading}
          expandable={{
            expandedRowRender: (r) => <SummaryView entry={r} />,
            columnTitle: <span className="sr-only">展开</span>,
          }}
          locale={{
            emptyText: <EmptyState description={filtered ? '没有符合条件的审计记录' : '暂无审计记录'} />,
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) =>
              setPaging((p) => ({ page: pageSize !== p.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
