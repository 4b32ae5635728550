import { Button, Descriptions, Flex } from 'antd';
import { useAuth } from '../../app/auth';
import { BASE, useRoute } from '../../app/router';
import { formatDateTime } from '../../components/format';
import { visibleMenu } from '../registry';
import { useRoleLabels } from '../users/useRoleLabels';

/** Who is signed in, for which agency, and when they last signed in (spotting misuse of an account). */
export function AccountCard() {
  const { user, agency } = useAuth();
  const roleLabel = useRoleLabels();
  if (!user) return null;
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
      <Descriptions.Item label="所属机关">{agency?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="角色">{user.roles.map(roleLabel).join('、')}</Descriptions.Item>
      <Descriptions.Item label="上次登录">{formatDateTime(user.lastLoginAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** Links to every page the user may open (the menu, as a list). */
export function ShortcutsCard() {
  const { permissions } = useAuth();
  const { navigate } = useRoute();
  const entries = visibleMenu(permissions)
    .flatMap((g) => g.entries)
    .filter((e) => e.path !== '/');
  if (entries.length === 0) return <span>您的角色暂无可用功能，请联系政务公开办。</span>;
  return (
    <Flex wrap gap={12}>
      {entries.map((e) => (
        <Button
          key={e.key}
          href={BASE + e.path}
          icon={e.icon}
          onClick={(ev) => {
            ev.preventDefault();
            navigate(e.path);
          }}
        >
          {e.label}
        </Button>
      ))}
    </Flex>
  );
}
