import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  List,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { interactionApi, type ImportResult, type KindSettings, type StatCell } from './api';

function SettingsTable() {
  const { can } = useAuth();
  const q = useQuery((signal) => interactionApi.settings(signal), []);
  const [error, setError] = useState<unknown>(null);
  const save = async (row: KindSettings, patch: Partial<KindSettings>) => {
    const { label: _label, ...rest } = { ...row, ...patch };
    try {
      await interactionApi.putSettings(rest);
      setError(null);
      q.reload();
    } catch (e) {
      setError(e);
    }
  };
  const editable = can('interaction.admin');
  return (
    <Card size="small" title="类别设置（时限为工作日，按工作日历计算）" style={{ marginBottom: 16 }}>
      <ProblemAlert error={error ?? q.error} />
      <Table<KindSettings>
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={q.data ?? []}
        scroll={{ x: 700 }}
        columns={[
          { title: '类别', dataIndex: 'label' },
          {
            title: '开通',
            render: (_, r) => (
              <Checkbox
                disabled={!editable}
                checked={r.enabled}
                onChange={(e) => void save(r, { enabled: e.target.checked })}
              />
            ),
          },
          {
            title: '受理时限',
            render: (_, r) => (
              <InputNumber
                disabled={!editable}
                min={1}
                max={60}
                defaultValue={r.acceptWorkdays}
                onBlur={(e) => void save(r, { acceptWorkdays: Number(e.target.value) })}
                aria-label={`${r.label}受理时限`}
              />
            ),
          },
          {
            title: '答复时限',
            render: (_, r) => (
              <InputNumber
                disabled={!editable}
                min={1}
                max={60}
                defaultValue={r.answerWorkdays}
                onBlur={(e) => void save(r, { answerWorkdays: Number(e.target.value) })}
                aria-label={`${r.label}答复时限`}
              />
            ),
          },
          {
            title: '可选登',
            render: (_, r) => (
              <Checkbox
                disabled={!editable}
                checked={r.publishable}
                onChange={(e) => void save(r, { publishable: e.target.checked })}
              />
            ),
          },
          {
            title: '需领导签发',
            render: (_, r) => (
              <Checkbox
                disabled={!editable}
                checked={r.signOffRequired}
                onChange={(e) => void save(r, { signOffRequired: e.target.checked })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function Snippets() {
  const { can } = useAuth();
  const q = useQuery((signal) => interactionApi.snippets(signal), []);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const add = async () => {
    try {
      await interactionApi.saveSnippet({ title, body });
      setTitle('');
      setBody('');
      setError(null);
      q.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" title="常用答复" style={{ marginBottom: 16 }}>
      <ProblemAlert error={error ?? q.error} />
      <List
        size="small"
        dataSource={q.data ?? []}
        renderItem={(s) => (
          <List.Item
            actions={
              can('interaction.admin')
                ? [
                    <a key="d" onClick={() => void interactionApi.deleteSnippet(s.id).then(q.reload)}>
                      删除
                    </a>,
                  ]
                : []
            }
          >
            <List.Item.Meta title={s.title} description={s.body} />
          </List.Item>
        )}
      />
      {can('interaction.admin') && (
        <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
          <Input
            placeholder="标题"
            value={title}
            maxLength={100}
            onChange={(e) => setTitle(e.target.value)}
            aria-label="常用答复标题"
          />
          <Input.TextArea
            placeholder="内容"
            rows={3}
            value={body}
            maxLength={5000}
            onChange={(e) => setBody(e.target.value)}
            aria-label="常用答复内容"
          />
          <Button onClick={() => void add()}>添加</Button>
        </Space>
      )}
    </Card>
  );
}

function Hotline() {
  const { can } = useAuth();
  const token = useQuery(
    (signal) => (can('interaction.admin') ? interactionApi.tokenInfo(signal) : Promise.resolve(null)),
    [],
  );
  const [shown, setShown] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <Card size="small" title="12345热线工单" style={{ marginBottom: 16 }}>
      <ProblemAlert error={error} />
      <Space wrap>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            interactionApi.importOrders(file).then(setResult, setError);
            return false;
          }}
        >
          <Button>导入工单（CSV / .xlsx）</Button>
        </Upload>
        <a href={interactionApi.templateUrl}>下载导入模板</a>
      </Space>
      {result && (
        <Alert
          style={{ marginTop: 8 }}
          type={result.errors.length ? 'error' : 'success'}
          message={
            result.errors.length
              ? `文件有${result.errors.length}处错误，未导入任何工单`
              : `新增${result.created}件，已存在未变${result.unchanged}件`
          }
          description={
            result.errors.length ? (
              <List
                size="small"
                dataSource={result.errors}
                renderItem={(e) => <List.Item>{`第${e.row}行【${e.column}】${e.reason}`}</List.Item>}
              />
            ) : undefined
          }
        />
      )}
      {can('interaction.admin') && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph>
            推送接口：<code>POST /inbound/12345/orders</code>，请求头 <code>Authorization: Bearer 令牌</code>
            。
            {token.data?.issuedAt ? `当前令牌生成于 ${token.data.issuedAt.slice(0, 10)}。` : '尚未生成令牌。'}
          </Typography.Paragraph>
          <Button
            onClick={() =>
              void interactionApi.rotateToken().then((r) => (setShown(r.token), token.reload()), setError)
            }
          >
            生成新令牌（旧令牌失效）
          </Button>
          {shown && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              message={
                <span>
                  新令牌（只显示一次）：<code>{shown}</code>
                </span>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}

function StatsCard() {
  const q = useQuery((signal) => interactionApi.stats({}, signal), []);
  return (
    <Card size="small" title={`统计（${q.data?.from ?? ''} 至 ${q.data?.to ?? ''}）`}>
      <ProblemAlert error={q.error} />
      <Table<StatCell>
        rowKey={(r) => `${r.month}-${r.kind}`}
        size="small"
        pagination={false}
        scroll={{ x: 800 }}
        dataSource={q.data?.cells ?? []}
        columns={[
          { title: '月份', dataIndex: 'month' },
          { title: '类别', dataIndex: 'kind' },
          { title: '收件', dataIndex: 'received' },
          { title: '受理', dataIndex: 'accepted' },
          { title: '答复', dataIndex: 'answered' },
          { title: '按期答复', dataIndex: 'answeredOnTime' },
          { title: '平均工作日', dataIndex: 'avgWorkdays', render: (v: number | null) => v ?? '—' },
          {
            title: '满意率',
            dataIndex: 'satisfactionRate',
            render: (v: number | null) => (v === null ? '—' : `${v}%`),
          },
        ]}
      />
    </Card>
  );
}

/** Settings, common replies, 12345 import/token and statistics of 互动交流. */
export default function SettingsPage() {
  return (
    <div>
      <PageHeader title="互动交流设置与统计" />
      <SettingsTable />
      <Snippets />
      <Hotline />
      <StatsCard />
    </div>
  );
}
