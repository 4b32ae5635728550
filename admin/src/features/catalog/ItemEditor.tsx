import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, formFieldErrors, messageOf } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, chinaToday } from '../../components/format';
import { catalogApi, type ColumnView, type ItemInput, type ItemView, type ScanResult } from './api';
import { Attachments } from './Attachments';
import { buildColumnTree, type ColumnNode } from './columnTree';
import { docNumberProblem, normalizeDocNumber } from './docNumber';
import {
  ARTICLE20_ITEMS,
  DOC_KIND_LABELS,
  DISCLOSURE_MODE_LABELS,
  stateLabel,
  TOPIC_OPTIONS,
} from './labels';
import { RichTextEditor } from './RichTextEditor';
import { ScanFindings } from './ScanFindings';

interface EditorValues {
  columnId?: string;
  title: string;
  summary: string;
  bodyHtml: string;
  publisher: string;
  generatedOn: Dayjs | null;
  docNumber: string;
  docKind: 'regulation' | 'normative' | 'other';
  topic: string;
  disclosureMode: string;
  art20Item: number | null;
  keywords: string;
  publishAt: Dayjs | null;
  changeNote: string;
}
const FIELDS = [
  'columnId',
  'title',
  'summary',
  'bodyHtml',
  'publisher',
  'generatedOn',
  'docNumber',
  'docKind',
  'topic',
  'disclosureMode',
  'art20Item',
  'keywords',
  'publishAt',
  'changeNote',
] as const;

/** How long typing must pause before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1500;
/** How long typing must pause before the unsaved text is scanned (POST /api/catalog/scan, no save). */
export const LIVE_SCAN_DELAY_MS = 600;

const nil = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

function toInput(v: EditorValues): ItemInput {
  return {
    columnId: v.columnId ?? '',
    title: v.title.trim(),
    summary: nil(v.summary),
    bodyHtml: v.bodyHtml ?? '',
    publisher: v.publisher.trim(),
    generatedOn: v.generatedOn ? v.generatedOn.format('YYYY-MM-DD') : null,
    docNumber: v.docNumber ? normalizeDocNumber(v.docNumber) || null : null,
    docKind: v.docKind,
    topic: nil(v.topic),
    disclosureMode: v.disclosureMode,
    art20Item: v.art20Item ?? null,
    keywords: nil(v.keywords),
    publishAt: v.publishAt ? v.publishAt.toISOString() : null,
    changeNote: nil(v.changeNote),
  };
}

/** The fields of `next` that differ from `prev`. */
export function changedFields(prev: ItemInput, next: ItemInput): Partial<ItemInput> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (JSON.stringify(v) !== JSON.stringify((prev as unknown as Record<string, unknown>)[k])) out[k] = v;
  }
  return out;
}

function valuesOf(item: ItemView | null, defaults: { publisher: string; columnId?: string }): EditorValues {
  const r = item?.working;
  return {
    columnId: r?.columnId ?? defaults.columnId,
    title: r?.title ?? '',
    summary: r?.summary ?? '',
    bodyHtml: r?.bodyHtml ?? '',
    publisher: r?.publisher ?? defaults.publisher,
    generatedOn: r?.generatedOn ? dayjs(r.generatedOn) : null,
    docNumber: r?.docNumber ?? '',
    docKind: r?.docKind ?? 'other',
    topic: r?.topic ?? '',
    disclosureMode: r?.disclosureMode ?? '主动公开',
    art20Item: r?.art20Item ?? null,
    keywords: r?.keywords ?? '',
    publishAt: r?.publishAt ? dayjs(r.publishAt) : null,
    changeNote: r?.changeNote ?? '',
  };
}

type ColumnOption = { title: string; value: string; disabled?: boolean; children: ColumnOption[] };
function columnOptions(nodes: ColumnNode<ColumnView>[]): ColumnOption[] {
  return nodes.map((n) => ({
    title: n.column.name,
    value: n.column.id,
    children: columnOptions(n.children),
  }));
}

