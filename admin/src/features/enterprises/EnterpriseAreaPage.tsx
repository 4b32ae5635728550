import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import {
  CATEGORY_LABELS,
  enterpriseAreaApi,
  HAZARD_STATUS,
  LICENCE_STATE,
  SCALE_LABELS,
  yuan,
  type HazardInput,
  type HazardReport,
} from './api';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 企业专区: the enterprise's own data, 隐患自查自报, monthly reports and the agency's notices. */
export default function EnterpriseAreaPage() {
  return (
    <>
      <PageHeader
        title="企业专区"
        description="本企业的登记信息与信用评级、隐患自查自报、月度排查报告和监管部门通知。只显示本企业的信息。"
      />
      <Tabs
        items={[
          { key: 'me', label: '本企业信息', children: <Me /> },
          { key: 'hazards', label: '隐患自查自报', children: <Hazards /> },
          { key: 'monthly', label: '月度报告', children: <MonthlyReports /> },
          { key: 'notices', label: '通知', children: <Notices /> },
        ]}
      />
    </>
  );
}

function Me() {
  const { message } = AntApp.useApp();
  const me = useQuery((s) => enterpriseAreaApi.me(s), []);
  const [reason, setReason] = useState('');
  const [address, setAddress] = useState('');
  const d = me.data;
  if (!d) return me.error ? <Alert type="error" message={me.error.detail} /> : null;
  const e = d.enterprise;
  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { label: '企业名称', children: e.name },
          { label: '统一社会信用代码', children: e.creditCode },
          { label: '地区', children: e.regionName },
          { label: '行业', children: e.industryName },
          {
            label: '监管类别 / 规模',
            children: `${CATEGORY_LABELS[e.category] ?? ''} / ${SCALE_LABELS[e.scale] ?? ''}`,
          },
          { label: '注册地址', children: e.registeredAddress },
          { label: '属地监管单位', children: e.supervisingUnit },
        ]}
      />
      <Card size="small" title={`安全生产信用评级：${d.credit.grade}级`}>
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
              {l.kind} {l.number}（至{l.validTo}）
              <Tag color={LICENCE_STATE[l.state]?.color}>{LICENCE_STATE[l.state]?.label}</Tag>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="申请变更注册地址（由监管部门审核）">
        <Flex gap={8} wrap>
          <Input
            aria-label="新的注册地址"
            placeholder="新的注册地址"
            value={address}
            onChange={(x) => setAddress(x.target.value)}
            style={{ maxWidth: 360 }}
          />
          <Input
            aria-label="变更原因"
            placeholder="变更原因"
            value={reason}
            onChange={(x) => setReason(x.target.value)}
            style={{ maxWidth: 240 }}
          />
          <Button
            onClick={() =>
              enterpriseAreaApi
                .requestChange(
                  {
                    name: e.name,
                    formerNames: e.formerNames,
                    legalRepresentative: e.legalRepresentative,
                    registeredAddress: address || e.registeredAddress,
                    operatingAddress: e.operatingAddress,
                    regionCode: e.regionCode,
                    industryCode: e.industryCode,
                    category: e.category,
                    scale: e.scale,
                    supervisingUnit: e.supervisingUnit,
                    contactName: e.contactName,
                    contactMobile: e.contactMobile,
                    contactEmail: e.contactEmail,
                    licences: d.licences.map((l) => ({
                      kind: l.kind,
                      number: l.number,
                      scope: l.scope,
                      validFrom: l.validFrom,
                      validTo: l.validTo,
                      issuer: l.issuer,
                    })),
                  },
                  reason,
                )
                .then(
                  () => message.success('已提交，等待监管部门审核'),
                  (err: unknown) => message.error(messageOf(err)),
                )
            }
          >
            提交变更申请
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}

