import { useState } from 'react';
import { Alert, Button, Card, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { CHANNEL_LABELS, notifyApi, type ChannelCounts, type Message } from './api';
import { chinaToday } from '../../components/format';

const STATUS_COLORS: Record<string, string> = {
  delivered: 'green',
  sent: 'blue',
  failed: 'red',
  recorded: 'default',
  pending: 'gold',
  sending: 'gold',
  cancelled: 'default',
};
const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** 发送记录: honest counts per channel and year, and every message with what happened to it. */
export default function DeliveryLogPage() {
  const [year, setYear] = useState(chinaToday().year());
  const [page, setPage] = useState(1);
  const [channel, setChannel] = useState<string>();
  const [status, setStatus] = useState<string>();
  const stats = useQuery(() => notifyApi.stats(year), [year]);
  const list = useQuery(() => notifyApi.messages({ page, channel, status }), [page, channel, status]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title="各渠道发送统计"
        extra={
          <InputNumber
            aria-label="年度"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
        }
      >
        <Typography.Paragraph type="secondary">
          “已送达/已发布”仅统计网关回执送达或平台返回了文章编号的消息；“未发送（仅记录）”是未配置发送接口时写入本地的记录，不计为发布。
        </Typography.Paragraph>
        <Table<ChannelCounts>
          rowKey="channel"
          pagination={false}
          loading={stats.loading}
          dataSource={stats.data?.channels ?? []}
          columns={[
            { title: '渠道', dataIndex: 'label' },
            { title: '已送达/已发布', dataIndex: 'published' },
            { title: '已发出待回执', dataIndex: 'sent' },
            { title: '发送失败', dataIndex: 'failed' },
            { title: '未发送（仅记录）', dataIndex: 'recorded' },
            { title: '排队中', dataIndex: 'pending' },
          ]}
        />
      </Card>
      <Card
        title="发送记录"
        extra={
          <Space>
            <Select
              allowClear
              placeholder="渠道"
              style={{ width: 120 }}
              value={channel}
              onChange={setChannel}
              options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 150 }}
              value={status}
              onChange={setStatus}
              options={[
                ['delivered', '已送达'],
                ['sent', '已发出（待回执）'],
                ['failed', '发送失败'],
                ['recorded', '未发送（仅记录）'],
                ['pending', '排队中'],
              ].map(([value, label]) => ({ value, label }))}
            />
          </Space>
        }
      >
        {list.error && <Alert type="error" message={list.error.message} />}
        <Table<Message>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: time },
            { title: '渠道', dataIndex: 'channel', render: (c: string) => CHANNEL_LABELS[c] },
            { title: '接收方', dataIndex: 'to' },
            { title: '内容', render: (_: unknown, m) => m.subject ?? m.template },
            {
              title: '状态',
              render: (_: unknown, m) => <Tag color={STATUS_COLORS[m.status]}>{m.statusLabel}</Tag>,
            },
            { title: '尝试', dataIndex: 'attempts' },
            {
              title: '说明',
              dataIndex: 'lastError',
              render: (e: string | null, m) => e ?? m.externalRef ?? '',
            },
            {
              title: '操作',
              render: (_: unknown, m) =>
                m.status === 'failed' ? (
                  <Button size="small" onClick={() => void notifyApi.retry(m.id).then(list.reload)}>
                    重发
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
