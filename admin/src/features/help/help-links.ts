/**
 * Where each console page's help (？ in the header) leads: a section of the user manual
 * (docs/manual/*.md), shown in the console at /admin/manual/<file>#<heading>. A test checks that every
 * menu entry has one and that every file and heading exists, so no help link is dead.
 */
import { headingSlug } from './markdown';

export interface HelpTarget {
  /** The manual file, without .md (docs/manual/<file>.md). */
  file: string;
  /** The heading text of the section, as written in the file (without the #s). */
  heading?: string;
}

const R = '信息员-依申请公开';
const SYS = '系统角色-三员';

/** Help of each menu entry (features/registry.tsx `key`). */
export const HELP: Record<string, HelpTarget> = {
  home: { file: R, heading: '一、工作台' },
  manual: { file: 'README' },
  // 主动公开
  'catalog-items': { file: 'catalog-roles', heading: '信息员（clerk）' },
  'catalog-queues': { file: 'catalog-roles', heading: '保密审查员（reviewer）' },
  'catalog-columns': { file: 'catalog-roles', heading: '栏目管理（政务公开办）' },
  // 依申请公开
  requests: { file: R, heading: '三、办理' },
  'requests-new': { file: R, heading: '二、登记与确认（政务公开办）' },
  'requests-board': { file: R, heading: '六、期限提醒' },
  'requests-reminders': { file: R, heading: '六、期限提醒' },
  'requests-fees': { file: R, heading: '七、收费台账' },
  'requests-appeals': { file: R, heading: '八、行政复议与诉讼' },
  'requests-promotions': { file: R, heading: '九、转为主动公开' },
  'requests-templates': { file: R, heading: '文书模板（政务公开办）' },
  // 双公示、事故、挂牌督办
  enforcement: { file: '双公示', heading: '一、登记决定' },
  'enforcement-queue': { file: '双公示', heading: '二、审查与审批' },
  'enforcement-import': { file: '双公示', heading: '三、批量导入' },
  'enforcement-items': { file: '双公示', heading: '四、权责清单事项' },
  'enforcement-accidents': { file: '双公示', heading: '五、事故调查报告' },
  'enforcement-hazards': { file: '双公示', heading: '六、挂牌督办' },
  // 年度报告
  'annual-reports': { file: '年度报告', heading: '一、编制与发布' },
  'annual-report-supervision': { file: '年度报告', heading: '二、年报编制进度（上级机关）' },
  'annual-report-checker': { file: '年度报告', heading: '三、年报检查' },
  calendar: { file: SYS, heading: '3. 机构与工作日历' },
  interaction: { file: 'interaction', heading: '二、工作人员怎么办（管理后台“公开业务 → 互动交流”）' },
  'interaction-board': { file: 'interaction', heading: '3. 期限' },
  'interaction-new': { file: 'interaction', heading: '1. 受理（政务公开办）' },
  'interaction-consultations': { file: 'interaction', heading: '7. 意见征集' },
  'interaction-settings': { file: 'interaction', heading: '8. 统计和年度报告' },
  enterprises: { file: 'enterprises', heading: '1. 企业名录与隐患' },
  'enterprises-import': { file: 'enterprises', heading: '2. 企业名录导入' },
  inspections: { file: 'enterprises', heading: '3. 双随机抽查' },
  credit: { file: 'enterprises', heading: '4. 安全生产信用' },
  'enterprise-area': { file: 'enterprises', heading: '一、企业用户（企业专区）' },
  warnings: { file: 'warnings', heading: '一、录入预警（信息员、政务公开办）' },
  notifications: { file: '通知', heading: '一、我的通知' },
  'notify-templates': { file: '通知', heading: '二、消息模板（政务公开办）' },
  'notify-log': { file: '通知', heading: '三、发送记录' },
  events: {
    file: 'events',
    heading: '一、活动（新闻发布会、政策吹风会、听证会、论证会、政务论坛、政府开放日、宣传活动）',
  },
  proposals: { file: 'events', heading: '二、建议提案办理' },
  statistics: { file: 'statistics', heading: '二、控制台：统计分析' },
  'supervision-board': { file: 'supervision', heading: '一、监督看板（管理后台“公开业务 → 监督看板”）' },
  'supervision-requests': { file: 'supervision', heading: '一、监督看板（管理后台“公开业务 → 监督看板”）' },
  'supervision-tasks': { file: 'supervision', heading: '二、下达督办' },
  selfcheck: { file: 'selfcheck', heading: '三、看报告' },
  scorecards: { file: 'scorecards', heading: '二、考核方：计算、排名、人工评分' },
  orgs: { file: SYS, heading: '3. 机构与工作日历' },
  users: { file: SYS, heading: '1. 新建账号' },
  logins: { file: SYS, heading: '二、安全管理员' },
  audit: { file: SYS, heading: '三、安全审计员' },
};

/** The console address of a help target. */
export function helpHref(t: HelpTarget): string {
  return `/admin/manual/${encodeURIComponent(t.file)}${t.heading ? `#${encodeURIComponent(headingSlug(t.heading))}` : ''}`;
}
