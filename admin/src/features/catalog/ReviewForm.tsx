import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { formFieldErrors } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { catalogApi, type Checklist, type ChecklistKey, type Finding, type ItemView } from './api';
import { REVIEW_CHECKS } from './labels';
import { ScanFindings } from './ScanFindings';

type Answer = 'yes' | 'no' | undefined;

/**
 * 保密审查 (条例第十七条): the reviewer answers the five checklist questions, confirms or rejects each
 * machine finding, writes an opinion and decides. A pass is refused while any question is answered
 * “是” or any finding is neither fixed nor overridden with a reason — the server checks the same.
 */
export function ReviewForm({ item, onDone }: { item: ItemView; onDone: (i: ItemView) => void }) {
  const { message } = AntApp.useApp();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [opinion, setOpinion] = useState('');
  const [decision, setDecision] = useState<'pass' | 'reject'>('pass');
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [findings, setFindings] = useState<Finding[] | null>(item.working?.scanFindings ?? null);
  // Attachments whose text could not be read were not machine-scanned: say so from the start.
  const unread = item.attachments.filter((a) => !a.textExtracted);
  const [unscanned, setUnscanned] = useState<string[]>(unread.map((a) => a.fileName));
  const unscannedReasons = Object.fromEntries(
    unread.map((a) => [a.fileName, a.extractNote ?? '未能读取文字']),
  );
  const [scanning, setScanning] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const open = (findings ?? []).filter((f) => !f.overridden);

  const rescan = async () => {
    setScanning(true);
    try {
      const r = await catalogApi.scan(item.id);
      setFindings(r.findings);
      setUnscanned(r.unscannedAttachments);
    } catch (e) {
      setError(e);
    } finally {
      setScanning(false);
    }
  };

  const validate = (): string[] => {
    const out: string[] = [];
    const missing = REVIEW_CHECKS.filter((c) => !answers[c.key]);
    if (missing.length) out.push(`请完成审查项：${missing.map((c) => c.label).join('、')}`);
    if (!opinion.trim()) out.push('请填写审查意见');
    if (decision === 'pass') {
      const involved = REVIEW_CHECKS.filter((c) => answers[c.key] === 'yes');
      if (involved.length)
        out.push(`审查项“${involved.map((c) => c.label).join('、')}”为“是”时不能审查通过，请退回修改`);
      const unexplained = open.filter((f) => !overrides[f.fingerprint]?.trim());
      if (unexplained.length)
        out.push(`还有 ${unexplained.length} 处敏感信息未填写忽略理由；如须修改，请选择“退回修改”`);
    }
    return out;
  };

  const submit = async () => {
    const p = validate();
    setProblems(p);
    if (p.length) return;
    setBusy(true);
    setError(null);
    try {
      const checklist = Object.fromEntries(
        REVIEW_CHECKS.map((c) => [
          c.key,
          notes[c.key]?.trim()
            ? { involved: answers[c.key] === 'yes', note: notes[c.key]!.trim() }
            : { involved: answers[c.key] === 'yes' },
        ]),
      ) as Checklist;
      const result = await catalogApi.review(item.id, {
        checklist,
        opinion: opinion.trim(),
        decision,
        overrides:
          decision === 'pass'
            ? open
                .filter((f) => overrides[f.fingerprint]?.trim())
                .map((f) => ({ fingerprint: f.fingerprint, reason: overrides[f.fingerprint]!.trim() }))
            : [],
      });
      message.success(decision === 'pass' ? '保密审查通过，已送领导审批' : '已退回起草人修改');
      onDone(result);
    } catch (e) {
      const fields = formFieldErrors(e);
      if (fields.length) setProblems(fields.map((f) => f.errors.join('；')));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="保密审查">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        信息发布保密审查
      </Typography.Title>
      <ScanFindings
        findings={findings}
        scanning={scanning}
        unscannedAttachments={unscanned}
        unscannedReasons={unscannedReasons}
        overrides={overrides}
        onOverrideChange={(fp, reason) => setOverrides((o) => ({ ...o, [fp]: reason }))}
        idleText="尚未检查，请点击“重新检查”"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void rescan()} loading={scanning}>
            重新检查
          </Button>
        }
      />
      <Form layout="vertical" style={{ marginTop: 16 }} component="div">
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={REVIEW_CHECKS}
          columns={[
            {
              title: '审查项',
              key: 'label',
              width: 220,
              render: (_, c) => (
                <div>
                  <Typography.Text strong id={`check-${c.key}`}>
                    是否涉及{c.label}
                  </Typography.Text>
                  <div style={{ fontSize: 12, color: '#888' }}>{c.hint}</div>
                </div>
              ),
            },
            {
              title: '结论',
              key: 'answer',
              width: 130,
              render: (_, c) => (
                <Radio.Group
                  aria-labelledby={`check-${c.key}`}
                  value={answers[c.key]}
                  onChange={(e) => setAnswers((a) => ({ ...a, [c.key]: e.target.value as Answer }))}
                  options={[
                    { value: 'no', label: '否' },
                    { value: 'yes', label: '是' },
                  ]}
                />
              ),
            },
            {
              title: '说明',
              key: 'note',
              render: (_, c) => (
                <Input
                  size="small"
                  aria-label={`${c.label}说明`}
                  maxLength={500}
                  value={notes[c.key] ?? ''}
                  onChange={(e) => setNotes((n) => ({ ...n, [c.key as ChecklistKey]: e.target.value }))}
                />
              ),
            },
          ]}
        />
        <Form.Item label="审查意见" required style={{ marginTop: 16 }}>
          <Input.TextArea
            aria-label="审查意见"
            rows={3}
            maxLength={2000}
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
            placeholder="如：经审查，该信息不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。"
          />
        </Form.Item>
        <Form.Item label="审查结论" required>
          <Radio.Group
            aria-label="审查结论"
            value={decision}
            onChange={(e) => setDecision(e.target.value as 'pass' | 'reject')}
            options={[
              { value: 'pass', label: '同意公开，送领导审批' },
              { value: 'reject', label: '退回修改' },
            ]}
          />
        </Form.Item>
      </Form>
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="请先处理以下问题"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <ProblemAlert error={problems.length ? null : error} />
      <Space>
        <Button type="primary" onClick={() => void submit()} loading={busy} danger={decision === 'reject'}>
          {decision === 'pass' ? '提交审查结论' : '退回起草人'}
        </Button>
      </Space>
    </section>
  );
}

