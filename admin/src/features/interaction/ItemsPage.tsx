import { useState } from 'react';
import { Input, Select, Space, Table } from 'antd';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { interactionApi, type ItemSummary } from './api';
import { DueCell, StatusTag } from './common';

/** Every item of the agency, filterable by kind, status and number/subject. */
export default function ItemsPage() {
  const [kind, setKind] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const meta = useQuery((signal) => interactionApi.meta(signal), []);
  const list = useQuery(
    (signal) => interactionApi.list({ kind, status, q: q || undefined, page, pageSize: 20 }, signal),
    [kind, status, q, page],
  );
  return (
    <div>
      <PageHeader
        title="互动交流"
        description="局长信箱、咨询、投诉举报、12345工单和网站找错，按收到日期倒序。"
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 160 }}
          value={kind}
          onChange={(v) => (setKind(v), setPage(1))}
          options={meta.data?.kinds}
          aria-label="类别"
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 160 }}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={meta.data?.statuses}
          aria-label="状态"
        />
        <Input.Search
          placeholder="编号、工单编号或标题"
          allowClear
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 260 }}
          aria-label="搜索"
        />
      </Space>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table<ItemSummary>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: '编号',
            dataIndex: 'number',
            render: (v: string, r) => <Link to={`/interaction/items/${r.id}`}>{v}</Link>,
          },
          { title: '类别', dataIndex: 'kindLabel' },
          { title: '标题', dataIndex: 'subject', ellipsis: true },
          { title: '来信人', render: (_, r) => (r.anonymous ? '匿名' : (r.nameMasked ?? '')) },
          { title: '收到', dataIndex: 'receivedOn' },
          { title: '状态', render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
          { title: '期限', render: (_, r) => <DueCell s={r} /> },
        ]}
      />
    </div>
  );
}
