import { useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
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
import type { TreeDataNode, TreeProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { catalogApi, type ChannelName, type ColumnInput, type ColumnView, type UpdateClass } from './api';
import {
  buildColumnTree,
  dropRelation,
  filterColumnTree,
  idsOfTree,
  MAX_COLUMN_DEPTH,
  planMove,
  type ColumnNode,
} from './columnTree';
import { ARTICLE20_ITEMS, article20Short, CHANNEL_LABELS, UPDATE_CLASS_LABELS } from './labels';

const CHANNEL_OPTIONS = (Object.keys(CHANNEL_LABELS) as ChannelName[]).map((c) => ({
  value: c,
  label: CHANNEL_LABELS[c],
  disabled: c === 'portal',
}));
const UPDATE_CLASS_OPTIONS = (Object.keys(UPDATE_CLASS_LABELS) as UpdateClass[]).map((v) => ({
  value: v,
  label: UPDATE_CLASS_LABELS[v],
}));
const ART20_OPTIONS = ARTICLE20_ITEMS.map((a) => ({ value: a.value, label: a.label }));

interface ColumnFormValues {
  name: string;
  code: string;
  art20Items: number[];
  updateClass: UpdateClass;
  secondApproval: boolean;
  channels: ChannelName[];
  description: string;
}
const FORM_FIELDS = [
  'name',
  'code',
  'art20Items',
  'updateClass',
  'secondApproval',
  'channels',
  'description',
] as const;

function toTreeData(nodes: ColumnNode<ColumnView>[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.column.id,
    title: (
      <span style={n.column.retired ? { color: '#999' } : undefined}>
        {n.column.name}
        {n.column.secondApproval ? (
          <Tag color="purple" style={{ marginInlineStart: 6 }}>
            两级审批
          </Tag>
        ) : null}
        {n.column.retired ? <Tag style={{ marginInlineStart: 6 }}>已停用</Tag> : null}
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

function toInput(v: ColumnFormValues): ColumnInput {
  return {
    name: v.name.trim(),
    code: v.code.trim(),
    art20Items: v.art20Items ?? [],
    updateClass: v.updateClass,
    secondApproval: !!v.secondApproval,
    channels: Array.from(new Set<ChannelName>(['portal', ...(v.channels ?? [])])),
    description: v.description?.trim() || null,
  };
}

/** 栏目管理: the agency's column tree (≤ 3 levels), reordered by drag and drop, and each column's rules. */
export default function ColumnsPage() {
  const { can } = useAuth();
  const { message, modal } = AntApp.useApp();
  const editable = can('catalog.admin');
  const columns = useQuery((signal) => catalogApi.columns(signal), []);
  const [showRetired, setShowRetired] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ parent: ColumnView | null } | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);

  const visible = useMemo(
    () => (columns.data ?? []).filter((c) => showRetired || !c.retired),
    [columns.data, showRetired],
  );
  const tree = useMemo(() => buildColumnTree(visible), [visible]);
  // Type-to-search: the tree narrowed to matching names (with their ancestors), fully expanded.
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => filterColumnTree(tree, filter), [tree, filter]);
  const treeData = useMemo(() => toTreeData(shown), [shown]);
  const filtering = filter.trim() !== '';
  const selected = (columns.data ?? []).find((c) => c.id === selectedId) ?? null;

  useEffect(() => {
    if (!selectedId && tree[0]) setSelectedId(tree[0].column.id);
  }, [tree, selectedId]);

  // Expanded by default, including columns that appear later (a new sub-column must be visible);
  // what the user collapsed stays collapsed.
  const [expanded, setExpanded] = useState<string[]>([]);
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const fresh = (columns.data ?? []).map((c) => c.id).filter((id) => !seen.has(id));
    if (!fresh.length) return;
    setSeen((s) => new Set([...s, ...fresh]));
    setExpanded((e) => [...e, ...fresh]);
  }, [columns.data, seen]);

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd awaits nothing; errors are shown by the handler
  const onDrop: TreeProps['onDrop'] = async (info) => {
    const dragId = String(info.dragNode.key);
    const targetId = String(info.node.key);
    const relation = dropRelation({
      dropToGap: info.dropToGap,
      dropPosition: info.dropPosition,
      nodePos: info.node.pos,
    });
    const plan = planMove(visible, dragId, targetId, relation);
    if (!plan.ok) {
      message.warning(plan.reason);
      return;
    }
    setMoveError(null);
    try {
      await catalogApi.moveColumn(dragId, plan.parentId, plan.position);
      message.success('栏目位置已调整');
    } catch (e) {
      setMoveError(e);
    } finally {
      columns.reload();
    }
  };

  const retire = (c: ColumnView) => {
    modal.confirm({
      title: `确定停用栏目“${c.name}”？`,
      content: '停用后不再接收新的公开信息，门户不再显示该栏目；已发布的信息、历史记录和审计日志完整保留。',
      okText: '确定停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await catalogApi.retireColumn(c.id);
          message.success('栏目已停用');
          columns.reload();
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title="栏目管理"
        description={`维护本机关政府信息公开目录的栏目（最多${MAX_COLUMN_DEPTH}级）。拖动栏目可调整顺序或移动到其他栏目下。`}
        extra={
          editable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ parent: null })}>
              新增一级栏目
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={columns.error} onRetry={columns.reload} />
      <ProblemAlert error={moveError} title="调整栏目位置失败" />
      <Row gutter={16}>
        <Col xs={24} lg={10} xl={9}>
          <Card
            title="栏目树"
            size="small"
            extra={
              <Space size={6}>
                <Switch
                  size="small"
                  checked={showRetired}
                  onChange={setShowRetired}
                  aria-label="显示已停用栏目"
                />
                <span aria-hidden style={{ fontSize: 12 }}>
                  显示已停用
                </span>
              </Space>
            }
          >
            {columns.loading && !columns.data ? (
              <Skeleton active />
            ) : tree.length === 0 ? (
              <EmptyState
                description="尚未设置栏目"
                action={
                  editable ? (
                    <Button type="primary" onClick={() => setCreating({ parent: null })}>
                      新增一级栏目
                    </Button>
                  ) : null
                }
              />
            ) : (
              <>
                <Input.Search
                  aria-label="查找栏目"
                  placeholder="输入栏目名称查找"
                  allowClear
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  style={{ marginBottom: 8 }}
                />
                {filtering && treeData.length === 0 ? (
                  <Typography.Text type="secondary">{`没有名称包含“${filter.trim()}”的栏目`}</Typography.Text>
                ) : null}
                <Tree
                  aria-label="栏目树"
                  treeData={treeData}
                  expandedKeys={filtering ? idsOfTree(shown) : expanded}
                  onExpand={(keys) => !filtering && setExpanded(keys.map(String))}
                  showLine
                  blockNode
                  // Moving columns needs the whole tree in view: no drag while the list is filtered.
                  draggable={editable && !filtering ? { icon: false } : false}
                  allowDrop={({ dragNode, dropNode, dropPosition }) =>
                    // Greys out drop targets that would nest deeper than three levels.
                    planMove(
                      visible,
                      String(dragNode.key),
                      String(dropNode.key),
                      dropPosition === 0 ? 'inside' : 'after',
                    ).ok
                  }
                  onDrop={onDrop}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {selected ? (
            <ColumnDetail
              key={`${selected.id}:${selected.retired}`}
              column={selected}
              editable={editable && !selected.retired}
              onSaved={columns.reload}
              actions={
                editable && !selected.retired ? (
                  <Space>
                    <Button
                      icon={<PlusOutlined />}
                      disabled={selected.depth >= MAX_COLUMN_DEPTH}
                      title={selected.depth >= MAX_COLUMN_DEPTH ? '三级栏目下不能再建下级栏目' : undefined}
                      onClick={() => setCreating({ parent: selected })}
                    >
                      新增下级栏目
                    </Button>
                    <Button danger icon={<DeleteOutlined />} onClick={() => retire(selected)}>
                      停用
                    </Button>
                  </Space>
                ) : null
              }
            />
          ) : (
            <Card>
              <EmptyState description="请在左侧选择一个栏目" />
            </Card>
          )}
        </Col>
      </Row>
      {creating ? (
        <CreateColumnModal
          parent={creating.parent}
          onClose={() => setCreating(null)}
          onCreated={(c) => {
            setCreating(null);
            message.success(`已新增栏目“${c.name}”`);
            columns.reload();
            setSelectedId(c.id);
          }}
        />
      ) : null}
    </>
  );
}

function ColumnFields({ isNew }: { isNew?: boolean }) {
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item
            label="栏目名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入栏目名称' },
              { max: 100, message: '栏目名称不超过100个字符' },
            ]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            label="栏目代码"
            name="code"
            extra={isNew ? '用于网址和索引号，字母、数字或短横线' : '栏目代码用于网址，建议不要修改'}
            rules={[
              { required: true, whitespace: true, message: '请输入栏目代码' },
              { pattern: /^[a-z0-9][a-z0-9-]{0,31}$/, message: '小写字母、数字或短横线，不超过32位' },
            ]}
          >
            <Input placeholder="如 tzgg" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="对应第二十条事项"
        name="art20Items"
        extra="本栏目发布的信息属于《条例》第二十条的哪一项（可多选），用于年报统计"
      >
        <Select
          mode="multiple"
          options={ART20_OPTIONS}
          allowClear
          placeholder="请选择"
          optionFilterProp="label"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item
            label="更新类别"
            name="updateClass"
            rules={[{ required: true, message: '请选择更新类别' }]}
          >
            <Select options={UPDATE_CLASS_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            label="需主要领导审批"
            name="secondApproval"
            valuePropName="checked"
            extra="开启后，分管领导审批通过后还须主要领导审批"
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="发布渠道" name="channels" extra="门户网站始终发布；其他渠道按栏目选择">
        <Checkbox.Group options={CHANNEL_OPTIONS} />
      </Form.Item>
      <Form.Item label="栏目说明" name="description" rules={[{ max: 500, message: '不超过500个字符' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

function ColumnDetail({
  column,
  editable,
  onSaved,
  actions,
}: {
  column: ColumnView;
  editable: boolean;
  onSaved: () => void;
  actions: React.ReactNode;
}) {
  const [form] = Form.useForm<ColumnFormValues>();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initial: ColumnFormValues = {
    name: column.name,
    code: column.code,
    art20Items: column.art20Items,
    updateClass: column.updateClass,
    secondApproval: column.secondApproval,
    channels: Array.from(new Set<ChannelName>(['portal', ...column.channels])),
    description: column.description ?? '',
  };
  const save = async (v: ColumnFormValues) => {
    setSaving(true);
    setError(null);
    try {
      await catalogApi.updateColumn(column.id, toInput(v));
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
        <Flex gap={8} align="center" wrap>
          <span>{column.name}</span>
          <Tag>{['', '一级', '二级', '三级'][column.depth] ?? `${column.depth}级`}栏目</Tag>
          {column.art20Items.map((n) => (
            <Tag key={n} color="blue">
              第二十条{article20Short(n)}
            </Tag>
          ))}
          {column.retired ? <Tag>已停用</Tag> : null}
        </Flex>
      }
      extra={actions}
    >
      {!editable && !column.retired ? (
        <Typography.Paragraph type="secondary">您的角色只能查看栏目设置，不能修改。</Typography.Paragraph>
      ) : null}
      <ProblemAlert error={error} />
      <Form
        name="column-edit"
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        disabled={!editable || saving}
      >
        <ColumnFields />
        {editable ? (
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

function CreateColumnModal({
  parent,
  onClose,
  onCreated,
}: {
  parent: ColumnView | null;
  onClose: () => void;
  onCreated: (c: ColumnView) => void;
}) {
  const [form] = Form.useForm<ColumnFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    let v: ColumnFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onCreated(await catalogApi.createColumn({ ...toInput(v), parentId: parent?.id ?? null }));
    } catch (e) {
      const fields = formFieldErrors(e, FORM_FIELDS);
      if (fields.length) form.setFields(fields);
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={parent ? `在“${parent.name}”下新增栏目` : '新增一级栏目'}
      okText="创建"
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form
        name="column-create"
        form={form}
        layout="vertical"
        initialValues={{
          name: '',
          code: '',
          art20Items: parent?.art20Items ?? [],
          updateClass: parent?.updateClass ?? 'periodic',
          secondApproval: parent?.secondApproval ?? false,
          channels: parent?.channels ?? ['portal'],
          description: '',
        }}
      >
        <ColumnFields isNew />
      </Form>
    </Modal>
  );
}
