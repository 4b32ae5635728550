import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import {
  CATEGORY_LABELS,
  enterprisesApi,
  HAZARD_STATUS,
  LICENCE_STATE,
  SCALE_LABELS,
  yuan,
  type Enterprise,
  type EnterpriseInput,
  type HazardReport,
} from './api';

const categoryOptions = Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }));
const scaleOptions = Object.entries(SCALE_LABELS).map(([value, label]) => ({ value, label }));

/** 企业名录: search, register, detail (credit, licences, linked records, self-reports with 挂牌督办). */
export default function EnterprisesPage() {
  return (
    <>
      <PageHeader
        title="企业名录与隐患"
        description="本机关监管企业的登记信息、许可证、关联的双公示/事故/挂牌督办记录、企业自查隐患和信用评级。"
      />
      <Tabs
        items={[
          { key: 'list', label: '企业名录', children: <Registry /> },
          { key: 'hazards', label: '企业自查隐患', children: <HazardReports /> },
          { key: 'accounts', label: '企业账号与变更申请', children: <Accounts /> },
        ]}
      />
    </>
  );
}

function Registry() {
  const { message } = AntApp.useApp();
  const [query, setQuery] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useQuery((s) => enterprisesApi.list({ ...query, page, pageSize: 20 }, s), [query, page]);
  return (
    <>
      <Form
        layout="inline"
        onFinish={(v: Record<string, string>) => {
          setPage(1);
          setQuery(v);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="q" label="名称关键词">
          <Input allowClear maxLength={50} />
        </Form.Item>
        <Form.Item name="creditCode" label="统一社会信用代码">
          <Input allowClear maxLength={18} />
        </Form.Item>
        <Form.Item name="region" label="行政区划代码">
          <Input allowClear maxLength={6} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="industry" label="行业代码">
          <Input allowClear maxLength={5} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="category" label="监管类别">
          <Select allowClear options={categoryOptions} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button onClick={() => setCreating(true)}>登记企业</Button>
      </Form>
      {list.error && (
        <Typography.Text type="danger" role="alert">
          {list.error.detail}
        </Typography.Text>
      )}
      {list.data?.note && <Typography.Text type="warning">{list.data.note}</Typography.Text>}
      <Table<Enterprise>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => (list.data?.totalIsLowerBound ? `${t}家以上` : `共${t}家`),
        }}
        columns={[
          {
            title: '企业名称',
            dataIndex: 'name',
            render: (v: string, r) => (
              <Button type="link" onClick={() => setOpen(r.id)}>
                {v}
              </Button>
            ),
          },
          { title: '统一社会信用代码', dataIndex: 'creditCode' },
          { title: '地区', dataIndex: 'regionName' },
          { title: '监管类别', dataIndex: 'category', render: (v: string) => CATEGORY_LABELS[v] ?? v },
          { title: '属地监管单位', dataIndex: 'supervisingUnit' },
        ]}
      />
      <EnterpriseDrawer id={open} onClose={() => setOpen(null)} />
      <CreateModal
        open={creating}
        onClose={(saved) => {
          setCreating(false);
          if (saved) {
            message.success('已登记');
            list.reload();
          }
        }}
      />
    </>
  );
}

