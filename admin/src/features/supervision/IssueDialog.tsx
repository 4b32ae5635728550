import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { supervisionApi, type TaskDetail, type TaskSource } from './api';

interface Values {
  targetOrgId: string;
  title: string;
  body: string;
  workdays: number;
}

/** 下达督办: free text, or prefilled from a board row (title, target and the record it points to). */
export function IssueDialog({
  open,
  onClose,
  onIssued,
  preset,
}: {
  open: boolean;
  onClose: () => void;
  onIssued: (task: TaskDetail) => void;
  preset?: { targetOrgId: string; targetName?: string; title: string; source?: TaskSource };
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets = useQuery(
    (s) => (open ? supervisionApi.targets(s) : Promise.resolve({ items: [] })),
    [open],
  );

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      targetOrgId: preset?.targetOrgId,
      title: preset?.title ?? '',
      body: preset?.source ? `请核查“${preset.source.label}”的办理情况，按期整改并答复。` : '',
      workdays: 5,
    });
  }, [open, preset, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const task = await supervisionApi.issue({ ...v, ...(preset?.source ? { source: preset.source } : {}) });
      onIssued(task);
    } catch (e) {
      const fields = formFieldErrors(e);
      if (fields.length) form.setFields(fields as never);
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="下达督办"
      okText="下达"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {preset?.source ? (
        <Typography.Paragraph type="secondary">
          来源记录：<Link to={preset.source.link}>{preset.source.label}</Link>
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="targetOrgId"
          label="被督办机关或科室"
          rules={[{ required: true, message: '请选择被督办单位' }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={targets.loading}
            placeholder="选择机关或科室"
            options={(targets.data?.items ?? []).map((t) => ({
              value: t.orgId,
              label: t.kind === 'division' ? `${t.agencyName} / ${t.name}` : t.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="督办事项"
          rules={[{ required: true, message: '请填写督办事项' }, { max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="body"
          label="督办要求"
          rules={[{ required: true, message: '请写明督办要求' }, { max: 5000 }]}
          extra="写明发现的问题、整改要求和需要报送的佐证材料。"
        >
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item
          name="workdays"
          label="办理时限（工作日）"
          rules={[{ required: true, message: '请填写办理时限' }]}
          extra="按工作日计算，下达当日不计入，节假日顺延（1至60个工作日）。"
        >
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
