import { useMemo, useState } from 'react';
import { Button, Card, Flex, Input, Select, Switch, Table, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, matchPath, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFoundPage } from '../../components/StatusPages';
import { formatDateTime } from '../../components/format';
import { catalogApi, type ColumnView, type ItemSummary } from './api';
import { buildColumnTree, type ColumnNode } from './columnTree';
import ItemDetailPage from './ItemDetail';
import ItemEditorPage from './ItemEditor';
import { STATE_LABELS, STATUS_LABELS, stateLabel, statusLabel, VALIDITY_LABELS } from './labels';

/** Routes under /catalog/items: the list, a new draft, one item, its editor. */
export default function CatalogItemsRoutes() {
  const { path } = useRoute();
  if (path === '/catalog/items' || path === '/catalog/items/') return <ItemsPage />;
  if (path === '/catalog/items/new') return <ItemEditorPage itemId={null} />;
  const edit = matchPath('/catalog/items/:id/edit', path);
  if (edit) return <ItemEditorPage key={edit.id} itemId={edit.id!} />;
  const detail = matchPath('/catalog/items/:id', path);
  if (detail) return <ItemDetailPage key={detail.id} itemId={detail.id!} />;
  return <NotFoundPage />;
}

type TreeOption = { title: string; value: string; children: TreeOption[] };
function treeOptions(nodes: ColumnNode<ColumnView>[]): TreeOption[] {
  return nodes.map((n) => ({
    title: n.column.retired ? `${n.column.name}（已停用）` : n.column.name,
    value: n.column.id,
    children: treeOptions(n.children),
  }));
}

interface Filters {
  columnId?: string;
  status?: string;
  state?: string;
  year?: number;
  q: string;
  mine: boolean;
  page: number;
  pageSize: number;
}

/** Years the filter offers: this year back to 2008, when the 条例 took effect. */
function yearOptions(now = new Date()): { value: number; label: string }[] {
  const out: { value: number; label: string }[] = [];
  for (let y = now.getFullYear(); y >= 2008; y--) out.push({ value: y, label: `${y}年` });
  return out;
}

function yearParam(v: string | null): number | undefined {
  const n = v && /^\d{4}$/.test(v) ? Number(v) : NaN;
  return n >= 2000 && n <= 2100 ? n : undefined;
}