/** 分管/主要领导 approval: approve with an optional opinion, or return with one. */
export function ApprovalForm({ item, onDone }: { item: ItemView; onDone: (i: ItemView) => void }) {
  const { message } = AntApp.useApp();
  const [opinion, setOpinion] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [needOpinion, setNeedOpinion] = useState(false);
  const principal = item.working?.state === 'approving_principal';

  const act = async (kind: 'approve' | 'reject') => {
    if (kind === 'reject' && !opinion.trim()) {
      setNeedOpinion(true);
      return;
    }
    setBusy(kind);
    setError(null);
    try {
      const r =
        kind === 'approve'
          ? await catalogApi.approve(item.id, opinion.trim())
          : await catalogApi.reject(item.id, opinion.trim());
      message.success(kind === 'approve' ? '已审批通过' : '已退回起草人');
      onDone(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-label="领导审批">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        {principal ? '主要领导审批' : '分管领导审批'}
      </Typography.Title>
      <Form layout="vertical" component="div">
        <Form.Item
          label="审批意见"
          validateStatus={needOpinion && !opinion.trim() ? 'error' : undefined}
          help={needOpinion && !opinion.trim() ? '退回时请填写审批意见' : undefined}
        >
          <Input.TextArea
            aria-label="审批意见"
            rows={3}
            maxLength={2000}
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
            placeholder="同意发布。"
          />
        </Form.Item>
      </Form>
      <ProblemAlert error={error} />
      <Space>
        <Button type="primary" loading={busy === 'approve'} onClick={() => void act('approve')}>
          同意发布
        </Button>
        <Button danger loading={busy === 'reject'} onClick={() => void act('reject')}>
          退回修改
        </Button>
      </Space>
    </section>
  );
}
