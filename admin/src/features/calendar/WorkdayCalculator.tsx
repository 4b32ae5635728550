import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, InputNumber, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { formFieldErrors } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { calendarApi, type WorkdaysResult } from './api';
import { WEEKDAY_ZH, weekdayOf } from './yearGrid';

interface Values {
  date?: Dayjs | null;
  n?: number | null;
}

/** 工作日计算器: the date n working days after a date (start day not counted), explained. */
export function WorkdayCalculator() {
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<WorkdaysResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (v: Values) => {
    if (!v.date || v.n === undefined || v.n === null) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await calendarApi.addWorkdays(v.date.format('YYYY-MM-DD'), v.n));
    } catch (e) {
      setResult(null);
      setError(e);
      form.setFields(formFieldErrors<'date' | 'n'>(e, ['date', 'n']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Form form={form} layout="inline" onFinish={run} initialValues={{ n: 20 }} style={{ rowGap: 8 }}>
        <Form.Item label="起算日期" name="date" rules={[{ required: true, message: '请选择起算日期' }]}>
          <DatePicker aria-label="起算日期" />
        </Form.Item>
        <Form.Item label="工作日数" name="n" rules={[{ required: true, message: '请输入工作日数' }]}>
          <InputNumber aria-label="工作日数" min={0} max={3650} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            计算
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        起算日不计入，自次日起算（《民法典》第二百零一条）；法定节假日与休息日不计，调休上班日计入。
      </Typography.Paragraph>
      <ProblemAlert error={error} />
      {result ? (
        <div aria-live="polite">
          {result.notice ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={result.notice} />
          ) : null}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="结果日期">
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="workday-result">
                {result.date}（{WEEKDAY_ZH[weekdayOf(result.date)]}）
              </Typography.Text>
              {result.estimated ? <Typography.Text type="warning">（预估）</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label="计算说明">{result.explanation}</Descriptions.Item>
            {result.adjustedWorkdaysCounted.length ? (
              <Descriptions.Item label="计入的调休上班日">
                {result.adjustedWorkdaysCounted.join('、')}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {result.skippedDays.length ? (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="date"
              pagination={result.skippedDays.length > 10 ? { pageSize: 10 } : false}
              dataSource={result.skippedDays}
              caption={`跳过的非工作日（${result.skippedDays.length} 天）`}
              columns={[
                { title: '日期', dataIndex: 'date', width: 140 },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
