import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  CalculatorOutlined,
  DeleteOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Link, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { scorecardsApi, type IndicatorInput, type RankingRow, type ScoringRule, type SetDetail } from './api';

function RankingTab({ set }: { set: SetDetail }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const q = useQuery((signal) => scorecardsApi.ranking(set.id, signal), [set.id]);
  const compute = async () => {
    setBusy(true);
    try {
      await scorecardsApi.compute(set.id);
      message.success('已重新计算全部机关的考核结果');
      q.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const rows = q.data?.rows ?? [];
  const outdated = rows.some((r) => r.outdated);
  return (
    <>
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {q.data && q.data.unavailable.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`未接入数据的指标：${q.data.unavailable.join('、')}`}
          description="这些指标的数据来源尚未接入，不计分（既不记0分也不记满分），合计只含已评分的指标。"
        />
      ) : null}
      {outdated ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="指标已修改，部分机关的结果需要重新计算。"
        />
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<CalculatorOutlined />} loading={busy} onClick={() => void compute()}>
          {rows.some((r) => r.cardId) ? '重新计算' : '计算考核结果'}
        </Button>
        <Button icon={<FileExcelOutlined />} href={scorecardsApi.rankingXlsxUrl(set.id)}>
          导出排名（Excel）
        </Button>
        <Button icon={<FileWordOutlined />} href={scorecardsApi.rankingDocxUrl(set.id)}>
          导出排名（Word）
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按得分率排名：得分率＝得分÷可得分。本期无应计事项的指标为“不适用”，不得分也不扣分，不计入可得分；
        未接入数据、待评分的指标暂不计入。
      </Typography.Paragraph>
      <Table<RankingRow>
        rowKey="agencyId"
        loading={q.loading}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: <Empty description="本机关之下没有被考核的机关" /> }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 70, render: (r: number | null) => r ?? '—' },
          {
            title: '机关',
            render: (_, r) =>
              r.cardId ? <Link to={`/scorecards/cards/${r.cardId}`}>{r.agencyName}</Link> : r.agencyName,
          },
          {
            title: '得分',
            align: 'right',
            render: (_, r) => (r.total === null ? '尚未计算' : <strong>{r.total}</strong>),
          },
          { title: '可得分', align: 'right', render: (_, r) => r.scoredMax ?? '—' },
          {
            title: '得分率',
            align: 'right',
            render: (_, r) => (r.share === null ? '—' : `${r.share}%`),
          },
          { title: '等次', render: (_, r) => r.grade ?? '—' },
          {
            title: '说明',
            render: (_, r) => (
              <Space size={4} wrap>
                {r.provisional ? <Tag>部分指标未计分</Tag> : null}
                {r.cardId && r.scoredMax === 0 ? <Tag>无可得分指标，不排名</Tag> : null}
                {r.outdated ? <Tag color="blue">需重新计算</Tag> : null}
                {r.openContests ? <Tag color="orange">待答复申诉 {r.openContests}</Tag> : null}
              </Space>
            ),
          },
          { title: '计算时间', render: (_, r) => (r.computedAt ? formatDateTime(r.computedAt) : '—') },
        ]}
      />
    </>
  );
}

type Row = IndicatorInput & { key: string };

function ruleEditor(row: Row, measure: string | undefined, onChange: (rule: ScoringRule) => void) {
  const r = row.rule;
  if (row.kind === 'manual')
    return <Typography.Text type="secondary">考核人员依据佐证材料评分</Typography.Text>;
  const type = r.type === 'manual' ? (measure === 'rate' ? 'rate_linear' : 'per_item') : r.type;
  return (
    <Space wrap size={4}>
      <Select
        aria-label="评分规则"
        size="small"
        value={type}
        style={{ width: 120 }}
        onChange={(t) =>
          onChange(
            t === 'rate_linear'
              ? { type: 'rate_linear', full: 0.95, zero: 0.6 }
              : { type: 'per_item', deduction: 1, free: 0 },
          )
        }
        options={[
          ...(measure === 'rate' ? [{ value: 'rate_linear', label: '按比率计分' }] : []),
          { value: 'per_item', label: '按项扣分' },
        ]}
      />
      {r.type === 'rate_linear' ? (
        <>
          达到
          <InputNumber
            aria-label="满分线（%）"
            size="small"
            min={1}
            max={100}
            value={Math.round(r.full * 1000) / 10}
            onChange={(v) => onChange({ ...r, full: (v ?? 0) / 100 })}
          />
          %满分，不高于
          <InputNumber
            aria-label="0分线（%）"
            size="small"
            min={0}
            max={99}
            value={Math.round(r.zero * 1000) / 10}
            onChange={(v) => onChange({ ...r, zero: (v ?? 0) / 100 })}
          />
          %得0分
        </>
      ) : r.type === 'per_item' ? (
        <>
          每项扣
          <InputNumber
            aria-label="每项扣分"
            size="small"
            min={0.01}
            step={0.5}
            value={r.deduction}
            onChange={(v) => onChange({ ...r, deduction: v ?? 0 })}
          />
          分，
          <InputNumber
            aria-label="免扣项数"
            size="small"
            min={0}
            step={1}
            precision={0}
            value={r.free}
            onChange={(v) => onChange({ ...r, free: v ?? 0 })}
          />
          项以内不扣
        </>
      ) : null}
    </Space>
  );
}

