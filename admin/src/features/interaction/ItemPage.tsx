import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '../../api/hooks';
import { orgsApi, usersApi } from '../../api/endpoints';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { interactionApi, type ItemDetail, type Preview } from './api';
import { DueCell, StatusTag } from './common';

/** Audit actions of an item, in the clerk's words. */
const ACTION_LABELS: Record<string, string> = {
  submitted: '网站提交',
  registered: '登记',
  order_received: '接收12345工单',
  received_by_transfer: '转来',
  accepted: '受理',
  not_accepted: '不予受理',
  transferred: '转办',
  converted: '转依申请公开',
  merged: '合并',
  assigned: '分办',
  drafted: '拟写答复',
  scan_confirmed: '确认保密审查',
  submitted_for_sign_off: '提交签发',
  sign_off_returned: '签发退回',
  signed_off: '签发',
  replied: '答复',
  rated: '评价',
  reopened: '不满意，重新办理',
  archived: '归档',
  case_filed: '立案',
  published: '选登',
  unpublished: '撤下选登',
  identity_viewed: '查看身份',
  query_code_reset: '重置查询码',
};

type Field =
  | { name: string; label: string; kind: 'text' | 'textarea'; required?: boolean; max: number }
  | { name: string; label: string; kind: 'date'; required?: boolean }
  | {
      name: string;
      label: string;
      kind: 'select';
      options: { value: string; label: string }[];
      required?: boolean;
    };

interface ActionSpec {
  action: string;
  title: string;
  fields: Field[];
  initial?: Record<string, unknown>;
}

