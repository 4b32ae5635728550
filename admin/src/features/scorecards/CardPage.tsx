import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { FileExcelOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { readBase64, scorecardsApi, type CardItem, type CardView, type ContestView } from './api';

const STATUS_COLORS: Record<CardItem['status'], string> = {
  scored: 'green',
  not_applicable: 'blue',
  unavailable: 'default',
  pending: 'gold',
};

/** The records behind an item: links into the console where the record lives. */
function Records({ item }: { item: CardItem }) {
  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <strong>评分规则：</strong>
        {item.ruleText}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <strong>得分说明：</strong>
        {item.explanation}
      </Typography.Paragraph>
      {item.sourceNote ? (
        <Typography.Paragraph type="secondary">{item.sourceNote}</Typography.Paragraph>
      ) : null}
      {item.manual ? (
        <Typography.Paragraph>
          <strong>佐证材料：</strong>
          {item.manual.evidence}
          {item.manual.attachmentName ? (
            <>
              {' '}
              <a href={scorecardsApi.attachmentUrl(item.manual.id)}>{item.manual.attachmentName}</a>
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      {item.records.length > 0 ? (
        <List
          size="small"
          header={`${item.recordsLabel ?? '依据记录'}（共${item.recordsTotal}项${item.records.length < item.recordsTotal ? `，列出${item.records.length}项` : ''}）`}
          dataSource={item.records}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                {r.href ? <a href={r.href}>{r.label}</a> : <span>{r.label}</span>}
                {r.note ? <Typography.Text type="secondary">{r.note}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      ) : item.status === 'scored' && item.kind !== 'manual' && item.recordsTotal === 0 ? (
        <Typography.Text type="secondary">没有扣分记录。</Typography.Text>
      ) : null}
    </div>
  );
}

function ContestModal(props: {
  card: CardView;
  item: CardItem | null;
  onClose: () => void;
  onDone: (c: CardView) => void;
}) {
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!props.item) return;
    setBusy(true);
    try {
      const c = await scorecardsApi.contest(props.card.id, { indicatorId: props.item.indicatorId, reason });
      message.success('申诉已提交，等待考核方答复');
      setReason('');
      props.onDone(c);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`对“${props.item?.name ?? ''}”提出申诉`}
      open={props.item !== null}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText="提交申诉"
      okButtonProps={{ disabled: !reason.trim() }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        请说明得分有误的理由和依据（如记录已按期办结、数据统计有误等），考核方将答复并决定是否调整得分。
      </Typography.Paragraph>
      <label htmlFor="contest-reason">申诉理由</label>
      <Input.TextArea
        id="contest-reason"
        rows={4}
        maxLength={2000}
        showCount
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

function AnswerModal(props: {
  contest: ContestView | null;
  item: CardItem | undefined;
  onClose: () => void;
  onDone: (c: CardView) => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ accept: boolean; reply: string; score?: number }>();
  const [busy, setBusy] = useState(false);
  const accept = Form.useWatch('accept', form);
  const submit = async () => {
    if (!props.contest) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const c = await scorecardsApi.answer(props.contest.id, {
        accept: v.accept,
        reply: v.reply,
        score: v.accept ? (v.score ?? null) : null,
      });
      message.success(v.accept ? '已采纳并重新评分' : '已答复（不予采纳）');
      props.onDone(c);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="答复申诉"
      open={props.contest !== null}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText="提交答复"
      confirmLoading={busy}
      destroyOnHidden
    >
      {props.contest ? (
        <Typography.Paragraph>
          <strong>{props.contest.indicatorName}</strong>（当前{props.contest.before ?? '—'}分）：
          {props.contest.reason}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ accept: false }} preserve={false}>
        <Form.Item name="accept" label="处理结果">
          <Radio.Group
            options={[
              { value: true, label: '采纳，调整得分' },
              { value: false, label: '不予采纳' },
            ]}
          />
        </Form.Item>
        {accept ? (
          <Form.Item
            name="score"
            label={`调整后的得分（0–${props.item?.weight ?? 100}分）`}
            rules={[{ required: true, message: '请填写调整后的得分' }]}
          >
            <InputNumber min={0} max={props.item?.weight ?? 100} step={0.5} precision={2} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reply"
          label={accept ? '采纳理由' : '不予采纳的理由'}
          rules={[{ required: true, whitespace: true, message: '请填写答复意见' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ManualModal(props: {
  card: CardView;
  item: CardItem | null;
  onClose: () => void;
  onDone: (c: CardView) => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ score: number; evidence: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!props.item) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const attachment = file ? { fileName: file.name, contentBase64: await readBase64(file) } : null;
      const c = await scorecardsApi.manual(props.card.set.id, {
        indicatorId: props.item.indicatorId,
        agencyId: props.card.agencyId,
        score: v.score,
        evidence: v.evidence,
        attachment,
      });
      message.success('已评分');
      setFile(null);
      props.onDone(c);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`评分：${props.item?.name ?? ''}`}
      open={props.item !== null}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText="保存评分"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ score: props.item?.manual?.score, evidence: props.item?.manual?.evidence }}
      >
        <Form.Item
          name="score"
          label={`得分（0–${props.item?.weight ?? 0}分）`}
          rules={[{ required: true, message: '请填写得分' }]}
        >
          <InputNumber min={0} max={props.item?.weight ?? 100} step={0.5} precision={2} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label="评分依据"
          rules={[{ required: true, whitespace: true, message: '请说明评分依据' }]}
          extra="写明查阅了哪些材料、扣分的原因。"
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item label="佐证材料（可选，不超过10MB）">
          <Upload
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CardPage({ id }: { id: string }) {
  const { navigate } = useRoute();
  const q = useQuery((signal) => scorecardsApi.card(id, signal), [id]);
  const [card, setCard] = useState<CardView | null>(null);
  const [contesting, setContesting] = useState<CardItem | null>(null);
  const [answering, setAnswering] = useState<ContestView | null>(null);
  const [scoring, setScoring] = useState<CardItem | null>(null);
  const v = card && card.id === id ? card : q.data;
  const update = (c: CardView) => {
    setCard(c);
    setContesting(null);
    setAnswering(null);
    setScoring(null);
  };
  const openContest = (indicatorId: string) =>
    v?.contests.some((c) => c.indicatorId === indicatorId && c.state === 'open');
  return (
    <>
      <PageHeader
        title={v ? `${v.agencyName} · ${v.set.periodLabel}考核结果` : '考核结果'}
        description="每项得分都附有评分规则、得分说明和依据记录；点开一行查看记录，点记录可跳转到该记录。"
        extra={
          v ? (
            <>
              <Button onClick={() => navigate(v.canManage ? `/scorecards/sets/${v.set.id}` : '/scorecards')}>
                返回
              </Button>
              <Button icon={<FileWordOutlined />} href={scorecardsApi.cardDocxUrl(v.id)}>
                导出（Word）
              </Button>
              <Button icon={<FileExcelOutlined />} href={scorecardsApi.cardXlsxUrl(v.id)}>
                导出（Excel）
              </Button>
            </>
          ) : null
        }
      />
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {v ? (
        <>
          {v.outdated ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="考核指标已修改，本结果尚未重新计算。"
            />
          ) : null}
          {v.provisional ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="部分指标未接入数据或待评分，暂不计入得分和可得分。"
            />
          ) : null}
          {v.notApplicable > 0 ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`本期无应计事项的指标为“不适用”（共${v.notApplicable}分），不得分也不扣分，不计入可得分。`}
            />
          ) : null}
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 2, lg: 4 }}>
              <Descriptions.Item label="得分">
                <strong style={{ fontSize: 20 }} data-testid="card-total">
                  {v.total}
                </strong>
                &nbsp;/ 可得分 {v.scoredMax}（指标满分 {v.max}）
              </Descriptions.Item>
              <Descriptions.Item label="得分率">
                <span data-testid="card-share">{v.share === null ? '—（无可得分指标）' : `${v.share}%`}</span>
              </Descriptions.Item>
              <Descriptions.Item label="等次">{v.grade ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="名次">{v.rank ? `${v.rank} / ${v.rankOf}` : '—'}</Descriptions.Item>
              <Descriptions.Item label="数据截至">
                {v.asOf}（计算于{formatDateTime(v.computedAt)}）
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="各项得分" style={{ marginBottom: 16 }}>
            <Table<CardItem>
              rowKey="indicatorId"
              dataSource={v.items}
              pagination={false}
              expandable={{ expandedRowRender: (item) => <Records item={item} />, expandRowByClick: false }}
              columns={[
                { title: '指标', dataIndex: 'name' },
                { title: '分值', dataIndex: 'weight', align: 'right', width: 70 },
                {
                  title: '得分',
                  align: 'right',
                  width: 90,
                  render: (_, i) =>
                    i.score === null ? (
                      '—'
                    ) : i.adjustment ? (
                      <span title={`原得分${i.computedScore}`}>{i.score}*</span>
                    ) : (
                      i.score
                    ),
                },
                {
                  title: '状态',
                  width: 150,
                  render: (_, i) => <Tag color={STATUS_COLORS[i.status]}>{i.statusLabel}</Tag>,
                },
                { title: '得分说明', dataIndex: 'explanation', ellipsis: true },
                {
                  title: '操作',
                  width: 120,
                  render: (_, i) => (
                    <Space size={4}>
                      {v.canManage && i.kind === 'manual' ? (
                        <Button size="small" onClick={() => setScoring(i)}>
                          {i.manual ? '修改评分' : '评分'}
                        </Button>
                      ) : null}
                      {v.canContest && i.status === 'scored' && !openContest(i.indicatorId) ? (
                        <Button size="small" onClick={() => setContesting(i)}>
                          申诉
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card title="申诉">
            <Table<ContestView>
              rowKey="id"
              dataSource={v.contests}
              pagination={false}
              locale={{
                emptyText: v.canContest
                  ? '没有申诉。对某项得分有异议的，点该行的“申诉”。'
                  : '被考核机关尚未提出申诉。',
              }}
              columns={[
                { title: '指标', dataIndex: 'indicatorName' },
                { title: '申诉理由', dataIndex: 'reason' },
                { title: '提出时间', render: (_, c) => formatDateTime(c.createdAt) },
                {
                  title: '处理结果',
                  render: (_, c) => (
                    <Tag color={c.state === 'open' ? 'orange' : c.state === 'accepted' ? 'green' : 'default'}>
                      {c.stateLabel}
                    </Tag>
                  ),
                },
                { title: '答复意见', render: (_, c) => c.reply ?? '—' },
                {
                  title: '',
                  render: (_, c) =>
                    v.canManage && c.state === 'open' ? (
                      <Button size="small" type="primary" onClick={() => setAnswering(c)}>
                        答复
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
          <ContestModal card={v} item={contesting} onClose={() => setContesting(null)} onDone={update} />
          <AnswerModal
            contest={answering}
            item={v.items.find((i) => i.indicatorId === answering?.indicatorId)}
            onClose={() => setAnswering(null)}
            onDone={update}
          />
          <ManualModal card={v} item={scoring} onClose={() => setScoring(null)} onDone={update} />
        </>
      ) : null}
    </>
  );
}
