import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { proposalsApi, type ProposalDetail, type ProposalInput, type ProposalView } from './api';
import { chinaToday } from '../../components/format';

const DUE_COLORS: Record<ProposalView['dueStatus'], string> = {
  done: 'green',
  overdue: 'red',
  due_soon: 'orange',
  on_track: 'blue',
};
const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : '');

type RegisterValues = Omit<ProposalInput, 'assignedOn' | 'deadline'> & {
  assignedOn: Dayjs;
  deadline?: Dayjs;
};

function RegisterModal(props: {
  editing: ProposalView | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const role = Form.useWatch('role', form);
  const initial = props.editing && props.editing !== 'new' ? props.editing : null;
  const save = async () => {
    const v = await form.validateFields();
    const body: ProposalInput = {
      ...v,
      leadUnit: v.leadUnit || null,
      division: v.division || null,
      assignedOn: day(v.assignedOn),
      deadline: v.deadline ? day(v.deadline) : null,
    };
    try {
      if (initial) await proposalsApi.update(initial.id, body);
      else await proposalsApi.create(body);
      message.success('已保存');
      props.onSaved();
    } catch (e) {
      form.setFields(
        formFieldErrors<keyof RegisterValues>(e, [
          'kind',
          'number',
          'session',
          'title',
          'proposers',
          'role',
          'leadUnit',
          'assignedOn',
          'deadline',
          'division',
        ]),
      );
      message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open={props.editing !== null}
      title={initial ? '修改登记信息' : '登记交办的建议提案'}
      onCancel={props.onClose}
      onOk={save}
      okText="保存"
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) form.resetFields();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          initial
            ? {
                ...initial,
                assignedOn: dayjs(initial.assignedOn),
                deadline: dayjs(initial.deadline),
                leadUnit: initial.leadUnit ?? undefined,
                division: initial.division ?? undefined,
              }
            : { kind: 'suggestion', role: 'lead', assignedOn: chinaToday() }
        }
      >
        <Flex gap={12} wrap>
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'suggestion', label: '人大代表建议' },
                { value: 'proposal', label: '政协委员提案' },
              ]}
            />
          </Form.Item>
          <Form.Item name="role" label="办理方式" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'lead', label: '主办' },
                { value: 'co', label: '会办' },
              ]}
            />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="number"
            label="编号"
            rules={[{ required: true, message: '请填写编号' }, { max: 50 }]}
          >
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="session"
            label="届次会次"
            rules={[{ required: true, message: '请填写届次会次' }, { max: 100 }]}
            style={{ flex: 1 }}
          >
            <Input placeholder="市十六届人大三次会议" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, message: '请填写标题' }, { max: 300 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="proposers"
          label="领衔人及附议人（每行一人）"
          rules={[{ required: true, message: '请填写提出人' }, { max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        {role === 'co' && (
          <Form.Item
            name="leadUnit"
            label="主办单位"
            rules={[{ required: true, message: '会办件须填写主办单位' }]}
          >
            <Input />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item
            name="assignedOn"
            label="交办日期"
            rules={[{ required: true, message: '请选择交办日期' }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="deadline" label="办理期限（不填按设置自动计算）">
            <DatePicker />
          </Form.Item>
          <Form.Item name="division" label="承办科室">
            <Input />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

type StepKind = 'contact' | 'co' | 'reply' | 'feedback' | 'publish' | 'withhold';

function StepModal(props: {
  p: ProposalDetail;
  step: StepKind | null;
  opinionId?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const { p, step } = props;
  const titles: Record<StepKind, string> = {
    contact: '登记沟通情况',
    co: '征求会办单位意见',
    reply: '答复',
    feedback: '登记代表委员反馈',
    publish: '公开办理结果',
    withhold: '不予公开',
  };
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      if (step === 'contact')
        await proposalsApi.contact(p.id, {
          method: v.method as 'phone',
          contactedOn: day(v.contactedOn as Dayjs),
          note: (v.note as string) || null,
        });
      if (step === 'co' && props.opinionId)
        await proposalsApi.recordCo(props.opinionId, {
          opinion: v.opinion as string,
          receivedOn: day(v.receivedOn as Dayjs),
        });
      else if (step === 'co') await proposalsApi.requestCo(p.id, v.unit as string);
      if (step === 'reply')
        await proposalsApi.reply(p.id, {
          replyText: v.replyText as string,
          replyClass: v.replyClass as string,
          repliedOn: day(v.repliedOn as Dayjs),
          replyNumber: (v.replyNumber as string) || null,
        });
      if (step === 'feedback')
        await proposalsApi.feedback(p.id, {
          feedback: v.feedback as string,
          feedbackOn: day(v.feedbackOn as Dayjs),
          note: (v.note as string) || null,
        });
      if (step === 'publish')
        await proposalsApi.publication(p.id, { action: 'publish', summary: (v.summary as string) || null });
      if (step === 'withhold')
        await proposalsApi.publication(p.id, { action: 'withhold', reason: v.reason as string });
      message.success('已保存');
      props.onDone();
    } catch (e) {
      form.setFields(formFieldErrors(e));
      message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open={step !== null}
      title={step ? titles[step] : ''}
      onCancel={props.onClose}
      onOk={submit}
      okText="确定"
      destroyOnHidden
      afterOpenChange={(o) => !o && form.resetFields()}
    >
      <Form form={form} layout="vertical">
        {step === 'contact' && (
          <>
            <Form.Item name="method" label="方式" rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'meeting', label: '面商' },
                  { value: 'phone', label: '电话沟通' },
                  { value: 'letter', label: '书面沟通' },
                  { value: 'visit', label: '走访' },
                ]}
              />
            </Form.Item>
            <Form.Item name="contactedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="note" label="情况">
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {step === 'co' && !props.opinionId && (
          <Form.Item name="unit" label="会办单位" rules={[{ required: true, message: '请填写会办单位' }]}>
            <Input />
          </Form.Item>
        )}
        {step === 'co' && props.opinionId && (
          <>
            <Form.Item
              name="opinion"
              label="会办意见"
              rules={[{ required: true, message: '请填写会办意见' }]}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {step === 'reply' && (
          <>
            <Form.Item
              name="replyText"
              label="答复内容（每段一行）"
              rules={[{ required: true, message: '请填写答复内容' }]}
            >
              <Input.TextArea rows={8} />
            </Form.Item>
            <Form.Item
              name="replyClass"
              label="办理结果分类"
              rules={[{ required: true, message: '请选择分类' }]}
            >
              <Radio.Group
                options={[
                  { value: 'A', label: 'A类 已解决或采纳' },
                  { value: 'B', label: 'B类 正在解决或列入计划' },
                  { value: 'C', label: 'C类 因条件限制留作参考' },
                ]}
              />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item
                name="repliedOn"
                label="答复日期"
                rules={[{ required: true, message: '请选择日期' }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item name="replyNumber" label="答复文号">
                <Input />
              </Form.Item>
            </Flex>
          </>
        )}
        {step === 'feedback' && (
          <>
            <Form.Item name="feedback" label="反馈意见" rules={[{ required: true, message: '请选择' }]}>
              <Radio.Group
                options={[
                  { value: 'satisfied', label: '满意' },
                  { value: 'basically_satisfied', label: '基本满意' },
                  { value: 'dissatisfied', label: '不满意' },
                ]}
              />
            </Form.Item>
            <Form.Item name="feedbackOn" label="反馈日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {step === 'publish' && (
          <Form.Item name="summary" label="公开摘要（不填则公开答复全文）">
            <Input.TextArea rows={5} />
          </Form.Item>
        )}
        {step === 'withhold' && (
          <Form.Item name="reason" label="不公开理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} placeholder="如：涉及国家秘密" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ProposalDrawer(props: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
  onEdit: (p: ProposalView) => void;
}) {
  const { can } = useAuth();
  const manage = can('events.manage');
  const [step, setStep] = useState<{ kind: StepKind; opinionId?: string } | null>(null);
  const q = useQuery(
    (signal) => (props.id ? proposalsApi.get(props.id, signal) : Promise.resolve(undefined)),
    [props.id],
  );
  const p = q.data;
  const open = p?.state === 'assigned';
  return (
    <Drawer
      open={props.id !== null}
      onClose={props.onClose}
      width={760}
      title={p ? `${p.year}年第${p.number}号${p.kind === 'suggestion' ? '建议' : '提案'}` : '建议提案'}
    >
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {p && (
        <>
          {manage && (
            <Space wrap style={{ marginBottom: 12 }}>
              {open && <Button onClick={() => props.onEdit(p)}>修改登记</Button>}
              {open && <Button onClick={() => setStep({ kind: 'contact' })}>登记沟通</Button>}
              {open && p.role === 'lead' && (
                <Button onClick={() => setStep({ kind: 'co' })}>征求会办意见</Button>
              )}
              {open && (
                <Button type="primary" onClick={() => setStep({ kind: 'reply' })}>
                  答复
                </Button>
              )}
              {p.state === 'replied' && (
                <Button onClick={() => setStep({ kind: 'feedback' })}>登记反馈</Button>
              )}
              {!open && p.publication !== 'published' && (
                <Button type="primary" onClick={() => setStep({ kind: 'publish' })}>
                  公开办理结果
                </Button>
              )}
              {!open && p.publication !== 'withheld' && (
                <Button onClick={() => setStep({ kind: 'withhold' })}>不予公开</Button>
              )}
              {!open && (
                <Button icon={<DownloadOutlined />} href={proposalsApi.letterUrl(p.id)}>
                  答复函（Word）
                </Button>
              )}
            </Space>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="标题">{p.title}</Descriptions.Item>
            <Descriptions.Item label="类别">
              {p.kindLabel}（{p.roleLabel}
              {p.leadUnit ? `，主办单位：${p.leadUnit}` : ''}）
            </Descriptions.Item>
            <Descriptions.Item label="届次">{p.session}</Descriptions.Item>
            <Descriptions.Item label="提出人">{p.proposers}</Descriptions.Item>
            <Descriptions.Item label="交办日期">{p.assignedOn}</Descriptions.Item>
            <Descriptions.Item label="办理期限">
              {p.deadline}{' '}
              <Tag color={DUE_COLORS[p.dueStatus]}>
                {p.dueStatusLabel}
                {p.workdaysLeft !== null && p.workdaysLeft >= 0 ? `（剩${p.workdaysLeft}个工作日）` : ''}
              </Tag>
            </Descriptions.Item>
            {p.replyText && <Descriptions.Item label="答复">{p.replyText}</Descriptions.Item>}
            {p.replyClassLabel && <Descriptions.Item label="办理结果">{p.replyClassLabel}</Descriptions.Item>}
            {p.repliedOn && (
              <Descriptions.Item label="答复日期">
                {p.repliedOn} {p.replyNumber ?? ''}
              </Descriptions.Item>
            )}
            {p.feedbackLabel && (
              <Descriptions.Item label="反馈">
                {p.feedbackLabel}（{p.feedbackOn}）{p.feedbackNote ?? ''}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="公开">
              {p.publication === 'published'
                ? `已公开${p.publicIsSummary ? '摘要' : '全文'}`
                : p.publication === 'withheld'
                  ? `不予公开：${p.withholdReason ?? ''}`
                  : '待定'}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title="沟通情况" style={{ marginTop: 16 }}>
            <List
              size="small"
              locale={{ emptyText: '暂无记录' }}
              dataSource={p.contacts}
              renderItem={(c) => (
                <List.Item>
                  {c.contactedOn} {c.methodLabel} {c.note ?? ''}
                </List.Item>
              )}
            />
          </Card>
          {p.role === 'lead' && (
            <Card size="small" title="会办意见" style={{ marginTop: 16 }}>
              <List
                size="small"
                locale={{ emptyText: '未征求会办意见' }}
                dataSource={p.coOpinions}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      manage && !o.receivedOn && open
                        ? [
                            <Button
                              key="r"
                              size="small"
                              onClick={() => setStep({ kind: 'co', opinionId: o.id })}
                            >
                              登记意见
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <Typography.Text>
                      {o.unit}（期限 {o.dueOn}）
                      {o.receivedOn
                        ? `：${o.opinion ?? ''}（${o.receivedOn}收到）`
                        : o.overdue
                          ? ' —— 已超期未回复'
                          : ' —— 等待回复'}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <StepModal
            p={p}
            step={step?.kind ?? null}
            opinionId={step?.opinionId}
            onClose={() => setStep(null)}
            onDone={() => {
              setStep(null);
              q.reload();
              props.onChanged();
            }}
          />
        </>
      )}
    </Drawer>
  );
}

function SettingsModal(props: { open: boolean; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const settings = useQuery(
    (signal) => (props.open ? proposalsApi.settings(signal) : Promise.resolve(undefined)),
    [props.open],
  );
  const template = useQuery(
    (signal) => (props.open ? proposalsApi.template(signal) : Promise.resolve(undefined)),
    [props.open],
  );
  return (
    <Modal
      open={props.open}
      title="建议提案办理设置与答复函模板"
      onCancel={props.onClose}
      width={720}
      onOk={async () => {
        const v = (await form.validateFields()) as Parameters<typeof proposalsApi.saveSettings>[0];
        try {
          await proposalsApi.saveSettings(v);
          message.success('设置已保存');
          props.onClose();
        } catch (e) {
          message.error(messageOf(e));
        }
      }}
      afterOpenChange={(o) => o && settings.data && form.setFieldsValue(settings.data)}
    >
      {settings.data && (
        <Form form={form} layout="inline" initialValues={settings.data} style={{ marginBottom: 16 }}>
          <Form.Item name="deadlineMonths" label="办理期限（月）" rules={[{ required: true }]}>
            <InputNumber min={1} max={12} />
          </Form.Item>
          <Form.Item name="coOpinionWorkdays" label="会办意见期限（工作日）" rules={[{ required: true }]}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item name="dueSoonWorkdays" label="到期提醒（工作日）" rules={[{ required: true }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Form>
      )}
      <Card
        size="small"
        title={`答复函模板：${template.data?.custom ? `本机关模板（${template.data.fileName ?? ''}）` : '内置模板（GB/T 9704 版式）'}`}
      >
        <Space wrap style={{ marginBottom: 8 }}>
          <Button icon={<DownloadOutlined />} href={proposalsApi.templateUrl}>
            下载当前模板
          </Button>
          <Upload
            accept=".docx"
            showUploadList={false}
            beforeUpload={async (file) => {
              const buf = new Uint8Array(await file.arrayBuffer());
              let bin = '';
              for (const b of buf) bin += String.fromCharCode(b);
              try {
                await proposalsApi.uploadTemplate(file.name, btoa(bin));
                message.success('模板已启用');
                template.reload();
              } catch (e) {
                message.error(messageOf(e));
              }
              return false;
            }}
          >
            <Button>上传本机关模板（.docx）</Button>
          </Upload>
          {template.data?.custom && (
            <Button
              onClick={async () => {
                await proposalsApi.resetTemplate();
                template.reload();
              }}
            >
              恢复内置模板
            </Button>
          )}
        </Space>
        <Typography.Paragraph type="secondary">
          可用的占位符（在Word中直接输入，含花括号）：
        </Typography.Paragraph>
        <List
          size="small"
          dataSource={template.data?.placeholders ?? []}
          renderItem={(p) => (
            <List.Item>
              <Typography.Text code>{`{${p.name}}`}</Typography.Text> {p.label}
            </List.Item>
          )}
        />
      </Card>
    </Modal>
  );
}

/** 工作台 card: proposals overdue or due soon. */
export function ProposalDueCard() {
  const board = useQuery((signal) => proposalsApi.board(signal), []);
  if (board.error) return <ProblemAlert error={board.error} onRetry={board.reload} />;
  const b = board.data;
  return (
    <Typography.Paragraph style={{ margin: 0 }}>
      {b
        ? `已超期 ${b.overdue.length} 件，即将到期 ${b.dueSoon.length} 件，会办意见超期 ${b.coOpinionsOverdue} 件。`
        : '加载中…'}{' '}
      <a href="/admin/proposals">查看</a>
    </Typography.Paragraph>
  );
}

/** 建议提案办理: register, contacts, 会办, replies with letters, feedback, publication and the due board. */
export default function ProposalsPage() {
  const { can } = useAuth();
  const [filters, setFilters] = useState<{ kind?: string; state?: string; year?: number; page: number }>({
    page: 1,
  });
  const [editing, setEditing] = useState<ProposalView | 'new' | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const list = useQuery((signal) => proposalsApi.list({ ...filters, pageSize: 20 }, signal), [filters]);
  const board = useQuery((signal) => proposalsApi.board(signal), []);
  const reload = () => {
    list.reload();
    board.reload();
  };
  return (
    <>
      <PageHeader
        title="建议提案办理"
        description="人大代表建议和政协委员提案：登记交办 → 沟通 → 会办 → 答复（A/B/C类）→ 反馈 → 公开办理结果。期限按交办日期加设置的月数计算，会办意见期限按工作日计算。"
        extra={
          <>
            {can('events.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                登记建议提案
              </Button>
            )}
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
              设置与模板
            </Button>
          </>
        }
      />
      {board.data && (board.data.overdue.length > 0 || board.data.dueSoon.length > 0) && (
        <Card size="small" title="期限看板" style={{ marginBottom: 16 }}>
          {[...board.data.overdue, ...board.data.dueSoon].map((p) => (
            <div key={p.id}>
              <Tag color={DUE_COLORS[p.dueStatus]}>{p.dueStatusLabel}</Tag>
              <a onClick={() => setOpenId(p.id)}>{p.title}</a>（期限 {p.deadline}）
            </div>
          ))}
        </Card>
      )}
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="建议和提案"
          aria-label="类别"
          style={{ width: 150 }}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind, page: 1 })}
          options={[
            { value: 'suggestion', label: '人大代表建议' },
            { value: 'proposal', label: '政协委员提案' },
          ]}
        />
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="状态"
          style={{ width: 130 }}
          value={filters.state}
          onChange={(state) => setFilters({ ...filters, state, page: 1 })}
          options={[
            { value: 'assigned', label: '办理中' },
            { value: 'replied', label: '已答复' },
            { value: 'closed', label: '已反馈' },
          ]}
        />
        <InputNumber
          aria-label="年份"
          placeholder="年份"
          min={2000}
          max={2100}
          value={filters.year}
          onChange={(year) => setFilters({ ...filters, year: year ?? undefined, page: 1 })}
        />
      </Flex>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无建议提案' }}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          { title: '编号', width: 110, render: (_, p) => `${p.year}年第${p.number}号` },
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, p) => <a onClick={() => setOpenId(p.id)}>{t}</a>,
          },
          { title: '类别', width: 150, render: (_, p) => `${p.kindLabel}·${p.roleLabel}` },
          { title: '期限', dataIndex: 'deadline', width: 110 },
          {
            title: '状态',
            width: 110,
            render: (_, p) => <Tag color={DUE_COLORS[p.dueStatus]}>{p.dueStatusLabel}</Tag>,
          },
          { title: '结果', width: 70, render: (_, p) => p.replyClass ?? '—' },
        ]}
      />
      <RegisterModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <ProposalDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={reload}
        onEdit={(p) => setEditing(p)}
      />
      <SettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
