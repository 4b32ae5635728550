import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { auditApi } from '../../api/endpoints';
import { useQuery } from '../../api/hooks';
import type { AuditEntry, AuditFilter, AuditVerifyResult } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTimeSeconds } from '../../components/format';
import { CheckpointsCard } from './CheckpointsCard';

/** Known audit actions in words; modules add theirs here as they start recording them. */
export const ACTION_LABELS: Record<string, string> = {
  'org.create': '新建机构',
  'org.update': '修改机构设置',
  'org.retire': '撤销机构',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'user.change_password': '修改本人密码',
  'calendar.year.put': '录入/更正放假安排',
  'calendar.year.delete': '撤销放假安排录入',
  'catalog.column.create': '新建栏目',
  'catalog.column.update': '修改栏目',
  'catalog.column.move': '移动栏目',
  'catalog.column.retire': '停用栏目',
  'catalog.column.restore': '恢复栏目',
  'catalog.settings.update': '修改发布设置',
  'catalog.item.create': '起草信息',
  'catalog.item.edit': '修改草稿',
  'catalog.item.discard': '删除草稿',
  'catalog.item.submit': '提交审核',
  'catalog.item.start_review': '开始保密审查',
  'catalog.item.review_pass': '保密审查通过',
  'catalog.item.review_reject': '保密审查退回',
  'catalog.item.approve': '领导审批',
  'catalog.item.publish': '发布信息',
  'catalog.item.publish_blocked': '发布被敏感信息拦截',
  'catalog.item.revise': '新建修订版',
  'catalog.item.withdraw': '撤回信息',
  'catalog.item.repeal': '标记废止',
  'catalog.item.expire': '标记失效',
  'catalog.item.link': '关联信息',
  'catalog.item.unlink': '取消关联',
  'catalog.attachment.add': '上传附件',
  'catalog.attachment.remove': '删除附件',
  'catalog.delivery.retry': '重发渠道推送',
  'portal.page.save': '修改门户页面文字',
  'request.received': '登记申请',
  'request.submitted': '网上提交申请',
  'request.assigned': '分办',
  'request.supplement_requested': '告知补正',
  'request.supplement_received': '收到补正',
  'request.supplement_expired': '逾期未补正',
  'request.third_party_consultation_sent': '征求第三方意见',
  'request.third_party_consultation_replied': '第三方回复',
  'request.agency_consultation_sent': '征求其他机关意见',
  'request.agency_consultation_replied': '其他机关回复',
  'request.extension_approved': '批准延期',
  'request.extension_notified': '告知延期',
  'request.fee_notice_sent': '发出收费通知',
  'request.fee_paid': '登记缴费',
  'request.fee_expired': '逾期未缴费',
  'request.deferred': '延后答复（第三十五条）',
  'request.outcome_drafted': '拟定答复',
  'request.submitted_for_review': '提交审核',
  'request.review_passed': '审核通过',
  'request.signed_off': '签发',
  'request.answered': '答复送达',
  'request.archived': '归档',
  'request.withdrawn': '申请人撤回',
  'request.letter_issued': '出具文书',
  'request.appeal_record': '登记复议/诉讼',
  'request.appeal_update': '更新复议/诉讼结果',
  'request.id_unmask': '查看完整证件号码',
  'request.promotion_propose': '提议转为主动公开',
  'request.query_code_reset': '重置查询码',
  'request.reminder_ack': '确认办理提醒',
  'request.template_update': '修改文书模板',
  'request.template_reset': '恢复默认文书模板',
  'request.deadline_recomputed': '重算期限',
  'enforcement.decision.create': '登记行政决定',
  'enforcement.decision.update': '修改行政决定',
  'enforcement.decision.delete': '删除行政决定',
  'enforcement.decision.submit': '提交审核',
  'enforcement.decision.pass_review': '保密审查通过',
  'enforcement.decision.approve': '审批公示',
  'enforcement.decision.return': '退回',
  'enforcement.decision.recall': '撤回',
  'enforcement.decision.take_down': '撤下公示',
  'enforcement.decision.correct': '更正决定',
  'enforcement.decision.revoke': '撤销决定',
  'enforcement.accident.create': '登记事故调查报告',
  'enforcement.accident.update': '修改事故调查报告',
  'enforcement.accident.submit': '提交审核',
  'enforcement.accident.pass_review': '保密审查通过',
  'enforcement.accident.approve': '审批公开',
  'enforcement.hazard.create': '登记挂牌督办',
  'enforcement.hazard.update': '修改挂牌督办',
  'enforcement.hazard.submit': '提交审核',
  'enforcement.hazard.pass_review': '保密审查通过',
  'enforcement.hazard.approve': '审批公开',
  'enforcement.item.create': '新增权责事项',
  'enforcement.item.update': '修改权责事项',
  'enforcement.item.delete': '删除权责事项',
  'enforcement.import': '批量导入决定',
  'enforcement.import.rejected': '批量导入被拒绝',
  'enforcement.settings': '修改双公示设置',
  'report.generate': '生成年报',
  'report.regenerate': '重新生成年报',
  'report.edit': '编辑年报',
  'report.check': '校验年报',
  'report.override': '说明校验错误',
  'report.override_withdraw': '撤回错误说明',
  'report.approve': '审批年报',
  'report.publish': '发布年报',
  'report.correct': '更正年报',
  'report.reopen': '退回修改',
  'audit.seal_legacy': '补签早期审计记录校验码',
};

