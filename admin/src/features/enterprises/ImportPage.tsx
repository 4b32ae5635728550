import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Progress, Radio, Space, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { enterprisesApi, type ImportJob } from './api';

/** The bar: rows read of the rows expected (CSV), 99 % at most until the job ends; 100 once it has ended. */
export function percentOf(job: ImportJob): number {
  if (job.status !== 'running') return 100;
  if (!job.totalRows) return 0;
  return Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100));
}

/** 企业名录导入: template, upload in either mode, progress, result and the Chinese error report. */
export default function ImportPage({ pollMs = 800 }: { pollMs?: number }) {
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const t = setTimeout(() => {
      enterprisesApi
        .importJob(job.id)
        .then(setJob)
        .catch((e: unknown) => message.error(messageOf(e)));
    }, pollMs);
    return () => clearTimeout(t);
  }, [job, pollMs, message]);
  return (
    <>
      <PageHeader
        title="企业名录导入"
        description="按模板填写后上传（.xlsx 或 .csv）。以统一社会信用代码识别企业：重复导入将更新该企业，不会重复登记。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={enterprisesApi.templateUrl('xlsx')}>
              下载 Excel 模板
            </Button>
            <Button icon={<DownloadOutlined />} href={enterprisesApi.templateUrl('csv')}>
              下载 CSV 模板
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            点击或拖拽文件到此处（不超过50MB；更大的文件请用命令行 gongkai import enterprises）
          </p>
          <p className="ant-upload-hint">
            .xlsx 或 .csv；CSV 为 UTF-8 或 GBK 编码均可（Excel、WPS、LibreOffice 另存的文件可直接导入）
          </p>
        </Upload.Dragger>
        <Flex align="center" gap={16} wrap style={{ marginTop: 16 }}>
          <Radio.Group
            aria-label="导入方式"
            value={mode}
            onChange={(e) => setMode(e.target.value as 'all' | 'valid')}
            options={[
              { value: 'all', label: '全部正确才导入' },
              { value: 'valid', label: '仅导入正确的行' },
            ]}
          />
          <Button
            type="primary"
            disabled={!file || job?.status === 'running'}
            loading={uploading}
            onClick={async () => {
              if (!file) return;
              setUploading(true);
              try {
                setJob(await enterprisesApi.upload(file, mode));
              } catch (e) {
                message.error(messageOf(e));
              } finally {
                setUploading(false);
              }
            }}
          >
            开始导入
          </Button>
        </Flex>
      </Card>
      {job && (
        <Card title={`导入：${job.fileName}`}>
          <Progress
            percent={percentOf(job)}
            status={
              job.status === 'running' ? 'active' : job.status === 'succeeded' ? 'success' : 'exception'
            }
            aria-label="导入进度"
          />
          <p>
            已读取 {job.processedRows} 行
            {job.status === 'running' && job.totalRows ? `，共约 ${job.totalRows} 行` : ''}
          </p>
          {job.status !== 'running' && (
            <Alert
              type={job.status === 'succeeded' && job.errorRows === 0 ? 'success' : 'warning'}
              showIcon
              message={job.message ?? ''}
              action={
                job.errorRows > 0 ? (
                  <Space wrap>
                    <Button href={enterprisesApi.errorReportUrl(job.id)}>下载错误报告（Excel）</Button>
                    <Button type="link" href={enterprisesApi.errorReportUrl(job.id, 'csv')}>
                      CSV 格式
                    </Button>
                  </Space>
                ) : undefined
              }
            />
          )}
        </Card>
      )}
    </>
  );
}
