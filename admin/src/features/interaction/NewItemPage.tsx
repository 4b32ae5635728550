import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { formFieldErrors } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { interactionApi } from './api';
import { chinaToday } from '../../components/format';

interface Values {
  channel: string;
  kind: string;
  receivedOn: dayjs.Dayjs;
  subject: string;
  body: string;
  anonymous?: boolean;
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
  notifyBy?: string;
  publishConsent?: boolean;
}

/** 来电、来访、来信登记: staff enter what came by phone, in person or by post, with the day received. */
export default function NewItemPage() {
  const [form] = Form.useForm<Values>();
  const meta = useQuery((signal) => interactionApi.meta(signal), []);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ id: string; number: string; queryCode: string } | null>(null);
  const kind = Form.useWatch('kind', form);
  const anonymous = Form.useWatch('anonymous', form);
  const submit = async (v: Values) => {
    try {
      const r = await interactionApi.create({
        ...v,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        notifyBy: v.notifyBy || null,
      });
      setCreated({ id: r.item.id, number: r.item.number, queryCode: r.queryCode });
      setError(null);
      form.resetFields();
    } catch (e) {
      setError(e);
      form.setFields(formFieldErrors(e) as Parameters<typeof form.setFields>[0]);
    }
  };
  return (
    <div>
      <PageHeader
        title="来电来访登记"
        description="登记电话、来访、信件和电子邮件，注明收到日期；期限从收到日期起算。"
      />
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            <span>
              已登记，编号 <Link to={`/interaction/items/${created.id}`}>{created.number}</Link>，查询码{' '}
              <b>{created.queryCode}</b>（请告知来信人，只显示一次）。
            </span>
          }
        />
      )}
      <ProblemAlert error={error ?? meta.error} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        onFinish={submit}
        initialValues={{ channel: 'phone', kind: 'consult', receivedOn: chinaToday() }}
      >
        <Form.Item name="channel" label="来源渠道" rules={[{ required: true }]}>
          <Radio.Group options={meta.data?.staffChannels} />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={meta.data?.kinds.filter((k) => k.value !== 'hotline')} aria-label="类别" />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请填写收到日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(chinaToday(), 'day')} aria-label="收到日期" />
        </Form.Item>
        <Form.Item name="subject" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label="内容" rules={[{ required: true, message: '请填写内容' }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        {kind === 'complaint' && (
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>匿名举报</Checkbox>
          </Form.Item>
        )}
        {!anonymous && (
          <>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="email" label="电子邮箱">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="address" label="通信地址">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="notifyBy" label="答复通知">
              <Radio.Group
                options={[
                  { value: '', label: '不通知' },
                  { value: 'sms', label: '短信' },
                  { value: 'email', label: '邮件' },
                ]}
              />
            </Form.Item>
            <Form.Item name="publishConsent" valuePropName="checked">
              <Checkbox>来信人同意选登（去除姓名和联系方式后公开）</Checkbox>
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit">
          登记
        </Button>
      </Form>
    </div>
  );
}
