import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { formFieldErrors } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { Link, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { calendarApi, type YearView } from './api';
import { Legend, YearGrid } from './YearGrid';
import { cycleDay, withLists, type EditableSchedule } from './yearGrid';
import { CoverageTag } from './CalendarPage';

const EMPTY: EditableSchedule = { holidays: [], adjustedWorkdays: [], holidayNames: {} };

function fromView(v: YearView): EditableSchedule {
  return v.schedule
    ? {
        holidays: v.schedule.holidays,
        adjustedWorkdays: v.schedule.adjustedWorkdays,
        holidayNames: v.schedule.holidayNames,
      }
    : EMPTY;
}

/** One year's 放假安排: calendar view, and for calendar admins the editor (click days or type dates). */
export default function YearEditor({ year }: { year: number }) {
  const { can } = useAuth();
  const { navigate } = useRoute();
  const { message } = AntApp.useApp();
  const manage = can('calendar.manage');
  const view = useQuery((signal) => calendarApi.year(year, signal), [year]);
  const [schedule, setSchedule] = useState<EditableSchedule>(EMPTY);
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const [holidayName, setHolidayName] = useState('');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [recomputed, setRecomputed] = useState<string[]>([]);

  const reset = (v: YearView) => {
    setSchedule(fromView(v));
    setSource(v.override?.source ?? '');
    setNote(v.override?.note ?? '');
    setDirty(false);
    setError(null);
    setFieldErrors({});
  };

  useEffect(() => {
    if (view.data) reset(view.data);
  }, [view.data]);

  const change = (next: EditableSchedule) => {
    setSchedule(next);
    setDirty(true);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    setFieldErrors({});
    try {
      const res = await calendarApi.putYear(year, { ...schedule, source, note: note || null });
      setRecomputed(res.recomputed.map((r) => r.summary));
      message.success(res.changed ? `${year}年放假安排已保存` : '内容未变化，无需保存');
      view.reload();
    } catch (e) {
      setError(e);
      setFieldErrors(Object.fromEntries(formFieldErrors(e).map((f) => [f.name, f.errors])));
    } finally {
      setSaving(false);
    }
  };

  const revert = async () => {
    setError(null);
    try {
      const res = await calendarApi.revertYear(year);
      setRecomputed(res.recomputed.map((r) => r.summary));
      message.success(res.year.builtIn ? '已恢复为内置数据' : '已撤销录入，该年恢复为未发布');
      view.reload();
    } catch (e) {
      setError(e);
    }
  };

  const v = view.data;
  const fieldStatus = (name: string) => (fieldErrors[name] ? ('error' as const) : undefined);
  const help = (name: string) => fieldErrors[name]?.join('；');

  return (
    <div>
      <PageHeader
        title={`${year}年放假安排`}
        description={
          <Link to="/calendar">
            <LeftOutlined /> 返回工作日历
          </Link>
        }
        extra={
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => navigate(`/calendar/${year - 1}`)}>
              {year - 1}年
            </Button>
            <Button onClick={() => navigate(`/calendar/${year + 1}`)}>
              {year + 1}年 <RightOutlined />
            </Button>
          </Space>
        }
      />
      <ProblemAlert error={view.error} onRetry={view.reload} />
      {v ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {v.status === 'missing' ? (
            <Alert
              type="warning"
              showIcon
              title={`截止日期为预估：${year}年放假安排尚未发布`}
              description="该年尚无国务院办公厅放假安排，涉及该年的工作日按周一至周五预估，计算结果均标注“预估”。通知发布后请录入。"
            />
          ) : null}
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="覆盖情况">
                <CoverageTag status={v.status} />
              </Descriptions.Item>
              <Descriptions.Item label="来源">{v.schedule?.source ?? '—'}</Descriptions.Item>
              {v.override ? (
                <>
                  <Descriptions.Item label="最后修改">
                    {v.override.updatedByName} {formatDateTime(v.override.updatedAt)}
                  </Descriptions.Item>
                  <Descriptions.Item label="备注">{v.override.note ?? '—'}</Descriptions.Item>
                </>
              ) : null}
              {v.status === 'override' && v.builtIn ? (
                <Descriptions.Item label="内置数据">
                  已被管理员录入替换（内置：放假 {v.builtInSchedule?.holidays.length ?? 0} 天、调休上班{' '}
                  {v.builtInSchedule?.adjustedWorkdays.length ?? 0} 天）
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              每次修改（修改前后的内容）记入审计日志，安全审计员可在“审计日志”中按对象类型 calendar_year
              查看。
            </Typography.Text>
          </Card>
          {recomputed.length ? (
            <Alert
              type="info"
              showIcon
              title="已通知相关业务重新计算期限"
              description={recomputed.join('；')}
            />
          ) : null}
          <Card
            title={manage ? '日历（点击日期切换：工作日 → 放假；周末：休息日 → 放假 → 调休上班）' : '日历'}
            extra={<Legend />}
          >
            {manage ? (
              <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
                <label htmlFor="gk-holiday-name">新标记放假日的节日名称</label>
                <Input
                  id="gk-holiday-name"
                  style={{ width: 160 }}
                  placeholder="如：春节"
                  maxLength={20}
                  value={holidayName}
                  onChange={(e) => setHolidayName(e.target.value)}
                />
              </Flex>
            ) : null}
            <YearGrid
              year={year}
              schedule={manage ? schedule : fromView(v)}
              onToggle={manage ? (iso) => change(cycleDay(schedule, iso, holidayName)) : undefined}
            />
          </Card>
          {manage ? (
            <Card title={v.status === 'missing' ? '录入放假安排' : '更正放假安排'}>
              <ProblemAlert error={error} />
              <Form layout="vertical" onFinish={save}>
                <Form.Item
                  label="放假日期（含假期内的周末）"
                  htmlFor="gk-holidays"
                  validateStatus={fieldStatus('holidays')}
                  help={help('holidays')}
                  extra="可点击上方日历，也可输入 YYYY-MM-DD 后回车；可含上一年 12 月的日期（元旦假期跨年时）。"
                >
                  <Select
                    id="gk-holidays"
                    mode="tags"
                    tokenSeparators={[',', '，', ' ']}
                    value={schedule.holidays}
                    onChange={(list: string[]) =>
                      change(withLists(schedule, list, schedule.adjustedWorkdays))
                    }
                    open={false}
                  />
                </Form.Item>
                <Form.Item
                  label="调休上班日期（周六、周日）"
                  htmlFor="gk-workdays"
                  validateStatus={fieldStatus('adjustedWorkdays')}
                  help={help('adjustedWorkdays')}
                >
                  <Select
                    id="gk-workdays"
                    mode="tags"
                    tokenSeparators={[',', '，', ' ']}
                    value={schedule.adjustedWorkdays}
                    onChange={(list: string[]) => change(withLists(schedule, schedule.holidays, list))}
                    open={false}
                  />
                </Form.Item>
                <Form.Item
                  label="来源（国务院办公厅通知名称及文号）"
                  htmlFor="gk-source"
                  required
                  validateStatus={fieldStatus('source')}
                  help={help('source')}
                >
                  <Input
                    id="gk-source"
                    maxLength={300}
                    value={source}
                    placeholder={`国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔${year - 1}〕…号）`}
                    onChange={(e) => {
                      setSource(e.target.value);
                      setDirty(true);
                    }}
                  />
                </Form.Item>
                <Form.Item label="备注" htmlFor="gk-note">
                  <Input.TextArea
                    id="gk-note"
                    maxLength={1000}
                    rows={2}
                    value={note}
                    placeholder="如：更正内置数据中的错误"
                    onChange={(e) => {
                      setNote(e.target.value);
                      setDirty(true);
                    }}
                  />
                </Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" loading={saving}>
                    保存
                  </Button>
                  <Button disabled={!dirty} onClick={() => reset(v)}>
                    放弃修改
                  </Button>
                  {v.builtInSchedule ? (
                    <Button
                      onClick={() =>
                        change({
                          holidays: v.builtInSchedule!.holidays,
                          adjustedWorkdays: v.builtInSchedule!.adjustedWorkdays,
                          holidayNames: v.builtInSchedule!.holidayNames,
                        })
                      }
                    >
                      载入内置数据
                    </Button>
                  ) : null}
                  {v.status === 'override' ? (
                    <Popconfirm
                      title={
                        v.builtIn
                          ? '撤销录入并恢复内置数据？'
                          : '撤销录入？该年将恢复为“未发布”（按周一至周五预估）'
                      }
                      okText="撤销"
                      cancelText="取消"
                      onConfirm={revert}
                    >
                      <Button danger>撤销录入</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              </Form>
            </Card>
          ) : null}
        </Space>
      ) : null}
    </div>
  );
}
