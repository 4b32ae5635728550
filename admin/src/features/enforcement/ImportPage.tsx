import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Progress,
  Radio,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { enforcementApi, type ImportJobView } from './api';

const STATUS: Record<ImportJobView['status'], { label: string; color: string }> = {
  running: { label: '进行中', color: 'processing' },
  succeeded: { label: '已完成', color: 'success' },
  rejected: { label: '未导入', color: 'warning' },
  failed: { label: '失败', color: 'error' },
};
const PHASES: Record<string, string> = {
  reading: '正在读取和校验',
  checking: '正在检查重复',
  merging: '正在写入',
  done: '完成',
};

/** Percentage of a running job (the total of an .xlsx is an estimate until the end). */
export function percentOf(job: ImportJobView): number {
  if (job.status !== 'running') return 100;
  if (!job.totalRows) return 0;
  const reading = Math.min(1, job.processedRows / job.totalRows);
  return Math.min(99, Math.round(reading * (job.phase === 'reading' ? 90 : 95)));
}

/** 批量导入: template download, upload with mode choice, progress, result and error report. */
export default function ImportPage({ pollMs = 800 }: { pollMs?: number }) {
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [uploading, setUploading] = useState(false);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const history = useQuery((signal) => enforcementApi.imports(signal), [job?.status]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    timer.current = setTimeout(() => {
      enforcementApi
        .importJob(job.id)
        .then(setJob)
        .catch((e: unknown) => message.error(messageOf(e)));
    }, pollMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [job, pollMs, message]);

  const start = async () => {
    if (!file) return;
    setUploading(true);
    try {
      setJob(await enforcementApi.upload(file, mode));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader
        title="批量导入"
        description="按模板填写行政许可、行政处罚、行政强制决定后上传。同一文号重复导入会更新尚未提交审核的决定，不会重复登记；导入的决定为草稿，需提交审核后公示。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={enforcementApi.templateUrl('xlsx')}>
              下载 Excel 模板
            </Button>
            <Button icon={<DownloadOutlined />} href={enforcementApi.templateUrl('csv')}>
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
          <p className="ant-upload-text">点击或拖拽文件到此处（.xlsx 或 .csv，不超过50MB）</p>
          <p className="ant-upload-hint">
            更大的文件请使用命令行：gongkai import decisions 文件 --agency 机关代码
          </p>
        </Upload.Dragger>
        <Flex align="center" gap={16} wrap style={{ marginTop: 16 }}>
          <Radio.Group
            aria-label="导入方式"
            value={mode}
            onChange={(e) => setMode(e.target.value as 'all' | 'valid')}
            options={[
              { value: 'all', label: '全部正确才导入（有任何错误则整个文件不导入）' },
              { value: 'valid', label: '仅导入正确的行（错误行列入错误报告）' },
            ]}
          />
          <Button
            type="primary"
            disabled={!file || job?.status === 'running'}
            loading={uploading}
            onClick={start}
          >
            开始导入
          </Button>
        </Flex>
      </Card>
      {job && (
        <Card title={`导入：${job.fileName}`} style={{ marginBottom: 16 }}>
          <Progress
            percent={percentOf(job)}
            status={
              job.status === 'running' ? 'active' : job.status === 'succeeded' ? 'success' : 'exception'
            }
            aria-label="导入进度"
          />
          <Typography.Paragraph>
            {job.status === 'running'
              ? `${PHASES[job.phase] ?? job.phase}：已处理 ${job.processedRows} 行${job.totalRows ? ` / 约 ${job.totalRows} 行` : ''}`
              : null}
          </Typography.Paragraph>
          {job.status !== 'running' && (
            <Alert
              type={job.status === 'succeeded' ? (job.errorRows ? 'warning' : 'success') : 'error'}
              showIcon
              title={job.message ?? STATUS[job.status].label}
              data-testid="import-result"
            />
          )}
          {job.status !== 'running' && job.errorRows > 0 && (
            <Button
              style={{ marginTop: 12 }}
              icon={<DownloadOutlined />}
              href={enforcementApi.errorReportUrl(job.id)}
            >
              下载错误报告（{job.errorRows} 行）
            </Button>
          )}
        </Card>
      )}
      <Card title="最近的导入">
        <Table<ImportJobView>
          rowKey="id"
          size="small"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 150 },
            { title: '文件', dataIndex: 'fileName' },
            {
              title: '方式',
              dataIndex: 'mode',
              render: (m: string) => (m === 'all' ? '全部正确才导入' : '仅导入正确行'),
              width: 130,
            },
            {
              title: '结果',
              dataIndex: 'status',
              width: 90,
              render: (s: ImportJobView['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
            },
            {
              title: '新增/更新/错误',
              render: (_: unknown, j) => `${j.insertedRows} / ${j.updatedRows} / ${j.errorRows}`,
              width: 130,
            },
            {
              title: '错误报告',
              width: 100,
              render: (_: unknown, j) =>
                j.errorRows > 0 ? <a href={enforcementApi.errorReportUrl(j.id)}>下载</a> : '—',
            },
          ]}
        />
      </Card>
    </>
  );
}
