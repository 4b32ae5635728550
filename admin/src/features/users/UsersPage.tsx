import { useMemo, useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { orgsApi, usersApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import { SYSTEM_ROLES, type UserView } from '../../api/types';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, isLocked } from '../../components/format';
import { InitialPasswordNotice } from './InitialPassword';
import { CreateUserModal, EditUserModal } from './UserFormModals';
import { useRoleLabels, useRoleOptions } from './useRoleLabels';

interface Filters {
  q: string;
  role?: string;
  orgId?: string;
  page: number;
  pageSize: number;
}

function StatusTags({ u }: { u: UserView }) {
  const tags = [];
  if (u.disabled)
    tags.push(
      <Tag key="d" color="default">
        已停用
      </Tag>,
    );
  if (isLocked(u.lockedUntil))
    tags.push(
      <Tag key="l" color="red">
        已锁定
      </Tag>,
    );
  if (u.passwordPending)
    tags.push(
      <Tag key="n" color="gold">
        待发放初始密码
      </Tag>,
    );
  else if (u.mustChangePassword)
    tags.push(
      <Tag key="p" color="orange">
        待修改密码
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return <>{tags}</>;
}

/** 用户管理: agency users for 政务公开办, all users for 系统管理员, read + unlock for 安全管理员. */
export default function UsersPage() {
  const { user: me, can } = useAuth();
  const { message, modal } = AntApp.useApp();
  const roleLabel = useRoleLabels();
  const roleOptions = useRoleOptions();
  const canWrite = can('user.manage.agency', 'user.manage.system');
  const canSystem = can('user.manage.system');
  const canUnlock = can('security.read');
  // 三员分立: only the agency's 政务公开办 issues or resets passwords of its business accounts; system
  // accounts are disabled/enabled and given passwords only by the operator at the server.
  const isSystemAccount = (u: UserView) => u.roles.some((r) => SYSTEM_ROLES.includes(r));
  const canIssue = (u: UserView) =>
    can('user.manage.agency') && u.orgId === me?.orgId && u.id !== me?.id && !isSystemAccount(u);
  const [filters, setFilters] = useState<Filters>({ q: '', page: 1, pageSize: 20 });
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const users = useQuery(
    (signal) =>
      usersApi.list(
        {
          page: filters.page,
          pageSize: filters.pageSize,
          q: filters.q || undefined,
          role: filters.role,
          orgId: filters.orgId,
        },
        signal,
      ),
    [filters],
  );
  const orgs = useQuery((signal) => orgsApi.list(signal), []);
  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const agencies = (orgs.data ?? []).filter((o) => o.kind !== 'division');

  const act = async (u: UserView, label: string, fn: () => Promise<unknown>) => {
    setBusy(u.id);
    try {
      await fn();
      message.success(`${label}成功`);
      users.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const resetPassword = (u: UserView) => {
    modal.confirm({
      title: `重置“${u.displayName}”的密码？`,
      content: '系统将生成新的初始密码，原密码立即失效；该用户下次登录须修改密码。',
      okText: '重置',
      cancelText: '取消',
      onOk: async () => {
        try {
          const { initialPassword } = await usersApi.resetPassword(u.id);
          users.reload();
          modal.info({
            title: '密码已重置',
            width: 520,
            okText: '我已记录，关闭',
            keyboard: false,
            content: (
              <InitialPasswordNotice
                username={u.username}
                displayName={u.displayName}
                password={initialPassword}
              />
            ),
          });
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });
  };

  const columns: TableColumnsType<UserView> = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName' },
    {
      title: '所属机关 / 科室',
      key: 'org',
      render: (_, u) => (
        <span>
          {orgName.get(u.orgId) ?? '—'}
          {u.divisionId ? (
            <Typography.Text type="secondary"> / {orgName.get(u.divisionId) ?? '—'}</Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: string[]) => (
        <Flex wrap gap={4}>
          {roles.map((r) => (
            <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
              {roleLabel(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: '状态', key: 'status', render: (_, u) => <StatusTags u={u} /> },
    {
      title: '上次登录',
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => formatDateTime(v),
      responsive: ['lg'],
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: canWrite ? 230 : 90,
      render: (_, u) => {
        const self = u.id === me?.id;
        if (!canWrite && !(canUnlock && isLocked(u.lockedUntil)))
          return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={0}>
            {canWrite ? (
              <Button type="link" size="small" onClick={() => setEditing(u)}>
                编辑
              </Button>
            ) : null}
            {canWrite && !isSystemAccount(u) ? (
              u.disabled ? (
                <Button
                  type="link"
                  size="small"
                  loading={busy === u.id}
                  onClick={() => void act(u, '启用', () => usersApi.enable(u.id))}
                >
                  启用
                </Button>
              ) : (
                <Popconfirm
                  title={`停用“${u.displayName}”？`}
                  description="停用后该账号不能登录，已有会话立即失效。"
                  okText="停用"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => act(u, '停用', () => usersApi.disable(u.id))}
                  disabled={self}
                >
                  <Tooltip title={self ? '不能停用自己的账号' : undefined}>
                    <Button type="link" size="small" danger disabled={self}>
                      停用
                    </Button>
                  </Tooltip>
                </Popconfirm>
              )
            ) : null}
            {canIssue(u) ? (
              <Button type="link" size="small" onClick={() => resetPassword(u)}>
                {u.passwordPending ? '发放初始密码' : '重置密码'}
              </Button>
            ) : null}
            {canUnlock && isLocked(u.lockedUntil) ? (
              <Popconfirm
                title={`解除“${u.displayName}”的登录锁定？`}
                okText="解锁"
                cancelText="取消"
                onConfirm={() => act(u, '解锁', () => usersApi.unlock(u.id))}
              >
                <Button type="link" size="small">
                  解锁
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const filtered = !!(filters.q || filters.role || filters.orgId);

  return (
    <>
      <PageHeader
        title="用户管理"
        description={
          canSystem
            ? '管理全部机关的用户与系统角色。'
            : canWrite
              ? '管理本机关的业务用户：新建账号、分配角色、停用和重置密码。'
              : '查看用户账号状态，解除登录锁定。'
        }
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建用户
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label="筛选用户">
          <Input.Search
            aria-label="按姓名或用户名搜索"
            placeholder="姓名或用户名"
            allowClear
            style={{ width: 240 }}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim(), page: 1 }))}
            enterButton="查询"
          />
          <Select
            aria-label="按角色筛选"
            placeholder="全部角色"
            allowClear
            style={{ width: 160 }}
            value={filters.role}
            onChange={(role?: string) => setFilters((f) => ({ ...f, role, page: 1 }))}
            options={roleOptions.map((r) => ({ value: r.role, label: r.label }))}
          />
          {canSystem || canUnlock ? (
            <Select
              aria-label="按机关筛选"
              placeholder="全部机关"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 240 }}
              value={filters.orgId}
              onChange={(orgId?: string) => setFilters((f) => ({ ...f, orgId, page: 1 }))}
              options={agencies.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={users.reload}>
            刷新
          </Button>
        </Flex>
        <ProblemAlert error={users.error} onRetry={users.reload} />
        <Table<UserView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.loading}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyState description={filtered ? '没有符合条件的用户' : '暂无用户'} /> }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 个用户`,
            onChange: (page, pageSize) =>
              setFilters((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>
      <CreateUserModal
        open={creating}
        orgs={orgs.data ?? []}
        defaultOrgId={canSystem ? undefined : me?.orgId}
        canAssignSystem={canSystem}
        onClose={() => setCreating(false)}
        onCreated={() => users.reload()}
      />
      {editing ? (
        <EditUserModal
          user={editing}
          orgs={orgs.data ?? []}
          canAssignSystem={canSystem}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success('已保存');
            users.reload();
          }}
        />
      ) : null}
    </>
  );
}
