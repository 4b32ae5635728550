import { useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { TreeDataNode } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formFieldErrors, messageOf } from '../../api/client';
import { orgsApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import { ORG_KIND_LABELS, type OrgKind, type OrgSettings, type OrgView } from '../../api/types';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { buildOrgTree, creatableChildKinds, type OrgNode } from './orgTree';

type SettingsKey = keyof OrgSettings;
type FormValues = { name: string; sortOrder: number } & Record<SettingsKey, string | null>;

interface FieldDef {
  name: SettingsKey | 'name';
  label: string;
  max: number;
  placeholder?: string;
  pattern?: RegExp;
  patternMessage?: string;
  type?: 'email';
  agencyOnly?: boolean;
}

const SECTIONS: { title: string; agencyOnly?: boolean; fields: FieldDef[] }[] = [
  {
    title: '基本信息',
    fields: [
      { name: 'name', label: '机关全称', max: 200 },
      { name: 'shortName', label: '简称', max: 100 },
      {
        name: 'creditCode',
        label: '统一社会信用代码',
        max: 18,
        agencyOnly: true,
        pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
        patternMessage: '统一社会信用代码为18位数字或大写字母',
        placeholder: '18位，如 11330100002493068X',
      },
    ],
  },
  {
    title: '联系方式（公开指南）',
    fields: [
      { name: 'address', label: '办公地址', max: 300 },
      {
        name: 'postcode',
        label: '邮政编码',
        max: 6,
        pattern: /^\d{6}$/,
        patternMessage: '邮政编码为6位数字',
      },
      {
        name: 'officeHours',
        label: '办公时间',
        max: 200,
        placeholder: '如：工作日 上午9:00–12:00，下午13:30–17:30',
      },
      { name: 'phone', label: '联系电话', max: 100 },
      { name: 'fax', label: '传真号码', max: 100 },
      { name: 'email', label: '电子邮箱', max: 200, type: 'email' },
    ],
  },
  {
    title: '门户网站（页脚信息）',
    agencyOnly: true,
    fields: [
      { name: 'portalHost', label: '门户域名', max: 200, placeholder: '如：zwgk.example.gov.cn' },
      { name: 'footerSponsor', label: '主办单位', max: 200 },
      { name: 'siteCode', label: '网站标识码', max: 20 },
      { name: 'icpNumber', label: 'ICP备案号', max: 100, placeholder: '如：浙ICP备12345678号' },
      {
        name: 'policeRecordNumber',
        label: '公安机关备案号',
        max: 100,
        placeholder: '如：浙公网安备 33010002000001号',
      },
    ],
  },
];

const SETTINGS_KEYS: SettingsKey[] = [
  'shortName',
  'creditCode',
  'address',
  'postcode',
  'officeHours',
  'phone',
  'fax',
  'email',
  'portalHost',
  'footerSponsor',
  'siteCode',
  'icpNumber',
  'policeRecordNumber',
];
const FORM_FIELDS = ['name', 'sortOrder', ...SETTINGS_KEYS] as const;

function toTreeData(nodes: OrgNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.org.id,
    title: (
      <span style={n.org.retired ? { color: '#999' } : undefined}>
        {n.org.name}{' '}
        <Tag style={{ marginInlineStart: 4 }} color={n.org.kind === 'division' ? 'default' : 'blue'}>
          {ORG_KIND_LABELS[n.org.kind]}
        </Tag>
        {n.org.retired ? <Tag>已撤销</Tag> : null}
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

/** 机构与设置: the org tree and the settings of the selected org. */
export default function OrgsPage() {
  const { user, can } = useAuth();
  const { message, modal } = AntApp.useApp();
  const orgs = useQuery((signal) => orgsApi.list(signal), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const [addOpen, setAddOpen] = useState<{ parent: OrgView | null } | null>(null);
  const canEdit = can('org.settings', 'org.manage');
  const canManageTree = can('org.manage');

  const list = useMemo(
    () => (orgs.data ?? []).filter((o) => showRetired || !o.retired),
    [orgs.data, showRetired],
  );
  const tree = useMemo(() => buildOrgTree(list), [list]);
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  const selected = (orgs.data ?? []).find((o) => o.id === selectedId) ?? null;

  useEffect(() => {
    if (selectedId || !orgs.data?.length) return;
    setSelectedId(orgs.data.find((o) => o.id === user?.orgId)?.id ?? tree[0]?.org.id ?? null);
  }, [orgs.data, selectedId, tree, user]);

  const retire = (org: OrgView) => {
    modal.confirm({
      title: `确定撤销“${org.name}”？`,
      content:
        '撤销后该机构不再出现在选择列表中，不能再新增用户或业务；已有的历史记录、公开信息和审计日志将完整保留。',
      okText: '确定撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await orgsApi.retire(org.id);
          message.success('已撤销');
          orgs.reload();
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });
  };

  const childKinds = selected && !selected.retired ? creatableChildKinds(selected.kind, canManageTree) : [];

  return (
    <>
      <PageHeader
        title="机构与设置"
        description="维护机构树和本机关的公开指南、门户页脚信息。"
        extra={
          canManageTree ? (
            <Button icon={<PlusOutlined />} onClick={() => setAddOpen({ parent: null })}>
              新增顶层机构
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={orgs.error} onRetry={orgs.reload} />
      <Row gutter={16}>
        <Col xs={24} lg={9} xl={8}>
          <Card
            title="机构树"
            size="small"
            extra={
              <Space size={6}>
                <Switch
                  size="small"
                  checked={showRetired}
                  onChange={setShowRetired}
                  aria-label="显示已撤销机构"
                />
                <span aria-hidden style={{ fontSize: 12 }}>
                  显示已撤销
                </span>
              </Space>
            }
          >
            {orgs.loading && !orgs.data ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <EmptyState description="暂无可查看的机构" />
            ) : (
              <Tree
                aria-label="机构树"
                treeData={treeData}
                defaultExpandAll
                showLine
                blockNode
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selected ? (
            <OrgDetail
              key={`${selected.id}:${selected.retired}`}
              org={selected}
              editable={canEdit && !selected.retired}
              onSaved={orgs.reload}
              actions={
                canEdit ? (
                  <Space>
                    {childKinds.length > 0 ? (
                      <Button icon={<PlusOutlined />} onClick={() => setAddOpen({ parent: selected })}>
                        新增下级（科室/所属单位）
                      </Button>
                    ) : null}
                    {!selected.retired && !selected.isDefault && selected.id !== user?.orgId ? (
                      <Button danger icon={<DeleteOutlined />} onClick={() => retire(selected)}>
                        撤销
                      </Button>
                    ) : null}
                  </Space>
                ) : null
              }
            />
          ) : (
            <Card>
              <EmptyState description="请在左侧选择一个机构" />
            </Card>
          )}
        </Col>
      </Row>
      {addOpen ? (
        <AddOrgModal
          parent={addOpen.parent}
          kinds={creatableChildKinds(addOpen.parent?.kind ?? null, canManageTree)}
          onClose={() => setAddOpen(null)}
          onCreated={(o) => {
            setAddOpen(null);
            message.success(`已新增“${o.name}”`);
            orgs.reload();
            setSelectedId(o.id);
          }}
        />
      ) : null}
    </>
  );
}

function OrgDetail({
  org,
  editable,
  onSaved,
  actions,
}: {
  org: OrgView;
  editable: boolean;
  onSaved: () => void;
  actions: React.ReactNode;
}) {
  const [form] = Form.useForm<FormValues>();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const agency = org.kind !== 'division';

  const initial: FormValues = {
    name: org.name,
    sortOrder: org.sortOrder,
    ...Object.fromEntries(SETTINGS_KEYS.map((k) => [k, org[k] ?? ''])),
  } as FormValues;

  const save = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { name: v.name.trim(), sortOrder: v.sortOrder };
      for (const k of SETTINGS_KEYS) {
        if (!agency && SECTIONS.some((s) => s.agencyOnly && s.fields.some((f) => f.name === k))) continue;
        const raw = v[k];
        if (raw === undefined) continue;
        const value = typeof raw === 'string' ? raw.trim() : raw;
        body[k] = value ? value : null;
      }
      await orgsApi.update(org.id, body);
      message.success('已保存');
      onSaved();
    } catch (e) {
      const fields = formFieldErrors(e, FORM_FIELDS);
      if (fields.length) form.setFields(fields);
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <span>{org.name}</span>
          {org.isDefault ? <Tag color="gold">默认机关</Tag> : null}
          {org.retired ? <Tag>已撤销</Tag> : null}
        </Flex>
      }
      extra={actions}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="机构类型">{ORG_KIND_LABELS[org.kind]}</Descriptions.Item>
        <Descriptions.Item label="机构代码">
          <Typography.Text code>{org.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="状态">{org.retired ? '已撤销' : '正常'}</Descriptions.Item>
      </Descriptions>
      {!editable && !org.retired ? (
        <Typography.Paragraph type="secondary">您的角色只能查看机构信息，不能修改。</Typography.Paragraph>
      ) : null}
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        disabled={!editable || saving}
      >
        {SECTIONS.filter((s) => agency || !s.agencyOnly).map((s) => (
          <div key={s.title}>
            <Divider titlePlacement="start" plain style={{ marginTop: 4 }}>
              {s.title}
            </Divider>
            <Row gutter={16}>
              {s.fields
                .filter((f) => agency || !f.agencyOnly)
                .map((f) => (
                  <Col
                    key={f.name}
                    xs={24}
                    md={f.name === 'name' || f.name === 'address' || f.name === 'officeHours' ? 24 : 12}
                  >
                    <Form.Item
                      label={f.name === 'name' && !agency ? '机构名称' : f.label}
                      name={f.name}
                      rules={[
                        ...(f.name === 'name'
                          ? [{ required: true, whitespace: true, message: '请输入机关全称' }]
                          : []),
                        { max: f.max, message: `${f.label}不超过${f.max}个字符` },
                        ...(f.pattern ? [{ pattern: f.pattern, message: f.patternMessage }] : []),
                        ...(f.type === 'email'
                          ? [{ type: 'email' as const, message: '电子邮箱格式不正确' }]
                          : []),
                      ]}
                    >
                      <Input placeholder={editable ? f.placeholder : undefined} />
                    </Form.Item>
                  </Col>
                ))}
              {s.title === '基本信息' ? (
                <Col xs={24} md={12}>
                  <Form.Item label="排序号" name="sortOrder" extra="数字越小越靠前">
                    <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
          </div>
        ))}
        {editable ? (
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => form.resetFields()}>重置</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存设置
            </Button>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}

function AddOrgModal({
  parent,
  kinds,
  onClose,
  onCreated,
}: {
  parent: OrgView | null;
  kinds: OrgKind[];
  onClose: () => void;
  onCreated: (o: OrgView) => void;
}) {
  const [form] = Form.useForm<{ kind: OrgKind; name: string; code: string; sortOrder?: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onCreated(
        await orgsApi.create({
          parentId: parent?.id ?? null,
          kind: v.kind,
          name: v.name.trim(),
          code: v.code.trim(),
          sortOrder: v.sortOrder,
        }),
      );
    } catch (e) {
      const fields = formFieldErrors(e, ['kind', 'name', 'code', 'sortOrder'] as const);
      if (fields.length) form.setFields(fields);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={parent ? `在“${parent.name}”下新增` : '新增顶层机构'}
      okText="新增"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      {kinds.length === 0 ? (
        <EmptyState description="该机构下不能再设下级机构" />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ kind: kinds[0] }} onFinish={() => void submit()}>
          <Form.Item label="机构类型" name="kind" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select options={kinds.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item
            label="名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入名称' },
              { max: 200, message: '名称不超过200个字符' },
            ]}
          >
            <Input placeholder="如：办公室、政策法规科" />
          </Form.Item>
          <Form.Item
            label="机构代码"
            name="code"
            extra="用于网址和命令行，创建后不能修改"
            rules={[
              { required: true, message: '请输入机构代码' },
              {
                pattern: /^[a-z0-9][a-z0-9-]{1,62}$/,
                message: '机构代码只能由小写字母、数字和连字符组成（2–63位）',
              },
            ]}
          >
            <Input placeholder="如：bgs" />
          </Form.Item>
          <Form.Item label="排序号" name="sortOrder">
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
