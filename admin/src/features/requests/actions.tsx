/**
 * The case page's workflow actions as data: which endpoint, which fields, how the body is built.
 * The server says which actions the user may take now (`allowedActions`); this file only says how.
 */
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formFieldErrors } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { requestsApi, type CaseDetail } from './api';
import { todayIso } from './common';

export type FieldSpec =
  | { name: string; label: string; kind: 'date'; required?: boolean; defaultToday?: boolean; extra?: string }
  | { name: string; label: string; kind: 'text' | 'textarea'; required?: boolean; extra?: string }
  | { name: string; label: string; kind: 'lines'; required?: boolean; extra?: string }
  | {
      name: string;
      label: string;
      kind: 'number';
      required?: boolean;
      min?: number;
      max?: number;
      extra?: string;
    }
  | { name: string; label: string; kind: 'yuan'; required?: boolean; extra?: string }
  | {
      name: string;
      label: string;
      kind: 'select';
      required?: boolean;
      options: { value: string | boolean; label: string }[];
      extra?: string;
    };

export interface ActionSpec {
  label: string;
  /** Path after /api/requests/:id/ */
  path: string;
  fields: FieldSpec[];
  danger?: boolean;
  /** Shown above the form. */
  hint?: string;
  primary?: boolean;
}

const date = (name: string, label: string, extra?: string): FieldSpec => ({
  name,
  label,
  kind: 'date',
  required: true,
  defaultToday: true,
  extra,
});

