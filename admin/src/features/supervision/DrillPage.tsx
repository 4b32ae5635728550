import { useState } from 'react';
import { Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useAuth } from '../../app/auth';
import { useQuery } from '../../api/hooks';
import { Link, useRoute } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  BOARDS,
  supervisionApi,
  type BoardKey,
  type ColumnRow,
  type DecisionRow,
  type InteractionRow,
  type LateItemRow,
  type RequestRow,
  type TaskSource,
} from './api';
import { IssueDialog } from './IssueDialog';

type AnyRow = RequestRow | LateItemRow | ColumnRow | DecisionRow | InteractionRow;

const WHICH: Partial<Record<BoardKey, { value: string; label: string }[]>> = {
  requests: [
    { value: 'overdue', label: '已逾期' },
    { value: 'due_soon', label: '即将到期' },
    { value: 'open', label: '全部办理中' },
  ],
  interaction: [
    { value: 'overdue', label: '已逾期' },
    { value: 'due_soon', label: '即将到期' },
    { value: 'open', label: '全部办理中' },
  ],
  columns: [
    { value: 'stale', label: '超期未更新' },
    { value: 'blank', label: '空白栏目' },
  ],
};

const left = (n: number | null) =>
  n === null ? '—' : n < 0 ? <Tag color="red">逾期{-n}个工作日</Tag> : `剩余${n}个工作日`;

function columnsFor(board: BoardKey): ColumnsType<AnyRow> {
  switch (board) {
    case 'requests':
      return [
        {
          title: '受理编号',
          key: 'n',
          render: (_, r) => <Link to={r.link ?? '#'}>{(r as RequestRow).caseNumber}</Link>,
        },
        { title: '申请内容', key: 'd', render: (_, r) => (r as RequestRow).descriptionExcerpt },
        { title: '阶段', key: 's', render: (_, r) => (r as RequestRow).stageLabel },
        { title: '收到申请', key: 'r', render: (_, r) => (r as RequestRow).receivedOn ?? '—' },
        { title: '答复期限', key: 'due', render: (_, r) => (r as RequestRow).answerDue ?? '—' },
        { title: '剩余', key: 'left', render: (_, r) => left((r as RequestRow).workdaysLeft) },
      ];
    case 'late-items':
      return [
        {
          title: '标题',
          key: 't',
          render: (_, r) => <Link to={r.link ?? '#'}>{(r as LateItemRow).title}</Link>,
        },
        { title: '索引号', key: 'i', render: (_, r) => (r as LateItemRow).indexNumber ?? '—' },
        { title: '成文日期', key: 'g', render: (_, r) => (r as LateItemRow).generatedOn },
        { title: '发布日期', key: 'p', render: (_, r) => (r as LateItemRow).publishedOn },
        {
          title: '间隔',
          key: 'w',
          render: (_, r) => <Tag color="red">{(r as LateItemRow).workdays}个工作日</Tag>,
        },
      ];
    case 'columns':
      return [
        {
          title: '栏目',
          key: 'c',
          render: (_, r) => <Link to={r.link ?? '#'}>{(r as ColumnRow).columnName}</Link>,
        },
        {
          title: '情况',
          key: 'k',
          render: (_, r) =>
            (r as ColumnRow).kind === 'blank' ? <Tag>空白</Tag> : <Tag color="red">超期未更新</Tag>,
        },
        { title: '最近发布', key: 'l', render: (_, r) => (r as ColumnRow).lastPublishedOn ?? '从未发布' },
        {
          title: '更新要求',
          key: 'lim',
          render: (_, r) =>
            (r as ColumnRow).limitDays ? `${(r as ColumnRow).limitDays}天内更新` : '长期不变',
        },
        { title: '已过天数', key: 'd', render: (_, r) => (r as ColumnRow).daysSince ?? '—' },
      ];
    case 'decisions':
      return [
        {
          title: '决定文号',
          key: 'n',
          render: (_, r) => <Link to={r.link ?? '#'}>{(r as DecisionRow).decisionNumber}</Link>,
        },
        { title: '类别', key: 'k', render: (_, r) => (r as DecisionRow).kindLabel },
        { title: '事项', key: 'i', render: (_, r) => (r as DecisionRow).itemName ?? '—' },
        { title: '决定日期', key: 'd', render: (_, r) => (r as DecisionRow).decisionDate },
        {
          title: '应公示日期',
          key: 'p',
          render: (_, r) => <Tag color="red">{(r as DecisionRow).publishDue}前</Tag>,
        },
      ];
    case 'interaction':
      return [
        {
          title: '编号',
          key: 'n',
          render: (_, r) => <Link to={r.link ?? '#'}>{(r as InteractionRow).number}</Link>,
        },
        { title: '类别', key: 'k', render: (_, r) => (r as InteractionRow).kindLabel },
        { title: '主题', key: 's', render: (_, r) => (r as InteractionRow).subject },
        { title: '收到', key: 'r', render: (_, r) => (r as InteractionRow).receivedOn },
        { title: '期限', key: 'd', render: (_, r) => (r as InteractionRow).due },
        { title: '剩余', key: 'l', render: (_, r) => left((r as InteractionRow).workdaysLeft) },
      ];
  }
}

/** 看板下钻: the records behind one count of one agency, each with a link to its page and 下达督办. */
export default function DrillPage({ orgId, board }: { orgId: string; board: BoardKey }) {
  const { query, navigate } = useRoute();
  const { permissions } = useAuth();
  const name = query.get('name') ?? '';
  const options = WHICH[board];
  const which = query.get('which') ?? options?.[0]?.value;
  const page = Number(query.get('page') ?? 1) || 1;
  const [preset, setPreset] = useState<{ title: string; source: TaskSource } | null>(null);
  const q = useQuery(
    (s) => supervisionApi.drill<AnyRow>(orgId, board, { which, page, pageSize: 20 }, s),
    [orgId, board, which, page],
  );
  const go = (w: string | undefined, p: number) =>
    navigate(
      `/supervision/agencies/${orgId}/${board}?name=${encodeURIComponent(name)}${w ? `&which=${w}` : ''}&page=${p}`,
      { replace: true },
    );
  const canIssue = permissions.has('supervision.issue');
  const columns: ColumnsType<AnyRow> = [
    ...columnsFor(board),
    ...(canIssue
      ? [
          {
            title: '督办',
            key: 'issue',
            render: (_: unknown, r: AnyRow) => (
              <Button size="small" onClick={() => setPreset({ title: r.suggestedTitle, source: r.source })}>
                下达督办
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={`${name ? `${name}：` : ''}${BOARDS[board]}`}
        description={<Link to="/supervision">返回监督看板</Link>}
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      <Card>
        {options ? (
          <Segmented
            aria-label="筛选"
            style={{ marginBottom: 12 }}
            value={which}
            options={options}
            onChange={(v) => go(String(v), 1)}
          />
        ) : null}
        <Table<AnyRow>
          rowKey="id"
          loading={q.loading}
          dataSource={q.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 条`,
            showSizeChanger: false,
            onChange: (p) => go(which, p),
          }}
          locale={{ emptyText: <EmptyState description="没有需要关注的记录" /> }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          数据只读；点击编号或标题打开原记录。下达督办后，被督办单位在“督办事项”中答复。
        </Typography.Paragraph>
      </Card>
      <IssueDialog
        open={preset !== null}
        preset={preset ? { targetOrgId: orgId, title: preset.title, source: preset.source } : undefined}
        onClose={() => setPreset(null)}
        onIssued={(t) => navigate(`/supervision/tasks/${t.id}`)}
      />
    </>
  );
}
