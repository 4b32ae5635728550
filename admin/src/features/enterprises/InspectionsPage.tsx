import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import {
  CATEGORY_LABELS,
  enterprisesApi,
  RESULT_LABELS,
  type CategoryKey,
  type Draw,
  type Inspection,
} from './api';

/** 双随机抽查: plans, inspectors, seeded draws (re-runnable), inspection records and publication. */
export default function InspectionsPage() {
  const { message } = AntApp.useApp();
  const plans = useQuery((s) => enterprisesApi.plans(s), []);
  const draws = useQuery((s) => enterprisesApi.draws(s), []);
  const inspections = useQuery((s) => enterprisesApi.inspections(s), []);
  const inspectors = useQuery((s) => enterprisesApi.inspectors(s), []);
  const [recordFor, setRecordFor] = useState<{
    draw: Draw;
    enterpriseId: string;
    inspectorIds: string[];
  } | null>(null);
  const fail = (e: unknown) => message.error(messageOf(e));
  const names = new Map((inspectors.data?.items ?? []).map((i) => [i.id, i.name]));
  const plan = plans.data?.items[0];
  return (
    <>
      <PageHeader
        title="双随机抽查"
        description="随机抽取检查对象和执法人员。抽取使用记录的随机种子和候选名单，任何人可复现；同一批次再次抽取须说明理由，并记入审计日志。"
      />
      <Flex vertical gap={16}>
        <Card size="small" title="年度抽查计划">
          <List
            dataSource={plans.data?.items ?? []}
            renderItem={(p) => (
              <List.Item
                actions={
                  p.publishedAt
                    ? [
                        <Tag key="p" color="green">
                          已公开
                        </Tag>,
                      ]
                    : [
                        <Button
                          key="b"
                          size="small"
                          onClick={() => enterprisesApi.publishPlan(p.id).then(plans.reload, fail)}
                        >
                          公开
                        </Button>,
                      ]
                }
              >
                {p.title}（结果{p.publishWorkdays}个工作日内公开）
              </List.Item>
            )}
          />
          <Form
            layout="inline"
            onFinish={(v: { year: number; title: string; content: string }) =>
              enterprisesApi.createPlan(v).then(plans.reload, fail)
            }
          >
            <Form.Item name="year" label="年度" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="title" label="标题" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="content" label="内容" rules={[{ required: true }]}>
              <Input.TextArea rows={1} />
            </Form.Item>
            <Button htmlType="submit">新建计划</Button>
          </Form>
        </Card>
        {plan && (
          <Card size="small" title={`随机抽取（${plan.title}）`}>
            <Form
              layout="inline"
              initialValues={{ enterpriseCount: 3, inspectorsPerEnterprise: 2, categories: [] }}
              onFinish={(v: {
                batch: string;
                categories: string[];
                regions?: string;
                enterpriseCount: number;
                inspectorsPerEnterprise: number;
                seed?: string;
                reason?: string;
              }) =>
                enterprisesApi
                  .draw(plan.id, {
                    ...v,
                    categories: v.categories as CategoryKey[],
                    regions: v.regions ? v.regions.split(/[,，\s]+/).filter(Boolean) : [],
                    seed: v.seed || null,
                    reason: v.reason || null,
                  })
                  .then(() => {
                    message.success('已抽取');
                    draws.reload();
                  }, fail)
              }
            >
              <Form.Item name="batch" label="批次" rules={[{ required: true }]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="categories" label="监管类别">
                <Checkbox.Group
                  options={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item name="regions" label="地区代码">
                <Input placeholder="如 3703，多个用逗号分隔" />
              </Form.Item>
              <Form.Item name="enterpriseCount" label="企业数">
                <InputNumber min={1} />
              </Form.Item>
              <Form.Item name="inspectorsPerEnterprise" label="每户执法人员">
                <InputNumber min={2} max={10} />
              </Form.Item>
              <Form.Item name="seed" label="随机种子（可空）">
                <Input />
              </Form.Item>
              <Form.Item name="reason" label="重新抽取理由">
                <Input />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                抽取
              </Button>
            </Form>
          </Card>
        )}
        <Card size="small" title="抽取记录">
          <List
            dataSource={draws.data?.items ?? []}
            renderItem={(d) => (
              <List.Item>
                <Flex vertical style={{ width: '100%' }}>
                  <Typography.Text>
                    {d.batch} 第{d.seq}次 · 种子 <Typography.Text code>{d.seed}</Typography.Text> · 候选
                    {d.enterprisePoolSize}家/执法人员{d.inspectorPoolSize}名{' '}
                    {d.reason && `· 理由：${d.reason}`}{' '}
                    <Button
                      size="small"
                      onClick={() =>
                        enterprisesApi
                          .verify(d.id)
                          .then(
                            (r) => message.info(r.matches ? '复现结果与记录一致' : '复现结果与记录不一致！'),
                            fail,
                          )
                      }
                    >
                      复现
                    </Button>
                  </Typography.Text>
                  {d.result.map((a) => (
                    <Flex key={a.enterpriseId} gap={8} align="center">
                      <span>
                        企业 {a.enterpriseId.slice(-8)}：
                        {a.inspectorIds.map((i) => names.get(i) ?? i).join('、')}
                      </span>
                      <Button
                        size="small"
                        onClick={() =>
                          setRecordFor({
                            draw: d,
                            enterpriseId: a.enterpriseId,
                            inspectorIds: a.inspectorIds,
                          })
                        }
                      >
                        登记检查
                      </Button>
                    </Flex>
                  ))}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
        {recordFor && (
          <Card size="small" title="登记检查记录">
            <Form
              layout="vertical"
              initialValues={{ hazardsFound: 0, result: 'compliant' }}
              onFinish={(v: {
                inspectedOn: { format(f: string): string };
                itemsChecked: string;
                findings: string;
                hazardsFound: number;
                measures?: string;
                result: 'compliant' | 'rectify' | 'penalty';
                penaltyDecisionNumber?: string;
              }) =>
                enterprisesApi
                  .recordInspection({
                    ...v,
                    inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
                    drawId: recordFor.draw.id,
                    enterpriseId: recordFor.enterpriseId,
                    inspectorIds: recordFor.inspectorIds,
                    measures: v.measures ?? null,
                    penaltyDecisionNumber: v.penaltyDecisionNumber ?? null,
                  })
                  .then(() => {
                    setRecordFor(null);
                    inspections.reload();
                  }, fail)
              }
            >
              <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="itemsChecked" label="检查事项" rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="findings" label="检查情况" rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="hazardsFound" label="发现隐患数">
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="measures" label="处理措施">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="result" label="检查结果">
                <Select options={Object.entries(RESULT_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="penaltyDecisionNumber" label="处罚决定文号">
                <Input />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                保存
              </Button>
            </Form>
          </Card>
        )}
        <Table<Inspection>
          rowKey="id"
          size="small"
          dataSource={inspections.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName' },
            { title: '检查日期', dataIndex: 'inspectedOn' },
            { title: '结果', dataIndex: 'result', render: (v: string) => RESULT_LABELS[v] },
            {
              title: '公开期限',
              dataIndex: 'publishDue',
              render: (v: string, r) => (
                <>
                  {v}
                  {r.overdue && <Tag color="red">逾期</Tag>}
                </>
              ),
            },
            {
              title: '公开',
              dataIndex: 'publishedAt',
              render: (v: string | null, r) =>
                v ? (
                  <Tag color="green">已公开</Tag>
                ) : (
                  <Button
                    size="small"
                    onClick={() => enterprisesApi.publishInspection(r.id).then(inspections.reload, fail)}
                  >
                    公开结果
                  </Button>
                ),
            },
          ]}
        />
      </Flex>
    </>
  );
}
