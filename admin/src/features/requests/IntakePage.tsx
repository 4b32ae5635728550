import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formFieldErrors } from '../../api/client';
import { useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { requestsApi, type CaseDetail } from './api';
import { DELIVERY_OPTIONS, FORM_OPTIONS, ID_DOC_OPTIONS, useMeta } from './common';

interface Values {
  channel: string;
  applicantType: string;
  applicantName: string;
  contactPerson?: string;
  idDocType: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
  description: string;
  requestedForm: string;
  deliveryMethod: string;
  notifyBy?: 'sms' | 'email' | 'none';
  submittedAt: Dayjs;
  signedForOn?: Dayjs | null;
  confirmedOn?: Dayjs | null;
  intakeNote?: string;
  itemCount?: number;
}

const FIELDS = [
  'channel',
  'applicantType',
  'applicantName',
  'contactPerson',
  'idDocType',
  'idNumber',
  'phone',
  'email',
  'address',
  'postcode',
  'description',
  'requestedForm',
  'deliveryMethod',
  'notifyBy',
  'submittedAt',
  'signedForOn',
  'confirmedOn',
  'intakeNote',
  'itemCount',
] as const;

/** Staff intake of an application received in person, by post, fax, e-mail or orally (第二十九、三十一条). */
export default function IntakePage() {
  const meta = useMeta();
  const { navigate } = useRoute();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ case: CaseDetail; queryCode: string } | null>(null);
  const channel = Form.useWatch('channel', form);
  const applicantType = Form.useWatch('applicantType', form);
  const channelInfo = meta?.channels.find((c) => c.code === channel);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const d = (x?: Dayjs | null) => (x ? x.format('YYYY-MM-DD') : undefined);
    try {
      const res = await requestsApi.create({
        ...v,
        submittedAt: v.submittedAt.toISOString(),
        signedForOn: d(v.signedForOn),
        confirmedOn: d(v.confirmedOn),
      });
      setCreated(res);
    } catch (e) {
      setError(e);
      form.setFields(formFieldErrors<(typeof FIELDS)[number]>(e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <Result
        status="success"
        title={`已登记：受理编号 ${created.case.caseNumber}`}
        subTitle={
          <div>
            <Typography.Paragraph>
              查询码：
              <Typography.Text strong copyable>
                {created.queryCode}
              </Typography.Text>
            </Typography.Paragraph>
            <Alert type="warning" showIcon title="查询码只显示这一次，请告知申请人（或写入受理回执）。" />
            {created.case.stage === 'awaiting_confirmation' ? (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                该渠道须与申请人确认后方确定收到日期（第三十一条），请在案件页“确认收到”。
              </Typography.Paragraph>
            ) : null}
          </div>
        }
        extra={[
          <Button type="primary" key="open" onClick={() => navigate(`/requests/${created.case.id}`)}>
            打开案件
          </Button>,
          <Button
            key="again"
            onClick={() => {
              setCreated(null);
              form.resetFields();
            }}
          >
            继续登记
          </Button>,
        ]}
      />
    );

  return (
    <div>
      <PageHeader
        title="申请登记"
        description="登记当面、邮寄、平常信函、传真、电子邮件及口头提出的政府信息公开申请。网上申请由申请人在门户提交，在“我的案件”中确认。"
      />
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          channel: 'in_person',
          notifyBy: 'none',
          applicantType: 'natural',
          idDocType: 'resident_id',
          requestedForm: 'electronic',
          deliveryMethod: 'email',
          submittedAt: dayjs(),
          itemCount: 1,
        }}
      >
        <Card title="收件" size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="申请渠道" name="channel" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={(meta?.channels ?? [])
                .filter((c) => c.code !== 'online')
                .map((c) => ({ value: c.code, label: c.labelZh }))}
            />
          </Form.Item>
          {channelInfo?.needsConfirmation ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="该渠道以双方确认之日为收到申请之日（第三十一条）：已确认的请填写确认日期，否则登记后待确认。"
            />
          ) : null}
          {channel === 'oral' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="口头提出的，由工作人员代为填写申请，并经申请人确认（第二十九条）。"
            />
          ) : null}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="提交时间"
                name="submittedAt"
                rules={[{ required: true, message: '请选择提交时间' }]}
              >
                <DatePicker showTime aria-label="提交时间" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {channel === 'registered_mail' ? (
              <Col xs={24} md={8}>
                <Form.Item
                  label="签收日期"
                  name="signedForOn"
                  rules={[{ required: true, message: '邮寄申请须填写签收日期' }]}
                >
                  <DatePicker aria-label="签收日期" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ) : null}
            {channelInfo?.needsConfirmation ? (
              <Col xs={24} md={8}>
                <Form.Item label="确认日期" name="confirmedOn">
                  <DatePicker aria-label="确认日期" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
        </Card>
        <Card title="申请人" size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="申请人类型" name="applicantType" rules={[{ required: true }]}>
            <Radio.Group
              options={(meta?.applicantTypes ?? []).map((t) => ({ value: t.code, label: t.labelZh }))}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={applicantType === 'natural' ? '姓名' : '名称'}
                name="applicantName"
                rules={[{ required: true, message: '请填写申请人' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            {applicantType !== 'natural' ? (
              <Col xs={24} md={8}>
                <Form.Item label="联系人" name="contactPerson">
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={8}>
              <Form.Item label="身份证明类型" name="idDocType" rules={[{ required: true }]}>
                <Select options={ID_DOC_OPTIONS} aria-label="身份证明类型" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="证件号码"
                name="idNumber"
                rules={[{ required: true, message: '请填写证件号码' }]}
              >
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="联系电话" name="phone">
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="电子邮箱" name="email">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="通信地址" name="address">
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item label="邮政编码" name="postcode">
                <Input maxLength={6} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="申请内容" size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            label="所需政府信息的名称、文号或便于查询的其他特征性描述"
            name="description"
            rules={[{ required: true, message: '请填写申请内容' }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="信息的形式" name="requestedForm" rules={[{ required: true }]}>
                <Select options={FORM_OPTIONS} aria-label="信息的形式" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="获取信息的方式" name="deliveryMethod" rules={[{ required: true }]}>
                <Select options={DELIVERY_OPTIONS} aria-label="获取信息的方式" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="申请件数（按件计费用）" name="itemCount">
                <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="办理进度通知方式"
            name="notifyBy"
            extra="短信须填写11位手机号码；电子邮件须填写电子邮箱。受理、补正、延期、收费和答复时通知申请人。"
          >
            <Select
              aria-label="办理进度通知方式"
              options={[
                { value: 'sms', label: '短信' },
                { value: 'email', label: '电子邮件' },
                { value: 'none', label: '不需要通知' },
              ]}
            />
          </Form.Item>
          <Form.Item label="登记备注" name="intakeNote">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" loading={busy}>
          登记
        </Button>
      </Form>
    </div>
  );
}
