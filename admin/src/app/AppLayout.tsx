import { Suspense, useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Button,
  Dropdown,
  Flex,
  Layout,
  Menu,
  Spin,
  Tag,
  Typography,
  type MenuProps,
} from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, allows } from './auth';
import { useRoute } from './router';
import { entryForPath, visibleMenu } from '../features/registry';
import { ForbiddenPage, NotFoundPage } from '../components/StatusPages';
import { ChangePasswordModal } from '../features/auth/ChangePassword';
import { useRoleLabels } from '../features/users/useRoleLabels';
import { NotifyBell } from '../features/notify/NotifyBell';
import { HelpLink } from '../features/help/HelpLink';

export const PRODUCT_NAME = '公开 · 政务公开管理';

/** Side menu built from the registry, filtered by the user's permissions. */
export function SideMenu() {
  const { permissions } = useAuth();
  const { path, navigate } = useRoute();
  const groups = useMemo(() => visibleMenu(permissions), [permissions]);
  const selected = entryForPath(path)?.key;
  // The 工作台 group holds just the home entry: a heading above it would only repeat its name.
  const items: MenuProps['items'] = groups.flatMap<NonNullable<MenuProps['items']>[number]>((g) => {
    const children = g.entries.map((e) => ({ key: e.key, icon: e.icon, label: e.label }));
    return g.key === 'home'
      ? children
      : [{ type: 'group' as const, key: `group-${g.key}`, label: g.label, children }];
  });
  const paths = new Map(groups.flatMap((g) => g.entries.map((e) => [e.key, e.path] as const)));
  return (
    <nav aria-label="主菜单">
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected] : []}
        onClick={({ key }) => navigate(paths.get(key) ?? '/')}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );
}

/** Header, role-aware side menu and the routed page. */
export function AppLayout() {
  const auth = useAuth();
  const { path } = useRoute();
  const { message } = AntApp.useApp();
  const [pwOpen, setPwOpen] = useState(false);
  const roleLabel = useRoleLabels();
  const entry = entryForPath(path);
  const permitted = entry ? allows(auth.permissions, entry.anyOf) : false;

  useEffect(() => {
    document.title = entry && permitted ? `${entry.label} · 公开` : '公开 · 政府信息公开管理控制台';
  }, [entry, permitted]);

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPwOpen(true);
      if (key === 'logout') {
        void auth.logout().then(
          () => message.success('您已安全退出'),
          () => undefined,
        );
      }
    },
  };

  const user = auth.user!;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="gk-skip-link" href="#gk-main">
        跳到主要内容
      </a>
      <Layout.Header className="gk-header">
        <Flex align="center" gap={16} style={{ minWidth: 0 }}>
          <span className="gk-product">{PRODUCT_NAME}</span>
          {auth.agency ? (
            <span className="gk-agency" title={auth.agency.name}>
              {auth.agency.name}
            </span>
          ) : null}
        </Flex>
        <Flex align="center" gap={4}>
          <HelpLink entryKey={entry?.key} />
          <NotifyBell />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button
              type="text"
              className="gk-user-button"
              aria-label={`当前用户：${user.displayName}，打开用户菜单`}
            >
              <UserOutlined aria-hidden />
              <span>{user.displayName}</span>
              <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
                {user.roles.map(roleLabel).join('、')}
              </Tag>
              <DownOutlined aria-hidden style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} className="gk-sider">
          <SideMenu />
        </Layout.Sider>
        <Layout.Content id="gk-main" tabIndex={-1} className="gk-content">
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin description="正在加载…" />
              </Flex>
            }
          >
            {!entry ? <NotFoundPage /> : !permitted ? <ForbiddenPage /> : entry.element}
          </Suspense>
          <Typography.Paragraph type="secondary" className="gk-footer">
            公开 · 政府信息公开平台 —— 依据《中华人民共和国政府信息公开条例》（2019年修订）
          </Typography.Paragraph>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
