import { App as AntApp, Button, Card, Checkbox, Form, Input, Select, Space, Table } from 'antd';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import {
  enterprisesApi,
  LISTING_CRITERIA,
  LISTING_STATUS,
  REPAIR_CONDITIONS,
  type Listing,
  type RepairCondition,
} from './api';

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
  // 信用修复: the agency confirms each condition of the 办法 and states what it checked.
  const repair = (r: Listing) => {
    let text = '';
    let conditions: RepairCondition[] = [];
    modal.confirm({
      title: `信用修复（${r.repairFrom ?? ''}起可提前移出）`,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Checkbox.Group
            aria-label="信用修复条件"
            style={{ display: 'flex', flexDirection: 'column' }}
            options={Object.entries(REPAIR_CONDITIONS).map(([value, label]) => ({ value, label }))}
            onChange={(v) => (conditions = v as RepairCondition[])}
          />
          <Input.TextArea
            rows={3}
            aria-label="信用修复情况"
            placeholder="核实情况（履行处罚、整改、消除影响的材料）"
            onChange={(e) => (text = e.target.value)}
          />
        </Space>
      ),
      onOk: () => enterprisesApi.endListing(r.id, 'repair', text, conditions).then(listings.reload, fail),
    });
  };
  return (
    <>
      <PageHeader
        title="安全生产信用"
        description="依据《安全生产严重失信主体名单管理办法》（应急管理部令第11号）：列入前告知，当事人可陈述申辩；列入决定公开，管理期3年，期满移出并停止公示；列入满12个月、符合条件的可信用修复提前移出；提前移出后发现弄虚作假的，撤销移出、恢复列入至原管理期满。每一步记入审计日志。"
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
            title: '可信用修复',
            dataIndex: 'repairFrom',
            render: (v: string | null) => (v ? `${v}起` : '—'),
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
                  <Button size="small" onClick={() => repair(r)}>
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
                {r.status === 'removed' && (r.removalKind === 'repair' || r.removalKind === 'early') && (
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      ask('撤销移出、恢复列入的理由（隐瞒真实情况、弄虚作假）', (t) =>
                        enterprisesApi.restoreListing(r.id, t),
                      )
                    }
                  >
                    恢复列入
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
