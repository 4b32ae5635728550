import { Button, Space, Statistic, Tag } from 'antd';
import { useQuery } from '../../api/hooks';
import { useRoute } from '../../app/router';
import { STATUS_COLORS, STATUS_LABELS, reportApi } from './api';

/** 工作台 card: days left until 31 January for the report that is due, and its status. */
export function CountdownCard() {
  const q = useQuery((s) => reportApi.countdown(s), []);
  const { navigate } = useRoute();
  const c = q.data?.countdown;
  if (q.loading) return <span>加载中…</span>;
  if (!c) return <span>暂无需要编制的年度报告。</span>;
  const overdue = c.daysLeft < 0 && c.status !== 'published';
  return (
    <Space direction="vertical">
      <Statistic
        title={`${c.year}年度报告，法定公开期限 ${c.deadline}`}
        value={overdue ? -c.daysLeft : c.daysLeft}
        suffix={overdue ? '天（已逾期）' : '天'}
        valueStyle={{ color: overdue || c.daysLeft <= 15 ? '#cf1322' : undefined }}
      />
      <Space>
        <Tag color={STATUS_COLORS[c.status]}>{STATUS_LABELS[c.status]}</Tag>
        <Button
          size="small"
          onClick={() => navigate(c.reportId ? `/annual-reports/${c.reportId}` : '/annual-reports')}
        >
          {c.reportId ? '打开报告' : '去生成'}
        </Button>
      </Space>
    </Space>
  );
}
