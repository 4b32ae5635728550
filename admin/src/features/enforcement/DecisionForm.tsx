import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formFieldErrors } from '../../api/client';
import { COUNTERPARTY_LABELS, KIND_LABELS, type DecisionInput, type DecisionView } from './api';
import { chinaToday } from '../../components/format';

interface Values {
  kind: DecisionInput['kind'];
  decisionNumber: string;
  decisionDate: Dayjs;
  itemName?: string;
  counterpartyType: DecisionInput['counterpartyType'];
  counterpartyName: string;
  creditCode?: string;
  legalRepresentative?: string;
  legalBasis: string;
  content: string;
  fineYuan?: number | null;
  confiscationYuan?: number | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  handlingDivision?: string;
  reason?: string;
}

const FIELDS = [
  'kind',
  'decisionNumber',
  'decisionDate',
  'itemName',
  'counterpartyType',
  'counterpartyName',
  'creditCode',
  'legalRepresentative',
  'legalBasis',
  'content',
  'fineFen',
  'confiscationFen',
  'validFrom',
  'validTo',
  'handlingDivision',
  'reason',
] as const;

const toFen = (y: number | null | undefined) => (y === null || y === undefined ? null : Math.round(y * 100));
const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function toValues(d: DecisionView): Values {
  return {
    kind: d.kind,
    decisionNumber: d.decisionNumber,
    decisionDate: dayjs(d.decisionDate),
    itemName: d.itemName ?? undefined,
    counterpartyType: d.counterpartyType,
    counterpartyName: d.counterpartyName,
    creditCode: d.creditCode ?? undefined,
    legalRepresentative: d.legalRepresentative ?? undefined,
    legalBasis: d.legalBasis,
    content: d.content,
    fineYuan: d.fineFen === null ? null : d.fineFen / 100,
    confiscationYuan: d.confiscationFen === null ? null : d.confiscationFen / 100,
    validFrom: d.validFrom ? dayjs(d.validFrom) : null,
    validTo: d.validTo ? dayjs(d.validTo) : null,
    handlingDivision: d.handlingDivision ?? undefined,
  };
}

function toInput(v: Values): DecisionInput {
  return {
    kind: v.kind,
    decisionNumber: v.decisionNumber,
    decisionDate: date(v.decisionDate) ?? '',
    itemName: v.itemName || null,
    counterpartyType: v.counterpartyType,
    counterpartyName: v.counterpartyName,
    creditCode: v.counterpartyType === 'natural_person' ? null : v.creditCode || null,
    legalRepresentative: v.legalRepresentative || null,
    legalBasis: v.legalBasis,
    content: v.content,
    fineFen: v.kind === 'penalty' ? toFen(v.fineYuan) : null,
    confiscationFen: v.kind === 'penalty' ? toFen(v.confiscationYuan) : null,
    validFrom: v.kind === 'license' ? date(v.validFrom) : null,
    validTo: v.kind === 'license' ? date(v.validTo) : null,
    handlingDivision: v.handlingDivision || null,
  };
}

/**
 * 登记 / 修改 / 更正 of a decision. In correction mode a reason is required; the server publishes the
 * correction notice. Server field errors land on their fields.
 */
export function DecisionForm(props: {
  open: boolean;
  title: string;
  initial: DecisionView | null;
  withReason?: boolean;
  onCancel: () => void;
  onSubmit: (input: DecisionInput, reason?: string) => Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const type = Form.useWatch('counterpartyType', form);

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (props.initial) form.setFieldsValue(toValues(props.initial));
  }, [props.open, props.initial, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await props.onSubmit(toInput(v), v.reason);
    } catch (e) {
      const errs = formFieldErrors(e, FIELDS).map((f) => ({
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc -p admin/tsconfig.json reads f.name as string
        name: (f.name === 'fineFen'
          ? 'fineYuan'
          : f.name === 'confiscationFen'
            ? 'confiscationYuan'
            : f.name) as keyof Values,
        errors: f.errors,
      }));
      if (errs.length) form.setFields(errs);
      throw e;
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      width={860}
      okText="保存"
      cancelText="取消"
      onCancel={props.onCancel}
      onOk={submit}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'penalty', counterpartyType: 'legal_person' }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="kind" label="决定类别" rules={[{ required: true }]}>
              <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="decisionNumber"
              label="决定文号"
              rules={[{ required: true, message: '请填写决定文号' }]}
            >
              <Input maxLength={100} placeholder="如：示应急罚〔2026〕12号" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="decisionDate"
              label="决定日期"
              rules={[{ required: true, message: '请选择决定日期' }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="counterpartyType" label="相对人类别" rules={[{ required: true }]}>
              <Select
                options={Object.entries(COUNTERPARTY_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="counterpartyName"
              label={type === 'natural_person' ? '自然人姓名（公开时只显示姓氏）' : '相对人名称'}
              rules={[{ required: true, message: '请填写相对人名称' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {type !== 'natural_person' && (
            <>
              <Col span={10}>
                <Form.Item
                  name="creditCode"
                  label="统一社会信用代码"
                  rules={[{ required: true, message: '请填写统一社会信用代码' }]}
                >
                  <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="legalRepresentative" label="法定代表人">
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={type !== 'natural_person' ? 8 : 24}>
            <Form.Item name="handlingDivision" label="承办科室">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="itemName" label="事项名称（权责清单）">
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="legalBasis"
              label="决定依据"
              rules={[{ required: true, message: '请填写决定依据' }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="content"
              label={
                kind === 'license' ? '许可内容' : kind === 'penalty' ? '违法事实与处罚结果' : '强制措施内容'
              }
              rules={[{ required: true, message: '请填写决定内容' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
          {kind === 'penalty' && (
            <>
              <Col span={12}>
                <Form.Item name="fineYuan" label="罚款金额（元）">
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="confiscationYuan" label="没收违法所得（元）">
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {kind === 'license' && (
            <>
              <Col span={12}>
                <Form.Item name="validFrom" label="有效期自">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="validTo" label="有效期至">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {props.withReason && (
            <Col span={24}>
              <Form.Item
                name="reason"
                label="更正理由（将发布在更正公告中）"
                rules={[{ required: true, message: '请填写更正理由' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