/** The editor page: `/catalog/items/new` (itemId null) or `/catalog/items/:id/edit`. */
export default function ItemEditorPage({ itemId }: { itemId: string | null }) {
  const columns = useQuery((signal) => catalogApi.columns(signal, false), []);
  const item = useQuery(
    (signal) => (itemId ? catalogApi.item(itemId, signal) : Promise.resolve(null)),
    [itemId],
  );
  if ((columns.loading && !columns.data) || (item.loading && item.data === undefined)) {
    return <Skeleton active />;
  }
  if (columns.error || item.error) {
    return (
      <>
        <PageHeader title={itemId ? '编辑公开信息' : '起草公开信息'} />
        <ProblemAlert error={columns.error ?? item.error} onRetry={() => (columns.reload(), item.reload())} />
      </>
    );
  }
  return <ItemEditor key={itemId ?? 'new'} item={item.data ?? null} columns={columns.data ?? []} />;
}

/** Form for one draft revision: metadata, rich-text body, attachments, live sensitive-data scan. */
export function ItemEditor({
  item: initialItem,
  columns,
  autosaveDelayMs = AUTOSAVE_DELAY_MS,
  scanDelayMs = LIVE_SCAN_DELAY_MS,
}: {
  item: ItemView | null;
  columns: ColumnView[];
  autosaveDelayMs?: number;
  scanDelayMs?: number;
}) {
  const { agency, can } = useAuth();
  const { navigate, query } = useRoute();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditorValues>();
  const [item, setItem] = useState<ItemView | null>(initialItem);
  const lastSaved = useRef<ItemInput | null>(
    initialItem?.working ? toInput(valuesOf(initialItem, { publisher: '' })) : null,
  );
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [scan, setScan] = useState<ScanResult | null>(
    initialItem?.working?.scanFindings
      ? { findings: initialItem.working.scanFindings, unresolved: 0, unscannedAttachments: [] }
      : null,
  );
  const [scanning, setScanning] = useState(false);
  const [scanFailed, setScanFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scanTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Timers read the item as it is when they fire (attachments change while the user types).
  const itemRef = useRef<ItemView | null>(initialItem);
  itemRef.current = item;
  const dirty = useRef(false);
  const scanCtrl = useRef<AbortController | null>(null);
  const saveChain = useRef<Promise<unknown>>(Promise.resolve());

  const live = columns.filter((c) => !c.retired);
  const tree = useMemo(() => columnOptions(buildColumnTree(live)), [live]);
  const revision = item?.working ?? null;
  const editable =
    can('catalog.draft') && (!item || (revision?.state === 'draft' && item.allowedActions.includes('edit')));
  const initial = useMemo(
    () =>
      valuesOf(initialItem, { publisher: agency?.name ?? '', columnId: query.get('column') ?? undefined }),
    // Initial values only: later changes flow through the form.
    [],
  );

  /**
   * Scans what is in the form now, saved or not: the live findings never wait for an autosave, and a
   * new item is checked before its first save. The call is stateless (nothing is recorded); the scan
   * that counts is the one the server runs on submit.
   */
  const runLiveScan = async (attachmentIds?: string[]) => {
    const values = form.getFieldsValue(true) as EditorValues;
    const current = itemRef.current;
    const ids = attachmentIds ?? (current?.attachments ?? []).map((a) => a.id);
    scanCtrl.current?.abort();
    if (![values.title, values.summary, values.bodyHtml].some((v) => v?.trim()) && ids.length === 0) {
      setScan(null);
      setScanning(false);
      return;
    }
    const ctrl = new AbortController();
    scanCtrl.current = ctrl;
    setScanning(true);
    try {
      const r = await catalogApi.scanText(
        {
          // Over-long text is refused by the form anyway; scan what may be saved.
          title: (values.title ?? '').slice(0, 300),
          summary: nil(values.summary)?.slice(0, 2000) ?? null,
          bodyHtml: values.bodyHtml ?? '',
          attachmentIds: ids,
          itemId: current?.id ?? null,
        },
        ctrl.signal,
      );
      if (!ctrl.signal.aborted) {
        setScan(r);
        setScanFailed(false);
      }
    } catch (e) {
      if (!ctrl.signal.aborted && !(e instanceof DOMException)) setScanFailed(true);
    } finally {
      if (!ctrl.signal.aborted) setScanning(false);
    }
  };

  useEffect(() => {
    // An open draft without a stored scan (edits clear it) is checked as soon as it is shown.
    if (editable && initialItem?.working && !initialItem.working.scanFindings) void runLiveScan();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      if (scanTimer.current) clearTimeout(scanTimer.current);
      scanCtrl.current?.abort();
    };
    // On mount only.
  }, []);

  /** Saves the form (creating the item on first save); returns the item or null when invalid. */
  const save = async (opts: { silent?: boolean } = {}): Promise<ItemView | null> => {
    const run = async (): Promise<ItemView | null> => {
      let values: EditorValues;
      if (opts.silent) {
        values = form.getFieldsValue(true) as EditorValues;
        // Autosave only what could be saved: the server would refuse the rest anyway.
        if (!values.columnId || !values.title?.trim() || !values.publisher?.trim()) return null;
        if (docNumberProblem(values.docNumber)) return null;
      } else {
        try {
          values = await form.validateFields();
        } catch {
          return null;
        }
      }
      setSaving(true);
      if (!opts.silent) setError(null);
      try {
        const input = toInput(values);
        dirty.current = false;
        // Send only what changed since the last save: the item history names the changed fields.
        const patch = lastSaved.current ? changedFields(lastSaved.current, input) : input;
        if (item && Object.keys(patch).length === 0) return item;
        const saved = item
          ? await catalogApi.updateDraft(item.id, patch)
          : await catalogApi.createItem(input);
        lastSaved.current = input;
        setItem(saved);
        setSavedAt(new Date().toISOString());
        setError(null);
        if (!item) navigate(`/catalog/items/${saved.id}/edit`, { replace: true });
        return saved;
      } catch (e) {
        dirty.current = true;
        const fields = formFieldErrors(e, FIELDS);
        if (fields.length) form.setFields(fields);
        setError(e);
        return null;
      } finally {
        setSaving(false);
      }
    };
    const next = saveChain.current.then(run, run);
    saveChain.current = next;
    return next;
  };

  const onValuesChange = () => {
    dirty.current = true;
    if (!editable) return;
    if (scanTimer.current) clearTimeout(scanTimer.current);
    scanTimer.current = setTimeout(() => void runLiveScan(), scanDelayMs);
    if (!item) return; // a new item is created by an explicit save
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (dirty.current) void save({ silent: true });
    }, autosaveDelayMs);
  };

  const submit = async () => {
    if (timer.current) clearTimeout(timer.current);
    setSubmitting(true);
    try {
      const saved = dirty.current || !item ? await save() : item;
      if (!saved) return;
      await catalogApi.submit(saved.id);
      message.success('已提交保密审查');
      navigate(`/catalog/items/${saved.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const onColumnChange = (columnId: string) => {
    // The column says which 第二十条 item its information serves; take it unless one was chosen.
    const col = columns.find((c) => c.id === columnId);
    if (col?.art20Items.length === 1 && !form.getFieldValue('art20Item')) {
      form.setFieldValue('art20Item', col.art20Items[0]);
    }
  };

  const title = item
    ? revision && revision.revisionNo > 1
      ? `修订公开信息（第${revision.revisionNo}版）`
      : '编辑公开信息'
    : '起草公开信息';
  const findingsOpen = (scan?.findings ?? []).filter((f) => !f.overridden).length;

  return (
    <>
      <PageHeader
        title={title}
        description={
          item ? (
            <Space size={6} wrap>
              {revision ? (
                <Tag color={stateLabel(revision.state).color}>{stateLabel(revision.state).label}</Tag>
              ) : null}
              <Link to={`/catalog/items/${item.id}`}>查看详情与流转记录</Link>
              {saving ? (
                <span>正在保存…</span>
              ) : savedAt ? (
                <span>已自动保存 {formatDateTime(savedAt)}</span>
              ) : null}
            </Space>
          ) : (
            '填写信息要素和正文，保存草稿后可上传附件；输入时系统会自动检查身份证号、手机号、密级标志等敏感信息。'
          )
        }
      />
      {!item && !can('catalog.draft') ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="您的角色不能起草公开信息" />
      ) : null}
      {item && !editable ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="当前状态不能修改"
          description={
            <span>
              只有草稿可以修改。已发布的信息须<Link to={`/catalog/items/${item.id}`}>新建修订版本</Link>
              并重新审查。
            </span>
          }
        />
      ) : null}
      {revision?.returnedOpinion && revision.state === 'draft' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="已退回修改"
          description={`退回意见：${revision.returnedOpinion}`}
          data-testid="returned-opinion"
        />
      ) : null}
      <ProblemAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card>
            <Form
              form={form}
              layout="vertical"
              initialValues={initial}
              onValuesChange={onValuesChange}
              disabled={!editable}
              scrollToFirstError
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="所属栏目"
                    name="columnId"
                    rules={[{ required: true, message: '请选择栏目' }]}
                  >
                    <TreeSelect
                      treeData={tree}
                      treeDefaultExpandAll
                      showSearch
                      treeNodeFilterProp="title"
                      placeholder="请选择栏目"
                      onChange={onColumnChange}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="第二十条事项" name="art20Item">
                    <Select
                      allowClear
                      placeholder="本信息属于《条例》第二十条哪一项"
                      options={ARTICLE20_ITEMS.map((a) => ({ value: a.value, label: a.label }))}
                      optionFilterProp="label"
                      showSearch
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                label="标题"
                name="title"
                rules={[
                  { required: true, whitespace: true, message: '请输入标题' },
                  { max: 300, message: '标题不超过300个字符' },
                ]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                label="内容概述"
                name="summary"
                extra="《条例》第十二条要求目录列明内容概述，一两句话说明本信息的主要内容"
                rules={[{ max: 2000, message: '内容概述不超过2000个字符' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item label="正文" name="bodyHtml">
                <RichTextEditor aria-label="正文" placeholder="在此输入或粘贴正文" disabled={!editable} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="发布机构"
                    name="publisher"
                    rules={[
                      { required: true, whitespace: true, message: '请输入发布机构' },
                      { max: 200, message: '不超过200个字符' },
                    ]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="成文日期"
                    name="generatedOn"
                    required
                    extra="提交前必填。即生成日期；自成文之日起20个工作日内应当公开（《条例》第二十六条）"
                    rules={[
                      {
                        validator: (_, v: Dayjs | null) =>
                          v && v.isAfter(chinaToday(), 'day')
                            ? Promise.reject(new Error('成文日期不能晚于今天'))
                            : Promise.resolve(),
                      },
                    ]}
                  >
                    <DatePicker
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isAfter(chinaToday(), 'day')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="文号"
                    name="docNumber"
                    extra="行政规范性文件提交前必填。年份用六角括号〔〕，如：示应急〔2025〕3号；输入 [2025] 或 (2025) 会自动转换"
                    rules={[
                      {
                        validator: (_, v: string) => {
                          const p = docNumberProblem(v);
                          return p ? Promise.reject(new Error(p)) : Promise.resolve();
                        },
                      },
                    ]}
                  >
                    <DocNumberInput editable={editable} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="文件类型"
                    name="docKind"
                    extra="规章、行政规范性文件计入年报第二十条第（一）项"
                  >
                    <Select
                      options={Object.entries(DOC_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="主题分类" name="topic" extra="两级分类，用“\”分隔，如：综合政务\应急管理">
                    <AutoComplete
                      options={TOPIC_OPTIONS.map((t) => ({ value: t }))}
                      filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="公开方式" name="disclosureMode">
                    <Select
                      options={Object.values(DISCLOSURE_MODE_LABELS).map((v) => ({ value: v, label: v }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="关键词"
                    name="keywords"
                    rules={[{ max: 300, message: '不超过300个字符' }]}
                  >
                    <Input placeholder="多个关键词用空格分隔" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="定时发布"
                    name="publishAt"
                    extra="不填则审批通过后立即发布；发布时间不能早于当前时间"
                    rules={[
                      {
                        validator: (_, v: Dayjs | null) =>
                          v && v.isBefore(dayjs())
                            ? Promise.reject(new Error('定时发布时间不能早于当前时间'))
                            : Promise.resolve(),
                      },
                    ]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isBefore(chinaToday(), 'day')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {revision && revision.revisionNo > 1 ? (
                <Form.Item
                  label="修订说明"
                  name="changeNote"
                  rules={[{ max: 500, message: '不超过500个字符' }]}
                >
                  <Input.TextArea rows={2} placeholder="说明本次修订改了什么" />
                </Form.Item>
              ) : null}
            </Form>
            {editable ? (
              <Flex gap={8} wrap>
                <Button
                  onClick={() => void save().then((s) => s && message.success('草稿已保存'))}
                  loading={saving && !submitting}
                >
                  保存草稿
                </Button>
                <Button type="primary" onClick={() => void submit()} loading={submitting}>
                  提交审查
                </Button>
                {findingsOpen ? (
                  <Typography.Text type="warning" style={{ alignSelf: 'center' }}>
                    仍有 {findingsOpen} 处敏感信息未处理，提交后须由保密审查员逐项确认
                  </Typography.Text>
                ) : null}
              </Flex>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <ScanFindings
              findings={scan?.findings ?? null}
              scanning={scanning}
              unscannedAttachments={scan?.unscannedAttachments}
              idleText="输入标题或正文后将自动检查"
              extra={
                scanFailed ? (
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    检查失败，修改内容后将重试
                  </Typography.Text>
                ) : null
              }
            />
          </Card>
          <Card size="small" title="附件">
            <Attachments
              itemId={item?.id ?? null}
              attachments={item?.attachments ?? []}
              editable={editable}
              onChanged={() => {
                if (!item) return;
                catalogApi.item(item.id).then(
                  (fresh) => {
                    setItem(fresh);
                    void runLiveScan(fresh.attachments.map((a) => a.id));
                  },
                  (e: unknown) => setError(e),
                );
              }}
            />
          </Card>
          {item ? <InterpretsLink item={item} editable={editable} onChanged={setItem} /> : null}
        </Col>
      </Row>
    </>
  );
}

/** 政策解读 link: this item interprets a published policy document. */
function InterpretsLink({
  item,
  editable,
  onChanged,
}: {
  item: ItemView;
  editable: boolean;
  onChanged: (i: ItemView) => void;
}) {
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const options = useQuery(
    (signal) =>
      q.trim()
        ? catalogApi.items({ q: q.trim(), status: 'published', pageSize: 20 }, signal)
        : Promise.resolve(null),
    [q],
  );
  const links = item.links.filter((l) => l.kind === 'interprets');
  const refresh = () => catalogApi.item(item.id).then(onChanged, (e: unknown) => message.error(messageOf(e)));
  return (
    <Card size="small" title="政策解读关联" style={{ marginTop: 16 }}>
      {links.length === 0 ? (
        <Typography.Text type="secondary">
          {links.length === 0 && !editable ? '无' : '如本信息是对某一政策文件的解读，请选择被解读的文件'}
        </Typography.Text>
      ) : (
        links.map((l) => (
          <Flex key={l.id} gap={8} align="center" style={{ marginBottom: 4 }}>
            <Tag color="blue">{l.direction === 'out' ? '解读' : '被解读'}</Tag>
            <Link to={`/catalog/items/${l.otherItemId}`}>{l.otherTitle}</Link>
            {editable && l.direction === 'out' ? (
              <Button
                size="small"
                type="link"
                danger
                onClick={() =>
                  catalogApi
                    .removeLink(item.id, l.id)
                    .then(refresh, (e: unknown) => message.error(messageOf(e)))
                }
              >
                取消关联
              </Button>
            ) : null}
          </Flex>
        ))
      )}
      {editable ? (
        <Select
          showSearch
          style={{ width: '100%', marginTop: 8 }}
          placeholder="输入标题搜索已发布的政策文件"
          filterOption={false}
          onSearch={setQ}
          value={null}
          notFoundContent={q ? (options.loading ? '搜索中…' : '无匹配的已发布信息') : '请输入标题关键词'}
          options={(options.data?.items ?? [])
            .filter((i) => i.id !== item.id)
            .map((i) => ({ value: i.id, label: i.docNumber ? `${i.title}（${i.docNumber}）` : i.title }))}
          onChange={(toId: string) =>
            catalogApi.addLink(item.id, toId, 'interprets').then(
              () => {
                message.success('已关联');
                void refresh();
              },
              (e: unknown) => message.error(e instanceof ApiError ? e.detail : messageOf(e)),
            )
          }
        />
      ) : null}
    </Card>
  );
}

/** 文号 input with a button that inserts 〔〕 (hard to type on most keyboards); fixes brackets on blur. */
function DocNumberInput({
  value,
  onChange,
  id,
  editable,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  editable: boolean;
}) {
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        placeholder="无文号可不填"
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        onBlur={(e) => {
          const n = normalizeDocNumber(e.target.value);
          if (n !== e.target.value) onChange?.(n);
        }}
      />
      <Button disabled={!editable} aria-label="插入六角括号" onClick={() => onChange?.(`${value ?? ''}〔〕`)}>
        〔〕
      </Button>
    </Space.Compact>
  );
}