function Hazards() {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<HazardInput>();
  const list = useQuery((s) => enterpriseAreaApi.hazards(s), []);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: HazardInput) => {
    setError(null);
    try {
      await enterpriseAreaApi.report({ ...v, fundsYuan: Number(v.fundsYuan ?? 0) });
      message.success('已上报');
      form.resetFields();
      list.reload();
    } catch (e) {
      form.setFields(formFieldErrors<keyof HazardInput>(e));
      setError(messageOf(e));
    }
  };
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="自查上报隐患">
        {error && <Alert type="error" role="alert" message={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ reportedOn: today(), level: 'general', fundsYuan: 0 }}
        >
          <Flex gap={16} wrap>
            <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true }]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="deadline" label="整改期限" rules={[{ required: true }]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="level" label="隐患等级">
              <Radio.Group
                options={[
                  { value: 'general', label: '一般隐患' },
                  { value: 'major', label: '重大隐患' },
                ]}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="place" label="隐患部位" rules={[{ required: true }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="description" label="隐患描述" rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="measures" label="整改措施" rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="responsiblePerson" label="整改责任人" rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="fundsYuan" label="整改资金（元）">
              <InputNumber min={0} />
            </Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit">
            上报
          </Button>
        </Form>
      </Card>
      <Table<HazardReport>
        rowKey="id"
        size="small"
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
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
          { title: '状态', dataIndex: 'status', render: (v: string) => HAZARD_STATUS[v] },
          {
            title: '操作',
            render: (_: unknown, r) => (
              <Flex gap={4} wrap>
                <Upload
                  showUploadList={false}
                  accept=".jpg,.jpeg,.png"
                  beforeUpload={(f) => {
                    enterpriseAreaApi.attach(r.id, 'photo', f).then(
                      () => message.success('照片已上传'),
                      (e: unknown) => message.error(messageOf(e)),
                    );
                    return false;
                  }}
                >
                  <Button size="small">上传照片</Button>
                </Upload>
                {r.status === 'open' && (
                  <Upload
                    showUploadList={false}
                    accept=".jpg,.jpeg,.png,.pdf"
                    beforeUpload={(f) => {
                      enterpriseAreaApi.attach(r.id, 'evidence', f).then(
                        () => message.success('佐证已上传'),
                        (e: unknown) => message.error(messageOf(e)),
                      );
                      return false;
                    }}
                  >
                    <Button size="small">上传整改佐证</Button>
                  </Upload>
                )}
                {r.status === 'open' && (
                  <Button
                    size="small"
                    onClick={() =>
                      enterpriseAreaApi
                        .rectify(r.id, today(), '已按措施完成整改')
                        .then(list.reload, (e: unknown) => message.error(messageOf(e)))
                    }
                  >
                    报告整改完成
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

function MonthlyReports() {
  const { message } = AntApp.useApp();
  const list = useQuery((s) => enterpriseAreaApi.monthly(s), []);
  return (
    <Flex vertical gap={16}>
      <Form
        layout="inline"
        initialValues={{ month: today().slice(0, 7), noHazards: false, summary: '' }}
        onFinish={(v: { month: string; noHazards: boolean; summary: string }) =>
          enterpriseAreaApi.submitMonthly(v).then(
            () => {
              message.success('已提交');
              list.reload();
            },
            (e: unknown) => message.error(messageOf(e)),
          )
        }
      >
        <Form.Item name="month" label="月份">
          <Input placeholder="YYYY-MM" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="noHazards" valuePropName="checked">
          <Checkbox>本月无隐患</Checkbox>
        </Form.Item>
        <Form.Item name="summary" label="排查情况">
          <Input style={{ width: 280 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          提交月度报告
        </Button>
      </Form>
      <List
        dataSource={list.data?.items ?? []}
        renderItem={(m) => (
          <List.Item>
            {m.month}：{m.noHazards ? '本月无隐患' : m.summary}
          </List.Item>
        )}
      />
    </Flex>
  );
}

function Notices() {
  const list = useQuery((s) => enterpriseAreaApi.notices(s), []);
  return (
    <List
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: '没有通知' }}
      renderItem={(n) => (
        <List.Item>
          <Flex vertical>
            <Typography.Text strong>{n.title}</Typography.Text>
            <Typography.Text>{n.body}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
