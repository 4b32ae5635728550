import { useState, type ReactNode } from 'react';
import {
  App as AntApp,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  ACCIDENT_LEVEL_LABELS,
  ACTION_LABELS,
  enforcementApi,
  PUB_STATE_COLORS,
  PUB_STATE_LABELS,
  RECTIFICATION_LABELS,
  yuan,
  type AccidentView,
  type HazardView,
  type WorkflowAction,
} from './api';

type Kind = 'accidents' | 'hazards';
type Rec = AccidentView | HazardView;
const DATE_FIELDS = ['occurredOn', 'approvedOn', 'listedOn', 'deadline', 'delistedOn'] as const;
const MONEY_FIELDS = ['directLossFen'] as const;

function toForm(r: Rec): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r };
  for (const f of DATE_FIELDS) if (typeof out[f] === 'string') out[f] = dayjs(out[f]);
  for (const f of MONEY_FIELDS) if (typeof out[f] === 'number') out[f] = out[f] / 100;
  return out;
}
function fromForm(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = val === undefined || val === '' ? null : val;
  for (const f of DATE_FIELDS) if (out[f]) out[f] = (out[f] as Dayjs).format('YYYY-MM-DD');
  for (const f of MONEY_FIELDS) if (typeof out[f] === 'number') out[f] = Math.round(out[f] * 100);
  return out;
}

/** One form field in its grid column; `required` is the prompt shown when empty (true: antd's default). */
function Field(props: {
  span: number;
  name: string;
  label: string;
  required?: string | true;
  children: ReactNode;
}) {
  const rules =
    props.required === undefined
      ? undefined
      : [props.required === true ? { required: true } : { required: true, message: props.required }];
  return (
    <Col span={props.span}>
      <Form.Item name={props.name} label={props.label} rules={rules}>
        {props.children}
      </Form.Item>
    </Col>
  );
}

