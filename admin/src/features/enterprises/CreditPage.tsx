import { App as AntApp, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { enterprisesApi, LISTING_CRITERIA, LISTING_STATUS, type Listing } from './api';

/** 安全生产严重失信主体名单: 告知 → 陈述申辩 → 列入决定 → 移出 (信用修复/提前移出/期满). */
export default function CreditPage() {
  const { message, modal } = AntApp.useApp();
  const listings = useQuery((s) => enterprisesApi.listings(s), []);
  const fail = (e: unknown) => message.error(messageOf(e));
  const ask = (title: string, run: (text: string) => Promise<unknown>) => {
    let text = '';
    modal.confirm({
      title,
      content: <Input.TextArea rows={3} onChange={(e) => (text = e.target.value)} aria-label={title} />,
      onOk: () => run(text).then(listings.reload, fail),
    });
  };
  return (
    <>
      <PageHeader
        title="安全生产信用"
        description="依据《安全生产严重失信主体名单管理办法》（应急管理部令第11号）：列入前告知，当事人可陈述申辩；列入决定公开，管理期3年；满1年可信用修复提前移出。每一步记入审计日志。"
      />
      <Card size="small" title="告知拟列入" style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={(v: { enterpriseId: string; criterion: string; facts: string }) =>
            enterprisesApi.noticeListing(v).then(listings.reload, fail)
          }
        >
          <Form.Item name="enterpriseId" label="企业ID" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="criterion" label="列入依据" rules={[{ required: true }]}>
            <Select
              style={{ width: 320 }}
              options={Object.entries(LISTING_CRITERIA).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="facts" label="失信事实" rules={[{ required: true }]}>
            <Input.TextArea rows={1} />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            告知
          </Button>
        </Form>
      </Card>
      <Table<Listing>
        rowKey="id"
        dataSource={listings.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '主体', dataIndex: 'enterpriseName' },
          { title: '列入依据', dataIndex: 'criterionText' },
          { title: '状态', dataIndex: 'status', render: (v: string) => LISTING_STATUS[v] },
          { title: '陈述申辩期', dataIndex: 'statementDue' },
          {
            title: '管理期',
            render: (_: unknown, r) => (r.decidedOn ? `${r.decidedOn}至${r.listUntil}` : '—'),
          },
          {
            title: '操作',
            render: (_: unknown, r) => (
              <Space wrap>
                {r.status === 'notified' && (
                  <Button
                    size="small"
                    onClick={() => ask('登记陈述申辩', (t) => enterprisesApi.statement(r.id, t))}
                  >
                    登记陈述申辩
                  </Button>
                )}
                {r.status === 'notified' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => ask('列入决定书文号', (t) => enterprisesApi.decideListing(r.id, t))}
                  >
                    作出列入决定
                  </Button>
                )}
                {r.status === 'notified' && (
                  <Button
                    size="small"
                    onClick={() => ask('终止理由', (t) => enterprisesApi.endListing(r.id, 'withdrawn', t))}
                  >
                    终止
                  </Button>
                )}
                {r.status === 'listed' && (
                  <Button
                    size="small"
                    onClick={() => ask('信用修复情况', (t) => enterprisesApi.endListing(r.id, 'repair', t))}
                  >
                    信用修复
                  </Button>
                )}
                {r.status === 'listed' && (
                  <Button
                    size="small"
                    onClick={() => ask('提前移出理由', (t) => enterprisesApi.endListing(r.id, 'early', t))}
                  >
                    提前移出
                  </Button>
                )}
                {r.status === 'listed' && (
                  <Button
                    size="small"
                    onClick={() => ask('期满移出说明', (t) => enterprisesApi.endListing(r.id, 'expiry', t))}
                  >
                    期满移出
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
