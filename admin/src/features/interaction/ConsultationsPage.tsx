import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { formFieldErrors } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { interactionApi, type Consultation } from './api';
import { catalogApi } from '../catalog/api';

/**
 * Picks the catalog item that is the draft under consultation (征集 of a document published in the
 * 公开目录), searching the agency's items by title as the clerk types.
 */
function DraftItemPicker(props: { value?: string; onChange?: (v: string | undefined) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = async (q: string) => {
    setLoading(true);
    try {
      const page = await catalogApi.items({ q: q.trim() || undefined, pageSize: 20 });
      setOptions(
        page.items.map((i) => ({ value: i.id, label: `${i.title}（${i.indexNumber ?? '未编号'}）` })),
      );
    } catch {
      setOptions([]);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Select
      showSearch
      allowClear
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      onSearch={(q) => void search(q)}
      onOpenChange={(open) => open && options.length === 0 && void search('')}
      filterOption={false}
      loading={loading}
      options={options}
      placeholder="输入标题搜索本机关的主动公开信息（可不选）"
      notFoundContent={loading ? '正在搜索…' : '没有找到'}
    />
  );
}

function NewConsultation({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: Record<string, unknown>) => {
    const [opens, closes] = v.period as [dayjs.Dayjs, dayjs.Dayjs];
    try {
      await interactionApi.createConsultation({
        title: v.title as string,
        summary: v.summary as string,
        draftText: v.draftText as string,
        majorDecision: Boolean(v.majorDecision),
        shortPeriodReason: (v.shortPeriodReason as string) || null,
        catalogItemId: (v.catalogItemId as string | undefined) ?? null,
        opensOn: opens.format('YYYY-MM-DD'),
        closesOn: closes.format('YYYY-MM-DD'),
        commentDisplay: v.commentDisplay as 'moderated' | 'hidden',
      });
      form.resetFields();
      setError(null);
      onDone();
    } catch (e) {
      setError(e);
      form.setFields(
        formFieldErrors(e).map((f) =>
          f.name[0] === 'closesOn' || f.name[0] === 'opensOn' ? { ...f, name: ['period'] } : f,
        ),
      );
    }
  };
  return (
    <Card size="small" title="新建意见征集" style={{ marginBottom: 16 }}>
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        onFinish={submit}
        initialValues={{ majorDecision: true, commentDisplay: 'moderated' }}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label="征集说明" rules={[{ required: true, message: '请填写征集说明' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="draftText" label="草案全文" rules={[{ required: true, message: '请填写草案全文' }]}>
          <Input.TextArea rows={8} maxLength={100000} />
        </Form.Item>
        <Form.Item
          name="catalogItemId"
          label="关联的草案信息"
          extra="草案已在政府信息公开目录发布时选择它：门户的该信息页面会显示征集状态并链接到本征集。"
        >
          <DraftItemPicker />
        </Form.Item>
        <Form.Item name="majorDecision" valuePropName="checked">
          <Checkbox>重大行政决策（征求意见期限一般不少于30日）</Checkbox>
        </Form.Item>
        <Form.Item
          name="period"
          label="征集期间"
          rules={[{ required: true, message: '请选择开始和截止日期' }]}
        >
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="shortPeriodReason" label="缩短期限的理由（少于30日时必填）">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="commentDisplay" label="意见展示">
          <Radio.Group
            options={[
              { value: 'moderated', label: '审核后展示' },
              { value: 'hidden', label: '不公开展示' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}

function ConsultationDetail({ id }: { id: string }) {
  const { can } = useAuth();
  const q = useQuery((signal) => interactionApi.consultation(id, signal), [id]);
  const [error, setError] = useState<unknown>(null);
  const [summary, setSummary] = useState('');
  const [finalText, setFinalText] = useState('');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
      setError(null);
      q.reload();
    } catch (e) {
      setError(e);
    }
  };
  const c = q.data;
  if (!c) return <ProblemAlert error={q.error} onRetry={q.reload} />;
  const admin = can('interaction.admin');
  return (
    <div>
      <PageHeader title={c.title} description={`${c.opensOn} 至 ${c.closesOn}　${c.stateLabel}`} />
      <ProblemAlert error={error} />
      {admin && c.state === 'draft' && (
        <Button type="primary" onClick={() => void run(interactionApi.publishConsultation(c.id))}>
          发布
        </Button>
      )}
      <Card size="small" title={`意见（${c.comments.length}）`} style={{ margin: '12px 0' }}>
        <List
          dataSource={c.comments}
          renderItem={(cm) => (
            <List.Item
              actions={
                admin
                  ? [
                      cm.status === 'pending' && c.commentDisplay === 'moderated' && (
                        <a key="a" onClick={() => void run(interactionApi.moderate(cm.id, true))}>
                          展示
                        </a>
                      ),
                      cm.status === 'pending' && (
                        <a key="r" onClick={() => void run(interactionApi.moderate(cm.id, false))}>
                          不予展示
                        </a>
                      ),
                    ].filter(Boolean)
                  : []
              }
            >
              <div style={{ width: '100%' }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {cm.body}
                </Typography.Paragraph>
                <Space wrap>
                  <Typography.Text type="secondary">{cm.author ?? '匿名'}</Typography.Text>
                  <Tag>{{ pending: '待审核', approved: '已展示', rejected: '不予展示' }[cm.status]}</Tag>
                  {cm.adopted !== null && (
                    <Tag color={cm.adopted ? 'green' : 'default'}>{cm.adopted ? '采纳' : '未采纳'}</Tag>
                  )}
                  {admin && (c.state === 'closed' || c.state === 'open') && cm.status !== 'rejected' && (
                    <>
                      <Input
                        size="small"
                        placeholder="采纳说明或未采纳理由"
                        style={{ width: 240 }}
                        value={notes[cm.id] ?? cm.adoptionNote ?? ''}
                        onChange={(e) => setNotes((n) => ({ ...n, [cm.id]: e.target.value }))}
                        aria-label="采纳说明"
                      />
                      <Button
                        size="small"
                        onClick={() => void run(interactionApi.adopt(cm.id, true, notes[cm.id] ?? ''))}
                      >
                        采纳
                      </Button>
                      <Button
                        size="small"
                        onClick={() => void run(interactionApi.adopt(cm.id, false, notes[cm.id] ?? ''))}
                      >
                        不采纳
                      </Button>
                    </>
                  )}
                </Space>
              </div>
            </List.Item>
          )}
        />
      </Card>
      {admin && c.state === 'closed' && (
        <Card size="small" title="公布采纳情况和最终文件">
          <Input.TextArea
            rows={4}
            placeholder="采纳情况说明"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            maxLength={20000}
            aria-label="采纳情况说明"
          />
          <Input.TextArea
            rows={6}
            placeholder="最终文件全文"
            style={{ marginTop: 8 }}
            value={finalText}
            onChange={(e) => setFinalText(e.target.value)}
            maxLength={100000}
            aria-label="最终文件"
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            onClick={() =>
              void run(interactionApi.publishResult(c.id, { adoptionSummary: summary, finalText }))
            }
          >
            公布
          </Button>
        </Card>
      )}
      {c.resultPublishedAt && (
        <Card size="small" title="已公布的采纳情况">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.adoptionSummary}</Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}

/** 意见征集: list, create, moderate, adoption and the published result. */
export default function ConsultationsPage() {
  const { path } = useRoute();
  const { can } = useAuth();
  const id = /^\/interaction\/consultations\/([^/]+)$/.exec(path)?.[1];
  const list = useQuery((signal) => interactionApi.consultations(signal), []);
  if (id) return <ConsultationDetail id={id} />;
  return (
    <div>
      <PageHeader
        title="意见征集"
        description="草案公开征求意见：重大行政决策一般不少于30日；结束后公布意见采纳情况和最终文件。"
      />
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table<Consultation>
        rowKey="id"
        size="small"
        style={{ marginBottom: 16 }}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/interaction/consultations/${r.id}`}>{v}</Link>,
          },
          { title: '开始', dataIndex: 'opensOn' },
          { title: '截止', dataIndex: 'closesOn' },
          { title: '状态', dataIndex: 'stateLabel' },
          { title: '意见', dataIndex: 'commentCount' },
          { title: '采纳', dataIndex: 'adoptedCount' },
        ]}
      />
      {can('interaction.admin') && <NewConsultation onDone={list.reload} />}
    </div>
  );
}