/** A modal that collects an action's fields and posts it; errors are shown as the server words them. */
function ActionModal({
  item,
  spec,
  onClose,
  onDone,
}: {
  item: ItemDetail;
  spec: ActionSpec;
  onClose: () => void;
  onDone: (d: ItemDetail) => void;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    for (const f of spec.fields)
      if (f.kind === 'date' && v[f.name]) v[f.name] = dayjs(v[f.name] as string).format('YYYY-MM-DD');
    setBusy(true);
    try {
      onDone(await interactionApi.action(item.id, spec.action, v));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={spec.title}
      okText="确定"
      cancelText="取消"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" initialValues={spec.initial}>
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
          >
            {f.kind === 'textarea' ? (
              <Input.TextArea rows={6} maxLength={f.max} showCount aria-label={f.label} />
            ) : f.kind === 'text' ? (
              <Input maxLength={f.max} aria-label={f.label} />
            ) : f.kind === 'date' ? (
              <DatePicker aria-label={f.label} />
            ) : f.kind === 'select' ? (
              <Select options={f.options} aria-label={f.label} />
            ) : null}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function AssignModal({
  item,
  onClose,
  onDone,
}: {
  item: ItemDetail;
  onClose: () => void;
  onDone: (d: ItemDetail) => void;
}) {
  const { agency } = useAuth();
  const orgId = agency?.id ?? '';
  const orgs = useQuery((signal) => orgsApi.list(signal), []);
  const users = useQuery((signal) => usersApi.list({ orgId, pageSize: 100 }, signal), [orgId]);
  const divisions = (orgs.data ?? []).filter(
    (o) => o.kind === 'division' && o.parentId === orgId && !o.retired,
  );
  const spec: ActionSpec = {
    action: 'assign',
    title: '分办',
    initial: { divisionId: item.divisionId ?? undefined },
    fields: [
      {
        name: 'divisionId',
        label: '承办科室',
        kind: 'select',
        required: true,
        options: divisions.map((d) => ({ value: d.id, label: d.name })),
      },
      {
        name: 'handlerId',
        label: '承办人',
        kind: 'select',
        required: true,
        options: (users.data?.items ?? [])
          .filter((u) => !u.disabled)
          .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
      },
    ],
  };
  return <ActionModal item={item} spec={spec} onClose={onClose} onDone={onDone} />;
}

function DraftModal({
  item,
  onClose,
  onDone,
}: {
  item: ItemDetail;
  onClose: () => void;
  onDone: (d: ItemDetail) => void;
}) {
  const [text, setText] = useState(item.draftReply ?? '');
  const [error, setError] = useState<unknown>(null);
  const snippets = useQuery((signal) => interactionApi.snippets(signal), []);
  const save = async () => {
    try {
      onDone(await interactionApi.action(item.id, 'draft', { text }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      width={720}
      title="拟写答复（保存时自动进行保密审查扫描）"
      okText="保存"
      cancelText="取消"
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert error={error ?? snippets.error} />
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>插入常用答复：</Typography.Text>
        {(snippets.data ?? []).map((s) => (
          <Button key={s.id} size="small" onClick={() => setText((t) => (t ? `${t}\n${s.body}` : s.body))}>
            {s.title}
          </Button>
        ))}
      </Space>
      <Input.TextArea
        rows={12}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={10000}
        showCount
        aria-label="答复内容"
      />
    </Modal>
  );
}

function PublishModal({
  item,
  onClose,
  onDone,
}: {
  item: ItemDetail;
  onClose: () => void;
  onDone: (d: ItemDetail) => void;
}) {
  const [edits, setEdits] = useState<{ subject?: string; question?: string; reply?: string }>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async (e = edits) => {
    try {
      setPreview(await interactionApi.preview(item.id, e));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const publish = async () => {
    try {
      onDone(await interactionApi.action(item.id, 'publish', edits));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      width={760}
      title="选登预览"
      okText="确认公开"
      cancelText="取消"
      onOk={publish}
      onCancel={onClose}
      afterOpenChange={(o) => o && void load()}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      {preview && (
        <>
          {preview.removed.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              message={`已去除：${preview.removed.map((r) => `${r.kind}${r.count}处`).join('、')}`}
            />
          )}
          {preview.blocking.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={`含不得公开的内容：${preview.blocking.map((b) => b.labelZh).join('、')}`}
            />
          )}
          <Form layout="vertical">
            <Form.Item label="公开标题">
              <Input
                defaultValue={preview.subject}
                maxLength={100}
                onChange={(e) => setEdits((x) => ({ ...x, subject: e.target.value }))}
              />
            </Form.Item>
            <Form.Item label="公开的来信内容">
              <Input.TextArea
                rows={5}
                defaultValue={preview.question}
                maxLength={5000}
                onChange={(e) => setEdits((x) => ({ ...x, question: e.target.value }))}
              />
            </Form.Item>
            <Form.Item label="公开的答复内容">
              <Input.TextArea
                rows={5}
                defaultValue={preview.reply}
                maxLength={10000}
                onChange={(e) => setEdits((x) => ({ ...x, reply: e.target.value }))}
              />
            </Form.Item>
          </Form>
          <Button onClick={() => void load()}>重新扫描</Button>
        </>
      )}
    </Modal>
  );
}

function UnmaskModal({ item, onClose }: { item: ItemDetail; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [who, setWho] = useState<Awaited<ReturnType<typeof interactionApi.unmask>> | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title="查看来信人身份（记入审计日志）"
      okText={who ? '关闭' : '查看'}
      cancelText="取消"
      onOk={async () => {
        if (who) return onClose();
        try {
          setWho(await interactionApi.unmask(item.id, reason));
        } catch (e) {
          setError(e);
        }
      }}
      onCancel={onClose}
    >
      <ProblemAlert error={error} />
      {who ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="姓名">{who.name}</Descriptions.Item>
          <Descriptions.Item label="电话">{who.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="邮箱">{who.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址">{who.address ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Input.TextArea
          rows={3}
          placeholder="查看理由（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          aria-label="查看理由"
        />
      )}
    </Modal>
  );
}

/** One item: content, clock explanation, the actions its status and the user's permissions allow, history. */
export default function ItemPage({ id }: { id: string }) {
  const { can } = useAuth();
  const q = useQuery((signal) => interactionApi.get(id, signal), [id]);
  const history = useQuery(
    (signal) => interactionApi.history(id, signal),
    [id, q.data?.status, q.data?.draftReply],
  );
  const [modal, setModal] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmDraft, setConfirmDraft] = useState(false);
  const [transferTargets, setTransferTargets] = useState<{ value: string; label: string }[]>([]);
  const item = q.data;
  const done = () => {
    setModal(null);
    q.reload();
  };
  const quick = async (action: string, body: Record<string, unknown> = {}) => {
    try {
      await interactionApi.action(id, action, body);
      setError(null);
      q.reload();
    } catch (e) {
      setError(e);
    }
  };
  if (!item) return <ProblemAlert error={q.error} onRetry={q.reload} />;
  const s = item.status;
  const admin = can('interaction.admin');
  const handle = can('interaction.handle');
  const specs: Record<string, ActionSpec> = {
    'not-accept': {
      action: 'not-accept',
      title: '不予受理',
      fields: [{ name: 'reason', label: '理由', kind: 'textarea', required: true, max: 500 }],
    },
    merge: {
      action: 'merge',
      title: '合并重复件',
      fields: [{ name: 'intoNumber', label: '原件编号', kind: 'text', required: true, max: 60 }],
    },
    convert: {
      action: 'convert',
      title: '转为依申请公开（收到日期按原来件确定）',
      initial: { applicantType: 'natural', idDocType: 'resident_id' },
      fields: [
        {
          name: 'applicantType',
          label: '申请人类型',
          kind: 'select',
          required: true,
          options: [
            { value: 'natural', label: '自然人' },
            { value: 'commercial', label: '商业企业' },
            { value: 'other', label: '其他' },
          ],
        },
        {
          name: 'idDocType',
          label: '身份证明类型',
          kind: 'select',
          required: true,
          options: [
            { value: 'resident_id', label: '居民身份证' },
            { value: 'credit_code', label: '统一社会信用代码' },
            { value: 'other', label: '其他' },
          ],
        },
        { name: 'idNumber', label: '证件号码', kind: 'text', required: true, max: 40 },
        { name: 'confirmedOn', label: '与申请人确认日期（默认为来件日期）', kind: 'date' },
      ],
    },
    'confirm-scan': {
      action: 'confirm-scan',
      title: '确认保密审查',
      fields: [{ name: 'note', label: '审查意见', kind: 'textarea', required: true, max: 500 }],
    },
    'sign-off-return': {
      action: 'sign-off',
      title: '退回修改',
      initial: { approve: false },
      fields: [{ name: 'note', label: '退回意见', kind: 'textarea', required: true, max: 500 }],
    },
    send: {
      action: 'send',
      title: '答复',
      fields: [{ name: 'repliedOn', label: '答复日期（默认今天）', kind: 'date' }],
    },
    'file-case': {
      action: 'file-case',
      title: '立案',
      fields: [{ name: 'reference', label: '立案编号或链接', kind: 'text', required: true, max: 200 }],
    },
    unpublish: {
      action: 'unpublish',
      title: '撤下选登',
      fields: [{ name: 'reason', label: '撤下理由', kind: 'textarea', required: true, max: 500 }],
    },
  };
  const transfer = async () => {
    const targets = await interactionApi.transferTargets();
    setTransferTargets(targets.map((t) => ({ value: t.id, label: t.name })));
    setModal('transfer');
  };
  return (
    <div>
      <PageHeader
        title={`${item.kindLabel}：${item.subject}`}
        description={`编号 ${item.number}${item.orderNumber ? `　12345工单 ${item.orderNumber}` : ''}`}
      />
      <ProblemAlert error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={s} label={item.statusLabel} />
        <DueCell s={item} />
        {item.published && <Tag color="green">已选登</Tag>}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        {admin && s === 'received' && (
          <Button type="primary" onClick={() => void quick('accept')}>
            受理
          </Button>
        )}
        {admin && s === 'received' && <Button onClick={() => setModal('not-accept')}>不予受理</Button>}
        {admin && (s === 'received' || s === 'accepted') && (
          <Button onClick={() => void transfer()}>转办</Button>
        )}
        {admin && (s === 'received' || s === 'accepted') && (
          <Button onClick={() => setModal('convert')}>转依申请公开</Button>
        )}
        {admin && (s === 'received' || s === 'accepted') && (
          <Button onClick={() => setModal('merge')}>合并重复件</Button>
        )}
        {admin && (s === 'accepted' || s === 'assigned') && (
          <Button type={s === 'accepted' ? 'primary' : 'default'} onClick={() => setModal('assign')}>
            分办
          </Button>
        )}
        {handle && s === 'assigned' && <Button onClick={() => setModal('draft')}>拟写答复</Button>}
        {handle &&
          s === 'assigned' &&
          item.draftReply &&
          !item.scanPassed &&
          (can('catalog.review') || admin) && (
            <Button onClick={() => setModal('confirm-scan')}>确认保密审查</Button>
          )}
        {handle && s === 'assigned' && item.signOffRequired && item.scanPassed && (
          <Button type="primary" onClick={() => void quick('submit-sign-off')}>
            提交领导签发
          </Button>
        )}
        {handle && s === 'assigned' && !item.signOffRequired && item.scanPassed && (
          <Button type="primary" onClick={() => setModal('send')}>
            答复
          </Button>
        )}
        {can('interaction.approve') && s === 'sign_off' && (
          <>
            <Checkbox checked={confirmDraft} onChange={(e) => setConfirmDraft(e.target.checked)}>
              已审阅答复
            </Checkbox>
            <Button
              type="primary"
              disabled={!confirmDraft}
              onClick={() => void quick('sign-off', { approve: true })}
            >
              签发
            </Button>
            <Button onClick={() => setModal('sign-off-return')}>退回</Button>
          </>
        )}
        {handle && s === 'replied' && <Button onClick={() => void quick('archive')}>归档</Button>}
        {handle &&
          (item.kind === 'complaint' || item.kind === 'hotline') &&
          ['accepted', 'assigned', 'sign_off', 'replied', 'archived'].includes(s) && (
            <Button onClick={() => setModal('file-case')}>立案</Button>
          )}
        {admin &&
          (s === 'replied' || s === 'archived') &&
          item.publishable &&
          item.publishConsent &&
          !item.published && <Button onClick={() => setModal('publish')}>选登</Button>}
        {admin && item.published && <Button onClick={() => setModal('unpublish')}>撤下选登</Button>}
        {can('interaction.unmask') && !item.anonymous && (
          <Button onClick={() => setModal('unmask')}>查看身份</Button>
        )}
      </Space>
      <Card size="small" title="来信" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="渠道">{item.channelLabel}</Descriptions.Item>
          <Descriptions.Item label="收到日期">{item.receivedOn}</Descriptions.Item>
          <Descriptions.Item label="来信人">
            {item.anonymous ? '匿名' : `${item.nameMasked ?? ''} ${item.contactMasked ?? ''}`}
          </Descriptions.Item>
          <Descriptions.Item label="同意选登">{item.publishConsent ? '是' : '否'}</Descriptions.Item>
          {item.decisionReason && <Descriptions.Item label="说明">{item.decisionReason}</Descriptions.Item>}
          {item.requestCaseNumber && (
            <Descriptions.Item label="依申请公开">{item.requestCaseNumber}</Descriptions.Item>
          )}
          {item.fromRequest && (
            <Descriptions.Item label="来源">
              依申请公开{' '}
              <Link to={`/requests/${item.fromRequest.caseId}`}>{item.fromRequest.caseNumber}</Link>（
              {item.fromRequest.handedOverOn}按信访举报投诉类申请答复后转来）
            </Descriptions.Item>
          )}
          {item.enforcementRef && <Descriptions.Item label="立案">{item.enforcementRef}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
          {item.body}
        </Typography.Paragraph>
      </Card>
      {(item.draftReply || item.reply) && (
        <Card
          size="small"
          title={item.reply ? `答复（${item.replyUnit ?? ''} ${item.repliedOn ?? ''}）` : '答复草稿'}
          style={{ marginBottom: 12 }}
        >
          {item.draftFindings.length > 0 && !item.scanPassed && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message="保密审查扫描发现以下内容，请修改答复或由审查员确认"
              description={
                <List
                  size="small"
                  dataSource={item.draftFindings}
                  renderItem={(f) => <List.Item>{`${f.labelZh}：${f.masked}`}</List.Item>}
                />
              }
            />
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {item.reply ?? item.draftReply}
          </Typography.Paragraph>
          {item.signedBy && <Typography.Text type="secondary">{`签发：${item.signedBy}`}</Typography.Text>}
          {item.ratingLabel && (
            <div>{`评价：${item.ratingLabel}${item.ratingComment ? `（${item.ratingComment}）` : ''}`}</div>
          )}
        </Card>
      )}
      <Card size="small" title="期限说明" style={{ marginBottom: 12 }}>
        {item.estimatedNotice && (
          <Alert type="warning" message={item.estimatedNotice} style={{ marginBottom: 8 }} />
        )}
        <ul>
          {item.clockExplanation.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </Card>
      <Card size="small" title="办理记录">
        <Timeline
          items={(history.data ?? []).map((h) => ({
            children: `${h.at.slice(0, 16).replace('T', ' ')} ${h.actorName} ${ACTION_LABELS[h.action.replace('interaction.', '')] ?? h.action}`,
          }))}
        />
      </Card>
      {modal === 'assign' && <AssignModal item={item} onClose={() => setModal(null)} onDone={done} />}
      {modal === 'draft' && <DraftModal item={item} onClose={() => setModal(null)} onDone={done} />}
      {modal === 'publish' && <PublishModal item={item} onClose={() => setModal(null)} onDone={done} />}
      {modal === 'unmask' && <UnmaskModal item={item} onClose={() => setModal(null)} />}
      {modal === 'transfer' && (
        <ActionModal
          item={item}
          spec={{
            action: 'transfer',
            title: '转办至站群内其他机关',
            fields: [
              {
                name: 'toOrgId',
                label: '转至机关',
                kind: 'select',
                required: true,
                options: transferTargets,
              },
              { name: 'reason', label: '转办说明', kind: 'textarea', required: true, max: 500 },
            ],
          }}
          onClose={() => setModal(null)}
          onDone={done}
        />
      )}
      {modal && specs[modal] && (
        <ActionModal item={item} spec={specs[modal]} onClose={() => setModal(null)} onDone={done} />
      )}
    </div>
  );
}