export const ACTIONS: Record<string, ActionSpec> = {
  confirm: {
    label: '确认收到',
    path: 'confirm',
    primary: true,
    hint: '以与申请人双方确认之日为收到申请之日（第三十一条）。',
    fields: [date('confirmedOn', '确认日期'), { name: 'note', label: '备注', kind: 'text' }],
  },
  discard: {
    label: '不予登记',
    path: 'discard',
    danger: true,
    fields: [{ name: 'reason', label: '理由', kind: 'textarea', required: true }],
  },
  supplement_request: {
    label: '告知补正',
    path: 'supplement-request',
    hint: '补正只能告知一次，须在收到申请之日起 7 个工作日内一次性告知（第三十条）。',
    fields: [
      date('date', '告知日期'),
      { name: 'items', label: '需补正事项（每行一项）', kind: 'lines', required: true },
      { name: 'supplementDeadline', label: '补正期限（可选）', kind: 'date' },
    ],
  },
  supplement_received: {
    label: '收到补正',
    path: 'supplement-received',
    hint: '答复期限自收到补正之日起重新计算。',
    fields: [
      date('date', '收到日期'),
      { name: 'description', label: '补正后的申请内容（可选，替换原内容）', kind: 'textarea' },
      { name: 'note', label: '备注', kind: 'text' },
    ],
  },
  supplement_expired: {
    label: '逾期未补正',
    path: 'supplement-expired',
    danger: true,
    hint: '申请人无正当理由逾期不补正的，视为放弃申请（结案，表三（六）1）。',
    fields: [date('date', '日期')],
  },
  consultation: {
    label: '征求意见',
    path: 'consultations',
    hint: '征求第三方（第三十二条）或其他机关（第三十四条）意见的时间不计入答复期限；对方有 15 个工作日答复。',
    fields: [
      {
        name: 'kind',
        label: '对象',
        kind: 'select',
        required: true,
        options: [
          { value: 'third_party', label: '第三方' },
          { value: 'other_agency', label: '其他机关' },
        ],
      },
      date('date', '发出日期'),
      { name: 'party', label: '被征求意见方', kind: 'text', required: true },
      { name: 'receivedOn', label: '对方收到日期（可选）', kind: 'date' },
      { name: 'matter', label: '征求事项', kind: 'textarea' },
    ],
  },
  extension_approve: {
    label: '批准延期',
    path: 'extension',
    hint: '需要延长答复期限的，经政府信息公开工作机构负责人同意，延长期限最长不超过 20 个工作日，只能延长一次（第三十三条第二款）。',
    fields: [
      date('date', '批准日期'),
      { name: 'workdays', label: '延长工作日数', kind: 'number', required: true, min: 1, max: 20 },
      { name: 'reason', label: '延期理由', kind: 'textarea', required: true },
    ],
  },
  extension_notify: {
    label: '告知延期',
    path: 'extension/notify',
    hint: '须在原答复期限届满前告知申请人，否则延期无效。',
    fields: [date('date', '告知日期')],
  },
  deferral: {
    label: '延迟答复（第三十五条）',
    path: 'deferral',
    fields: [
      date('date', '决定日期'),
      { name: 'newDueDate', label: '新答复期限', kind: 'date', required: true },
      { name: 'reason', label: '理由', kind: 'textarea', required: true },
    ],
  },
  fee_notice: {
    label: '收费通知',
    path: 'fee-notice',
    hint: '按件或按量计收（一件申请只能选一种）；申请人自收到通知之日起 20 个工作日内缴费。',
    fields: [
      date('date', '发出日期'),
      {
        name: 'basis',
        label: '计费方式',
        kind: 'select',
        required: true,
        options: [
          { value: 'per_item', label: '按件' },
          { value: 'per_page', label: '按量（页）' },
        ],
      },
      { name: 'quantity', label: '件数 / 页数', kind: 'number', required: true, min: 1 },
      { name: 'receivedOn', label: '申请人收到日期（可选）', kind: 'date' },
    ],
  },
  fee_payment: {
    label: '登记缴费',
    path: 'fee-payment',
    fields: [
      date('date', '缴费日期'),
      { name: 'amountFen', label: '金额（元）', kind: 'yuan', required: true },
      { name: 'paymentRef', label: '票据号', kind: 'text' },
    ],
  },
  fee_expired: {
    label: '逾期未缴费',
    path: 'fee-expired',
    danger: true,
    hint: '逾期未缴纳信息处理费的，视为放弃申请（表三（六）2）。',
    fields: [date('date', '日期')],
  },
  submit: { label: '提交审核', path: 'submit', primary: true, fields: [] },
  review: {
    label: '保密审查',
    path: 'review',
    fields: [
      {
        name: 'passed',
        label: '审查结论',
        kind: 'select',
        required: true,
        options: [
          { value: true, label: '通过' },
          { value: false, label: '不通过，退回修改' },
        ],
      },
      { name: 'note', label: '审查意见', kind: 'textarea' },
    ],
  },
  sign_off: {
    label: '签发',
    path: 'sign-off',
    primary: true,
    fields: [
      {
        name: 'approved',
        label: '签发意见',
        kind: 'select',
        required: true,
        options: [
          { value: true, label: '同意签发' },
          { value: false, label: '退回修改' },
        ],
      },
      { name: 'note', label: '意见', kind: 'textarea' },
    ],
  },
  reply: {
    label: '答复送达',
    path: 'reply',
    primary: true,
    hint: '生成答复告知书（含救济途径）并记录答复日期。',
    fields: [date('date', '答复日期')],
  },
  archive: { label: '归档', path: 'archive', fields: [] },
  withdraw: {
    label: '申请人撤回',
    path: 'withdraw',
    danger: true,
    fields: [date('date', '撤回日期'), { name: 'note', label: '说明', kind: 'text' }],
  },
  note: {
    label: '办理备注',
    path: 'notes',
    fields: [{ name: 'text', label: '备注', kind: 'textarea', required: true }],
  },
  link: {
    label: '关联案件',
    path: 'links',
    fields: [
      { name: 'linkedCaseNumber', label: '受理编号', kind: 'text', required: true },
      {
        name: 'kind',
        label: '关系',
        kind: 'select',
        required: true,
        options: [
          { value: 'duplicate', label: '重复申请' },
          { value: 'related', label: '相关' },
        ],
      },
      { name: 'note', label: '说明', kind: 'text' },
    ],
  },
  appeal: {
    label: '登记复议/诉讼',
    path: 'appeals',
    fields: [
      {
        name: 'kind',
        label: '类型',
        kind: 'select',
        required: true,
        options: [
          { value: 'review', label: '行政复议' },
          { value: 'litigation_direct', label: '行政诉讼（未经复议直接起诉）' },
          { value: 'litigation_after_review', label: '行政诉讼（复议后起诉）' },
        ],
      },
      date('filedOn', '立案/收到日期'),
      { name: 'bodyName', label: '复议机关 / 法院', kind: 'text', required: true },
      { name: 'reference', label: '案号', kind: 'text' },
      {
        name: 'outcome',
        label: '结果',
        kind: 'select',
        options: [
          { value: 'pending', label: '尚未审结' },
          { value: 'upheld', label: '维持' },
          { value: 'corrected', label: '纠正' },
          { value: 'other', label: '其他结果' },
        ],
      },
      { name: 'decidedOn', label: '审结日期', kind: 'date' },
      { name: 'note', label: '备注', kind: 'textarea' },
    ],
  },
};

