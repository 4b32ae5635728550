import { useState } from 'react';
import { Alert, Button, Card, List, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { reportApi, type CheckFileResult } from './api';

const FORMAT_LABELS: Record<string, string> = {
  '2019': '2019年（试行）格式',
  '2021': '2021年格式',
  mixed: '混合格式',
  unknown: '未识别',
};

/** 年报检查: upload an existing report (.txt / .html / .docx) and list its inconsistencies. */
export default function CheckerPage() {
  const [result, setResult] = useState<CheckFileResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function check(file: File) {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await reportApi.checkFile(file));
    } catch (e) {
      setResult(undefined);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const errors = result?.findings.filter((f) => f.severity === 'error') ?? [];
  return (
    <>
      <PageHeader
        title="年报检查"
        description="上传已发布的年度报告（文本、pdftotext -layout 输出、HTML 或 Word .docx），检查表二、表三、表四的勾稽关系及正文数字与表格是否一致。"
      />
      <Card>
        <Upload
          accept=".txt,.text,.html,.htm,.docx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            选择年报文件
          </Button>
        </Upload>
      </Card>
      <ProblemAlert error={error} />
      {result ? (
        <Card title={result.fileName} style={{ marginTop: 16 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>
              识别格式：{FORMAT_LABELS[result.format] ?? result.format}
              {result.year ? `，报告年度：${result.year}年` : ''}
            </span>
            {result.unreadable ? <Alert type="warning" showIcon title={result.unreadable} /> : null}
            {!result.unreadable ? (
              errors.length === 0 ? (
                <Alert type="success" showIcon title="未发现表格勾稽错误" />
              ) : (
                <Alert type="error" showIcon title={`发现${errors.length}处不一致`} />
              )
            ) : null}
            <List
              bordered
              dataSource={result.findings}
              locale={{ emptyText: '无' }}
              renderItem={(f, i) => (
                <List.Item key={i}>
                  <Space wrap>
                    <Tag color={f.severity === 'error' ? 'red' : 'orange'}>
                      {f.severity === 'error' ? '错误' : '提示'}
                    </Tag>
                    <Typography.Text strong>{f.ruleId}</Typography.Text>
                    {f.messageZh}
                    {f.excerpt ? <Typography.Text type="secondary">“{f.excerpt}”</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
            {result.notes.length ? (
              <Typography.Paragraph type="secondary">说明：{result.notes.join('；')}</Typography.Paragraph>
            ) : null}
          </Space>
        </Card>
      ) : null}
    </>
  );
}
