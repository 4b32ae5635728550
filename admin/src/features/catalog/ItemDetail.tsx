import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime, chinaToday } from '../../components/format';
import { catalogApi, type DeliveryView, type ItemEvent, type ItemView } from './api';
import { Attachments } from './Attachments';
import {
  article20Label,
  CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  DOC_KIND_LABELS,
  eventLabel,
  FIELD_LABELS,
  stateLabel,
  statusLabel,
  targetLabel,
  VALIDITY_LABELS,
} from './labels';
import { ApprovalForm, ReviewForm } from './ReviewForm';

/** 公开信息详情: metadata, content, the action the user may take now, history and channel delivery. */
export default function ItemDetailPage({ itemId }: { itemId: string }) {
  const item = useQuery((signal) => catalogApi.item(itemId, signal), [itemId]);
  const [fresh, setFresh] = useState<ItemView | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const data = fresh && fresh.id === itemId ? fresh : item.data;
  if (item.loading && !data) return <Skeleton active />;
  if (!data) {
    return (
      <>
        <PageHeader title="公开信息详情" />
        <ProblemAlert error={item.error} onRetry={item.reload} />
      </>
    );
  }
  const onChanged = (i: ItemView) => {
    setFresh(i);
    setHistoryTick((t) => t + 1);
  };
  return <ItemDetail item={data} onChanged={onChanged} historyTick={historyTick} />;
}

