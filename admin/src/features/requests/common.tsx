import { createContext, useContext, type ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { useQuery } from '../../api/hooks';
import { requestsApi, type CaseSummary, type Meta, type Stage } from './api';

export const ID_DOC_OPTIONS = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'credit_code', label: '统一社会信用代码' },
  { value: 'passport', label: '护照' },
  { value: 'other', label: '其他身份证明' },
];
export const FORM_OPTIONS = [
  { value: 'paper', label: '纸质文本' },
  { value: 'electronic', label: '电子文本' },
  { value: 'inspect', label: '查阅、抄录' },
  { value: 'any', label: '不限' },
];
export const DELIVERY_OPTIONS = [
  { value: 'post', label: '邮寄' },
  { value: 'email', label: '电子邮件' },
  { value: 'pickup', label: '当面领取' },
  { value: 'online', label: '网上获取' },
];

const STAGE_COLORS: Partial<Record<Stage, string>> = {
  awaiting_confirmation: 'gold',
  registered: 'blue',
  assigned: 'blue',
  drafting: 'geekblue',
  review: 'purple',
  sign_off: 'purple',
  replied: 'green',
  archived: 'default',
  discarded: 'default',
};

export function StageTag({ stage, label }: { stage: Stage; label: string }) {
  return <Tag color={STAGE_COLORS[stage] ?? 'default'}>{label}</Tag>;
}

/** 答复期限 with state: overdue (red), due soon (orange), paused, estimated (预估). */
export function DueCell({
  c,
}: {
  c: Pick<
    CaseSummary,
    'answerDue' | 'workdaysLeft' | 'overdue' | 'dueSoon' | 'clockStatus' | 'estimated' | 'estimateNotice'
  >;
}) {
  if (!c.answerDue) return <span>—</span>;
  const open = c.clockStatus === 'running' || c.clockStatus === 'paused';
  return (
    <span>
      {c.answerDue}{' '}
      {open && c.overdue ? (
        <Tag color="red">逾期 {Math.abs(c.workdaysLeft ?? 0)} 个工作日</Tag>
      ) : open && c.dueSoon ? (
        <Tag color="orange">剩 {c.workdaysLeft} 个工作日</Tag>
      ) : open && c.workdaysLeft !== null ? (
        <Tag>剩 {c.workdaysLeft} 个工作日</Tag>
      ) : null}
      {c.clockStatus === 'paused' ? <Tag color="cyan">计时中止</Tag> : null}
      {c.estimated ? (
        <Tooltip title={c.estimateNotice ?? '截止日期为预估'}>
          <Tag color="warning">预估</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

const MetaContext = createContext<Meta | null>(null);

/** Loads /api/requests/meta once for the feature's pages. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const meta = useQuery((signal) => requestsApi.meta(signal), []);
  return <MetaContext.Provider value={meta.data ?? null}>{children}</MetaContext.Provider>;
}

export function useMeta(): Meta | null {
  return useContext(MetaContext);
}

export function todayIso(): string {
  // The China civil date (UTC+8) — the console clerk works in China.
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