function AccidentFields() {
  return (
    <Row gutter={16}>
      <Field span={24} name="title" label="报告标题" required="请填写报告标题">
        <Input maxLength={300} />
      </Field>
      <Col span={8}>
        <Form.Item name="level" label="事故等级" rules={[{ required: true }]}>
          <Select
            options={Object.entries(ACCIDENT_LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Col>
      <Field span={8} name="occurredOn" label="发生日期" required="请选择发生日期">
        <DatePicker style={{ width: '100%' }} />
      </Field>
      <Field span={8} name="approvedOn" label="批复日期">
        <DatePicker style={{ width: '100%' }} />
      </Field>
      <Field span={24} name="place" label="发生地点" required="请填写发生地点">
        <Input maxLength={300} />
      </Field>
      <Field span={14} name="enterpriseName" label="事故发生单位">
        <Input maxLength={200} />
      </Field>
      <Field span={10} name="creditCode" label="统一社会信用代码">
        <Input maxLength={18} />
      </Field>
      <Field span={8} name="deaths" label="死亡人数" required>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Field>
      <Field span={8} name="injuries" label="受伤人数" required>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Field>
      <Field span={8} name="directLossFen" label="直接经济损失（元）" required>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Field>
      {(
        [
          ['summary', '事故经过'],
          ['conclusions', '事故原因和性质（调查结论）'],
          ['responsibilityHandling', '责任认定及处理建议'],
        ] as const
      ).map(([name, label]) => (
        <Col span={24} key={name}>
          <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

function HazardFields() {
  const status = Form.useWatch<HazardView['rectificationStatus'] | undefined>('rectificationStatus');
  return (
    <Row gutter={16}>
      <Field span={24} name="title" label="隐患名称" required="请填写隐患名称">
        <Input maxLength={300} />
      </Field>
      <Field span={14} name="enterpriseName" label="企业名称" required="请填写企业名称">
        <Input maxLength={200} />
      </Field>
      <Field span={10} name="creditCode" label="统一社会信用代码">
        <Input maxLength={18} />
      </Field>
      <Field span={8} name="listedOn" label="挂牌日期" required="请选择挂牌日期">
        <DatePicker style={{ width: '100%' }} />
      </Field>
      <Field span={8} name="deadline" label="整改期限" required="请选择整改期限">
        <DatePicker style={{ width: '100%' }} />
      </Field>
      <Field span={8} name="responsibleUnit" label="督办责任单位" required="请填写督办责任单位">
        <Input maxLength={200} />
      </Field>
      <Col span={12}>
        <Form.Item name="rectificationStatus" label="整改状态" rules={[{ required: true }]}>
          <Select
            options={Object.entries(RECTIFICATION_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="delistedOn"
          label="销号日期"
          rules={[{ required: status === 'delisted', message: '已销号须填写销号日期' }]}
        >
          <DatePicker style={{ width: '100%' }} disabled={status !== 'delisted'} />
        </Form.Item>
      </Col>
      <Field span={24} name="description" label="隐患情况" required="请填写隐患情况">
        <Input.TextArea rows={3} />
      </Field>
      <Field span={24} name="measures" label="整改措施">
        <Input.TextArea rows={2} />
      </Field>
    </Row>
  );
}

/** 事故调查报告 or 挂牌督办 hazards: list with filters, editor, workflow buttons. */
export default function RecordsPage({ kind }: { kind: Kind }) {
  const { message, modal } = AntApp.useApp();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const [year, setYear] = useState<number | undefined>();
  const [editing, setEditing] = useState<Rec | 'new' | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const list = useQuery<{ items: Rec[]; total: number }>(
    (signal) =>
      kind === 'accidents'
        ? enforcementApi.accidents({ page, year }, signal)
        : enforcementApi.hazards({ page, year }, signal),
    [kind, page, year],
  );
  const accidents = kind === 'accidents';

  const open = async (r: Rec | 'new') => {
    form.resetFields();
    if (r === 'new')
      form.setFieldsValue(
        accidents ? { level: 'general', deaths: 0, injuries: 0 } : { rectificationStatus: 'pending' },
      );
    else form.setFieldsValue(toForm(r));
    setEditing(
      r === 'new' ? r : await (accidents ? enforcementApi.accident(r.id) : enforcementApi.hazard(r.id)),
    );
  };

  const save = async () => {
    const v = fromForm(await form.validateFields());
    delete v.id;
    delete v.pubState;
    delete v.returnReason;
    delete v.allowedActions;
    for (const k of ['orgId', 'publishedAt', 'updatedAt']) delete v[k];
    try {
      const id = editing && editing !== 'new' ? editing.id : null;
      if (accidents) await enforcementApi.saveAccident(id, v as never);
      else await enforcementApi.saveHazard(id, v as never);
      message.success('已保存');
      setEditing(null);
      list.reload();
    } catch (e) {
      form.setFields(formFieldErrors(e).map((f) => ({ name: f.name, errors: f.errors })));
      message.error(messageOf(e));
    }
  };

  const act = (r: Rec, action: WorkflowAction) => {
    const run = (reason?: string) =>
      enforcementApi
        .transitionRecord(kind, r.id, action, reason)
        .then(() => {
          message.success(`已${ACTION_LABELS[action]}`);
          setEditing(null);
          list.reload();
        })
        .catch((e: unknown) => {
          message.error(messageOf(e));
          throw e;
        });
    if (action === 'return' || action === 'take_down') {
      let reason = '';
      modal.confirm({
        title: ACTION_LABELS[action],
        content: <Input.TextArea aria-label="理由" rows={3} onChange={(e) => (reason = e.target.value)} />,
        okText: '确定',
        cancelText: '取消',
        onOk: () => run(reason),
      });
    } else void run();
  };

  const columns: TableColumnsType<Rec> = [
    {
      title: accidents ? '报告标题' : '隐患名称',
      dataIndex: 'title',
      render: (t: string, r) => (
        <Button
          type="link"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => void open(r)}
        >
          {t}
        </Button>
      ),
    },
    ...(accidents
      ? [
          {
            title: '等级',
            dataIndex: 'level',
            width: 100,
            render: (l: AccidentView['level']) => ACCIDENT_LEVEL_LABELS[l],
          },
          { title: '发生日期', dataIndex: 'occurredOn', width: 110 },
          {
            title: '死亡/受伤',
            width: 90,
            render: (_: unknown, r: Rec) => `${(r as AccidentView).deaths}/${(r as AccidentView).injuries}`,
          },
          {
            title: '直接经济损失（元）',
            width: 150,
            render: (_: unknown, r: Rec) => yuan((r as AccidentView).directLossFen),
          },
        ]
      : [
          { title: '企业', dataIndex: 'enterpriseName' },
          { title: '挂牌日期', dataIndex: 'listedOn', width: 110 },
          { title: '整改期限', dataIndex: 'deadline', width: 110 },
          {
            title: '整改状态',
            dataIndex: 'rectificationStatus',
            width: 120,
            render: (s: HazardView['rectificationStatus']) => RECTIFICATION_LABELS[s],
          },
        ]),
    {
      title: '公开状态',
      dataIndex: 'pubState',
      width: 110,
      render: (s: Rec['pubState']) => <Tag color={PUB_STATE_COLORS[s]}>{PUB_STATE_LABELS[s]}</Tag>,
    },
  ];

  const current = editing && editing !== 'new' ? editing : null;
  const editable =
    !current || current.pubState === 'draft' || current.pubState === 'taken_down' || !accidents;
  return (
    <>
      <PageHeader
        title={accidents ? '事故调查报告' : '挂牌督办'}
        description={
          accidents
            ? '生产安全事故调查报告经批复后，提交保密审查和领导审批，在门户网站“事故调查报告”栏目公开。'
            : '重大事故隐患挂牌督办信息及整改、销号情况；已公开的隐患可直接更新整改状态和销号日期。'
        }
        extra={
          can('enforcement.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void open('new')}>
              {accidents ? '登记报告' : '登记隐患'}
            </Button>
          ) : undefined
        }
      />
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <InputNumber
          aria-label="年度"
          placeholder="年度"
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => setYear(v ?? undefined)}
        />
      </Flex>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table<Rec>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
      />
      <Modal
        open={editing !== null}
        width={820}
        title={
          editing === 'new' ? (accidents ? '登记事故调查报告' : '登记挂牌督办隐患') : (current?.title ?? '')
        }
        onCancel={() => setEditing(null)}
        destroyOnHidden
        footer={
          <Flex gap={8} justify="flex-end" wrap>
            {(current?.allowedActions ?? []).map((a) => (
              <Button key={a} onClick={() => act(current!, a)}>
                {ACTION_LABELS[a]}
              </Button>
            ))}
            <Button onClick={() => setEditing(null)}>关闭</Button>
            {can('enforcement.manage') && editable && (
              <Button type="primary" onClick={save}>
                保存
              </Button>
            )}
          </Flex>
        }
      >
        {current?.returnReason && current.pubState === 'draft' && (
          <p style={{ color: '#a4141b' }}>退回理由：{current.returnReason}</p>
        )}
        {current && <p>公开状态：{PUB_STATE_LABELS[current.pubState]}</p>}
        <Form form={form} layout="vertical">
          {accidents ? <AccidentFields /> : <HazardFields />}
        </Form>
      </Modal>
    </>
  );
}
