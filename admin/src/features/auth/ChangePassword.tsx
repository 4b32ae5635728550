import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { ApiError, formFieldErrors } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { useAuth } from '../../app/auth';

export const PASSWORD_HINT = '≥8位，至少包含大写字母、小写字母、数字、符号中的三类';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Local mirror of the server's 等保 policy, so the clerk sees the problem before submitting. */
export function passwordPolicyProblem(pw: string): string | null {
  if (pw.length < 8) return '密码至少8位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}

/** The form shared by the forced screen and the voluntary dialog. */
function ChangePasswordForm({
  onDone,
  onCancel,
  submitLabel = '修改密码',
}: {
  onDone: () => void;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const auth = useAuth();

  const submit = async (v: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await authApi.changePassword(v.oldPassword, v.newPassword);
      form.resetFields();
      onDone();
      // In forced mode this re-renders the shell into the console (mustChangePassword is now false).
      await auth.refresh();
    } catch (e) {
      const fields = formFieldErrors(e, ['oldPassword', 'newPassword']);
      if (fields.length) form.setFields(fields);
      else setError(e instanceof ApiError ? e : null);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} disabled={submitting}>
      {error ? (
        <Alert type="error" showIcon role="alert" title={error.detail} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra={`密码要求：${PASSWORD_HINT}`}
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: (_, value: string | undefined) => {
              const p = value ? passwordPolicyProblem(value) : null;
              return p ? Promise.reject(new Error(p)) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
        {onCancel ? <Button onClick={onCancel}>取消</Button> : null}
        <Button type="primary" htmlType="submit" loading={submitting}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** Full-screen, forced: first sign-in or after a reset (the server refuses everything else until done). */
export function ChangePasswordScreen() {
  const auth = useAuth();
  const { message } = AntApp.useApp();
  return (
    <main className="gk-login">
      <Card className="gk-login-card" variant="borderless">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          请先修改密码
        </Typography.Title>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${auth.user?.displayName ?? ''}，您好：首次登录或密码已被重置，须设置新密码后才能继续使用。`}
          description={`密码要求：${PASSWORD_HINT}。`}
        />
        <ChangePasswordForm submitLabel="确认修改" onDone={() => message.success('密码已修改')} />
        <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => void auth.logout()}>
          退出登录
        </Button>
      </Card>
    </main>
  );
}

/** Voluntary change from the user menu. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = AntApp.useApp();
  return (
    <Modal title="修改密码" open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <ChangePasswordForm
        onCancel={onClose}
        onDone={() => {
          message.success('密码已修改');
          onClose();
        }}
      />
    </Modal>
  );
}
