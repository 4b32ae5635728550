import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { messageOf } from '../../api/client';
import { CHANNEL_LABELS, notifyApi, type Template } from './api';

/** 消息模板: the office rewords messages; only the listed placeholders may be used. */
export default function TemplatesPage() {
  const { message } = App.useApp();
  const q = useQuery(() => notifyApi.templates(), []);
  const [editing, setEditing] = useState<Template | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ subject: string | null; body: string }>();
  return (
    <Card title="消息模板">
      {q.error && <Alert type="error" message={q.error.message} />}
      <Table<Template>
        rowKey={(t) => `${t.key}:${t.channel}`}
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '模板', dataIndex: 'name' },
          { title: '渠道', dataIndex: 'channel', render: (c: string) => CHANNEL_LABELS[c] },
          {
            title: '内容',
            dataIndex: 'body',
            render: (b: string) => (
              <Typography.Text ellipsis style={{ maxWidth: 420 }}>
                {b}
              </Typography.Text>
            ),
          },
          {
            title: '状态',
            dataIndex: 'customised',
            render: (c: boolean) => (c ? <Tag color="blue">已修改</Tag> : <Tag>默认</Tag>),
          },
          {
            title: '操作',
            render: (_: unknown, t) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    setError(null);
                    setEditing(t);
                    form.setFieldsValue({ subject: t.subject, body: t.body });
                  }}
                >
                  修改
                </Button>
                {t.customised && (
                  <Button
                    size="small"
                    onClick={() => void notifyApi.resetTemplate(t.key, t.channel).then(q.reload)}
                  >
                    恢复默认
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `修改模板：${editing.name}` : ''}
        okText="保存"
        onCancel={() => setEditing(null)}

        onOk={async () => {
          if (!editing) return;
          const v = form.getFieldsValue();
          try {
            await notifyApi.saveTemplate(editing.key, editing.channel, {
              subject: v.subject ?? null,
              body: v.body,
            });
            message.success('模板已保存');
            setEditing(null);
            q.reload();
          } catch (e) {
            setError(messageOf(e));
          }
        }}
      >
        {editing && (
          <Form form={form} layout="vertical">
            <Typography.Paragraph>
              可用占位符：
              {editing.placeholders.map((p) => (
                <Tag key={p.name} title={p.description}>{`{{${p.name}}}`}</Tag>
              ))}
            </Typography.Paragraph>
            {error && <Alert type="error" role="alert" message={error} style={{ marginBottom: 12 }} />}
            {editing.channel === 'email' && (
              <Form.Item label="邮件主题" name="subject">
                <Input maxLength={300} />
              </Form.Item>
            )}
            <Form.Item label="正文" name="body">
              <Input.TextArea rows={8} maxLength={4000} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
