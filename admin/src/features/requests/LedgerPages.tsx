import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  DatePicker,
  Input,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, chinaToday } from '../../components/format';
import {
  APPEAL_KIND_LABELS,
  APPEAL_OUTCOME_LABELS,
  requestsApi,
  yuan,
  type Appeal,
  type AppealOutcome,
  type FeeQuote,
} from './api';
import { useMeta } from './common';

const thisYear = () => chinaToday().year();

function YearPicker({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  return (
    <InputNumber
      aria-label="年度"
      min={2000}
      max={2100}
      value={value}
      onChange={(v) => v && onChange(v)}
      addonAfter="年度"
    />
  );
}

/** 收费台账 with the 按件/按量 calculator (uncertain rules labelled). */
export function FeesPage() {
  const meta = useMeta();
  const [year, setYear] = useState(thisYear());
  const ledger = useQuery((signal) => requestsApi.fees(year, signal), [year]);
  const [quote, setQuote] = useState<FeeQuote | null>(null);
  const [quoteError, setQuoteError] = useState<unknown>(null);
  const runQuote = async (v: {
    basis: 'per_item' | 'per_page';
    quantity: number;
    priorItemsThisMonth?: number;
  }) => {
    try {
      setQuote(await requestsApi.feeQuote(v));
      setQuoteError(null);
    } catch (e) {
      setQuoteError(e);
    }
  };
  const d = ledger.data;
  return (
    <div>
      <PageHeader
        title="收费台账"
        description="信息处理费（按件或按量，一件申请只能选一种）；年度合计用于年度报告。"
        extra={<YearPicker value={year} onChange={setYear} />}
      />
      <ProblemAlert error={ledger.error} onRetry={ledger.reload} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="已收费" value={d ? yuan(d.collectedFen) : '—'} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="已通知金额" value={d ? yuan(d.noticedFen) : '—'} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="逾期未缴（视为放弃）" value={d?.abandonedCount ?? '—'} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Table
            size="small"
            rowKey="id"
            loading={ledger.loading}
            dataSource={d?.items ?? []}
            locale={{ emptyText: <EmptyState description={`${year}年没有收费记录`} /> }}
            columns={[
              {
                title: '受理编号',
                dataIndex: 'caseNumber',
                render: (n: string, r) => <Link to={`/requests/${r.caseId}`}>{n}</Link>,
              },
              {
                title: '计费',
                key: 'b',
                render: (_, r) => `${r.basis === 'per_item' ? '按件' : '按量'} × ${r.quantity}`,
              },
              {
                title: '金额',
                dataIndex: 'amountFen',
                render: (f: number, r) => (
                  <span>
                    {yuan(f)}
                    {r.uncertain ? (
                      <Tag color="warning" style={{ marginLeft: 4 }}>
                        规则待确认
                      </Tag>
                    ) : null}
                  </span>
                ),
              },
              { title: '通知日', dataIndex: 'noticeSentOn' },
              { title: '缴费期限', dataIndex: 'paymentDue' },
              {
                title: '状态',
                dataIndex: 'state',
                render: (s: string, r) =>
                  ({ noticed: '待缴费', paid: `已缴 ${r.paidOn ?? ''}`, abandoned: '视为放弃' })[s] ?? s,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="收费计算器">
            <Form
              layout="vertical"
              onFinish={runQuote}
              initialValues={{ basis: 'per_item', quantity: 1, priorItemsThisMonth: 0 }}
            >
              <Form.Item name="basis" label="计费方式">
                <Select
                  aria-label="计费方式"
                  options={[
                    { value: 'per_item', label: '按件' },
                    { value: 'per_page', label: '按量（页）' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="quantity" label="件数 / 页数" rules={[{ required: true }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="priorItemsThisMonth" label="同一申请人本月此前件数（按件）">
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Button htmlType="submit">计算</Button>
            </Form>
            <ProblemAlert error={quoteError} />
            {quote ? (
              <div style={{ marginTop: 12 }} aria-live="polite">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {yuan(quote.amountFen)}
                </Typography.Text>
                {quote.uncertain ? (
                  <Tag color="warning" style={{ marginLeft: 8 }}>
                    规则待确认
                  </Tag>
                ) : null}
                {quote.notes.map((n) => (
                  <Typography.Paragraph key={n} type="secondary" style={{ margin: '4px 0' }}>
                    {n}
                  </Typography.Paragraph>
                ))}
              </div>
            ) : null}
            {meta?.feeNotes.map((n) => (
              <Typography.Paragraph key={n} type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
                {n}
              </Typography.Paragraph>
            ))}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** 行政复议 / 行政诉讼 list (source of table 四) with outcome updates. */
export function AppealsPage() {
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState<number>(thisYear());
  const list = useQuery((signal) => requestsApi.appeals(year, signal), [year]);
  const [editing, setEditing] = useState<Appeal | null>(null);
  const [form] = Form.useForm<{ outcome: AppealOutcome; decidedOn?: Dayjs | null; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    try {
      await requestsApi.updateAppeal(editing.id, {
        outcome: v.outcome,
        decidedOn: v.decidedOn?.format('YYYY-MM-DD'),
        note: v.note || undefined,
      });
      setEditing(null);
      message.success('已更新');
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div>
      <PageHeader
        title="行政复议与诉讼"
        description="在已答复案件的案件页登记复议、诉讼；结果用于年度报告表四。"
        extra={<YearPicker value={year} onChange={setYear} />}
      />
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyState description="暂无复议、诉讼记录" /> }}
        columns={[
          {
            title: '受理编号',
            dataIndex: 'caseNumber',
            render: (n: string, r) => <Link to={`/requests/${r.caseId}`}>{n}</Link>,
          },
          {
            title: '类型',
            dataIndex: 'kind',
            render: (k: keyof typeof APPEAL_KIND_LABELS) => APPEAL_KIND_LABELS[k],
          },
          { title: '日期', dataIndex: 'filedOn' },
          { title: '复议机关 / 法院', dataIndex: 'bodyName' },
          { title: '案号', dataIndex: 'reference', render: (r: string | null) => r ?? '—' },
          {
            title: '结果',
            dataIndex: 'outcome',
            render: (o: AppealOutcome) => (
              <Tag color={o === 'corrected' ? 'red' : o === 'pending' ? 'default' : 'green'}>
                {APPEAL_OUTCOME_LABELS[o]}
              </Tag>
            ),
          },
          { title: '审结日期', dataIndex: 'decidedOn', render: (d: string | null) => d ?? '—' },
          ...(can('requests.admin')
            ? [
                {
                  title: '操作',
                  key: 'op',
                  render: (_: unknown, r: Appeal) => (
                    <Button
                      size="small"
                      onClick={() => {
                        setError(null);
                        form.setFieldsValue({ outcome: r.outcome, note: r.note ?? undefined });
                        setEditing(r);
                      }}
                    >
                      登记结果
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title="登记复议/诉讼结果"
        okText="保存"
        cancelText="取消"
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical">
          <Form.Item name="outcome" label="结果" rules={[{ required: true }]}>
            <Select
              aria-label="结果"
              options={Object.keys(APPEAL_OUTCOME_LABELS).map((k) => ({
                value: k,
                label: APPEAL_OUTCOME_LABELS[k],
              }))}
            />
          </Form.Item>
          <Form.Item name="decidedOn" label="审结日期">
            <DatePicker aria-label="审结日期" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** 办理提醒: T-5 / T-1 / overdue reminders to handlers. */
export function RemindersPage() {
  const [mine, setMine] = useState(true);
  const [all, setAll] = useState(false);
  const list = useQuery(
    (signal) => requestsApi.reminders({ mine, includeAcknowledged: all }, signal),
    [mine, all],
  );
  const { message } = AntApp.useApp();
  const ack = async (id: string) => {
    try {
      await requestsApi.ackReminder(id);
      list.reload();
    } catch {
      message.error('操作失败，请稍后再试');
    }
  };
  return (
    <div>
      <PageHeader
        title="办理提醒"
        description="答复期限前 5 个、1 个工作日及逾期时提醒承办人（同时通过消息发送）。"
      />
      <Flex gap={16} style={{ marginBottom: 12 }}>
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
          只看我的
        </Checkbox>
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
          包括已读
        </Checkbox>
      </Flex>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyState description="暂无提醒" /> }}
        columns={[
          {
            title: '类型',
            dataIndex: 'kind',
            width: 90,
            render: (k: string) => (
              <Tag color={k === 'overdue' ? 'red' : k === 'T-1' ? 'orange' : 'gold'}>
                {k === 'overdue' ? '逾期' : k === 'T-1' ? '前1日' : '前5日'}
              </Tag>
            ),
          },
          {
            title: '受理编号',
            dataIndex: 'caseNumber',
            render: (n: string, r) => <Link to={`/requests/${r.caseId}`}>{n}</Link>,
          },
          { title: '答复期限', dataIndex: 'dueDate' },
          { title: '提醒', dataIndex: 'message' },
          {
            title: '',
            key: 'op',
            render: (_, r) =>
              r.acknowledgedAt ? (
                `已读 ${formatDateTime(r.acknowledgedAt)}`
              ) : (
                <Button size="small" onClick={() => ack(r.id)}>
                  标为已读
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}

/** 第四十四条: the same openable information requested by several applicants → propose proactive disclosure. */
export function PromotionsPage() {
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const data = useQuery((signal) => requestsApi.promotions(signal), []);
  const promote = async (key: string, title: string) => {
    try {
      const r = await requestsApi.promote(key, title);
      message.success(r.catalogItemId ? '已创建主动公开草稿' : '已提出建议');
      data.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    }
  };
  const d = data.data;
  return (
    <div>
      <PageHeader
        title="转为主动公开"
        description="多个申请人就相同政府信息申请公开、且该信息属于可以公开的，可以纳入主动公开范围（第四十四条）。"
      />
      <ProblemAlert error={data.error} onRetry={data.reload} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Statistic title="已转为主动公开" value={d?.promotedCount ?? '—'} suffix="项" />
      </Card>
      <Card size="small" title="候选（近 180 天内 2 个以上申请人申请相同信息）" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="descriptionKey"
          pagination={false}
          loading={data.loading}
          dataSource={d?.candidates ?? []}
          locale={{ emptyText: <EmptyState description="暂无候选" /> }}
          columns={[
            { title: '信息', dataIndex: 'title' },
            { title: '申请人数', dataIndex: 'applicantCount', width: 90 },
            {
              title: '案件',
              dataIndex: 'caseNumbers',
              render: (ns: string[], r) =>
                ns.map((n, i) => (
                  <Tag key={n}>
                    <Link to={`/requests/${r.caseIds[i]}`}>{n}</Link>
                  </Tag>
                )),
            },
            ...(can('requests.admin')
              ? [
                  {
                    title: '',
                    key: 'op',
                    width: 140,
                    render: (_: unknown, r: { descriptionKey: string; title: string }) => (
                      <Button size="small" type="primary" onClick={() => promote(r.descriptionKey, r.title)}>
                        建议主动公开
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title="已提出的建议">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d?.proposals ?? []}
          locale={{ emptyText: <EmptyState description="暂无建议" /> }}
          columns={[
            { title: '信息', dataIndex: 'title' },
            { title: '涉及案件', dataIndex: 'caseCount', width: 90 },
            {
              title: '状态',
              dataIndex: 'state',
              width: 140,
              render: (s: string) => (s === 'draft_created' ? '已创建主动公开草稿' : '已建议'),
            },
            { title: '时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
