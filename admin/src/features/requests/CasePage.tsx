import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { DownloadOutlined, EyeOutlined, LeftOutlined } from '@ant-design/icons';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import {
  APPEAL_KIND_LABELS,
  APPEAL_OUTCOME_LABELS,
  requestsApi,
  yuan,
  type CaseDetail,
  type Clocks,
} from './api';
import { ACTION_ORDER, ACTIONS, ActionModal } from './actions';
import { AssignModal, OutcomeModal, UnmaskModal } from './CaseDialogs';
import { DueCell, StageTag, todayIso, useMeta } from './common';
import { ReplyFiles } from './ReplyFiles';

const INTERVAL_LABELS: Record<string, string> = {
  third_party: '征求第三方意见',
  other_agency: '征求其他机关意见',
  fee: '收费通知期间',
};

/** How the due date was computed: steps, skipped holidays, excluded intervals, the estimate warning. */
export function DueExplanation({ clocks }: { clocks: Clocks }) {
  return (
    <div>
      {clocks.estimateNotice ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={clocks.estimateNotice}
          description="涉及尚未发布放假安排的年份按周一至周五预估；放假安排录入后期限自动更新。"
        />
      ) : null}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="收到申请日">{clocks.receivedOn}</Descriptions.Item>
        <Descriptions.Item label="本轮起算日">{clocks.clockStart}</Descriptions.Item>
        <Descriptions.Item label="补正告知期限">{clocks.supplementNoticeDue}</Descriptions.Item>
        <Descriptions.Item label="20个工作日（不含中止）">{clocks.answerDueBase}</Descriptions.Item>
        <Descriptions.Item label="计入中止后">{clocks.answerDueBeforeExtension}</Descriptions.Item>
        <Descriptions.Item label="答复期限">
          <Typography.Text strong>{clocks.answerDue}</Typography.Text>
          {clocks.dueDateFinal ? null : <Tag style={{ marginLeft: 8 }}>暂定</Tag>}
          {clocks.deferredTo ? <Tag color="purple">第三十五条延迟至 {clocks.deferredTo}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="延期">
          {clocks.extensionState === 'none'
            ? '未延期'
            : `${clocks.extensionDays} 个工作日（${{ effective: '已生效', pending_notice: '已批准待告知', ineffective: '未按时告知，无效', none: '' }[clocks.extensionState]}）`}
        </Descriptions.Item>
        <Descriptions.Item label="日历版本">{clocks.calendarVersion}</Descriptions.Item>
      </Descriptions>
      {clocks.excludedIntervals.length ? (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => `${r.kind}-${r.from}`}
          pagination={false}
          caption="不计入期限的期间"
          dataSource={clocks.excludedIntervals}
          columns={[
            { title: '事项', dataIndex: 'kind', render: (k: string) => INTERVAL_LABELS[k] ?? k },
            { title: '起', dataIndex: 'from' },
            { title: '止', dataIndex: 'to', render: (t: string | null) => t ?? '进行中' },
            { title: '扣除工作日', dataIndex: 'workdaysExcluded' },
            {
              title: '状态',
              dataIndex: 'state',
              render: (s: string) => ({ open: '进行中', closed: '已结束', lapsed: '已届满' })[s] ?? s,
            },
          ]}
        />
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
        计算过程
      </Typography.Title>
      <Collapse
        size="small"
        items={clocks.explanation.map((s, i) => ({
          key: String(i),
          label: s.textZh,
          children: (
            <div>
              {s.skippedDays?.length ? (
                <Typography.Paragraph>
                  <Typography.Text strong>跳过的非工作日：</Typography.Text>
                  {s.skippedDays.map((d) => `${d.date} ${d.reason}`).join('；')}
                </Typography.Paragraph>
              ) : null}
              {s.excludedDays?.length ? (
                <Typography.Paragraph>
                  <Typography.Text strong>不计入的工作日：</Typography.Text>
                  {s.excludedDays.map((d) => `${d.date} ${d.reason}`).join('；')}
                </Typography.Paragraph>
              ) : null}
              {s.countedDays?.length ? (
                <Typography.Paragraph type="secondary">
                  计入的工作日：{s.countedDays.join('、')}
                </Typography.Paragraph>
              ) : null}
              {!s.skippedDays?.length && !s.excludedDays?.length && !s.countedDays?.length ? (
                <Typography.Text type="secondary">无明细</Typography.Text>
              ) : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}

function Consultations({ c, onChanged }: { c: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const { message } = AntApp.useApp();
  const list = c.clocks?.consultationsDue ?? [];
  if (!list.length) return null;
  const reply = async (id: string, opinion: 'agree' | 'disagree' | 'other') => {
    try {
      onChanged(
        await requestsApi.replyConsultation(c.id, id, {
          date: todayIso(),
          opinion,
        }),
      );
      message.success('已登记答复意见');
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    }
  };
  return (
    <Table
      size="small"
      rowKey="consultationId"
      pagination={false}
      caption="征求意见"
      dataSource={list}
      columns={[
        { title: '对象', dataIndex: 'kind', render: (k: string) => INTERVAL_LABELS[k] ?? k },
        { title: '发出', dataIndex: 'sentOn' },
        { title: '答复期限', dataIndex: 'replyDue' },
        {
          title: '状态',
          key: 's',
          render: (_, r) =>
            r.state === 'replied' ? (
              `已答复 ${r.repliedOn}`
            ) : r.state === 'lapsed' ? (
              <Typography.Text type="warning">逾期未答复：{r.silenceRuleZh}</Typography.Text>
            ) : (
              '等待答复'
            ),
        },
        {
          title: '登记答复（今日）',
          key: 'op',
          render: (_, r) =>
            r.state === 'awaiting' && c.allowedActions.includes('consultation') ? (
              <Space size={4}>
                <Button size="small" onClick={() => reply(r.consultationId, 'agree')}>
                  同意公开
                </Button>
                <Button size="small" onClick={() => reply(r.consultationId, 'disagree')}>
                  不同意
                </Button>
                <Button size="small" onClick={() => reply(r.consultationId, 'other')}>
                  其他
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );
}

/** 案件页: applicant (masked ID), timeline, due-date explanation, letters, fees, appeals, and the actions allowed now. */
export default function CasePage({ id }: { id: string }) {
  const meta = useMeta();
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const loaded = useQuery((signal) => requestsApi.get(id, signal), [id]);
  const [c, setC] = useState<CaseDetail | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => setC(loaded.data ?? null), [loaded.data]);

  const done = (next: CaseDetail) => {
    setC(next);
    setOpen(null);
    message.success('已保存');
  };

  if (loaded.error) return <ProblemAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Card loading />;
  const outcomeMeta = c.outcome ? meta?.outcomes.find((o) => o.code === c.outcome!.outcomeCode) : undefined;
  const actions = ACTION_ORDER.filter((a) => c.allowedActions.includes(a));
  const extra = ['assign', 'draft_outcome'].filter((a) => c.allowedActions.includes(a));

  return (
    <div>
      <PageHeader
        title={
          <span>
            {c.caseNumber} <StageTag stage={c.stage} label={c.stageLabel} />
          </span>
        }
        description={
          <Link to="/requests">
            <LeftOutlined /> 返回案件列表
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} title="可办理的操作">
        {actions.length + extra.length === 0 ? (
          <Typography.Text type="secondary">当前环节您没有可执行的操作。</Typography.Text>
        ) : (
          <Flex gap={8} wrap>
            {extra.includes('assign') ? (
              <Button
                type={c.stage === 'registered' ? 'primary' : 'default'}
                onClick={() => setOpen('assign')}
              >
                分办
              </Button>
            ) : null}
            {extra.includes('draft_outcome') ? (
              <Button type={c.outcome ? 'default' : 'primary'} onClick={() => setOpen('draft_outcome')}>
                {c.outcome ? '修改办理结果' : '拟定办理结果'}
              </Button>
            ) : null}
            {actions.map((a) => (
              <Button
                key={a}
                type={ACTIONS[a]?.primary ? 'primary' : 'default'}
                danger={ACTIONS[a]?.danger}
                onClick={() => setOpen(a)}
              >
                {ACTIONS[a]?.label ?? a}
              </Button>
            ))}
          </Flex>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title="申请人与申请">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="申请人">
                {c.applicant.name}（{c.applicant.typeLabel ?? c.applicant.type}）
              </Descriptions.Item>
              {c.applicant.contactPerson ? (
                <Descriptions.Item label="联系人">{c.applicant.contactPerson}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label={c.applicant.idDocLabel ?? '证件'}>
                <Space>
                  <span data-testid="id-masked">{c.applicant.idNumberMasked}</span>
                  {c.allowedActions.includes('unmask') ? (
                    <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen('unmask')}>
                      查看完整号码
                    </Button>
                  ) : null}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="电话">{c.applicant.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="邮箱">{c.applicant.email ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="地址">
                {[c.applicant.address, c.applicant.postcode].filter(Boolean).join(' ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="渠道">{c.channelLabel ?? c.channel}</Descriptions.Item>
              <Descriptions.Item label="提交时间">{formatDateTime(c.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="收到日期">
                {c.receivedOn ?? '待确认'}
                {c.receiptBasis ? `（${c.receiptBasis}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="形式 / 方式">
                {c.requestedFormLabel ?? c.requestedForm} / {c.deliveryMethodLabel ?? c.deliveryMethod}
              </Descriptions.Item>
              <Descriptions.Item label="承办">
                {c.handlerName ? `${c.divisionName ?? ''} ${c.handlerName}` : '未分办'}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
              {c.description}
            </Typography.Paragraph>
            {c.links.length ? (
              <div>
                关联案件：
                {c.links.map((l) => (
                  <Tag key={l.id}>
                    <Link to={`/requests/${l.linkedCaseId}`}>{l.linkedCaseNumber}</Link>（
                    {l.kind === 'duplicate' ? '重复' : '相关'}）
                  </Tag>
                ))}
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={
              <span>
                答复期限：
                <DueCell c={c} />
              </span>
            }
          >
            <Tabs
              items={[
                {
                  key: 'due',
                  label: '期限计算',
                  children: c.clocks ? (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <DueExplanation clocks={c.clocks} />
                      <Consultations c={c} onChanged={setC} />
                    </Space>
                  ) : (
                    <EmptyState description="尚未确认收到申请，期限从收到申请之日起算。" />
                  ),
                },
                {
                  key: 'timeline',
                  label: `办理记录（${c.events.length}）`,
                  children: c.events.length ? (
                    <Timeline
                      items={c.events.map((e) => ({
                        key: e.seq,
                        content: (
                          <div>
                            <Typography.Text strong>{e.date}</Typography.Text> {e.typeLabel}
                            {e.public ? <Tag style={{ marginLeft: 8 }}>申请人可见</Tag> : null}
                            <div>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {e.actorName} · {formatDateTime(e.createdAt)}
                              </Typography.Text>
                            </div>
                          </div>
                        ),
                      }))}
                    />
                  ) : (
                    <EmptyState description="暂无办理记录" />
                  ),
                },
                {
                  key: 'outcome',
                  label: '办理结果',
                  children: c.outcome ? (
                    <Descriptions size="small" column={1} bordered>
                      <Descriptions.Item label="结果">
                        {c.outcome.outcomeLabel}（表三 {c.outcome.table3Row}）
                      </Descriptions.Item>
                      <Descriptions.Item label="法律依据">{c.outcome.legalBasisRef}</Descriptions.Item>
                      <Descriptions.Item label="理由">{c.outcome.reason}</Descriptions.Item>
                      {c.outcome.withheldParts.length ? (
                        <Descriptions.Item label="不予公开的部分">
                          {c.outcome.withheldParts.map((p, i) => (
                            <div key={i}>
                              {p.part}：
                              {meta?.withholdingGrounds.find((g) => g.code === p.ground)?.labelZh ?? p.ground}
                              ，{p.reason}
                            </div>
                          ))}
                        </Descriptions.Item>
                      ) : null}
                      {c.outcome.referralAgency ? (
                        <Descriptions.Item label="告知机关">{c.outcome.referralAgency}</Descriptions.Item>
                      ) : null}
                      <Descriptions.Item label="保密审查">
                        {outcomeMeta?.releasesContent
                          ? c.outcome.reviewPassedAt
                            ? `已通过 ${formatDateTime(c.outcome.reviewPassedAt)}`
                            : '待审查'
                          : '不涉及'}
                      </Descriptions.Item>
                      <Descriptions.Item label="签发">
                        {c.outcome.approvedAt
                          ? `${c.outcome.approvedByName ?? ''} ${formatDateTime(c.outcome.approvedAt)}`
                          : '未签发'}
                      </Descriptions.Item>
                    </Descriptions>
                  ) : (
                    <EmptyState description="尚未拟定办理结果" />
                  ),
                },
                {
                  key: 'letters',
                  label: `文书（${c.letters.length}）`,
                  children: (
                    <Table
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={c.letters}
                      locale={{ emptyText: <EmptyState description="暂无文书" /> }}
                      columns={[
                        { title: '文号', dataIndex: 'letterNumber', width: 160 },
                        { title: '文书', dataIndex: 'title' },
                        { title: '类型', dataIndex: 'kindLabel', width: 110 },
                        {
                          title: '出具时间',
                          dataIndex: 'createdAt',
                          width: 150,
                          render: (v: string) => formatDateTime(v),
                        },
                        {
                          title: '下载',
                          key: 'dl',
                          width: 80,
                          render: (_, l) => (
                            <a href={l.downloadUrl} download={l.fileName} aria-label={`下载${l.title}`}>
                              <DownloadOutlined /> .docx
                            </a>
                          ),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'reply-files',
                  label: '答复附件',
                  children: (
                    <ReplyFiles
                      caseId={c.id}
                      stage={c.stage}
                      editable={can('requests.handle', 'requests.admin')}
                    />
                  ),
                },
                {
                  key: 'fee',
                  label: '收费',
                  children: c.fee ? (
                    <Descriptions size="small" column={1} bordered>
                      <Descriptions.Item label="计费">
                        {c.fee.basis === 'per_item' ? '按件' : '按量'} × {c.fee.quantity}
                        {c.fee.priorItemsThisMonth ? `（本月此前 ${c.fee.priorItemsThisMonth} 件）` : ''}
                      </Descriptions.Item>
                      <Descriptions.Item label="金额">
                        {yuan(c.fee.amountFen)}
                        {c.fee.uncertain ? (
                          <Tag color="warning" style={{ marginLeft: 8 }}>
                            规则待确认
                          </Tag>
                        ) : null}
                      </Descriptions.Item>
                      <Descriptions.Item label="通知">
                        {c.fee.noticeSentOn} 发出
                        {c.fee.noticeReceivedOn ? `，${c.fee.noticeReceivedOn} 收到` : ''}；缴费期限{' '}
                        {c.fee.paymentDue ?? '—'}
                      </Descriptions.Item>
                      <Descriptions.Item label="状态">
                        {
                          {
                            noticed: '待缴费',
                            paid: `已缴 ${yuan(c.fee.paidAmountFen)}（${c.fee.paidOn}）`,
                            abandoned: `逾期未缴，视为放弃（${c.fee.abandonedOn}）`,
                          }[c.fee.state]
                        }
                      </Descriptions.Item>
                      {c.fee.notes.length ? (
                        <Descriptions.Item label="说明">{c.fee.notes.join('；')}</Descriptions.Item>
                      ) : null}
                    </Descriptions>
                  ) : (
                    <EmptyState description="未收费" />
                  ),
                },
                {
                  key: 'appeals',
                  label: `复议诉讼（${c.appeals.length}）`,
                  children: c.appeals.length ? (
                    <Table
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={c.appeals}
                      columns={[
                        {
                          title: '类型',
                          dataIndex: 'kind',
                          render: (k: keyof typeof APPEAL_KIND_LABELS) => APPEAL_KIND_LABELS[k],
                        },
                        { title: '日期', dataIndex: 'filedOn' },
                        { title: '机关/法院', dataIndex: 'bodyName' },
                        {
                          title: '结果',
                          dataIndex: 'outcome',
                          render: (o: keyof typeof APPEAL_OUTCOME_LABELS) => APPEAL_OUTCOME_LABELS[o],
                        },
                      ]}
                    />
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无复议、诉讼" />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {open === 'assign' ? <AssignModal c={c} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open === 'draft_outcome' ? <OutcomeModal c={c} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open === 'unmask' ? <UnmaskModal c={c} onClose={() => setOpen(null)} /> : null}
      {open && ACTIONS[open] ? (
        <ActionModal caseId={c.id} actionKey={open} onClose={() => setOpen(null)} onDone={done} />
      ) : null}
    </div>
  );
}
