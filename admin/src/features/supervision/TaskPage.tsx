import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { STATE_COLORS, supervisionApi, type TaskDetail } from './api';

type Decision = 'accept' | 'return' | 'withdraw';
const DECISIONS: Record<Decision, { title: string; label: string; required: boolean }> = {
  accept: { title: '验收办结', label: '验收意见（可不填）', required: false },
  return: { title: '退回重办', label: '退回理由', required: true },
  withdraw: { title: '撤回督办', label: '撤回理由', required: true },
};

/** 督办详情: the request, the replies with evidence, the timeline, and the viewer's next step. */
export default function TaskPage({ id }: { id: string }) {
  const q = useQuery((s) => supervisionApi.task(id, s), [id]);
  const [replyText, setReplyText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const t = q.data;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      q.reload();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!t) return q.error ? <ProblemAlert error={q.error} onRetry={q.reload} /> : <Card loading />;
  const can = (a: TaskDetail['actions'][number]) => t.actions.includes(a);
  const pendingFiles = t.files.filter((f) => f.round === null);
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {t.title}
            <Tag color={STATE_COLORS[t.state]}>{t.stateLabel}</Tag>
            {t.overdue ? <Tag color="red">逾期{-(t.workdaysLeft ?? 0)}个工作日</Tag> : null}
          </Space>
        }
        description={<Link to="/supervision/tasks">返回督办事项</Link>}
        extra={
          <>
            {can('accept') ? (
              <Button type="primary" onClick={() => setDecision('accept')}>
                验收办结
              </Button>
            ) : null}
            {can('return') ? <Button onClick={() => setDecision('return')}>退回重办</Button> : null}
            {can('withdraw') ? (
              <Button danger onClick={() => setDecision('withdraw')}>
                撤回
              </Button>
            ) : null}
          </>
        }
      />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="编号">{t.number}</Descriptions.Item>
          <Descriptions.Item label="下达单位">
            {t.issuerOrgName}（{t.issuedByName}）
          </Descriptions.Item>
          <Descriptions.Item label="被督办单位">
            {t.targetOrgId === t.targetAgencyId
              ? t.targetOrgName
              : `${t.targetAgencyName} / ${t.targetOrgName}`}
          </Descriptions.Item>
          <Descriptions.Item label="办理期限">
            {t.issuedOn}下达，{t.workdays}个工作日，{t.dueOn}前答复
            {t.dueEstimated ? '（节假日安排未发布，期限为预估）' : ''}
          </Descriptions.Item>
          {t.source ? (
            <Descriptions.Item label="来源记录">
              <Link to={t.source.link}>{t.source.label}</Link>
            </Descriptions.Item>
          ) : null}
          {t.closedOn ? (
            <Descriptions.Item label="办结">
              {t.closedOn}
              {t.closedOnTime === null ? '' : t.closedOnTime ? '（按期）' : '（逾期答复）'}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
          督办要求
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.body}</Typography.Paragraph>
        {t.returnReason && t.state === 'returned' ? (
          <Alert type="warning" showIcon title={`退回理由：${t.returnReason}`} />
        ) : null}
      </Card>

      {t.replyText ? (
        <Card
          title={`办理情况（第${t.round}次答复，${t.repliedByName ?? ''} ${t.repliedOn ?? ''}）`}
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.replyText}</Typography.Paragraph>
        </Card>
      ) : null}

      {can('reply') ? (
        <Card title="答复督办" style={{ marginBottom: 16 }}>
          <label htmlFor="gk-reply" style={{ display: 'block', marginBottom: 4 }}>
            办理情况
          </label>
          <Input.TextArea
            id="gk-reply"
            rows={5}
            maxLength={10000}
            showCount
            value={replyText}
            onChange={(e) => setReplyText(e.target.value)}
            placeholder="写明整改措施和结果；佐证材料请在下方上传。"
          />
          <Space direction="vertical" style={{ marginTop: 12, width: '100%' }}>
            <Upload
              multiple
              showUploadList={false}
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              beforeUpload={(file) => {
                void run(() => supervisionApi.attach(t.id, file));
                return false;
              }}
            >
              <Button loading={busy}>上传佐证材料</Button>
            </Upload>
            <Typography.Text type="secondary">
              支持 PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx），单个不超过10MB；上传后随本次答复提交。
              {pendingFiles.length ? `已上传${pendingFiles.length}份待提交。` : ''}
            </Typography.Text>
            <Button
              type="primary"
              loading={busy}
              disabled={!replyText.trim()}
              onClick={() =>
                void run(() => supervisionApi.reply(t.id, replyText.trim())).then(
                  (ok) => ok && setReplyText(''),
                )
              }
            >
              提交答复
            </Button>
          </Space>
        </Card>
      ) : null}

      <Card title="佐证材料" style={{ marginBottom: 16 }}>
        {t.files.length === 0 ? (
          <Typography.Text type="secondary">暂无佐证材料</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {t.files.map((f) => (
              <li key={f.id}>
                <a href={supervisionApi.fileUrl(t.id, f.id)}>{f.fileName}</a>（{Math.ceil(f.sizeBytes / 1024)}{' '}
                KB，
                {f.uploadedByName}，{f.round === null ? '待随答复提交' : `第${f.round}次答复`}）
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="办理记录">
        <Timeline
          items={t.events.map((e) => ({
            color:
              e.action === 'returned' || e.action === 'overdue_notified'
                ? 'red'
                : e.action === 'accepted'
                  ? 'green'
                  : 'blue',
            children: (
              <>
                <Typography.Text strong>{e.actionLabel}</Typography.Text>　{e.orgName} {e.actorName}　
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
              </>
            ),
          }))}
        />
      </Card>

      <Modal
        open={decision !== null}
        title={decision ? DECISIONS[decision].title : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: decision !== null && DECISIONS[decision].required && !reason.trim() }}
        onCancel={() => setDecision(null)}
        onOk={() => {
          if (!decision) return;
          const text = reason.trim();
          void run(() =>
            decision === 'accept'
              ? supervisionApi.accept(t.id, text)
              : decision === 'return'
                ? supervisionApi.return(t.id, text)
                : supervisionApi.withdraw(t.id, text),
          ).then((ok) => {
            if (ok) {
              setDecision(null);
              setReason('');
            }
          });
        }}
      >
        <label htmlFor="gk-reason" style={{ display: 'block', marginBottom: 4 }}>
          {decision ? DECISIONS[decision].label : ''}
        </label>
        <Input.TextArea
          id="gk-reason"
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