/** 信息发布: every item of the agency with filters and paging. */
export function ItemsPage() {
  const { can } = useAuth();
  const { navigate, query } = useRoute();
  const [filters, setFilters] = useState<Filters>(() => ({
    columnId: query.get('column') ?? undefined,
    state: query.get('state') ?? undefined,
    status: query.get('status') ?? undefined,
    year: yearParam(query.get('year')),
    q: '',
    mine: false,
    page: 1,
    pageSize: 20,
  }));
  const [text, setText] = useState('');
  const columns = useQuery((signal) => catalogApi.columns(signal), []);
  const items = useQuery(
    (signal) =>
      catalogApi.items(
        {
          columnId: filters.columnId,
          status: filters.status,
          state: filters.state,
          year: filters.year,
          q: filters.q || undefined,
          mine: filters.mine || undefined,
          page: filters.page,
          pageSize: filters.pageSize,
        },
        signal,
      ),
    [filters],
  );
  const tree = useMemo(() => treeOptions(buildColumnTree(columns.data ?? [])), [columns.data]);
  const years = useMemo(() => yearOptions(), []);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const cols: TableColumnsType<ItemSummary> = [
    {
      title: '标题',
      key: 'title',
      width: '30%',
      render: (_, i) => (
        <div>
          <Link to={`/catalog/items/${i.id}`}>{i.workingRevision?.title ?? i.title}</Link>
          {i.docNumber ? <div style={{ fontSize: 12, color: '#888' }}>{i.docNumber}</div> : null}
        </div>
      ),
    },
    {
      title: '栏目',
      dataIndex: 'columnName',
      responsive: ['md'],
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '状态',
      key: 'state',
      render: (_, i) => {
        const s = statusLabel(i.status);
        return (
          <Flex gap={4} wrap>
            <Tag color={s.color}>{s.label}</Tag>
            {i.workingRevision ? (
              <Tag color={stateLabel(i.workingRevision.state).color}>
                {i.status === 'published' ? '修订：' : ''}
                {stateLabel(i.workingRevision.state).label}
              </Tag>
            ) : null}
            {i.validity !== 'valid' ? <Tag>{VALIDITY_LABELS[i.validity]}</Tag> : null}
          </Flex>
        );
      },
    },
    {
      title: '索引号',
      dataIndex: 'indexNumber',
      responsive: ['xl'],
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{v ?? '—'}</span>,
    },
    {
      title: <span style={{ whiteSpace: 'nowrap' }}>成文日期</span>,
      dataIndex: 'generatedOn',
      responsive: ['lg'],
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
    },
    {
      title: '发布日期',
      dataIndex: 'publishedOn',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
    },
    {
      title: <span style={{ whiteSpace: 'nowrap' }}>起草人</span>,
      key: 'drafter',
      responsive: ['lg'],
      render: (_, i) => (
        <span style={{ whiteSpace: 'nowrap' }}>{i.workingRevision?.draftedByName ?? '—'}</span>
      ),
    },
    {
      title: '更新时间',
      key: 'since',
      responsive: ['xl'],
      render: (_, i) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(i.workingRevision?.stateSince ?? i.publishedAt)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="信息发布"
        description="起草、审查、审批和发布主动公开的政府信息。"
        extra={
          can('catalog.draft') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/items/new')}>
              起草信息
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center">
          <TreeSelect
            aria-label="栏目"
            style={{ width: 220 }}
            allowClear
            placeholder="全部栏目"
            treeData={tree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            value={filters.columnId}
            onChange={(v: string | undefined) => set({ columnId: v })}
          />
          <Select
            aria-label="发布状态"
            style={{ width: 130 }}
            allowClear
            placeholder="发布状态"
            value={filters.status}
            onChange={(v: string | undefined) => set({ status: v })}
            options={Object.entries(STATUS_LABELS).map(([value, s]) => ({ value, label: s.label }))}
          />
          <Select
            aria-label="流程环节"
            style={{ width: 160 }}
            allowClear
            placeholder="流程环节"
            value={filters.state}
            onChange={(v: string | undefined) => set({ state: v })}
            options={Object.entries(STATE_LABELS)
              .filter(([k]) => !['published', 'superseded', 'discarded'].includes(k))
              .map(([value, s]) => ({ value, label: s.label }))}
          />
          <span title="已发布的信息按发布日期，未发布的按起草日期">
            <Select
              aria-label="年份"
              style={{ width: 110 }}
              allowClear
              placeholder="年份"
              value={filters.year}
              onChange={(v: number | undefined) => set({ year: v })}
              options={years}
            />
          </span>
          <Input.Search
            aria-label="标题关键词"
            style={{ width: 220 }}
            placeholder="标题关键词"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
          />
          {can('catalog.draft') ? (
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={filters.mine}
                onChange={(mine) => set({ mine })}
                aria-label="只看我起草的"
              />
              <span aria-hidden>只看我起草的</span>
            </Flex>
          ) : null}
        </Flex>
      </Card>
      <ProblemAlert error={items.error} onRetry={items.reload} />
      <Card>
        <Table
          rowKey="id"
          columns={cols}
          dataSource={items.data?.items ?? []}
          loading={items.loading}
          locale={{
            emptyText: (
              <EmptyState
                description={
                  filters.columnId || filters.state || filters.status || filters.year || filters.q
                    ? '没有符合条件的信息'
                    : '还没有公开信息'
                }
              />
            ),
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: items.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