export const TARGET_LABELS: Record<string, string> = {
  org: '机构',
  user: '用户',
  calendar_year: '工作日历年度',
  catalog_column: '栏目',
  catalog_item: '公开信息',
  catalog_settings: '发布设置',
  catalog_delivery: '渠道推送',
  portal_page: '门户页面',
  request_case: '依申请公开案件',
  request_promotion: '转主动公开提议',
  request_template: '文书模板',
  enforcement_decision: '行政决定',
  enforcement_accident: '事故调查报告',
  enforcement_hazard: '挂牌督办',
  enforcement_item: '权责事项',
  enforcement_import_job: '导入任务',
  enforcement_settings: '双公示设置',
  annual_report: '年度报告',
  audit_log: '审计日志',
};

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  action?: string;
  targetType?: string;
  actorId?: string;
  targetId?: string;
}

function toFilter(v: FilterValues): AuditFilter {
  const t = (s?: string) => s?.trim() || undefined;
  return {
    from: v.range?.[0]?.format('YYYY-MM-DD'),
    to: v.range?.[1]?.format('YYYY-MM-DD'),
    action: t(v.action),
    targetType: t(v.targetType),
    actorId: t(v.actorId),
    targetId: t(v.targetId),
  };
}

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <pre className="gk-json" tabIndex={0} aria-label={label}>
        {value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Before/after of a change side by side; anything else in the summary below. */
function SummaryView({ entry }: { entry: AuditEntry }) {
  const s = entry.summary;
  const { before, after, note, ...rest } =
    s && typeof s === 'object' ? s : { before: undefined, after: undefined, note: undefined };
  const hasRest = Object.keys(rest).length > 0;
  return (
    <div style={{ padding: '4px 8px' }}>
      {note ? (
        <Typography.Paragraph>
          说明：{typeof note === 'string' ? note : JSON.stringify(note)}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={16}>
        {before !== undefined ? (
          <Col xs={24} md={12}>
            <Json label="变更前" value={before} />
          </Col>
        ) : null}
        {after !== undefined ? (
          <Col xs={24} md={12}>
            <Json label="变更后" value={after} />
          </Col>
        ) : null}
        {hasRest ? (
          <Col xs={24}>
            <Json label="其他信息" value={rest} />
          </Col>
        ) : null}
      </Row>
      {before === undefined && after === undefined && !hasRest && !note ? (
        <Typography.Paragraph type="secondary">此操作没有记录变更内容。</Typography.Paragraph>
      ) : null}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label="请求编号">{entry.requestId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="操作人ID">{entry.actorId ?? '系统'}</Descriptions.Item>
        <Descriptions.Item label="机关ID">{entry.orgId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="哈希">
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {entry.hash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** 审计日志 (安全审计员): filter, inspect, export, and verify the hash chain. */
export default function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | ApiError | null>(null);
  const log = useQuery((signal) => auditApi.list({ ...filter, ...paging }, signal), [filter, paging]);

  const apply = (v: FilterValues) => {
    setFilter(toFilter(v));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      if (e instanceof ApiError) setVerify(e);
      else message.error('校验失败，请稍后再试');
    } finally {
      setVerifying(false);
    }
  };

  const filterByActor = (actorId: string | null) => {
    if (!actorId) return;
    form.setFieldValue('actorId', actorId);
    apply(form.getFieldsValue());
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => formatDateTimeSeconds(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      render: (name: string, r) =>
        r.actorId ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => filterByActor(r.actorId)}
            title="只看此人的操作"
          >
            {name}
          </Button>
        ) : (
          name
        ),
    },
    {
      title: '操作',
      dataIndex: 'action',
      render: (a: string) => (
        <span>
          {ACTION_LABELS[a] ?? a}
          {ACTION_LABELS[a] ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {a}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: '对象',
      key: 'target',
      render: (_, r) => (
        <span>
          {TARGET_LABELS[r.targetType] ?? r.targetType}
          {r.targetId ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {r.targetId}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: 'IP地址', dataIndex: 'ip', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];

  const filtered = Object.values(filter).some(Boolean);

  return (
    <>
      <PageHeader
        title="审计日志"
        description="系统中的每一次变更都记入审计日志，各条记录以哈希链相连，任何篡改都可被校验发现。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={auditApi.exportUrl(filter)} download>
              导出CSV
            </Button>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void runVerify()}
            >
              校验哈希链
            </Button>
          </>
        }
      />
      {verify ? (
        verify instanceof ApiError ? (
          <ProblemAlert error={verify} />
        ) : verify.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setVerify(null) }}
            role="status"
            style={{ marginBottom: 16 }}
            title={`哈希链完整：已校验 ${verify.checked} 条记录，未发现篡改。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            closable={{ onClose: () => setVerify(null) }}
            style={{ marginBottom: 16 }}
            title="哈希链校验未通过，审计日志可能被篡改"
            description={`已校验 ${verify.checked} 条；第一处断裂在序号 ${verify.firstBreak?.seq ?? '—'}：${verify.firstBreak?.reason ?? '未知原因'}。请立即报告安全管理员并保留现场。`}
          />
        )
      ) : null}
      <Card>
        <Form form={form} layout="vertical" onFinish={apply} aria-label="筛选审计日志" role="search">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label="日期范围" name="range">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4}>
              <Form.Item label="操作" name="action">
                <AutoComplete
                  allowClear
                  placeholder="全部操作"
                  options={Object.entries(ACTION_LABELS).map(([value, label]) => ({
                    value,
                    label: `${label}（${value}）`,
                  }))}
                  filterOption={(input, option) =>
                    String(option?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase())
                  }
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="对象类型" name="targetType">
                <AutoComplete
                  allowClear
                  placeholder="全部类型"
                  options={Object.entries(TARGET_LABELS).map(([value, label]) => ({
                    value,
                    label: `${label}（${value}）`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="操作人ID" name="actorId" tooltip="可点击表格中的操作人姓名快速筛选">
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="对象ID" name="targetId">
                <Input allowClear />
              </Form.Item>
            </Col>
          </Row>
          <Space style={{ marginBottom: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form>
        <ProblemAlert error={log.error} onRetry={log.reload} />
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.loading}
          expandable={{
            expandedRowRender: (r) => <SummaryView entry={r} />,
            columnTitle: <span className="sr-only">展开</span>,
          }}
          locale={{
            emptyText: <EmptyState description={filtered ? '没有符合条件的审计记录' : '暂无审计记录'} />,
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) =>
              setPaging((p) => ({ page: pageSize !== p.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>
      <CheckpointsCard />
    </>
  );
}
