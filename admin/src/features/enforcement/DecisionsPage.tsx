import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import {
  ACTION_LABELS,
  COUNTERPARTY_LABELS,
  enforcementApi,
  HISTORY_LABELS,
  KIND_LABELS,
  LEGAL_STATUS_LABELS,
  PUB_STATE_COLORS,
  PUB_STATE_LABELS,
  yuan,
  type DecisionFilter,
  type DecisionKind,
  type DecisionView,
  type PubState,
  type WorkflowAction,
} from './api';
import { DecisionForm } from './DecisionForm';

const NEEDS_REASON: WorkflowAction[] = ['return', 'take_down'];

/** One decision: fields, workflow buttons, 更正/撤销/撤回, notices and history. */
function DecisionDrawer(props: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { message, modal } = AntApp.useApp();
  const { can } = useAuth();
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<'edit' | 'correct' | null>(null);
  const [statusForm] = Form.useForm<{ status: 'revoked' | 'withdrawn'; reason: string }>();
  const detail = useQuery(
    (signal) => (props.id ? enforcementApi.get(props.id, signal) : Promise.resolve(null)),
    [props.id, tick],
  );
  const d = detail.data;
  const changed = () => {
    setTick((t) => t + 1);
    props.onChanged();
  };

  const act = (action: WorkflowAction) => {
    if (!d) return;
    if (NEEDS_REASON.includes(action)) {
      let reason = '';
      modal.confirm({
        title: ACTION_LABELS[action],
        content: <Input.TextArea aria-label="理由" rows={3} onChange={(e) => (reason = e.target.value)} />,
        okText: '确定',
        cancelText: '取消',
        onOk: async () => {
          try {
            await enforcementApi.transition(d.id, action, reason);
            message.success(`已${ACTION_LABELS[action]}`);
            changed();
          } catch (e) {
            message.error(messageOf(e));
            throw e;
          }
        },
      });
      return;
    }
    void enforcementApi
      .transition(d.id, action)
      .then(() => {
        message.success(`已${ACTION_LABELS[action]}`);
        changed();
      })
      .catch((e: unknown) => message.error(messageOf(e)));
  };

  const voidDecision = () =>
    modal.confirm({
      title: '撤销或撤回决定',
      content: (
        <Form form={statusForm} layout="vertical" initialValues={{ status: 'revoked' }}>
          <Form.Item name="status" label="操作">
            <Select
              options={[
                { value: 'revoked', label: '撤销（决定违法或不当）' },
                { value: 'withdrawn', label: '撤回（依据变化等）' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="理由（将发布在公告中）"
            rules={[{ required: true, message: '请填写理由' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      ),
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        const v = await statusForm.validateFields();
        try {
          await enforcementApi.legalStatus(d!.id, v);
          message.success('已变更并发布公告');
          changed();
        } catch (e) {
          message.error(messageOf(e));
          throw e;
        }
      },
    });

  const manage = can('enforcement.manage');
  return (
    <Drawer
      open={Boolean(props.id)}
      onClose={props.onClose}
      size="large"
      title={d ? d.decisionNumber : '决定详情'}
    >
      <ProblemAlert error={detail.error} onRetry={detail.reload} />
      {d && (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            {d.allowedActions.map((a) => (
              <Button
                key={a}
                type={a === 'approve' || a === 'pass_review' || a === 'submit' ? 'primary' : 'default'}
                onClick={() => act(a)}
              >
                {ACTION_LABELS[a]}
              </Button>
            ))}
            {manage && (d.pubState === 'draft' || d.pubState === 'taken_down') && (
              <Button onClick={() => setEditing('edit')}>修改</Button>
            )}
            {manage &&
              d.pubState === 'published' &&
              d.legalStatus !== 'revoked' &&
              d.legalStatus !== 'withdrawn' && (
                <>
                  <Button onClick={() => setEditing('correct')}>更正</Button>
                  <Button danger onClick={voidDecision}>
                    撤销/撤回
                  </Button>
                </>
              )}
          </Flex>
          {d.returnReason && d.pubState === 'draft' && (
            <Typography.Paragraph type="danger">退回理由：{d.returnReason}</Typography.Paragraph>
          )}
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="公开状态">
              <Tag color={PUB_STATE_COLORS[d.pubState]}>{PUB_STATE_LABELS[d.pubState]}</Tag>
              {d.overdue && <Tag color="red">已超过公示时限</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="决定状态">{LEGAL_STATUS_LABELS[d.legalStatus]}</Descriptions.Item>
            <Descriptions.Item label="决定类别">{KIND_LABELS[d.kind]}</Descriptions.Item>
            <Descriptions.Item label="决定日期">{d.decisionDate}</Descriptions.Item>
            <Descriptions.Item label="应公示日期">
              {d.publishDue}
              {d.publishDueEstimated ? '（预估：放假安排未发布）' : ''}
            </Descriptions.Item>
            <Descriptions.Item label="相对人">
              {d.counterpartyName}（{COUNTERPARTY_LABELS[d.counterpartyType]}）
            </Descriptions.Item>
            {d.creditCode && <Descriptions.Item label="统一社会信用代码">{d.creditCode}</Descriptions.Item>}
            {d.itemName && <Descriptions.Item label="事项">{d.itemName}</Descriptions.Item>}
            <Descriptions.Item label="决定依据">{d.legalBasis}</Descriptions.Item>
            <Descriptions.Item label="决定内容">{d.content}</Descriptions.Item>
            {d.fineFen !== null && (
              <Descriptions.Item label="罚款金额（元）">{yuan(d.fineFen)}</Descriptions.Item>
            )}
            {d.publicUntil && <Descriptions.Item label="公示截止">{d.publicUntil}</Descriptions.Item>}
          </Descriptions>
          {d.notices.length > 0 && (
            <>
              <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
                公告
              </Typography.Title>
              {d.notices.map((n) => (
                <Typography.Paragraph key={n.id}>
                  <strong>{n.title}</strong>
                  <br />
                  {n.body}
                </Typography.Paragraph>
              ))}
            </>
          )}
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            处理记录
          </Typography.Title>
          <Timeline
            items={d.history.map((h) => ({
              content: (
                <>
                  {formatDateTime(h.at)} {h.actorName} {HISTORY_LABELS[h.action] ?? h.action}
                  {h.note ? `：${h.note}` : ''}
                </>
              ),
            }))}
          />
          <DecisionForm
            open={editing !== null}
            title={editing === 'correct' ? '更正决定' : '修改决定'}
            initial={d}
            withReason={editing === 'correct'}
            onCancel={() => setEditing(null)}
            onSubmit={async (input, reason) => {
              if (editing === 'correct')
                await enforcementApi.legalStatus(d.id, {
                  status: 'corrected',
                  reason: reason ?? '',
                  changes: input,
                });
              else await enforcementApi.update(d.id, input);
              message.success(editing === 'correct' ? '已更正并发布更正公告' : '已保存');
              setEditing(null);
              changed();
            }}
          />
        </>
      )}
    </Drawer>
  );
}

/** 双公示决定 (register) or, with `queue`, the reviewer's/leader's 公开审核 queue. */
export default function DecisionsPage({ queue = false }: { queue?: boolean }) {
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const [filter, setFilter] = useState<DecisionFilter>({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useQuery((signal) => enforcementApi.list({ ...filter, queue }, signal), [filter, queue]);

  const columns: TableColumnsType<DecisionView> = [
    {
      title: '决定文号',
      dataIndex: 'decisionNumber',
      render: (v: string, d) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(d.id)}>
          {v}
        </Button>
      ),
    },
    { title: '类别', dataIndex: 'kind', render: (k: DecisionView['kind']) => KIND_LABELS[k], width: 90 },
    { title: '相对人', dataIndex: 'counterpartyName' },
    { title: '决定日期', dataIndex: 'decisionDate', width: 110 },
    {
      title: '公开状态',
      dataIndex: 'pubState',
      width: 150,
      render: (s: PubState, d) => (
        <>
          <Tag color={PUB_STATE_COLORS[s]}>{PUB_STATE_LABELS[s]}</Tag>
          {d.overdue && <Tag color="red">超时</Tag>}
        </>
      ),
    },
    { title: '应公示日期', dataIndex: 'publishDue', width: 110 },
    {
      title: '决定状态',
      dataIndex: 'legalStatus',
      width: 90,
      render: (s: DecisionView['legalStatus']) => LEGAL_STATUS_LABELS[s],
    },
  ];

  return (
    <>
      <PageHeader
        title={queue ? '双公示审核' : '双公示决定'}
        description={
          queue
            ? '待您保密审查或审批的行政许可、行政处罚、行政强制决定。审批通过后即在门户网站公示。'
            : '登记行政许可、行政处罚、行政强制决定，提交保密审查和领导审批后在门户网站公示（决定之日起7个工作日内）。'
        }
        extra={
          !queue && can('enforcement.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记决定
            </Button>
          ) : undefined
        }
      />
      {!queue && (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="决定类别"
            allowClear
            placeholder="决定类别"
            style={{ width: 130 }}
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(kind: DecisionKind | undefined) => setFilter((f) => ({ ...f, kind, page: 1 }))}
          />
          <Select
            aria-label="公开状态"
            allowClear
            placeholder="公开状态"
            style={{ width: 140 }}
            options={Object.entries(PUB_STATE_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(pubState: PubState | undefined) => setFilter((f) => ({ ...f, pubState, page: 1 }))}
          />
          <Input.Search
            aria-label="搜索文号、相对人或信用代码"
            placeholder="文号、相对人或信用代码"
            allowClear
            style={{ width: 300 }}
            onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined, page: 1 }))}
          />
        </Flex>
      )}
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table<DecisionView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: queue ? '没有待处理的决定' : '暂无决定' }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      <DecisionDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      <DecisionForm
        open={creating}
        title="登记决定"
        initial={null}
        onCancel={() => setCreating(false)}
        onSubmit={async (input) => {
          const d = await enforcementApi.create(input);
          message.success('已登记为草稿');
          setCreating(false);
          list.reload();
          setOpen(d.id);
        }}
      />
    </>
  );
}

export function QueuePage() {
  return <DecisionsPage queue />;
}
