import { useState } from 'react';
import { Button, Card, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { useQuery } from '../../api/hooks';
import { Link, useRoute } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATE_COLORS, supervisionApi, type TaskView } from './api';
import { IssueDialog } from './IssueDialog';

const STATES: { value: TaskView['state']; label: string }[] = [
  { value: 'issued', label: '待答复' },
  { value: 'replied', label: '待验收' },
  { value: 'returned', label: '已退回' },
  { value: 'accepted', label: '已办结' },
  { value: 'withdrawn', label: '已撤回' },
];

const OVERDUE_CSS = `.gk-task-overdue > td { background: #fff1f0 !important; }`;

/** 督办事项: tasks I issued / tasks addressed to me, with filters, paging and overdue rows highlighted. */
export default function TasksPage() {
  const { permissions } = useAuth();
  const { query, navigate } = useRoute();
  const canIssue = permissions.has('supervision.issue');
  const canReply = permissions.has('supervision.reply');
  const defaultBox = permissions.has('supervise.read') || !canReply ? 'issued' : 'received';
  const box = (query.get('box') as 'issued' | 'received' | null) ?? defaultBox;
  const state = (query.get('state') as TaskView['state'] | null) ?? undefined;
  const overdue = query.get('overdue') === 'true';
  const targetAgencyId = query.get('targetAgencyId') ?? undefined;
  const page = Number(query.get('page') ?? 1) || 1;
  const [issuing, setIssuing] = useState(false);
  const q = useQuery(
    (s) =>
      supervisionApi.tasks(
        { box, state, overdue: overdue || undefined, targetAgencyId, page, pageSize: 20 },
        s,
      ),
    [box, state, overdue, targetAgencyId, page],
  );
  const go = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch))
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    if (!('page' in patch)) next.delete('page');
    navigate(`/supervision/tasks?${next.toString()}`, { replace: true });
  };
  const tabs = [
    ...(canIssue ? [{ key: 'issued', label: '我下达的' }] : []),
    ...(canReply ? [{ key: 'received', label: '交办给我的' }] : []),
  ];
  return (
    <>
      <style>{OVERDUE_CSS}</style>
      <PageHeader
        title="督办事项"
        description="督办按工作日计算办理时限；逾期未答复的督办以红色标出，并通知承办单位和下达单位。"
        extra={
          canIssue ? (
            <Button type="primary" onClick={() => setIssuing(true)}>
              下达督办
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      <Card>
        {tabs.length > 1 ? (
          <Tabs activeKey={box} items={tabs} onChange={(k) => go({ box: k, targetAgencyId: undefined })} />
        ) : null}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={state}
            options={STATES}
            onChange={(v) => go({ state: v })}
          />
          <label>
            <Space>
              <Switch
                size="small"
                checked={overdue}
                onChange={(v) => go({ overdue: v ? 'true' : undefined })}
              />
              只看逾期
            </Space>
          </label>
          {targetAgencyId ? (
            <Button size="small" onClick={() => go({ targetAgencyId: undefined })}>
              显示全部机关
            </Button>
          ) : null}
        </Space>
        <Table<TaskView>
          rowKey="id"
          loading={q.loading}
          dataSource={q.data?.items ?? []}
          rowClassName={(t) => (t.overdue ? 'gk-task-overdue' : '')}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '编号',
              dataIndex: 'number',
              width: 130,
              render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span>,
            },
            {
              title: '督办事项',
              key: 'title',
              render: (_, t) => <Link to={`/supervision/tasks/${t.id}`}>{t.title}</Link>,
            },
            {
              title: box === 'issued' ? '被督办单位' : '下达单位',
              key: 'org',
              render: (_, t) =>
                box === 'issued'
                  ? t.targetOrgId === t.targetAgencyId
                    ? t.targetOrgName
                    : `${t.targetAgencyName} / ${t.targetOrgName}`
                  : t.issuerOrgName,
            },
            { title: '下达日期', dataIndex: 'issuedOn' },
            {
              title: '办理期限',
              key: 'due',
              render: (_, t) => (
                <Space size={4}>
                  {t.dueOn}
                  {t.overdue ? <Tag color="red">逾期{-(t.workdaysLeft ?? 0)}个工作日</Tag> : null}
                </Space>
              ),
            },
            {
              title: '状态',
              key: 'state',
              render: (_, t) => <Tag color={STATE_COLORS[t.state]}>{t.stateLabel}</Tag>,
            },
          ]}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 件`,
            onChange: (p) => go({ page: String(p) }),
          }}
          locale={{
            emptyText: (
              <EmptyState
                description={
                  box === 'issued'
                    ? '还没有下达督办：可在监督看板中点击数字，从具体记录下达。'
                    : '暂无交办给您的督办事项'
                }
              />
            ),
          }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          流程：下达 → 承办单位答复（可附佐证材料）→ 下达单位验收办结或退回重办。
        </Typography.Paragraph>
      </Card>
      <IssueDialog
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={(t) => navigate(`/supervision/tasks/${t.id}`)}
      />
    </>
  );
}
