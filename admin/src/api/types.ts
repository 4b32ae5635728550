import type { Static } from 'typebox';
import type { Problem } from '@contract/common';
import type {
  CreateOrgBody,
  OrgKind as OrgKindSchema,
  OrgView as OrgViewSchema,
  UpdateOrgBody,
} from '@contract/orgs';
/**
 * Shapes of the Gongkai HTTP API as the console sees them (mirrors the TypeBox schemas in
 * server/modules/<name>/<name>.routes.ts; keep in step when a route changes).
 */

/** Permission strings granted by roles (server/modules/users/roles.ts). */
export type Permission =
  | 'org.read'
  | 'org.settings'
  | 'org.manage'
  | 'user.manage.agency'
  | 'user.manage.system'
  | 'security.read'
  | 'audit.read'
  | 'business.read'
  | 'supervise.read'
  | 'calendar.manage'
  | 'catalog.draft'
  | 'catalog.review'
  | 'catalog.approve'
  | 'catalog.approve.principal'
  | 'catalog.admin'
  | 'requests.handle'
  | 'requests.admin'
  | 'requests.approve'
  | 'enforcement.manage'
  | 'events.manage'
  | 'supervision.issue'
  | 'supervision.reply'
  | 'selfcheck.run'
  | 'scorecards.manage'
  | 'scorecards.view-own'
  | 'scorecards.contest'
  | 'report.edit'
  | 'report.approve'
  | 'interaction.handle'
  | 'interaction.admin'
  | 'interaction.approve'
  | 'interaction.unmask'
  | 'enterprises.manage'
  | 'enterprise.self'
  | 'warnings.draft'
  | 'warnings.approve';

export type Role =
  | 'clerk'
  | 'reviewer'
  | 'leader'
  | 'principal_leader'
  | 'office'
  | 'supervisor'
  | 'sysadmin'
  | 'secadmin'
  | 'auditor'
  | 'enterprise';

/** 三员 (system roles) may not be combined with each other or with business roles. */
export const SYSTEM_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  divisionId: string | null;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  /** No password yet (created by the system administrator): the office or the operator issues one. */
  passwordPending?: boolean;
}

export interface SessionView {
  user: UserView | null;
  permissions: Permission[];
  csrfToken: string;
}

export interface LoginResult {
  user: UserView;
  permissions: Permission[];
}

export interface RoleOption {
  role: Role;
  label: string;
}

// Organisations: the shapes come from the API contract (contract/orgs.ts).
export type OrgKind = Static<typeof OrgKindSchema>;

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  government: '人民政府',
  department: '政府部门',
  division: '内设科室',
  unit: '所属事业单位',
};

/** Agency settings shown in the 指南 and the portal footer. */
export type OrgSettings = Omit<
  OrgView,
  'id' | 'parentId' | 'kind' | 'code' | 'name' | 'isDefault' | 'sortOrder' | 'retired'
>;
export type OrgView = Static<typeof OrgViewSchema>;
export type CreateOrgInput = Static<typeof CreateOrgBody>;
export type UpdateOrgInput = Static<typeof UpdateOrgBody>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  orgId: string;
  divisionId?: string | null;
  roles: Role[];
  password?: string;
}

export interface UpdateUserInput {
  displayName?: string;
  divisionId?: string | null;
  roles?: Role[];
}

export interface LoginRecord {
  id: string;
  username: string;
  userId: string | null;
  success: boolean;
  reason: string;
  ip: string | null;
  userAgent: string | null;
  at: string;
}

/** What an audit row's `summary` usually holds; other keys may appear. */
export interface AuditSummary {
  before?: unknown;
  after?: unknown;
  note?: string;
  [key: string]: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: AuditSummary | null;
  ip: string | null;
  requestId: string | null;
  hash: string;
}

export interface AuditFilter {
  orgId?: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive calendar dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBreak: { seq: number; reason: string } | null;
}

/**
 * RFC 9457 problem document as the server sends it (contract/common.ts `ProblemSchema`); domain errors
 * add their details (e.g. `field`) at top level.
 */
export type ProblemDocument = Partial<Pick<Problem, 'type' | 'title' | 'instance' | 'requestId'>> &
  Pick<Problem, 'status' | 'code' | 'detail' | 'errors'> & { field?: string; [key: string]: unknown };
