import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Collapse,
  Flex,
  Popconfirm,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Static } from 'typebox';
import type * as C from '@contract/requests';
import { api, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { uploadWithProgress } from '../catalog/api';

type WordTemplates = Static<(typeof C.listWordTemplates.response)[200]>;
type WordTemplate = Static<typeof C.WordTemplateSchema>;

const BASE = '/api/requests/word-templates';
const enc = encodeURIComponent;

export const wordTemplatesApi = {
  list: (signal?: AbortSignal) => api.get<WordTemplates>(BASE, undefined, signal),
  uploadUrl: (kind: string) => `${BASE}/${enc(kind)}`,
  fileUrl: (kind: string) => `${BASE}/${enc(kind)}/file`,
  starterUrl: (kind: string) => `${BASE}/${enc(kind)}/starter`,
  remove: (kind: string) => api.delete(`${BASE}/${enc(kind)}`),
};

/**
 * Word版式: the agency's own .docx layout (红头, fonts, seal position) for one kind of letter. The text
 * still comes from the 文书模板 above; the server checks every placeholder of an upload and answers in
 * Chinese what is wrong (not a .docx, unknown placeholder, no title or body).
 */
export function WordTemplates({
  kind,
  kindLabel,
  canEdit,
}: {
  kind: string;
  kindLabel: string;
  canEdit: boolean;
}) {
  const { message } = AntApp.useApp();
  const query = useQuery((signal) => wordTemplatesApi.list(signal), []);
  const current: WordTemplate | undefined = query.data?.items.find((i) => i.kind === kind);
  const kindPlaceholders = query.data?.kinds.find((k) => k.kind === kind)?.placeholders ?? [];
  const layout = query.data?.layout ?? [];
  const layoutNames = new Set(layout.map((p) => p.name));
  return (
    <Card size="small" title={`Word版式：${kindLabel}`} style={{ marginTop: 16 }}>
      <ProblemAlert error={query.error} onRetry={query.reload} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        可上传本机关的 Word 模板（.docx），使用本机关的红头、字体和印章位置；文书的文字仍取自上面的文书模板。
        先下载内置版式，在 Word 或 WPS 中修改后上传。上传后新生成的此类文书使用该版式，已生成的文书不变。
      </Typography.Paragraph>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
        {current ? (
          <>
            <Tag color="blue">使用本机关版式</Tag>
            <Typography.Text>
              {current.fileName}（{formatDateTime(current.uploadedAt)} 上传）
            </Typography.Text>
          </>
        ) : (
          <Tag>使用内置版式（GB/T 9704 信函格式）</Tag>
        )}
      </Flex>
      <Flex wrap gap={8}>
        <Button icon={<DownloadOutlined />} href={wordTemplatesApi.starterUrl(kind)} download>
          下载内置版式模板
        </Button>
        {current ? (
          <Button
            icon={<DownloadOutlined />}
            href={wordTemplatesApi.fileUrl(kind)}
            download={current.fileName}
          >
            下载本机关版式
          </Button>
        ) : null}
        {canEdit ? (
          <Upload
            showUploadList={false}
            accept=".docx"
            customRequest={({ file }) => {
              const f = file as File;
              uploadWithProgress<WordTemplate>(
                wordTemplatesApi.uploadUrl(kind),
                f,
                () => undefined,
              ).promise.then(
                () => {
                  message.success(`已启用“${f.name}”作为${kindLabel}的版式`);
                  query.reload();
                },
                (e: unknown) => message.error(messageOf(e), 8),
              );
            }}
          >
            <Button icon={<UploadOutlined />}>{current ? '更换Word版式' : '上传Word版式'}</Button>
          </Upload>
        ) : null}
        {canEdit && current ? (
          <Popconfirm
            title="删除本机关版式？此后生成的文书恢复使用内置版式。"
            onConfirm={async () => {
              try {
                await wordTemplatesApi.remove(kind);
                message.success('已恢复内置版式');
                query.reload();
              } catch (e) {
                message.error(messageOf(e));
              }
            }}
          >
            <Button danger icon={<DeleteOutlined />}>
              恢复内置版式
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
      {!canEdit ? (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title="只有政务公开办可以上传Word版式。" />
      ) : null}
      <Collapse
        size="small"
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'placeholders',
            label: 'Word版式可用的占位符（一对大括号）',
            children: (
              <div>
                {layout.map((p) => (
                  <Typography.Paragraph key={p.name} style={{ marginBottom: 4, fontSize: 13 }}>
                    <Typography.Text code>{`{${p.name}}`}</Typography.Text> {p.description}
                  </Typography.Paragraph>
                ))}
                <Flex wrap gap={4} style={{ marginTop: 8 }}>
                  {kindPlaceholders
                    .filter((n) => !layoutNames.has(n))
                    .map((n) => (
                      <Tag key={n}>{`{${n}}`}</Tag>
                    ))}
                </Flex>
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
