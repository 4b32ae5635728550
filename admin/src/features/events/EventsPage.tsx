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
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, chinaToday } from '../../components/format';
import { EVENT_KIND_OPTIONS, eventsApi, type EventDetail, type EventInput, type EventView } from './api';

const STATE_COLORS: Record<EventView['state'], string> = {
  planned: 'default',
  announced: 'blue',
  held: 'gold',
  published: 'green',
  cancelled: 'red',
};

type PlanValues = Omit<EventInput, 'eventDate' | 'related'> & { eventDate: Dayjs; relatedText?: string };

/** Related policies as lines "标题 | 链接" (one per line) ↔ the API's list. */
function parseRelated(text: string | undefined): { title: string; href: string }[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.split('|').map((s) => s.trim()))
    .filter((p) => p[0] && p[1])
    .map(([title, href]) => ({ title: title!, href: href! }));
}

function PlanModal(props: { editing: EventView | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const open = props.editing !== null;
  const initial = props.editing && props.editing !== 'new' ? props.editing : null;
  const save = async () => {
    const v = await form.validateFields();
    const body: EventInput = {
      kind: v.kind,
      title: v.title,
      eventDate: v.eventDate.format('YYYY-MM-DD'),
      eventTime: v.eventTime || null,
      place: v.place,
      host: v.host,
      spokespersons: v.spokespersons || null,
      topic: v.topic,
      related: parseRelated(v.relatedText),
    };
    setSaving(true);
    try {
      if (initial) await eventsApi.update(initial.id, body);
      else await eventsApi.create(body);
      message.success('已保存');
      props.onSaved();
    } catch (e) {
      form.setFields(
        formFieldErrors<keyof PlanValues>(e, [
          'kind',
          'title',
          'eventDate',
          'eventTime',
          'place',
          'host',
          'spokespersons',
          'topic',
        ]),
      );
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={initial ? '修改活动计划' : '新建活动计划'}
      onCancel={props.onClose}
      onOk={save}
      okText="保存"
      confirmLoading={saving}
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
                eventDate: dayjs(initial.eventDate),
                eventTime: initial.eventTime ?? undefined,
                spokespersons: initial.spokespersons ?? undefined,
                relatedText: initial.related.map((r) => `${r.title} | ${r.href}`).join('\n'),
              }
            : { kind: 'press_conference' }
        }
      >
        <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
          <Select options={EVENT_KIND_OPTIONS} disabled={initial?.state === 'announced'} />
        </Form.Item>
        <Form.Item
          name="title"
          label="活动名称"
          rules={[{ required: true, message: '请填写活动名称' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="eventDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="eventTime"
            label="时间"
            rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式如 09:30' }]}
          >
            <Input placeholder="09:30" style={{ width: 100 }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="place"
          label="地点"
          rules={[{ required: true, message: '请填写地点' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="host"
          label="主办单位或主持人"
          rules={[{ required: true, message: '请填写主办单位' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="spokespersons" label="发布人、出席人（每行一人）" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="topic"
          label="主题和内容"
          rules={[{ required: true, message: '请填写主题' }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="relatedText"
          label="相关政策及解读（每行一条：标题 | 链接，链接为本站路径或 https 地址）"
        >
          <Input.TextArea rows={2} placeholder="示例市安全生产条例 | /catalog/…" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ActionKind = 'announce' | 'hold' | 'publish' | 'cancel' | 'record' | 'file';

function ActionModal(props: {
  event: EventDetail;
  action: ActionKind | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const { event: e, action } = props;
  const titles: Record<ActionKind, string> = {
    announce: e.kind === 'hearing' ? '发布听证公告' : '发布活动预告',
    hold: '登记为已举行',
    publish: '发布实录',
    cancel: '取消活动',
    record: e.kind === 'hearing' ? '填写听证笔录' : '填写活动实录',
    file: '登记备案',
  };
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const date = (k: string) => (v[k] ? (v[k] as Dayjs).format('YYYY-MM-DD') : undefined);
    try {
      if (action === 'announce')
        await eventsApi.transition(e.id, {
          action: 'announce',
          announcement: v.announcement as string,
          registrationDeadline: date('registrationDeadline'),
          registrationQuota: (v.registrationQuota as number | undefined) ?? null,
        });
      else if (action === 'cancel')
        await eventsApi.transition(e.id, { action: 'cancel', reason: v.reason as string });
      else if (action === 'hold' || action === 'publish') await eventsApi.transition(e.id, { action });
      else if (action === 'record')
        await eventsApi.record(e.id, {
          recordText: v.recordText as string,
          videoUrl: (v.videoUrl as string) || null,
          attendance: (v.attendance as number | undefined) ?? null,
          outcome: (v.outcome as string) || null,
          opinionsHandling: (v.opinionsHandling as string) || null,
        });
      else if (action === 'file')
        await eventsApi.file(e.id, {
          filedWith: v.filedWith as string,
          filedOn: date('filedOn')!,
          filingNumber: (v.filingNumber as string) || null,
        });
      message.success('已完成');
      props.onDone();
    } catch (err) {
      form.setFields(formFieldErrors(err));
      message.error(messageOf(err));
    }
  };
  return (
    <Modal
      open={action !== null}
      title={action ? titles[action] : ''}
      onCancel={props.onClose}
      onOk={submit}
      okText="确定"
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) form.resetFields();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          action === 'record'
            ? {
                recordText: e.recordText ?? '',
                videoUrl: e.videoUrl ?? '',
                attendance: e.attendance ?? undefined,
                outcome: e.outcome ?? '',
                opinionsHandling: e.opinionsHandling ?? '',
              }
            : {}
        }
      >
        {action === 'announce' && (
          <>
            <Form.Item
              name="announcement"
              label="预告（公告）内容"
              rules={[{ required: true, message: '请填写公告内容' }]}
            >
              <Input.TextArea rows={5} />
            </Form.Item>
            {e.kind === 'hearing' && (
              <Flex gap={12}>
                <Form.Item
                  name="registrationDeadline"
                  label="报名截止日期"
                  rules={[{ required: true, message: '请选择报名截止日期' }]}
                >
                  <DatePicker />
                </Form.Item>
                <Form.Item name="registrationQuota" label="参加人名额">
                  <InputNumber min={1} max={10000} />
                </Form.Item>
              </Flex>
            )}
          </>
        )}
        {action === 'cancel' && (
          <Form.Item name="reason" label="取消原因" rules={[{ required: true, message: '请填写取消原因' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {(action === 'hold' || action === 'publish') && (
          <Typography.Paragraph>
            {action === 'hold' ? '确认该活动已按计划举行？' : '发布后实录将在门户网站公开。'}
          </Typography.Paragraph>
        )}
        {action === 'record' && (
          <>
            <Form.Item
              name="recordText"
              label={e.kind === 'hearing' ? '听证笔录' : '实录'}
              rules={[{ required: true, message: '请填写实录' }]}
            >
              <Input.TextArea rows={8} />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="attendance" label="参加人数">
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="videoUrl" label="视频链接" style={{ flex: 1 }}>
                <Input placeholder="https://…" />
              </Form.Item>
            </Flex>
            <Form.Item name="outcome" label="活动成果">
              <Input.TextArea rows={2} />
            </Form.Item>
            {e.kind === 'hearing' && (
              <Form.Item
                name="opinionsHandling"
                label="听证意见采纳情况"
                rules={[{ required: true, message: '听证会须说明意见采纳情况' }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            )}
          </>
        )}
        {action === 'file' && (
          <>
            <Form.Item
              name="filedWith"
              label="备案机关"
              rules={[{ required: true, message: '请填写备案机关' }]}
            >
              <Input placeholder="如：中共示例市委宣传部" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item
                name="filedOn"
                label="备案日期"
                rules={[{ required: true, message: '请选择备案日期' }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item name="filingNumber" label="备案编号">
                <Input />
              </Form.Item>
            </Flex>
          </>
        )}
      </Form>
    </Modal>
  );
}

function EventDrawer(props: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
  onEdit: (e: EventView) => void;
}) {
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const manage = can('events.manage');
  const [action, setAction] = useState<ActionKind | null>(null);
  const q = useQuery(
    (signal) => (props.id ? eventsApi.get(props.id, signal) : Promise.resolve(undefined)),
    [props.id],
  );
  const e = q.data;
  const reload = () => {
    q.reload();
    props.onChanged();
  };
  const label: Record<string, string> = {
    announce: '发布预告',
    hold: '登记已举行',
    record: '填写实录',
    publish: '发布实录',
    cancel: '取消',
    file: '登记备案',
  };
  return (
    <Drawer open={props.id !== null} onClose={props.onClose} width={720} title={e?.title ?? '活动'}>
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {e && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {manage &&
              e.actions.map((a) =>
                a === 'edit' ? (
                  <Button key={a} onClick={() => props.onEdit(e)}>
                    修改计划
                  </Button>
                ) : (
                  <Button
                    key={a}
                    type={a === 'publish' || a === 'announce' ? 'primary' : 'default'}
                    danger={a === 'cancel'}
                    onClick={() => setAction(a as ActionKind)}
                  >
                    {label[a]}
                  </Button>
                ),
              )}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="类别">{e.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATE_COLORS[e.state]}>{e.stateLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="时间">
              {e.eventDate} {e.eventTime ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label="地点">{e.place}</Descriptions.Item>
            <Descriptions.Item label="主办">{e.host}</Descriptions.Item>
            <Descriptions.Item label="主题">{e.topic}</Descriptions.Item>
            {e.announcement && <Descriptions.Item label="公告">{e.announcement}</Descriptions.Item>}
            {e.registrationDeadline && (
              <Descriptions.Item label="报名截止">
                {e.registrationDeadline}
                {e.registrationQuota !== null ? `（名额${e.registrationQuota}人）` : ''}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="备案">
              {e.filedWith
                ? `${e.filedWith}，${e.filedOn ?? ''}${e.filingNumber ? `，${e.filingNumber}` : ''}`
                : e.filingRequired
                  ? '未备案（该类活动应备案）'
                  : '—'}
            </Descriptions.Item>
            {e.recordText && <Descriptions.Item label="实录">{e.recordText}</Descriptions.Item>}
            {e.opinionsHandling && (
              <Descriptions.Item label="意见采纳">{e.opinionsHandling}</Descriptions.Item>
            )}
            {e.publishedAt && (
              <Descriptions.Item label="发布时间">{formatDateTime(e.publishedAt)}</Descriptions.Item>
            )}
          </Descriptions>
          {e.kind === 'hearing' && (
            <Card size="small" title={`报名（${e.registrations.length}）`} style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={e.registrations}
                locale={{ emptyText: '暂无报名' }}
                columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '单位或身份', dataIndex: 'affiliation' },
                  { title: '电话', dataIndex: 'phone' },
                  { title: '拟陈述意见', dataIndex: 'statement', ellipsis: true },
                  {
                    title: '遴选',
                    render: (_, r) =>
                      manage && e.state === 'announced' ? (
                        <Select
                          size="small"
                          value={r.status}
                          style={{ width: 110 }}
                          aria-label={`遴选 ${r.name}`}
                          options={[
                            { value: 'pending', label: '待遴选', disabled: true },
                            { value: 'selected', label: '入选' },
                            { value: 'not_selected', label: '未入选' },
                          ]}
                          onChange={async (v) => {
                            try {
                              await eventsApi.decide(r.id, v as 'selected' | 'not_selected');
                              q.reload();
                            } catch (err) {
                              message.error(messageOf(err));
                            }
                          }}
                        />
                      ) : (
                        { pending: '待遴选', selected: '入选', not_selected: '未入选' }[r.status]
                      ),
                  },
                ]}
              />
            </Card>
          )}
          <ActionModal
            event={e}
            action={action}
            onClose={() => setAction(null)}
            onDone={() => {
              setAction(null);
              reload();
            }}
          />
        </>
      )}
    </Drawer>
  );
}

function PressPlanCard() {
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const [year, setYear] = useState(chinaToday().year());
  const plan = useQuery((signal) => eventsApi.plan(year, signal), [year]);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const p = plan.data;
  return (
    <Card
      size="small"
      title="年度新闻发布计划"
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <InputNumber
            aria-label="年度"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            addonAfter="年"
          />
          {can('events.manage') && (
            <Button
              onClick={() => {
                form.setFieldsValue({
                  plannedCount: p?.plannedCount ?? 0,
                  note: p?.note,
                  filedWith: p?.filedWith,
                });
                setEditing(true);
              }}
            >
              录入计划
            </Button>
          )}
        </Space>
      }
    >
      <ProblemAlert error={plan.error} onRetry={plan.reload} />
      {p && (
        <Typography.Paragraph style={{ margin: 0 }}>
          计划召开 {p.plannedCount ?? '（未录入）'} 场，已举行 {p.held} 场，尚未举行 {p.scheduled} 场。
          {p.filedWith ? ` 已向${p.filedWith}备案（${p.filedOn ?? ''}）。` : ' 尚未备案。'}
        </Typography.Paragraph>
      )}
      <Modal
        open={editing}
        title={`${year}年新闻发布计划`}
        onCancel={() => setEditing(false)}
        onOk={async () => {
          const v = (await form.validateFields()) as {
            plannedCount: number;
            note?: string;
            filedWith?: string;
            filedOn?: Dayjs | null;
          };
          try {
            await eventsApi.setPlan(year, {
              plannedCount: v.plannedCount,
              note: v.note || null,
              filedWith: v.filedWith || null,
              filedOn: v.filedOn ? v.filedOn.format('YYYY-MM-DD') : null,
            });
            setEditing(false);
            plan.reload();
          } catch (e) {
            message.error(messageOf(e));
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="plannedCount" label="计划场次" rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="filedWith" label="备案机关">
              <Input />
            </Form.Item>
            <Form.Item name="filedOn" label="备案日期">
              <DatePicker />
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Card>
  );
}

/** 新闻发布与听证: plans, announcements, hearing registrations, records and filing. */
export default function EventsPage() {
  const { can } = useAuth();
  const [filters, setFilters] = useState<{ kind?: string; state?: string; year?: number; page: number }>({
    page: 1,
  });
  const [editing, setEditing] = useState<EventView | 'new' | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery((signal) => eventsApi.list({ ...filters, pageSize: 20 }, signal), [filters]);
  return (
    <>
      <PageHeader
        title="新闻发布与听证"
        description="新闻发布会、政策吹风会、听证会、论证会、政务论坛、政府开放日和宣传活动：计划 → 发布预告（听证会组织报名）→ 举行 → 发布实录，以及向宣传部门等的备案。"
        extra={
          can('events.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建活动
            </Button>
          ) : undefined
        }
      />
      <PressPlanCard />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部类别"
          aria-label="类别"
          style={{ width: 160 }}
          options={EVENT_KIND_OPTIONS}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind, page: 1 })}
        />
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="状态"
          style={{ width: 140 }}
          value={filters.state}
          onChange={(state) => setFilters({ ...filters, state, page: 1 })}
          options={[
            { value: 'planned', label: '计划中' },
            { value: 'announced', label: '已发布预告' },
            { value: 'held', label: '已举行' },
            { value: 'published', label: '已发布实录' },
            { value: 'cancelled', label: '已取消' },
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
        locale={{ emptyText: '暂无活动，点击“新建活动”录入计划' }}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          {
            title: '活动',
            dataIndex: 'title',
            render: (t: string, e) => <a onClick={() => setOpenId(e.id)}>{t}</a>,
          },
          { title: '类别', dataIndex: 'kindLabel', width: 120 },
          { title: '日期', dataIndex: 'eventDate', width: 120 },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            width: 120,
            render: (s: string, e) => <Tag color={STATE_COLORS[e.state]}>{s}</Tag>,
          },
          {
            title: '备案',
            width: 100,
            render: (_, e) =>
              e.filedWith ? (
                '已备案'
              ) : e.filingRequired && e.state !== 'cancelled' ? (
                <Tag color="orange">未备案</Tag>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <PlanModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <EventDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={list.reload}
        onEdit={(e) => setEditing(e)}
      />
    </>
  );
}
