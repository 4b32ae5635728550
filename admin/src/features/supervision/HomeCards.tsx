import { Space, Statistic, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { supervisionApi } from './api';

/** 工作台 card of a supervisor: the problems of the agencies below, leading to the board. */
export function SupervisionCard() {
  const q = useQuery((s) => supervisionApi.board(undefined, s), []);
  const rows = q.data?.agencies ?? [];
  const sum = (f: (a: (typeof rows)[number]) => number) => rows.reduce((n, a) => n + f(a), 0);
  if (q.error) return <Typography.Text type="danger">{q.error.detail}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space size={32} wrap>
        <Statistic loading={q.loading} title="逾期依申请公开案件" value={sum((a) => a.requests.overdue)} />
        <Statistic loading={q.loading} title="超期未更新栏目" value={sum((a) => a.catalog.staleColumns)} />
        <Statistic loading={q.loading} title="逾期督办" value={sum((a) => a.tasks.overdue)} />
      </Space>
      <Typography.Text>
        所辖 {rows.length} 个机关。<Link to="/supervision">打开监督看板</Link>　
        <Link to="/supervision/tasks">督办事项</Link>
      </Typography.Text>
    </Space>
  );
}

/** 工作台 card of an office / clerk: 督办 addressed to them that still need a reply. */
export function ReceivedTasksCard() {
  const open = useQuery(
    (s) => supervisionApi.tasks({ box: 'received', state: 'issued', pageSize: 1 }, s),
    [],
  );
  const returned = useQuery(
    (s) => supervisionApi.tasks({ box: 'received', state: 'returned', pageSize: 1 }, s),
    [],
  );
  const overdue = useQuery(
    (s) => supervisionApi.tasks({ box: 'received', overdue: true, pageSize: 1 }, s),
    [],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space size={32} wrap>
        <Statistic loading={open.loading} title="待答复" value={open.data?.total ?? 0} />
        <Statistic loading={returned.loading} title="被退回" value={returned.data?.total ?? 0} />
        <Statistic
          loading={overdue.loading}
          title="已逾期"
          value={overdue.data?.total ?? 0}
          valueStyle={overdue.data?.total ? { color: '#cf1322' } : undefined}
        />
      </Space>
      <Link to="/supervision/tasks?box=received">查看交办给我的督办</Link>
    </Space>
  );
}
