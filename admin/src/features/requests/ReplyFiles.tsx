import { App as AntApp, Button, Flex, Popconfirm, Table, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { uploadWithProgress } from '../catalog/api';
import { requestsApi, type ReplyFile, type Stage } from './api';

/** Stages in which files can still be attached (the server applies the same rule). */
const OPEN: readonly Stage[] = ['registered', 'assigned', 'drafting', 'review', 'sign_off'];
const ACCEPT = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.wps,.txt,.jpg,.jpeg,.png,.zip';

const size = (b: number) =>
  b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`;

/**
 * 答复附件: the information released with a 予以公开 / 部分公开 reply. Staff attach it before the reply is
 * sent; once sent, the applicant downloads it on the portal's 依申请公开查询 page with the 查询码.
 */
export function ReplyFiles({ caseId, stage, editable }: { caseId: string; stage: Stage; editable: boolean }) {
  const { message } = AntApp.useApp();
  const list = useQuery((signal) => requestsApi.replyFiles(caseId, signal), [caseId]);
  const open = editable && OPEN.includes(stage);
  return (
    <div>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {open ? (
        <Flex vertical gap={4} style={{ marginBottom: 8 }}>
          <Upload
            showUploadList={false}
            accept={ACCEPT}
            beforeUpload={(file) => {
              if (file.size > 20 * 1024 * 1024) {
                message.error(`${file.name}：答复附件不能超过20MB`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file }) => {
              const f = file as File;
              uploadWithProgress<ReplyFile>(
                requestsApi.replyFileUploadUrl(caseId),
                f,
                () => undefined,
              ).promise.then(
                () => {
                  message.success(`已上传“${f.name}”`);
                  list.reload();
                },
                (e: unknown) => message.error(messageOf(e)),
              );
            }}
          >
            <Button icon={<UploadOutlined />}>上传答复附件</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            随答复提供的政府信息（PDF、OFD、Word、Excel、图片或
            ZIP，单个不超过20MB）。答复送达后，申请人凭受理编号和查询码在门户“依申请公开查询”下载。
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary">
          答复送达后，申请人可在门户“依申请公开查询”下载以下附件；答复送达后附件不能再增删。
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyState description="暂无答复附件" /> }}
        columns={[
          { title: '文件', dataIndex: 'fileName' },
          { title: '大小', dataIndex: 'sizeBytes', width: 90, render: (v: number) => size(v) },
          { title: '上传时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'ops',
            width: 120,
            render: (_, f) => (
              <Flex gap={8}>
                <a href={f.downloadUrl} download={f.fileName} aria-label={`下载${f.fileName}`}>
                  <DownloadOutlined />
                </a>
                {open ? (
                  <Popconfirm
                    title={`删除“${f.fileName}”？`}
                    onConfirm={async () => {
                      try {
                        await requestsApi.removeReplyFile(f.id);
                        list.reload();
                      } catch (e) {
                        message.error(messageOf(e));
                      }
                    }}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除${f.fileName}`}
                    />
                  </Popconfirm>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
    </div>
  );
}
