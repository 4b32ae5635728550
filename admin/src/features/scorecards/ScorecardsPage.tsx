import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Link, matchPath, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { periodChoices, scorecardsApi, type SetSummary } from './api';
import SetPage from './SetPage';
import CardPage from './CardPage';

function NewSetModal(props: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ period: string; source: 'default' | 'copy' }>();
  const [saving, setSaving] = useState(false);
  const choices = periodChoices();
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const created = await scorecardsApi.create({ period: v.period, copyFromPrevious: v.source === 'copy' });
      message.success('已新建考核指标，可在“指标设置”中调整');
      props.onCreated(created.id);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title="新建考核"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => void save()}
      okText="新建"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ period: choices[0]!.value, source: 'copy' }}>
        <Form.Item name="period" label="考核期间" rules={[{ required: true, message: '请选择考核期间' }]}>
          <Select options={choices} />
        </Form.Item>
        <Form.Item
          name="source"
          label="指标来源"
          extra="复制上一期间（上一季度或上一年度）的指标；没有上一期间时请选择默认指标。"
        >
          <Radio.Group
            options={[
              { value: 'copy', label: '复制上一期间的指标' },
              { value: 'default', label: '使用默认指标（合计100分）' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SetList() {
  const { navigate } = useRoute();
  const [creating, setCreating] = useState(false);
  const q = useQuery((signal) => scorecardsApi.sets(signal), []);
  const manage = q.data?.canManage ?? false;
  const open = (s: SetSummary) =>
    navigate(manage ? `/scorecards/sets/${s.id}` : `/scorecards/cards/${s.myCardId}`);
  return (
    <>
      <PageHeader
        title="考核评分"
        description={
          manage
            ? '按季度或年度设置考核指标，自动指标从各机关的业务数据计算，每一分都能追溯到具体记录；被考核机关可对得分提出申诉。'
            : '上级机关对本机关政务公开工作的考核结果。对某项得分有异议的，可在考核结果中提出申诉。'
        }
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建考核
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      <Card>
        <Table<SetSummary>
          rowKey="id"
          loading={q.loading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Empty
                description={
                  manage
                    ? '还没有考核。点击“新建考核”，从默认指标开始。'
                    : '上级机关尚未发布本机关的考核结果。'
                }
              />
            ),
          }}
          onRow={(s) => ({ onClick: () => open(s), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: '考核期间',
              render: (_, s) => (
                <Link to={manage ? `/scorecards/sets/${s.id}` : `/scorecards/cards/${s.myCardId}`}>
                  {s.periodLabel}
                </Link>
              ),
            },
            { title: '考核名称', dataIndex: 'title' },
            { title: '期间', render: (_, s) => `${s.from} 至 ${s.to}` },
            { title: '指标', dataIndex: 'indicatorCount', align: 'right' },
            ...(manage
              ? [
                  { title: '已计算机关', dataIndex: 'cardCount', align: 'right' as const },
                  {
                    title: '待答复申诉',
                    render: (_: unknown, s: SetSummary) =>
                      s.openContests ? <Tag color="orange">{s.openContests}</Tag> : '—',
                  },
                ]
              : []),
            { title: '更新时间', render: (_, s) => formatDateTime(s.updatedAt) },
          ]}
        />
      </Card>
      <NewSetModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/scorecards/sets/${id}`);
        }}
      />
      <Space />
    </>
  );
}

/** /scorecards (list), /scorecards/sets/:id (ranking and indicators), /scorecards/cards/:id (one card). */
export default function ScorecardsPage() {
  const { path } = useRoute();
  const set = matchPath('/scorecards/sets/:id', path);
  if (set) return <SetPage id={set.id!} />;
  const card = matchPath('/scorecards/cards/:id', path);
  if (card) return <CardPage id={card.id!} />;
  return <SetList />;
}