/** Order of buttons on the case page. */
export const ACTION_ORDER = [
  'confirm',
  'supplement_request',
  'supplement_received',
  'consultation',
  'extension_approve',
  'extension_notify',
  'fee_notice',
  'fee_payment',
  'submit',
  'review',
  'sign_off',
  'reply',
  'archive',
  'appeal',
  'deferral',
  'supplement_expired',
  'fee_expired',
  'withdraw',
  'discard',
  'note',
  'link',
];

function toBody(spec: ActionSpec, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (f.kind === 'date') body[f.name] = (v as Dayjs).format('YYYY-MM-DD');
    else if (f.kind === 'lines')
      body[f.name] = (typeof v === 'string' ? v : '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (f.kind === 'yuan') body[f.name] = Math.round(Number(v) * 100);
    else body[f.name] = v;
  }
  return body;
}

/** A modal form for one workflow action; calls the API and hands back the updated case. */
export function ActionModal({
  caseId,
  actionKey,
  onClose,
  onDone,
}: {
  caseId: string;
  actionKey: string;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
}) {
  const spec = ACTIONS[actionKey]!;
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const initial = Object.fromEntries(
    spec.fields.flatMap((f): [string, unknown][] =>
      f.kind === 'date' && f.defaultToday
        ? [[f.name, dayjs(todayIso())]]
        : f.kind === 'select' && f.required
          ? [[f.name, f.options[0]?.value]]
          : [],
    ),
  );

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await requestsApi.act<CaseDetail>(caseId, spec.path, toBody(spec, values));
      if (actionKey === 'appeal') onDone(await requestsApi.get(caseId));
      else onDone(res);
    } catch (e) {
      setError(e);
      form.setFields(
        formFieldErrors(
          e,
          spec.fields.map((f) => f.name),
        ) as never,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={spec.label}
      okText="确定"
      cancelText="取消"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      okButtonProps={{ danger: spec.danger }}
      destroyOnHidden
    >
      {spec.hint ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={spec.hint} /> : null}
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" initialValues={initial}>
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            extra={f.extra}
            rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : undefined}
          >
            {f.kind === 'date' ? (
              <DatePicker aria-label={f.label} style={{ width: '100%' }} />
            ) : f.kind === 'textarea' || f.kind === 'lines' ? (
              <Input.TextArea rows={3} maxLength={2000} />
            ) : f.kind === 'number' ? (
              <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} />
            ) : f.kind === 'yuan' ? (
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
            ) : f.kind === 'select' ? (
              f.options.length <= 3 ? (
                <Radio.Group options={f.options.map((o) => ({ value: o.value, label: o.label }))} />
              ) : (
                <Select
                  aria-label={f.label}
                  options={f.options.map((o) => ({ value: o.value as string, label: o.label }))}
                />
              )
            ) : (
              <Input maxLength={500} />
            )}
          </Form.Item>
        ))}
        {spec.fields.length === 0 ? (
          <Typography.Paragraph>确认执行“{spec.label}”？</Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}
