import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, InputNumber, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, useRoute } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { requestsApi, type CaseFilter, type CaseSummary } from './api';
import { DueCell, StageTag, useMeta } from './common';

const DUE_OPTIONS = [
  { value: 'open', label: '办理中' },
  { value: 'soon', label: '临期（5个工作日内）' },
  { value: 'overdue', label: '已逾期' },
];

/** 我的案件 / 全部申请: filters, pagination, the derived due date of each case. */
export default function CaseListPage() {
  const meta = useMeta();
  const { can } = useAuth();
  const { query, navigate } = useRoute();
  const [filter, setFilter] = useState<CaseFilter>(() => ({
    mine: query.get('mine') !== '0' && !can('requests.admin'),
    due: (query.get('due') as CaseFilter['due']) || undefined,
    stage: (query.get('stage') as CaseFilter['stage']) || undefined,
    page: 1,
    pageSize: 20,
  }));
  const [q, setQ] = useState('');
  const list = useQuery((signal) => requestsApi.list(filter, signal), [filter]);
  const set = (patch: Partial<CaseFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: '受理编号',
      dataIndex: 'caseNumber',
      width: 170,
      render: (n: string, r) => <Link to={`/requests/${r.id}`}>{n}</Link>,
    },
    { title: '申请人', dataIndex: 'applicantName', width: 140 },
    { title: '申请内容', dataIndex: 'descriptionExcerpt', ellipsis: true },
    { title: '收到日期', dataIndex: 'receivedOn', width: 110, render: (d: string | null) => d ?? '待确认' },
    {
      title: '环节',
      dataIndex: 'stage',
      width: 110,
      render: (_: unknown, r) => <StageTag stage={r.stage} label={r.stageLabel} />,
    },
    {
      title: '承办',
      key: 'handler',
      width: 140,
      render: (_, r) => (r.handlerName ? `${r.divisionName ?? ''} ${r.handlerName}` : '未分办'),
    },
    { title: '答复期限', key: 'due', width: 250, render: (_, r) => <DueCell c={r} /> },
  ];

  return (
    <div>
      <PageHeader
        title={filter.mine ? '我的案件' : '依申请公开案件'}
        description="期限在每次读取时按工作日历计算（起算日不计入；补正、征求意见期间不计）。"
        extra={
          can('requests.admin') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')}>
              申请登记
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            aria-label="搜索受理编号或申请内容"
            placeholder="受理编号或申请内容"
            allowClear
            style={{ width: 240 }}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Select
            aria-label="办理环节"
            placeholder="办理环节"
            allowClear
            style={{ width: 150 }}
            value={filter.stage}
            options={(meta?.stages ?? []).map((s) => ({ value: s.code, label: s.labelZh }))}
            onChange={(v) => set({ stage: v })}
          />
          <Select
            aria-label="期限状态"
            placeholder="期限状态"
            allowClear
            style={{ width: 180 }}
            value={filter.due}
            options={DUE_OPTIONS}
            onChange={(v) => set({ due: v })}
          />
          <InputNumber
            aria-label="年度"
            placeholder="年度"
            min={2000}
            max={2100}
            value={filter.year}
            onChange={(v) => set({ year: v ?? undefined })}
          />
          <Checkbox checked={!!filter.mine} onChange={(e) => set({ mine: e.target.checked })}>
            只看我承办的
          </Checkbox>
        </Flex>
      </Card>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: <EmptyState description={filter.mine ? '暂无分办给您的案件' : '没有符合条件的案件'} />,
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 件`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
    </div>
  );
}
