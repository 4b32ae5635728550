import { useState } from 'react';
import { Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { securityApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import type { LoginRecord } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTimeSeconds } from '../../components/format';

/** Server reason codes for sign-in attempts, in words. */
const REASONS: Record<string, string> = {
  ok: '登录成功',
  success: '登录成功',
  invalid_credentials: '用户名或密码错误',
  wrong_password: '密码错误',
  unknown_user: '用户名不存在',
  account_locked: '账号已锁定',
  locked: '账号已锁定',
  account_disabled: '账号已停用',
  disabled: '账号已停用',
  logout: '退出登录',
  bad_password: '密码错误',
  timeout: '闲置超时，自动退出',
};

/** 登录日志 (安全管理员): every sign-in attempt with its outcome, IP and browser. */
export default function LoginLogPage() {
  const [filters, setFilters] = useState<{
    username?: string;
    success?: boolean;
    page: number;
    pageSize: number;
  }>({ page: 1, pageSize: 20 });
  const [name, setName] = useState('');
  const logins = useQuery((signal) => securityApi.logins(filters, signal), [filters]);

  const columns: TableColumnsType<LoginRecord> = [
    { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => formatDateTimeSeconds(v) },
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: '结果',
      key: 'result',
      width: 90,
      render: (_, r) =>
        r.reason === 'logout' ? (
          <Tag>退出</Tag>
        ) : r.reason === 'timeout' ? (
          <Tag color="orange">超时</Tag>
        ) : r.success ? (
          <Tag color="green">成功</Tag>
        ) : (
          <Tag color="red">失败</Tag>
        ),
    },
    { title: '原因', dataIndex: 'reason', render: (r: string) => REASONS[r] ?? r },
    { title: 'IP地址', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: '浏览器',
      dataIndex: 'userAgent',
      ellipsis: true,
      responsive: ['lg'],
      render: (v: string | null) => (v ? <span title={v}>{v}</span> : '—'),
    },
  ];

  return (
    <>
      <PageHeader
        title="登录日志"
        description="记录每一次登录尝试（含失败），用于发现异常登录。连续5次密码错误的账号将被锁定15分钟，可在“用户管理”中解锁。"
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label="筛选登录日志">
          <Input.Search
            aria-label="按用户名筛选"
            placeholder="用户名"
            allowClear
            enterButton="查询"
            style={{ width: 240 }}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onSearch={(v) => setFilters((f) => ({ ...f, username: v.trim() || undefined, page: 1 }))}
          />
          <Select
            aria-label="按结果筛选"
            placeholder="全部结果"
            allowClear
            style={{ width: 140 }}
            value={filters.success === undefined ? undefined : String(filters.success)}
            onChange={(v?: string) =>
              setFilters((f) => ({ ...f, success: v === undefined ? undefined : v === 'true', page: 1 }))
            }
            options={[
              { value: 'true', label: '成功' },
              { value: 'false', label: '失败' },
            ]}
          />
        </Flex>
        <ProblemAlert error={logins.error} onRetry={logins.reload} />
        <Table<LoginRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={logins.data?.items ?? []}
          loading={logins.loading}
          locale={{ emptyText: <EmptyState description="没有符合条件的登录记录" /> }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: logins.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) =>
              setFilters((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
