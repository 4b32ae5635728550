import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Input,
  List,
  Modal,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useAuth } from '../../app/auth';
import { useQuery } from '../../api/hooks';
import { messageOf } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Link } from '../../app/router';
import {
  STATUS_COLORS,
  cellKey,
  recordHref,
  reportApi,
  type FindingView,
  type ReportTexts,
  type ReportView,
  type ValueRef,
} from './api';
import { GRID_CSS, ReportGrid } from './ReportGrid';

const SECTION_PROMPTS: Record<keyof ReportTexts, string> = {
  one: '已按业务数据起草。{{占位符}} 会按表格数字自动更新，请勿改成固定数字；【请填写…】处请补充。',
  five: '写明本年度存在的主要问题、上年度问题的改进情况和下一步措施。',
  six: '信息处理费收取情况一句必须保留（未收取也须写明“0元”，删去后系统会自动补回）；其他事项如人大代表建议和政协提案办理结果公开情况等。',
};

/** Fills {{placeholders}} as the server does, so the preview is live while typing. */
export function renderLive(text: string, variables: Record<string, string>): string {
  return text.replace(/\{\{([^{}]+?)\}\}/g, (m, name: string) => variables[name.trim()] ?? m);
}

function FindingItem({
  f,
  editable,
  onOverride,
}: {
  f: FindingView;
  editable: boolean;
  onOverride: (f: FindingView, reason: string | null) => Promise<void>;
}) {
  const [reason, setReason] = useState(f.override?.reason ?? '');
  return (
    <List.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex gap={8} align="center" wrap>
          <Tag color={f.severity === 'error' ? 'red' : 'orange'}>
            {f.severity === 'error' ? '错误' : '提示'}
          </Tag>
          <Typography.Text strong>{f.ruleId}</Typography.Text>
          <span>{f.messageZh}</span>
          {f.override ? <Tag color="blue">已书面说明</Tag> : null}
        </Flex>
        {f.severity === 'error' ? (
          f.override && !editable ? (
            <Typography.Text type="secondary">
              说明：{f.override.reason}（{f.override.by}）
            </Typography.Text>
          ) : editable ? (
            <Flex gap={8}>
              <Input
                aria-label={`${f.ruleId} 的书面说明`}
                placeholder="如确需带此错误发布，请书面说明理由（至少5个字）"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button onClick={() => onOverride(f, reason)} disabled={reason.trim().length < 5}>
                保存说明
              </Button>
              {f.override ? <Button onClick={() => onOverride(f, null)}>撤回</Button> : null}
            </Flex>
          ) : null
        ) : null}
      </Space>
    </List.Item>
  );
}

