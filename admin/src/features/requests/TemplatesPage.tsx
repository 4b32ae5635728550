import { useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { requestsApi, type Template, type Templates } from './api';
import { WordTemplates } from './WordTemplates';

type Placeholder = NonNullable<Templates['placeholders']>[number];

const keyOf = (t: Pick<Template, 'kind' | 'outcomeCode'>) => `${t.kind}:${t.outcomeCode}`;
const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The placeholders a kind fills (the server checks the same on save). */
function allowedFor(all: Placeholder[], kind: string): Placeholder[] {
  return all.filter((p) => !p.kinds || p.kinds.includes(kind));
}

/** What is wrong with the placeholders of a text, in the words the server would use; null when fine. */
export function placeholderProblem(text: string, allowed: Placeholder[]): string | null {
  const names = new Set(allowed.map((p) => p.name));
  const unknown = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter(
    (n) => !names.has(n),
  );
  if (unknown.length > 0) return `该文书不能使用占位符${unknown.map((n) => `{{${n}}}`).join('、')}`;
  if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) return '占位符的大括号不完整：应写作{{名称}}';
  return null;
}

/** The text with each placeholder replaced by its sample value (the preview). */
function fill(text: string, all: Placeholder[]): string {
  const samples = new Map(all.map((p) => [p.name, p.sample ?? p.name]));
  return text.replace(PLACEHOLDER, (m, name: string) => samples.get(name) ?? m);
}

/** A sheet in the letter's proportions: 仿宋 body, 小标宋 title, the agency's name in red over a red rule. */
const LETTER = {
  page: {
    background: '#fff',
    border: '1px solid #d9d9d9',
    boxShadow: '0 1px 4px rgba(0,0,0,.08)',
    padding: '24px 20px',
    fontFamily: '"仿宋_GB2312", FangSong, STFangsong, serif',
    fontSize: 14,
    lineHeight: 1.8,
    overflowWrap: 'anywhere' as const,
  },
  redHead: {
    color: '#c00000',
    fontFamily: '"方正小标宋简体", "Source Han Serif SC", SimSun, serif',
    fontSize: 24,
    textAlign: 'center' as const,
    borderBottom: '3px double #c00000',
    paddingBottom: 4,
  },
  number: { textAlign: 'right' as const, margin: '4px 0 12px' },
  title: {
    fontFamily: '"方正小标宋简体", "Source Han Serif SC", SimSun, serif',
    fontSize: 18,
    textAlign: 'center' as const,
    marginBottom: 12,
  },
  sign: {
    display: 'flex',
    flexDirection: 'column' as const,
    alignItems: 'flex-end',
    marginTop: 16,
    paddingRight: '2em',
  },
};

/**
 * The letter as the office will print it (信函格式): 红头, 文号, title, body, seal slot, 落款 and date.
 * The .docx is built by the server with the same parts (server/modules/requests/letters.ts).
 */
function LetterPreview({ title, body, all }: { title: string; body: string; all: Placeholder[] }) {
  const agency = all.find((p) => p.name === '机关名称')?.sample ?? '本机关';
  const date = all.find((p) => p.name === '日期')?.sample ?? '';
  const paragraphs = fill(body, all)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div aria-label="文书预览" role="document" style={LETTER.page}>
      <div style={LETTER.redHead}>{agency}</div>
      <div style={LETTER.number}>示应急依申请公开〔{date.slice(0, 4) || '2026'}〕12号</div>
      <div style={LETTER.title}>{fill(title, all)}</div>
      {paragraphs.map((p, i) =>
        p.split('\n').map((line, j) => (
          <p key={`${i}-${j}`} style={{ margin: 0, textIndent: i > 0 && !line.endsWith('：') ? '2em' : 0 }}>
            {line}
          </p>
        )),
      )}
      <div style={LETTER.sign}>
        <span style={{ color: '#8c8c8c' }}>（印章）</span>
        <span>{agency}</span>
        <span>{date}</span>
      </div>
    </div>
  );
}