export function ItemDetail({
  item,
  onChanged,
  historyTick = 0,
}: {
  item: ItemView;
  onChanged: (i: ItemView) => void;
  historyTick?: number;
}) {
  const { navigate } = useRoute();
  const { can } = useAuth();
  const { message, modal } = AntApp.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'withdraw' | 'validity' | 'revision' | null>(null);
  const actions = new Set(item.allowedActions);
  const rev = item.working ?? item.published;
  const st = statusLabel(item.status);

  const run = async (key: string, fn: () => Promise<ItemView>, done: string) => {
    setBusy(key);
    setError(null);
    try {
      const r = await fn();
      message.success(done);
      onChanged(r);
      return r;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const reviewing = item.working?.state === 'reviewing' && actions.has('review');
  const approving =
    (item.working?.state === 'approving' || item.working?.state === 'approving_principal') &&
    actions.has('approve');

  const toolbar = (
    <>
      {actions.has('edit') ? (
        <Button
          type="primary"
          icon={<EditOutlined />}
          onClick={() => navigate(`/catalog/items/${item.id}/edit`)}
        >
          编辑草稿
        </Button>
      ) : null}
      {actions.has('submit') ? (
        <Button
          type="primary"
          loading={busy === 'submit'}
          onClick={() => void run('submit', () => catalogApi.submit(item.id), '已提交保密审查')}
        >
          提交审查
        </Button>
      ) : null}
      {actions.has('recall') ? (
        <Button
          loading={busy === 'recall'}
          onClick={() => void run('recall', () => catalogApi.recall(item.id), '已撤回提交')}
        >
          撤回提交
        </Button>
      ) : null}
      {actions.has('start_review') ? (
        <Button
          type="primary"
          loading={busy === 'start'}
          onClick={() => void run('start', () => catalogApi.startReview(item.id), '已开始保密审查')}
        >
          开始保密审查
        </Button>
      ) : null}
      {actions.has('new_revision') ? (
        <Button onClick={() => setDialog('revision')}>新建修订版本</Button>
      ) : null}
      {actions.has('withdraw') ? (
        <Button danger onClick={() => setDialog('withdraw')}>
          撤回发布
        </Button>
      ) : null}
      {actions.has('repeal') ? <Button onClick={() => setDialog('validity')}>标注失效/废止</Button> : null}
      {actions.has('discard') ? (
        <Button
          danger
          type="text"
          onClick={() =>
            modal.confirm({
              title: '放弃这份草稿？',
              content: item.published
                ? '已发布的版本不受影响。'
                : '从未发布的信息将整条作废，记录保留在审计日志中。',
              okText: '放弃草稿',
              okButtonProps: { danger: true },
              cancelText: '取消',
              onOk: async () => {
                setError(null);
                try {
                  await catalogApi.discard(item.id);
                  message.success('已放弃草稿');
                  // A never-published item is gone as a whole; a revision leaves the published one.
                  if (item.published) onChanged(await catalogApi.item(item.id));
                  else navigate('/catalog/items');
                } catch (e) {
                  setError(e);
                }
              },
            })
          }
        >
          放弃草稿
        </Button>
      ) : null}
      {item.reviews.length ? (
        <Button icon={<DownloadOutlined />} href={catalogApi.reviewFormUrl(item.id)} download>
          保密审查表
        </Button>
      ) : null}
      <Button icon={<DownloadOutlined />} href={catalogApi.metadataDocUrl(item.id)} download>
        信息要素表
      </Button>
    </>
  );

  return (
    <>
      <PageHeader
        title={rev?.title ?? item.title}
        description={
          <Flex gap={6} wrap align="center">
            <Tag color={st.color}>{st.label}</Tag>
            {item.working ? (
              <Tag color={stateLabel(item.working.state).color} data-testid="revision-state">
                {item.published ? `修订第${item.working.revisionNo}版：` : ''}
                {stateLabel(item.working.state).label}
              </Tag>
            ) : null}
            {item.validity !== 'valid' ? <Tag color="default">{VALIDITY_LABELS[item.validity]}</Tag> : null}
            <span>{item.columnName}</span>
            {item.indexNumber ? <Typography.Text code>{item.indexNumber}</Typography.Text> : null}
          </Flex>
        }
        extra={toolbar}
      />
      <ProblemAlert error={error} />
      {item.working?.returnedOpinion && item.working.state === 'draft' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="已退回修改"
          description={`退回意见：${item.working.returnedOpinion}`}
        />
      ) : null}
      {item.status === 'withdrawn' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已于 ${formatDateTime(item.withdrawnAt)} 撤回发布`}
          description={item.withdrawnReason ? `撤回理由：${item.withdrawnReason}` : undefined}
        />
      ) : null}
      {item.timeliness?.late ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`超过法定公开时限：自成文之日起第 ${item.timeliness.workdays} 个工作日才公开（应在${item.timeliness.limit}个工作日内，《条例》第二十六条）`}
          description={item.timeliness.notice ?? undefined}
        />
      ) : null}
      {reviewing || approving ? (
        <Card style={{ marginBottom: 16, borderColor: '#91caff' }}>
          {reviewing ? (
            <ReviewForm item={item} onDone={onChanged} />
          ) : (
            <ApprovalForm item={item} onDone={onChanged} />
          )}
        </Card>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card>
            <Tabs
              items={[
                { key: 'meta', label: '信息要素', children: <Metadata item={item} /> },
                {
                  key: 'body',
                  label: '正文',
                  children: rev?.bodyHtml ? (
                    // Sanitized by the server on every save (rich-text.ts allow-list).
                    <div className="gk-body" dangerouslySetInnerHTML={{ __html: rev.bodyHtml }} />
                  ) : (
                    <EmptyState description="无正文" />
                  ),
                },
                {
                  key: 'attachments',
                  label: `附件（${item.attachments.length}）`,
                  children: (
                    <Attachments
                      itemId={item.id}
                      attachments={item.attachments}
                      editable={false}
                      onChanged={() => undefined}
                    />
                  ),
                },
                {
                  key: 'review',
                  label: '审查审批记录',
                  children: <ReviewRecords item={item} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="流转记录" style={{ marginBottom: 16 }}>
            <History itemId={item.id} tick={historyTick} />
          </Card>
          <Card size="small" title="发布渠道">
            <Deliveries
              deliveries={item.deliveries}
              canRetry={can('catalog.admin')}
              onRetried={() => catalogApi.item(item.id).then(onChanged, (e: unknown) => setError(e))}
            />
          </Card>
        </Col>
      </Row>
      {dialog === 'withdraw' ? (
        <ReasonModal
          title="撤回发布"
          label="撤回理由"
          note="撤回后门户、目录和搜索中不再显示该信息，记录和索引号保留。"
          okText="撤回发布"
          onCancel={() => setDialog(null)}
          onOk={async (reason) => {
            const r = await run('withdraw', () => catalogApi.withdraw(item.id, reason), '已撤回发布');
            if (r) setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'revision' ? (
        <ReasonModal
          title="新建修订版本"
          label="修订说明"
          optional
          note="修订版本复制当前已发布的内容，修改后须重新经过保密审查和领导审批；审批通过前门户仍显示现行版本。"
          okText="新建修订版本"
          onCancel={() => setDialog(null)}
          onOk={async (note) => {
            const r = await run(
              'revision',
              () => catalogApi.newRevision(item.id, note || undefined),
              '已新建修订版本',
            );
            if (r) {
              setDialog(null);
              navigate(`/catalog/items/${item.id}/edit`);
            }
          }}
        />
      ) : null}
      {dialog === 'validity' ? (
        <ValidityModal
          item={item}
          onCancel={() => setDialog(null)}
          onOk={async (input) => {
            const r = await run('validity', () => catalogApi.setValidity(item.id, input), '已标注有效性');
            if (r) setDialog(null);
          }}
        />
      ) : null}
    </>
  );
}

function Metadata({ item }: { item: ItemView }) {
  const rev = item.working ?? item.published;
  const replacing = item.links.filter((l) => l.kind === 'replaces');
  const interprets = item.links.filter((l) => l.kind === 'interprets');
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label="索引号">{item.indexNumber ?? '发布时生成'}</Descriptions.Item>
      <Descriptions.Item label="所属栏目">{item.columnName}</Descriptions.Item>
      <Descriptions.Item label="标题" span={2}>
        {rev?.title ?? item.title}
      </Descriptions.Item>
      <Descriptions.Item label="内容概述" span={2}>
        {rev?.summary ?? item.summary ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label="发布机构">{rev?.publisher ?? item.publisher}</Descriptions.Item>
      <Descriptions.Item label="文号">{rev?.docNumber ?? item.docNumber ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="成文日期">{rev?.generatedOn ?? item.generatedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="发布日期">{item.publishedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="主题分类">{rev?.topic ?? item.topic ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="公开方式">{rev?.disclosureMode ?? item.disclosureMode}</Descriptions.Item>
      <Descriptions.Item label="第二十条事项">
        {article20Label(rev?.art20Item ?? item.art20Item)}
      </Descriptions.Item>
      <Descriptions.Item label="文件类型">
        {DOC_KIND_LABELS[rev?.docKind ?? item.docKind] ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label="有效性">
        {VALIDITY_LABELS[item.validity]}
        {item.validityDate ? `（${item.validityDate}起）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="定时发布">
        {item.scheduledAt
          ? formatDateTime(item.scheduledAt)
          : rev?.publishAt
            ? formatDateTime(rev.publishAt)
            : '审批通过后立即发布'}
      </Descriptions.Item>
      {item.timeliness ? (
        <Descriptions.Item label="公开时效" span={2}>
          成文后第 {item.timeliness.workdays} 个工作日公开（时限{item.timeliness.limit}个工作日）
          {item.timeliness.late ? (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              超期
            </Tag>
          ) : (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              按时
            </Tag>
          )}
          {item.timeliness.estimated ? <Tag color="gold">日历未覆盖，按估算</Tag> : null}
        </Descriptions.Item>
      ) : null}
      {interprets.length ? (
        <Descriptions.Item label="政策解读" span={2}>
          {interprets.map((l) => (
            <div key={l.id}>
              {l.direction === 'out' ? '解读：' : '解读材料：'}
              <Link to={`/catalog/items/${l.otherItemId}`}>{l.otherTitle}</Link>
            </div>
          ))}
        </Descriptions.Item>
      ) : null}
      {replacing.length ? (
        <Descriptions.Item label="替代关系" span={2}>
          {replacing.map((l) => (
            <div key={l.id}>
              {l.direction === 'out' ? '替代了：' : '已被替代为：'}
              <Link to={`/catalog/items/${l.otherItemId}`}>{l.otherTitle}</Link>
            </div>
          ))}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function ReviewRecords({ item }: { item: ItemView }) {
  if (!item.reviews.length && !item.approvals.length) return <EmptyState description="尚无审查审批记录" />;
  return (
    <Flex vertical gap={12}>
      {item.reviews.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={`保密审查 · ${r.reviewerName} · ${formatDateTime(r.createdAt)}`}
          extra={
            <Flex gap={8} align="center">
              <Tag color={r.decision === 'pass' ? 'green' : 'red'}>
                {r.decision === 'pass' ? '通过' : '退回'}
              </Tag>
              <a href={catalogApi.reviewFormUrl(item.id, r.id)} download>
                下载审查表
              </a>
            </Flex>
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="审查意见">{r.opinion}</Descriptions.Item>
            <Descriptions.Item label="审查项">
              {Object.entries(r.checklist)
                .map(
                  ([k, v]) =>
                    `${CHECK_LABEL[k] ?? k}：${v.involved ? '是' : '否'}${v.note ? `（${v.note}）` : ''}`,
                )
                .join('；')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ))}
      {item.overrides.length ? (
        <Card size="small" title="已确认可公开的敏感信息">
          {item.overrides.map((o) => (
            <div key={o.id}>
              {o.masked}：{o.reason}（{o.overriddenByName}，{formatDateTime(o.createdAt)}）
            </div>
          ))}
        </Card>
      ) : null}
      {item.approvals.map((a) => (
        <Card
          key={a.id}
          size="small"
          title={`${a.level === 2 ? '主要领导' : '分管领导'}审批 · ${a.approverName} · ${formatDateTime(a.createdAt)}`}
          extra={
            <Tag color={a.decision === 'approve' ? 'green' : 'red'}>
              {a.decision === 'approve' ? '同意' : '退回'}
            </Tag>
          }
        >
          {a.opinion || '（无意见）'}
        </Card>
      ))}
    </Flex>
  );
}

const CHECK_LABEL: Record<string, string> = {
  stateSecret: '国家秘密',
  workSecret: '工作秘密',
  commercialSecret: '商业秘密',
  privacy: '个人隐私',
  sensitive: '敏感信息',
};

/**
 * Consecutive draft edits by the same person (autosave makes many) shown as one step, with the
 * union of the changed fields in Chinese.
 */
export function collapseEdits(events: ItemEvent[]): (ItemEvent & { times: number })[] {
  const out: (ItemEvent & { times: number })[] = [];
  for (const e of events) {
    const prev = out[out.length - 1];
    if (e.action === 'edit' && prev?.action === 'edit' && prev.actorName === e.actorName) {
      const fields = new Set(
        [...(prev.comment ?? '').split(','), ...(e.comment ?? '').split(',')].filter(Boolean),
      );
      out[out.length - 1] = { ...e, comment: [...fields].join(','), times: prev.times + 1 };
    } else out.push({ ...e, times: 1 });
  }
  return out;
}

function eventComment(e: ItemEvent): string | null {
  if (e.action !== 'edit' || !e.comment) return e.comment;
  return `修改了${e.comment
    .split(',')
    .map((f) => FIELD_LABELS[f] ?? f)
    .join('、')}`;
}

/** Timeline of the item's workflow steps (catalog item events). */
export function History({ itemId, tick }: { itemId: string; tick: number }) {
  const events = useQuery((signal) => catalogApi.history(itemId, signal), [itemId, tick]);
  if (events.loading && !events.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (events.error) return <ProblemAlert error={events.error} onRetry={events.reload} />;
  if (!events.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      data-testid="item-history"
      items={collapseEdits(events.data).map((e) => ({
        color: /reject|withdraw|discard|blocked/.test(e.action)
          ? 'red'
          : /publish|approve|pass/.test(e.action)
            ? 'green'
            : 'blue',
        content: (
          <div>
            <Typography.Text strong>
              {eventLabel(e.action)}
              {e.times > 1 ? `（${e.times}次）` : ''}
            </Typography.Text>
            {e.toState && e.toState !== e.fromState ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                → {targetLabel(e.toState)}
              </Typography.Text>
            ) : null}
            <div style={{ fontSize: 12, color: '#666' }}>
              {e.actorName} · {formatDateTime(e.at)}
            </div>
            {eventComment(e) ? <div style={{ fontSize: 13 }}>{eventComment(e)}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

function Deliveries({
  deliveries,
  canRetry,
  onRetried,
}: {
  deliveries: DeliveryView[];
  canRetry: boolean;
  onRetried: () => void;
}) {
  const { message } = AntApp.useApp();
  const [running, setRunning] = useState(false);
  if (!deliveries.length)
    return <Typography.Text type="secondary">发布后显示各渠道的发送情况</Typography.Text>;
  const pending = deliveries.some((d) => d.status === 'pending');
  const runNow = async () => {
    setRunning(true);
    try {
      const r = await catalogApi.runDue();
      message.success(`已执行发送：${r.deliveries} 条`);
      onRetried();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={deliveries}
        data-testid="deliveries"
        columns={[
          {
            title: '渠道',
            dataIndex: 'channel',
            width: 90,
            render: (c: string) => <span style={{ whiteSpace: 'nowrap' }}>{CHANNEL_LABELS[c] ?? c}</span>,
          },
          {
            title: '状态',
            key: 'status',
            render: (_, d) => {
              const s = DELIVERY_STATUS_LABELS[d.status] ?? { label: d.status, color: 'default' };
              return (
                <div>
                  <Tag color={s.color}>{s.label}</Tag>
                  <div style={{ fontSize: 12, color: '#888' }}>
                    {d.completedAt
                      ? formatDateTime(d.completedAt)
                      : d.status === 'pending' && d.nextAttemptAt
                        ? `下次尝试 ${formatDateTime(d.nextAttemptAt)}`
                        : null}
                    {d.attempts > 1 ? ` · 第${d.attempts}次` : ''}
                  </div>
                  {d.lastError ? <div style={{ fontSize: 12, color: '#cf1322' }}>{d.lastError}</div> : null}
                </div>
              );
            },
          },
          ...(canRetry
            ? [
                {
                  title: '',
                  key: 'retry',
                  render: (_: unknown, d: DeliveryView) =>
                    d.status === 'failed' ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          catalogApi.retryDelivery(d.id).then(
                            () => {
                              message.success('已重新排队发送');
                              onRetried();
                            },
                            (e: unknown) => message.error(messageOf(e)),
                          )
                        }
                      >
                        重试
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {pending && canRetry ? (
        <Button size="small" style={{ marginTop: 8 }} loading={running} onClick={() => void runNow()}>
          立即发送待发项
        </Button>
      ) : null}
    </>
  );
}

function ReasonModal({
  title,
  label,
  note,
  okText,
  optional,
  onOk,
  onCancel,
}: {
  title: string;
  label: string;
  note: string;
  okText: string;
  optional?: boolean;
  onOk: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const missing = !optional && !text.trim();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={async () => {
        setTouched(true);
        if (missing) return;
        setBusy(true);
        try {
          await onOk(text.trim());
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item
          label={label}
          required={!optional}
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? `请填写${label}` : undefined}
        >
          <Input.TextArea
            aria-label={label}
            rows={3}
            maxLength={500}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ValidityModal({
  item,
  onOk,
  onCancel,
}: {
  item: ItemView;
  onOk: (input: {
    validity: 'invalid' | 'repealed';
    date: string;
    replacedByItemId: string | null;
    note?: string;
  }) => Promise<void>;
  onCancel: () => void;
}) {
  const [validity, setValidity] = useState<'invalid' | 'repealed'>('repealed');
  const [date, setDate] = useState<Dayjs | null>(chinaToday());
  const [replacedBy, setReplacedBy] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const options = useQuery(
    (signal) =>
      q.trim()
        ? catalogApi.items({ q: q.trim(), status: 'published', pageSize: 20 }, signal)
        : Promise.resolve(null),
    [q],
  );
  return (
    <Modal
      open
      title="标注失效或废止"
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: !date }}
      onCancel={onCancel}
      onOk={async () => {
        if (!date) return;
        setBusy(true);
        try {
          await onOk({
            validity,
            date: date.format('YYYY-MM-DD'),
            replacedByItemId: replacedBy,
            note: note.trim() || undefined,
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        标注后信息仍在门户和目录中公开，有效性显示为“失效”或“废止”。每条信息只能标注一次。
      </Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label="有效性">
          <Radio.Group
            value={validity}
            onChange={(e) => setValidity(e.target.value as 'invalid' | 'repealed')}
            options={[
              { value: 'repealed', label: '废止' },
              { value: 'invalid', label: '失效' },
            ]}
          />
        </Form.Item>
        <Form.Item label={validity === 'repealed' ? '废止日期' : '失效日期'} required>
          <DatePicker
            value={date}
            onChange={setDate}
            disabledDate={(d) => d.isAfter(chinaToday(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item label="替代文件" extra="由哪份已发布的信息替代（可不填）">
          <Select
            showSearch
            allowClear
            filterOption={false}
            onSearch={setQ}
            value={replacedBy}
            onChange={(v: string | undefined) => setReplacedBy(v ?? null)}
            placeholder="输入标题搜索"
            notFoundContent={q ? (options.loading ? '搜索中…' : '无匹配') : '请输入标题关键词'}
            options={(options.data?.items ?? [])
              .filter((i) => i.id !== item.id)
              .map((i) => ({ value: i.id, label: i.docNumber ? `${i.title}（${i.docNumber}）` : i.title }))}
          />
        </Form.Item>
        <Form.Item label="说明">
          <Input.TextArea
            aria-label="说明"
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
