import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { enforcementApi, KIND_LABELS, type ItemView } from './api';
import { chinaToday } from '../../components/format';

type ItemValues = Omit<ItemView, 'id' | 'orgId'>;

/** 权责清单事项 per year: the 2019 report counts them (上一年项目数量 / 本年增减). */
export default function ItemsPage() {
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const [year, setYear] = useState(chinaToday().year());
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const [form] = Form.useForm<ItemValues>();
  const items = useQuery((signal) => enforcementApi.items(year, signal), [year]);
  const previous = useQuery((signal) => enforcementApi.items(year - 1, signal), [year]);
  const manage = can('enforcement.manage');

  const count = (list: ItemView[] | undefined, kind: ItemView['kind']) =>
    (list ?? []).filter((i) => i.kind === kind).length;
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await enforcementApi.createItem(v);
      else if (editing) await enforcementApi.updateItem(editing.id, v);
      message.success('已保存');
      setEditing(null);
      items.reload();
    } catch (e) {
      form.setFields(formFieldErrors<keyof ItemValues>(e, ['year', 'kind', 'code', 'name', 'basis']));
      message.error(messageOf(e));
    }
  };

  return (
    <>
      <PageHeader
        title="权责清单事项"
        description="按年度维护行政许可、行政处罚、行政强制事项；年度报告表二引用各类事项数及与上一年相比的增减。"
        extra={
          manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ year, kind: 'license' });
                setEditing('new');
              }}
            >
              新增事项
            </Button>
          ) : undefined
        }
      />
      <Flex gap={16} align="center" wrap style={{ marginBottom: 16 }}>
        <InputNumber
          aria-label="年度"
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          addonAfter="年"
        />
        {(['license', 'penalty', 'coercion'] as const).map((k) => {
          const now = count(items.data?.items, k);
          const diff = now - count(previous.data?.items, k);
          return (
            <span key={k}>
              {KIND_LABELS[k]}：{now} 项（较上年 {diff >= 0 ? `+${diff}` : diff}）
            </span>
          );
        })}
      </Flex>
      <ProblemAlert error={items.error} onRetry={items.reload} />
      <Table<ItemView>
        rowKey="id"
        size="middle"
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 100, render: (k: ItemView['kind']) => KIND_LABELS[k] },
          { title: '编码', dataIndex: 'code', width: 100 },
          { title: '事项名称', dataIndex: 'name' },
          { title: '设定依据', dataIndex: 'basis' },
          ...(manage
            ? [
                {
                  title: '操作',
                  width: 130,
                  render: (_: unknown, i: ItemView) => (
                    <Flex gap={8}>
                      <Button
                        size="small"
                        onClick={() => {
                          form.setFieldsValue(i);
                          setEditing(i);
                        }}
                      >
                        修改
                      </Button>
                      <Popconfirm
                        title="删除该事项？已关联的决定将取消关联。"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={async () => {
                          await enforcementApi
                            .deleteItem(i.id)
                            .catch((e: unknown) => message.error(messageOf(e)));
                          items.reload();
                        }}
                      >
                        <Button size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增事项' : '修改事项'}
        okText="保存"
        cancelText="取消"
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
            <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="code" label="事项编码">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="basis" label="设定依据">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