function CreateModal({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm<EnterpriseInput>();
  const [saving, setSaving] = useState(false);
  const save = async (v: EnterpriseInput) => {
    setSaving(true);
    try {
      await enterprisesApi.create({ ...v, formerNames: [], licences: [] });
      form.resetFields();
      onClose(true);
    } catch (e) {
      const fields = formFieldErrors<keyof EnterpriseInput>(e);
      form.setFields(fields.length ? fields : [{ name: 'name', errors: [messageOf(e)] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="登记企业"
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText="保存"
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="name" label="企业名称" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="registeredAddress" label="注册地址" rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="regionCode" label="行政区划代码（县级）" rules={[{ required: true }]}>
            <Input maxLength={6} />
          </Form.Item>
          <Form.Item name="industryCode" label="行业代码（GB/T 4754）" rules={[{ required: true }]}>
            <Input maxLength={5} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="category" label="监管类别" rules={[{ required: true }]}>
            <Select options={categoryOptions} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="scale" label="企业规模" rules={[{ required: true }]}>
            <Select options={scaleOptions} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="supervisingUnit" label="属地监管单位" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactMobile" label="联系人手机">
            <Input maxLength={11} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function EnterpriseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const detail = useQuery((s) => (id ? enterprisesApi.get(id, s) : Promise.resolve(undefined)), [id]);
  const d = detail.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={760} title={d?.enterprise.name ?? '企业详情'}>
      {d && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { label: '统一社会信用代码', children: d.enterprise.creditCode },
              { label: '曾用名', children: d.enterprise.formerNames.join('；') || '—' },
              { label: '法定代表人', children: d.enterprise.legalRepresentative },
              { label: '地区', children: `${d.enterprise.regionName}（${d.enterprise.regionCode}）` },
              { label: '行业', children: d.enterprise.industryName },
              {
                label: '监管类别 / 规模',
                children: `${CATEGORY_LABELS[d.enterprise.category] ?? ''} / ${SCALE_LABELS[d.enterprise.scale] ?? ''}`,
              },
              { label: '属地监管单位', children: d.enterprise.supervisingUnit },
              {
                label: '联系人',
                children: `${d.enterprise.contactName ?? '—'} ${d.enterprise.contactMobile ?? ''}`,
              },
            ]}
          />
          <Card size="small" title={`信用评级：${d.credit.grade}级`}>
            <ul>
              {d.credit.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Card>
          <Card size="small" title="许可证">
            <List
              dataSource={d.licences}
              locale={{ emptyText: '未登记' }}
              renderItem={(l) => (
                <List.Item>
                  {l.kind} {l.number}（{l.validFrom}至{l.validTo}）{' '}
                  <Tag color={LICENCE_STATE[l.state]?.color}>{LICENCE_STATE[l.state]?.label}</Tag>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title="关联记录（按统一社会信用代码）">
            <Typography.Paragraph>
              双公示决定 {d.links.decisions.length} 件；事故调查报告 {d.links.accidents.length} 件；挂牌督办{' '}
              {d.links.supervisedHazards.length} 项；检查 {d.inspections.length} 次。
            </Typography.Paragraph>
            <List
              size="small"
              dataSource={d.links.decisions}
              renderItem={(x) => (
                <List.Item>
                  {x.decisionNumber}（{x.decisionDate}）
                </List.Item>
              )}
            />
            <List
              size="small"
              dataSource={d.links.supervisedHazards}
              renderItem={(x) => (
                <List.Item>
                  挂牌督办：{x.title}（整改期限{x.deadline}）
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title="企业自查隐患">
            <HazardTable items={d.hazardReports} onChange={detail.reload} />
          </Card>
        </Flex>
      )}
    </Drawer>
  );
}

function HazardTable({ items, onChange }: { items: HazardReport[]; onChange: () => void }) {
  const { message, modal } = AntApp.useApp();
  const escalate = (h: HazardReport) =>
    modal.confirm({
      title: '挂牌督办',
      content: `将“${h.place}”重大隐患挂牌督办？将生成挂牌督办记录（草稿），按双公示流程审核后公开。`,
      okText: '挂牌督办',
      onOk: async () => {
        try {
          const r = await enterprisesApi.escalate(h.id);
          message.success(`已生成挂牌督办记录：${r.title}`);
          onChange();
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });
  return (
    <Table<HazardReport>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={false}
      columns={[
        { title: '企业', dataIndex: 'enterpriseName', render: (v?: string) => v ?? '' },
        { title: '报告日期', dataIndex: 'reportedOn' },
        { title: '部位', dataIndex: 'place' },
        {
          title: '等级',
          dataIndex: 'level',
          render: (v: string) => (v === 'major' ? <Tag color="red">重大隐患</Tag> : '一般隐患'),
        },
        {
          title: '整改期限',
          dataIndex: 'deadline',
          render: (v: string, r) => (
            <>
              {v}
              {r.overdue && <Tag color="red">逾期</Tag>}
            </>
          ),
        },
        { title: '资金（元）', dataIndex: 'fundsFen', render: (v: number) => yuan(v) },
        { title: '状态', dataIndex: 'status', render: (v: string) => HAZARD_STATUS[v] ?? v },
        {
          title: '操作',
          render: (_: unknown, r) =>
            r.level === 'major' && r.status === 'open' ? (
              <Button size="small" danger onClick={() => escalate(r)}>
                挂牌督办
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

function HazardReports() {
  const [level, setLevel] = useState<string | undefined>();
  const list = useQuery((s) => enterprisesApi.hazardReports({ level }, s), [level]);
  return (
    <>
      <Select
        allowClear
        placeholder="隐患等级"
        value={level}
        onChange={setLevel}
        style={{ width: 160, marginBottom: 12 }}
        options={[
          { value: 'major', label: '重大隐患' },
          { value: 'general', label: '一般隐患' },
        ]}
        aria-label="隐患等级"
      />
      <HazardTable items={list.data?.items ?? []} onChange={list.reload} />
    </>
  );
}

function Accounts() {
  const { message } = AntApp.useApp();
  const accounts = useQuery((s) => enterprisesApi.accounts(s), []);
  const changes = useQuery((s) => enterprisesApi.changeRequests(s), []);
  const [created, setCreated] = useState<string | null>(null);
  const decide = async (id: string, approve: boolean) => {
    try {
      await enterprisesApi.decideAccount(id, approve, approve ? undefined : '信息不符');
      accounts.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="开通企业账号">
        <Form
          layout="inline"
          onFinish={async (v: { enterpriseId: string; username: string; displayName: string }) => {
            try {
              const r = await enterprisesApi.createAccount(v);
              setCreated(
                `账号 ${r.account.username} 已开通，初始密码：${r.initialPassword ?? ''}（仅显示一次）`,
              );
              accounts.reload();
            } catch (e) {
              message.error(messageOf(e));
            }
          }}
        >
          <Form.Item name="enterpriseId" label="企业ID" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="username" label="用户名" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            开通
          </Button>
        </Form>
        {created && <Typography.Paragraph copyable>{created}</Typography.Paragraph>}
      </Card>
      <Table
        rowKey="userId"
        size="small"
        dataSource={accounts.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '企业', dataIndex: 'enterpriseName' },
          { title: '统一社会信用代码', dataIndex: 'creditCode' },
          {
            title: '来源',
            dataIndex: 'origin',
            render: (v: string) => (v === 'self' ? '自行注册' : '机关开通'),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: string) => ({ pending: '待审核', active: '已启用', rejected: '未通过' })[v] ?? v,
          },
          {
            title: '操作',
            render: (_: unknown, r: { userId: string; status: string }) =>
              r.status === 'pending' ? (
                <Space>
                  <Button size="small" onClick={() => decide(r.userId, true)}>
                    通过
                  </Button>
                  <Button size="small" danger onClick={() => decide(r.userId, false)}>
                    不通过
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Card size="small" title="企业信息变更申请">
        <List
          dataSource={changes.data?.items ?? []}
          locale={{ emptyText: '没有待审核的申请' }}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button
                  key="a"
                  size="small"
                  onClick={async () => {
                    await enterprisesApi
                      .decideChange(c.id, true)
                      .catch((e: unknown) => message.error(messageOf(e)));
                    changes.reload();
                  }}
                >
                  同意
                </Button>,
                <Button
                  key="r"
                  size="small"
                  danger
                  onClick={async () => {
                    await enterprisesApi
                      .decideChange(c.id, false, '请核实后重新申请')
                      .catch((e: unknown) => message.error(messageOf(e)));
                    changes.reload();
                  }}
                >
                  不同意
                </Button>,
              ]}
            >
              {typeof c.changes.name === 'string' ? c.changes.name : ''}：{c.reason}
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
