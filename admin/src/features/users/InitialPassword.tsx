import { useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';

/** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (plain-HTTP intranets). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back below */
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand?.('copy') ?? false;
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/**
 * The generated initial password. The server keeps only its hash, so this is the one time anybody
 * sees it; the user must change it at first sign-in.
 */
export function InitialPasswordNotice({
  username,
  displayName,
  password,
}: {
  username: string;
  displayName: string;
  password: string;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        title="初始密码仅显示这一次"
        description="关闭后将无法再次查看，请立即复制并通过安全渠道告知本人。该用户首次登录时须修改密码。"
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>
        用户 <Typography.Text strong>{displayName}</Typography.Text>（用户名：
        <Typography.Text code>{username}</Typography.Text>）的初始密码：
      </Typography.Paragraph>
      <Flex align="center" gap={12} wrap>
        <Typography.Text className="gk-password" data-testid="initial-password" aria-label="初始密码">
          {password}
        </Typography.Text>
        <Button
          icon={copied ? <CheckOutlined /> : <CopyOutlined />}
          onClick={() => void copyText(password).then(setCopied)}
        >
          {copied ? '已复制' : '复制密码'}
        </Button>
      </Flex>
      {copied === false ? (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }} role="status">
          浏览器不允许自动复制，请手动选中密码后复制。
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