function IndicatorsTab({ set, onSaved }: { set: SetDetail; onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [title, setTitle] = useState(set.title);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const metrics = useQuery((signal) => scorecardsApi.metrics(signal), []);
  useEffect(() => {
    setRows(
      set.indicators.map((i) => ({
        id: i.id,
        key: i.id,
        kind: i.kind,
        name: i.name,
        weight: i.weight,
        rule: i.rule,
        description: i.description,
      })),
    );
    setTitle(set.title);
  }, [set]);
  const measureOf = (kind: string) => metrics.data?.metrics.find((m) => m.key === kind);
  const patch = (key: string, p: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const total = rows.reduce((s, r) => s + (r.weight || 0), 0);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await scorecardsApi.update(set.id, {
        title,
        note: set.note,
        indicators: rows.map(({ key: _k, ...r }) => r),
      });
      message.success('已保存。已计算的结果标记为需重新计算');
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  if (!set.canManage) return null;
  return (
    <>
      <Typography.Paragraph type="secondary">
        自动指标从各机关的业务数据计算；人工指标由考核人员逐个机关评分并上传佐证材料。各项分值合计须为100分。
        标“未接入数据”的指标暂无数据来源，计算时不计分。
      </Typography.Paragraph>
      <ProblemAlert error={error} />
      <Space style={{ marginBottom: 12 }} wrap>
        <label>
          考核名称 <Input style={{ width: 360 }} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </Space>
      <Table<Row>
        rowKey="key"
        dataSource={rows}
        pagination={false}
        size="small"
        columns={[
          {
            title: '数据来源',
            width: 230,
            render: (_, r) => (
              <Space direction="vertical" size={2}>
                <Select
                  aria-label="数据来源"
                  size="small"
                  style={{ width: 210 }}
                  value={r.kind}
                  onChange={(kind) => {
                    const m = measureOf(kind);
                    patch(r.key, {
                      kind,
                      name: m?.label ?? r.name,
                      rule:
                        kind === 'manual'
                          ? { type: 'manual' }
                          : m?.measure === 'rate'
                            ? { type: 'rate_linear', full: 0.95, zero: 0.6 }
                            : { type: 'per_item', deduction: 1, free: 0 },
                    });
                  }}
                  options={(metrics.data?.metrics ?? []).map((m) => ({ value: m.key, label: m.label }))}
                />
                {measureOf(r.kind) && !measureOf(r.kind)!.available ? (
                  <Tag color="warning">未接入数据</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: '指标名称',
            render: (_, r) => (
              <Input
                aria-label="指标名称"
                size="small"
                value={r.name}
                onChange={(e) => patch(r.key, { name: e.target.value })}
              />
            ),
          },
          {
            title: '分值',
            width: 90,
            render: (_, r) => (
              <InputNumber
                aria-label="分值"
                size="small"
                min={0.1}
                max={100}
                step={1}
                value={r.weight}
                onChange={(v) => patch(r.key, { weight: v ?? 0 })}
              />
            ),
          },
          {
            title: '评分规则',
            render: (_, r) => ruleEditor(r, measureOf(r.kind)?.measure, (rule) => patch(r.key, { rule })),
          },
          {
            title: '',
            width: 50,
            render: (_, r) => (
              <Button
                aria-label="删除指标"
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
              />
            ),
          },
        ]}
        footer={() => (
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                setRows((rs) => [
                  ...rs,
                  { key: `new-${Date.now()}`, kind: 'manual', name: '', weight: 5, rule: { type: 'manual' } },
                ])
              }
            >
              添加指标
            </Button>
            <Typography.Text type={Math.abs(total - 100) < 1e-6 ? 'success' : 'danger'}>
              分值合计 {Math.round(total * 10) / 10} 分{Math.abs(total - 100) < 1e-6 ? '' : '（须为100分）'}
            </Typography.Text>
          </Space>
        )}
      />
      <Button type="primary" style={{ marginTop: 12 }} loading={saving} onClick={() => void save()}>
        保存指标
      </Button>
    </>
  );
}

export default function SetPage({ id }: { id: string }) {
  const { message } = AntApp.useApp();
  const { navigate } = useRoute();
  const q = useQuery((signal) => scorecardsApi.set(id, signal), [id]);
  const [tab, setTab] = useState('ranking');
  const set = q.data;
  return (
    <>
      <PageHeader
        title={set ? set.title : '考核'}
        description={
          set
            ? `${set.periodLabel}（${set.from} 至 ${set.to}），${set.indicators.length}项指标，修订第${set.revision}版`
            : undefined
        }
        extra={
          <>
            <Button onClick={() => navigate('/scorecards')}>返回考核列表</Button>
            {set?.canManage ? (
              <Popconfirm
                title="删除该考核及已计算的结果？"
                description="已有申诉的考核不能删除。"
                onConfirm={async () => {
                  try {
                    await scorecardsApi.remove(id);
                    message.success('已删除');
                    navigate('/scorecards');
                  } catch (e) {
                    message.error(messageOf(e));
                  }
                }}
              >
                <Button danger>删除</Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {set ? (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'ranking', label: '得分排名', children: <RankingTab set={set} /> },
              {
                key: 'indicators',
                label: '指标设置',
                children: <IndicatorsTab set={set} onSaved={q.reload} />,
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
