import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';

const TITLES: Record<string, string> = {
  account_locked: '账号已锁定',
  account_disabled: '账号已停用',
  invalid_credentials: '登录失败',
  login_backoff: '请稍后再试',
};

/** Username/password sign-in; shows the server's message (remaining attempts, lock time) verbatim. */
export function LoginPage() {
  const auth = useAuth();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      await auth.login(v.username.trim(), v.password);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e
          : new ApiError({ status: 0, code: 'client_error', detail: '登录失败，请稍后再试' }),
      );
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="gk-login">
      <Card className="gk-login-card" variant="borderless">
        <div className="gk-login-brand" aria-hidden>
          公开
        </div>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginBottom: 4 }}>
          政府信息公开管理控制台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
          请使用本机关分配的账号登录
        </Typography.Paragraph>
        {auth.notice && !error ? (
          <Alert type="warning" showIcon title={auth.notice} style={{ marginBottom: 16 }} role="status" />
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={TITLES[error.code] ?? '登录失败'}
            description={error.detail}
          />
        ) : null}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12, marginBottom: 0 }}>
          连续5次输入错误密码，账号将锁定15分钟；闲置30分钟将自动退出。忘记密码请联系本机关政务公开办重置。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
