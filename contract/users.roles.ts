/**
 * What the roles of contract/users.ts mean: their Chinese labels, which of them are the 三员 system
 * roles, and the permissions each grants. The server enforces the grants (server/modules/users/roles.ts,
 * deny by default); the console shows the same labels and its tests sign in with the same grant sets.
 * Plain values without TypeBox, so the console bundle takes them without the schema library.
 */
import type { PermissionT, RoleT } from './users.js';

export const ROLE_LABELS: Record<RoleT, string> = {
  clerk: '信息员',
  reviewer: '保密审查员',
  leader: '分管领导',
  principal_leader: '主要领导',
  office: '政务公开办',
  supervisor: '上级监督',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
  enterprise: '企业用户',
};

/** 三员: separated from each other and from every business role. */
export const SYSTEM_ROLES: readonly RoleT[] = ['sysadmin', 'secadmin', 'auditor'];

/** The permissions each role grants (a route names the one it needs; nothing else grants it). */
export const ROLE_GRANTS: Record<RoleT, readonly PermissionT[]> = {
  clerk: [
    'org.read',
    'business.read',
    'catalog.draft',
    'requests.handle',
    'enforcement.manage',
    'interaction.handle',
    'enterprises.manage',
    'events.manage',
    'warnings.draft',
    'supervision.reply',
  ],
  reviewer: ['org.read', 'business.read', 'catalog.review', 'requests.handle', 'interaction.handle'],
  leader: [
    'org.read',
    'business.read',
    'catalog.approve',
    'requests.approve',
    'report.approve',
    'interaction.approve',
    'warnings.approve',
  ],
  principal_leader: [
    'org.read',
    'business.read',
    'catalog.approve',
    'catalog.approve.principal',
    'interaction.approve',
    'requests.approve',
    'report.approve',
    'warnings.approve',
  ],
  office: [
    'org.read',
    'org.settings',
    'user.manage.agency',
    'business.read',
    'calendar.manage',
    'catalog.draft',
    'catalog.admin',
    'requests.handle',
    'requests.admin',
    'requests.approve',
    'enforcement.manage',
    'report.edit',
    'interaction.handle',
    'interaction.admin',
    'interaction.unmask',
    'enterprises.manage',
    'events.manage',
    'warnings.draft',
    'selfcheck.run',
    'scorecards.view-own',
    'scorecards.contest',
    'supervision.issue',
    'supervision.reply',
  ],
  // read-only over the agencies below, plus 督办 tasks (issue and accept); no business write permission
  supervisor: ['org.read', 'business.read', 'supervise.read', 'scorecards.manage', 'supervision.issue'],
  sysadmin: ['org.read', 'org.manage', 'user.manage.system', 'calendar.manage'],
  secadmin: ['org.read', 'security.read'],
  auditor: ['org.read', 'audit.read'],
  enterprise: ['enterprise.self'],
};
