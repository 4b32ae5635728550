import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { formFieldErrors } from '../../api/client';
import { orgsApi, usersApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import { ProblemAlert } from '../../components/ProblemAlert';
import { requestsApi, type CaseDetail, type WithheldPart } from './api';
import { useMeta } from './common';

/** The admin-added part of a stored basis ("条例第三十七条；X" → "X"). */
function extraBasisOf(stored: string, fixed: string | undefined): string | undefined {
  if (!fixed || fixed === '—') return stored;
  if (stored === fixed) return undefined;
  return stored.startsWith(`${fixed}；`) ? stored.slice(fixed.length + 1) : undefined;
}

/** 拟定办理结果: exactly the statutory outcomes, each with its legal basis; 部分公开 lists what is withheld. */
export function OutcomeModal({
  c,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
}) {
  const meta = useMeta();
  const [form] = Form.useForm<{
    outcomeCode: string;
    legalBasis: string;
    reason: string;
    referralAgency?: string;
    withheldParts?: WithheldPart[];
  }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const code = Form.useWatch('outcomeCode', form);
  const outcome = meta?.outcomes.find((o) => o.code === code);

  const submit = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        await requestsApi.draftOutcome(c.id, {
          outcomeCode: v.outcomeCode,
          legalBasis: v.legalBasis,
          reason: v.reason,
          referralAgency: v.referralAgency || undefined,
          withheldParts: outcome?.needsWithheldPartsRecord ? (v.withheldParts ?? []) : undefined,
        }),
      );
    } catch (e) {
      setError(e);
      form.setFields(
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc -p admin/tsconfig.json needs it (the names are plain strings)
        formFieldErrors(e, [
          'outcomeCode',
          'legalBasis',
          'reason',
          'referralAgency',
          'withheldParts',
        ]) as never,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title="拟定办理结果"
      okText="保存"
      cancelText="取消"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          c.outcome
            ? {
                outcomeCode: c.outcome.outcomeCode,
                legalBasis: extraBasisOf(
                  c.outcome.legalBasisRef,
                  meta?.outcomes.find((o) => o.code === c.outcome!.outcomeCode)?.basisRef,
                ),
                reason: c.outcome.reason,
                referralAgency: c.outcome.referralAgency ?? undefined,
                withheldParts: c.outcome.withheldParts,
              }
            : { withheldParts: [] }
        }
      >
        <Form.Item
          name="outcomeCode"
          label="办理结果（法定结果，对应年报表三）"
          rules={[{ required: true, message: '请选择办理结果' }]}
        >
          <Select
            aria-label="办理结果"
            showSearch={{ optionFilterProp: 'label' }}
            options={(meta?.outcomes ?? []).map((o) => ({
              value: o.code,
              label: `${o.row2021} ${o.labelZh}`,
            }))}
          />
        </Form.Item>
        {outcome ? (
          <Alert
            type={outcome.mappingUncertain ? 'warning' : 'info'}
            style={{ marginBottom: 12 }}
            title={`依据：${outcome.basisRef}`}
            description={
              <>
                {outcome.basisTextZh}
                {outcome.mappingUncertain ? <div>（该结果与年报行的对应存在不确定性，请核实。）</div> : null}
                {outcome.releasesContent ? <div>公开内容须经保密审查。</div> : null}
              </>
            }
          />
        ) : null}
        <Form.Item
          name="legalBasis"
          label={
            outcome && outcome.basisRef === '—'
              ? '法律依据（该结果无固定条例依据，须填写）'
              : '补充法律依据（可选，附于条例依据之后）'
          }
          rules={[
            {
              required: !!outcome && outcome.basisRef === '—' && outcome.code !== 'withdrawn',
              message: '答复须写明法律依据',
            },
          ]}
        >
          <Input maxLength={500} placeholder="如：《中华人民共和国保守国家秘密法》第××条" />
        </Form.Item>
        <Form.Item name="reason" label="理由 / 答复要点" rules={[{ required: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {code && /referr|other_agency|not_this_agency/.test(code) ? (
          <Form.Item name="referralAgency" label="告知的其他机关（名称及联系方式）">
            <Input maxLength={300} />
          </Form.Item>
        ) : null}
        {outcome?.needsWithheldPartsRecord ? (
          <Form.List
            name="withheldParts"
            rules={[
              {
                validator: async (_: unknown, v: unknown[] | undefined) => {
                  if (!v || v.length < 1) throw new Error('部分公开须列明不予公开的部分及理由');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <div>
                <Typography.Text strong>不予公开的部分</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'part']} rules={[{ required: true, message: '请填写部分' }]}>
                      <Input
                        placeholder="不予公开的部分"
                        aria-label="不予公开的部分"
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'ground']}
                      rules={[{ required: true, message: '请选择理由类别' }]}
                    >
                      <Select
                        aria-label="不予公开理由"
                        placeholder="理由类别"
                        style={{ width: 220 }}
                        options={(meta?.withholdingGrounds ?? []).map((g) => ({
                          value: g.code,
                          label: g.labelZh,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'reason']} rules={[{ required: true, message: '请说明理由' }]}>
                      <Input placeholder="具体理由" aria-label="具体理由" style={{ width: 220 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  style={{ marginTop: 8 }}
                >
                  添加不予公开的部分
                </Button>
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 分办: division of the agency and a handler in it. */
export function AssignModal({
  c,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
}) {
  const [form] = Form.useForm<{ divisionId: string; handlerId: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const orgs = useQuery((signal) => orgsApi.list(signal), []);
  const users = useQuery((signal) => usersApi.list({ orgId: c.orgId, pageSize: 100 }, signal), [c.orgId]);
  const divisionId = Form.useWatch('divisionId', form);
  const divisions = (orgs.data ?? []).filter(
    (o) => o.kind === 'division' && o.parentId === c.orgId && !o.retired,
  );
  const handlers = (users.data?.items ?? []).filter(
    (u) => !u.disabled && (!divisionId || u.divisionId === divisionId || u.divisionId === null),
  );

  const submit = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      onDone(await requestsApi.act(c.id, 'assign', v));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="分办"
      okText="分办"
      cancelText="取消"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert error={error ?? orgs.error ?? users.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ divisionId: c.divisionId ?? undefined, handlerId: c.handlerId ?? undefined }}
      >
        <Form.Item name="divisionId" label="承办科室" rules={[{ required: true, message: '请选择承办科室' }]}>
          <Select
            aria-label="承办科室"
            loading={orgs.loading}
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="handlerId" label="承办人" rules={[{ required: true, message: '请选择承办人' }]}>
          <Select
            aria-label="承办人"
            loading={users.loading}
            options={handlers.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 查看完整证件号码: asks for a reason; the server audits every unmasking. */
export function UnmaskModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    try {
      setShown((await requestsApi.unmask(c.id, reason)).idNumber);
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      title="查看完整证件号码"
      onCancel={onClose}
      footer={
        shown ? (
          <Button onClick={onClose}>关闭</Button>
        ) : (
          [
            <Button key="c" onClick={onClose}>
              取消
            </Button>,
            <Button key="ok" type="primary" disabled={!reason.trim()} onClick={run}>
              查看
            </Button>,
          ]
        )
      }
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="每次查看都会记入审计日志（操作人、时间、事由）。"
      />
      <ProblemAlert error={error} />
      {shown ? (
        <Typography.Paragraph>
          证件号码：
          <Typography.Text strong copyable>
            {shown}
          </Typography.Text>
        </Typography.Paragraph>
      ) : (
        <Form layout="vertical">
          <Form.Item label="查看事由" required htmlFor="gk-unmask-reason">
            <Input
              id="gk-unmask-reason"
              maxLength={200}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="如：邮寄答复需核对身份"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
