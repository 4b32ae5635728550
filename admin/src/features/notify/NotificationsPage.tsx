import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  List,
  Space,
  Switch,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '../../api/hooks';
import { formFieldErrors, messageOf } from '../../api/client';
import { Link } from '../../app/router';
import { notifyApi, type Prefs } from './api';

const time = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function Inbox() {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const q = useQuery(() => notifyApi.inbox(page, unreadOnly), [page, unreadOnly]);
  const mark = async (ids: string[] | 'all') => {
    await notifyApi.markRead(ids);
    q.reload();
  };
  return (
    <Card
      title={`我的通知${q.data ? `（${q.data.unread}条未读）` : ''}`}
      extra={
        <Space>
          <Checkbox checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)}>
            只看未读
          </Checkbox>
          <Button onClick={() => void mark('all')}>全部标为已读</Button>
        </Space>
      }
    >
      {q.error && <Alert type="error" message={q.error.message} />}
      <List
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '没有通知' }}
        pagination={{ current: page, total: q.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        renderItem={(n) => (
          <List.Item
            actions={
              n.read
                ? []
                : [
                    <Button key="r" size="small" onClick={() => void mark([n.id])}>
                      标为已读
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {!n.read && <Tag color="red">未读</Tag>}
                  {n.link?.startsWith('/admin') ? (
                    <Link to={n.link.slice('/admin'.length)} onClick={() => void notifyApi.markRead([n.id])}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </Space>
              }
              description={
                <>
                  <Typography.Text>{n.body}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{time(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function PrefsForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Prefs>();
  const q = useQuery(() => notifyApi.prefs(), []);
  const [saving, setSaving] = useState(false);
  if (q.loading && !q.data) return null;
  return (
    <Card title="提醒方式">
      <Form
        form={form}
        layout="vertical"
        initialValues={q.data}
        style={{ maxWidth: 480 }}

        onFinish={async (v) => {
          setSaving(true);
          try {
            await notifyApi.savePrefs({
              ...v,
              mutedKinds: q.data?.mutedKinds ?? [],
              quietStart: v.quietStart || null,
              quietEnd: v.quietEnd || null,
            });
            message.success('已保存');
          } catch (e) {
            const fields = formFieldErrors(e);
            if (fields.length) form.setFields(fields as never);
            else message.error(messageOf(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          控制台通知始终显示；可另选邮件、短信提醒，并设免打扰时段（预警信息不受免打扰限制）。
        </Typography.Paragraph>
        <Form.Item label="电子邮箱" name="email">
          <Input maxLength={254} autoComplete="email" />
        </Form.Item>
        <Form.Item label="手机号码" name="mobile">
          <Input maxLength={20} autoComplete="tel" />
        </Form.Item>
        <Form.Item label="邮件提醒" name="emailEnabled" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label="短信提醒" name="smsEnabled" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space>
          <Form.Item label="免打扰开始（如 22:00）" name="quietStart">
            <Input maxLength={5} placeholder="22:00" />
          </Form.Item>
          <Form.Item label="免打扰结束（如 07:30）" name="quietEnd">
            <Input maxLength={5} placeholder="07:30" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

/** 通知中心: the user's notices and how they want to be reminded. */
export default function NotificationsPage() {
  return (
    <Tabs
      items={[
        { key: 'inbox', label: '我的通知', children: <Inbox /> },
        { key: 'prefs', label: '通知设置', children: <PrefsForm /> },
      ]}
    />
  );
}