export function ReportEditor({ id }: { id: string }) {
  const { permissions } = useAuth();
  const { message } = AntApp.useApp();
  const q = useQuery((s) => reportApi.get(id, s), [id]);
  const [report, setReport] = useState<ReportView>();
  // the last write's answer is the freshest view; the query is the first one
  const r = report && report.id === id ? report : q.data;
  const [drill, setDrill] = useState<ValueRef | null>(null);
  const [drafts, setDrafts] = useState<Partial<ReportTexts>>({});
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [correctionReason, setCorrectionReason] = useState('');

  const canEdit = permissions.has('report.edit');
  const canApprove = permissions.has('report.approve');
  const editable = Boolean(r && canEdit && (r.status === 'draft' || r.status === 'checked'));

  const flagged = useMemo(
    () => new Set((r?.findings ?? []).filter((f) => !f.override).flatMap((f) => f.cells.map(cellKey))),
    [r],
  );
  const drillable = useMemo(() => new Set(Object.keys(r?.drill ?? {})), [r]);

  async function run(action: () => Promise<ReportView>, done: string) {
    setBusy(true);
    try {
      const next = await action();
      setReport(next);
      setDrafts({});
      message.success(done);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (q.error) return <ProblemAlert error={q.error} onRetry={q.reload} />;
  if (!r) return <Card loading />;

  const texts: ReportTexts = { ...r.texts, ...drafts };
  const dirty = Object.keys(drafts).length > 0;
  const errors = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  const h = r.format.sections.map((s) => s.heading);
  const drillEntry = drill ? r.drill[cellKey(drill)] : undefined;

  return (
    <>
      <style>{GRID_CSS}</style>
      <PageHeader
        title={`${r.year}年政府信息公开工作年度报告`}
        description={
          <>
            <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
            {r.version > 1 ? (
              <Tag color="purple">
                更正版第{r.version}版：{r.correctionReason}
              </Tag>
            ) : null}
            {r.format.title}（{r.format.issuingDocument}）· 法定公开期限 {r.deadline}
            {r.status !== 'published'
              ? r.daysLeft >= 0
                ? `（还剩${r.daysLeft}天）`
                : `（已逾期${-r.daysLeft}天）`
              : ''}
          </>
        }
        extra={
          <>
            <Link to="/annual-reports">返回列表</Link>
            {editable ? (
              <Button
                disabled={busy}
                onClick={() => run(() => reportApi.regenerate(id), '已按最新业务数据重新生成')}
              >
                重新生成
              </Button>
            ) : null}
            {editable ? (
              <Button
                type="primary"
                disabled={busy || dirty}
                onClick={() => run(() => reportApi.check(id), '校验完成')}
              >
                校验
              </Button>
            ) : null}
            {canApprove && r.status === 'checked' ? (
              <Button
                type="primary"
                disabled={busy}
                onClick={() => run(() => reportApi.approve(id), '已审批')}
              >
                审批通过
              </Button>
            ) : null}
            {(canEdit || canApprove) && (r.status === 'checked' || r.status === 'approved') ? (
              <Button disabled={busy} onClick={() => run(() => reportApi.reopen(id, ''), '已退回修改')}>
                退回修改
              </Button>
            ) : null}
            {canEdit && r.status === 'approved' ? (
              <Button
                type="primary"
                disabled={busy}
                onClick={() => run(() => reportApi.publish(id), '已发布到门户“政府信息公开年报”栏目')}
              >
                发布
              </Button>
            ) : null}
            {canEdit && r.status === 'published' ? (
              <Button danger disabled={busy} onClick={() => setCorrecting(true)}>
                发起更正
              </Button>
            ) : null}
          </>
        }
      />
      {r.blocking > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`还有${r.blocking}项错误未更正或书面说明，不能进入审批和发布`}
        />
      ) : null}
      <Tabs
        items={[
          {
            key: 'tables',
            label: '统计表',
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  每个数字均由业务记录计算；点击数字可查看其对应的记录。标红的单元格被校验规则指出。
                </Typography.Paragraph>
                <Typography.Title level={2} style={{ fontSize: 16 }}>
                  {h[1]}
                </Typography.Title>
                {r.format.table2.layouts.map((layout, i) => (
                  <ReportGrid
                    key={i}
                    layout={layout}
                    tables={r.tables}
                    caption={r.format.table2.subTables[i]?.caption ?? h[1]!}
                    drillable={drillable}
                    flagged={flagged}
                    onCell={setDrill}
                  />
                ))}
                <Typography.Title level={2} style={{ fontSize: 16 }}>
                  {h[2]}
                </Typography.Title>
                <ReportGrid
                  layout={r.format.table3.layout}
                  tables={r.tables}
                  caption={h[2]!}
                  drillable={drillable}
                  flagged={flagged}
                  onCell={setDrill}
                />
                <Typography.Title level={2} style={{ fontSize: 16 }}>
                  {h[3]}
                </Typography.Title>
                <ReportGrid
                  layout={r.format.table4.layout}
                  tables={r.tables}
                  caption={h[3]!}
                  drillable={drillable}
                  flagged={flagged}
                  onCell={setDrill}
                />
              </>
            ),
          },
          {
            key: 'texts',
            label: '正文',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Paragraph type="secondary">
                  可用数据项：
                  {Object.keys(r.variables)
                    .map((k) => `{{${k}}}`)
                    .join('、')}
                </Typography.Paragraph>
                {(['one', 'five', 'six'] as const).map((k, i) => (
                  <Card key={k} size="small" title={h[[0, 4, 5][i]!]}>
                    <Flex gap={16} wrap>
                      <div style={{ flex: '1 1 380px' }}>
                        <Typography.Text type="secondary">{SECTION_PROMPTS[k]}</Typography.Text>
                        <Input.TextArea
                          aria-label={`${h[[0, 4, 5][i]!]} 正文`}
                          value={texts[k]}
                          disabled={!editable}
                          autoSize={{ minRows: 6, maxRows: 24 }}
                          onChange={(e) => setDrafts((d) => ({ ...d, [k]: e.target.value }))}
                        />
                      </div>
                      <div style={{ flex: '1 1 380px' }} aria-label={`${h[[0, 4, 5][i]!]} 预览`}>
                        <Typography.Text type="secondary">预览（数字随表格实时更新）</Typography.Text>
                        {renderLive(texts[k], r.variables)
                          .split('\n')
                          .filter(Boolean)
                          .map((p, j) => (
                            <p key={j} style={{ textIndent: '2em', margin: '4px 0' }}>
                              {p}
                            </p>
                          ))}
                      </div>
                    </Flex>
                  </Card>
                ))}
                {editable ? (
                  <Button
                    type="primary"
                    disabled={!dirty || busy}
                    onClick={() => run(() => reportApi.saveTexts(id, drafts), '正文已保存，并已重新校验')}
                  >
                    保存正文
                  </Button>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'checks',
            label: `校验结果（错误${errors.length}，提示${warnings.length}）`,
            children: (
              <List
                bordered
                locale={{ emptyText: '全部规则通过' }}
                dataSource={[...errors, ...warnings]}
                renderItem={(f) => (
                  <FindingItem
                    key={f.key}
                    f={f}
                    editable={editable}
                    onOverride={(finding, reason) =>
                      run(
                        () => reportApi.override(id, finding.key, reason),
                        reason ? '说明已保存，请重新校验' : '说明已撤回',
                      )
                    }
                  />
                )}
              />
            ),
          },
          {
            key: 'files',
            label: '下载与版本',
            children: (
              <Space direction="vertical">
                <Space wrap>
                  当前稿：
                  <a href={reportApi.fileUrl(id, 'docx')}>Word</a>
                  <a href={reportApi.fileUrl(id, 'xlsx')}>Excel</a>
                  <a href={reportApi.fileUrl(id, 'html')}>网页</a>
                  <a href={reportApi.fileUrl(id, 'svg')} target="_blank" rel="noreferrer">
                    图表
                  </a>
                </Space>
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  items={r.versions.map((v) => ({
                    key: String(v.version),
                    label: `第${v.version}版 ${v.publishedAt.slice(0, 10)}`,
                    children: (
                      <Space direction="vertical">
                        <span>{v.correctionReason ? `更正原因：${v.correctionReason}` : '首次发布'}</span>
                        <Space wrap>
                          {(['docx', 'xlsx', 'html', 'svg'] as const).map((k) => (
                            <a
                              key={k}
                              href={reportApi.fileUrl(id, k, v.version)}
                              title={`SHA-256 ${v.files[k] ?? ''}`}
                            >
                              {k}
                            </a>
                          ))}
                        </Space>
                      </Space>
                    ),
                  }))}
                />
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={Boolean(drill)} onClose={() => setDrill(null)} title="单元格明细" size="default">
        {drillEntry ? (
          <>
            <p>共 {drillEntry.ids.length} 条记录：</p>
            <List
              size="small"
              dataSource={drillEntry.ids}
              renderItem={(rid) => (
                <List.Item>
                  <Link to={recordHref(drillEntry.source, rid)}>{rid}</Link>
                </List.Item>
              )}
            />
          </>
        ) : (
          <p>该单元格没有对应记录。</p>
        )}
      </Drawer>
      <Modal
        open={correcting}
        title="发起更正"
        okText="发起更正"
        okButtonProps={{ disabled: correctionReason.trim().length < 5 }}
        onCancel={() => setCorrecting(false)}
        onOk={async () => {
          setCorrecting(false);
          await run(() => reportApi.correct(id, correctionReason), '已生成更正稿，原发布版本保持不变');
        }}
      >
        <p>更正将生成新版本；已发布的版本保持不变，直至新版本发布。</p>
        <Input.TextArea
          aria-label="更正原因"
          value={correctionReason}
          onChange={(e) => setCorrectionReason(e.target.value)}
          placeholder="请说明更正原因"
        />
      </Modal>
    </>
  );
}
