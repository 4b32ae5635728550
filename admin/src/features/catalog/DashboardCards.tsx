import { Alert, Badge, Flex, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { catalogApi, type DashboardView } from './api';
import { stateLabel } from './labels';
import { QUEUES } from './QueuesPage';
import { SimpleList } from './SimpleList';

// Both cards read the same endpoint: share one request per page view.
let inflight: { at: number; promise: Promise<DashboardView> } | null = null;
function loadDashboard(): Promise<DashboardView> {
  const now = Date.now();
  if (!inflight || now - inflight.at > 3000) {
    const promise = catalogApi.dashboard();
    inflight = { at: now, promise };
    promise.catch(() => {
      inflight = null;
    });
  }
  return inflight.promise;
}

/** Test hook: forget the shared request. */
export function resetDashboardCache() {
  inflight = null;
}

function tabFor(state: string): string {
  return QUEUES.find((q) => (q.states as string[]).includes(state))?.key ?? 'review';
}

/** 工作台 card: items waiting at each workflow step, with the age of the oldest. */
export function WaitingCard() {
  const d = useQuery(() => loadDashboard(), []);
  if (d.loading && !d.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (d.error) return <ProblemAlert error={d.error} onRetry={d.reload} />;
  const waiting = (d.data?.waiting ?? []).filter((w) => w.count > 0);
  if (!waiting.length) return <Typography.Text type="secondary">各环节均无待办的公开信息。</Typography.Text>;
  return (
    <SimpleList
      items={waiting}
      rowKey={(w) => w.state}
      extra={(w) =>
        w.oldestDays !== null ? (
          <Tag color={w.oldestDays >= 5 ? 'red' : w.oldestDays >= 2 ? 'orange' : 'default'}>
            最久 {w.oldestDays} 天
          </Tag>
        ) : null
      }
      render={(w) => (
        <Flex vertical style={{ width: '100%' }}>
          <Flex gap={8} align="center">
            <Link
              to={
                w.state === 'draft' ? '/catalog/items?state=draft' : `/catalog/queues?tab=${tabFor(w.state)}`
              }
            >
              {stateLabel(w.state).label}
            </Link>
            <Badge count={w.count} color="#1677ff" showZero />
          </Flex>
          {w.items.slice(0, 3).map((i) => (
            <Typography.Text key={i.id} type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 420 }}>
              <Link to={`/catalog/items/${i.id}`}>{i.workingRevision?.title ?? i.title}</Link> · 已等待{' '}
              {i.ageDays} 天
            </Typography.Text>
          ))}
        </Flex>
      )}
    />
  );
}

/** 工作台 card: items published late (20-working-day rule), stale and blank columns. */
export function TimelinessCard() {
  const d = useQuery(() => loadDashboard(), []);
  if (d.loading && !d.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (d.error) return <ProblemAlert error={d.error} onRetry={d.reload} />;
  const data = d.data!;
  const nothing = !data.lateItems.length && !data.staleColumns.length && !data.blankColumns.length;
  return (
    <Flex vertical gap={12}>
      {data.calendarNotice ? <Alert type="warning" showIcon title={data.calendarNotice} /> : null}
      {nothing ? (
        <Typography.Text type="secondary">没有超期公开的信息，所有栏目均按时更新。</Typography.Text>
      ) : null}
      {data.lateItems.length ? (
        <div>
          <Typography.Text strong>超过20个工作日公开（{data.lateItems.length}）</Typography.Text>
          <SimpleList
            items={data.lateItems.slice(0, 5)}
            rowKey={(i) => i.id}
            extra={(i) => <Tag color="red">{i.workdays} 个工作日</Tag>}
            render={(i) => <Link to={`/catalog/items/${i.id}`}>{i.title}</Link>}
          />
        </div>
      ) : null}
      {data.staleColumns.length ? (
        <div>
          <Typography.Text strong>未按期更新的栏目（{data.staleColumns.length}）</Typography.Text>
          <SimpleList
            items={data.staleColumns.slice(0, 6)}
            rowKey={(s) => s.column.id}
            extra={(s) => (
              <Tag color="orange">
                {s.daysSince ?? '—'} 天未更新（应 {s.limitDays} 天内）
              </Tag>
            )}
            render={(s) => <Link to={`/catalog/items?column=${s.column.id}`}>{s.column.name}</Link>}
          />
          {data.staleColumns.length > 6 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              另有 {data.staleColumns.length - 6} 个栏目未按期更新
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
      {data.blankColumns.length ? (
        <div>
          <Typography.Text strong>空白栏目（{data.blankColumns.length}）</Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 4 }}>
            {data.blankColumns.slice(0, 20).map((c) => (
              <Tag key={c.id}>
                <Link to={`/catalog/items?column=${c.id}`}>{c.name}</Link>
              </Tag>
            ))}
            {data.blankColumns.length > 20 ? <Tag>等 {data.blankColumns.length} 个</Tag> : null}
          </Flex>
        </div>
      ) : null}
    </Flex>
  );
}
