import { Tag, Typography } from 'antd';
import type { ItemSummary } from './api';

const STATUS_COLORS: Record<string, string> = {
  received: 'gold',
  accepted: 'blue',
  assigned: 'processing',
  sign_off: 'purple',
  replied: 'green',
  archived: 'default',
  not_accepted: 'red',
  transferred: 'cyan',
  converted: 'geekblue',
  merged: 'default',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

/** The due date that matters now (accept while received, otherwise answer), with the working days left. */
export function DueCell({ s }: { s: ItemSummary }) {
  const due = s.status === 'received' ? s.acceptDue : s.answerDue;
  const label = s.status === 'received' ? '受理' : '答复';
  if (s.workdaysLeft === null)
    return <Typography.Text type="secondary">{`${label}期限 ${due}`}</Typography.Text>;
  return (
    <Typography.Text type={s.overdue ? 'danger' : s.dueSoon ? 'warning' : undefined}>
      {`${label}期限 ${due}（${s.overdue ? `逾期${-s.workdaysLeft}` : `剩${s.workdaysLeft}`}个工作日）`}
    </Typography.Text>
  );
}