/** 救济途径: the 复议机关 and court every reply names (条例第五十一条). */
function RemedySettings({ settings, canEdit }: { settings: Templates['settings']; canEdit: boolean }) {
  const { message } = AntApp.useApp();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Card title="救济途径" size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        答复告知书的“救济途径”段落写明行政复议机关和管辖法院。未填写时，文书使用一般表述（“依法申请行政复议或者提起行政诉讼”）。
      </Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form
        layout="inline"
        initialValues={{ reviewBody: settings?.reviewBody ?? '', court: settings?.court ?? '' }}
        disabled={!canEdit}
        onFinish={async (v: { reviewBody: string; court: string }) => {
          setSaving(true);
          try {
            await requestsApi.putSettings(v);
            setError(null);
            message.success('已保存救济途径');
          } catch (e) {
            setError(e);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item label="行政复议机关" name="reviewBody">
          <Input placeholder="如：示例市人民政府" maxLength={200} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="管辖法院" name="court">
          <Input placeholder="如：示例市某区人民法院" maxLength={200} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 文书模板: each letter's title and text with {{占位符}}, checked as typed, previewed as the office prints it. */
export default function TemplatesPage() {
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const canEdit = can('requests.admin');
  const query = useQuery((signal) => requestsApi.templates(signal), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const items = query.data?.items ?? [];
  const all = query.data?.placeholders ?? [];
  const current = items.find((t) => keyOf(t) === selected) ?? items[0];
  useEffect(() => {
    if (!current) return;
    setSelected(keyOf(current));
    setTitle(current.title);
    setBody(current.body);
    setError(null);
    // Only when another template is chosen or the list reloads.
  }, [current?.kind, current?.outcomeCode, query.data]);
  const allowed = useMemo(() => (current ? allowedFor(all, current.kind) : []), [all, current]);
  const problem = placeholderProblem(`${title}\n${body}`, allowed);

  const insert = (name: string) => {
    const el = document.getElementById('template-body') as HTMLTextAreaElement | null;
    const at = el?.selectionStart ?? body.length;
    setBody(`${body.slice(0, at)}{{${name}}}${body.slice(el?.selectionEnd ?? at)}`);
  };
  const save = async () => {
    if (!current) return;
    setSaving(true);
    try {
      await requestsApi.putTemplate({ kind: current.kind, outcomeCode: current.outcomeCode, title, body });
      setError(null);
      message.success('模板已保存，此后生成的文书使用新模板');
      query.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    if (!current) return;
    try {
      await requestsApi.resetTemplate(current.kind, current.outcomeCode);
      message.success('已恢复默认模板');
      query.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <PageHeader
        title="文书模板"
        description="受理回执、补正告知书、延期告知书、征求意见函、收费通知和各类答复告知书的标题与正文。{{占位符}}在生成文书时填入本件的内容；已生成的文书不受修改影响。"
      />
      <ProblemAlert error={query.error} />
      {query.data ? <RemedySettings settings={query.data.settings} canEdit={canEdit} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={6}>
          <Card size="small" title="文书">
            <List
              size="small"
              dataSource={items}
              loading={query.loading}
              renderItem={(t) => (
                <List.Item
                  onClick={() => setSelected(keyOf(t))}
                  style={{ cursor: 'pointer', background: keyOf(t) === selected ? '#e6f4ff' : undefined }}
                >
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
                  >
                    {t.outcomeLabel ? `答复告知书：${t.outcomeLabel}` : (t.kindLabel ?? t.title)}
                  </Button>
                  {t.customised ? <Tag color="blue">已修改</Tag> : null}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {current ? (
            <Card
              size="small"
              title={current.outcomeLabel ? `答复告知书：${current.outcomeLabel}` : current.kindLabel}
            >
              <ProblemAlert error={error} />
              <Form layout="vertical" disabled={!canEdit}>
                <Form.Item label="标题" required htmlFor="template-title">
                  <Input
                    id="template-title"
                    value={title}
                    onChange={(e) => setTitle(e.target.value)}
                    maxLength={200}
                  />
                </Form.Item>
                <Form.Item
                  label="正文（空一行分段）"
                  required
                  htmlFor="template-body"
                  validateStatus={problem ? 'error' : undefined}
                  help={problem ?? undefined}
                >
                  <Input.TextArea
                    id="template-body"
                    value={body}
                    onChange={(e) => setBody(e.target.value)}
                    autoSize={{ minRows: 12, maxRows: 30 }}
                    maxLength={20000}
                  />
                </Form.Item>
                <Typography.Text type="secondary">点击插入占位符：</Typography.Text>
                <Flex wrap gap={4} style={{ margin: '8px 0 16px' }}>
                  {allowed.map((p) => (
                    <Tooltip key={p.name} title={`${p.description}（示例：${p.sample ?? ''}）`}>
                      <Tag style={{ cursor: 'pointer' }} onClick={() => canEdit && insert(p.name)}>
                        {`{{${p.name}}}`}
                      </Tag>
                    </Tooltip>
                  ))}
                </Flex>
                <Flex gap={8}>
                  <Button
                    type="primary"
                    onClick={save}
                    loading={saving}
                    disabled={!canEdit || Boolean(problem)}
                  >
                    保存模板
                  </Button>
                  <Popconfirm title="恢复为系统默认模板？本机关的修改将被删除。" onConfirm={reset}>
                    <Button disabled={!canEdit || !current.customised}>恢复默认</Button>
                  </Popconfirm>
                </Flex>
              </Form>
              {!canEdit ? (
                <Alert
                  style={{ marginTop: 12 }}
                  type="info"
                  showIcon
                  title="只有政务公开办可以修改文书模板。"
                />
              ) : null}
            </Card>
          ) : null}
          {current ? (
            <WordTemplates
              kind={current.kind}
              kindLabel={current.kindLabel ?? current.kind}
              canEdit={canEdit}
            />
          ) : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="预览（示例内容）">
            <LetterPreview title={title} body={body} all={all} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
