import { useState } from 'react';
import { App as AntApp, Button, Flex, Progress, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { messageOf } from '../../api/client';
import { catalogApi, uploadWithProgress, type AttachmentView } from './api';
import { SimpleList } from './SimpleList';
import { ATTACHMENT_EXTENSIONS, MAX_ATTACHMENT_MB, MAX_ATTACHMENTS } from './labels';

/** `1.2 MB`, `350 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Refuses a file before upload with the same rules the server applies; null when acceptable. */
export function attachmentProblem(file: { name: string; size: number }): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!ATTACHMENT_EXTENSIONS.includes(ext)) return `附件类型只能是 ${ATTACHMENT_EXTENSIONS.join('、')}`;
  if (file.size === 0) return '附件为空文件';
  if (file.size > MAX_ATTACHMENT_MB * 1024 * 1024) return `附件不能超过${MAX_ATTACHMENT_MB}MB`;
  return null;
}

interface Uploading {
  uid: string;
  name: string;
  percent: number;
  error?: string;
}

/** Attachments of the revision being edited: upload with progress, type/size hints, delete, download. */
export function Attachments({
  itemId,
  attachments,
  editable,
  onChanged,
}: {
  itemId: string | null;
  attachments: AttachmentView[];
  editable: boolean;
  onChanged: () => void;
}) {
  const { message, modal } = AntApp.useApp();
  const [uploading, setUploading] = useState<Uploading[]>([]);

  const update = (uid: string, patch: Partial<Uploading>) =>
    setUploading((list) => list.map((u) => (u.uid === uid ? { ...u, ...patch } : u)));

  const remove = (a: AttachmentView) => {
    if (!itemId) return;
    modal.confirm({
      title: `删除附件“${a.fileName}”？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await catalogApi.deleteAttachment(itemId, a.id);
          message.success('附件已删除');
          onChanged();
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });
  };

  return (
    <div>
      {editable ? (
        <Flex vertical gap={4} style={{ marginBottom: 8 }}>
          <Upload
            multiple
            showUploadList={false}
            disabled={!itemId || attachments.length >= MAX_ATTACHMENTS}
            accept={ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
            beforeUpload={(file) => {
              const problem = attachmentProblem(file);
              if (problem) {
                message.error(`${file.name}：${problem}`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file }) => {
              if (!itemId) return;
              const f = file as File & { uid: string };
              setUploading((list) => [...list, { uid: f.uid, name: f.name, percent: 0 }]);
              const { promise } = uploadWithProgress<AttachmentView>(
                catalogApi.attachmentUploadUrl(itemId),
                f,
                (percent) => update(f.uid, { percent }),
              );
              promise.then(
                () => {
                  setUploading((list) => list.filter((u) => u.uid !== f.uid));
                  message.success(`已上传“${f.name}”`);
                  onChanged();
                },
                (e: unknown) => update(f.uid, { error: messageOf(e) }),
              );
            }}
          >
            <Button icon={<UploadOutlined />} disabled={!itemId}>
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {itemId
              ? `支持 ${ATTACHMENT_EXTENSIONS.filter((e) => e !== 'jpeg').join('、')}，单个不超过${MAX_ATTACHMENT_MB}MB，最多${MAX_ATTACHMENTS}个。Word、Excel、PDF 中的文字会一并做敏感信息检查。`
              : '请先保存草稿，再上传附件。'}
          </Typography.Text>
        </Flex>
      ) : null}
      {uploading.map((u) => (
        <div key={u.uid} style={{ marginBottom: 6 }} data-testid="upload-progress">
          <Flex gap={8} align="center">
            <PaperClipOutlined />
            <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {u.name}
            </span>
            {u.error ? (
              <Button
                size="small"
                type="link"
                onClick={() => setUploading((list) => list.filter((x) => x.uid !== u.uid))}
              >
                关闭
              </Button>
            ) : null}
          </Flex>
          {u.error ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
              上传失败：{u.error}
            </Typography.Text>
          ) : (
            <Progress percent={u.percent} size="small" style={{ margin: 0 }} />
          )}
        </div>
      ))}
      {attachments.length === 0 && uploading.length === 0 ? (
        <Typography.Text type="secondary">暂无附件</Typography.Text>
      ) : attachments.length ? (
        <SimpleList
          items={attachments}
          rowKey={(a) => a.id}
          extra={(a) =>
            editable ? (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`删除附件 ${a.fileName}`}
                onClick={() => remove(a)}
              />
            ) : null
          }
          render={(a) => (
            <Flex gap={8} align="center" wrap>
              <PaperClipOutlined />
              <a href={a.downloadUrl} download>
                {a.fileName}
              </a>
              <Typography.Text type="secondary">{formatSize(a.sizeBytes)}</Typography.Text>
              {a.textExtracted ? null : (
                <Tag color="gold" title={a.extractNote ?? undefined}>
                  未提取文字，需人工检查
                </Tag>
              )}
            </Flex>
          )}
        />
      ) : null}
    </div>
  );
}
