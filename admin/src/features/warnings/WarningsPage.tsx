import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '../../api/hooks';
import { messageOf } from '../../api/client';
import { useAuth, allows } from '../../app/auth';
import { Link, matchPath, useRoute } from '../../app/router';
import {
  GROUP_LABELS,
  KIND_LABELS,
  LEVEL_COLORS,
  LEVEL_LABELS,
  STATUS_LABELS,
  warningsApi,
  type WarningBody,
  type WarningView,
} from './api';

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
/** `datetime-local` value read as China time. */
const chinaIso = (v: string) => new Date(`${v}:00+08:00`).toISOString();

function CreateForm({ onDone, refId }: { onDone: () => void; refId?: string }) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: 'meteorological', level: 'red', ackMinutes: 30, groups: ['unit', 'staff'] }}

      onFinish={async (v: Record<string, unknown>) => {
        setError(null);
        try {
          await warningsApi.create({
            ...(v as unknown as WarningBody),
            effectiveAt: chinaIso(String(v.effectiveAt)),
            expiresAt: chinaIso(String(v.expiresAt)),
            refId: refId ?? null,
            submit: true,
          });
          message.success('已提交领导审批');
          onDone();
        } catch (e) {
          setError(messageOf(e));
        }
      }}
    >
      {error && <Alert type="error" role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Space wrap>
        <Form.Item label="类别" name="kind" rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="预警事件" name="event" rules={[{ required: true, message: '请填写预警事件' }]}>
          <Input maxLength={40} placeholder="如：暴雨" />
        </Form.Item>
        <Form.Item label="级别" name="level" rules={[{ required: true }]}>
          <Select
            style={{ width: 100 }}
            options={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Space>
      <Form.Item label="影响区域" name="area" rules={[{ required: true, message: '请填写影响区域' }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Space wrap>
        <Form.Item
          label="生效时间（北京时间）"
          name="effectiveAt"
          rules={[{ required: true, message: '请填写生效时间' }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          label="失效时间（北京时间）"
          name="expiresAt"
          rules={[{ required: true, message: '请填写失效时间' }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item label="未签收催办（分钟）" name="ackMinutes">
          <InputNumber min={1} max={1440} />
        </Form.Item>
      </Space>
      <Form.Item label="信息来源" name="source" rules={[{ required: true, message: '请填写信息来源' }]}>
        <Input maxLength={500} placeholder="如：市气象台7时50分发布的预警信号" />
      </Form.Item>
      <Form.Item label="预警内容" name="content" rules={[{ required: true, message: '请填写预警内容' }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item label="防御指引" name="actions" rules={[{ required: true, message: '请填写防御指引' }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item
        label="接收对象"
        name="groups"
        rules={[{ required: true, message: '请至少选择一类接收对象' }]}
      >
        <Checkbox.Group options={Object.entries(GROUP_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        提交审批
      </Button>
    </Form>
  );
}

function Detail({ id }: { id: string }) {
  const { message, modal } = App.useApp();
  const { permissions } = useAuth();
  const q = useQuery(() => warningsApi.get(id), [id]);
  const rec = useQuery(() => warningsApi.recipients(id), [id]);
  const [lifting, setLifting] = useState(false);
  const [note, setNote] = useState('');
  const canApprove = allows(permissions, ['warnings.approve']);
  const reload = () => {
    q.reload();
    rec.reload();
  };
  const act = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  if (q.error) return <Alert type="error" message={q.error.message} />;
  const w = q.data?.warning;
  if (!w) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Link to="/warnings">返回列表</Link>
      <Card
        title={
          <Space>
            <Tag color={LEVEL_COLORS[w.level]}>{LEVEL_LABELS[w.level]}</Tag>
            {w.title}
            <Tag>{STATUS_LABELS[w.status]}</Tag>
          </Space>
        }
        extra={
          <Space>
            {canApprove && w.status === 'pending' && (
              <>
                <Button
                  type="primary"
                  onClick={() =>
                    void act(async () => {
                      const r = await warningsApi.approve(w.id);
                      message.info(`已推送 ${r.recipients} 个接收对象（${r.messages} 条消息）`);
                    }, '已批准发布')
                  }
                >
                  批准发布
                </Button>
                <Button
                  onClick={() => {
                    modal.confirm({
                      title: '退回',
                      content: '确认退回修改？',
                      onOk: () => act(() => warningsApi.reject(w.id, '请修改后重新提交'), '已退回'),
                    });
                  }}
                >
                  退回
                </Button>
              </>
            )}
            {canApprove && w.status === 'published' && w.msgType !== 'cancel' && (
              <Button danger onClick={() => setLifting(true)}>
                解除预警
              </Button>
            )}
            {canApprove && w.status === 'published' && (
              <Button onClick={() => void act(() => warningsApi.runJobs(), '已执行催办与发送')}>
                立即催办未签收
              </Button>
            )}
          </Space>
        }
      >
        {w.rejectReason && <Alert type="warning" message={`退回理由：${w.rejectReason}`} />}
        <Descriptions column={2} size="small">
          <Descriptions.Item label="类别">{KIND_LABELS[w.kind]}</Descriptions.Item>
          <Descriptions.Item label="影响区域">{w.area}</Descriptions.Item>
          <Descriptions.Item label="生效">{time(w.effectiveAt)}</Descriptions.Item>
          <Descriptions.Item label="失效">{time(w.expiresAt)}</Descriptions.Item>
          <Descriptions.Item label="来源">{w.source}</Descriptions.Item>
          <Descriptions.Item label="发布">{time(w.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label="内容" span={2}>
            {w.content}
          </Descriptions.Item>
          <Descriptions.Item label="防御指引" span={2}>
            {w.actions}
          </Descriptions.Item>
          <Descriptions.Item label="签收">
            <span data-testid="ack-summary">
              {w.recipients.acked}/{w.recipients.total} 已签收，{w.recipients.escalated} 已催办
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {(q.data?.chain.length ?? 0) > 1 && (
        <Card title="相关信息（更新与解除）" size="small">
          {q.data!.chain.map((m) => (
            <div key={m.id}>
              <Link to={`/warnings/${m.id}`}>{m.title}</Link>（{STATUS_LABELS[m.status]}，
              {time(m.publishedAt)}）
            </div>
          ))}
        </Card>
      )}
      <Card title="接收对象" size="small">
        <Table
          rowKey="id"
          size="small"
          dataSource={rec.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '对象', dataIndex: 'name' },
            { title: '类别', dataIndex: 'group', render: (g: keyof typeof GROUP_LABELS) => GROUP_LABELS[g] },
            { title: '手机', dataIndex: 'mobile' },
            { title: '邮箱', dataIndex: 'email' },
            {
              title: '签收',
              render: (_: unknown, r) =>
                r.ackedAt ? (
                  <Tag color="green">
                    已签收（{r.ackVia === 'sms' ? '短信' : r.ackVia === 'link' ? '链接' : '—'}）
                  </Tag>
                ) : (
                  <Tag color="red">未签收</Tag>
                ),
            },
            {
              title: '催办',
              dataIndex: 'escalatedAt',
              render: (e: string | null) => (e ? <Tag color="orange">已催办 {time(e)}</Tag> : ''),
            },
          ]}
        />
      </Card>
      <Modal
        open={lifting}
        title="解除预警"
        okText="发布解除信息"
        onCancel={() => setLifting(false)}
        onOk={() => void act(() => warningsApi.lift(w.id, note), '已解除').then(() => setLifting(false))}
      >
        <Typography.Paragraph>
          解除信息将作为新消息与原预警关联发布，门户横幅随即撤下，并通知全部接收对象。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="解除说明"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Space>
  );
}

/** 预警信息: list, record (submitted for one leader's approval), detail with approval, 签收 and 解除. */
export default function WarningsPage() {
  const { path } = useRoute();
  const { permissions } = useAuth();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const q = useQuery(() => warningsApi.list(page), [page, creating]);
  const m = matchPath('/warnings/:id', path);
  if (m?.id) return <Detail id={m.id} />;
  return (
    <Card
      title="预警信息发布"
      extra={
        allows(permissions, ['warnings.draft', 'warnings.approve']) && (
          <Button type="primary" onClick={() => setCreating(true)}>
            录入预警
          </Button>
        )
      }
    >
      {q.error && <Alert type="error" message={q.error.message} />}
      <Table<WarningView>
        rowKey="id"
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, total: q.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '预警', render: (_: unknown, w) => <Link to={`/warnings/${w.id}`}>{w.title}</Link> },
          {
            title: '级别',
            render: (_: unknown, w) => <Tag color={LEVEL_COLORS[w.level]}>{LEVEL_LABELS[w.level]}</Tag>,
          },
          { title: '区域', dataIndex: 'area' },
          { title: '状态', render: (_: unknown, w) => STATUS_LABELS[w.status] },
          {
            title: '签收',
            render: (_: unknown, w) =>
              w.recipients.total ? `${w.recipients.acked}/${w.recipients.total}` : '—',
          },
          { title: '失效时间', dataIndex: 'expiresAt', render: time },
        ]}
      />
      <Modal
        open={creating}
        title="录入预警信息"
        footer={null}
        width={720}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <CreateForm onDone={() => setCreating(false)} />
      </Modal>
    </Card>
  );
}
