/**
 * Roles and the permissions they grant. Deny by default: a route names the permission it needs and
 * only the roles whose grants list it (contract/users.roles.ts) grant it. The three 等保 system roles (sysadmin, secadmin, auditor) are
 * separated from each other and from every business permission.
 */
// The names, labels and grants are the API contract's (contract/users.ts, users.roles.ts: the console shows
// the same labels and its tests use the same grants); enforcing them is this file's rule.
import { ROLES, type PermissionT } from '../../../contract/users.js';
import { ROLE_GRANTS, ROLE_LABELS, SYSTEM_ROLES } from '../../../contract/users.roles.js';
export { ROLE_LABELS, ROLES, SYSTEM_ROLES };
export type Role = (typeof ROLES)[number];

export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => !SYSTEM_ROLES.includes(r));

export const PERMISSIONS = {
  'org.read': '查看机构',
  'org.settings': '维护本机关设置',
  'org.manage': '维护机构树',
  'user.manage.agency': '管理本机关业务用户',
  'user.manage.system': '管理全部用户与系统角色',
  'security.read': '查看登录日志、解锁账号',
  'audit.read': '查看与导出审计日志',
  'business.read': '查看本机关业务数据',
  'supervise.read': '查看下级机关业务数据',
  'calendar.manage': '维护工作日历',
  'catalog.draft': '起草公开信息',
  'catalog.review': '保密审查',
  'catalog.approve': '分管领导审批',
  'catalog.approve.principal': '主要领导审批',
  'catalog.admin': '维护栏目与发布',
  'requests.handle': '办理依申请公开',
  'requests.admin': '登记、分办与签发依申请公开',
  'requests.approve': '审批延期与答复',
  'enforcement.manage': '维护双公示信息',
  'report.edit': '编制年度报告',
  'report.approve': '审批年度报告',
  'warnings.draft': '起草预警信息',
  'warnings.approve': '审批、解除预警信息',
  'events.manage': '维护新闻发布、听证等活动与建议提案办理',
  'interaction.handle': '办理互动交流（信箱、咨询、投诉、12345工单）',
  'interaction.admin': '互动交流受理、分办、选登与意见征集',
  'interaction.approve': '签发互动交流答复',
  'interaction.unmask': '查看来信人（举报人）身份信息',
  'enterprises.manage': '维护企业名录、双随机检查与安全信用',
  'enterprise.self': '企业用户：本企业信息与隐患自查自报',
  'supervision.issue': '下达、验收督办事项',
  'supervision.reply': '答复督办事项（本机关或本科室）',
  'scorecards.manage': '设置考核指标、评分、答复申诉（考核方）',
  'scorecards.view-own': '查看本机关考核结果',
  'scorecards.contest': '对本机关考核得分提出申诉',
  'selfcheck.run': '检查指标自查：立即检查本机关门户网站',
} as const satisfies Record<PermissionT, string>;
export type Permission = keyof typeof PERMISSIONS;

const GRANTS: Record<Role, readonly Permission[]> = ROLE_GRANTS;

/** The union of permissions granted by a set of roles. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of GRANTS[role]) out.add(p);
  return out;
}

/** Whether a role set may be held by one person: system roles are exclusive (三员分立). */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少分配一个角色';
  const system = roles.filter((r) => SYSTEM_ROLES.includes(r));
  if (system.length > 1) return '系统管理员、安全管理员、安全审计员须由不同人员担任';
  if (system.length === 1 && roles.length > 1) return '系统角色不得与业务角色兼任';
  if (roles.includes('enterprise') && roles.length > 1) return '企业用户不得兼任机关角色';
  return null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
