import { Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '../../api/hooks';
import type { Permission } from '../../api/types';
import { useAuth } from '../../app/auth';
import { Link, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { catalogApi, type ItemSummary, type QueueState } from './api';
import { stateLabel } from './labels';

/** The queues each role works, in workflow order; a tab shows when the user holds its permission. */
export const QUEUES: {
  key: string;
  label: string;
  states: QueueState[];
  anyOf: Permission[];
  action: string;
}[] = [
  {
    key: 'review',
    label: '待保密审查',
    states: ['submitted', 'reviewing'],
    anyOf: ['catalog.review'],
    action: '审查',
  },
  {
    key: 'approve',
    label: '待分管领导审批',
    states: ['approving'],
    anyOf: ['catalog.approve'],
    action: '审批',
  },
  {
    key: 'principal',
    label: '待主要领导审批',
    states: ['approving_principal'],
    anyOf: ['catalog.approve.principal'],
    action: '审批',
  },
  { key: 'scheduled', label: '待定时发布', states: ['scheduled'], anyOf: ['catalog.admin'], action: '查看' },
  { key: 'draft', label: '草稿与退回', states: ['draft'], anyOf: ['catalog.draft'], action: '编辑' },
];

/** Age of a waiting item in whole days (0 = today). */
export function ageDays(since: string | null | undefined, now = dayjs()): number | null {
  if (!since) return null;
  const d = dayjs(since);
  return d.isValid() ? Math.max(0, now.startOf('day').diff(d.startOf('day'), 'day')) : null;
}

function AgeTag({ since }: { since: string | null | undefined }) {
  const days = ageDays(since);
  if (days === null) return <>—</>;
  return (
    <Tag color={days >= 5 ? 'red' : days >= 2 ? 'orange' : 'default'}>
      {days === 0 ? '今天' : `${days} 天`}
    </Tag>
  );
}

/** 审核审批: items waiting for the user's step (保密审查, 分管/主要领导审批), oldest first. */
export default function QueuesPage() {
  const { can } = useAuth();
  const { query, navigate } = useRoute();
  const queues = useQuery((signal) => catalogApi.queues(signal), []);
  const allowed = QUEUES.filter((q) => can(...q.anyOf));
  // The principal leader's own step comes first for them (they also hold the 分管 permission).
  const tabs = can('catalog.approve.principal')
    ? [...allowed.filter((t) => t.key === 'principal'), ...allowed.filter((t) => t.key !== 'principal')]
    : allowed;
  const rowsOf = (t: (typeof QUEUES)[number]) =>
    t.states
      .flatMap((s) => queues.data?.[s] ?? [])
      .sort((a, b) =>
        (a.workingRevision?.stateSince ?? '').localeCompare(b.workingRevision?.stateSince ?? ''),
      );
  // Without an explicit tab, open the first queue that has work (a principal leader holds both
  // approval levels; an empty 分管 tab must not hide the 主要领导 one).
  const active =
    tabs.find((t) => t.key === query.get('tab'))?.key ??
    tabs.find((t) => rowsOf(t).length > 0)?.key ??
    tabs[0]?.key;

  const columns = (action: string): TableColumnsType<ItemSummary> => [
    {
      title: '标题',
      key: 'title',
      render: (_, i) => <Link to={`/catalog/items/${i.id}`}>{i.workingRevision?.title ?? i.title}</Link>,
    },
    { title: '栏目', dataIndex: 'columnName', responsive: ['md'] },
    {
      title: '环节',
      key: 'state',
      render: (_, i) =>
        i.workingRevision ? (
          <Flex gap={4} wrap>
            <Tag color={stateLabel(i.workingRevision.state).color}>
              {stateLabel(i.workingRevision.state).label}
            </Tag>
            {i.status === 'published' ? <Tag color="blue">修订第{i.workingRevision.revisionNo}版</Tag> : null}
          </Flex>
        ) : null,
    },
    {
      title: '起草人',
      key: 'drafter',
      render: (_, i) => i.workingRevision?.draftedByName ?? '—',
      responsive: ['lg'],
    },
    {
      title: '到达时间',
      key: 'since',
      render: (_, i) => formatDateTime(i.workingRevision?.stateSince),
      responsive: ['lg'],
    },
    { title: '已等待', key: 'age', render: (_, i) => <AgeTag since={i.workingRevision?.stateSince} /> },
    {
      title: '操作',
      key: 'go',
      render: (_, i) => (
        <Button
          size="small"
          type="link"
          onClick={() =>
            navigate(action === '编辑' ? `/catalog/items/${i.id}/edit` : `/catalog/items/${i.id}`)
          }
        >
          {action}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="审核审批" description="等待您处理的公开信息，按到达时间先后排列。" />
      <ProblemAlert error={queues.error} onRetry={queues.reload} />
      {tabs.length === 0 ? (
        <Card>
          <EmptyState description="您的角色没有需要处理的审核审批环节" />
        </Card>
      ) : (
        <Card>
          <Tabs
            activeKey={active}
            onChange={(k) => navigate(`/catalog/queues?tab=${k}`, { replace: true })}
            items={tabs.map((t) => {
              const rows = rowsOf(t);
              return {
                key: t.key,
                label: (
                  <span>
                    {t.label}
                    {queues.data ? (
                      <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                        ({rows.length})
                      </Typography.Text>
                    ) : null}
                  </span>
                ),
                children: (
                  <Table
                    rowKey="id"
                    loading={queues.loading}
                    dataSource={rows}
                    columns={columns(t.action)}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
                    locale={{ emptyText: <EmptyState description={`暂无${t.label}的信息`} /> }}
                  />
                ),
              };
            })}
          />
        </Card>
      )}
    </>
  );
}
